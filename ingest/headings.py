"""Headings that prose documents show by layout rather than by numbering or capitals.

Why: a policy's sections carry meaning the reader needs ("What's not allowed", "Allowed
without restriction", "Exceptions", "Reviewed case by case"), and a chunk that runs two
sections together reads the second one's rules under the first one's heading. The prose
splitter (`loaders.split_prose`) already knows numbered ("2.1 Licensing") and ALL-CAPS
headings; help-centre pages exported to PDF or saved as text mark theirs otherwise:

- in a PDF, by type: a larger size than the body text, or a bold face where the body is not
  (read from pypdf's text visitor, which reports each run's font and size);
- in plain text, by an underline of `===` or `---` (setext), or by standing alone: a short line,
  a paragraph on its own between blank lines, with no sentence punctuation.

Each finder returns a level per heading line (1 = top); the splitter asks it only about lines
it does not already read as a heading, so numbered and capitalised documents split as before.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Callable

# (page, line index within the page, raw line) -> heading level or None
HeadingFinder = Callable[[int | None, int, str], int | None]

_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_MAX_WORDS = 12
# A short line standing alone in plain text: up to 8 words, starting with a capital, no sentence
# punctuation at its end, no colon (a lead-in to a list or a label such as "Applies to: …"),
# no digit (dates, versions and amounts are metadata or text, numbered headings are read
# elsewhere), no list marker.
_STANDALONE_MAX_WORDS = 8
_SETEXT = re.compile(r"\s*(=+|-+)\s*")
_LIST_MARK = re.compile(r"^\s*(?:[-*•▪◦]|\(?[a-z0-9]{1,3}[.)])\s+")


def _norm(text: str) -> str:
    return " ".join(text.split())


def pdf_heading_finder(pages: list, page_runs: list | None = None) -> HeadingFinder | None:
    """Headings of a PDF by type, or None when the pages show no styled lines.

    The body size is the size most characters are set in; a line is a heading when every run
    on it is larger than that, or bold where the body is not, and it is short. Levels follow
    the sizes, largest first; a bold line at body size is the deepest level. `page_runs`, when
    given, are each page's (baseline, text, size, bold) runs already read (ingest/pdflines.py),
    so the pages are not read twice."""
    lines: list[tuple[int, list[tuple[str, float, bool]]]] = []  # (page, [(text, size, bold)])
    for number, page in enumerate(pages, start=1):
        runs: list[tuple[float, str, float, bool]] = []
        if page_runs is not None:
            by_y: dict[float, list[tuple[str, float, bool]]] = {}
            for y, text, size, bold in page_runs[number - 1]:
                by_y.setdefault(y, []).append((text, size, bold))
            lines.extend((number, parts) for parts in by_y.values())
            continue

        def visit(text, cm, tm, font, size, runs=runs):
            if not text.strip():
                return
            scale = abs(tm[0]) if tm and tm[0] else 1.0
            name = str(font.get("/BaseFont", "")) if font else ""
            # The baseline on the page: the current transformation's offset plus the text's.
            y = round((cm[5] if cm else 0.0) + (tm[5] if tm else 0.0) * (cm[3] if cm and cm[3] else 1.0), 1)
            runs.append((y, text, round(size * scale, 1), bool(_BOLD.search(name))))

        try:
            page.extract_text(visitor_text=visit)
        except Exception:  # a damaged page: no layout headings, the text path still reads it
            return None
        by_y: dict[float, list[tuple[str, float, bool]]] = {}
        for y, text, size, bold in runs:
            by_y.setdefault(y, []).append((text, size, bold))
        lines.extend((number, parts) for parts in by_y.values())
    weight: Counter[tuple[float, bool]] = Counter()
    for _, parts in lines:
        for text, size, bold in parts:
            weight[(size, bold)] += len(text.strip())
    if not weight:
        return None
    body_size, body_bold = weight.most_common(1)[0][0]
    styled: dict[tuple[int, str], float] = {}
    for number, parts in lines:
        text = _norm("".join(t for t, _, _ in parts))
        if sum(c.isalpha() for c in text) < 3 or len(text.split()) > _MAX_WORDS or text.endswith((".", ",", ";")):
            continue
        sizes = [s for t, s, _ in parts if t.strip()]
        larger = all(s > body_size + 0.4 for s in sizes)
        bolder = not body_bold and all(b for t, _, b in parts if t.strip()) and all(s >= body_size - 0.4 for s in sizes)
        if larger or bolder:
            styled[(number, text)] = min(sizes) if larger else 0.0
    if not styled:
        return None
    ranks = sorted({s for s in styled.values()}, reverse=True)
    # The largest size is usually the document's title alone; the splitter skips the title line.
    levels = {s: i + 1 for i, s in enumerate(ranks)}
    if len(ranks) > 1 and sum(1 for s in styled.values() if s == ranks[0]) == 1:
        levels = {s: max(1, i) for i, s in enumerate(ranks)}
    table = {key: levels[size] for key, size in styled.items()}

    def find(page: int | None, index: int, raw: str) -> int | None:
        return table.get((page or 0, _norm(raw)))

    return find


def text_heading_finder(lines: list[str]) -> dict[int, int]:
    """Headings of plain text: {index of the heading line: level}.

    Setext: a line underlined with `===` is level 1, with `---` level 2. Standing alone: a
    short line after a blank line (or at the start), followed by a blank line or by a line that
    starts a sentence or a list item (not by its own continuation), see `_standalone`; it is
    level 2 when the document also has underlined, numbered or capitalised headings (which are
    its top level), else level 1."""
    out: dict[int, int] = {}
    for i, line in enumerate(lines[:-1]):
        m = _SETEXT.fullmatch(lines[i + 1])
        if m and line.strip() and not _SETEXT.fullmatch(line) and len(m.group(1)) >= 3:
            out[i] = 1 if m.group(1)[0] == "=" else 2
    top = bool(out) or any(_caps_or_numbered(l) for l in lines)
    for i, line in enumerate(lines):
        if i in out or not _standalone(lines, i):
            continue
        out[i] = 2 if top else 1
    return out


def _caps_or_numbered(line: str) -> bool:
    s = line.strip()
    letters = [c for c in s if c.isalpha()]
    return (len(letters) >= 3 and all(c.isupper() for c in letters) and len(s) <= 80) or bool(re.match(r"^\d{1,2}(?:\.\d{1,2})*[.)]?\s+[A-Z]", s))


def _standalone(lines: list[str], i: int) -> bool:
    s = lines[i].strip()
    if not s or _SETEXT.fullmatch(lines[i]) or _LIST_MARK.match(s):
        return False
    before = lines[i - 1].strip() if i > 0 else ""
    after = lines[i + 1].strip() if i + 1 < len(lines) else ""
    if before and not _SETEXT.fullmatch(lines[i - 1]):
        return False
    if after and not (after[0].isupper() or _LIST_MARK.match(after)):
        return False  # runs on into a sentence: a paragraph's first line, not a heading
    if not any(l.strip() for l in lines[i + 1 :]):
        return False  # nothing follows it: a closing line, not a heading
    if len(s.split()) > _STANDALONE_MAX_WORDS or not s[0].isupper():
        return False
    return not (s.endswith((".", ",", ";", ":", "!", "?")) or ":" in s or any(c.isdigit() for c in s))


__all__ = ["HeadingFinder", "pdf_heading_finder", "text_heading_finder"]
