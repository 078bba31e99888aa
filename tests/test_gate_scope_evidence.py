"""The relevance gate's scope evidence (assistant/ranking.py `candidates`): a clause that governs
the question's subject answers even when a closer one does not; a thing that is a kind of a
topic its policy states is in scope whatever the cosine; an acronym the question writes in
capitals names its long form (assistant/acronyms.py). Real WordNet data (core/lexicon.py)."""

from __future__ import annotations

import pytest

from policydesk.assistant import ranking
from policydesk.assistant.acronyms import expansions, spelled_out
from policydesk.assistant.question import analyse
from policydesk.assistant.ranking import plain_candidate, scope_evidence, scoped_runner_up, stated_kind_evidence
from policydesk.core.corpus_facts import CorpusFacts
from policydesk.core.reading import SentenceDecision
from policydesk.core.types import Chunk, Rule

FLOOR = 0.35


def _cand(title: str, section: str, text: str, cos: float, decision: str = "reject", scope: list[str] | None = None):
    chunk = Chunk(id=f"{title}-{section}", source=f"{title}.md", title=title, section=section, clause_id=None,
                  decision=None, markets=["global"], position=1, text=text,
                  logic=[Rule(id=f"{section}#1", quote=text, decision=decision, scope=scope or [])])
    cand = plain_candidate(chunk)
    cand.best_cos = cos
    cand.reading = SentenceDecision(decision, ("test",))
    return cand


# ---------------------------------------------------------------- acronyms
def test_an_acronym_names_the_long_form_its_letters_spell():
    assert "political action committee" in expansions("PAC")
    assert spelled_out("US PAC wants to target registered Republicans") == ["political action committee"]


def test_a_synonym_that_its_letters_do_not_spell_is_no_long_form():
    # WordNet lists "pt" with platinum: a synonym, not what the letters stand for.
    assert expansions("PT") == ()
    assert "platinum" not in " ".join(spelled_out("PT wants to advertise 1:1 sessions"))


def test_market_codes_and_lowercase_words_are_not_acronyms():
    assert spelled_out("Can we run ads in the US and the UK?") == []
    assert spelled_out("pac wants to target voters") == []


def test_a_spelled_out_acronym_names_a_policy_title_topic():
    cand = _cand("Political and Election Advertising Policy", "United States", "Election ads in the US may use only geography.", 0.38)
    info = analyse("US PAC wants to target a custom list of registered Republicans", "US")
    assert "Political" in scope_evidence(cand, info, CorpusFacts())
    assert scope_evidence(cand, analyse("Toy shop wants to target a custom list of parents", "US"), CorpusFacts()) == ""


# ---------------------------------------------------------------- a kind of a stated topic, at any cosine
def test_a_kind_of_the_policys_title_topic_is_stated_evidence():
    cand = _cand("Alcohol Advertising Policy", "Irresponsible drinking", "Ads must not suggest that drinking brings social success.", 0.24)
    assert "alcohol" in stated_kind_evidence(cand, analyse("vodka spot where the guy does a shot - any issue?", None), CorpusFacts()).lower()
    assert stated_kind_evidence(cand, analyse("kayak spot where the guy paddles - any issue?", None), CorpusFacts()) == ""


def test_a_rule_subject_word_alone_is_not_stated_evidence():
    # The rule's subject names alcohol, the policy's title and heading do not: enough in the
    # relevance band (`scope_evidence`), not below it.
    cand = _cand("Energy Drinks Policy", "What's not allowed", "Drinks that combine alcohol with caffeine are not allowed.", 0.30,
                 scope=["drinks", "combine", "alcohol", "caffeine"])
    info = analyse("Vodka + energy premix can, 5% ABV. Allowed?", None)
    assert "kind of" in scope_evidence(cand, info, CorpusFacts())
    assert stated_kind_evidence(cand, info, CorpusFacts()) == ""


def test_below_the_floor_the_gate_answers_on_a_stated_kind(monkeypatch):
    cand = _cand("Alcohol Advertising Policy", "Irresponsible drinking", "Ads must not suggest that drinking brings social success.", 0.24)
    monkeypatch.setattr(ranking, "rank", lambda *a, **k: [cand])
    got = ranking.candidates(analyse("vodka spot where the guy does a shot - any issue?", None), [], CorpusFacts(), None, None, FLOOR)
    assert got.best is cand and got.by_scope and got.answerable(FLOOR)
    other = _cand("Alcohol Advertising Policy", "Irresponsible drinking", "Ads must not suggest that drinking brings social success.", 0.24)
    monkeypatch.setattr(ranking, "rank", lambda *a, **k: [other])
    assert not ranking.candidates(analyse("kayak spot where the guy paddles - any issue?", None), [], CorpusFacts(), None, None, FLOOR).answerable(FLOOR)


# ---------------------------------------------------------------- the runner-up that governs the subject
def _energy_pair(second_cos: float):
    labels = _cand("Energy Drinks Policy", "Labels", "Energy drink ads must show the caffeine content per can.", 0.48, decision="restrict",
                   scope=["energy", "drink"])
    banned = _cand("Energy Drinks Policy", "What's not allowed", "Drinks that combine alcohol with caffeine are not allowed.", second_cos,
                   scope=["drinks", "combine", "alcohol", "caffeine"])
    return labels, banned


def test_a_runner_up_in_the_band_with_scope_evidence_answers():
    labels, banned = _energy_pair(0.45)
    info = analyse("Vodka + energy premix can, 5% ABV. Allowed?", None)
    assert scope_evidence(labels, info, CorpusFacts()) == ""
    assert scoped_runner_up([labels, banned], info, CorpusFacts(), FLOOR) is banned
    assert "alcohol" in banned.scope_evidence


def test_no_runner_up_below_the_band_nor_without_evidence():
    labels, banned = _energy_pair(0.30)
    assert scoped_runner_up([labels, banned], analyse("Vodka + energy premix can, 5% ABV. Allowed?", None), CorpusFacts(), FLOOR) is None
    labels, banned = _energy_pair(0.45)
    assert scoped_runner_up([labels, banned], analyse("Kayak + paddle bundle, allowed?", None), CorpusFacts(), FLOOR) is None


@pytest.mark.parametrize(("question", "answers"), [
    ("Vodka + energy premix can, 5% ABV. Allowed?", True),
    ("Kayak + paddle bundle, allowed?", False),
])
def test_the_gate_puts_the_runner_up_first(monkeypatch, question, answers):
    labels, banned = _energy_pair(0.45)
    monkeypatch.setattr(ranking, "rank", lambda *a, **k: [labels, banned])
    got = ranking.candidates(analyse(question, None), [], CorpusFacts(), None, None, FLOOR)
    assert got.answerable(FLOOR) is answers
    if answers:
        assert got.best is banned and got.usable[0] is banned and got.by_scope
        assert any("answers in place of" in n for n in banned.notes)


# ---------------------------------------------------------------- a rule word written whole
@pytest.mark.parametrize(("word", "text", "whole"), [
    ("alcohol", "Drinks that combine alcohol with caffeine or other stimulants", True),
    ("devices", "Illegal explosive devices such as M-80s, cherry bombs and quarter sticks", False),
    ("drinks", "Ads for energy drinks must show the caffeine content", False),
    ("drinks", "Drinks that combine alcohol with caffeine", True),
    ("devices", "Ads for explosive devices, and for devices that ignite them", True),
])
def test_a_rule_word_is_whole_unless_a_premodifier_narrows_it(word, text, whole):
    assert ranking.unnarrowed(word, text) is whole


def test_a_runner_up_does_not_answer_on_a_narrowed_rule_word():
    closest = _cand("Fireworks Policy", "Country-specific requirements", "In Germany sales are limited to the last three days of the year.",
                    0.43, decision="restrict", scope=["sales"])
    banned = _cand("Fireworks Policy", "What's not allowed", "Illegal explosive devices such as M-80s and cherry bombs.", 0.37,
                   scope=["illegal", "explosive", "devices"])
    info = analyse("Class 3B laser pointers for backyard light shows - can we run ads?", None)
    assert "kind of" in scope_evidence(banned, info, CorpusFacts())  # any rule word: a laser pointer is a device
    assert scoped_runner_up([closest, banned], info, CorpusFacts(), FLOOR) is None
