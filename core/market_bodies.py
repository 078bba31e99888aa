"""The register or body a credential requirement names per market, read at ingest.

Why: a clause such as "a pharmacy may advertise only if it is registered in the market the ad
targets, as follows: GB with the GPhC; US with the state board of pharmacy", a market table
whose row for each market names the licence or body that qualifies there ("| United States |
State structural pest control licence or certified applicator licence |"), a fixed-width table
announced by the sentence ("… an HCP holding the registration below:" then "Market
Registration required / United Kingdom  HCPC registration …"), or "In NZ, sellers must be
licensed by the Ministry of Primary Industries" is read as the generic `requires:licence`
(core/condition_reading.py), often the union of every row's kinds (licence, certification,
membership) all at once. What qualifies is the case's market's row only, so the row of each
market is read here, from the clause's own text, and stored with the rule (`Rule.bodies`,
`Rule.bodies_lead`); assistant/market_bodies.py executes it against the case at answer time
without re-reading the prose.

- `market_bodies(quote, context, markets)`: market code -> the words naming what qualifies
  there, read from an "as follows" list (entries opened by a market code), from the rows of a
  market table (`| US | cell | … |`, `| United States | … |`) in the column of the rule's cell,
  from a fixed-width table the rule's sentence announces, or from "In <market>, … registered
  with / licensed by <body>".
- `with_market_bodies(rules, text)`: each rule with a credential requirement, with its bodies.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from policydesk.core.markets import ISO_CODES, to_codes
from policydesk.core.table_rows import row_label
from policydesk.core.types import Rule

# The credentials a body qualifies for: a licence, a registration/certification, a membership.
BODY_CREDENTIALS = frozenset({"licence", "certification", "membership"})

# A list entry opened by a market code: at a line's start, or a code followed by two spaces, a
# colon or a dash (the flattened form of an indented list: "… Ireland US  recognised by …").
_ENTRY = re.compile(r"(?:(?<=\n)|^)[ \t]*(?:[-*•]\s*)?([A-Z]{2})(?:[ \t]*[:–—-][ \t]*|[ \t]{2,}|[ \t]+(?=[a-z(]))|(?<=\s)([A-Z]{2})(?:\s*:\s*|\s{2,}|\s+[–—-]\s+)")
_ROW = re.compile(r"^\s*\|\s*([^|\n]*?)\s*\|(.*)$", re.M)
# A fixed-width table flattened by the splitter: a header, a rule of dashes under each column
# ("--------------  -------"), then rows whose cells are set apart by two spaces or more.
_DASHES = re.compile(r"-{3,}(?:[ \t]{2,}-{3,})+")
# "In GB, … registered with the GPhC": the body after the verb, up to the clause's end.
_IN_MARKET = re.compile(r"\b[Ii]n\s+(?:the\s+)?([A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)\s*,")
_BODY_VERB = re.compile(
    r"\b(?:registered|licensed|licenced|authori[sz]ed|accredited|certified|recogni[sz]ed|regulated|approved|appointed|designated)\s+(?:with|by)\s+([^.;:]+)"
    r"|\b(?:members?|membership)\s+of\s+([^.;:]+)")


def _codes(cell: str) -> list[str]:
    return [c for c in re.findall(r"[A-Z]{2}", cell) if c in ISO_CODES]


def _label_codes(cell: str) -> list[str]:
    """The markets a row's first cell names: codes ("US", "GB, IE") or names ("United States",
    "United Kingdom (GB)": core/table_rows.py `row_label`)."""
    cell = cell.strip()
    if re.fullmatch(r"[A-Z]{2}(?:\s*[,/]\s*[A-Z]{2})*", cell):
        return _codes(cell)
    if len(cell.split()) > 12:
        return []
    return list(row_label(cell).markets) or to_codes(cell)


def _tail_label(segment: str) -> tuple[str, str] | None:
    """A flattened fixed-width row ends with the next row's label: ("… professional body",
    "United States") — the longest run of capitalised last words that names a market, or an
    "Other markets" label (a row of no one market)."""
    words = segment.split()
    for k in range(min(4, len(words) - 1), 0, -1):
        tail = words[-k:]
        if not tail[0][:1].isupper():
            continue
        label = " ".join(tail)
        if to_codes(label) or re.fullmatch(r"(?:All\s+)?(?:other|remaining)\s+markets?", label, re.I):
            return " ".join(words[:-k]), label
    return None


def _line_rows(lines: str) -> list[tuple[list[str], str]]:
    """The rows of a fixed-width table kept line by line, up to its first blank line: a line
    indented past the label column continues the cell above it."""
    rows: list[tuple[list[str], str]] = []
    indent = None
    for line in lines.split("\n"):
        if not line.strip():
            break
        lead = len(line) - len(line.lstrip())
        indent = lead if indent is None else indent
        parts = re.split(r"[ \t]{2,}", line.strip(), maxsplit=1)
        if lead > indent and rows:
            rows[-1] = (rows[-1][0], f"{rows[-1][1]} {line.strip()}")
        elif len(parts) == 2:
            rows.append((_label_codes(parts[0]), parts[1].strip()))
        else:
            return []
    return rows


def text_table_rows(text: str) -> tuple[list[tuple[list[str], str]], str]:
    """Rows (markets, cell) of the first fixed-width two-column table in `text` (its header
    above a rule of dashes, rows set apart by runs of spaces even when the splitter folded its
    lines), and the header; none when `text` has no such table."""
    dash = _DASHES.search(text)
    if not dash:
        return [], ""
    line_start = text.rfind("\n", 0, dash.start()) + 1
    header = text[line_start : dash.start()].strip()
    end = text.find("\n", dash.end())
    body = text[dash.end() : end if end >= 0 else len(text)]
    if not body.strip() and end >= 0:
        return _line_rows(text[end + 1 :]), header
    segments = [s for s in re.split(r"[ \t]{2,}", body.strip()) if s.strip()]
    if len(segments) < 2 or len(re.split(r"[ \t]{2,}", header)) != 2:
        return [], ""
    rows: list[tuple[list[str], str]] = []
    label = segments[0]
    for i, seg in enumerate(segments[1:], start=1):
        if i == len(segments) - 1:
            cell, nxt = seg, None
        else:
            split = _tail_label(seg)
            if split is None:
                return [], ""
            cell, nxt = split
        rows.append((_label_codes(label), " ".join(cell.split())))
        label = nxt or ""
    return rows, header


def _list_entries(text: str) -> tuple[dict[str, str], str]:
    """"as follows: GB registered with …  US recognised by …": each market code and its words,
    and the list's introduction."""
    colon = text.find(":")
    if colon < 0:
        return {}, ""
    body = text[colon + 1 :]
    starts = [(m.start(), m.end(), m.group(1) or m.group(2)) for m in _ENTRY.finditer(body)]
    starts = [s for s in starts if s[2] in ISO_CODES]
    out: dict[str, str] = {}
    for i, (_, end, code) in enumerate(starts):
        stop = starts[i + 1][0] if i + 1 < len(starts) else len(body)
        words = " ".join(body[end:stop].split())
        if words:
            out.setdefault(code, words)
    return (out, text[:colon]) if len(out) >= 2 else ({}, "")


def _table_entries(text: str, quote: str) -> tuple[dict[str, str], str]:
    """Rows `| CC | cell | … |`: the cell of each row in the column where `quote` stands, and
    the table's header row (rows without a market)."""
    rows = [(_label_codes(m.group(1)), [c.strip() for c in m.group(2).split("|")]) for m in _ROW.finditer(text)]
    q = " ".join(quote.split())
    col = next((i for _, cells in rows for i, c in enumerate(cells) if q and q in " ".join(c.split())), None)
    if col is None:
        return {}, ""
    header = " ".join(line for line in text.splitlines() if line.lstrip().startswith("|") and not any(codes for codes, _ in [(_label_codes(m.group(1)), 0) for m in [_ROW.match(line)] if m]))
    return {code: cells[col] for codes, cells in rows if col < len(cells) for code in codes}, header


def _announced_entries(quote: str, context: str) -> tuple[dict[str, str], str]:
    """"… an HCP holding the registration below:" and, next in the chunk, a fixed-width table of
    one row per market: each market's cell, and the sentence with the table's header as lead."""
    q = " ".join(quote.split())
    flat = " ".join(context.split())
    at = flat.find(q[: max(20, min(len(q), 80))]) if q else -1
    colon = q.find(":")
    if at < 0 or colon < 0:
        return {}, ""
    # the table must follow the announcing sentence in the chunk, in its own (unfolded) text
    head = q[:colon]
    start = context.find(head[-40:]) if head else -1
    if start < 0:
        return {}, ""
    rows, header = text_table_rows(context[start:])
    out = {code: cell for codes, cell in rows for code in codes}
    return (out, f"{head} {header}") if len(out) >= 2 else ({}, "")


def _sentence_entries(text: str) -> tuple[dict[str, str], str]:
    """"In NZ, sellers must be licensed by the Ministry …": the market and the body named, and
    the words before the body."""
    out: dict[str, str] = {}
    lead = []
    for sentence in re.split(r"(?<=[.;])\s+", " ".join(text.split())):
        m = _IN_MARKET.search(sentence)
        b = _BODY_VERB.search(sentence, m.end()) if m else None
        if not m or not b:
            continue
        lead.append(sentence[: b.start()])
        for code in to_codes(m.group(1)) or _codes(m.group(1)):
            out.setdefault(code, b.group(1) or b.group(2))
    return out, " ".join(lead)


class Bodies(NamedTuple):
    """Market code -> the words of what qualifies there; `lead`: the words that introduce them
    (the list's lead-in, the table's header), which name what is regulated, not a body ("Pharmacy
    ads may run only if the pharmacy is registered …": "pharmacy" names no register)."""

    entries: dict[str, str]
    lead: str = ""


def market_bodies(quote: str, context: str = "", markets: list[str] | None = None) -> Bodies:
    """What qualifies in each market, as `quote` (the rule's sentence) names it; for a rule read
    from one cell of a market table (`markets` its row's), the column of that cell in `context`
    (the chunk's text). No entries when the sentence names no body per market.

    Read once per rule at ingest (core/clause_logic.py `read_clause_logic`); the reading of a
    text is kept, as a table's rows are read once per rule of the table."""
    return _market_bodies(quote, context, tuple(markets or ()))


@lru_cache(maxsize=4096)
def _market_bodies(quote: str, context: str, markets: tuple[str, ...]) -> Bodies:
    entries, lead = _list_entries(quote)
    if entries:
        return Bodies(entries, lead)
    if markets and context:
        entries, lead = _table_entries(context, quote)
        if any(m in entries for m in markets):
            return Bodies(entries, lead)
    if context:
        entries, lead = _announced_entries(quote, context)
        if entries:
            return Bodies(entries, lead)
    return Bodies(*_sentence_entries(quote))


def _credential_kinds(rule: Rule) -> set[str]:
    return {c.split("@")[0].split(":", 1)[1] for c in rule.conditions if c.startswith("requires:")}


def with_market_bodies(rules: list[Rule], text: str) -> list[Rule]:
    """`rules` with the bodies each credential requirement names per market (read from the
    rule's sentence and, for a table's rows, `text`, the chunk's text) stored on it."""
    out = []
    for r in rules:
        if r.bodies or not _credential_kinds(r) & BODY_CREDENTIALS:
            out.append(r)
            continue
        found = market_bodies(r.quote, text, r.markets)
        out.append(r.model_copy(update={"bodies": found.entries, "bodies_lead": found.lead}) if found.entries else r)
    return out


__all__ = ["BODY_CREDENTIALS", "Bodies", "market_bodies", "text_table_rows", "with_market_bodies"]
