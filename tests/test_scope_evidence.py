"""Scope evidence for the relevance gate (assistant/scope_evidence.py), on invented policies."""

from __future__ import annotations

import pytest

from policydesk.assistant.compose import NO_GUIDANCE
from policydesk.assistant.ranking import Candidate, in_scope, relevant
from policydesk.assistant.scope_evidence import heading_topic, names_topic, title_topics
from policydesk.assistant.weights import WEIGHTS
from policydesk.core.terms import terms
from policydesk.core.types import Chunk, ScoredChunk

FLOOR = 0.35


def test_a_title_states_its_topics_without_its_context_and_kind():
    assert title_topics("Kite and Paraglider Advertising Policy") == [("Kite", frozenset(terms("kite"))), ("Paraglider", frozenset(terms("paraglider")))]
    assert [w for w, _ in title_topics("Aquarium Fish Standard for Marketplace Listings")] == ["Aquarium Fish"]
    assert title_topics("Advertising Policy") == []
    assert names_topic(terms("a paraglider school wants ads"), "Kite and Paraglider Advertising Policy") == "Paraglider"
    assert names_topic(terms("fish food for ponds"), "Aquarium Fish Standard") is None  # both words of the topic must appear
    assert names_topic(terms("marketplace listings of pumps"), "Aquarium Fish Standard for Marketplace Listings") is None


def test_a_heading_states_its_clauses_topic_without_numbering_and_markets():
    assert heading_topic("4. Gear > 4.2 Tow lines and snap-hooks") == "Tow lines and snap-hooks"
    assert heading_topic("Germany: night flights") == "night flights"
    assert names_topic(terms("school offering night flights over the Alps"), heading_topic("Germany: night flights")) == "night flights"
    assert names_topic(terms("flights to Germany"), heading_topic("Germany: night flights")) is None
    assert heading_topic("") == ""


def _cand(cos: float, overlap: float, evidence: str = "") -> Candidate:
    chunk = Chunk(id="k1", source="kites.md", title="Kite Policy", section="Lines", text="Kite lines must be rated.", position=1)
    c = Candidate(scored=ScoredChunk(chunk=chunk, score=cos, dense_score=cos), sentences=[], best_cos=cos, subject_overlap=overlap)
    c.scope_evidence = evidence
    return c


def test_in_the_band_scope_evidence_stands_in_for_shared_words():
    band = FLOOR + WEIGHTS.strong_relevance_margin / 2
    term = "the question names its policy's topic \"Kite\""
    assert not relevant(_cand(band, 0.0), FLOOR) and not in_scope(_cand(band, 0.0), FLOOR)
    assert in_scope(_cand(band, 0.0, term), FLOOR) and not relevant(_cand(band, 0.0, term), FLOOR)  # the gate's witness only
    assert relevant(_cand(band, 1.0), FLOOR)
    # Below the floor no evidence answers; above the band cosine alone does.
    assert not in_scope(_cand(FLOOR - 0.01, 1.0, "the question names its policy's topic \"Kite\""), FLOOR)
    assert relevant(_cand(FLOOR + WEIGHTS.strong_relevance_margin, 0.0), FLOOR)


def _clause(title: str, section: str = "Instructor certification") -> Chunk:
    return Chunk(
        id="fly-1", source="flying.md", title=title, section=section, clause_id="FLY-1", decision="restrict",
        markets=["global"], text="Schools that teach flying must show the instructor's certification number in the ad.", position=1,
    )


def test_a_question_naming_the_policys_topic_answers_from_a_clause_in_the_band():
    from policydesk.assistant.answer import CorpusFacts, ExtractiveAnswerer
    from policydesk.core.settings import Settings

    answerer = ExtractiveAnswerer(Settings(), facts=CorpusFacts())
    question = "Paraglider outfit wants a spring promo with a discount code for tandem flights"
    band = FLOOR + WEIGHTS.strong_relevance_margin / 2  # the retriever's cosine, in the band

    def ask(title: str, section: str = "Instructor certification"):
        return answerer.answer(question, [ScoredChunk(chunk=_clause(title, section), score=1.0, dense_score=band, rank=1)])

    named = ask("Kite and Paraglider Advertising Policy")
    assert (named.verdict, named.citations[0].clause_id) == ("restrict", "FLY-1"), named.warnings
    assert any('scope evidence (the question names its policy\'s topic "Paraglider")' in w for w in named.warnings)
    unnamed = ask("Kite Accessories Advertising Policy")
    assert unnamed.verdict == "escalate" and unnamed.answer.startswith(NO_GUIDANCE) and "Paraglider outfit" in unnamed.answer
    by_heading = ask("Kite Accessories Advertising Policy", "7. Schools > 7.3 Tandem flights")
    assert by_heading.verdict == "restrict" and any("its clause's topic \"Tandem flights\"" in w for w in by_heading.warnings)


KITES = """---
policy_id: KITES
title: Kite and Paraglider Advertising Policy
version: "1.0"
effective_date: 2025-02-01
markets: [global]
---
# Kite and Paraglider Advertising Policy

This policy applies to ads for kites, kite-surfing gear, paragliders and the schools that teach them.

## Power kites {#KIT-1 decision=restrict}

Ads for power kites and traction kites may run only if the ad shows the wind limits printed by the maker.

## Unrated tow lines {#KIT-2 decision=reject}

We do not accept ads for tow lines or snap-hooks that have no published load rating.
"""

AQUARIUM = """---
policy_id: AQUARIUM
title: Aquarium Fish Standard for Marketplace Listings
version: "1.0"
effective_date: 2025-02-01
markets: [global]
---
# Aquarium Fish Standard for Marketplace Listings

This standard covers listings of live aquarium fish, corals and aquarium plants.

## Protected species {#AQ-1 decision=reject}

Listings for wild-caught protected reef fish are removed.

## Captive-bred fish {#AQ-2 decision=approve}

Captive-bred freshwater fish such as guppies and tetras may be listed.
"""


@pytest.fixture(scope="module")
def invented_store(tmp_path_factory):
    from policydesk.core.settings import Settings
    from policydesk.ingest.pipeline import ingest_paths

    root = tmp_path_factory.mktemp("invented")
    (root / "kites.md").write_text(KITES, encoding="utf-8")
    (root / "aquarium.md").write_text(AQUARIUM, encoding="utf-8")
    settings = Settings(store=tmp_path_factory.mktemp("store"))
    report = ingest_paths([root], settings)
    assert not report.failed, report.failed
    return settings


def test_an_in_scope_paraphrase_answers_and_an_unrelated_subject_escalates_naming_it(invented_store):
    from policydesk.assistant.chain import ask

    inscope = ask("Shop selling a snaphook with no load rating for kite surfing", settings=invented_store)
    assert (inscope.verdict, inscope.citations[0].clause_id) == ("reject", "KIT-2"), (inscope.answer, inscope.warnings)
    unrelated = ask("Wedding photographer wants to promote engagement shoots", settings=invented_store)
    assert unrelated.verdict == "escalate" and unrelated.citations == []
    assert unrelated.answer.startswith(NO_GUIDANCE)
    assert '"Wedding photographer wants to promote engagement shoots"' in unrelated.answer
