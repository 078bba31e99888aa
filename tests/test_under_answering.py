"""In-scope cases that were answered `escalate` (issue 13, under-answering).

- an acronym the clause spells out: "PT" for what the clause writes as "personal training"
  (assistant/clause_acronyms.py), never a market code, never across punctuation or stopwords;
- a rule whose subject is a topic of its policy's title, said with how it comes ("Ads for
  dog grooming, in salon or mobile, ..."), covers a case that names that topic
  (assistant/title_head.py), not one that names only part of it.

Invented policy and questions; the real reader and real execution.
"""

from __future__ import annotations

from policydesk.assistant.clause_acronyms import clause_spelled_terms, question_acronyms, spelled_in
from policydesk.assistant.execute import run_rule
from policydesk.assistant.precedence import decide
from policydesk.assistant.title_head import subject_heads, title_topic_named
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.terms import stem, terms
from policydesk.core.types import Chunk, Filters

GROOMING = ("- **Dog grooming:** Ads for dog grooming, in salon or mobile, are allowed only if the groomer "
            "holds a recognised qualification, such as a Level 2 dog grooming certificate.")


def _runs(question: str, text: str = GROOMING):
    chunk = Chunk(id="p-2", source="pets.md", title="Pet care and dog grooming", section="Allowed with restrictions",
                  clause_id=None, decision=None, markets=["global"], position=2, text=text)
    chunk.logic = read_clause_logic(chunk)
    facts = read_case_facts(question, Filters())
    return [run_rule(r, "prose", chunk, 0, facts, 0.0, question_terms=terms(question)) for r in chunk.logic]


# ---------------------------------------------------------------- acronyms the clause spells
def test_a_clause_spells_an_acronym_by_the_initials_of_consecutive_words():
    assert spelled_in("DG", GROOMING) == ("dog grooming",)
    assert spelled_in("EMS", "Ads for electrical muscle stimulation (EMS) studios") == ("electrical muscle stimulation",)


def test_no_spelling_across_punctuation_or_through_stopwords():
    assert spelled_in("DG", "Ads for dogs, grooming kits and more") == ()
    assert spelled_in("FT", "Ads for the trial") == ()  # "for the": stopwords spell nothing
    assert spelled_in("AB", "A bowl") == ()  # one-letter words spell nothing


def test_market_codes_are_not_acronyms_of_a_thing():
    assert question_acronyms("A DG salon in the UK and US") == ("DG",)
    assert clause_spelled_terms("Our UK salon", "unregistered kennels are not allowed") == set()


# ---------------------------------------------------------------- a title topic as a rule's subject
def test_the_subject_head_is_read_past_a_run_in_label():
    assert subject_heads(GROOMING) == ("grooming",)


def test_title_topic_named_needs_every_title_word_of_the_subject():
    title = terms("Pet care and dog grooming")
    scope = ["dog", "grooming", "salon", "mobile"]
    assert title_topic_named(scope, GROOMING, title, {stem("dog"), stem("grooming")})
    assert not title_topic_named(scope, GROOMING, title, {stem("horse"), stem("grooming")})
    # a head that is no word of the title: the title says nothing about it
    assert not title_topic_named(scope, GROOMING, terms("Pet care"), {stem("dog"), stem("grooming")})


def test_a_case_about_the_title_topic_is_checked_against_the_rule():
    runs = _runs("Dog grooming van, the groomer is not qualified yet, wants to advertise.")
    rule = next(r for r in runs if r.rule.decision == "restrict")
    assert rule.applicable and not rule.out_of_scope
    v = decide(runs)
    assert v is not None and v.decision == "reject"


def test_the_acronym_names_the_title_topic_for_this_clause():
    runs = _runs("DG van, the groomer is not qualified yet, wants to advertise.")
    assert any(r.applicable for r in runs)
    v = decide(runs)
    assert v is not None and v.decision == "reject"


def test_a_case_naming_part_of_the_topic_is_not_covered():
    runs = _runs("Horse grooming van, the groomer is not qualified yet, wants to advertise.")
    assert all(r.out_of_scope for r in runs)


def test_a_subject_narrowed_by_words_not_set_aside_stays_set_aside():
    # "mixed with energy drinks" narrows the title's topic: a case about it alone is not covered
    quote = "Dog grooming mixed with boarding is not allowed."
    title = terms("Pet care and dog grooming")
    assert not title_topic_named(["dog", "grooming", "mixed", "boarding"], quote, title, {stem("dog"), stem("grooming")})


def test_shouted_copy_is_no_acronym():
    assert question_acronyms("Banner says 'WIN a DG kit' to readers") == ()
    assert question_acronyms("Headline WIN BIG NOW for our DG salon") == ("DG",)


def test_an_acronym_the_clause_spells_names_its_policy_topic_for_the_gate():
    from policydesk.assistant.question import analyse
    from policydesk.assistant.ranking import plain_candidate, scope_evidence

    chunk = Chunk(id="p-2", source="pets.md", title="Pet care and dog grooming", section="Allowed with restrictions",
                  clause_id=None, decision=None, markets=["global"], position=2, text=GROOMING)
    assert "dog grooming" in scope_evidence(plain_candidate(chunk), analyse("Unqualified DG van wants to run ads", None), shares=False)
    assert not scope_evidence(plain_candidate(chunk), analyse("Unqualified PT van wants to run ads", None), shares=False)


def test_rule_heads_read_past_a_run_in_label():
    from policydesk.core.clause_logic import rule_heads

    assert rule_heads(GROOMING) == ("grooming",)
    assert rule_heads(GROOMING.replace("- **Dog grooming:** ", "")) == ("grooming",)


def test_an_acronym_names_a_rule_only_where_its_subject_is_the_whole_name():
    text = "Kite buggies must be listed with the British Kite Association (BKA) rating. Kite buggy lessons need a certificate."
    q = "Our buggies carry a BKA sticker"
    assert clause_spelled_terms(q, text) == terms("british kite association")
    # the name whole in the rule's subject: named; a subject sharing one of its words: not
    assert clause_spelled_terms(q, text, within=["british", "kite", "association", "members"]) == terms("british kite association")
    assert clause_spelled_terms(q, text, within=["kite", "buggies"]) == set()
