"""Split a loaded document into chunks along its own structure, then by size.

Each section (a clause, a numbered heading, a PDF page run) becomes one chunk when it fits;
longer sections are cut by LangChain's RecursiveCharacterTextSplitter on paragraph and
sentence boundaries. Every chunk carries the metadata needed to filter and cite it.
"""

from __future__ import annotations

import hashlib

from langchain_text_splitters import RecursiveCharacterTextSplitter

from policydesk.core.types import Chunk
from policydesk.ingest.loaders import LoadedDocument, Section

# Bump when the chunking rules change: it is part of every document's fingerprint, so an
# upgrade re-chunks documents instead of mixing old and new chunk shapes.
CHUNKER_VERSION = "1"
SEPARATORS = ["\n\n", "\n", ". ", "; ", ", ", " ", ""]


def embedding_text(chunk: Chunk) -> str:
    """What the embedder sees: the heading path gives a short clause its subject."""
    head = " > ".join(p for p in [chunk.title, chunk.section] if p)
    return f"{head}\n{chunk.text}" if head else chunk.text


def chunk_id(source: str, text_for_embedding: str, occurrence: int) -> str:
    """Stable across runs: same source and same embedded text give the same id (no re-embedding)."""
    h = hashlib.sha1(f"{source}\x00{text_for_embedding}\x00{occurrence}".encode()).hexdigest()
    return h[:24]


def _section_label(doc: LoadedDocument, section: Section) -> str:
    path = list(section.heading_path)
    if path and path[0] == doc.title:
        path = path[1:]
    return " > ".join(path)


def chunk_document(doc: LoadedDocument, chunk_size: int = 1200, chunk_overlap: int = 150) -> list[Chunk]:
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=chunk_size, chunk_overlap=chunk_overlap, separators=SEPARATORS, keep_separator="end"
    )
    meta = doc.meta
    chunks: list[Chunk] = []
    seen: dict[str, int] = {}
    for section in doc.sections:
        text = section.text.strip()
        pieces = [text] if len(text) <= chunk_size else [p.strip() for p in splitter.split_text(text) if p.strip()]
        for piece in pieces:
            chunk = Chunk(
                id="",
                text=piece,
                source=doc.source,
                title=doc.title,
                section=_section_label(doc, section),
                clause_id=section.clause_id,
                page=section.page,
                policy_id=meta.policy_id,
                version=meta.version,
                effective_date=meta.effective_date,
                markets=list(section.markets or meta.markets),
                business_line=meta.business_line,
                decision=section.decision,
                position=len(chunks),
            )
            etext = embedding_text(chunk)
            n = seen.get(etext, 0)
            seen[etext] = n + 1
            chunk.id = chunk_id(doc.source, etext, n)
            chunks.append(chunk)
    return chunks
