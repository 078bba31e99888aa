"""`policydesk lint`: the checks a policy repository's CI runs on documents and sidecars.

Each problem is one line, `<file>:<line>: <problem>`, naming what to fix. The checks:
a declared decision contradicting its own wording; two rules in force with different
decisions for the same market and nearly the same wording; unknown market codes or condition
names; a sidecar quote missing from its document; two versions of one policy sharing a
version or effective date; a section with normative wording and no rule. Unreadable input
(a document that will not load, a malformed sidecar) is reported the same way but makes the
run exit 2, because the rest of its checks could not run.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from pydantic import BaseModel

from policydesk.core.errors import DocumentError, InputError
from policydesk.core.sidecar import Sidecar, read_sidecar, sidecar_path
from policydesk.core.textfold import fold
from policydesk.core.types import DocumentRecord, Rule
from policydesk.core.versions import in_force
from policydesk.ingest.loaders import LoadedDocument, load_document
from policydesk.ingest.walk import walk
from policydesk.rules.annotate import locate_line, raw_text, searchable_text, section_title
from policydesk.core.conditions import UNIT_HELP, WINDOW_KINDS, ConditionSyntaxError, known_unit, parse_condition
from policydesk.core.dates import is_relative
from policydesk.core.markets import is_known_code, suggestion
from policydesk.core.reading import decide, read_unit, view
from policydesk.core.sentences import split_units

NORMATIVE = re.compile(r"(?<!-)\b(?:must|prohibited|only|not allowed|not permitted|banned|may not)\b", re.IGNORECASE)
SIMILAR = 0.85  # difflib ratio over folded quotes: "nearly the same wording"


class LintProblem(BaseModel):
    file: str
    line: int
    kind: str  # contradiction | conflict | unknown-market | unknown-condition | unknown-override | quote-missing | duplicate-version | unruled-section | unreadable
    problem: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.problem}"


class LintReport(BaseModel):
    problems: list[LintProblem] = []
    documents: int = 0
    sidecars: int = 0
    rules: int = 0

    @property
    def unreadable(self) -> bool:
        return any(p.kind == "unreadable" for p in self.problems)

    @property
    def failed(self) -> list[tuple[str, str]]:
        """(file, reason) for each input that could not be read, the rest of whose checks did not run."""
        return [
            (p.file, p.problem if p.line == 1 or f"line {p.line}" in p.problem else f"line {p.line}: {p.problem}")
            for p in self.problems
            if p.kind == "unreadable"
        ]

    @property
    def exit_code(self) -> int:
        return 2 if self.unreadable else (1 if self.problems else 0)

    def summary(self) -> str:
        if not self.problems:
            return f"lint: {self.documents} documents, {self.sidecars} sidecars, {self.rules} rules: no problems"
        return f"lint: {len(self.problems)} problem(s) in {self.documents} documents, {self.sidecars} sidecars"


@dataclass
class _InForce:
    """A rule in force with where to point at it."""

    rule: Rule
    file: str
    line: int
    policy: str
    source: str


@dataclass
class _Doc:
    path: Path
    doc: LoadedDocument
    sidecar: Sidecar | None
    raw: str | None
    text: str = ""
    in_force_rules: list[_InForce] = field(default_factory=list)


def _lead_decision(text: str) -> tuple[str | None, bool]:
    """(decision of the first normative unit, whether any unit reads reject)."""
    lead = None
    any_reject = False
    for unit in split_units(text):
        for r in read_unit(unit.text):
            lead = lead or r.decision
            any_reject = any_reject or r.decision == "reject"
    return lead, any_reject


def contradiction(declared: str, text: str) -> str | None:
    """Why `declared` contradicts the wording of `text`, or None. Only approve/reject clashes count:
    restrict sits between them and is never a contradiction of either."""
    lead, any_reject = _lead_decision(text)
    if declared == "approve" and lead == "reject":
        return "prohibits"
    if declared == "reject" and lead == "approve" and not any_reject:
        return "permits"
    return None


def _quote_decision(quote: str) -> str | None:
    got = decide(view(quote))
    return got[0] if got else None


def _markets_overlap(a: Rule, b: Rule) -> bool:
    am, bm = {m.upper() for m in a.markets} - {"GLOBAL"}, {m.upper() for m in b.markets} - {"GLOBAL"}
    if am and bm:
        shared = am & bm
        return bool(shared - {m.upper() for m in a.except_markets} - {m.upper() for m in b.except_markets})
    if not am and not bm:
        return True
    only = am or bm
    other = b if am else a
    return bool(only - {m.upper() for m in other.except_markets})


def _files(paths: list[Path]) -> tuple[list[Path], list[Path], list[tuple[Path, str]]]:
    """Documents, sidecars and unreadable paths (a symbolic link to nothing) under `paths`."""
    found = walk(paths)
    if found.missing:
        raise InputError(f"{found.missing[0]}: no such file or directory")
    named = {Path(p) for p in paths}
    docs = [f for f, _ in found.documents] + [f for f in found.unsupported if f in named]
    return docs, found.sidecars, found.broken


def _check_rule_vocabulary(rule: Rule, file: str, line_of, out: list[LintProblem]) -> None:
    for key in ("markets", "except_markets"):
        for code in getattr(rule, key):
            if not is_known_code(code):
                hint = suggestion(code)
                fix = f"; did you mean {hint}?" if hint else "; use an ISO 3166 alpha-2 code such as GB or US"
                out.append(LintProblem(file=file, line=line_of(key), kind="unknown-market", problem=f"rule {rule.id}: unknown market code '{code}' in {key}{fix}"))
    for cond in rule.conditions:
        try:
            parsed = parse_condition(cond)  # the answerer executes only what this parser reads
        except ConditionSyntaxError as exc:
            out.append(LintProblem(file=file, line=line_of("conditions"), kind="unknown-condition", problem=f"rule {rule.id}: {exc}"))
            continue
        for code in parsed.markets:  # `requires:licence@GB`, `only_markets:GB,IE`: codes a case's market is compared with
            if not is_known_code(code):
                hint = suggestion(code)
                fix = f"; did you mean {hint}?" if hint else "; use an ISO 3166 alpha-2 code such as GB or US"
                out.append(LintProblem(file=file, line=line_of("conditions"), kind="unknown-market", problem=f"rule {rule.id}: unknown market code '{code}' in '{cond}'{fix}"))
        for window in parsed.day_windows() if parsed.kind in WINDOW_KINDS else []:
            if not window.computable and not is_relative(window.text) and re.search(r"\d", window.text):
                # "during:15 Octobre-10 Nov" would be kept as words: never met or broken by itself
                out.append(LintProblem(
                    file=file, line=line_of("conditions"), kind="unread-window",
                    problem=f"rule {rule.id}: window '{window.text}' in '{cond}' is not a date the answerer can place; write it as 15 Oct-10 Nov, 26-31 Dec, 3 Nov or Dec",
                ))  # fmt: skip
        if parsed.kind in ("max", "min") and not known_unit(parsed.unit):
            out.append(LintProblem(
                file=file, line=line_of("conditions"), kind="unknown-unit",
                problem=f"rule {rule.id}: unit '{parsed.unit}' in '{cond}' is not one the answerer compares; use {UNIT_HELP}",
            ))  # fmt: skip


def lint_paths(paths: list[Path]) -> LintReport:
    """Run every check over the documents and sidecars under `paths`."""
    doc_files, sidecar_files, broken = _files(paths)
    report = LintReport()
    problems = report.problems
    for f, reason in broken:
        problems.append(LintProblem(file=str(f), line=1, kind="unreadable", problem=reason))
    loaded: list[_Doc] = []
    for f in doc_files:
        try:
            doc = load_document(f, f.parent)
        except DocumentError as exc:
            line = re.search(r"line (\d+)", exc.reason)
            problems.append(LintProblem(file=str(f), line=int(line.group(1)) if line else 1, kind="unreadable", problem=exc.reason))
            continue
        sc = None
        sp = sidecar_path(f)
        if sp.is_file():
            try:
                sc = read_sidecar(sp)
            except DocumentError as exc:
                file, _, line = exc.source.rpartition(":")
                problems.append(LintProblem(file=file or str(sp), line=int(line) if line.isdigit() else 1, kind="unreadable", problem=exc.reason))
        loaded.append(_Doc(path=f, doc=doc, sidecar=sc, raw=raw_text(doc), text=fold(searchable_text(doc))))
    report.documents = len(loaded)
    doc_paths = {d.path.resolve() for d in loaded} | {f.resolve() for f in doc_files}
    for sp in sidecar_files:
        target = sp.with_name(sp.name[: -len(".rules.yaml")])
        if target.resolve() not in doc_paths and not target.is_file():
            problems.append(LintProblem(file=str(sp), line=1, kind="quote-missing", problem=f"sidecar has no document: {target.name} does not exist; rename or delete the sidecar"))
    report.sidecars = sum(1 for d in loaded if d.sidecar)

    records = [
        DocumentRecord(source=str(d.path), policy_id=d.doc.meta.policy_id, version=d.doc.meta.version, effective_date=d.doc.meta.effective_date)
        for d in loaded
    ]
    current = in_force(records)

    for d in loaded:
        file = str(d.path)
        policy = d.doc.meta.policy_id
        # Markdown clause markers: declared rules.
        for s in d.doc.sections:
            if not s.clause_id or not s.decision:
                continue
            report.rules += 1
            why = contradiction(s.decision, s.text)
            if why:
                problems.append(LintProblem(file=file, line=s.line, kind="contradiction", problem=f"clause {s.clause_id} declares decision={s.decision} but its wording {why}; fix the marker or the text"))
            for code in s.markets:
                if not is_known_code(code):
                    problems.append(LintProblem(file=file, line=s.line, kind="unknown-market", problem=f"clause {s.clause_id}: unknown market code '{code}'"))
            lead = next((u.text for u in split_units(s.text) if read_unit(u.text)), s.text)
            rule = Rule(id=s.clause_id, quote=" ".join(lead.split()), decision=s.decision, markets=s.markets, status="confirmed")
            d.in_force_rules.append(_InForce(rule, file, s.line, policy, file))
        # Sidecar rules.
        if d.sidecar:
            sc = d.sidecar
            sfile = str(sc.path)
            ids = {r.id for r in sc.rules} | {s.clause_id for s in d.doc.sections if s.clause_id}
            for i, rule in enumerate(sc.rules):
                report.rules += 1
                line_of = lambda key=None, i=i: sc.line_of(i, key)  # noqa: E731
                _check_rule_vocabulary(rule, sfile, line_of, problems)
                if rule.overrides is not None and (rule.overrides == rule.id or rule.overrides not in ids):
                    what = "itself" if rule.overrides == rule.id else f"'{rule.overrides}', which is no rule or clause of {d.path.name}"
                    problems.append(LintProblem(file=sfile, line=line_of("overrides"), kind="unknown-override", problem=f"rule {rule.id} overrides {what}; name the broader rule this exception narrows"))
                if rule.status in ("proposed", "confirmed"):
                    q = fold(rule.quote)
                    if not q or q not in d.text:
                        problems.append(LintProblem(file=sfile, line=line_of("quote"), kind="quote-missing", problem=f"rule {rule.id}: quote not found in {d.path.name}; update the quote or run `policydesk annotate --write` to mark it stale"))
                    else:
                        d.in_force_rules.append(_InForce(rule, sfile, line_of(), policy, file))
                if rule.status == "confirmed":
                    wording = _quote_decision(rule.quote)
                    if (rule.decision == "approve" and wording == "reject") or (rule.decision == "reject" and wording == "approve"):
                        problems.append(LintProblem(file=sfile, line=line_of("decision"), kind="contradiction", problem=f"rule {rule.id} declares decision={rule.decision} but its quote reads {wording}"))
        # Sections with normative wording and no rule.
        active_quotes = [fold(r.rule.quote) for r in d.in_force_rules]
        for s in d.doc.sections:
            if s.clause_id or not NORMATIVE.search(view(s.text)):
                continue
            stext = fold(" ".join([section_title(s), s.text]))
            if any(q and q in stext for q in active_quotes):
                continue
            word = NORMATIVE.search(view(s.text)).group(0)
            first = split_units(s.text)
            line = locate_line(d.raw, first[0].text if first else s.text, s.line) if d.doc.format in ("html", "txt") else s.line
            name = section_title(s) or "(untitled section)"
            problems.append(LintProblem(file=file, line=line, kind="unruled-section", problem=f"section '{name}' has normative wording ('{word}') but no rule; add a clause marker or run `policydesk annotate --write` and review"))

    # Versions of one policy sharing a version or an effective date.
    by_policy: dict[str, list[_Doc]] = {}
    for d in loaded:
        by_policy.setdefault(d.doc.meta.policy_id, []).append(d)
    for policy, docs in by_policy.items():
        for a, b in combinations(docs, 2):
            ma, mb = a.doc.meta, b.doc.meta
            if ma.version and ma.version == mb.version:
                problems.append(LintProblem(file=str(b.path), line=1, kind="duplicate-version", problem=f"policy {policy} version {mb.version} is also {a.path}; give each version its own number"))
            if ma.effective_date and ma.effective_date == mb.effective_date:
                problems.append(LintProblem(file=str(b.path), line=1, kind="duplicate-version", problem=f"policy {policy} effective date {mb.effective_date} is also {a.path}; versions need distinct dates"))

    # Conflicting rules in force.
    live = [r for d in loaded if str(d.path) in current for r in d.in_force_rules]
    for a, b in combinations(live, 2):
        if a.rule.decision == b.rule.decision or not _markets_overlap(a.rule, b.rule):
            continue
        qa, qb = fold(a.rule.quote), fold(b.rule.quote)
        if difflib.SequenceMatcher(None, qa, qb).ratio() < SIMILAR:
            continue
        problems.append(LintProblem(file=b.file, line=b.line, kind="conflict", problem=f"rule {b.rule.id} ({b.rule.decision}) conflicts with {a.rule.id} ({a.rule.decision}) at {a.file}:{a.line}: nearly the same wording, same market"))
    problems.sort(key=lambda p: (p.file, p.line, p.kind))
    return report


__all__ = ["LintProblem", "LintReport", "contradiction", "lint_paths"]
