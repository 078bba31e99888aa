"""A table on a PDF page as pipe rows, one line per row.

Why: pypdf gives a table's cells as loose lines, one per cell line, so a country schedule
("| IN | No ads for infant formula ... are permitted. |") comes out as "IN" on one line and its
rule on the next, and the rule's wrapped second line on a third. Read as prose, the rule loses
the country its row names and binds every case of the document. The table-row reader
(core/table_rows.py, core/sentences.py cell spans) reads a Markdown or HTML table's rows as
"| label | cell | cell |" lines and gives each cell's rules the row label's market or thing;
this writes a PDF table the same way, so the same reader reads it.

A table is recognised by its layout only: several baselines that each hold two or more text
lines starting at the same column positions (aligned columns over several lines). A line alone
on its baseline that starts at one of those columns, just below a row, is the wrapped rest of
that row's cell. Prose (one line per baseline, or lines whose pieces do not line up over
several baselines) is left as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from policydesk.ingest.pdflines import PdfLine

_X_TOL = 1.0  # points: two cells start in the same column
_Y_TOL = 0.6  # points: two lines sit on the same baseline


@dataclass
class _Band:
    """The lines on one baseline, left to right."""

    y: float
    size: float
    lines: list[PdfLine]

    @property
    def xs(self) -> list[float]:
        return [line.x or 0.0 for line in self.lines]


def _bands(lines: list[PdfLine]) -> list[_Band | PdfLine]:
    """Consecutive lines on one baseline grouped; a line without a position stays alone."""
    out: list[_Band | PdfLine] = []
    for line in lines:
        if line.y is None or line.x is None or not line.text.strip():
            out.append(line)
            continue
        last = out[-1] if out else None
        if isinstance(last, _Band) and abs(last.y - line.y) <= _Y_TOL and (line.x or 0) > last.xs[-1] + _X_TOL:
            last.lines.append(line)
        else:
            out.append(_Band(line.y, line.size, [line]))
    return out


def _column(x: float, columns: list[float]) -> int | None:
    for i, c in enumerate(columns):
        if abs(c - x) <= _X_TOL:
            return i
    return None


def _table_at(items: list[_Band | PdfLine], start: int) -> tuple[list[list[str]], int] | None:
    """The table whose first row is the band at `start`: (rows of cell texts, index after it),
    or None when the band starts no table."""
    first = items[start]
    if not isinstance(first, _Band) or len(first.lines) < 2:
        return None
    columns = first.xs
    rows: list[list[str]] = [[line.text.strip() for line in first.lines]]
    multi = 1
    prev = first
    i = start + 1
    while i < len(items):
        band = items[i]
        if not isinstance(band, _Band) or abs(band.size - first.size) > 0.5:
            break
        cols = [_column(x, columns) for x in band.xs]
        if any(c is None for c in cols) or prev.y - band.y > 3.0 * band.size or band.y > prev.y:
            break
        if len(band.lines) >= 2:
            row = [""] * len(columns)
            for c, line in zip(cols, band.lines):
                row[c] = line.text.strip()
            rows.append(row)
            multi += 1
        elif prev.y - band.y <= 1.5 * band.size and len(rows[-1]) == len(columns):
            # One line alone on its baseline, just below the row: a cell's wrapped rest.
            c = cols[0]
            rows[-1][c] = f"{rows[-1][c]} {band.lines[0].text.strip()}".strip()
        else:
            break
        prev = band
        i += 1
    if multi < 2 or len(rows[0]) != len(columns):
        return None
    return rows, i


def _is_header(cells: list[str]) -> bool:
    """A first row of short names ("Country", "Rule", "Markets") heads its columns."""
    return all(0 < len(c.split()) <= 3 and not c.rstrip().endswith((".", ":")) and not any(ch.isdigit() for ch in c) for c in cells)


def with_tables(lines: list[PdfLine]) -> list[PdfLine]:
    """The page's lines with each table written as pipe rows ("| GB | Rule text. |"), an
    underline ("|---|---|") under a header row; every other line unchanged."""
    items = _bands(lines)
    out: list[PdfLine] = []
    i = 0
    while i < len(items):
        found = _table_at(items, i)
        if found is None:
            item = items[i]
            out.extend(item.lines if isinstance(item, _Band) else [item])
            i += 1
            continue
        rows, end = found
        first = items[i]
        assert isinstance(first, _Band)
        x, size = first.xs[0], first.size
        for k, row in enumerate(rows):
            out.append(PdfLine("| " + " | ".join(row) + " |", x, None, size))
            if k == 0 and _is_header(row):
                out.append(PdfLine("|" + "---|" * len(row), x, None, size))
        last = items[end - 1]
        assert isinstance(last, _Band)
        # Keep the last row's baseline so the gap to the text below still reads as a break.
        out[-1].y = last.y
        i = end
    return out


__all__ = ["with_tables"]
