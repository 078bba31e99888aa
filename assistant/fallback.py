"""When the LLM back end cannot answer, the moderator still gets the offline answer.

A model server that is slow or down used to end `ask --llm` with an error after up to two
minutes, and the moderator got nothing. The extractive answerer needs no model and reads
the same passages, so `FallbackAnswerer` hands the question to it when the LLM answerer
raises `BackendUnavailableError` (endpoint down, time-out, model missing on the server) and
says so in a warning. Evals count these answers separately (`is_fallback`): they are not
the model's answers, and a run where the server died halfway must not pass for one where
it answered.
"""

from __future__ import annotations

from collections.abc import Iterator

from policydesk.assistant.answer import Answerer
from policydesk.core.errors import BackendUnavailableError
from policydesk.core.types import Answer, Filters, ScoredChunk

FALLBACK_WARNING = "the model was unavailable"


def fallback_warning(reason: str) -> str:
    return f"{FALLBACK_WARNING} ({reason}); this is the offline extractive answer"


def fallback_reason(answer: Answer | None) -> str | None:
    """The warning saying why, when `answer` is the offline one given in place of the model's."""
    if answer is None:
        return None
    return next((w for w in answer.warnings if w.startswith(FALLBACK_WARNING)), None)


def is_fallback(answer: Answer | None) -> bool:
    return fallback_reason(answer) is not None


class FallbackAnswerer:
    """An LLM answerer (`primary`) backed by the extractive one when the model cannot answer."""

    def __init__(self, primary, fallback: Answerer):
        self.primary = primary
        self.fallback = fallback

    @property
    def name(self) -> str:
        return getattr(self.primary, "name", "llm")

    @property
    def model(self) -> str | None:
        return getattr(self.primary, "model", None)

    def answer(self, question: str, chunks: list[ScoredChunk], filters: Filters | None = None) -> Answer:
        try:
            return self.primary.answer(question, chunks, filters)
        except BackendUnavailableError as exc:
            return self._offline(question, chunks, filters, exc)

    def stream(self, question: str, chunks: list[ScoredChunk], filters: Filters | None = None) -> Iterator[str | Answer]:
        """The model's pieces; if it fails, even after some pieces, the offline Answer last.

        Callers show the final Answer in place of the streamed text, so a reply cut off by a
        dying server is replaced, not left half-written."""
        try:
            yield from self.primary.stream(question, chunks, filters)
        except BackendUnavailableError as exc:
            yield self._offline(question, chunks, filters, exc)

    def _offline(self, question: str, chunks: list[ScoredChunk], filters: Filters | None, exc: Exception) -> Answer:
        answer = self.fallback.answer(question, chunks, filters)
        answer.warnings.insert(0, fallback_warning(str(exc)))
        return answer


__all__ = ["FALLBACK_WARNING", "FallbackAnswerer", "fallback_reason", "fallback_warning", "is_fallback"]
