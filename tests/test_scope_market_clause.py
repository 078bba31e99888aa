"""Lex specialis and the relevance gate (assistant/ranking.py `prefer_market_clause`), on an
invented kite policy: a clause written for the question's market takes precedence over the
general one only when it is itself relevant to the question."""

from __future__ import annotations

from policydesk.assistant.question import analyse
from policydesk.assistant.ranking import Candidate, prefer_market_clause, relevant
from policydesk.core.types import Chunk, ScoredChunk

FLOOR = 0.35


def _cand(cid: str, markets: list[str], fit: str, cos: float, overlap: float, topic: float) -> Candidate:
    chunk = Chunk(
        id=cid, source="kites.md", policy_id="KITES", title="Kite Policy", section=cid, clause_id=cid,
        decision="restrict", markets=markets, text=f"Text of {cid}.", position=1,
    )
    c = Candidate(scored=ScoredChunk(chunk=chunk, score=topic, dense_score=cos), sentences=[], market_fit=fit)
    c.best_cos, c.subject_overlap, c.topic, c.score = cos, overlap, topic, topic
    return c


def test_a_market_clause_that_fails_the_gate_does_not_displace_a_relevant_general_clause():
    info = analyse("Can a 16-year-old pilot fly in our tandem kite ads in Norway?", "NO")
    general = _cand("KIT-2", ["global"], "open", cos=0.55, overlap=0.5, topic=0.60)  # who may fly in ads
    labels = _cand("KIT-5", ["NO"], "named", cos=0.40, overlap=0.0, topic=0.40)  # Norway: how ads are labelled
    assert relevant(general, FLOOR) and not relevant(labels, FLOOR)
    assert prefer_market_clause([general, labels], info, FLOOR)[0] is general
    # A relevant market clause still takes precedence (lex specialis), and without a gate to
    # judge by the preference stands as it was.
    norway_pilots = _cand("KIT-6", ["NO"], "named", cos=0.52, overlap=0.5, topic=0.50)
    assert prefer_market_clause([general, norway_pilots], info, FLOOR)[0] is norway_pilots
    assert prefer_market_clause([general, labels], info)[0] is labels


def test_a_place_named_after_a_country_is_not_that_country():
    """"New Jersey licensed sportsbook" named Jersey (JE): its words left the subject as a
    market and the answer warned that the question names JE."""
    from policydesk.core.markets import find_mentions, markets_in

    for text in ("New Jersey licensed kite school", "a kite festival in New Mexico", "kite shops in New South Wales"):
        assert markets_in(text) == [] and find_mentions(text) == [], text
    assert markets_in("kite schools in New Zealand and Jersey") == ["NZ", "JE"]
    assert markets_in("Papua New Guinea kite makers") == ["PG"]
    assert markets_in("kite shops in Wales") == ["GB"]
