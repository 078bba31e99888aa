"""A declared requirement written for another subject does not bind a case an outright
allowance is declared for (issue #13). "Ads without a visible number will be disapproved" adds
no subject to its clause: the number is what the clause requires, not what it is about
(core/clause_logic.py `clause_subject`), so a sportswear ad asking about the number is not one
of the supplements the clause governs, and the allowance declared for sportswear decides
(assistant/precedence.py `decide`). Sentences invented for these tests."""

from policydesk.assistant.execute import run_rule
from policydesk.assistant.precedence import decide
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import clause_subject, read_clause_logic
from policydesk.core.terms import terms
from policydesk.core.types import Chunk, Filters

REQUIREMENT = ("Herbal teas and detox drinks advertised in Norway must display the registration number issued by the "
               "national food authority. Ads without a visible number will be disapproved.")
ALLOWANCE = "Ads for yoga mats, running shoes and sportswear are allowed in all markets."


def _chunk(text, cid, decision, markets):
    ch = Chunk(id=cid, text=text, source="h.md", policy_id="HERB", title="Herbal Products Policy", clause_id=cid,
               decision=decision, markets=markets)
    return ch.model_copy(update={"subject": clause_subject(text), "logic": read_clause_logic(ch)})


def test_a_lacking_ad_sentence_adds_no_subject():
    # "advertised" is the act every rule is about, no word of its subject (core/terms.py GENERIC)
    assert clause_subject(REQUIREMENT) == ["herbal", "teas", "detox", "drinks"]
    assert "number" in clause_subject("Herbal teas must display the registration number. Ads that show the number are welcome.")


def _verdict(question):
    chunks = [_chunk(REQUIREMENT, "HRB-1", "restrict", ["NO"]), _chunk(ALLOWANCE, "HRB-2", "approve", [])]
    facts = read_case_facts(question, Filters())
    runs = [run_rule(r, "marker", ch, i, facts, question_terms=terms(question)) for i, ch in enumerate(chunks) for r in ch.logic]
    return decide(runs)


def test_the_allowance_for_the_case_decides_over_another_subjects_requirement():
    v = _verdict("Sportswear brand in Norway - do we need a registration number?")
    assert v.decision == "approve" and v.deciding.rule.id == "HRB-2"


def test_the_requirement_still_binds_its_own_subject():
    v = _verdict("Detox drinks brand in Norway - do we need a registration number?")
    assert v.decision == "restrict" and v.deciding.rule.id == "HRB-1"
