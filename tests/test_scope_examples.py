"""An example a clause lists of what it governs ("such as ...", "including ...") as scope
evidence (assistant/scope_evidence.py `listed_example`), on an invented kite-shop policy."""

from __future__ import annotations

from policydesk.assistant.compose import NO_GUIDANCE
from policydesk.assistant.scope_evidence import listed_example
from policydesk.core.terms import terms
from policydesk.core.types import Chunk, ScoredChunk

CLAUSE = (
    "Listings for kite gear that can injure bystanders, such as cutting lines, glass-coated string "
    "or steel kite anchors, must carry a safety warning."
)


def test_a_named_example_of_two_or_more_words_is_evidence():
    assert listed_example(terms("Shop sells cutting lines for fighter kites"), CLAUSE) == "cutting lines"
    assert listed_example(terms("Glass-coated string for sale"), CLAUSE) == "glass-coated string"
    assert listed_example(terms("steel anchors for tents"), CLAUSE) is None  # every word of the example
    assert listed_example(terms("Kite lines for children"), CLAUSE) is None  # "lines" alone is not the example
    # Outside an example list the same words are no evidence.
    assert listed_example(terms("cutting lines"), "Cutting lines must carry a safety warning.") is None


def test_a_question_naming_a_listed_example_is_answered_below_the_floor():
    from policydesk.assistant.answer import CorpusFacts, ExtractiveAnswerer
    from policydesk.core.settings import Settings

    chunk = Chunk(
        id="kit-7", source="kites.md", title="Sky Shop Policy", section="Dangerous gear", clause_id="KIT-7",
        decision="restrict", markets=["global"], position=1, text=CLAUSE,
    )
    answerer = ExtractiveAnswerer(Settings(), facts=CorpusFacts())

    def ask(question: str):
        return answerer.answer(question, [ScoredChunk(chunk=chunk, score=1.0, dense_score=0.2, rank=1)])

    named = ask("Manja seller from Gujarat offers glass-coated string, bulk discount")
    assert (named.verdict, named.citations[0].clause_id) == ("restrict", "KIT-7"), named.warnings
    assert any("an example the clause lists" in w for w in named.warnings)
    assert ask("Manja seller from Gujarat offers kites, bulk discount").verdict == "escalate"
    assert ask("Manja seller from Gujarat offers kites, bulk discount").answer.startswith(NO_GUIDANCE)
