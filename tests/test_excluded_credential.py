"""A credential the rule's own sentence says does not count (assistant/excluded_credential.py):
"… including groomers who hold only a weekend-course certificate, may not advertise …" and a
case stating that certificate does not meet the rule's requirement; a case stating another
credential is untouched. Invented policy wording, real reading and execution."""

from policydesk.assistant.excluded_credential import excluded_credential
from policydesk.assistant.execute import run_rule
from policydesk.assistant.precedence import decide
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.types import Chunk, Filters

TEXT = ("Ads for dental sedation for pets are permitted only where the sedation is given by a registered veterinary surgeon. "
        "Practitioners without such a registration, including groomers who hold only a weekend-course certificate, may not advertise these services.")


def test_the_excluded_credential_is_read_from_the_sentence():
    ban = TEXT.split(". ")[1]
    assert excluded_credential(ban, "I'm a groomer, did a weekend course and have the certificate") == "weekend-course certificate"
    assert excluded_credential(ban, "I'm a registered veterinary surgeon") is None
    assert excluded_credential("Only registered surgeons may advertise.", "I have a weekend-course certificate") is None


def _verdict(question):
    chunk = Chunk(id="c1", text=TEXT, source="pets.md", policy_id="P", title="Pet dental sedation", markets=[])
    facts = read_case_facts(question, Filters(market=None))
    runs = [run_rule(r, "prose", chunk, 0, facts, question_terms=None) for r in read_clause_logic(chunk)]
    return decide(runs), runs


def test_a_case_holding_only_the_excluded_credential_is_not_certified():
    verdict, runs = _verdict("I'm a groomer, did a weekend course on pet dental sedation and have the certificate. Can I advertise it?")
    assert verdict is not None and verdict.decision == "reject"
    assert any(k.result == "unmet" and "does not count" in (k.fact or "") for r in runs for k in r.checks)
