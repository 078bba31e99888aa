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


def _chunk(text: str, title: str = "Debt advice services") -> Chunk:
    chunk = Chunk(id="p-1", source="p.txt", title=title, section="Audience",
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


# ---------------------------------------------------------------- "must not be promoted as X"
KNIFE = "Locking knives with a blade over 3 inches are allowed, but must not be promoted as everyday carry or for carrying in public."


def test_a_ban_on_presenting_the_thing_as_something_is_a_claim_ban():
    from policydesk.core.condition_reading import executable_conditions

    conds = executable_conditions(KNIFE, "restrict")
    assert "no_claim:everyday carry" in conds and "no_claim:for carrying in public" in conds
    assert "no_claim:a substitute for sleep" not in executable_conditions("Energy drinks may be advertised, but must not be marketed as a substitute for sleep.", "restrict")
    assert "no_claim:substitute for sleep" in executable_conditions("Energy drinks may be advertised, but must not be marketed as a substitute for sleep.", "restrict")
    # a prohibition's claims are read by the claim-ban reader, not here
    assert not any(c.startswith("no_claim:everyday") for c in executable_conditions("Knives must not be promoted as everyday carry.", "reject"))


def test_ad_copy_presenting_it_so_breaks_the_rule():
    chunk = _chunk(KNIFE, "Knives")
    rule = chunk.logic[0]
    assert rule.decision == "restrict" and "no_claim:everyday carry" in rule.conditions
    assert _run(chunk, "Locking knife, 3.5 inch blade. Ad headline: 'Your new everyday carry'. OK?").outcome == "reject"
    # copy that presents it otherwise does not, and a case quoting no copy stays under the condition
    assert _run(chunk, "Locking knife, 3.5 inch blade. Ad headline: 'Built for the campsite'. OK?").outcome != "reject"
    assert _run(chunk, "Locking knife with a 3.5 inch blade, can we advertise it?").outcome == "restrict"


# ---------------------------------------------------------------- a describing participle
def test_a_participle_describing_a_noun_does_not_make_a_prohibition_a_restriction():
    from policydesk.core.reading import decide

    ban = "Ads for SIM cards sold without the identity checks required by local law will not be accepted."
    assert decide(ban)[0] == "reject"
    # the participle as the sentence's own predicate still requires
    assert decide("A licence is required by law, and ads without one will not be accepted.")[0] == "restrict"
    assert decide("Ads must carry the warnings required by local law.")[0] == "restrict"


def test_sold_without_narrows_what_the_prohibition_bans():
    from policydesk.core.qualifier import read_qualifiers

    found, _ = read_qualifiers("Ads for SIM cards sold without the identity checks required by local law will not be accepted.")
    assert len(found) == 1 and {"sim", "card"} <= found[0].before and "ident" in found[0].words


def test_a_ban_on_saying_something_in_a_permission_is_a_claim_ban():
    from policydesk.core.condition_reading import executable_conditions

    conds = executable_conditions("An ad may state that no credit check is needed, but must not state that approval is guaranteed.", "restrict")
    assert "no_claim:approval is guaranteed" in conds
    assert "no_claim:the credit as a cash payment" not in executable_conditions("Ads must not present the credit as a cash payment.", "restrict")
    assert "no_claim:cash payment" in executable_conditions("Ads must state the terms and must not present the credit as a cash payment.", "restrict")
    # a ban lifted on a condition is not read: its lift is no claim
    assert not any(c.startswith("no_claim:") for c in executable_conditions(
        'An ad may not describe a handset as "free" unless the customer pays nothing for it.', "restrict"))
    assert not any(c.startswith("no_claim:") for c in executable_conditions(
        "They must not be described as new unless they are unused.", "restrict"))


def test_copy_saying_the_banned_thing_breaks_the_permission():
    chunk = _chunk("Pawn loans may be advertised, but ads must not state that approval is guaranteed.", "Pawn loans")
    assert _run(chunk, "Pawn loan ad: 'Approval guaranteed, cash today'. OK?").outcome == "reject"
    assert _run(chunk, "Pawn loan ad: 'Cash today against your gold'. OK?").outcome != "reject"


# ---------------------------------------------------------------- a term the clause quotes
def test_a_term_the_clause_quotes_and_the_question_uses_is_scope_evidence():
    from policydesk.assistant.scope_evidence import named_wording

    clause = 'Ads must not offer sex selection or "family balancing" for non-medical reasons.'
    assert named_wording("family balancing packages with IVF, allowed?", clause) == "family balancing"
    assert named_wording("Can we advertise 'family balancing'?", clause) == "family balancing"
    # part of the term, or a one-word term any question may use, is no evidence
    assert named_wording("balancing work and family with IVF", clause) is None
    assert named_wording("a free consultation", 'Ads must not call a consultation "free".') is None


# ---------------------------------------------------------------- a passive duty to carry
def test_a_passive_duty_to_carry_is_a_disclosure_requirement():
    from policydesk.core.condition_reading import executable_conditions

    assert "requires:disclosure" in executable_conditions("From 14 April 2025 the number must also appear in the ad itself.", "restrict")
    assert "requires:disclosure" in executable_conditions("In the United Kingdom the firm reference number must be shown on the landing page.", "restrict")
    assert "requires:disclosure" not in executable_conditions("Ads must be shown only to adults.", "restrict")


def test_a_fronted_date_or_place_is_not_what_must_be_carried():
    from policydesk.core.disclosure import refused, required_items

    rule = "From 14 April 2025 the number must also appear in the ad itself."
    assert [i.text for i in required_items(rule)] == ["the number"]
    assert [i.text for i in required_items("In the United Kingdom the firm reference number must be shown on the landing page.")] == ["the firm reference number"]
    question = "The firm ref number is on our landing page (we don't put it in the ad itself). UK, 21+."
    assert refused(rule, question)
    chunk = _chunk(rule, "Claims firms")
    assert "requires:disclosure" in chunk.logic[0].conditions
