"""A policy's scope statement that lists what a category takes in ("This standard applies to ads
for surgical cosmetic procedures, including liposuction, rhinoplasty …") defines that category's
members (core/definitions.py `stated_scope_definitions`, read at commit by core/corpus_facts.py).
A member named by its head alone is not named under a hyphenated classifying modifier neither
it nor its term writes ("weight-loss injections" vs "botulinum toxin injections"); a "non-"
compound is one word of a term ("non-surgical" names no surgery)."""

from __future__ import annotations

from policydesk.core.corpus_facts import compute_corpus_facts
from policydesk.core.definitions import _content, names_member, stated_scope_definitions
from policydesk.core.terms import terms
from policydesk.core.types import Chunk


def test_each_part_of_a_scope_statement_defines_its_category():
    found = stated_scope_definitions(
        "ads for dental treatments, including teeth whitening, veneers and braces, and for hearing services, "
        "including hearing tests and hearing aids")
    assert found == [("dental treatments", ["teeth whitening", "veneers", "braces"]),
                     ("hearing services", ["hearing tests", "hearing aids"])]


def test_a_statement_without_a_members_list_defines_nothing():
    assert stated_scope_definitions("ads for dental treatments and hearing services") == []
    assert stated_scope_definitions("ads for dental treatments, including teeth whitening") == []


def test_the_statement_is_read_into_the_corpus_facts():
    text = ("This policy applies to ads for dental treatments, including teeth whitening, veneers and orthodontic "
            "braces, and for hearing services, including hearing tests and hearing aids.")
    chunk = Chunk(id="d0", source="dental.md", title="Dental clinics", section="Dental clinics", clause_id=None,
                  decision=None, markets=["global"], position=0, text=text)
    facts = compute_corpus_facts([chunk])
    assert facts.definitions["dental.md"]["dental treatments"] == ["teeth whitening", "veneers", "orthodontic braces"]
    assert facts.definitions["dental.md"]["hearing services"] == ["hearing tests", "hearing aids"]


def test_a_hyphenated_classifying_modifier_names_another_kind():
    q = "Our clinic sells weight-loss injections."
    assert not names_member("botulinum toxin injections", "aesthetic treatments", terms(q), q)
    q2 = "Our clinic sells toxin injections."
    assert names_member("botulinum toxin injections", "aesthetic treatments", terms(q2), q2)
    q3 = "Our clinic sells non-surgical injections."
    assert names_member("botulinum toxin injections", "aesthetic treatments", terms(q3), q3)


def test_a_non_compound_is_one_word_of_a_term():
    assert _content("non-surgical aesthetic treatments") == ["nonsurg", "aesthet", "treatment"]
