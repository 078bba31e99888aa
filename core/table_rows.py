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

from policydesk.core.illustrations import illustrative_header
from policydesk.core.markets import cell_codes, find_mentions
from policydesk.core.sentences import Span, split_sentences

# The next line under a header row: "|---|:---:|".
_UNDERLINE = re.compile(r"[ \t]*\|?[ \t]*:?-{2,}")
# "Yes, with conditions", "Allowed (with restrictions)", "Yes – subject to conditions": a yes
# that says the cells beside it are its conditions.
_QUALIFIED = (
    r"(?:yes|allowed|permitted)\s*(?:[,(:;\u2013\u2014-]\s*)?(?:but\s+|only\s+)?(?:with|subject to|under|on)\s+"
    r"(?:the\s+)?(?:conditions|restrictions|limits|requirements)(?:\s+below)?\s*\)?"
)
# A cell that is only a verdict mark ("Yes", "No", "Restricted", "Case by case", "✓"): the
# cells beside it say what the verdict is on and under which conditions, each a sentence the
# reader reads by itself.
_VERDICT_MARK = re.compile(
    r"\s*(?:yes|no|allowed|not allowed|permitted|not permitted|prohibited|restricted|limited|case[- ]by[- ]case"
    r"|n/?a|none|[-\u2013\u2014\u2713\u2714\u2717\u2718x]|" + _QUALIFIED + r")\s*[.!]?\s*",
    re.IGNORECASE,
)
# What each mark decides for its row's thing, when the row's other cells state no rule of
# their own ("| Lens cases | Yes | No additional conditions. | All markets |"): "Yes" allows
# it, a "Yes" qualified by conditions or "Restricted" allows it on conditions, "No" refuses it,
# "Case by case" sends it to people.
_MARK_DECISIONS = (
    (re.compile(r"\s*(?:case[- ]by[- ]case)\b", re.I), "escalate"),
    (re.compile(r"\s*(?:" + _QUALIFIED + r"|restricted|limited)\b", re.I), "restrict"),
    (re.compile(r"\s*(?:no|not allowed|not permitted|prohibited|[\u2717\u2718x])\s*[.!]?\s*$", re.I), "reject"),
    (re.compile(r"\s*(?:yes|allowed|permitted|[\u2713\u2714])\s*[.!]?\s*$", re.I), "approve"),
)
# A market cell that allows every market but some ("All markets, except not in IN or PK",
# "Everywhere except FR and DE"): the markets after "except" are where the row's thing is
# refused.
_ALL_BUT = re.compile(
    r"\s*(?:all|every|any)\s+(?:other\s+)?(?:markets?|countries|regions)|\s*everywhere|\s*worldwide|\s*globally",
    re.IGNORECASE,
)
_EXCEPT = re.compile(r"\s*,?\s*(?:except|excluding|apart from|but)\s+(?:not\s+)?", re.IGNORECASE)


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
    if codes := cell_codes(cell):
        return RowLabel(tuple(codes), cell)  # "| IN | No ads for … are permitted. |"
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


def mark_decision(cell: str) -> str | None:
    """What a verdict mark decides for its row's thing, or None for a cell that is no mark
    ("n/a", "-" decide nothing)."""
    if not verdict_mark(cell):
        return None
    return next((decision for mark, decision in _MARK_DECISIONS if mark.match(cell)), None)


def refused_markets(cell: str) -> list[str]:
    """The markets a cell of "all markets except …" excludes, or [] (the cell says something
    else, or names no market after "except")."""
    head = _ALL_BUT.match(cell)
    if head is None:
        return []
    gap = _EXCEPT.match(cell, head.end())
    if gap is None:
        return []
    rest = cell[gap.end():]
    mentions = find_mentions(rest)
    left = rest
    for m in reversed(mentions):
        left = left[: m.start] + left[m.end :]
    if not mentions or re.search(r"[A-Za-z]{3,}", re.sub(r"\b(?:and|or|nor|in|the)\b", " ", left, flags=re.I)):
        return []
    return list(dict.fromkeys(c for m in mentions for c in m.codes))


def row_starts(spans: list[Span]) -> list[int]:
    """For each span: the index of the label span of the table row it sits in, else -1."""
    out: list[int] = []
    start = -1
    for k, span in enumerate(spans):
        if span.cell < 0:
            start = -1
        elif span.cell == 0:
            start = k
        out.append(start)
    return out


def row_labels(text: str, spans: list[Span]) -> list[RowLabel | None]:
    """For each sentence span of `text`: the label of the table row it sits in, None outside a
    table, in a header row, or for the label cell itself (`states_rule` says which spans
    can state a rule). The rows of an examples table ("| Ad | Outcome | Why |",
    core/illustrations.py) are None too: each is one ad and the verdict it got, no rule."""
    out: list[RowLabel | None] = []
    current: RowLabel | None = None
    row_start = 0
    examples = False  # under an examples table's header row
    for k, span in enumerate(spans):
        if span.cell <= 0:
            _close_row(out, spans, row_start)
            row_start = k
        if span.cell < 0:
            current, examples = None, False
            out.append(None)
        elif span.cell == 0:
            if is_header(text, span):
                current, examples = None, illustrative_header(_row_cells(spans, k))
            else:
                current = None if examples else row_label(span.text)
            out.append(None)
        else:
            out.append(current)
    _close_row(out, spans, row_start)
    return out


def example_spans(text: str, spans: list[Span]) -> set[int]:
    """The indices of the spans that sit in an examples table ("| Ad | Outcome | Why |",
    core/illustrations.py), its header row included: cells that state an ad and the verdict it
    got, which the wording of no clause decides by."""
    out: set[int] = set()
    examples = False
    for k, span in enumerate(spans):
        if span.cell < 0:
            examples = False
        elif span.cell == 0 and is_header(text, span):
            examples = illustrative_header(_row_cells(spans, k))
        if examples and span.cell >= 0:
            out.add(k)
    return out


def _row_cells(spans: list[Span], start: int) -> list[str]:
    """The text of each cell of the row whose label span is `start` (a cell of two sentences is
    two spans)."""
    cells: dict[int, list[str]] = {}
    for span in spans[start:]:
        if span.cell < 0 or (span.cell == 0 and cells):
            break
        cells.setdefault(span.cell, []).append(span.text)
    return [" ".join(cells[c]) for c in sorted(cells)]


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
        label = marked
    if not label.markets:
        # "| Part 2 | US, CA | Ads to the general public are permitted. |": a cell that only
        # names markets is the row's market column; the row's rules are for those markets.
        named = [row_label(spans[i].text).markets for i in cells if spans[i].cell > 0]
        markets = next((m for m in named if m), ())
        if markets:
            placed = replace(label, markets=markets)
            for i in cells:
                out[i] = placed


def states_rule(span: Span, label: RowLabel | None) -> bool:
    """Can the span state a rule: any sentence outside a table; in a table, a cell of a body
    row beside its label that is more than a verdict mark."""
    return span.cell < 0 or (span.cell > 0 and label is not None and (label.marks_only or not verdict_mark(span.text)))


def link_rows(chunks: list) -> None:
    """Give every rule stated in a table row the labels of all rows of its table (`Rule.rows`):
    a table long enough to be cut into several chunks is still one list of alternatives, and
    which row a case is about (assistant/table_row.py) is read against all of them. The rows of
    one section of one document are one table. Changes `chunk.logic` in place."""
    _drop_continued_examples(chunks)
    labels: dict[tuple[str, str], list[str]] = {}
    for ch in chunks:
        for r in ch.logic:
            if r.row is not None:
                found = labels.setdefault((ch.source, ch.section), [])
                if r.row not in found:
                    found.append(r.row)
    for ch in chunks:
        peers = labels.get((ch.source, ch.section))
        if peers and any(r.row is not None for r in ch.logic):
            ch.logic = [r.model_copy(update={"rows": list(peers)}) if r.row is not None else r for r in ch.logic]


def _drop_continued_examples(chunks: list) -> None:
    """A chunk that opens in the middle of a table whose header row is in an earlier chunk of
    its section reads those rows without their header; when that header is an examples
    table's ("| Ad | Outcome | Why |"), the rows it opens with state no rule either (as they
    state none in the chunk holding the header). Changes `chunk.logic` in place."""
    open_examples: dict[tuple[str, str], bool] = {}  # the last table of a section so far is an examples table
    for ch in sorted(chunks, key=lambda c: (c.source, getattr(c, "position", 0))):
        key = (ch.source, ch.section)
        spans = split_sentences(ch.text)
        leading: set[str] = set()  # labels of the rows before the chunk's own first header or prose
        inherited = open_examples.get(key, False)
        for k, span in enumerate(spans):
            if span.cell < 0:
                inherited, open_examples[key] = False, False
            elif span.cell == 0:
                if is_header(ch.text, span):
                    inherited, open_examples[key] = False, illustrative_header(_row_cells(spans, k))
                elif inherited:
                    leading.add(span.text)
        if leading:
            ch.logic = [r for r in ch.logic if r.row is None or r.row not in leading]


__all__ = ["RowLabel", "example_spans", "is_header", "link_rows", "mark_decision", "refused_markets", "row_label", "row_labels", "row_starts", "states_rule", "verdict_mark"]
