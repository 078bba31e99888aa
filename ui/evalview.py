"""Eval runs on disk, shaped for the QA pages: list, open, tabulate, compare.

A run directory is what `policydesk eval --out` writes (metrics.json, results.jsonl,
report.*); the pages read the same files, so a run from CI and a run from the page look the same.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from policydesk.core.errors import InputError
from policydesk.evals.metrics import METRIC_NAMES
from policydesk.evals.run import EvalResult

HEADLINE = ("decision_accuracy", "evidence_recall_at_5", "citation_recall", "unsafe_approve_rate", "cohen_kappa", "latency_p95_ms")


@dataclass
class RunSummary:
    path: Path
    name: str
    started_at: str
    golden_path: str
    backend: str
    n_cases: int | None
    n_failing: int | None
    decision_accuracy: float | None

    def row(self) -> dict:
        return {
            "run": self.name,
            "started": self.started_at,
            "golden": self.golden_path,
            "backend": self.backend,
            "cases": self.n_cases,
            "failing": self.n_failing,
            "decision_accuracy": self.decision_accuracy,
        }


def _metrics(path: Path) -> dict:
    p = path / "metrics.json"
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"{p} is unreadable ({exc.__class__.__name__}); re-run that eval") from exc


def list_runs(runs_dir: Path, settings=None) -> list[RunSummary]:
    """Run directories under `runs_dir` plus runs in the shared eval-run index whose directory
    this machine can read (e.g. a shared runs folder), newest first; half-written ones are skipped."""
    dirs = list(runs_dir.iterdir()) if runs_dir.is_dir() else []
    if settings is not None:
        from policydesk.core.errors import PolicydeskError
        from policydesk.core.run_index import list_indexed_runs

        try:
            indexed = [Path(r["path"]) for r in list_indexed_runs(settings)]
        except PolicydeskError:
            indexed = []  # the index is a convenience: the local folder still lists
        known = {d.resolve() for d in dirs}
        dirs += [p for p in indexed if p.is_dir() and p.resolve() not in known and not known.add(p.resolve())]
    out = []
    for d in dirs:
        if not (d / "metrics.json").is_file() or not (d / "results.jsonl").is_file():
            continue
        try:
            m = _metrics(d)
        except InputError:
            continue
        run = m.get("run") or {}
        out.append(
            RunSummary(
                path=d,
                name=d.name,
                started_at=run.get("started_at", ""),
                golden_path=m.get("golden_path", ""),
                backend=m.get("backend") or "",
                n_cases=m.get("n_cases"),
                n_failing=m.get("n_failing"),
                decision_accuracy=m.get("decision_accuracy"),
            )
        )
    return sorted(out, key=lambda r: (r.started_at, r.name), reverse=True)


@dataclass
class RunData:
    path: Path
    metrics: dict
    results: list[EvalResult]

    @property
    def failing(self) -> list[EvalResult]:
        return [r for r in self.results if not r.passed]

    def headline(self) -> list[tuple[str, float | None]]:
        return [(name, self.metrics.get(name)) for name in HEADLINE]

    def metric_rows(self) -> list[dict]:
        return [{"metric": n, "value": self.metrics.get(n)} for n in METRIC_NAMES]

    def confusion_rows(self) -> tuple[list[str], list[list[int]]]:
        conf = self.metrics.get("confusion") or {}
        return list(conf.get("labels", [])), [list(r) for r in conf.get("matrix", [])]

    def tag_rows(self, metric: str = "decision_accuracy") -> list[dict]:
        return [
            {"tag": tag, "cases": vals.get("n_cases"), metric: vals.get(metric)}
            for tag, vals in (self.metrics.get("per_tag") or {}).items()
        ]

    def risk_coverage_rows(self) -> list[dict]:
        """Routing per threshold (older runs have none): share routed auto and its precision."""
        return [
            {"threshold": r.get("threshold"), "auto answers": r.get("n_auto"), "auto coverage": r.get("auto_coverage"),
             "auto precision": r.get("auto_precision")}
            for r in self.metrics.get("risk_coverage") or []
        ]

    def decider_rows(self) -> list[dict]:
        """Precision by what decided (verdict, source, rule/fact), for tuning confidence."""
        return [
            {"verdict": r.get("verdict"), "source": r.get("verdict_source"), "decided": r.get("decided"), "answers": r.get("n"),
             "mean confidence": r.get("mean_confidence"), "precision": r.get("precision")}
            for r in self.metrics.get("by_decider") or []
        ]

    def root_cause_rows(self) -> list[dict]:
        return [{"root_cause": k, "cases": v} for k, v in (self.metrics.get("root_causes") or {}).items() if v]


def fmt(value) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def load_run(path: Path) -> RunData:
    metrics = _metrics(path)
    results = []
    rpath = path / "results.jsonl"
    for no, line in enumerate(rpath.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                results.append(EvalResult.model_validate_json(line))
            except ValueError as exc:
                raise InputError(f"{rpath}:{no}: not a results.jsonl line ({exc.__class__.__name__}); re-run that eval") from exc
    return RunData(path, metrics, results)


def compare_runs(before: Path, after: Path):
    """Metric deltas and flipped cases from `before` to `after` (evals.compare, by case id)."""
    from policydesk.evals.compare import compare, load_baseline

    base = load_baseline(before)
    new = load_baseline(after)
    return compare(base, new.metrics, new.passed, new.metrics.get("golden_sha256") or "")


def golden_choices(roots: list[Path]) -> list[Path]:
    """Golden JSONL files the eval page offers (the packaged sample set and any under roots)."""
    seen: dict[str, Path] = {}
    for root in roots:
        if root.is_file() and root.suffix == ".jsonl":
            seen[str(root.resolve())] = root
        elif root.is_dir():
            for p in sorted(root.glob("*.jsonl")):
                seen[str(p.resolve())] = p
    return list(seen.values())
