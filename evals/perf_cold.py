"""`policydesk bench cold`: a first question from a new process, side by side with plain LangChain.

Every scripted use (a QA lead looping over questions, a CI job, a shell alias) starts a new
process per question, so that process's start-up is what it pays. Each timed run is a fresh
interpreter: `policydesk ask Q --store S` (the installed console script, as a user types it)
against `langchain_cold_script.py` (HuggingFaceEmbeddings + persisted Chroma + one
similarity_search). Runs alternate between the two so that other load on the machine falls on
both alike; one untimed run of each first puts the files in the page cache for both. The
light commands (`--help`, `sources`) are timed the same way.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, Field

from policydesk.core.settings import Settings

DEFAULT_QUESTION = "Can a beer brand target 19 year olds in Singapore?"
TARGET_RATIO = 0.3
SCRIPT = Path(__file__).with_name("langchain_cold_script.py")
LC_COLLECTION = "langchain"


class CommandTimes(BaseModel):
    command: str
    seconds: list[float]  # wall time of each timed run, in run order
    median_s: float
    min_s: float
    cpu_seconds: list[float] = Field(default_factory=list)  # user + sys of the process, same runs
    median_cpu_s: float | None = None


class ColdResult(BaseModel):
    question: str
    repeats: int
    policydesk_ask: CommandTimes
    langchain_script: CommandTimes
    ratio_median: float  # policydesk / LangChain, medians of wall time (the target)
    ratio_median_cpu: float | None = None  # the same by CPU time: robust to other load on the machine
    target: str = f"<= {TARGET_RATIO}"
    passed: bool
    light: list[CommandTimes] = Field(default_factory=list)
    load_avg_at_start: list[float]
    load_avg_at_end: list[float]
    store: str
    langchain_store: str


def _policydesk_exe() -> list[str]:
    """The console script beside this interpreter (what a user runs), else the module."""
    exe = Path(sys.executable).with_name("policydesk")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "policydesk.cli.main"]


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one fresh process running `argv`."""
    c0, t0 = _children_cpu(), time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, text=True, env=env)
    seconds, cpu = time.perf_counter() - t0, _children_cpu() - c0
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-10:])
        raise RuntimeError(f"{' '.join(argv[:3])}... failed (exit {proc.returncode}):\n{tail}")
    return seconds, cpu


def _times(label: str, runs: list[tuple[float, float]]) -> CommandTimes:
    seconds = [w for w, _ in runs]
    cpu = [c for _, c in runs]
    return CommandTimes(
        command=label,
        seconds=[round(s, 3) for s in seconds],
        median_s=round(statistics.median(seconds), 3),
        min_s=round(min(seconds), 3),
        cpu_seconds=[round(c, 3) for c in cpu],
        median_cpu_s=round(statistics.median(cpu), 3),
    )


def prepare_stores(corpus: Path, workdir: Path, log: Callable[[str], None], need_policydesk: bool = True) -> tuple[Path, Path]:
    """A policydesk store (ingest, which also writes the ONNX export) and a LangChain Chroma
    store of the same corpus; neither is timed."""
    from policydesk.ingest.pipeline import ingest_paths

    store, lc_store = workdir / "policydesk-store", workdir / "langchain-store"
    if need_policydesk and not (store / "onnx").exists():
        log(f"ingesting {corpus} into {store} (not timed)")
        report = ingest_paths([corpus], Settings(store=store))
        if report.failed:
            raise RuntimeError(f"ingest failed: {report.failed}")
    if not lc_store.exists():
        log(f"building the LangChain store in {lc_store} (not timed)")
        _run([sys.executable, str(SCRIPT), "build", str(lc_store), LC_COLLECTION, str(corpus)], _env())
    return store, lc_store


def _env() -> dict[str, str]:
    return dict(os.environ, HF_HUB_OFFLINE="1", ANONYMIZED_TELEMETRY="False")


def run_cold(
    store: Path | None = None,
    langchain_store: Path | None = None,
    corpus: Path | None = None,
    question: str = DEFAULT_QUESTION,
    repeats: int = 5,
    workdir: Path | None = None,
    log: Callable[[str], None] | None = None,
) -> ColdResult:
    """Time `repeats` cold runs of each command, alternating; stores are built when not given."""
    say = log or (lambda _m: None)
    tmp = None
    if store is None or langchain_store is None:
        if workdir is None:
            tmp = tempfile.TemporaryDirectory(prefix="policydesk-cold-")
            workdir = Path(tmp.name)
        corpus = corpus or Path(__file__).resolve().parents[1] / "corpus"
        built, lc_built = prepare_stores(corpus, workdir, say, need_policydesk=store is None)
        store, langchain_store = store or built, langchain_store or lc_built
    try:
        env = _env()
        pd_ask = [*_policydesk_exe(), "ask", question, "--store", str(store)]
        lc = [sys.executable, str(SCRIPT), "query", str(langchain_store), LC_COLLECTION, question]
        light = {
            "policydesk --help": [*_policydesk_exe(), "--help"],
            "policydesk sources": [*_policydesk_exe(), "sources", "--store", str(store)],
        }
        load_start = [round(x, 2) for x in os.getloadavg()]
        say("one untimed run of each (page cache)")
        _run(pd_ask, env)
        _run(lc, env)
        times: dict[str, list[tuple[float, float]]] = {"ask": [], "lc": [], **{k: [] for k in light}}
        for i in range(repeats):
            say(f"run {i + 1}/{repeats}")
            times["ask"].append(_run(pd_ask, env))
            times["lc"].append(_run(lc, env))
            for label, argv in light.items():
                times[label].append(_run(argv, env))
        ask_t = _times("policydesk ask QUESTION --store S", times["ask"])
        lc_t = _times("python langchain_cold_script.py query ...", times["lc"])
        ratio = ask_t.median_s / lc_t.median_s
        return ColdResult(
            question=question,
            repeats=repeats,
            policydesk_ask=ask_t,
            langchain_script=lc_t,
            ratio_median=round(ratio, 3),
            ratio_median_cpu=round(ask_t.median_cpu_s / lc_t.median_cpu_s, 3) if lc_t.median_cpu_s else None,
            passed=ratio <= TARGET_RATIO,
            light=[_times(label, times[label]) for label in light],
            load_avg_at_start=load_start,
            load_avg_at_end=[round(x, 2) for x in os.getloadavg()],
            store=str(store),
            langchain_store=str(langchain_store),
        )
    finally:
        if tmp is not None:
            tmp.cleanup()
