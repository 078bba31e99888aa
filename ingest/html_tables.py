"""An HTML data table as the pipe rows a Markdown table is written in.

Why: a policy that states its rules in a `<table>` (Product / Allowed? / Conditions /
Markets) says in each row's first cell what the other cells govern. Walked as blocks, every
cell became a paragraph of its own, so a row's market list or condition stood loose in the
section and bound cases about another row's product ("Only in US, GB …" of the decorative-lens
row refused a lens-solution ad in PK). Written as "| label | mark | conditions | markets |",
one line per row, the table reaches the one table reader every format shares
(core/sentences.py cuts a row at its cells, core/table_rows.py reads its label and header).

A table is a data table when it holds no other table and at least two of its rows have two
or more cells; a layout table (one row, one column, or a frame around nested tables) is left
to the block walk, so its prose is read as prose.
"""

from __future__ import annotations

import re

_WS = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?)])")


def _cell_text(cell) -> str:
    """A cell's visible text on one line; a bar in it is escaped so it stays inside the cell."""
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", _WS.sub(" ", cell.get_text(" ", strip=True))).strip()
    return text.replace("|", "\\|")


def _own_rows(table) -> list:
    """The table's own rows (`<tr>` in it, its `<thead>`, `<tbody>`, `<tfoot>`), in order."""
    return [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]


def _span(cell, name: str) -> int:
    try:
        return max(1, min(int(str(cell.get(name, 1)).strip() or 1), 100))
    except ValueError:
        return 1


def _is_header(tr) -> bool:
    """A row of `<thead>`, or a row whose every cell is a `<th>`."""
    cells = tr.find_all(["td", "th"], recursive=False)
    return tr.find_parent("thead") is not None or (bool(cells) and all(c.name == "th" for c in cells))


def table_lines(table) -> list[str] | None:
    """The pipe rows of a data table (header rows, their "|---|" underline, body rows), or
    None for a layout table. A cell spanning rows is repeated in each (its label governs all
    of them); a cell spanning columns is followed by empty cells, so columns stay aligned."""
    if table.find("table") is not None:
        return None
    rows = _own_rows(table)
    grid: list[list[str]] = []
    headers: list[bool] = []
    carried: dict[int, tuple[str, int]] = {}  # column -> (text, rows still to fill)
    for tr in rows:
        cells = tr.find_all(["td", "th"], recursive=False)
        line: list[str] = []
        col = 0

        def fill_carried() -> None:
            nonlocal col
            while col in carried:
                text, left = carried[col]
                line.append(text)
                if left <= 1:
                    del carried[col]
                else:
                    carried[col] = (text, left - 1)
                col += 1

        for cell in cells:
            fill_carried()
            text = _cell_text(cell)
            down, across = _span(cell, "rowspan"), _span(cell, "colspan")
            if down > 1:
                carried[col] = (text, down - 1)
            line.append(text)
            line.extend("" for _ in range(across - 1))
            col += across
        fill_carried()
        if any(line):
            grid.append(line)
            headers.append(_is_header(tr))
    if sum(1 for line in grid if sum(1 for c in line if c) >= 2) < 2:
        return None
    width = max(len(line) for line in grid)
    out: list[str] = []
    for k, line in enumerate(grid):
        cells = line + [""] * (width - len(line))
        out.append("| " + " | ".join(cells) + " |")
        if headers[k] and (k + 1 == len(grid) or not headers[k + 1]):
            out.append("|" + "---|" * width)
    return out


__all__ = ["table_lines"]
