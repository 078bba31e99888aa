"""Golden reference cases (JSONL, one case a line) and their strict, line-numbered loader.

The golden set is a contract written by QA leads, usually by hand, so the loader is where
their mistakes must surface: every line is validated before any case is run, all problems
are collected and reported at once (file, line, field, what to do), and a run never starts
on a half-valid set. Unknown top-level fields only warn, so a golden set can carry notes or
fields a newer harness understands without breaking older ones.

Evidence is named by source file and a short verbatim quote, never by chunk id, so a golden
set survives re-chunking.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from policydesk.core.errors import InputError
from policydesk.core.types import DECISIONS, Decision, Filters

MAX_LISTED_PROBLEMS = 25


class GoldenFilters(BaseModel):
    """The filters a moderator would set for the case. Unknown keys are errors, not warnings:
    a misspelt filter would silently widen the question and make the case test something else."""

    model_config = ConfigDict(extra="forbid")

    market: str | None = None
    business_line: str | None = None
    as_of: date | None = None


class EvidenceItem(BaseModel):
    """A passage a right answer must rest on: its source file and a short verbatim quote."""

    model_config = ConfigDict(extra="forbid")

    source: str
    quote: str

    @field_validator("source", "quote")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("must not be empty")
        return v.strip()


class GoldenCase(BaseModel):
    """One reference case. Empty evidence with `escalate` means the corpus has no guidance."""

    model_config = ConfigDict(extra="ignore")

    id: str
    question: str
    filters: GoldenFilters = Field(default_factory=GoldenFilters)
    expected_decision: Decision
    expected_evidence: list[EvidenceItem] = Field(default_factory=list)
    reference_answer: str = ""
    tags: list[str] = Field(default_factory=list)
    line: int = Field(0, exclude=True, description="1-based line in the golden file, for messages.")

    @field_validator("id", "question")
    @classmethod
    def _required_text(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("must not be empty")
        return v.strip()

    @field_validator("filters", mode="before")
    @classmethod
    def _null_filters(cls, v):
        return {} if v is None else v

    def to_filters(self) -> Filters:
        """The `Filters` the chain receives, exactly as `policydesk ask --market ...` would build them."""
        return Filters(**self.filters.model_dump(exclude_none=True))

    @property
    def sources(self) -> list[str]:
        """Distinct expected sources, in the order the case names them."""
        return list(dict.fromkeys(e.source for e in self.expected_evidence))


class GoldenSet(list):
    """`list[GoldenCase]` that also remembers where it came from and what the loader warned about."""

    def __init__(self, cases: list[GoldenCase], path: Path, sha256: str, warnings: list[str]):
        super().__init__(cases)
        self.path = path
        self.sha256 = sha256
        self.warnings = warnings


_KNOWN_FIELDS = set(GoldenCase.model_fields) - {"line"}


def _describe(err: dict) -> str:
    """One pydantic error as `field a.b: what is wrong`, phrased for a person editing JSON."""
    loc = ".".join(str(p) for p in err.get("loc", ())) or "(line)"
    kind = err.get("type", "")
    if kind == "missing":
        return f"field {loc}: missing (required)"
    if kind == "literal_error" and loc == "expected_decision":
        return f"field {loc}: must be one of {', '.join(DECISIONS)} (got {err.get('input')!r})"
    if kind == "extra_forbidden":
        where = loc.rsplit(".", 1)
        allowed = ", ".join(GoldenFilters.model_fields) if where[0] == "filters" else "source, quote"
        return f"field {loc}: unknown key (allowed: {allowed})"
    msg = err.get("msg", "invalid")
    return f"field {loc}: {msg} (got {err.get('input')!r})"


def parse_golden_lines(lines: list[str], name: str) -> tuple[list[GoldenCase], list[str], list[str]]:
    """Validate every line; return (cases, problems, warnings) without raising.

    Kept apart from file I/O so the UI can validate an uploaded set the same way.
    """
    cases: list[GoldenCase] = []
    problems: list[str] = []
    warnings: list[str] = []
    first_line: dict[str, int] = {}
    for no, raw in enumerate(lines, start=1):
        text = raw.strip()
        if not text:
            continue
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            problems.append(f"{name}:{no}: not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            problems.append(f"{name}:{no}: expected a JSON object per line, got {type(obj).__name__}")
            continue
        unknown = sorted(set(obj) - _KNOWN_FIELDS)
        if unknown:
            warnings.append(f"{name}:{no}: unknown field(s) {', '.join(unknown)} ignored")
        try:
            case = GoldenCase.model_validate({**obj, "line": no})
        except ValidationError as exc:
            problems.extend(f"{name}:{no}: {_describe(e)}" for e in exc.errors())
            continue
        if case.id in first_line:
            problems.append(f"{name}:{no}: duplicate id {case.id!r} (first used on line {first_line[case.id]}); ids must be unique")
            continue
        first_line[case.id] = no
        if not case.expected_evidence and case.expected_decision != "escalate":
            warnings.append(
                f"{name}:{no}: case {case.id!r} expects {case.expected_decision} but names no evidence; "
                "its evidence and citation metrics are skipped"
            )
        cases.append(case)
    return cases, problems, warnings


def load_golden(path: str | Path) -> GoldenSet:
    """Load and validate a golden JSONL file, or raise one InputError listing every problem.

    The result is a list of `GoldenCase` with `.path`, `.sha256` (of the file bytes, so a
    run records exactly which set it scored) and `.warnings` (unknown fields and the like).
    """
    p = Path(path)
    if not p.exists():
        raise InputError(f"golden file {p} does not exist; pass the path of a .jsonl file with one case per line")
    if p.is_dir():
        raise InputError(f"golden file {p} is a directory; pass the path of a .jsonl file")
    data = p.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"golden file {p} is not UTF-8 text (byte {exc.start}); save it as UTF-8 JSONL") from exc
    cases, problems, warnings = parse_golden_lines(text.splitlines(), str(p))
    if not problems and not cases:
        problems.append(f"{p}: no cases (the file is empty); add one JSON object per line")
    if problems:
        shown = problems[:MAX_LISTED_PROBLEMS]
        more = len(problems) - len(shown)
        lines = "\n  ".join(shown + ([f"... and {more} more"] if more else []))
        noun = "problem" if len(problems) == 1 else "problems"
        raise InputError(f"golden file {p} has {len(problems)} {noun}; fix them and re-run:\n  {lines}")
    return GoldenSet(cases, p, hashlib.sha256(data).hexdigest(), warnings)
