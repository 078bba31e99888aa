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
    # One quoted word is the clause's wording only as the whole of the ad's quoted copy.
    assert quoted_wording("Kite listing titled 'Unbreakable'", CLAUSE) == "unbreakable"
    assert quoted_wording("Kite listing titled 'unbreakable fun for kids'", CLAUSE) is None


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

    quoted = ask("Marketplace item: 'Storm proof Zephyr 9 with bag'")
    assert (quoted.verdict, quoted.citations[0].clause_id) == ("reject", "KIT-2"), quoted.warnings
    unquoted = ask("Marketplace item: a Zephyr 9 with bag")
    assert unquoted.verdict == "escalate" and unquoted.answer.startswith(NO_GUIDANCE)


def test_the_share_of_subject_words_is_also_counted_without_the_quoted_ad_copy():
    """The copy is what is judged, not what the ad is for: its words no longer dilute the share
    of the question's subject the gate asks a clause in the band to hold."""
    from policydesk.assistant.answer import CorpusFacts, ExtractiveAnswerer
    from policydesk.assistant.question import analyse
    from policydesk.assistant.weights import WEIGHTS
    from policydesk.core.settings import Settings

    quoted = "Snowkite school ad: 'fly tonight, zero limits, total freedom'"
    assert analyse(quoted, None).own_subject == analyse("Snowkite school ad", None).subject
    chunk = Chunk(
        id="kit-4", source="kites.md", title="Sky Shop Policy", section="Lessons", clause_id="KIT-4", decision="restrict",
        markets=["global"], position=1, text="Snowkite schools must name the certified instructor.",
    )
    band = 0.35 + WEIGHTS.strong_relevance_margin / 2
    answerer = ExtractiveAnswerer(Settings(), facts=CorpusFacts())

    def ask(question: str):
        return answerer.answer(question, [ScoredChunk(chunk=chunk, score=1.0, dense_score=band, rank=1)])

    answered = ask(quoted)
    assert answered.verdict == "restrict" and any("outside the ad copy it quotes" in w for w in answered.warnings), answered.warnings
    # The same words said by the moderator, not quoted from the ad, are the subject: too few in the clause.
    assert ask("Snowkite school ad to fly tonight with zero limits and total freedom").verdict == "escalate"
