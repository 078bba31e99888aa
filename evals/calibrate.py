"""`policydesk eval --calibrate`: choose the store's auto-route threshold on a golden set.

Why the *lowest* threshold that reaches the target: every answer above the threshold is
enforced without a human, so the lowest one that is still precise enough routes the most
work away from review. Why a minimum number of auto answers: a threshold that sends two
cases auto, both right, shows "precision 1.0" and proves nothing; it must be measured on
enough answers to mean something, and the output says how many it needed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel

from policydesk.core.calibration import DEFAULT_MIN_AUTO, DEFAULT_TARGET_PRECISION, Calibration, save_calibration
from policydesk.core.errors import InputError
from policydesk.core.settings import Settings
from policydesk.evals.metrics import CaseScores, RiskCoverageRow, candidate_thresholds, routing_at


class CalibrationChoice(BaseModel):
    """What calibration found: the chosen row, or why there is none."""

    target_precision: float
    min_auto: int
    n_cases: int
    chosen: RiskCoverageRow | None = None
    best: RiskCoverageRow | None = None  # the most precise row with enough auto answers, for the message

    def message(self) -> str:
        if self.chosen is not None:
            c = self.chosen
            return (
                f"threshold {c.threshold:g}: {c.n_auto} of {self.n_cases} answers auto "
                f"(coverage {c.auto_coverage:.3f}), auto precision {c.auto_precision:.3f} >= target {self.target_precision:g} "
                f"(needed at least {self.min_auto} auto answers)"
            )
        if self.best is None:
            return (
                f"no threshold routes at least {self.min_auto} answers auto on these {self.n_cases} cases "
                "(escalations, inferred approvals and failed asks never go auto); nothing stored — "
                "use a larger golden set or a lower --min-auto"
            )
        b = self.best
        return (
            f"no threshold reaches auto precision {self.target_precision:g} with at least {self.min_auto} auto answers "
            f"(best: {b.auto_precision:.3f} at threshold {b.threshold:g} with {b.n_auto} auto); nothing stored"
        )


def check_calibration_args(target_precision: float, min_auto: int) -> None:
    """Unusable calibration flags are refused before any case runs (exit 2)."""
    if not 0.0 < target_precision <= 1.0:
        raise InputError(f"--target-precision {target_precision:g}: use a share above 0 and at most 1, e.g. 0.95")
    if min_auto < 1:
        raise InputError(f"--min-auto {min_auto}: at least one auto-routed answer is needed to measure precision")


def choose_threshold(
    records: Sequence[CaseScores],
    target_precision: float = DEFAULT_TARGET_PRECISION,
    min_auto: int = DEFAULT_MIN_AUTO,
) -> CalibrationChoice:
    """The lowest threshold whose auto-routed answers reach `target_precision`, measured on at
    least `min_auto` of them (thresholds tried: every distinct confidence above 0, where routing
    changes; a confidence of 0 is "none given")."""
    choice = CalibrationChoice(target_precision=target_precision, min_auto=min_auto, n_cases=len(records))
    for t in candidate_thresholds(records):
        if t <= 0.0:
            continue  # confidence 0 means the back end gave none: never a reason to enforce
        row = routing_at(records, t)
        if row.n_auto < min_auto:
            break  # higher thresholds only route fewer
        if row.auto_precision is not None and (choice.best is None or row.auto_precision > (choice.best.auto_precision or 0.0)):
            choice.best = row
        if row.auto_precision is not None and row.auto_precision >= target_precision:
            choice.chosen = row
            break
    return choice


def store_choice(settings: Settings, choice: CalibrationChoice, run_meta) -> Path | None:
    """Write calibration.json for a chosen threshold; store nothing without one."""
    if choice.chosen is None:
        return None
    c = choice.chosen
    return save_calibration(
        settings,
        Calibration(
            threshold=c.threshold,
            target_precision=choice.target_precision,
            golden_path=run_meta.golden_path,
            golden_sha256=run_meta.golden_sha256,
            auto_precision=c.auto_precision,
            auto_coverage=c.auto_coverage,
            n_auto=c.n_auto,
            n_cases=choice.n_cases,
            min_auto=choice.min_auto,
            backend=run_meta.backend,
        ),
    )


__all__ = [
    "DEFAULT_MIN_AUTO",
    "DEFAULT_TARGET_PRECISION",
    "CalibrationChoice",
    "check_calibration_args",
    "choose_threshold",
    "store_choice",
]
