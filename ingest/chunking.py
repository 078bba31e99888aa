"""Split a loaded document into chunks along its own structure, then by size.

Each section (a clause, a numbered heading, a PDF page run) becomes one chunk when it fits.
A longer section is prose, and is cut along its own paragraphs: consecutive paragraphs are
grouped up to a smaller target (SPLIT_TARGET), and a paragraph longer than that is cut on its
own by LangChain's RecursiveCharacterTextSplitter (sentence, then clause boundaries). Sections
that fit keep exactly the chunks (and ids) they had. Every chunk is a verbatim slice of its section (citations
quote it) and carries the metadata needed to filter and cite it.

Why a smaller target than the 1200-character section limit: a retrieved window of
unrelated paragraphs spends the reader's (and the model's) context budget on text that does
not answer. On PolicyQA dev (`policydesk bench policyqa --limit 600`) paragraph groups of
<= 700 characters moved answer-span hit@1000/2000/4000 from 0.357/0.475/0.618 (1200/150
windows) to 0.380/0.502/0.643; 500-800 all did about as well, the sample golden set was
unchanged (decision accuracy 0.763, evidence recall@5 0.902).
"""

from __future__ import annotations

import hashlib
import re

from langchain_text_splitters import RecursiveCharacterTextSplitter

from policydesk.core.types import Chunk
from policydesk.ingest.loaders import LoadedDocument, Section, introduction_sections, section_label

# Bump when the chunking rules change: it is part of every document's fingerprint, so an
# upgrade re-chunks documents instead of mixing old and new chunk shapes.
CHUNKER_VERSION = "9"  # 9: a line opening a numbered paragraph starts a sentence (core/sentences.py), so stored sentence vectors change; 8: HTML <dl> entries as "Term: meaning", <details>/<summary> blocks as sections (ingest/loaders.py), PDF tables as pipe rows (ingest/pdf_tables.py); 7: a "Q:" line heads its answer as a section (ingest/qa_pairs.py); 3: clause logic stored with each chunk; 4: numbered paragraphs with run-in titles are sections; 5: headings by type (PDF) and by layout (text); 6: PDF list items and paragraph gaps by layout (ingest/pdflines.py), a blank line after a list
# Largest paragraph group cut from a long section (never above chunk_size).
SPLIT_TARGET = 700
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
    return section_label(doc, section)


_PARA_RE = re.compile(r"[^\n]*\S[^\n]*")


def split_paragraphs(text: str, target: int, splitter: RecursiveCharacterTextSplitter) -> list[str]:
    """Verbatim slices of `text`: whole paragraphs (lines) grouped greedily up to `target` chars.

    A paragraph over `target` is cut on its own by `splitter` (sentence, then clause
    boundaries), never glued to its neighbours' fragments.
    """
    pieces: list[str] = []
    group: tuple[int, int] | None = None
    for m in _PARA_RE.finditer(text):
        start, end = m.start() + len(m.group()) - len(m.group().lstrip()), m.end()
        if end - start > target:
            if group:
                pieces.append(text[group[0] : group[1]])
                group = None
            pieces.extend(p.strip() for p in splitter.split_text(text[start:end]) if p.strip())
        elif group and end - group[0] <= target:
            group = (group[0], end)
        else:
            if group:
                pieces.append(text[group[0] : group[1]])
            group = (start, end)
    if group:
        pieces.append(text[group[0] : group[1]])
    return pieces


def chunk_document(
    doc: LoadedDocument, chunk_size: int = 1200, chunk_overlap: int = 150, split_target: int = SPLIT_TARGET
) -> list[Chunk]:
    target = max(1, min(split_target, chunk_size))
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=target, chunk_overlap=min(chunk_overlap, target // 4), separators=SEPARATORS, keep_separator="end"
    )
    meta = doc.meta
    chunks: list[Chunk] = []
    seen: dict[str, int] = {}
    introduction = introduction_sections(doc)
    for index, section in enumerate(doc.sections):
        text = section.text.strip()
        pieces = [text] if len(text) <= chunk_size else split_paragraphs(text, target, splitter)
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
                introduction=index < introduction,
            )
            etext = embedding_text(chunk)
            n = seen.get(etext, 0)
            seen[etext] = n + 1
            chunk.id = chunk_id(doc.source, etext, n)
            chunks.append(chunk)
    return chunks
