"""The advertised thing read as a noun phrase with its head (core/casefacts.py
`read_advertised`), and a referral of the answering policy that names that head sending the
case to people (assistant/verdict_steps.py `_referral_naming`). Invented phrasings and an
invented wind-energy policy: real clause logic, real rule execution, a real store."""

from __future__ import annotations

import pytest

from policydesk.assistant import verdict_steps
from policydesk.assistant.question import analyse
from policydesk.assistant.ranking import plain_candidate
from policydesk.core.casefacts import read_advertised, read_case_facts, read_named_things
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.types import Chunk, Filters


@pytest.mark.parametrize(
    "question, phrase, head, dependents",
    [
        # Head-final compounds; the ad nouns around the thing are no part of it.
        ("Boat insurance ads for sailing clubs - what applies?", "boat insurance", "insurance", ("boat",)),
        ("Home and travel insurance ads in Spain", "home and travel insurance", "insurance", ("home", "travel")),
        # The object of a verb of advertising.
        ("Can we advertise our horse grooming kits?", "horse grooming kits", "kits", ("horse", "grooming")),
        ("Is it ok to run a TikTok ad for our vintage guitar straps?", "vintage guitar straps", "straps", ("vintage", "guitar")),
        # A phrase of ad nouns only names its thing in its complement; "X of Y" with a kind word.
        ("Ads for our garden furniture deals.", "garden furniture", "furniture", ("garden",)),
        ("Is it ok to promote our range of cat toys?", "cat toys", "toys", ("cat",)),
        # The opening phrase names the advertiser when a verb of wanting follows it.
        ("Yoga studio wants to promote weekend retreats with vegan meals.", "weekend retreats", "retreats", ("weekend",)),
        # "X with Y": the head is X's; Y says more about it and is no modifier.
        ("Prepaid travel card with zero fees abroad", "prepaid travel card", "card", ("prepaid", "travel")),
        # A participle after the phrase is its verb, not its head.
        ("Broker sponsoring a finance creator's video", "broker", "broker", ()),
        # A bare thing: no modifier.
        ("Lager campaign in Thailand", "lager", "lager", ()),
    ],
)
def test_the_advertised_thing_is_read_head_final(question, phrase, head, dependents):
    found = read_advertised(question)
    assert found is not None
    assert (found.phrase, found.head, found.dependents) == (phrase, head, dependents)


def test_no_thing_is_read_where_none_is_named():
    assert read_advertised("Our shop just opened - can we advertise it?") is None or read_advertised(
        "Our shop just opened - can we advertise it?"
    ).dependents == ()
    assert read_advertised("What are the rules?") is None



def test_the_question_lead_is_stripped_at_word_boundaries():
    # "Is it ok to" is one lead; "Is i" (of "it") was read as one before, leaving "t ok to ...".
    assert read_case_facts("Is it ok to promote our dog beds?").subject == "promote our dog beds"
    assert read_case_facts("Can it run in France?", Filters()).subject.startswith("run")


def test_a_sentence_subject_is_read_as_things_one_per_conjunct():
    things = read_named_things(
        "Ads for kite surfing lessons, paraglider hire and tandem skydives for beginners are decided case by case by the policy team."
    )
    assert [(t.phrase, t.head) for t in things] == [
        ("kite surfing lessons", "lessons"), ("paraglider hire", "hire"), ("tandem skydives", "skydives"),
    ]
    # The members a subject lists are things it names ("Anything ..., such as X, Y and Z, requires ...").
    things = read_named_things(
        "Anything not listed below, such as kite lending, glider repairs with warranties and drone insurance cards, requires review."
    )
    assert [t.head for t in things] == ["lending", "repairs", "cards"]
    # A generic ad-policy word at the end of a phrase is its noun ("shows"), "new" opens it.
    things = read_named_things("Boat shows, new marina open days and sailing regattas may be advertised without restriction.")
    assert [t.phrase for t in things] == ["boat shows", "marina open days", "sailing regattas"]
    # A relative clause ends the list: what it says is no thing the sentence governs.
    things = read_named_things("Ads for boat rental services, where the fee covers fuel, insurance and a skipper, are reviewed case by case.")
    assert [t.head for t in things] == ["rental"]


CLAUSE = (
    'Ads that promise "free electricity forever" will not be accepted. '
    "Ads for community wind-farm shares and turbine co-operatives are decided case by case by the policy team."
)
CHUNK = Chunk(
    id="wind-4", source="wind.md", title="Wind Turbines and Home Energy Advertising Standard", section="4. Prohibited content",
    clause_id=None, decision=None, markets=["global"], position=4, text=CLAUSE,
)
CHUNK.logic = read_clause_logic(CHUNK)


SENT = "the policy sends cases of this kind to people"


def _verdict(question: str):
    info = analyse(question, None)
    facts = read_case_facts(question, Filters())
    best = plain_candidate(CHUNK)
    applicable = verdict_steps.applicable_rules(best, [best], facts, 0.0)
    runs = verdict_steps.check_conditions(applicable, facts, info.named)
    return verdict_steps.verdict(runs, applicable, best, [best], facts, lambda source: None, info.named, None, info.advertised).verdict


def test_the_clause_reads_a_prohibition_and_a_referral():
    assert {r.decision for r in CHUNK.logic} >= {"reject", "escalate"}


def test_a_referral_naming_the_advertised_things_head_sends_it_to_people():
    out = _verdict("Community wind-farm share ads - sign up and earn credits on your electricity bill.")
    assert out.decision == "escalate"
    assert out.deciding is not None and out.deciding.rule.decision == "escalate"
    assert out.reason == SENT


def test_a_referral_naming_only_a_modifier_or_another_thing_does_not():
    # The head ("bills") is no word of the referral's subject: the prohibition decides.
    out = _verdict('Wind turbine electricity bills ad promising "free electricity forever"')
    assert out.decision == "reject"
    # The head is the referral's ("shares"), its modifier ("airline") is not: another thing.
    assert _verdict("Airline shares ads with free electricity forever").reason != SENT
    # The heads meet but the modifiers disagree: "rooftop wind-farm shares" names its own
    # kind ("rooftop"), which the referral's subject does not.
    assert _verdict("Rooftop shares ads for flat owners").reason != SENT
    # Nothing read as advertised: the referral is not taken up by this step.
    best = plain_candidate(CHUNK)
    facts = read_case_facts("What are the rules?", Filters())
    assert verdict_steps._referral_naming(None, best, [best], facts, set()) is None


POLICY = """# Wind Turbines and Home Energy Advertising Standard

## 1. Scope

This standard covers small wind turbines, home batteries and the installers that fit them.

## 2. Requirements

Installers that advertise turbine installation must hold a recognised certification.

## 3. Prohibited content

Ads that promise "free electricity forever" will not be accepted. Ads for community wind-farm shares and turbine co-operatives are decided case by case by the policy team, because the rules differ by region.
"""


def test_end_to_end_a_referral_naming_the_thing_escalates(tmp_path):
    from policydesk.assistant.chain import ask
    from policydesk.core.settings import Settings
    from policydesk.ingest.pipeline import ingest_paths

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "wind.md").write_text(POLICY, encoding="utf-8")
    settings = Settings(store=tmp_path / "store")
    ingest_paths([docs], settings)
    out = ask("Community wind-farm share ads - sign up and earn credits on your electricity bill.", Filters(), settings=settings)
    assert out.verdict == "escalate", out.answer
    assert out.trace is not None and "cases of this kind" in out.trace.reason
    kept = ask('Can our turbine ad promise "free electricity forever"?', Filters(), settings=settings)
    assert kept.verdict == "reject", kept.answer
