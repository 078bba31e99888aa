"""Session 18 (reject cases answered `restrict`): a stated fact breaking a rule the reader failed
to bind to the case. Invented policy sentences and questions; real clause logic, real rule
execution."""

from __future__ import annotations

import pytest

from policydesk.assistant.execute import run_rule
from policydesk.assistant.question import analyse
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import read_clause_logic, rule_scope
from policydesk.core.types import Chunk, Filters


def _chunk(text: str, cid: str = "p-1") -> Chunk:
    chunk = Chunk(id=cid, source="p.txt", title="Debt advice services", section="Audience",
                  clause_id=None, decision=None, markets=["global"], position=1, text=text)
    chunk.logic = read_clause_logic(chunk)
    return chunk


def _run(chunk: Chunk, question: str, market: str | None = None):
    facts = read_case_facts(question, Filters(market=market))
    return run_rule(chunk.logic[0], "prose", chunk, 0, facts, 0.0, analyse(question, market).named)


# ---------------------------------------------------------------- an editor's tag is no subject
@pytest.mark.parametrize("tag", ["[CHANGED]", "[NEW]", "[Updated]", "- [NEW]"])
def test_an_editors_tag_is_no_word_of_the_subject(tag):
    plain = rule_scope("Debt advice ads must be targeted only at users aged 21 or over.")
    assert plain == ["debt", "advice"]
    assert rule_scope(f"{tag} Debt advice ads must be targeted only at users aged 21 or over.") == plain


def test_a_tick_box_and_a_bracketed_subject_word_are_not_editors_tags():
    # a tick box is read as before; a lower-case bracketed word is no tag
    assert rule_scope("[ ] Debt advice ads must be targeted only at users aged 21 or over.") == ["debt", "advice"]
    assert "kratom" in rule_scope("[kratom] teas must be targeted only at users aged 21 or over.")


def test_a_tagged_floor_binds_the_case_it_names():
    chunk = _chunk("[CHANGED] Debt advice ads must be targeted only at users aged 21 or over.")
    run = _run(chunk, "UK debt advice firm, we want to reach 18-25 year olds. OK?", "GB")
    assert run.applicable, run.reason
    assert run.outcome == "reject"
    # and a case over the floor meets it
    assert _run(chunk, "UK debt advice firm, audience 25+. OK?", "GB").outcome == "approve"
