"""Commands that need no model import no torch, sentence-transformers or chromadb.

Each command runs in a fresh interpreter (as a user's shell would start it) and reports the
heavy modules in `sys.modules` at exit: importing torch alone costs seconds per call.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

HEAVY = ("torch", "sentence_transformers", "transformers", "chromadb", "langchain_chroma", "bm25s", "scipy", "langchain_core", "langsmith")

PROBE = """
import atexit, json, sys
HEAVY = {heavy!r}
atexit.register(lambda: sys.__stderr__.write("\\nHEAVY=" + json.dumps(sorted(m for m in HEAVY if m in sys.modules)) + "\\n"))
sys.argv = ["policydesk"] + json.loads(sys.argv[1])
from policydesk.cli.main import app
app()
"""


def _heavy_modules(args: list[str], env: dict[str, str], watch: tuple[str, ...] = HEAVY) -> tuple[list[str], subprocess.CompletedProcess]:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=watch), json.dumps(args)],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    lines = [line for line in proc.stderr.splitlines() if line.startswith("HEAVY=")]
    assert lines, (proc.returncode, proc.stdout[-2000:], proc.stderr[-2000:])
    return json.loads(lines[-1][len("HEAVY=") :]), proc


@pytest.fixture(scope="module")
def light_store(sample_store, tmp_path_factory):
    """A copy of the sample store (tests may not write to it) with one answer in its query log,
    written by a cold `ask`, and the heavy modules that `ask` imported."""
    import shutil

    store = tmp_path_factory.mktemp("light") / "store"
    shutil.copytree(sample_store.store_dir, store)
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith(("LANGCHAIN_", "LANGSMITH_"))}  # untraced
    env.update(POLICYDESK_STORE=str(store), HF_HUB_OFFLINE="1")
    heavy, proc = _heavy_modules(["ask", "Can a casino advertise in Brazil?"], env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return env, heavy


def test_ask_through_the_export_imports_no_torch(light_store):
    _, heavy = light_store
    assert "torch" not in heavy and "sentence_transformers" not in heavy and "transformers" not in heavy, heavy


def test_ask_scores_keywords_without_bm25s_or_scipy(light_store):
    """bm25s (and the scipy.sparse it imports, ~0.25 CPU s) build the index at ingest; a
    question reads the saved index with numpy (core/bm25_files.py)."""
    _, heavy = light_store
    assert "bm25s" not in heavy and "scipy" not in heavy, heavy


def test_untraced_ask_imports_no_langchain_runnables(light_store):
    """With no LangChain/LangSmith environment variable nothing could observe the run, so
    `ask()` calls the chain's steps directly (assistant/chain.py `unobserved`): importing
    langchain_core.runnables costs ~0.6 CPU s, mostly LangSmith's tracer models."""
    _, heavy = light_store
    assert "langchain_core" not in heavy and "langsmith" not in heavy, heavy


def test_ask_on_an_existing_log_imports_no_sqlalchemy(light_store):
    """The fixture's ask created the log; the next appends with sqlite3 (core/querylog_sqlite.py)."""
    env, _ = light_store
    loaded, proc = _heavy_modules(["ask", "Can a beer brand target 19 year olds in Singapore?"], env, watch=("sqlalchemy",))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert loaded == [], loaded


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["sources"],
        ["sources", "--json"],
        ["log", "--format", "csv"],
        ["lint", "corpus"],
        ["coverage", "--golden", "evals/golden/sample.jsonl", "--json"],
    ],
    ids=lambda a: " ".join(a),
)
def test_light_command_imports_no_model_or_vector_store(args, light_store, repo_root, tmp_path, monkeypatch):
    env, _ = light_store
    monkeypatch.chdir(repo_root)
    if args[0] == "coverage":
        args = [*args, "--runs", str(tmp_path / "no-runs")]
    heavy, proc = _heavy_modules(args, env)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]  # lint exits 1 on findings; it must still run
    assert proc.stdout.strip(), "the command printed nothing"
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert heavy == [], f"{' '.join(args)} imported {heavy}"


def test_probe_sees_heavy_imports(sample_store, repo_root):
    """The check itself can fail: `ask` on a store without an export does load torch."""
    import shutil

    from policydesk.core.onnx_encoder import export_dir

    store = sample_store.store_dir.parent / "no-export-copy"
    shutil.copytree(sample_store.store_dir, store, ignore=shutil.ignore_patterns("onnx"))
    env = dict(os.environ, POLICYDESK_STORE=str(store), HF_HUB_OFFLINE="1")
    assert not export_dir(store).exists()
    heavy, proc = _heavy_modules(["ask", "Can a casino advertise in Brazil?"], env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "torch" in heavy and "sentence_transformers" in heavy
    assert "ExportFallbackWarning" in proc.stderr
