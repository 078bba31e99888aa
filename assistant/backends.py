"""Which answerer a setting names: the extractive one here, LLM back ends from `llm.py`
(wrapped so that a model that cannot answer gives way to the extractive one, `fallback.py`).

The LLM module is imported only when asked for, so the default, offline path never loads
HTTP clients or model runtimes.
"""

from __future__ import annotations

import importlib

from policydesk.assistant.answer import Answerer, ExtractiveAnswerer
from policydesk.core.errors import PolicydeskError
from policydesk.core.settings import Settings

LLM_BACKENDS = ("openai", "ollama", "llamacpp")


def get_answerer(settings: Settings) -> Answerer:
    name = (settings.llm or "extractive").strip().lower()
    if name == "extractive":
        return ExtractiveAnswerer(settings)
    if name not in LLM_BACKENDS:
        raise PolicydeskError(
            f"unknown answer back end {settings.llm!r} in POLICYDESK_LLM / --llm; "
            f"use one of: extractive, {', '.join(LLM_BACKENDS)}"
        )
    try:
        module = importlib.import_module("policydesk.assistant.llm")
    except ImportError as exc:
        raise PolicydeskError(
            f"the {name!r} back end (POLICYDESK_LLM={settings.llm}) is not available: {exc}; "
            "install the `llm` extra or set POLICYDESK_LLM=extractive"
        ) from exc
    make = getattr(module, "make_llm_answerer", None)
    if make is None:
        raise PolicydeskError(
            f"policydesk.assistant.llm has no make_llm_answerer(); cannot use POLICYDESK_LLM={settings.llm}"
        )
    # The model's failures (endpoint down, time-out) fall back to the offline answer.
    from policydesk.assistant.fallback import FallbackAnswerer

    return FallbackAnswerer(make(settings), ExtractiveAnswerer(settings))
