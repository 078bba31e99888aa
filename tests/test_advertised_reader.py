"""What the question reader takes for the advertised thing (core/casefacts.py `read_advertised`)
when the question also speaks of the ad itself: a reporting clause ("the ad says ..."), a noun
naming the ad or a part of it ("headline", "copy", "banner"), a deictic adverb after the thing
("here"), a modal question with a personal subject ("Can we call ..."). Invented phrasings about
invented products (kayaks, honey, bird feeders); none is a case of an eval pack."""

from __future__ import annotations

import pytest

from policydesk.core.casefacts import read_advertised, read_noun_phrase


def _phrase(question):
    found = read_advertised(question)
    return None if found is None else found.phrase


@pytest.mark.parametrize(
    "question, phrase",
    [
        # A reporting verb after a noun naming the ad ends the thing's name.
        ("Kayak rental ad claims it is 'the safest on the lake'. OK?", "kayak rental"),
        ("Manuka honey ads state it heals wounds - allowed in Spain?", "manuka honey"),
        ("Bird feeder ad reads 'squirrel proof'", "bird feeder"),
        # A reporting verb that cannot be a noun ends it after any noun.
        ("Can our bakery say 'best in town'?", "bakery"),
        ("Can our honey ads mention 'raw'?", "honey"),
        # Nouns naming the ad or a part of it are no part of the thing.
        ("Garden shed ad headline: 'Built to last forever'", "garden shed"),
        ("Tent ad copy: 'never leaks'", "tent"),
        ("Banner for our electric scooter rental: 'ride free today'", "electric scooter rental"),
        ("Copy for our kayak tours says 'no experience needed'", "kayak tours"),
        ("Cider spot in which a farmer drinks from the barrel", "cider"),
        # A deictic adverb after the thing names no part of it.
        ("Beekeeping course provider here - can we run ads?", "beekeeping course provider"),
        ("can we promote our new honey range there?", "honey"),
    ],
)
def test_the_thing_is_read_without_the_words_about_the_ad(question, phrase):
    assert _phrase(question) == phrase


@pytest.mark.parametrize(
    "question",
    [
        # Only the ad is named: no thing to read.
        "Ad says 'half price this week only'. OK?",
        "Headline: 'Lose the stress, not your keys'",
        "Ad goes to a page that is still being built",
        # After a modal and a personal subject the first word is a verb, not the thing; one that
        # is not a verb of advertising names no thing.
        "Can we call our tent 'storm proof'?",
        "Can we use the phrase 'clinically proven'?",
        # A word directly before a determiner is a verb ("Order a ..."), not the thing.
        "Order a box of our honey to enter the draw",
    ],
)
def test_no_thing_is_read_where_only_the_ad_is_named(question):
    assert read_advertised(question) is None


def test_the_object_of_an_advertising_verb_is_still_read():
    # The personal-subject rule leaves the verbs of advertising to their objects.
    assert _phrase("Can we advertise our kayak tours in Norway?") == "kayak tours"
    assert _phrase("Can we run ads for our garden sheds?") == "garden sheds"
    assert _phrase("Kayak school wants to advertise beginner lessons") == "beginner lessons"


def test_nouns_that_are_not_ad_nouns_still_continue_the_phrase():
    # "claims" and "states" are nouns too: only after a noun naming the ad do they end the phrase.
    assert _phrase("Insurance claims management service in Ohio") == "insurance claims management"
    assert read_noun_phrase("Ads for honey sold in jars").heads == ("honey",)


@pytest.mark.parametrize(
    "text, heads, complement",
    [
        # A serial list "A, B and C" is one phrase naming each listed thing; what follows it
        # (a participle phrase) says what they are for, as after a single noun.
        ("Vouchers, tote bags and loyalty points offered for opening an account", ("vouchers", "bags", "points"), " offered for opening an account"),
        ("Kites, paddles, or wetsuits sold to minors", ("kites", "paddles", "wetsuits"), " sold to minors"),
        # A comma that opens anything but a list item still ends the phrase.
        ("Canoe hire from a licensed operator, targeting adults", ("hire",), " from a licensed operator, targeting adults"),
        ("woollen scarves, no dye used", ("scarves",), ", no dye used"),
        # A list never closed by "and"/"or" is no list: only the first item is the phrase.
        ("lanterns, candles, tealights", ("lanterns",), ", candles, tealights"),
    ],
)
def test_a_serial_list_is_one_noun_phrase(text, heads, complement):
    found = read_noun_phrase(text)
    assert found is not None
    assert found.heads == heads
    assert found.complement == complement


def test_a_prohibition_of_listed_things_is_about_them_not_their_purpose():
    """The rule side reads the same construction (core/clause_logic.py `rule_subject`): the
    listed things are the subject, the participle phrase only what they are offered for."""
    from policydesk.core.clause_logic import rule_subject
    from policydesk.core.terms import stem

    subject = rule_subject("Vouchers, tote bags and loyalty points offered for opening an account are prohibited.")
    assert subject is not None
    assert set(subject.heads) == {"vouchers", "bags", "points"}
    assert stem("account") in subject.complement and stem("account") not in subject.words
