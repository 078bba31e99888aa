"""A JSON-mode reply cut at the token limit is parsed tolerantly, not a crash.

Found against llama.cpp's server with the tiny gemma model: openai raises
LengthFinishReasonError when finish_reason is "length", which escaped the answerer.
"""

from __future__ import annotations

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.runnables import RunnableLambda
from openai import LengthFinishReasonError
from openai.types.chat import ChatCompletion

from policydesk.assistant.chain import ask
from policydesk.assistant.llm import LLMAnswerer
from policydesk.assistant.llm_backends import ChatBackend


class CutOffModel(BaseChatModel):
    """Behaves like ChatOpenAI in JSON mode when the server stops at max_tokens."""

    content: str

    @property
    def _llm_type(self) -> str:
        return "cut-off"

    def with_structured_output(self, schema, **kwargs):
        # ChatOpenAI's JSON mode ends in the same client call; the error surfaces from invoke.
        return RunnableLambda(lambda messages: self.invoke(messages))

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):
        completion = ChatCompletion.model_validate(
            {
                "id": "x", "object": "chat.completion", "created": 0, "model": "tiny",
                "choices": [{"index": 0, "finish_reason": "length",
                             "message": {"role": "assistant", "content": self.content}}],
            }
        )
        raise LengthFinishReasonError(completion=completion)


def test_cut_off_json_reply_is_parsed_and_reported(sample_store):
    model = CutOffModel(content='{"verdict": "reject", "answer": "Alcohol ads must not target minors [1]", "cit')
    ans = ask("Can an alcohol ad target 16 year olds?", settings=sample_store,
              answerer=LLMAnswerer(ChatBackend(model, "openai", "tiny", json_mode="structured")))
    assert any("token limit" in w for w in ans.warnings)
    assert ans.verdict in {"reject", "restrict", "approve", "escalate"}
    retrieved = {sc.chunk.id for sc in ans.retrieved}
    assert all(c.chunk_id in retrieved for c in ans.citations)


def test_other_model_errors_still_raise_a_clear_error(sample_store):
    import pytest

    from policydesk.core.errors import PolicydeskError

    class Broken(CutOffModel):
        def _generate(self, messages, stop=None, run_manager=None, **kwargs):
            raise RuntimeError("boom")

    with pytest.raises(PolicydeskError):
        ask("Can an alcohol ad target 16 year olds?", settings=sample_store,
            answerer=LLMAnswerer(ChatBackend(Broken(content=""), "openai", "tiny", json_mode="structured")))
