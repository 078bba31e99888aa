"""Quoted wording as scope evidence (assistant/scope_evidence.py `quoted_wording`), on an
invented kite-shop policy: wording a clause names in quotes that the question quotes from the
ad lets the clause answer whatever its cosine; generic ad words quoted do not."""

from __future__ import annotations

from policydesk.assistant.compose import NO_GUIDANCE
from policydesk.assistant.scope_evidence import quoted_wording
from policydesk.core.types import Chunk, ScoredChunk

CLAUSE = 'Kite sellers must not describe a kite as "storm proof", "unbreakable" or "pro grade". Listings labelled "Ad" are fine.'


def test_wording_both_quote_is_evidence():
    assert quoted_wording("Listing copy: 'Storm proof twin-line kite, 2m'", CLAUSE) == "storm proof"
    assert quoted_wording('Kite listing says "pro grade carbon spars"', CLAUSE) == "pro grade"
    # The question must quote it (the ad's words), not merely use it; generic words name nothing.
    assert quoted_wording("Is a storm proof kite listing allowed?", CLAUSE) is None
    assert quoted_wording("Post starts with 'Ad' and a kite photo", CLAUSE) is None
    assert quoted_wording("Listing copy: 'stormproofing kit'", CLAUSE) is None  # whole words only


def test_a_question_quoting_the_clauses_wording_is_answered_below_the_floor():
    from policydesk.assistant.answer import CorpusFacts, ExtractiveAnswerer
    from policydesk.core.settings import Settings

    chunk = Chunk(
        id="kit-2", source="kites.md", title="Sky Shop Policy", section="Claims", clause_id="KIT-2", decision="reject",
        markets=["global"], text=CLAUSE, position=1,
    )
    answerer = ExtractiveAnswerer(Settings(), facts=CorpusFacts())

    def ask(question: str):
        return answerer.answer(question, [ScoredChunk(chunk=chunk, score=1.0, dense_score=0.2, rank=1)])

    quoted = ask("Marketplace item: 'Unbreakable Zephyr 9 with bag'")
    assert (quoted.verdict, quoted.citations[0].clause_id) == ("reject", "KIT-2"), quoted.warnings
    unquoted = ask("Marketplace item: a Zephyr 9 with bag")
    assert unquoted.verdict == "escalate" and unquoted.answer.startswith(NO_GUIDANCE)
