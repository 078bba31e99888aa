"""The store's auto-route threshold, and routing an answer by it.

Why a stored threshold: the confidence an answerer gives is only useful for machine
enforcement once we know how often it is right above some value. `policydesk eval
--calibrate` measures that on a golden set and writes `<store>/calibration.json`; every ask on
that store then routes by the measured threshold. Until then every answer goes to review:
the confidence map is fitted on the sample set, and on policies it was not fitted on it is
over-confident (2026-11-29: at 0.9, 0.94 precision on the sample set but 0.70 on the
validation pack, a quarter of its answers), so no default threshold is safe to enforce on.
Setting `Settings.auto_threshold` (POLICYDESK_AUTO_THRESHOLD) explicitly overrides the stored
value, so an operator can route without, or tighten routing beyond, a calibration.

Two verdicts are never routed `auto`, whatever the confidence: `escalate` (there is no
verdict to enforce) and an *inferred* `approve` (letting an ad run on a reading of prose
nobody signed off is the unsafe direction).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from policydesk.core.errors import InputError
from policydesk.core.settings import Settings
from policydesk.core.types import Answer, Route

CALIBRATION_FILE = "calibration.json"
# `eval --calibrate` defaults; here (not in evals/) so the CLI can show them without importing the metrics.
DEFAULT_TARGET_PRECISION = 0.95
DEFAULT_MIN_AUTO = 20


class Calibration(BaseModel):
    """What `eval --calibrate` stored: the threshold and the figures it was chosen on."""

    threshold: float = Field(ge=0.0, le=1.0)
    target_precision: float = Field(ge=0.0, le=1.0)
    golden_path: str = ""
    golden_sha256: str = ""
    auto_precision: float | None = None  # measured at `threshold` on the golden set
    auto_coverage: float | None = None
    n_auto: int = 0
    n_cases: int = 0
    min_auto: int = 0  # fewest auto-routed answers a threshold needed to be chosen
    backend: str = ""
    calibrated_on: date = Field(default_factory=date.today)


def calibration_path(settings: Settings) -> Path:
    return settings.store_dir / CALIBRATION_FILE


_cache: dict[Path, tuple[float, Calibration | None]] = {}


def load_calibration(settings: Settings) -> Calibration | None:
    """The stored calibration, or None when the store has not been calibrated.

    A file that is not a calibration is an error that says how to fix it, not a silent
    fall-back: routing on a default the operator thinks was replaced would be worse.
    """
    path = calibration_path(settings)
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return None
    hit = _cache.get(path)
    if hit is not None and hit[0] == mtime:
        return hit[1]
    try:
        cal = Calibration.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, ValidationError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(
            f"{path}: not a valid calibration ({first}); re-run `policydesk eval GOLDEN --calibrate` or delete the file"
        ) from None
    _cache[path] = (mtime, cal)
    return cal


def save_calibration(settings: Settings, calibration: Calibration) -> Path:
    """Write calibration.json atomically (a reader never sees half a file)."""
    path = calibration_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name("." + path.name + ".tmp")
    tmp.write_text(calibration.model_dump_json(indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)
    _cache.pop(path, None)
    return path


def auto_threshold(settings: Settings) -> float | None:
    """The threshold in force: an explicit setting, else the stored calibration, else None
    (not calibrated: every answer goes to review)."""
    if "auto_threshold" in settings.model_fields_set:
        return settings.auto_threshold
    cal = load_calibration(settings)
    return cal.threshold if cal is not None else settings.auto_threshold


def may_auto(verdict: str, verdict_source: str) -> bool:
    """Whether a verdict may ever be machine-enforced (see the module docstring)."""
    if verdict == "escalate":
        return False
    return not (verdict == "approve" and verdict_source == "inferred")


def route_for(answer: Answer, threshold: float | None) -> Route:
    """`auto` when the answer may be enforced and its confidence reaches `threshold`
    (None: the store is not calibrated, nothing is auto)."""
    if threshold is not None and may_auto(answer.verdict, answer.verdict_source) and answer.confidence >= threshold:
        return "auto"
    return "review"


_UNKNOWN = object()


def route_reason(answer: Answer, threshold: float | None | object = _UNKNOWN) -> str:
    """Why the answer went where it went, in words a moderator can act on (`threshold`: the
    one it was routed by, None when the store is not calibrated; left out when the caller
    does not know it)."""
    if answer.route == "auto":
        return "confidence at or above the store's auto threshold: enforcement may act on it"
    if answer.verdict == "escalate":
        return "an escalation always goes to a human"
    if answer.verdict == "approve" and answer.verdict_source == "inferred":
        return "an approval inferred from policy wording always goes to a human"
    if threshold is None:
        return "this store has no measured auto threshold yet (`policydesk eval GOLDEN --calibrate`): a human decides"
    if threshold is _UNKNOWN:
        return "confidence below the store's auto threshold (none until the store is calibrated): a human decides"
    return "confidence below the store's auto threshold: a human decides"


def apply_route(answer: Answer, settings: Settings) -> Answer:
    """Set `answer.route` by the store's threshold; the last step of every ask."""
    answer.route = route_for(answer, auto_threshold(settings))
    return answer


__all__ = [
    "CALIBRATION_FILE",
    "Calibration",
    "apply_route",
    "auto_threshold",
    "calibration_path",
    "load_calibration",
    "may_auto",
    "route_for",
    "route_reason",
    "save_calibration",
]
