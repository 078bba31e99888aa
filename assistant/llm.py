"""Generative answers: the same retrieval, a chat model writes the answer, validation checks it.

`make_llm_answerer(settings)` gives an Answerer (the protocol of assistant/answer.py) for
`settings.llm` in openai | ollama | llamacpp; assistant/backends.get_answerer calls it, so
the chain does not know which kind of answerer it has. The model never has the last word:
every reply goes through llm_validate, which keeps only citations of retrieved passages,
lets declared clause decisions win, and escalates what it cannot check.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from langchain_core.messages import BaseMessage
from pydantic import BaseModel, Field

from policydesk.assistant.llm_backends import ChatBackend, explain_failure, make_chat_model
from policydesk.assistant.llm_parse import AnswerTextStream, ModelReply, normalise_verdict, parse_reply
from policydesk.assistant.llm_prompt import build_messages
from policydesk.assistant.llm_validate import validate_reply
from policydesk.core.settings import Settings
from policydesk.core.types import Answer, Filters, ScoredChunk


class JsonReply(BaseModel):
    """The JSON object the model is asked for (structured output / JSON mode)."""

    verdict: str = Field(description="approve, restrict, reject or escalate")
    answer: str = Field(description="two or three sentences with [n] markers")
    cited: list[int] = Field(default_factory=list, description="numbers of the passages relied on")


class LLMAnswerer:
    """An Answerer backed by a LangChain chat model; see the module docstring."""

    def __init__(self, backend: ChatBackend, settings: Settings | None = None):
        self.backend = backend
        self.settings = settings or Settings()

    @property
    def name(self) -> str:
        return self.backend.backend

    @property
    def model(self) -> str:
        return self.backend.model

    def too_weak(self, chunks: list[ScoredChunk]) -> str | None:
        """Why the passages are not worth asking a model about (the extractive gate's first test).

        A model handed five unrelated passages still writes an answer and cites [1]; the
        citation would pass validation, so the relevance floor is applied before the call.
        """
        if not chunks:
            return "no passage was retrieved"
        coss = [sc.dense_score for sc in chunks if sc.dense_score is not None]
        if coss and max(coss) < self.settings.min_relevance:
            return f"closest passage too weak (cosine {max(coss):.2f} < POLICYDESK_MIN_RELEVANCE {self.settings.min_relevance:g}); the model was not asked"
        return None

    def _gated(self, question: str, chunks: list[ScoredChunk], filters: Filters | None, start: float) -> Answer | None:
        reason = self.too_weak(chunks)
        if reason is None:
            return None
        answer = self._finish(question, ModelReply(verdict="escalate"), chunks, filters, start)
        answer.warnings.append(reason)
        return answer

    # -- one-shot -----------------------------------------------------------------------
    def answer(self, question: str, chunks: list[ScoredChunk], filters: Filters | None = None) -> Answer:
        start = time.perf_counter()
        gated = self._gated(question, chunks, filters, start)
        if gated is not None:
            return gated
        messages = build_messages(question, chunks, filters, reply_format="json")
        try:
            reply = self._call_json(messages)
        except Exception as exc:
            partial = _cut_off_reply(exc)
            if partial is None:
                raise explain_failure(exc, self.backend, self.settings) from exc
            reply = parse_reply(partial)
            reply.notes.append("the model stopped at its token limit (POLICYDESK_LLM_MAX_TOKENS); its partial reply was parsed")
        return self._finish(question, reply, chunks, filters, start)

    def _call_json(self, messages: list[BaseMessage]) -> ModelReply:
        """JSON mode where the back end has it; the tolerant parser reads whatever comes back."""
        chat = self.backend.chat_model
        mode = self.backend.json_mode
        if mode == "structured":
            out = chat.with_structured_output(JsonReply, method="json_mode", include_raw=True).invoke(messages)
            parsed = out.get("parsed")
            if isinstance(parsed, JsonReply):
                return ModelReply(verdict=normalise_verdict(parsed.verdict), answer=parsed.answer.strip(), cited=parsed.cited)
            reply = parse_reply(_text(out.get("raw")))
            reply.notes.append("structured output did not validate; the raw reply was parsed")
            return reply
        if mode == "bind":
            return parse_reply(_text(chat.bind(response_format={"type": "json_object"}).invoke(messages)))
        return parse_reply(_text(chat.invoke(messages)))

    # -- streaming ----------------------------------------------------------------------
    def stream(self, question: str, chunks: list[ScoredChunk], filters: Filters | None = None) -> Iterator[str | Answer]:
        """Answer text as the model writes it, then the validated Answer (which may differ)."""
        start = time.perf_counter()
        gated = self._gated(question, chunks, filters, start)
        if gated is not None:
            yield gated
            return
        messages = build_messages(question, chunks, filters, reply_format="text")
        visible = AnswerTextStream()
        parts: list[str] = []
        try:
            for piece in self.backend.chat_model.stream(messages):
                text = _text(piece)
                parts.append(text)
                shown = visible.feed(text)
                if shown:
                    yield shown
        except Exception as exc:
            raise explain_failure(exc, self.backend, self.settings) from exc
        tail = visible.flush()
        if tail:
            yield tail
        yield self._finish(question, parse_reply("".join(parts)), chunks, filters, start)

    def _finish(
        self, question: str, reply: ModelReply, chunks: list[ScoredChunk], filters: Filters | None, start: float
    ) -> Answer:
        answer = validate_reply(question, reply, chunks, filters, backend=self.name, model=self.model)
        answer.latency_ms = (time.perf_counter() - start) * 1000
        return answer


def _cut_off_reply(exc: Exception) -> str | None:
    """The text of a reply the OpenAI client refused because it hit the token limit.

    openai raises LengthFinishReasonError for a JSON-mode reply cut at max_tokens; a small
    model does that often, and its partial JSON is still worth the tolerant parser's look.
    """
    completion = getattr(exc, "completion", None)
    choices = getattr(completion, "choices", None) or []
    if not choices:
        return None
    message = getattr(choices[0], "message", None)
    return getattr(message, "content", None) or ""


def _text(message) -> str:
    if message is None:
        return ""
    content = getattr(message, "content", message)
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content blocks
        return "".join(b if isinstance(b, str) else str(b.get("text", "")) for b in content)
    return str(content)


def make_llm_answerer(settings: Settings) -> LLMAnswerer:
    """The answerer for `settings.llm` (openai | ollama | llamacpp); errors name the setting to fix."""
    return LLMAnswerer(make_chat_model(settings), settings)
