"""The advertised thing read past the nouns that name the ad (core/casefacts.py `names_ad`): a
noun whose most frequent sense WordNet files under advertisement ends a phrase as the closed class
of ad-format nouns does; a plural possessive modifies what follows. Real WordNet data."""

from __future__ import annotations

import pytest

from policydesk.core.casefacts import names_ad, read_advertised


@pytest.mark.parametrize("word", ["commercial", "commercials", "infomercial", "flyer", "advertorial", "spot", "banner"])
def test_nouns_that_name_an_ad(word):
    assert names_ad(word)


@pytest.mark.parametrize("word", ["game", "drink", "drone", "poster", "saw", "vodka"])
def test_nouns_that_name_no_ad(word):
    assert not names_ad(word)


@pytest.mark.parametrize(("question", "head", "phrase"), [
    ("vodka commercial where the guy does a shot - any issue?", "vodka", "vodka"),
    ("Beer commercial showing friends at a bar", "beer", "beer"),
    ("Infomercial for a diet pill", "pill", "diet pill"),
    ("Flyer for our vape shop", "shop", "vape shop"),
    # "commercial" as an adjective modifies the thing: it names no ad here.
    ("Commercial drone retailer - any restrictions?", "retailer", "commercial drone retailer"),
])
def test_the_thing_is_read_past_the_ad_noun(question, head, phrase):
    thing = read_advertised(question)
    assert thing is not None and (thing.head, thing.phrase) == (head, phrase)


def test_a_plural_possessive_modifies_what_follows():
    thing = read_advertised("Our kids' dinosaur game: can the ad run?")
    assert thing is not None and thing.head == "game" and "dinosaur" in thing.dependents


def test_a_quotation_mark_is_no_possessive():
    # The apostrophe opens quoted copy: the phrase ends before it.
    thing = read_advertised("Energy drinks 'for gamers' - ok?")
    assert thing is not None and thing.head == "drinks"


def test_a_closing_quotation_mark_is_no_possessive():
    thing = read_advertised("'Cold drinks' for parties - ok?")
    assert thing is None or thing.head != "parties" and "drinks'" not in thing.dependents
