"""`policydesk eval` as one library call: validate all input, run, compare, write, gate.

Order matters for users: everything that can make the input unusable (golden file, gate
specs, baseline directory) is checked before the first case runs, so a typo costs seconds,
not a full run; gates are checked only after the reports are written, so a failed CI gate
still leaves the reports to read.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from policydesk.core.errors import PolicydeskError
from policydesk.core.run_index import record_run
from policydesk.core.settings import Settings
from policydesk.evals.calibrate import (
    DEFAULT_MIN_AUTO,
    DEFAULT_TARGET_PRECISION,
    CalibrationChoice,
    check_calibration_args,
    choose_threshold,
    store_choice,
)
from policydesk.evals.compare import Comparison, compare_run, load_baseline
from policydesk.evals.gates import GateFailure, check_gates, parse_gates
from policydesk.evals.golden import load_golden
from policydesk.evals.report import write_run
from policydesk.evals.run import EvalRun, Progress, run_eval


class EvalOutcome(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    run: EvalRun
    out_dir: Path
    files: list[Path]
    comparison: Comparison | None = None
    gate_failures: list[GateFailure] = []
    warnings: list[str] = []
    calibration: CalibrationChoice | None = None  # with --calibrate
    calibration_path: Path | None = None  # where it was stored; None when nothing reached the target

    @property
    def exit_code(self) -> int:
        return 1 if self.gate_failures else 0


def default_out_dir(root: Path = Path("runs")) -> Path:
    """runs/<timestamp>/, with a suffix if two runs start in the same second."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    out = root / stamp
    n = 1
    while out.exists():
        n += 1
        out = root / f"{stamp}-{n}"
    return out


def evaluate(
    golden: str | Path,
    settings: Settings,
    out_dir: str | Path | None = None,
    baseline: str | Path | None = None,
    fail_under: list[str] | None = None,
    answerer=None,
    progress: Progress | None = None,
    on_start=None,
    calibrate: bool = False,
    target_precision: float = DEFAULT_TARGET_PRECISION,
    min_auto: int = DEFAULT_MIN_AUTO,
) -> EvalOutcome:
    """Run the whole eval; raises InputError (exit 2) for unusable input before any case runs.

    `on_start(n_cases, warnings)` is called once the input is valid, so a shell can size its
    progress bar and show loader warnings before the slow part begins.
    With `calibrate`, the lowest threshold whose auto-routed answers reach `target_precision`
    (on at least `min_auto` of them) is stored in `<store>/calibration.json` after the reports.
    """
    cases = load_golden(golden)
    gates = parse_gates(fail_under)
    if calibrate:
        check_calibration_args(target_precision, min_auto)
    base = load_baseline(baseline) if baseline is not None else None
    if on_start:
        on_start(len(cases), list(cases.warnings))
    run = run_eval(cases, settings, answerer=answerer, progress=progress)
    comparison = compare_run(base, run) if base is not None else None
    out = Path(out_dir) if out_dir is not None else default_out_dir()
    files = write_run(run, out, comparison)
    warnings = list(cases.warnings)
    try:
        record_run(settings, out, run.metrics)
    except PolicydeskError as exc:  # the reports are written; an index row missing is worth a line, not a failed run
        warnings.append(f"run not added to the eval-run index: {exc}")
    choice = stored = None
    if calibrate:
        choice = choose_threshold([r.scores for r in run.results], target_precision, min_auto)
        stored = store_choice(settings, choice, run.meta)
    return EvalOutcome(
        run=run,
        out_dir=out,
        files=files,
        comparison=comparison,
        gate_failures=check_gates(run.metrics, gates),
        warnings=warnings,
        calibration=choice,
        calibration_path=stored,
    )
