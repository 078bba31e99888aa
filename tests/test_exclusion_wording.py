"""A policy's scope exclusions as policies write them (core/corpus_facts.py `policy_exclusions`:
the document naming itself as a checklist, notice or "the rules below", or by a pronoun after it
said what it covers; "also not covered here"), and the exclusion gate against the advertised
thing (assistant/policy_exclusion.py: naming by the head outranks a title word naming only a
modifier; a conjunct's post-modifier does not narrow; a question whose thing could not be read
says an excluded phrase word for word). Invented sentences."""

from __future__ import annotations

import pytest

from policydesk.assistant.policy_exclusion import excluded_by, excluded_in_words
from policydesk.core import lexicon
from policydesk.core.casefacts import read_advertised
from policydesk.core.corpus_facts import policy_exclusions


def _wordnet() -> bool:
    try:
        lexicon.data_dir()
        return True
    except lexicon.LexiconUnavailable:
        return False


needs_wordnet = pytest.mark.skipif(not _wordnet(), reason="WordNet data not prepared")


def test_the_document_named_as_a_checklist_or_notice():
    assert policy_exclusions("This checklist does not cover jet skis, canoes or paddle boards.") == ["jet skis, canoes or paddle boards"]
    assert policy_exclusions("1.2 This Notice does not apply to trade-in schemes.") == ["trade-in schemes"]


def test_a_pronoun_names_the_document_only_after_it_said_what_it_covers():
    text = "It covers ads for climbing gyms and bouldering walls. It does not cover outdoor guiding or rope access training."
    assert policy_exclusions(text) == ["outdoor guiding or rope access training"]
    rules = "The rules below cover ads for ski passes. They do not cover snowmobiles or heli-skiing; see our vehicle policy."
    assert policy_exclusions(rules) == ["snowmobiles or heli-skiing"]
    # no statement of what "it" covers: a warranty's "it", not the policy
    assert policy_exclusions("The warranty lasts two years. It does not cover water damage.") == []
    # the heading may say it: "What does this page cover?"
    assert policy_exclusions("Ads for kayaks. It does not cover rafting trips.", "What does this page cover?") == ["rafting trips"]


def test_also_not_covered_here():
    assert policy_exclusions("Boat engines are covered. Mooring ropes and anchors are also not covered here.") == ["Mooring ropes and anchors"]
    assert policy_exclusions("Out of scope: jet skis are also not covered by this policy.") == ["jet skis"]


@needs_wordnet
def test_an_exclusion_naming_the_head_outranks_a_title_word_naming_a_modifier():
    reach = ["Dog training services", "ads for dog training classes, puppy schools and behaviourists"]
    thing = read_advertised("Dog leashes with reflective stitching - can we advertise?")
    assert excluded_by(thing, ["leashes, crates or dog beds"], reach) == "leashes, crates or dog beds"
    # the head named by the policy's reach keeps the thing
    assert excluded_by(read_advertised("Puppy training classes in Leeds"), ["leashes, crates or dog beds"], reach) is None


@needs_wordnet
def test_a_post_modifier_of_the_excluded_thing_does_not_narrow_it():
    excluded = ["electric cars, or wheelchairs for people with limited mobility"]
    assert excluded_by(read_advertised("Folding wheelchairs, ads in the UK"), excluded, ["Bicycles"]) == excluded[0]


def test_a_question_without_a_read_thing_saying_the_excluded_phrase():
    excluded = ["bridging loans or other short-term credit, or gold bars sold as an investment"]
    reach = ["Pawnbroking and gold buying", "ads for pawn loans and gold buying"]
    assert excluded_in_words("We arrange bridging loans for property developers. Can we advertise?", excluded, reach) == excluded[0]
    assert excluded_in_words("We don't do bridging loans, only pawn loans. Can we advertise?", excluded, reach) is None
    # "gold" alone is a word the policy says it covers
    assert excluded_in_words("We buy gold by post. Can we advertise?", excluded, reach) is None


def test_a_condition_ending_in_a_pronoun_is_no_excluded_thing():
    assert policy_exclusions("If a product is not in the table, it is not covered by this policy.") == []


@needs_wordnet
def test_a_hyphened_word_of_the_thing_says_its_parts():
    thing = read_advertised("Can we advertise our at-home cholesterol test strips?")
    assert excluded_by(thing, ["home cholesterol and blood sugar test kits"], ["Pharmacy services"]) is not None


@needs_wordnet
def test_what_the_thing_contains_is_not_what_it_is():
    thing = read_advertised("Our foot cream contains SPF 15 sunscreen. Acceptable?")
    assert excluded_by(thing, ["Sunscreens and lip balms"], ["Foot care"]) is None


@needs_wordnet
def test_the_more_specific_exclusion_decides_over_the_general_reach():
    reach = ["Boat sales", "ads for motor boats, sailing boats and boat repairs"]
    excluded = ["toy boats or boat insurance, or canal boat repairs"]
    thing = read_advertised("Canal boat repairs in Birmingham - can we advertise?")
    assert excluded_by(thing, excluded, reach) == excluded[0]
    # the general reach keeps what the exclusion does not narrow to
    assert excluded_by(read_advertised("Boat repairs in Birmingham - can we advertise?"), excluded, reach) is None
