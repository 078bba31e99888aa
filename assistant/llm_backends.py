"""Building the chat model for `settings.llm`, and turning its failures into one-line errors.

Every back end is a LangChain `BaseChatModel`, so the answerer does not know which one it
has. What differs is set up here: where the endpoint is (the standard `OPENAI_BASE_URL`,
`OPENAI_API_KEY` and `OLLAMA_HOST` variables, read by the client libraries themselves),
how JSON mode is asked for, and which setting a user must change when it fails. A
moderator who sees "connection refused" cannot act on it; "the openai back end cannot
reach OPENAI_BASE_URL=http://...: start the server or fix OPENAI_BASE_URL" they can.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from langchain_core.language_models.chat_models import BaseChatModel

from policydesk.core.errors import BackendUnavailableError, InputError, PolicydeskError
from policydesk.core.settings import Settings

LLM_BACKENDS = ("openai", "ollama", "llamacpp")
JsonMode = Literal["structured", "bind", "none"]


class LLMUnavailableError(BackendUnavailableError):
    """The configured LLM back end cannot answer (missing package, endpoint down, time-out)."""


@dataclass
class ChatBackend:
    """A ready chat model plus what the answer JSON must say about it."""

    chat_model: BaseChatModel
    backend: str
    model: str
    json_mode: JsonMode = "none"  # structured = with_structured_output(json_mode); bind = response_format
    where: str = ""  # endpoint or file, for error messages


def _missing(backend: str, package: str, extra: str) -> LLMUnavailableError:
    return LLMUnavailableError(
        f"the {backend} back end needs the Python package {package}: pip install 'policydesk[{extra}]', "
        f"or set POLICYDESK_LLM=extractive"
    )


def _require_model(settings: Settings, backend: str, example: str) -> str:
    if not settings.llm_model:
        raise InputError(f"the {backend} back end needs a model: pass --model {example} or set POLICYDESK_LLM_MODEL")
    return settings.llm_model


def make_chat_model(settings: Settings, env: Mapping[str, str] | None = None) -> ChatBackend:
    """The chat model for `settings.llm`; raises a PolicydeskError naming the setting to fix."""
    env = os.environ if env is None else env
    backend = (settings.llm or "").strip().lower()
    if backend == "openai":
        return _openai(settings, env)
    if backend == "ollama":
        return _ollama(settings, env)
    if backend == "llamacpp":
        return _llamacpp(settings)
    raise InputError(
        f"unknown answer back end {settings.llm!r}: set POLICYDESK_LLM (or --llm) to extractive, openai, ollama or llamacpp"
    )


def _openai(settings: Settings, env: Mapping[str, str]) -> ChatBackend:
    try:
        from langchain_openai import ChatOpenAI
    except ImportError as exc:
        raise _missing("openai", "langchain-openai", "llm") from exc
    model = _require_model(settings, "openai", "gpt-4o-mini")
    base_url = env.get("OPENAI_BASE_URL") or None
    api_key = env.get("OPENAI_API_KEY")
    if not api_key:
        if not base_url:
            raise InputError(
                "the openai back end needs OPENAI_API_KEY (and OPENAI_BASE_URL for a non-OpenAI endpoint such as vLLM or llama.cpp)"
            )
        api_key = "not-needed"  # local OpenAI-compatible servers ignore the key, the client insists on one
    # langchain-openai sends the limit as `max_completion_tokens`, which some OpenAI-compatible
    # servers (llama.cpp's among them) ignore; for those, send the classic `max_tokens` instead.
    limit = {"extra_body": {"max_tokens": settings.llm_max_tokens}} if base_url else {"max_tokens": settings.llm_max_tokens}
    chat = ChatOpenAI(
        model=model,
        base_url=base_url,
        api_key=api_key,
        timeout=settings.llm_timeout_s,
        # No retry: a second wait of llm_timeout_s doubled the time to an answer; a failed
        # call now falls back to the offline answer instead (assistant/fallback.py).
        max_retries=0,
        temperature=0.1,
        **limit,
    )
    return ChatBackend(chat, "openai", model, "structured", where=f"OPENAI_BASE_URL={base_url or 'https://api.openai.com/v1'}")


def _ollama(settings: Settings, env: Mapping[str, str]) -> ChatBackend:
    try:
        from langchain_ollama import ChatOllama
    except ImportError as exc:
        raise _missing("ollama", "langchain-ollama", "llm") from exc
    model = _require_model(settings, "ollama", "llama3.1:8b")
    host = env.get("OLLAMA_HOST") or "http://127.0.0.1:11434"
    if "://" not in host:
        host = "http://" + host
    chat = ChatOllama(
        model=model,
        base_url=host,
        temperature=0.1,
        num_predict=settings.llm_max_tokens,
        client_kwargs={"timeout": settings.llm_timeout_s},
    )
    return ChatBackend(chat, "ollama", model, "structured", where=f"OLLAMA_HOST={host}")


def _llamacpp(settings: Settings) -> ChatBackend:
    try:
        import llama_cpp  # noqa: F401
    except ImportError as exc:
        raise _missing("llamacpp", "llama-cpp-python", "llamacpp") from exc
    from policydesk.assistant.llm_llamacpp import LlamaCppChatModel

    model = _require_model(settings, "llamacpp", "PATH/TO/model.gguf")
    path = Path(model).expanduser()
    if not path.is_file():
        raise InputError(f"{path}: GGUF model file not found; pass --model PATH or set POLICYDESK_LLM_MODEL to a .gguf file")
    chat = LlamaCppChatModel(model_path=str(path), max_tokens=settings.llm_max_tokens)
    return ChatBackend(chat, "llamacpp", path.name, "bind", where=f"POLICYDESK_LLM_MODEL={path}")


def explain_failure(exc: BaseException, backend: ChatBackend, settings: Settings) -> PolicydeskError:
    """Map a client library's exception to one line that names the setting to fix."""
    if isinstance(exc, PolicydeskError):
        return exc
    name = backend.backend
    kind = type(exc).__name__
    detail = " ".join(str(exc).split())[:160]
    timeout_hint = f"raise POLICYDESK_LLM_TIMEOUT_S (now {settings.llm_timeout_s:g}s) or use a smaller model"
    try:
        import openai

        if isinstance(exc, openai.APITimeoutError):
            return LLMUnavailableError(f"the {name} back end timed out at {backend.where}: {timeout_hint}")
        if isinstance(exc, openai.APIConnectionError):
            return LLMUnavailableError(
                f"the {name} back end cannot reach {backend.where}: start the server or fix OPENAI_BASE_URL"
            )
        if isinstance(exc, openai.AuthenticationError):
            return LLMUnavailableError(f"the {name} endpoint refused the key: fix OPENAI_API_KEY")
        if isinstance(exc, openai.NotFoundError):
            return LLMUnavailableError(
                f"the {name} endpoint at {backend.where} has no model {backend.model!r}: fix POLICYDESK_LLM_MODEL (--model)"
            )
        if isinstance(exc, openai.APIStatusError):
            return LLMUnavailableError(
                f"the {name} endpoint at {backend.where} answered HTTP {exc.status_code} ({detail}): check OPENAI_BASE_URL and POLICYDESK_LLM_MODEL"
            )
    except ImportError:
        pass
    try:
        import httpx

        if isinstance(exc, httpx.TimeoutException):
            return LLMUnavailableError(f"the {name} back end timed out at {backend.where}: {timeout_hint}")
        if isinstance(exc, httpx.TransportError):
            return LLMUnavailableError(f"the {name} back end cannot reach {backend.where}: start the server or fix it ({detail})")
    except ImportError:
        pass
    try:
        import ollama

        if isinstance(exc, ollama.ResponseError):
            if exc.status_code == 404:
                return LLMUnavailableError(
                    f"ollama at {backend.where} has no model {backend.model!r}: run `ollama pull {backend.model}` or fix POLICYDESK_LLM_MODEL"
                )
            return LLMUnavailableError(f"ollama at {backend.where} answered {exc.status_code} ({detail}): check POLICYDESK_LLM_MODEL")
    except ImportError:
        pass
    if isinstance(exc, ConnectionError) and name == "ollama":
        return LLMUnavailableError(f"the ollama back end cannot reach {backend.where}: start `ollama serve` or fix OLLAMA_HOST")
    if isinstance(exc, TimeoutError):
        return LLMUnavailableError(f"the {name} back end timed out at {backend.where}: {timeout_hint}")
    if name == "llamacpp" and isinstance(exc, (ValueError, RuntimeError, OSError)):
        return LLMUnavailableError(f"llama.cpp could not run {backend.where} ({kind}: {detail}): is it a valid GGUF chat model?")
    return LLMUnavailableError(f"the {name} back end failed ({kind}: {detail}): check POLICYDESK_LLM and POLICYDESK_LLM_MODEL")
