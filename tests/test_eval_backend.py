"""An eval against an LLM endpoint that is not there stops with one clear line, not 100 errors."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

from tests.test_eval_cli import FIXTURE  # the 4-case golden file the eval CLI tests use


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_eval_stops_when_the_llm_endpoint_is_down(sample_store, tmp_path):
    port = _closed_port()
    env = dict(os.environ, OPENAI_BASE_URL=f"http://127.0.0.1:{port}/v1", OPENAI_API_KEY="x")
    proc = subprocess.run(
        [sys.executable, "-m", "policydesk", "eval", str(FIXTURE), "--store", str(sample_store.store_dir),
         "--out", str(tmp_path / "run"), "--llm", "openai", "--model", "tiny"],
        capture_output=True, text=True, env=env, timeout=600,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "OPENAI_BASE_URL" in proc.stderr
    assert not (tmp_path / "run" / "metrics.json").exists()
