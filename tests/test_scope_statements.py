"""Scope statements as scope evidence ("This policy covers ...", "This covers ..."), on an
invented flying policy: a question naming what a policy or clause says it covers may be
answered from a clause in the relevance band (assistant/scope_evidence.py)."""

from __future__ import annotations

from policydesk.assistant.compose import NO_GUIDANCE
from policydesk.assistant.scope_evidence import clause_scope_statements, names_stated_topic, stated_topics
from policydesk.assistant.weights import WEIGHTS
from policydesk.core.corpus_facts import compute_corpus_facts, policy_scope_statements
from policydesk.core.terms import terms
from policydesk.core.types import Chunk, ScoredChunk

FLOOR = 0.35
INTRO = (
    "Flying schools help people learn to fly. This policy covers paraglider schools, hang-glider "
    "instruction and other unpowered flight training. It applies to ads and shop listings in all markets."
)


def test_only_covers_states_what_a_policy_governs():
    assert policy_scope_statements(INTRO) == ["paraglider schools, hang-glider instruction and other unpowered flight training"]
    assert policy_scope_statements("This policy applies to ads and shop listings.") == []  # where, not what
    assert clause_scope_statements("Tandem rides are allowed. This covers towed kites and similar rides.") == ["towed kites and similar rides"]
    assert clause_scope_statements(INTRO) == []  # the policy's statement is not the clause's


def test_a_statement_lists_topics_every_word_of_which_must_be_named():
    topics = [sorted(w) for _, w in stated_topics("paraglider schools, hang-glider instruction and other unpowered flight training")]
    assert topics == [sorted(terms("paraglider schools")), sorted(terms("hang glider instruction")), sorted(terms("unpowered flight training"))]
    assert names_stated_topic(terms("a paraglider school wants to run a spring promo"), "paraglider schools, hang-glider instruction") == "paraglider schools"
    assert names_stated_topic(terms("paraglider repair shop"), "paraglider schools, hang-glider instruction") is None


def test_the_commit_keeps_each_policys_statement():
    intro = Chunk(id="i", source="flying.md", title="Flying Policy", section="", text=INTRO, position=0)
    assert compute_corpus_facts([intro]).scope == {"flying.md": [policy_scope_statements(INTRO)[0]]}


def _clause() -> Chunk:
    return Chunk(
        id="fly-1", source="flying.md", title="Sky Sports Policy", section="Instructor certification", clause_id="FLY-1",
        decision="restrict", markets=["global"], position=1,
        text="Schools that teach flying must show the instructor's certification number in the ad.",
    )


def test_a_question_naming_what_the_policy_covers_answers_from_a_clause_in_the_band():
    from policydesk.assistant.answer import CorpusFacts, ExtractiveAnswerer
    from policydesk.core.settings import Settings

    question = "Hang-glider instruction outfit wants a spring promo with a discount code"
    band = FLOOR + WEIGHTS.strong_relevance_margin / 2

    def ask(scope: dict[str, list[str]]):
        answerer = ExtractiveAnswerer(Settings(), facts=CorpusFacts(scope=scope))
        return answerer.answer(question, [ScoredChunk(chunk=_clause(), score=1.0, dense_score=band, rank=1)])

    covered = ask({"flying.md": ["paraglider schools, hang-glider instruction and other unpowered flight training"]})
    assert (covered.verdict, covered.citations[0].clause_id) == ("restrict", "FLY-1"), covered.warnings
    assert any('"hang-glider instruction", which its policy says it covers' in w for w in covered.warnings)
    other = ask({"flying.md": ["paraglider schools"], "kites.md": ["hang-glider instruction"]})  # another policy's scope
    assert other.verdict == "escalate" and other.answer.startswith(NO_GUIDANCE)
