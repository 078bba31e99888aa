"""Table rows as the reader sees them: a row's first cell names what (or where) its other
cells govern.

Why: policies published as tables ("| Tattoo services | Yes | Audience 18+ in all markets,
19+ in KR. |", "| South Korea (KR) | Paid readings: minimum age 19. |") state the subject or
the market once, in the row's label, and write the conditions beside it without naming it
again. Read as loose sentences, "Audience 18+" bound every case of the table (a piercing ad
was held to the tattoo row's floor). The sentence splitter (core/sentences.py) cuts rows at
their cells and numbers them (`Span.cell`); this module reads a row's label and says which
cells are headers or bare verdict marks, so core/clause_logic.py can give each cell's rules the
row's subject or markets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from policydesk.core.markets import find_mentions
from policydesk.core.sentences import Span

# The next line under a header row: "|---|:---:|".
_UNDERLINE = re.compile(r"[ \t]*\|?[ \t]*:?-{2,}")
# A cell that is only a verdict mark ("Yes", "No", "Restricted", "Case by case", "✓"): the
# cells beside it say what the verdict is on and under which conditions, each a sentence the
# reader reads by itself.
_VERDICT_MARK = re.compile(
    r"\s*(?:yes|no|allowed|not allowed|permitted|not permitted|prohibited|restricted|limited|case[- ]by[- ]case"
    r"|n/?a|none|[-\u2013\u2014\u2713\u2714\u2717\u2718x])\s*[.!]?\s*",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class RowLabel:
    """What a row's label cell says: the market codes it names (a row per country), else its
    text (a row per product or service; the reader takes its subject words)."""

    markets: tuple[str, ...]
    text: str
    # No cell beside the label says more than a verdict mark ("| Chile (CL) | Not allowed. |"):
    # then the mark is the row's rule.
    marks_only: bool = False


def is_header(text: str, label: Span) -> bool:
    """Is the row whose label cell is `label` a header row (the next line underlines it)?"""
    end = text.find("\n", label.end)
    return end >= 0 and bool(_UNDERLINE.match(text, end + 1))


def row_label(cell: str) -> RowLabel:
    """A label naming only countries ("South Korea (KR)", "Saudi Arabia (SA), Qatar (QA)")
    gives the row's markets; any other label is the row's subject."""
    mentions = find_mentions(cell)
    if mentions:
        rest = cell
        for m in reversed(mentions):
            rest = rest[: m.start] + rest[m.end :]
        rest = re.sub(r"\(\s*[A-Z]{2}\s*\)", " ", rest)
        if not re.search(r"[A-Za-z]{3,}", re.sub(r"\b(?:and|or)\b", " ", rest)):
            return RowLabel(tuple(dict.fromkeys(c for m in mentions for c in m.codes)), cell)
    return RowLabel((), cell)


def verdict_mark(cell: str) -> bool:
    """Is the cell only a verdict mark ("Yes", "No", "Case by case")?"""
    return bool(_VERDICT_MARK.fullmatch(cell))


def row_labels(text: str, spans: list[Span]) -> list[RowLabel | None]:
    """For each sentence span of `text`: the label of the table row it sits in, None outside a
    table, in a header row, or for the label cell itself (`states_rule` says which spans
    can state a rule)."""
    out: list[RowLabel | None] = []
    current: RowLabel | None = None
    row_start = 0
    for k, span in enumerate(spans):
        if span.cell <= 0:
            _close_row(out, spans, row_start)
            row_start = k
        if span.cell < 0:
            current = None
            out.append(None)
        elif span.cell == 0:
            current = None if is_header(text, span) else row_label(span.text)
            out.append(None)
        else:
            out.append(current)
    _close_row(out, spans, row_start)
    return out


def _close_row(out: list[RowLabel | None], spans: list[Span], start: int) -> None:
    """Mark the row that starts at `start` as `marks_only` when none of its cells says more."""
    cells = range(start + 1, len(out))
    label = out[start + 1] if start + 1 < len(out) else None
    if label is None or spans[start].cell != 0:
        return
    if all(verdict_mark(spans[i].text) for i in cells):
        marked = replace(label, marks_only=True)
        for i in cells:
            out[i] = marked


def states_rule(span: Span, label: RowLabel | None) -> bool:
    """Can the span state a rule: any sentence outside a table; in a table, a cell of a body
    row beside its label that is more than a verdict mark."""
    return span.cell < 0 or (span.cell > 0 and label is not None and (label.marks_only or not verdict_mark(span.text)))


__all__ = ["RowLabel", "is_header", "row_label", "row_labels", "states_rule", "verdict_mark"]
