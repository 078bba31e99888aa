"""A table cell that is only a quantity, under a column headed as a maximum or a minimum, is
that limit for its row's thing.

Why: a limits table ("| Product type | Maximum active ingredient for consumer ads | Other
conditions |" / "| Garden slug pellets | 3% | Pack no larger than 1 kg |") writes the limit
once, in the header, and each row's number beside its label. Read cell by cell, "3%" stated
nothing (it has no verb and no limit word), so the row's product was held only to its other
cells' limits and a 9% product passed. Read with its column's header, the cell says "at most
3%" for the row's thing, executed against the case's numbers like any written limit.

By construction: the header row is the table's first row (the one a "|---|" line underlines,
core/table_rows.py `is_header`), the column is the cell's number (`Span.cell`), the header's
own words say which limit it is ("maximum", "max", "up to", "at most", "upper limit" /
"minimum", "min", "at least"), and the cell must be a quantity alone (a number with its unit,
an optional parenthesis restating it: "0.005% (50 mg/kg)").
"""

from __future__ import annotations

import re

from policydesk.core.sentences import Span
from policydesk.core.table_rows import is_header

_MAXIMUM = re.compile(r"\b(?:maximum|max\.?|up\s+to|at\s+most|upper\s+limit|cap|no\s+more\s+than)\b", re.IGNORECASE)
_MINIMUM = re.compile(r"\b(?:minimum|min\.?|at\s+least|lower\s+limit|no\s+less\s+than)\b", re.IGNORECASE)
_QUANTITY = re.compile(r"^\s*\d[\d,]*(?:\.\d+)?\s*(?:%|[A-Za-z/]{1,12}(?:\s+[A-Za-z/]{1,8})?)?\s*(?:\([^()]{1,40}\))?\s*[.]?\s*$")


def _header_cells(text: str, spans: list[Span], k: int) -> dict[int, str]:
    """The header row's cells (column -> text) of the table span k sits in, {} without one."""
    start = k
    while start > 0 and spans[start - 1].cell >= 0:
        start -= 1
    if spans[start].cell != 0 or not is_header(text, spans[start]):
        return {}
    cells: dict[int, str] = {}
    for span in spans[start:]:
        if span.cell < 0 or (span.cell == 0 and cells):
            break
        cells[span.cell] = (cells.get(span.cell, "") + " " + span.text).strip()
    return cells


def column_limit(text: str, spans: list[Span], k: int) -> str | None:
    """The limit a bare quantity cell states under its column's header ("at most 3%"), or None."""
    span = spans[k]
    if span.cell <= 0 or not _QUANTITY.match(span.text):
        return None
    header = _header_cells(text, spans, k).get(span.cell, "")
    if _MAXIMUM.search(header) and not _MINIMUM.search(header):
        return f"at most {span.text.strip().rstrip('.')}"
    if _MINIMUM.search(header) and not _MAXIMUM.search(header):
        return f"at least {span.text.strip().rstrip('.')}"
    return None


__all__ = ["column_limit"]
