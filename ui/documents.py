"""A cited policy document: the original file where it still is, and the store's own copy.

A moderator checking a citation wants the document as its writers published it, a PDF at
the cited page, so the view opens the original file from the folder it was ingested from
(`DocumentRecord.root`), and says so when that file has changed since it was indexed. The
store keeps chunks, not files (the corpus may live elsewhere or be gone), so the view also
joins a source's chunks back into its sections in document order; that copy is what the
answers quote, and the only one left when the original file is gone.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from pathlib import Path

from policydesk.core.errors import DocumentError
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


def document_facts(doc: DocumentRecord) -> list[tuple[str, str]]:
    """The document's identifying facts as (label, value) pairs, in reading order: one list for
    the page header and the Markdown download, so the two never show different facts."""
    facts: list[tuple[str, str]] = []
    if doc.policy_id:
        facts.append(("policy", doc.policy_id))
    if doc.version:
        facts.append(("version", doc.version))
    if doc.effective_date:
        facts.append(("effective", doc.effective_date.isoformat()))
    if doc.markets:
        facts.append(("markets", ", ".join(doc.markets)))
    return facts


def document_markdown(doc: DocumentRecord | None, source: str, sections: list[DocSection]) -> str:
    """The document as Markdown, for the download button."""
    title = (doc.title if doc else "") or source
    head = [f"# {title}", ""]
    if doc:
        facts = [f"source: {source}"] + [f"{label}: {value}" for label, value in document_facts(doc)]
        head += ["_" + " · ".join(facts) + "_", ""]
    body = []
    for s in sections:
        label = s.heading + (f" ({s.clause_id})" if s.clause_id else "") + (f" — page {s.page}" if s.page else "")
        body += [f"## {label}", "", s.text, ""]
    return "\n".join(head + body)


@dataclass
class OriginalFile:
    path: Path
    format: str
    data: bytes
    changed: bool  # the file (or its rules sidecar) differs from what was indexed


def original_file(doc: DocumentRecord | None, settings) -> OriginalFile | None:
    """The file `doc` was ingested from, when it is still there; None otherwise."""
    from policydesk.ingest.pipeline import fingerprint

    if doc is None or not doc.root:
        return None
    path = Path(doc.root) / doc.source
    try:
        data = path.read_bytes()
        changed = fingerprint(path, settings) != doc.file_hash
    except OSError:
        return None
    return OriginalFile(path=path, format=doc.format, data=data, changed=changed)


def original_text(original: OriginalFile) -> str:
    """A text original (Markdown, HTML, plain text) decoded the way ingest decoded it."""
    from policydesk.ingest.encoding import decode_text

    try:
        return decode_text(original.path.name, original.data).text
    except DocumentError as exc:
        return f"(cannot show {original.path.name}: {exc.reason})"


def pdf_viewer_html(data: bytes, page: int | None, height: int = 900) -> str:
    """The original PDF in the browser's own viewer, opened at `page` (1-based).

    The bytes go into a Blob URL rather than a data: URL, which Chromium will not show in a
    frame; `#page=N` is the PDF open parameter every built-in viewer honours.
    """
    b64 = base64.b64encode(data).decode("ascii")
    fragment = f"#page={int(page)}" if page else ""
    return (
        f"<iframe id='pd-original-pdf' title='original PDF' data-page='{int(page or 1)}' "
        f"style='width:100%;height:{int(height)}px;border:1px solid #ddd'></iframe>"
        "<script>(function(){"
        f"var s=atob('{b64}'),a=new Uint8Array(s.length);for(var i=0;i<s.length;i++){{a[i]=s.charCodeAt(i);}}"
        "var u=URL.createObjectURL(new Blob([a],{type:'application/pdf'}));"
        f"document.getElementById('pd-original-pdf').src=u+'{fragment}';"
        "})();</script>"
    )
