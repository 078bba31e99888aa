"""The answering chain: validate -> retrieve -> answer -> finalize -> route, as LangChain runnables.

`ask()` is what the CLI, the UI and the eval harness call; `stream_ask()` yields the answer
text in pieces and then the final `Answer` (LLM back ends stream real tokens through it).
The chain is built once per settings+answerer and reused, so a query pays only for
encoding, searching and answering.

The runnables are built on first use. When nothing could observe a run (no LangChain or
LangSmith environment variable set, and neither package imported by anyone in this process,
so no callback, tracer or tracing context exists), `ask()` calls the same steps in the same
order directly: importing `langchain_core.runnables` pulls in LangSmith's tracer models,
~0.6 CPU s of a cold `policydesk ask` (issue 16), for a run nobody traces.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from policydesk.assistant.answer import Answerer
from policydesk.assistant.backends import get_answerer
from policydesk.assistant.followup import rewrite
from policydesk.core.markets import market_in_question, markets_in
from policydesk.assistant.retrieve import HybridRetriever, Retriever
from policydesk.assistant.untrusted import ignored_warning, split_untrusted, strip_injection
from policydesk.core.calibration import apply_route
from policydesk.core.errors import InputError
from policydesk.core.settings import Settings
from policydesk.core.types import Answer, Filters, ScoredChunk

if TYPE_CHECKING:
    from langchain_core.runnables import Runnable

History = list[tuple[str, str]]


@dataclass
class Query:
    """What flows between the steps; typed so each step states what it reads and adds."""

    question: str
    filters: Filters
    history: History = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    search_text: str = ""
    warnings: list[str] = field(default_factory=list)
    chunks: list[ScoredChunk] = field(default_factory=list)


def validate(query: Query, settings: Settings) -> Query:
    """Reject unusable questions with a message that says what to do."""
    q = (query.question or "").strip()
    if not q:
        raise InputError("the question is empty; type what the ad or listing is about, e.g. \"Can we advertise beer in Germany?\"")
    if len(q) > settings.max_question_chars:
        raise InputError(
            f"the question is {len(q)} characters long, over the limit of {settings.max_question_chars} "
            "(POLICYDESK_MAX_QUESTION_CHARS); ask about one ad at a time"
        )
    query.question = q
    return query


def prepare(query: Query) -> Query:
    """Standalone search text (follow-ups, orders removed) and the market it clearly names."""
    text = rewrite(query.question, query.history)
    if text != query.question:
        query.warnings.append(f"follow-up read as: {text}")
    cleaned, removed = strip_injection(text)
    if removed:
        query.warnings.append("ignored instructions inside the question: " + " / ".join(removed))
        text = cleaned or text
    query.search_text = text
    named = markets_in(text)
    if query.filters.market is None:
        market = market_in_question(text)
        if market:
            query.filters = query.filters.model_copy(update={"market": market})
            query.warnings.append(f"market {market} read from the question and applied as a filter")
        elif len(named) > 1:
            query.warnings.append(
                f"the question names several markets ({', '.join(named)}); answered without a market filter, "
                "ask once per market for market-specific rules"
            )
    elif named and query.filters.market.upper() not in named:
        query.warnings.append(
            f"the question names {', '.join(named)} but the market filter is {query.filters.market}; the filter was used"
        )
    return query


class Chain:
    """The built runnable plus what it needs; one per (settings, answerer)."""

    def __init__(self, settings: Settings, answerer: Answerer | None = None, retriever: Retriever | None = None):
        self.settings = settings
        self.answerer = answerer or get_answerer(settings)
        self.retriever = retriever or HybridRetriever(settings)

    @cached_property
    def prepare(self) -> Runnable:
        from langchain_core.runnables import RunnableLambda

        settings = self.settings
        return RunnableLambda(lambda q: validate(q, settings), name="validate") | RunnableLambda(prepare, name="prepare")

    @cached_property
    def retrieve(self) -> Runnable:
        from langchain_core.runnables import RunnableLambda

        return RunnableLambda(self._retrieve, name="retrieve")

    @cached_property
    def runnable(self) -> Runnable:
        from langchain_core.runnables import RunnableLambda

        return self.prepare | self.retrieve | RunnableLambda(self._answer, name="answer")

    def run(self, query: Query) -> Answer:
        """The steps of `runnable`, called in turn without LangChain's run machinery."""
        return self._answer(self._retrieve(prepare(validate(query, self.settings))))

    def _retrieve(self, query: Query) -> Query:
        k = self.settings.top_k
        checked = getattr(self.retriever, "retrieve_with_ignored", None)
        if callable(checked):
            query.chunks, ignored = checked(query.search_text, query.filters, k)
        else:
            # Any other retriever: over-fetch so dropping order-giving passages keeps k real ones.
            query.chunks, ignored = split_untrusted(self.retriever.retrieve(query.search_text, query.filters, 2 * k + 5), k)
        query.warnings.extend(ignored_warning(sc) for sc in ignored)
        catalog = getattr(self.retriever, "catalog", None)
        if callable(catalog):
            from policydesk.core.clause_logic import stale_logic_warning

            stale = stale_logic_warning(catalog().meta)
            if stale:
                query.warnings.append(stale)
        return query

    def _answer(self, query: Query) -> Answer:
        answer = self.answerer.answer(query.search_text, query.chunks, query.filters)
        return apply_route(finalize(answer, query), self.settings)


def finalize(answer: Answer, query: Query) -> Answer:
    """The question as asked, the filters as applied, warnings, and the wall-clock latency."""
    answer.question = query.question
    answer.filters = query.filters.to_dict()
    answer.warnings = query.warnings + [w for w in answer.warnings if w not in query.warnings]
    answer.latency_ms = round((time.perf_counter() - query.started) * 1000.0, 2)
    if not answer.retrieved:
        answer.retrieved = list(query.chunks)
    return answer


_chains: dict[tuple, Chain] = {}
_chains_lock = threading.Lock()


def build_chain(settings: Settings, answerer: Answerer | None = None) -> Chain:
    """The chain for these settings (and answerer), built once and cached."""
    key = (settings.model_dump_json(), id(answerer) if answerer is not None else None)
    with _chains_lock:
        chain = _chains.get(key)
        if chain is None or (answerer is not None and chain.answerer is not answerer):
            chain = Chain(settings, answerer)
            if len(_chains) > 16:
                _chains.clear()
            _chains[key] = chain
        return chain


def _query(question: str, filters: Filters | dict | None, history: History | None) -> Query:
    if isinstance(filters, dict):
        filters = Filters(**{k: v for k, v in filters.items() if v not in (None, "")})
    return Query(question=question or "", filters=filters or Filters(), history=list(history or []))


def ask(
    question: str,
    filters: Filters | dict | None = None,
    settings: Settings | None = None,
    history: History | None = None,
    answerer: Answerer | None = None,
) -> Answer:
    """Answer one question: verdict, short answer with [n] markers, citations, latency."""
    settings = settings or Settings()
    chain = build_chain(settings, answerer)
    if unobserved():
        return chain.run(_query(question, filters, history))
    return chain.runnable.invoke(_query(question, filters, history))


LANGCHAIN_ENV_PREFIXES = ("LANGCHAIN_", "LANGSMITH_")


def unobserved() -> bool:
    """True when a LangChain run could have no callback, tracer or tracing context: no
    LANGCHAIN_* / LANGSMITH_* environment variable (tracing, debug, handlers) and neither
    langchain_core nor langsmith imported yet (callbacks, `tracing_v2_enabled()`, configure
    hooks and `set_debug` all need them)."""
    if "langchain_core" in sys.modules or "langsmith" in sys.modules:
        return False
    return not any(k.upper().startswith(LANGCHAIN_ENV_PREFIXES) for k in os.environ)


def stream_ask(
    question: str,
    filters: Filters | dict | None = None,
    settings: Settings | None = None,
    history: History | None = None,
    answerer: Answerer | None = None,
) -> Iterator[str | Answer]:
    """Yield the answer text in pieces, then the final `Answer`.

    An answerer with a `stream(question, chunks, filters)` method (the LLM back ends) streams
    its own pieces: it yields `str` pieces and finally one `Answer`. Others are answered in
    one go and their text is yielded sentence by sentence.
    """
    settings = settings or Settings()
    chain = build_chain(settings, answerer)
    query = (chain.prepare | chain.retrieve).invoke(_query(question, filters, history))
    streamer = getattr(chain.answerer, "stream", None)
    if callable(streamer):
        final: Answer | None = None
        for piece in streamer(query.search_text, query.chunks, query.filters):
            if isinstance(piece, Answer):
                final = piece
            elif piece:
                yield piece
        if final is None:
            raise RuntimeError(f"answerer {type(chain.answerer).__name__} streamed no final Answer")
        yield apply_route(finalize(final, query), settings)
        return
    answer = apply_route(finalize(chain.answerer.answer(query.search_text, query.chunks, query.filters), query), settings)
    for piece in _pieces(answer.answer):
        yield piece
    yield answer


def _pieces(text: str) -> Iterator[str]:
    """Sentence-sized pieces that concatenate back to `text` exactly."""
    start = 0
    for i, ch in enumerate(text):
        if ch in ".!?]" and (i + 1 == len(text) or text[i + 1] == " "):
            yield text[start : i + 1]
            start = i + 1
    if start < len(text):
        yield text[start:]
