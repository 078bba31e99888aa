"""A LangChain chat model over a local GGUF file, through llama-cpp-python.

Hand-written on purpose: LangChain's `ChatLlamaCpp` lives in langchain-community, a large
package this project does not otherwise need, so this is the minimal `BaseChatModel`
around `llama_cpp.Llama.create_chat_completion` (invoke, stream, and JSON mode through
`response_format`). The GGUF is loaded once per process and path, and calls are
serialised because a `Llama` object is not safe to use from two threads at once.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult

_ROLES = {"system": "system", "human": "user", "ai": "assistant", "tool": "tool"}
_models: dict[tuple[str, int], Any] = {}
_lock = threading.Lock()


def load_llama(model_path: str, n_ctx: int) -> Any:
    """The process-wide `Llama` for this file (loading a GGUF takes seconds; do it once)."""
    key = (model_path, n_ctx)
    with _lock:
        if key not in _models:
            from llama_cpp import Llama

            _models[key] = Llama(model_path=model_path, n_ctx=n_ctx, verbose=False)
        return _models[key]


def _to_dicts(messages: list[BaseMessage]) -> list[dict]:
    return [{"role": _ROLES.get(m.type, "user"), "content": m.text if hasattr(m, "text") else str(m.content)} for m in messages]


class LlamaCppChatModel(BaseChatModel):
    """Chat completions from a local GGUF model; JSON mode via `.bind(response_format=...)`."""

    model_path: str
    n_ctx: int = 4096
    max_tokens: int = 400
    temperature: float = 0.1

    @property
    def _llm_type(self) -> str:
        return "policydesk-llamacpp"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model_path": self.model_path, "n_ctx": self.n_ctx, "max_tokens": self.max_tokens}

    def _call_args(self, messages: list[BaseMessage], stop: list[str] | None, kwargs: dict) -> dict:
        args: dict[str, Any] = {
            "messages": _to_dicts(messages),
            "temperature": self.temperature,
            "max_tokens": self.max_tokens,
        }
        if stop:
            args["stop"] = stop
        if kwargs.get("response_format"):
            args["response_format"] = kwargs["response_format"]
        return args

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        llm = load_llama(self.model_path, self.n_ctx)
        with _lock:
            out = llm.create_chat_completion(**self._call_args(messages, stop, kwargs))
        text = out["choices"][0]["message"].get("content") or ""
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        llm = load_llama(self.model_path, self.n_ctx)
        with _lock:
            for part in llm.create_chat_completion(stream=True, **self._call_args(messages, stop, kwargs)):
                piece = part["choices"][0].get("delta", {}).get("content") or ""
                if not piece:
                    continue
                chunk = ChatGenerationChunk(message=AIMessageChunk(content=piece))
                if run_manager:
                    run_manager.on_llm_new_token(piece, chunk=chunk)
                yield chunk
