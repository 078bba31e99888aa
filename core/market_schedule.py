"""A market schedule: a named list of the document ("Schedule A", "Annex 2") whose table has a
row per market and columns that say, for each market, whether ads may run there and which
figures hold there.

"| Market | Permitted | Licence | Minimum cooling-off (days) |" with "| Spain (ES) | Yes | … | 14 |"
and "| India (IN) | No | - | - |". Two things the rest of the document says about it need the
table read by column, not only by row label:

- "Ads may only run in the markets listed as permitted in Schedule A": a row marked No is
  listed but not permitted. The markets such a schedule stands for (in "the markets listed in
  Schedule A", "any market not listed in Schedule A") are its rows not marked refused, because a
  schedule of where ads may run lists a refused market only to refuse it; a reference reading
  the refused rows in would allow exactly the markets the table refuses. A row whose permission
  cell is blank or unreadable is listed and not refused, so it counts as listed.
- "The period stated must be at least the number of days shown for that market in Schedule A":
  the sentence names no number; the figure is the one in that market's row, so the sentence
  executes the column as limits bound each to its markets (`min:14 days@ES,PT`, `min:10 days@US`),
  the way core/market_limits.py executes limits stated market by market in prose. A market
  whose row shows no figure has none the sentence could mean.

Why it is right: both readings take only what the table states, cell by cell; the permission
marks are read by the same reader as any verdict cell (core/table_rows.py `mark_decision`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policydesk.core.conditions import format_condition, Condition
from policydesk.core.literal_guard import guarded
from policydesk.core.table_rows import mark_decision, row_label
from policydesk.core.terms import terms
from policydesk.core.types import Chunk, Rule

# A named list's heading, also under a section number: "Annex A", "9. Schedule A: market
# requirements", "Annex B – Countries", "4.2 Appendix 3".
LIST_NAME = re.compile(r"\s*(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+)?((?:Annex|Schedule|Appendix|Table)\s+[A-Z0-9]{1,3})\b")
# A header cell naming whether ads may run in the row's market: "Permitted", "Permitted
# (Yes/No)", "Ads allowed?", "Allowed", "Accepted".
_PERMISSION_HEADER = re.compile(
    r"\s*(?:ads?\s+(?:may\s+run|are\s+)?)?(?:permitted|allowed|accepted|available|eligible|may\s+run|can\s+run)\b"
    r"\s*(?:\([^)]*\))?\s*\??\s*$",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"^\s*(\d{1,6}(?:[.,]\d+)?)\s*([A-Za-z%]*)\s*$")
_UNIT_IN_HEADER = re.compile(r"\(([A-Za-z% ]{1,20})\)")


def list_key(name: str) -> str:
    return " ".join(re.sub(r"[,]", " ", name).upper().split())


def table_cells(line: str) -> list[str]:
    """The cells of a pipe-table line, [] for any other line."""
    if not line.lstrip().startswith("|"):
        return []
    return [c.strip() for c in line.strip().strip("|").split("|")]


@dataclass
class ScheduleRow:
    markets: tuple[str, ...]
    cells: list[str]


@dataclass
class Schedule:
    """One named list's table: its header cells (when a header row names no market) and rows."""

    header: list[str] = field(default_factory=list)
    rows: list[ScheduleRow] = field(default_factory=list)

    def permission_column(self) -> int | None:
        return next((k for k, h in enumerate(self.header) if _PERMISSION_HEADER.match(h)), None)

    def refused(self, row: ScheduleRow) -> bool:
        """Is the row marked as a market ads may not run in ("No", "✗", "Not allowed")?"""
        col = self.permission_column()
        return col is not None and col < len(row.cells) and mark_decision(row.cells[col]) == "reject"


def schedules(chunks: list[Chunk]) -> dict[str, Schedule]:
    """The document's named lists ("SCHEDULE A") -> their tables, rows in order; a table cut
    into several chunks of the same heading is one table."""
    out: dict[str, Schedule] = {}
    for ch in chunks:
        named = LIST_NAME.match(ch.section or "")
        if named is None:
            continue
        table = out.setdefault(list_key(named.group(1)), Schedule())
        for line in ch.text.splitlines():
            cells = table_cells(line)
            if len(cells) < 2 or all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                continue
            markets = next((m for m in (row_label(c).markets for c in cells) if m), ())
            if markets:
                table.rows.append(ScheduleRow(tuple(markets), cells))
            elif not table.header and not table.rows:
                table.header = cells
    return out


def permitted(table: Schedule, row: ScheduleRow) -> bool:
    return not table.refused(row)


# "the number of days shown for that market in Schedule A", "the figure set out for each
# country in Annex 2", "the limit listed against the market in Table 1".
_PER_MARKET_FIGURE = guarded(
    r"\b(?:number|figure|amount|period|value|limit|minimum|maximum|cap|floor)s?(?:\s+of\s+(?P<unit>[a-z%]+))?\s+"
    r"(?:shown|listed|set\s+out|stated|given|specified|set|indicated)\s+(?:for|against)\s+"
    r"(?:that|each|the|its|every|their|the\s+relevant|the\s+advertiser's)\s+(?:market|country|jurisdiction|territory)\s+in\s+"
    r"(?:the\s+)?(?P<list>(?:Annex|Schedule|Appendix|Table)\s+[A-Z0-9]{1,3})\b",
    0,
)
_AT_LEAST = guarded(r"\b(?:at least|not less than|no less than|no shorter than|not shorter than|minimum|or more|or longer)\b", re.IGNORECASE)
_AT_MOST = guarded(r"\b(?:at most|no more than|not more than|not exceed|must not exceed|no longer than|not longer than|maximum|or less|up to)\b", re.IGNORECASE)


def _figure(cell: str) -> tuple[float, str] | None:
    m = _NUMBER.match(cell.replace(",", "") if re.fullmatch(r"\s*\d{1,3}(?:,\d{3})+\s*", cell) else cell)
    return (float(m.group(1).replace(",", ".")), m.group(2)) if m else None


def _column(table: Schedule, quote_terms: set[str], kind: str) -> int | None:
    """The numeric column the sentence means: of the columns with a figure in some row, the one
    whose header shares the most words with the sentence, a header saying "minimum"/"maximum"
    agreeing with the limit's kind breaking a tie; None when still more than one fits."""
    numeric = [k for k in range(len(table.header)) if any(k < len(r.cells) and _figure(r.cells[k]) for r in table.rows)]
    if not numeric:
        return None
    word = "minimum" if kind == "min" else "maximum"
    score = {k: (len(terms(table.header[k]) & quote_terms), word in table.header[k].lower()) for k in numeric}
    best = max(score.values())
    tied = [k for k in numeric if score[k] == best]
    return tied[0] if len(tied) == 1 else None


def _unit(header: str, stated: str | None, cell_unit: str) -> str:
    if cell_unit:
        return cell_unit
    if stated:
        return stated
    m = _UNIT_IN_HEADER.search(header)
    return m.group(1).strip() if m else ""


def schedule_limits(quote: str, tables: dict[str, Schedule]) -> list[str]:
    """The per-market limits a sentence naming "the number … shown for that market in
    <list>" states, read from that list's table: one condition per figure, bound to the
    permitted markets whose row shows it. [] when the sentence names no such figure, says
    neither at least nor at most, the table has no one column it can mean, or neither the
    sentence, the column's header nor its cells say what the figure counts."""
    flat = " ".join(quote.split())
    ref = _PER_MARKET_FIGURE.search(flat)
    if ref is None:
        return []
    table = tables.get(list_key(ref.group("list")))
    if table is None or not table.header:
        return []
    before = flat[: ref.start()]
    kinds = [k for k, p in (("min", _AT_LEAST), ("max", _AT_MOST)) if p.search(before)]
    if len(kinds) != 1:
        return []
    kind = kinds[0]
    col = _column(table, terms(flat), kind)
    if col is None:
        return []
    by_value: dict[tuple[float, str], list[str]] = {}
    for row in table.rows:
        if not permitted(table, row) or col >= len(row.cells) or len(row.cells) != len(table.header):
            continue
        fig = _figure(row.cells[col])
        if fig is None:
            continue
        unit = _unit(table.header[col], ref.group("unit"), fig[1])
        if not unit:
            return []  # a figure of nothing named: what the case's number must be counted in is unknown
        by_value.setdefault((fig[0], unit), []).extend(m for m in row.markets)
    out = []
    for (value, unit), markets in by_value.items():
        cond = Condition(kind=kind, value=value, unit=unit, markets=list(dict.fromkeys(markets)))
        out.append(format_condition(cond))
    return out


# A column header naming a bound: "Minimum cooling-off (days)", "Max. group size", "Maximum
# deposit (EUR)".
_BOUND_HEADER = re.compile(r"^\s*(?:(?P<min>minimum|min\.?)|(?P<max>maximum|max\.?))\s+\S", re.IGNORECASE)


def row_limits(table: Schedule, row: ScheduleRow) -> list[str]:
    """The bounds a permitted row states for its markets in the columns headed "Minimum …" or
    "Maximum …" ("| United States (US) | Yes | … | 10 |" under "Minimum cooling-off (days)" ->
    `min:10 days@US`). Only a row whose cells line up with the header, a figure with a unit
    (the cell's or the header's), is read."""
    if not permitted(table, row) or len(row.cells) != len(table.header):
        return []
    out = []
    for k, head in enumerate(table.header):
        bound = _BOUND_HEADER.match(head)
        fig = _figure(row.cells[k]) if bound else None
        if bound is None or fig is None:
            continue
        unit = _unit(head, None, fig[1])
        if not unit:
            continue
        kind = "min" if bound.group("min") else "max"
        out.append(format_condition(Condition(kind=kind, value=fig[0], unit=unit, markets=list(row.markets))))
    return out


def _row_of(rule: Rule, tables: dict[str, Schedule]) -> tuple[Schedule, ScheduleRow] | None:
    """The schedule row a rule was read from: one of its cells states the rule's sentence, and
    the rule is written for the row's markets."""
    quote = " ".join(rule.quote.split())
    if not quote or not rule.markets:
        return None
    for table in tables.values():
        for row in table.rows:
            if set(rule.markets) == set(row.markets) and any(quote in " ".join(c.split()) for c in row.cells[1:]):
                return table, row
    return None


def with_schedule_limits(rules: list[Rule], tables: dict[str, Schedule]) -> list[Rule]:
    """`rules` with each rule whose sentence names the figure a schedule shows per market given
    those figures as market-bound limits, and each rule read from a schedule row given the
    bounds that row shows (`row_limits`). The rule stays written for the markets it was: the
    schedule says what holds in each market, not that the rule is one for those markets (which
    would make it a market's own rule, outranking the document's general ones there). A rule
    that already executes a limit of its own is left as read."""
    out = []
    for r in rules:
        limits = [] if any(c.startswith(("min:", "max:")) for c in r.conditions) else schedule_limits(r.quote, tables)
        if not limits and (found := _row_of(r, tables)) is not None:
            # "| United States (US) | Yes | Real estate broker licence … | 10 |": the row's rule
            # is its market's requirements, the bound its "Minimum …" column shows among them.
            limits = [c for c in row_limits(*found) if c not in r.conditions]
        if not limits:
            out.append(r)
            continue
        out.append(r.model_copy(update={"conditions": list(r.conditions) + limits}))
    return out


__all__ = ["LIST_NAME", "Schedule", "list_key", "permitted", "row_limits", "schedule_limits", "schedules", "table_cells", "with_schedule_limits"]
