"""Draft golden cases from thumbs-down answers in the query log (the QA feedback inbox).

A reviewer says which verdict is right; the draft keeps the question and filters as asked
and proposes the cited passages as evidence to confirm or replace. Drafts export as JSONL in
the golden format, validated with the same loader as any golden file.
"""

from __future__ import annotations

import json
import re

from policydesk.core.errors import InputError
from policydesk.core.querylog import LogEntry
from policydesk.core.types import DECISIONS
from policydesk.evals.golden import parse_golden_lines

_GOLDEN_FILTERS = ("market", "business_line", "as_of")


def draft_id(entry: LogEntry) -> str:
    return f"log-{entry.id}"


def draft_case(entry: LogEntry, verdict: str, evidence: list[dict] | None = None, tags: list[str] | None = None) -> dict:
    """A golden case from a logged answer; evidence defaults to the answer's quoted sentences."""
    if verdict not in DECISIONS:
        raise InputError(f"verdict must be one of {', '.join(DECISIONS)}, not {verdict!r}")
    if evidence is None and verdict == "escalate":
        evidence = []  # escalate with no evidence: the corpus has no guidance for it
    if evidence is None:
        evidence = [{"source": c["source"], "quote": _short_quote(c.get("quote") or "")} for c in entry.citations if c.get("quote")]
    fb = entry.last_feedback
    note = f"from query log #{entry.id}" + (f"; reviewer: {fb.reason}" if fb and fb.reason else "") + (f" - {fb.text}" if fb and fb.text else "")
    return {
        "id": draft_id(entry),
        "question": entry.question,
        "filters": {k: v for k, v in entry.filters.items() if k in _GOLDEN_FILTERS and v},
        "expected_decision": verdict,
        "expected_evidence": evidence,
        "reference_answer": "",
        "tags": list(tags or ["from-feedback"]),
        "notes": note,
    }


def _short_quote(quote: str, words: int = 14) -> str:
    """Golden quotes are short verbatim fragments: the first words of the cited sentence."""
    parts = re.split(r"(\s+)", quote.strip())
    out, n = [], 0
    for p in parts:
        if not p.isspace():
            n += 1
            if n > words:
                break
        out.append(p)
    return "".join(out).strip()


def drafts_jsonl(drafts: list[dict]) -> str:
    """The drafts as golden JSONL; every line passes the golden loader (or InputError says why)."""
    lines = [json.dumps(d, ensure_ascii=False) for d in drafts]
    _, problems, _ = parse_golden_lines(lines, "drafts")
    if problems:
        raise InputError("the drafts are not valid golden cases: " + "; ".join(problems[:5]))
    return "\n".join(lines) + ("\n" if lines else "")
