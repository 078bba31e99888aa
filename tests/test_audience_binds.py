"""An age floor whose sentence has the ad itself as the subject of targeting ("…, and the ad must
not target anyone younger") binds a case that states its audience's ages, whatever the rule's
subject reads as (assistant/audience_binds.py). An invented promotions policy and invented
questions; real clause logic, real rule execution."""

from __future__ import annotations

from policydesk.assistant.audience_binds import audience_binds, targets_audience
from policydesk.assistant.execute import run_rule
from policydesk.assistant.question import analyse
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.types import Chunk, Filters

TEXT = "- Entry must be limited to people aged 18 or older, and the ad must not target anyone younger."
CHUNK = Chunk(
    id="promos-2", source="promos.md", title="Prize promotions", section="Requirements",
    clause_id=None, decision=None, markets=["global"], position=2, text=TEXT,
)
CHUNK.logic = read_clause_logic(CHUNK)
RULE = CHUNK.logic[0]

# The same floor, its targeting clause about a kind of ad: the kind stays its subject.
KIND_TEXT = "Ads for spray paint must not target anyone younger than 16."


def _run(question: str):
    return run_rule(RULE, "prose", CHUNK, 0, read_case_facts(question, Filters()), 0.0, analyse(question, None).named)


def test_the_rule_reads_a_floor_under_another_subject():
    assert "min_age:18" in RULE.conditions and "entry" in RULE.scope


def test_a_stated_audience_under_the_floor_breaks_it():
    run = _run("Lucky dip for a bike, open to 16 and 17 year olds. OK?")
    assert run.applicable, run.reason
    assert "audience" in run.reason
    assert run.outcome == "reject"


def test_a_stated_audience_over_the_floor_meets_it():
    run = _run("Lucky dip for a bike, open to people aged 18 and over. OK?")
    assert run.applicable, run.reason
    assert run.outcome == "approve"


def test_a_case_stating_no_audience_is_not_bound_by_it():
    facts = read_case_facts("Lucky dip for a bike, the closing date is on the ad. OK?", Filters())
    assert audience_binds(RULE, facts) is None
    assert not _run("Lucky dip for a bike, the closing date is on the ad. OK?").applicable


def test_only_the_ad_itself_as_the_subject_of_a_later_clause():
    assert targets_audience(TEXT)
    assert not targets_audience(KIND_TEXT)
    assert not targets_audience("Entry must be limited to people aged 18 or older.")
    # A sentence opening with the ad takes its subject from its lead (below).
    assert not targets_audience("Ads must not be targeted at children under 13.")


def test_a_list_item_taking_its_subject_from_its_lead_is_not_bound():
    # "- Ads must target people aged 18 or older." under "Caffeine pills": those ads are the
    # pills' ads, and a nicotine pouch ad with a 21+ audience is not one.
    chunk = Chunk(
        id="caff-4", source="caffeine.md", title="Caffeinated products", section="Caffeine pills",
        clause_id=None, decision=None, markets=["global"], position=4,
        text="Caffeine pills are allowed with these restrictions:\n- Ads must target people aged 18 or older.",
    )
    chunk.logic = read_clause_logic(chunk)
    rule = next(r for r in chunk.logic if "min_age:18" in r.conditions)
    facts = read_case_facts("Can we run ads for our nicotine pouches in the US, 21+?", Filters())
    assert audience_binds(rule, facts) is None
    # as the store reads it, with the lead's subject as its scope
    assert audience_binds(rule.model_copy(update={"scope": ["caffeine", "pills"]}), facts) is None
