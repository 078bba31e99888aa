"""A PDF page's text as lines that keep the structure its layout shows.

Why: pypdf's plain `extract_text` gives the words in order but drops what the reader of the
page sees at a glance. A list item's bullet is often its own text run on a slightly different
baseline, so it comes out as a line of its own ("-", "\\x7f") and the item runs on into the
next one; a bullet drawn as a small filled shape is not text at all; the white space between
paragraphs and between list items is gone, so "Ads that announce the winners ... closed" and
"Discount codes, coupons ..." read as one sentence. Every rule read from a run-together list
item is read wrongly.

This reads the same text runs (pypdf's text visitor, whose pieces join to exactly the text
`extract_text` returns) together with their positions, and the page's filled paths, and
returns lines where:

- a list item starts its line with "- " (a bullet glyph, whether set as text on the item's
  baseline or drawn as a small filled shape just left of it), or with its own number
  ("1.", "(a)") when the number was set apart from the text;
- a vertical gap larger than the page's line spacing (a paragraph or list-item break) is a
  blank line;
- the running header or footer lines (repeated at the page's top or bottom edge on most
  pages) are left out.

The loader's prose splitter already reads blank lines as paragraph breaks and "- " lines as
list items (`loaders._join_wrapped`), the way it reads a Markdown or text file.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

# Glyphs that mark a list item when they stand alone at a line's start. "\x7f" is how a
# bullet in a standard-14 font without a mapping comes out of pypdf; the private-use range
# holds the Symbol and Wingdings bullets of office exports.
_BULLETS = set("-–—•◦▪▫■□●○◆◇►▶▸‣⁃∙·*✓✔➢➤\x7f")
_SYMBOL_FONT = re.compile(r"symbol|dingbat|wingding", re.IGNORECASE)
# A number or letter set apart from its item's text: "1.", "2)", "(a)", "iv.".
_NUMBER_MARK = re.compile(r"\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]", re.IGNORECASE)


@dataclass
class PdfLine:
    """One line of a page: its text and where its first visible run sits."""

    text: str
    x: float | None = None
    y: float | None = None
    size: float = 0.0
    fonts: list[str] = field(default_factory=list)
    bullet: bool = False  # a drawn bullet sits just left of it


def _is_bullet_glyph(text: str, fonts: list[str]) -> bool:
    s = text.strip()
    if not s or len(s) > 2:
        return False
    if all(c in _BULLETS or unicodedata.category(c) in ("Co", "So") for c in s):
        return True
    return bool(fonts) and all(_SYMBOL_FONT.search(f) for f in fonts) and not s.isdigit()


def _marker(line: PdfLine) -> str | None:
    """'- ' for a bullet glyph, '1. ' / '(a) ' for a number mark, None for text."""
    if _is_bullet_glyph(line.text, line.fonts):
        return "- "
    if _NUMBER_MARK.fullmatch(line.text.strip()):
        return line.text.strip() + " "
    return None


def read_page(page) -> tuple[list[PdfLine], list[tuple[float, str, float, bool]]]:
    """(lines, runs) of one page, list markers merged into their items; runs are (baseline, text, size, bold) as the heading finder
    reads them. Raises what pypdf raises on a damaged page."""
    lines: list[PdfLine] = [PdfLine("")]
    runs: list[tuple[float, str, float, bool]] = []
    shapes: list[tuple[float, float, float, float]] = []  # small filled paths (x0, y0, x1, y1)
    path: list[tuple[float, float]] = []

    def point(cm, x, y):
        return (cm[0] * x + cm[2] * y + cm[4], cm[1] * x + cm[3] * y + cm[5])

    def before(op, args, cm, tm):
        nonlocal path
        try:
            if op in (b"m", b"l"):
                path.append(point(cm, float(args[0]), float(args[1])))
            elif op in (b"c", b"v", b"y"):
                for i in range(0, len(args) - 1, 2):
                    path.append(point(cm, float(args[i]), float(args[i + 1])))
            elif op == b"re":
                x, y, w, h = (float(a) for a in args[:4])
                path.extend([point(cm, x, y), point(cm, x + w, y + h)])
            elif op in (b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"):
                if path:
                    xs, ys = [p[0] for p in path], [p[1] for p in path]
                    shapes.append((min(xs), min(ys), max(xs), max(ys)))
                path = []
            elif op in (b"n", b"S", b"s"):
                path = []
        except (TypeError, ValueError, IndexError):
            path = []

    def visit(text, cm, tm, font, size):
        name = str(font.get("/BaseFont", "")) if font else ""
        scale = abs(tm[0]) if tm and tm[0] else 1.0
        cm = cm or [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        tm = tm or [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        y = round(cm[5] + tm[5] * (cm[3] or 1.0), 1)
        x = round(cm[4] + tm[4] * (cm[0] or 1.0), 1)
        if text.strip():
            runs.append((y, text, round(size * scale, 1), bool(re.search(r"bold|black|heavy|semibold|demi", name, re.I))))
        parts = text.split("\n")
        for k, part in enumerate(parts):
            if k:
                lines.append(PdfLine(""))
            cur = lines[-1]
            if part.strip() and cur.y is None:
                cur.x, cur.y, cur.size = x, y, round(size * scale, 1)
            if part.strip():
                cur.fonts.append(name)
            cur.text += part

    page.extract_text(visitor_text=visit, visitor_operand_before=before)
    if lines and not lines[-1].text.strip() and len(lines) > 1:
        lines.pop()
    for line in lines:
        if line.y is None or not line.size:
            continue
        for x0, y0, x1, y1 in shapes:
            w, h = x1 - x0, y1 - y0
            if not (0 < w <= line.size and 0 < h <= line.size):
                continue  # a rule, a box or a picture, not a bullet
            cy = (y0 + y1) / 2
            if 0 < line.x - x1 <= 2 * line.size and line.y - 0.2 * line.size <= cy <= line.y + line.size:
                line.bullet = True
                break
    return _merge_markers(lines), runs


def _merge_markers(lines: list[PdfLine]) -> list[PdfLine]:
    """A bullet or number set as its own line on the next line's baseline, left of it, is
    that line's marker; a line that starts with a bullet glyph gets '- '."""
    out: list[PdfLine] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        mark = _marker(line) if line.y is not None else None
        if (
            mark
            and nxt is not None
            and nxt.y is not None
            and abs(nxt.y - line.y) <= 0.5 * max(nxt.size, line.size)
            and (nxt.x or 0) > (line.x or 0)
        ):
            out.append(PdfLine(mark + nxt.text.strip(), line.x, nxt.y, nxt.size, nxt.fonts))
            i += 2
            continue
        s = line.text.lstrip()
        if line.bullet and s:
            out.append(PdfLine("- " + s, line.x, line.y, line.size, line.fonts))
        elif s[:1] in _BULLETS and s[1:2] in (" ", "\t") and s[:1] not in "-*":
            out.append(PdfLine("- " + s[2:].lstrip(), line.x, line.y, line.size, line.fonts))
        else:
            out.append(line)
        i += 1
    return out


def _line_steps(lines: list[PdfLine]) -> dict[float, float]:
    """The line spacing per type size: the smallest drop from one line to the next among
    lines of that size, counting only drops of at least the size itself (a raised or lowered
    run, a superscript, is no line of its own). Within a paragraph the spacing is constant,
    so any wider drop is a break the layout shows, however few paragraphs run over a line."""
    steps: dict[float, float] = {}
    prev = None
    for line in lines:
        if line.y is None:
            continue
        if prev is not None and prev.size == line.size and prev.y - line.y >= 0.9 * line.size:
            drop = round(prev.y - line.y, 1)
            steps[line.size] = min(steps.get(line.size, drop), drop)
        prev = line
    return steps


def page_text(lines: list[PdfLine]) -> str:
    """The page's text, with a blank line where the layout leaves a gap
    wider than its line spacing (by a quarter of the type size) or starts a new block
    higher up the page."""
    steps = _line_steps(lines)
    out: list[str] = []
    prev = None
    for line in lines:
        if line.y is not None and prev is not None and out and out[-1].strip():
            drop = prev.y - line.y
            step = steps.get(line.size) if line.size == prev.size else None
            if drop < -0.5 * line.size or (step is not None and drop > step + 0.25 * line.size + 0.5):
                out.append("")
        out.append(line.text.rstrip())
        if line.y is not None:
            prev = line
    return "\n".join(out)


def edge_lines(lines: list[PdfLine], depth: int = 2) -> set[int]:
    """Indexes of the lines on the page's `depth` highest and `depth` lowest baselines: where
    a running header or footer sits."""
    ys = sorted({line.y for line in lines if line.y is not None and line.text.strip()})
    edge = set(ys[:depth]) | set(ys[-depth:])
    return {i for i, line in enumerate(lines) if line.y in edge and line.text.strip()}


def running_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip())


def drop_running(pages: list[list[PdfLine]]) -> list[list[PdfLine]]:
    """Remove running headers and footers: lines (digits ignored) at a page's top or bottom
    edge on most pages. A bullet or a heading repeated mid-page is text, and so is a repeated
    piece of a baseline whose other pieces are not repeated (a table row's cell)."""
    if len(pages) < 2:
        return pages
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({running_key(lines[i].text) for i in edge_lines(lines)})
    running = {k for k, n in counts.items() if n >= max(2, (len(pages) + 1) // 2) and len(k) <= 120}
    out = []
    for lines in pages:
        edge = edge_lines(lines)
        # A baseline that also carries text repeated on no other page is page content, not a
        # running line: a table row at the foot of a page ("Spain (ES)  Yes  …  14") keeps
        # its "Yes" and "14" although other pages' edges hold a "Yes" or a page number.
        kept_on = {l.y for i, l in enumerate(lines) if i in edge and running_key(l.text) not in running}
        out.append([l for i, l in enumerate(lines) if not (i in edge and running_key(l.text) in running and l.y not in kept_on)])
    return out


__all__ = ["PdfLine", "read_page", "page_text", "drop_running"]
