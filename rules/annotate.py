"""Offline rule proposal: a policy document (any format) -> rules a writer can confirm.

Markdown clause markers are the writer's own declaration, so they come back as confirmed
rules and their sections are not re-read. Every other section is split into units
(core.sentences.split_units) and each unit read by core.reading. Rules already in the sidecar keep
their ids and fields; only new readings get new ids, numbered after the highest existing
one, so re-running annotate never renumbers what a writer has reviewed.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel

from policydesk.core.clause_logic import read_clause_logic, rule_scope
from policydesk.core.exception_reading import exception_conditions, parent_of
from policydesk.core.condition_reading import executable_conditions
from policydesk.core.conditions import LEGACY_NAMES, not_excepted
from policydesk.core.errors import DocumentError, InputError
from policydesk.core.reading import Reading, read_unit
from policydesk.core.sidecar import Sidecar, read_sidecar, sidecar_path
from policydesk.core.textfold import fold
from policydesk.core.types import Chunk, Rule
from policydesk.ingest.loaders import LoadedDocument, Section, introduction_sections, load_document, section_label
from policydesk.ingest.walk import walk
from policydesk.core.markets import find_mentions, unique
from policydesk.core.sentences import split_units

JSON_FIELDS = ("source", "id", "section", "quote", "decision", "markets", "except_markets", "conditions", "scope", "overrides", "confidence", "status")


class AnnotatedRule(BaseModel):
    """A rule with where it came from: `origin` is marker | sidecar | proposed."""

    source: str
    line: int = 1
    origin: str = "proposed"
    rule: Rule

    def to_json(self) -> dict:
        data = self.rule.model_dump(mode="json")
        data["source"] = self.source
        data["confidence"] = round(float(data["confidence"]), 2)
        return {k: data[k] for k in JSON_FIELDS}


class DocumentRules(BaseModel):
    """Everything annotate knows about one document, for the CLI, the sidecar writer and lint."""

    model_config = {"arbitrary_types_allowed": True}

    source: str
    path: Path
    policy_id: str
    rules: list[AnnotatedRule]  # marker rules, then sidecar rules (with stale ones marked), then new
    new_ids: list[str] = []
    stale_ids: list[str] = []
    revived_ids: list[str] = []


def section_title(section: Section) -> str:
    return section.heading_path[-1] if section.heading_path else ""


def searchable_text(doc: LoadedDocument) -> str:
    """The document's visible text including headings: what a quote may be taken from."""
    parts = []
    for s in doc.sections:
        if s.heading_path:
            parts.append(s.heading_path[-1])
        parts.append(s.text)
    return "\n\n".join(parts)


def raw_text(doc: LoadedDocument) -> str | None:
    if doc.format == "pdf":
        return None
    try:
        return doc.path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def locate_line(raw: str | None, quote: str, fallback: int) -> int:
    """1-based line of `quote` in the raw file, whitespace-insensitive; `fallback` if not found."""
    if not raw or not quote.strip():
        return fallback
    words = quote.split()[:8]
    pattern = r"\s+".join(re.escape(w) for w in words)
    m = re.search(pattern, raw, re.IGNORECASE)
    return raw.count("\n", 0, m.start()) + 1 if m else fallback


def proposed_conditions(reading: Reading) -> list[str]:
    """What the answerer will execute for this sentence, then the writer-facing conditions it
    cannot (disclosures, targeting, `other:` text), without naming a credential twice."""
    executable = executable_conditions(reading.quote, reading.decision)
    out = list(executable)
    for c in reading.conditions:
        if c in LEGACY_NAMES and any(x.split("@")[0] == f"requires:{c}" for x in out):
            continue
        if c.startswith("min_age:") and any(x.startswith("min_age:") for x in executable):
            continue
        if c not in out:
            out.append(c)
    return out


def _marker_rule(doc: LoadedDocument, section: Section, raw: str | None) -> AnnotatedRule:
    """A clause marker as a confirmed rule; its quote is the clause's first normative unit."""
    units = split_units(section.text)
    lead = next((u for u in units if read_unit(u.text)), units[0] if units else None)
    quote = " ".join((lead.text if lead else section_title(section)).split())
    # The same logic the answerer executes: the marker's decision with the conditions its
    # sentences state (core/clause_logic.py).
    chunk = Chunk(id="annotate", text=section.text, source=doc.source, clause_id=section.clause_id,
                  decision=section.decision, markets=list(section.markets))
    logic = read_clause_logic(chunk)
    conditions = list(logic[0].conditions) if logic else []
    rule = Rule(
        id=section.clause_id or "",
        section=section_title(section),
        quote=quote,
        decision=section.decision or "restrict",
        markets=[m for m in section.markets],
        conditions=conditions,
        confidence=1.0,
        status="confirmed",
    )
    return AnnotatedRule(source=doc.source, line=section.line, origin="marker", rule=rule)


def read_section(section: Section) -> list[Reading]:
    """All readings of one section, with "those markets"/"everywhere else" resolved inside it."""
    heading_markets = unique([c for m in find_mentions(section_title(section)) for c in m.codes])
    readings: list[Reading] = []
    last_markets: list[str] = []
    for unit in split_units(section.text):
        for r in read_unit(unit.text):
            r.start += unit.start
            r.end += unit.start
            if r.anaphora and last_markets:
                r.markets = list(last_markets)
            elif r.complement and last_markets:
                r.except_markets = unique(r.except_markets + last_markets)
            elif not r.markets and not r.except_markets and heading_markets:
                r.markets = list(heading_markets)
                r.confidence -= 0.05
            if r.markets:
                last_markets = list(r.markets)
            readings.append(r)
    return readings


def propose(doc: LoadedDocument) -> list[tuple[Section, Reading]]:
    """Readings for every section without a clause marker, in document order."""
    out = []
    for section in doc.sections:
        if section.clause_id:
            continue
        out.extend((section, r) for r in read_section(section))
    return out


def _covered(quote: str, existing: list[str]) -> bool:
    q = fold(quote)
    return any(q == e or (len(e) > 20 and (q in e or e in q)) for e in existing)


def _max_number(ids: list[str], policy_id: str) -> int:
    n = 0
    for i in ids:
        m = re.fullmatch(rf"{re.escape(policy_id)}-(\d+)", i)
        if m:
            n = max(n, int(m.group(1)))
    return n


def annotate_document(doc: LoadedDocument, sidecar: Sidecar | None = None) -> DocumentRules:
    """Marker rules + the sidecar's rules (stale ones marked) + new proposals with fresh ids."""
    raw = raw_text(doc)
    policy_id = (sidecar.policy_id if sidecar and sidecar.policy_id else None) or doc.meta.policy_id
    rules: list[AnnotatedRule] = [_marker_rule(doc, s, raw) for s in doc.sections if s.clause_id]
    text = fold(searchable_text(doc))
    stale: list[str] = []
    revived: list[str] = []
    existing_quotes: list[str] = []
    existing_ids = [r.rule.id for r in rules]
    if sidecar:
        for i, rule in enumerate(sidecar.rules):
            found = bool(fold(rule.quote)) and fold(rule.quote) in text
            # Confirmed and rejected rules are the writer's; only proposals go stale here
            # (lint reports a confirmed rule whose quote is gone).
            if not found and rule.status == "proposed":
                rule = rule.model_copy(update={"status": "stale"})
                stale.append(rule.id)
            elif found and rule.status == "stale":
                rule = rule.model_copy(update={"status": "proposed"})
                revived.append(rule.id)
            line = locate_line(raw, rule.quote, sidecar.line_of(i))
            rules.append(AnnotatedRule(source=doc.source, line=line, origin="sidecar", rule=rule))
            existing_quotes.append(fold(rule.quote))
            existing_ids.append(rule.id)
    n = _max_number(existing_ids, policy_id)
    new_ids: list[str] = []
    executed = _executed_quotes(doc)
    excepting: dict[str, str] = {}  # proposed exception id -> the words naming its prohibition
    for section, reading in propose(doc):
        if _covered(reading.quote, existing_quotes):
            continue
        if reading.decision == "restrict" and reading.excepts is None and not proposed_conditions(reading) and not _executed(reading.quote, executed.get(id(section), [])):
            # A requirement with nothing to execute that the answerer's clause logic does not
            # run either: a lead ending in a colon ("Retailers must:"), a summary ("It is
            # allowed with these restrictions:"), the introduction's purpose. Its list items
            # and the sections below are the rules; proposing it would let it decide.
            continue
        n += 1
        conditions = proposed_conditions(reading)
        decision = reading.decision
        if reading.excepts is not None:
            # "…, even though this would otherwise be a prohibited X": an exception on its own
            # conditions, to X's prohibition (linked below, as ingest links it).
            conditions += [c for c in exception_conditions(reading.quote) if c not in conditions]
            decision = "restrict" if conditions else decision
            excepting[f"{policy_id}-{n}"] = reading.excepts
        rule = Rule(
            id=f"{policy_id}-{n}",
            section=section_title(section),
            quote=" ".join(reading.quote.split()),  # line breaks are layout, not wording
            decision=decision,  # type: ignore[arg-type]
            markets=reading.markets,
            except_markets=not_excepted(reading.except_markets, conditions),
            conditions=conditions,
            scope=rule_scope(reading.quote),
            confidence=round(max(0.05, min(0.99, reading.confidence)), 2),
            status="proposed",
        )
        existing_quotes.append(fold(reading.quote))
        new_ids.append(rule.id)
        line = locate_line(raw, reading.quote, section.line)
        rules.append(AnnotatedRule(source=doc.source, line=line, origin="proposed", rule=rule))
    if excepting:
        prohibitions = [(a.rule.id, a.rule.quote) for a in rules if a.rule.decision == "reject" and a.rule.overrides is None]
        for a in rules:
            if a.rule.id in excepting:
                a.rule = a.rule.model_copy(update={"overrides": parent_of(excepting[a.rule.id], prohibitions)})
    for section, referral in referrals(doc):
        # The sentences that send their cases to people, as the answerer executes them
        # (core/clause_logic.py `referral_rules`): the writer sees which cases go to people.
        if _covered(referral.quote, existing_quotes):
            continue
        n += 1
        rule = referral.model_copy(update={"id": f"{policy_id}-{n}", "section": section_title(section)})
        existing_quotes.append(fold(referral.quote))
        new_ids.append(rule.id)
        rules.append(AnnotatedRule(source=doc.source, line=locate_line(raw, referral.quote, section.line), origin="proposed", rule=rule))
    return DocumentRules(
        source=doc.source, path=doc.path, policy_id=policy_id, rules=rules, new_ids=new_ids, stale_ids=stale, revived_ids=revived
    )


def _executed_quotes(doc: LoadedDocument) -> dict[int, list[str]]:
    """Per section (by identity), the folded quotes of the rules the answerer's clause logic
    reads from it (core/clause_logic.py), list markers dropped; a section of the document's
    introduction is read as one, as ingest reads it."""
    out: dict[int, list[str]] = {}
    introduction = introduction_sections(doc)
    for i, section in enumerate(doc.sections):
        if section.clause_id:
            continue
        chunk = Chunk(id="annotate", text=section.text, source=doc.source, title=doc.title,
                      section=section_label(doc, section), position=i, introduction=i < introduction)
        out[id(section)] = [_unmarked(r.quote) for r in read_clause_logic(chunk)]
    return out


_ITEM_MARK = re.compile(r"^\s*(?:[-*\u2022]|\(?\d+(?:\.\d+)*[.)]|\(?[a-z][.)])\s+")


def _unmarked(quote: str) -> str:
    return fold(_ITEM_MARK.sub("", quote))


def _executed(quote: str, executed: list[str]) -> bool:
    q = _unmarked(quote)
    return any(q == e or (len(q) > 20 and len(e) > 20 and (q in e or e in q)) for e in executed)


def referrals(doc: LoadedDocument) -> list[tuple[Section, Rule]]:
    """The `escalate` rules of every section without a clause marker, read by the clause
    logic reader the answerer's store is built with."""
    out = []
    for section in doc.sections:
        if section.clause_id:
            continue
        chunk = Chunk(id="annotate", text=section.text, source=doc.source, section=section_title(section))
        out.extend((section, r) for r in read_clause_logic(chunk) if r.decision == "escalate")
    return out


def walk_documents(paths: list[Path]) -> tuple[list[tuple[Path, Path]], list[tuple[str, str]]]:
    """(file, root) for every policy document under `paths`, and (path, reason) for each
    path that cannot be read (a symbolic link to nothing). Root decides the source name."""
    found = walk(paths)
    if found.missing:
        raise InputError(f"{found.missing[0]}: no such file or directory")
    named = {Path(p) for p in paths}
    for f in found.unsupported + found.sidecars:
        if f in named:
            raise InputError(f"{f}: not a policy document (.md, .pdf, .html, .txt); pass the document, not its sidecar")
    return found.documents, [(str(p), reason) for p, reason in found.broken]


def document_paths(paths: list[Path]) -> list[tuple[Path, Path]]:
    """(file, root) for every readable policy document under `paths`."""
    return walk_documents(paths)[0]


def annotate_path(path: Path, root: Path) -> DocumentRules:
    """Load one document and its sidecar (if any) and annotate it. Raises DocumentError."""
    doc = load_document(path, root)
    sp = sidecar_path(path)
    sidecar = read_sidecar(sp) if sp.is_file() else None
    return annotate_document(doc, sidecar)


def annotate_paths(paths: list[Path]) -> tuple[list[DocumentRules], list[tuple[str, str]]]:
    """Annotate every document under `paths`: (results, failed) where failed holds
    (path, reason) for each file that would not load; the others are still annotated."""
    files, failed = walk_documents(paths)
    if not files and not failed:
        raise InputError(f"no policy documents found in {', '.join(str(p) for p in paths)}")
    out = []
    for f, root in files:
        try:
            out.append(annotate_path(f, root))
        except DocumentError as exc:
            failed.append((str(f), exc.reason))
    return out, failed


__all__ = [
    "AnnotatedRule",
    "DocumentRules",
    "JSON_FIELDS",
    "annotate_document",
    "annotate_path",
    "annotate_paths",
    "document_paths",
    "walk_documents",
    "locate_line",
    "propose",
    "read_section",
    "searchable_text",
]
