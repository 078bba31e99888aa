"""A prohibition lifted on a condition whose prohibited act has a threshold ("We do not allow
ads to claim fuel savings of more than 30% unless the figure comes from an independent test
of the vehicle") is the prohibition with its threshold plus the lifting clause as its
exception (core/clause_logic.py `lifted_threshold`); a requirement in words the case denies
("not from any test") is unmet (core/restated.py `denied`). An invented motoring policy and
invented questions; real clause logic, real execution."""

from __future__ import annotations

from policydesk.assistant.execute import run_rule
from policydesk.assistant.precedence import decide
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import lifted_threshold, read_clause_logic
from policydesk.core.restated import denied
from policydesk.core.types import Chunk, Filters

TEXT = "We do not allow ads to claim fuel savings of more than 30% unless the figure comes from an independent test of the vehicle."
CHUNK = Chunk(
    id="motoring-3", source="motoring.md", title="Motoring accessories", section="3. Savings claims",
    clause_id=None, decision=None, markets=["global"], position=3, text=TEXT,
)
CHUNK.logic = read_clause_logic(CHUNK)


def _verdict(question: str):
    facts = read_case_facts(question, Filters())
    runs = [run_rule(r, "prose", CHUNK, 0, facts, 0.0) for r in CHUNK.logic]
    return decide(runs)


def test_the_sentence_reads_as_a_prohibition_and_its_exception():
    ban, exception = CHUNK.logic
    assert ban.decision == "reject" and ban.conditions == ["max:30%"]
    assert exception.overrides == ban.id and exception.decision == "restrict"
    assert exception.conditions == ["other:the figure comes from an independent test of the vehicle"]
    assert lifted_threshold("Ads may not mention fuel savings unless the figure comes from a test.") is None  # no threshold


def test_a_denied_lifting_condition_leaves_the_prohibition_to_decide():
    v = _verdict("Fuel additive ad: 'Save 45% on fuel!' - our own estimate, not from any test of a vehicle.")
    assert v is not None and v.decision == "reject"
    v = _verdict("Fuel additive ad: 'Save 45% on fuel!'")
    assert v is not None and v.decision == "restrict"  # the lifting condition is not known


def test_under_the_threshold_the_lifting_condition_binds_nothing():
    v = _verdict("Fuel additive ad: 'Save 20% on fuel!' - our own estimate, not from any test of a vehicle.")
    assert v is None or v.decision != "reject"


def test_denial_needs_the_complement_under_a_negation():
    req = "the figure comes from an independent test of the vehicle"
    assert denied(req, "It's our estimate, not from a test of any car.")
    assert not denied(req, "The figure comes from a test. No fees apply.")
    assert not denied(req, "Not sure where the figure comes from.")
