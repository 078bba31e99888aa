"""A requirement met in other words that name a kind of what it asks for (issue 13).

`lexicon.names_kind`: a case word in the same synset as a requirement's word, or a hyponym of
it (a noun's hypernym chain, a satellite adjective's cluster head), never a hypernym; used
only where the case affirms a requirement (`terms.same_meaning(..., kinds=True)`), never where
it denies one. `lexicon.opposed`: a word the requirement misses that the case contradicts (an
antonym) keeps the requirement unfound. The policy wording below is invented for these tests.
"""

from __future__ import annotations

import pytest

from policydesk.core import lexicon as L
from policydesk.core.conduct import duty_status
from policydesk.core.disclosure import carried, existence_status, refused
from policydesk.core.restated import stated


@pytest.mark.parametrize(("general", "specific"), [
    ("probability", "odds"),  # odds -> likelihood -> probability
    ("vehicle", "car"), ("vehicles", "cars"),  # through inflections
    ("alcohol", "beer"),
    ("same", "identical"), ("all", "every"),  # satellite adjective -> its cluster's head
])  # fmt: skip
def test_a_kind_names_what_it_is_a_kind_of(general, specific):
    assert L.names_kind(general, specific)


@pytest.mark.parametrize(("general", "specific"), [
    ("odds", "probability"), ("car", "vehicle"), ("beer", "alcohol"), ("identical", "same"),  # never more general
    ("person", "child"),  # person is a whole domain (noun.Tops): what every person-noun reaches
    ("statement", "misstatement"), ("information", "misinformation"), ("use", "misuse"),  # a negative prefix
    ("pay", "buy"), ("link", "code"),  # verbs are not compared by kind (buy's 2nd sense is "bribe")
    ("same", "different"), ("legal", "illegal"), ("licensed", "unlicensed"),
])  # fmt: skip
def test_what_is_not_a_kind(general, specific):
    assert not L.names_kind(general, specific)


def test_no_negative_prefixed_hyponym_is_a_kind_of_its_root():
    """Over the whole noun hierarchy and every adjective cluster: WordNet files 140 words such
    as "misquotation" under "quotation"; none of them names what its root names."""
    d = L._load()
    lf, words = d["lexfile"], d["words"]
    pairs = set()
    for sid in range(len(words)):
        above = [c for c in L._ancestors((sid,)) if lf[c] == lf[sid]] + list(d["head"].get(sid, ()))
        names = {w for c in above for w in words[c]}
        for w in words[sid]:
            for p in ("mis", "dis", "non", "un", "counter", "anti"):
                if w.startswith(p) and w[len(p):] in names:
                    pairs.add((w[len(p):], w))
    assert len(pairs) > 50
    assert [p for p in pairs if L.names_kind(*p)] == []


def test_antonyms_are_read_both_ways():
    assert L.opposed("same", "different") and L.opposed("different", "same")
    assert L.opposed("closing", "opening")  # through base forms
    assert not L.opposed("same", "identical") and not L.opposed("odds", "probability")


# ---------------------------------------------------------------- the real readers


def test_a_required_item_carried_as_a_kind_of_it():
    rule = "The ad must name the vehicle."
    assert carried(rule, "The ad names the car.")
    assert not carried("The ad must name the car.", "The ad names the vehicle.")  # more general: unknown
    assert not carried(rule, "The ad doesn't name the car.")
    # denying a kind of the thing is not denying the thing: the refusal reader stays strict
    assert refused(rule, "The ad doesn't name the car.") is None
    assert refused(rule, "The ad doesn't name the vehicle.")


def test_something_that_must_exist_said_with_kinds_and_not_when_contradicted():
    rule = "For raffles, there must be a postal entry route that offers the same probability of winning."
    assert existence_status(rule, "There's a postal entry route that offers identical odds of winning.") == (
        "met", "a postal entry route that offers identical odds of winning")
    # two of three words would do, but the one it misses is contradicted
    assert existence_status(rule, "There's a postal entry route that offers different odds of winning.") is None
    assert existence_status(rule, "There's no postal entry route.")[0] == "unmet"


def test_a_duty_done_on_a_kind_of_its_object():
    duty = "Dealers must register every vehicle with the transport authority."
    met = duty_status(duty, "We registered every car with the transport authority.")
    assert met is not None and met.result == "met"
    assert duty_status("Dealers must register every car with the transport authority.",
                       "We registered every vehicle with the transport authority.") is None
    assert duty_status(duty, "Can we register the cars with the transport authority?") is None


def test_a_duty_on_the_same_object_is_not_met_by_a_different_one():
    duty = "Lenders must keep the same account number for the whole loan."
    assert duty_status(duty, "We keep the same account number for the whole loan.").result == "met"
    # "account number" is two of its three words; the third, "same", is contradicted
    assert duty_status(duty, "We keep a different account number for each payment.") is None


def test_a_requirement_restated_with_a_kind():
    assert stated("the vehicle is insured by a licensed insurer", "the car is insured by a licensed insurer")
    assert not stated("the car is insured by a licensed insurer", "the vehicle is insured by a licensed insurer")
    assert not stated("the vehicle is insured by a licensed insurer", "the car is not insured by a licensed insurer")
