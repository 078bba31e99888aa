"""A policy document rebuilt from the store, section by section, to open a citation in context.

The store keeps chunks, not the original files (the corpus may live elsewhere or be gone),
so the document view joins a source's chunks back into its sections in document order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policydesk.core.store import Catalog
from policydesk.core.types import DocumentRecord
from policydesk.evals.coverage import join_pieces


@dataclass
class DocSection:
    anchor: str
    heading: str
    clause_id: str | None
    page: int | None
    decision: str | None
    markets: list[str]
    text: str


def anchor_for(section: str, clause_id: str | None) -> str:
    """A stable HTML id for a section: the clause id when there is one, else the heading path."""
    key = clause_id or section or "introduction"
    return "sec-" + (re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-") or "introduction")


def document_sections(catalog: Catalog, source: str) -> list[DocSection]:
    chunks = sorted((c for c in catalog.chunks.values() if c.source == source), key=lambda c: c.position)
    out: list[DocSection] = []
    group: list = []

    def flush():
        if group:
            first = group[0]
            out.append(
                DocSection(
                    anchor=anchor_for(first.section, first.clause_id),
                    heading=first.section or first.title or source,
                    clause_id=first.clause_id,
                    page=first.page,
                    decision=first.decision,
                    markets=list(first.markets),
                    text=join_pieces([c.text for c in group]),
                )
            )

    for c in chunks:
        if group and (c.section, c.clause_id) != (group[0].section, group[0].clause_id):
            flush()
            group = []
        group.append(c)
    flush()
    return out


def find_section(sections: list[DocSection], anchor: str | None) -> DocSection | None:
    return next((s for s in sections if s.anchor == anchor), None) if anchor else None


def document_markdown(doc: DocumentRecord | None, source: str, sections: list[DocSection]) -> str:
    """The document as Markdown, for the download button."""
    title = (doc.title if doc else "") or source
    head = [f"# {title}", ""]
    if doc:
        facts = [f"source: {source}"]
        if doc.policy_id:
            facts.append(f"policy: {doc.policy_id}")
        if doc.version:
            facts.append(f"version: {doc.version}")
        if doc.effective_date:
            facts.append(f"effective: {doc.effective_date.isoformat()}")
        head += ["_" + " · ".join(facts) + "_", ""]
    body = []
    for s in sections:
        label = s.heading + (f" ({s.clause_id})" if s.clause_id else "") + (f" — page {s.page}" if s.page else "")
        body += [f"## {label}", "", s.text, ""]
    return "\n".join(head + body)
