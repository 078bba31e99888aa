""""Why this verdict": an answer's trace as rows and lines the CLI and the chat both show.

One reading of the trace for every surface, so `ask --why` and the chat's expander never
disagree about which rule decided or what a condition was checked against. No rendering
library here: the shells turn these rows into terminal text or Streamlit elements.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from policydesk.core.types import Answer, ConditionCheck, RuleCheck, Trace

NO_FACT = "not stated in the case"
NO_TRACE = "No trace: this answer did not come from executing policy rules (e.g. an LLM back end)."
RESULT_WORD = {"met": "met", "unmet": "not met", "unknown": "unknown (the case does not say)"}


def cite(n: int | None) -> str:
    return f" [{n}]" if n is not None else ""


@dataclass
class ConditionRow:
    kind: str
    requirement: str
    fact: str
    result: str  # met | unmet | unknown
    citation: int | None

    @classmethod
    def of(cls, c: ConditionCheck) -> ConditionRow:
        return cls(kind=c.kind, requirement=c.requirement, fact=c.fact or NO_FACT, result=c.result, citation=c.citation)

    def line(self) -> str:
        return f"{self.kind}: {self.requirement} · fact: {self.fact} · {RESULT_WORD.get(self.result, self.result)}{cite(self.citation)}"


@dataclass
class RuleRow:
    rule_id: str
    where: str  # "alcohol.md · ALC-2"
    decision: str
    origin: str
    applicable: bool
    reason: str
    outcome: str | None
    citation: int | None
    decided: bool
    conditions: list[ConditionRow] = field(default_factory=list)

    @classmethod
    def of(cls, r: RuleCheck, decided_by: str | None) -> RuleRow:
        return cls(
            rule_id=r.rule_id,
            where=" · ".join(x for x in (r.source, r.clause_id) if x),
            decision=r.decision,
            origin=r.origin,
            applicable=r.applicable,
            reason=r.reason,
            outcome=r.outcome,
            citation=r.citation,
            decided=r.rule_id == decided_by,
            conditions=[ConditionRow.of(c) for c in r.conditions],
        )

    def line(self) -> str:
        status = "applies" if self.applicable else "does not apply"
        outcome = f" → {self.outcome}" if self.outcome else ""
        mark = " ← decided" if self.decided else ""
        return f"{self.rule_id} ({self.where}, {self.origin}) {self.decision}: {status}, {self.reason}{outcome}{cite(self.citation)}{mark}"


def why_rows(trace: Trace | None) -> list[RuleRow]:
    """Every rule considered, in the answerer's order, the deciding one marked."""
    if trace is None:
        return []
    return [RuleRow.of(r, trace.decided_by) for r in trace.rules]


def why_lines(answer: Answer) -> list[str]:
    """The trace as plain lines: the reason, then each rule and its conditions indented."""
    if answer.trace is None:
        return [NO_TRACE]
    out = [f"Why: {answer.trace.reason}"] if answer.trace.reason else []
    rows = why_rows(answer.trace)
    if not rows:
        out.append("No policy rule was considered for this case.")
    for row in rows:
        out.append(row.line())
        out += [f"    {c.line()}" for c in row.conditions]
    return out


__all__ = ["NO_FACT", "NO_TRACE", "ConditionRow", "RuleRow", "why_lines", "why_rows"]
