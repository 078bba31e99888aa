"""An item under a prohibition whose only decision words sit inside its description of the
prohibited thing (a quotation, a clause with a subject of its own: "… that promise "no licence
needed", or otherwise suggest that anyone will be accepted", "… where you must hand over …")
is an item of that prohibition, not a rule of its own (core/clause_logic.py `_described_only`).
An invented boating policy whose PDF lost its bullets; real clause logic, real execution."""

from __future__ import annotations

from policydesk.assistant.execute import run_rule
from policydesk.assistant.question import analyse
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import _described_only, _main_clause, read_clause_logic
from policydesk.core.types import Chunk, Filters

TEXT = (
    "Charter offers that promise \"no licence needed\", or otherwise suggest that anyone will be accepted as skipper. "
    "Boat loans where you must hand over the boat's papers as security for a short-term loan. "
    "Ads that show a lit flare must carry a safety warning."
)
CHUNK = Chunk(
    id="boats-2", source="boats.md", title="Boats and Marine Equipment", section="2. What is not allowed",
    clause_id=None, decision=None, markets=["global"], position=2, text=TEXT,
)
CHUNK.logic = read_clause_logic(CHUNK)


def _rule(fragment: str):
    return next(r for r in CHUNK.logic if fragment in r.quote)


def test_a_decision_said_inside_the_description_is_the_prohibitions():
    assert _rule("Charter offers").decision == "reject"
    assert _rule("Boat loans").decision == "reject"


def test_a_sentence_whose_own_verb_decides_keeps_its_reading():
    # "Ads that show …": "that" opens a clause with no subject of its own, so "must carry" is
    # the sentence's verb; the sentence is a requirement, not an item of the prohibition.
    assert _rule("lit flare").decision == "restrict"
    assert not _described_only("Ads that show a lit flare must carry a safety warning.")
    assert _main_clause("Promotions where you must pay to enter").strip() == "Promotions"


def test_the_item_rejects_an_ad_making_the_claim_it_describes():
    question = "Charter banner: 'No licence needed - just turn up and sail!' OK?"
    run = run_rule(_rule("Charter offers"), "prose", CHUNK, 0, read_case_facts(question, Filters()), 0.0, analyse(question, None).named)
    assert run.applicable and run.outcome == "reject", run.reason
