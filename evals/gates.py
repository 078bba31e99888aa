"""`--fail-under METRIC=VALUE` gates: parsed before any work, checked after the reports exist."""

from __future__ import annotations

from pydantic import BaseModel

from policydesk.core.errors import InputError
from policydesk.evals.metrics import METRIC_NAMES


class Gate(BaseModel):
    metric: str
    minimum: float


class GateFailure(BaseModel):
    metric: str
    minimum: float
    value: float | None

    def message(self) -> str:
        if self.value is None:
            return f"{self.metric} is undefined in this run (no case measured it); gate requires >= {self.minimum:g}"
        return f"{self.metric} = {self.value:.4g} is below {self.minimum:g}"


def parse_gates(specs: list[str] | None) -> list[Gate]:
    """Parse `name=value` specs; an unknown name or a non-number is an InputError (exit 2)."""
    gates = []
    for spec in specs or []:
        name, sep, raw = spec.partition("=")
        name = name.strip()
        if not sep or not name or not raw.strip():
            raise InputError(f"--fail-under {spec!r}: expected METRIC=VALUE, e.g. decision_accuracy=0.9")
        if name not in METRIC_NAMES:
            raise InputError(f"--fail-under {spec!r}: unknown metric {name!r}; known metrics: {', '.join(METRIC_NAMES)}")
        try:
            value = float(raw)
        except ValueError as exc:
            raise InputError(f"--fail-under {spec!r}: {raw.strip()!r} is not a number") from exc
        gates.append(Gate(metric=name, minimum=value))
    return gates


def check_gates(metrics: dict, gates: list[Gate]) -> list[GateFailure]:
    """Gates whose metric is below its minimum; an undefined (None) metric fails its gate,
    because a CI gate must not pass on something the run did not measure."""
    failures = []
    for g in gates:
        v = metrics.get(g.metric)
        if v is None or v < g.minimum:
            failures.append(GateFailure(metric=g.metric, minimum=g.minimum, value=v))
    return failures
