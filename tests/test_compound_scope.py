"""A hyphenated word of a rule's subject is named only when each of its parts is
(assistant/naming.py `word_named`): "before-and-after photos" is not the subject of a case
that says "before we start advertising", though "before" is one of its parts."""

from __future__ import annotations

from policydesk.assistant.execute import run_rule
from policydesk.assistant.question import analyse
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import rule_scope
from policydesk.core.types import Chunk, Filters, Rule

QUOTE = "- **Before-and-after images:** Ads can't show before-and-after photos of a client's kitchen."


def _run(question: str):
    rule = Rule(id="REN-2/p1", quote=QUOTE, decision="reject", conditions=[], scope=rule_scope(QUOTE))
    chunk = Chunk(id="c", text=QUOTE, source="renovation.md", title="Home renovation services", section="Not allowed", position=2)
    return run_rule(rule, "prose", chunk, 0, read_case_facts(question, Filters()), 0.5, analyse(question, None).named)


def test_one_part_of_the_compound_is_not_the_compound():
    run = _run("We fit worktops. Anything to check before we start advertising?")
    assert not run.applicable and "not what the case is about" in run.reason


def test_the_compound_named_in_full_is():
    run = _run("Can our ad use before-and-after images of a worktop we fitted?")
    assert run.applicable, run.reason
    assert run.outcome == "reject"
