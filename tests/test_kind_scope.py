"""In scope by kind (assistant/kind_scope.py): the advertised thing is a kind of what a rule or a
policy governs, by WordNet's hypernym chain (core/lexicon.py, real WordNet 3.3 data).

A policy written here, ingested into a real store and asked through the real chain: its rule
names "firearms", the question a shotgun; its title names kites, the question a box kite."""

from __future__ import annotations

import pytest

from policydesk.assistant.execute import run_rule
from policydesk.assistant.kind_scope import SENSES, kind_term, name_of
from policydesk.assistant.question import analyse
from policydesk.assistant.ranking import plain_candidate, scope_evidence
from policydesk.core import lexicon
from policydesk.core.casefacts import Advertised, read_advertised, read_case_facts
from policydesk.core.corpus_facts import CorpusFacts
from policydesk.core.types import Chunk, Filters, Rule
from tests.policy_store import ask_in, ingest_policy


def thing(phrase: str) -> Advertised:
    words = phrase.split()
    return Advertised(phrase=phrase, head=words[-1], dependents=tuple(words[:-1]))


@pytest.mark.parametrize(("member", "category"), [
    ("shotgun", "firearms"), ("vodka", "alcohol"), ("lager", "beer"), ("sparkler", "fireworks"), ("poker", "games"),
    ("life insurance", "insurance"),
])
def test_a_member_is_a_kind_of_its_category(member, category):
    assert kind_term(thing(member), ["claims", category]) == category


def test_only_a_hypernym_chain_counts_not_relatedness_nor_the_reverse():
    assert kind_term(thing("kayak"), ["firearms"]) is None
    assert kind_term(thing("firearm"), ["shotguns"]) is None  # the category is not a kind of its member
    assert kind_term(thing("beer"), ["brewery"]) is None  # related, no kind


def test_the_phrase_is_tried_first_then_the_head_with_its_modifier_then_the_head():
    assert name_of(thing("term life insurance")) == "life insurance"
    assert name_of(thing("payday loan")) == "loan"  # WordNet has no "payday loan"
    assert name_of(thing("gacha")) is None  # a word WordNet does not know decides nothing
    assert kind_term(thing("gacha"), ["games"]) is None


def test_a_general_category_never_swallows_its_domain():
    # "beverage" sits directly below the unique beginner "food", "commodity" below "artifact":
    # every drink and every good reaches them.
    assert lexicon.is_kind_of("vodka", "beverage", SENSES, SENSES)
    assert kind_term(thing("vodka"), ["beverages", "substances", "food"]) is None
    assert kind_term(thing("shotgun"), ["artifacts", "objects", "commodities", "instrumentality"]) is None


def test_a_chain_that_leaves_the_things_domain_does_not_count():
    # A seltzer is a drink (noun.food) and, physically, a liquid (noun.substance); a powder-or-liquid
    # rule is not about drinks.
    assert lexicon.is_kind_of("seltzer", "liquid", SENSES, SENSES)
    assert kind_term(thing("seltzer"), ["liquid"]) is None
    assert kind_term(thing("vodka"), ["drugs"]) is None  # a drug of abuse (noun.artifact), but a drink


def test_a_multiword_topic_counts_only_when_wordnet_knows_it_whole():
    # "energy drink" narrows "drink": a vodka is no energy drink.
    assert kind_term(thing("vodka"), ["energy drinks"]) is None
    assert kind_term(thing("vodka"), ["alcoholic beverage"]) == "alcoholic beverage"


# ---------------------------------------------------------------- the rule's scope, executed
CLAUSE = "Ads for firearms may target only people aged 21 or older."
CHUNK = Chunk(id="out-1", source="outdoor.md", title="Outdoor Sports Retail Policy", section="1. Firearms",
              clause_id=None, decision=None, markets=["global"], position=1, text=CLAUSE)
RULE = Rule(id="OUT#1/p1", quote=CLAUSE, decision="restrict", scope=["firearms"])


def _run(question: str):
    info = analyse(question, None)
    return run_rule(RULE, "prose", CHUNK, 0, read_case_facts(question, Filters()), 0.0, info.named)


def test_a_rule_covers_a_kind_of_its_subject_and_not_another_thing():
    assert not _run("Can we advertise our new shotgun to people aged 18 and over?").out_of_scope
    kayak = _run("Can we advertise our new kayak to people aged 18 and over?")
    assert kayak.out_of_scope and "not what the case is about" in kayak.reason


def test_kind_evidence_for_the_relevance_band_from_the_clauses_rule_subjects():
    chunk = CHUNK.model_copy(update={"logic": [RULE]})
    question = "Same shotgun ad, can it run now?"
    assert read_advertised(question) is not None
    assert "kind of" in scope_evidence(plain_candidate(chunk), analyse(question, None), CorpusFacts())
    assert scope_evidence(plain_candidate(chunk), analyse("Same kayak ad, can it run now?", None), CorpusFacts()) == ""


# ---------------------------------------------------------------- end to end, a real store
POLICY = """# Outdoor Sports Retail Policy

This policy applies to ads from outdoor sports retailers.

## 1. Firearms

Ads for firearms may target only people aged 21 or older.

## 2. Camping gear

Ads for tents and sleeping bags are allowed in every market without restriction.
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return ingest_policy(tmp_path_factory, "kind-scope", {"outdoor.md": POLICY})


def _ask(question, settings):
    return ask_in(question, settings)


def test_a_shotgun_is_judged_by_the_firearms_rule(store):
    a = _ask("Can we advertise our new shotgun to people aged 18 and over?", store)
    firearms = [r for r in a.trace.rules if "firearms" in (r.reason or "") or r.rule_id.endswith("#1/p1")]
    assert a.verdict == "reject", (a.verdict, a.answer, [(r.rule_id, r.applicable, r.reason) for r in a.trace.rules])
    assert any(r.applicable for r in firearms), [(r.rule_id, r.reason) for r in a.trace.rules]
    assert any("21" in c.quote for c in a.citations)
