"""Run-to-run comparison: did a change make the assistant better or worse, and on which cases?

A baseline is any earlier run directory (its metrics.json and results.jsonl). Cases are
matched by golden id, so a re-chunked corpus or a re-ordered golden file still compares;
a changed golden file is flagged, because deltas over different case sets mislead.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, Field

from policydesk.core.errors import InputError
from policydesk.evals.metrics import LOWER_IS_BETTER, METRIC_NAMES


class MetricDelta(BaseModel):
    name: str
    before: float | None
    after: float | None
    delta: float | None  # after - before; None when either side is undefined
    better: bool | None = None  # None: unchanged or not comparable


class Comparison(BaseModel):
    baseline_dir: str
    deltas: list[MetricDelta]
    fixed: list[str] = Field(default_factory=list)  # failed in the baseline, pass now
    broken: list[str] = Field(default_factory=list)  # passed in the baseline, fail now
    added: list[str] = Field(default_factory=list)
    removed: list[str] = Field(default_factory=list)
    golden_changed: bool = False
    baseline_backend: str | None = None

    def changed(self) -> list[MetricDelta]:
        return [d for d in self.deltas if d.delta]


class BaselineRun(BaseModel):
    """What comparison needs from an earlier run directory."""

    path: str
    metrics: dict
    passed: dict[str, bool]  # case id -> passed


def load_baseline(run_dir: str | Path) -> BaselineRun:
    """Read an earlier run; an unusable directory is an InputError (exit 2) before any work."""
    d = Path(run_dir)
    if not d.is_dir():
        raise InputError(f"baseline {d} is not a directory; pass the --out directory of an earlier `policydesk eval` run")
    mpath, rpath = d / "metrics.json", d / "results.jsonl"
    for p in (mpath, rpath):
        if not p.is_file():
            raise InputError(f"baseline {d} has no {p.name}; pass the --out directory of an earlier `policydesk eval` run")
    try:
        metrics = json.loads(mpath.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(f"{mpath}:{exc.lineno}: not valid JSON ({exc.msg}); re-run the baseline eval") from exc
    passed: dict[str, bool] = {}
    for no, line in enumerate(rpath.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            cid = row["case"]["id"]
            passed[cid] = not row.get("root_causes") and not row.get("error")
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(f"{rpath}:{no}: not a results.jsonl line ({exc.__class__.__name__}); re-run the baseline eval") from exc
    return BaselineRun(path=str(d), metrics=metrics, passed=passed)


def _better(name: str, delta: float) -> bool | None:
    if abs(delta) < 1e-12:
        return None
    return delta < 0 if name in LOWER_IS_BETTER else delta > 0


def compare(baseline: BaselineRun, metrics: dict, passed: dict[str, bool], golden_sha256: str = "") -> Comparison:
    """Deltas for every headline metric and the cases that flipped between the two runs."""
    deltas = []
    for name in METRIC_NAMES:
        before, after = baseline.metrics.get(name), metrics.get(name)
        delta = after - before if isinstance(before, (int, float)) and isinstance(after, (int, float)) else None
        deltas.append(
            MetricDelta(name=name, before=before, after=after, delta=delta, better=_better(name, delta) if delta is not None else None)
        )
    common = [cid for cid in passed if cid in baseline.passed]
    return Comparison(
        baseline_dir=baseline.path,
        deltas=deltas,
        fixed=sorted(cid for cid in common if passed[cid] and not baseline.passed[cid]),
        broken=sorted(cid for cid in common if not passed[cid] and baseline.passed[cid]),
        added=sorted(cid for cid in passed if cid not in baseline.passed),
        removed=sorted(cid for cid in baseline.passed if cid not in passed),
        golden_changed=bool(golden_sha256 and baseline.metrics.get("golden_sha256") not in (None, golden_sha256)),
        baseline_backend=baseline.metrics.get("backend"),
    )


def compare_run(baseline: BaselineRun, run) -> Comparison:
    """`compare` for an EvalRun from `run_eval`."""
    return compare(baseline, run.metrics, {r.id: r.passed for r in run.results}, run.meta.golden_sha256)
