"""A policy's own scope exclusions (core/corpus_facts.py `policy_exclusions`, assistant/
policy_exclusion.py) and what a question names only as what the thing replaces (assistant/
alternative_to.py): real WordNet data, real rule execution, an invented fishing-tackle policy
ingested into a real store."""

from __future__ import annotations

import pytest

from policydesk.assistant.alternative_to import only_as_alternative, replaced_terms
from policydesk.assistant.execute import run_rule
from policydesk.assistant.precedence import Verdict
from policydesk.assistant.policy_exclusion import conjuncts, excluded_by
from policydesk.assistant.question import analyse
from policydesk.assistant.ranking import plain_candidate
from policydesk.assistant.verdict_steps import Decided
from policydesk.core import lexicon
from policydesk.core.casefacts import read_advertised, read_case_facts
from policydesk.core.corpus_facts import compute_corpus_facts, policy_exclusions, policy_reach
from policydesk.core.types import Chunk, Filters, Rule
from tests.policy_store import ask_in, ingest_policy


def _wordnet() -> bool:
    try:
        lexicon.data_dir()
        return True
    except lexicon.LexiconUnavailable:
        return False


needs_wordnet = pytest.mark.skipif(not _wordnet(), reason="WordNet data not prepared")


# ------------------------------------------------------------------ reading the statements
def test_exclusion_statements_about_the_policy_itself_are_read():
    intro = ("This policy applies to ads for sweepstakes and prize draws (winners picked by\nchance). "
             "Gambling and lottery\nproducts are not covered by this policy.\nAllowed without restriction")
    assert policy_exclusions(intro) == ["Gambling and lottery products"]
    assert policy_reach(intro) == ["ads for sweepstakes and prize draws (winners picked by chance)"]
    assert policy_exclusions("Intro. Crypto assets fall outside the scope of this policy.") == ["Crypto assets"]
    assert policy_exclusions("Heading\nDating services are outside this policy.") == ["Dating services"]
    assert policy_exclusions("This policy does not apply to ads for pet insurance. Other.") == ["ads for pet insurance"]


def test_an_exception_to_one_rule_is_no_exclusion_from_the_policy():
    assert policy_exclusions("The ban on claims of government approval doesn't apply to registered members.") == []
    assert policy_exclusions("The 1 kg per week limit doesn't apply to programmes run by a doctor.") == []
    assert policy_exclusions("Ads for fireworks are covered by this policy.") == []


def test_corpus_facts_keep_exclusions_and_reach_per_source():
    chunk = Chunk(id="t-0", source="tackle.md", title="Fishing tackle", section="", clause_id=None, decision=None,
                  markets=["global"], position=0, text=INTRO)
    facts = compute_corpus_facts([chunk])
    assert facts.exclusions == {"tackle.md": ["Firearms and hunting knives"]}
    assert facts.reach["tackle.md"][0].startswith("ads for fishing rods")
    assert type(facts).from_json(facts.to_json()).exclusions == facts.exclusions


def test_conjuncts_drop_generic_heads_and_the_ad_words():
    assert conjuncts("Gambling and lottery products") == [["gambling"], ["lottery"]]
    assert conjuncts("ads for pet insurance") == [["pet", "insurance"]]
    assert conjuncts("Non-alcoholic drinks, or cider") == [["non-alcoholic", "drinks"], ["cider"]]


# ------------------------------------------------------------------ the thing against them
EXCLUDED = ["Gambling and lottery products"]
REACH = ["Sweepstakes, contests and giveaways",
         "ads for sweepstakes and prize draws (winners picked by chance), contests, and giveaways"]


@needs_wordnet
@pytest.mark.parametrize(("question", "excluded"), [
    ("Online casino: 100 free spins welcome bonus for new sign-ups", True),  # a casino is a gambling house
    ("Lottery tickets promo for the weekend", True),  # by word
    ("Sweepstakes for a new car, no purchase needed", False),  # WordNet's lottery, but the policy's own by name
    ("Charity raffle for a hamper", False),  # a raffle is a drawing: the policy's prize draws
    ("Photo contest for kids aged 14", False),
])
def test_the_advertised_thing_against_the_exclusions(question, excluded):
    thing = read_advertised(question)
    assert (excluded_by(thing, EXCLUDED, REACH) is not None) is excluded


@needs_wordnet
def test_every_word_of_an_excluded_conjunct_must_name_the_thing():
    # A modifier narrows what is excluded: beer is a drink, not a non-alcoholic one.
    assert excluded_by(read_advertised("Craft beer ads for summer"), ["Non-alcoholic drinks"]) is None
    assert excluded_by(read_advertised("Non-alcoholic drinks for summer"), ["Non-alcoholic drinks"]) == "Non-alcoholic drinks"
    assert excluded_by(None, EXCLUDED) is None


@needs_wordnet
def test_a_thing_named_by_its_seller_is_what_the_seller_deals_in():
    reach = ["Fishing tackle", "ads for fishing rods, reels, lures, bait and angling trips"]
    assert excluded_by(read_advertised("Rifle dealer: free gifts with every purchase"), ["Firearms"], reach) == "Firearms"
    assert excluded_by(read_advertised("Fishing rod dealer: free gifts with every purchase"), ["Firearms"], reach) is None


# ------------------------------------------------------------------ end to end
INTRO = ("Fishing tackle\n\nThis policy applies to ads for fishing rods, reels, lures, bait and angling trips. "
         "Firearms and hunting knives are not covered by this policy.")
POLICY = INTRO + """

## What we don't allow
- Free gifts with every purchase unless the gift is shown in the ad.
- Claims that a lure catches fish every time.

## Allowed with restrictions
- Angling trips may be advertised if the operator holds a fishing licence.
"""


@pytest.fixture(scope="module")
def tackle(tmp_path_factory):
    return ingest_policy(tmp_path_factory, "exclusion", {"tackle.md": POLICY})


@needs_wordnet
def test_a_thing_the_policy_excludes_is_escalated_and_its_own_things_are_answered(tackle):
    out = ask_in("Hunting rifles: free gifts with every purchase this weekend. Can we advertise?", tackle)
    assert out.verdict == "escalate"
    assert "not covered by it" in out.trace.reason
    own = ask_in("Fishing rods: free gifts with every purchase this weekend. Can we advertise?", tackle)
    assert own.verdict != "escalate"


# ------------------------------------------------------------------ "an alternative to X"
def test_replaced_terms_read_the_construction():
    assert replaced_terms("We do drone light shows as a quieter alternative to fireworks at weddings.") == {"firework"}
    assert replaced_terms("Nicotine pouches instead of cigarettes") == {"cigarett"}
    # Named outside the construction too: no longer only replaced.
    assert replaced_terms("Fireworks shop: sparklers instead of fireworks") == set()
    assert replaced_terms("Fireworks for weddings") == set()


FW_CHUNK = Chunk(id="fw-3", source="fireworks.md", title="Fireworks and pyrotechnics", section="Professional display services",
                 clause_id=None, decision=None, markets=["global"], position=3,
                 text="Operators must hold the required licence and be certified.")
WHOLE = Rule(id="FW#3/p1", quote="Operators must hold the required licence and be certified.", decision="restrict")


def _decided(question: str) -> tuple[Decided, object]:
    info = analyse(question, None)
    facts = read_case_facts(question, Filters())
    runs = [run_rule(WHOLE, "prose", FW_CHUNK, 0, facts, 0.0, info.named)]
    cand = plain_candidate(FW_CHUNK)
    return Decided(Verdict("restrict", runs[0], runs, "", "inferred"), cand, [cand], [cand]), info  # type: ignore[arg-type]


@needs_wordnet
def test_a_policy_reached_only_through_what_the_thing_replaces_does_not_answer():
    q = "We do drone light shows as a quieter alternative to fireworks at weddings. Can we advertise?"
    decided, info = _decided(q)
    assert only_as_alternative(decided, q, info.all_terms, info.advertised) == "firework"
    # The policy's topic named as the thing itself, or the thing a kind of it: the policy answers.
    for q in ("Fireworks displays for weddings, a quieter alternative to a band", "Sparklers as a safer alternative to fireworks"):
        decided, info = _decided(q)
        assert only_as_alternative(decided, q, info.all_terms, info.advertised) is None, q
