"""Markets a rule is written for by what they are not: "In markets not listed in 3.1, …",
"in countries other than those in Annex B", "outside the markets above", "in any market not
named in the table".

Why a module: such a sentence names no market of its own, so read alone it binds every market,
the listed ones included, and a rule meant for the rest of the world ("… guided fishing trip ads
are not permitted") decides cases the list settles otherwise. The list it points at is resolved the way
"the markets listed in Annex A, Part 2" already is (core/clause_logic.py `list_markets`,
`clause_markets`), with one more kind of list: a numbered paragraph of the same document
("3.1"), whose markets are those its text names (`paragraph_markets`). The rule then applies in
every market but those (`Rule.except_markets`, executed by assistant/rule_markets.py).
"""

from __future__ import annotations

import re

from policydesk.core.markets import ISO_CODES, WORDLIKE_CODES, find_mentions, unique
from policydesk.core.types import Chunk

_PLACES = r"(?:markets?|countries|country|jurisdictions?|territories|territory)"
_LISTED = r"(?:(?:listed|named|set out|shown|mentioned|covered|included|specified)(?: as (?:permitted|allowed|eligible|approved))?)"
# What a sentence points at: a numbered paragraph ("2.1", "para 2.1", "section 4"), a named
# list of the document ("Annex A, Part 2"), a clause id ("GAM-3"), or a list of the clause
# itself ("the table", "the list above", "above").
_REF_ITEM = (
    r"(?:(?:(?:para(?:graph)?s?|sections?|clauses?|rules?)\.?\s+)?\d{1,2}(?:\.\d{1,2}){0,3}(?![\d.]\d)"
    r"|(?:Annex|Schedule|Appendix|Table)\s+[A-Z0-9]{1,3}\b(?:\s*,?\s*Part\s+[A-Z0-9]{1,3}\b)?"
    r"|[A-Z][A-Z0-9]{1,9}-\d+\b"
    r"|(?:the|this) (?:table|list|schedule|annex)(?: (?:above|below))?"
    r"|above|below)"
)
# One list or several ("not named in 3.1 or 3.2"): the markets of each.
_REF = rf"(?P<ref>{_REF_ITEM}(?:(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+){_REF_ITEM})*)"
_ONE_REF = re.compile(_REF_ITEM, re.IGNORECASE)


_NOT_LISTED = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"\b{_PLACES} (?:that (?:are|is) )?not (?:{_LISTED} )?(?:in|by|under|on) {_REF}",
        rf"\b{_PLACES} (?:that (?:are|is) )?not {_LISTED} (?P<ref>above|below)",
        rf"\b{_PLACES} other than (?:those|the ones|the {_PLACES}) (?:{_LISTED} )?(?:in|by|under|on) {_REF}",
        rf"\b{_PLACES} other than (?:those|the ones|the {_PLACES}) {_LISTED} (?P<ref>above|below)",
        rf"\boutside (?:of )?(?:those|the) {_PLACES} (?:{_LISTED} )?(?:(?:in|by|under|on) )?{_REF}",
    )
)


def _not_listed(text: str) -> re.Match[str] | None:
    flat = " ".join(text.split())
    return next((m for p in _NOT_LISTED if (m := p.search(flat))), None)


_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2}){0,3}")
_HERE = ("above", "below", "table", "list", "schedule", "annex")


def complement_reference(quote: str) -> list[str]:
    """The keys of the lists `quote` says its rule is for markets outside of ("¶3.1", "ANNEX A
    PART 2", "GAM-3", or "here" for a list of the clause itself), or none when it says no such
    thing."""
    m = _not_listed(quote)
    if m is None:
        return []
    return list(dict.fromkeys(_key(r.group(0)) for r in _ONE_REF.finditer(m.group("ref"))))


def _key(ref: str) -> str:
    low = ref.lower()
    if any(low == w or low.startswith(("the ", "this ")) and w in low for w in _HERE):
        return "here"
    if (number := _NUMBER.fullmatch(low.split()[-1])) and not re.match(r"(?:annex|schedule|appendix|table)\b", low):
        return f"¶{number.group(0)}"
    return " ".join(re.sub(r"[,]", " ", ref).upper().split())


def mentions_complement(text: str) -> bool:
    return _not_listed(text) is not None


# A numbered paragraph opening a line ("3.1  Guided fishing trip ads may run only …"): what it says runs
# to the next one.
_PARAGRAPH = re.compile(r"^[ \t]*(\d{1,2}(?:\.\d{1,2}){1,3})\.?[ \t]+(?=\S)", re.MULTILINE)
# A market code as a list's row label: at a line's start, or before the gap of two or more
# spaces (or a tab, or a colon) that sets a label off from its row's text ("NZ  licensed by
# …", "NO: licensed under …").
_ROW_CODE = re.compile(r"(?:^|(?<=\s))([A-Z]{2})(?=[ ]{2,}|\t|\s*:\s)", re.MULTILINE)


def _named_markets(text: str) -> list[str]:
    codes = [c for m in find_mentions(text) for c in m.codes]
    codes += [m.group(1) for m in _ROW_CODE.finditer(text) if m.group(1) in ISO_CODES and m.group(1) not in WORDLIKE_CODES]
    return unique(codes)


def paragraph_markets(chunks: list[Chunk]) -> dict[str, list[str]]:
    """"¶<number>" -> the markets a document's numbered paragraph names, for each paragraph
    that names any; a section numbered so in its heading ("2. Who may …") names those of its
    whole text."""
    out: dict[str, list[str]] = {}
    for ch in chunks:
        starts = list(_PARAGRAPH.finditer(ch.text))
        for k, m in enumerate(starts):
            end = starts[k + 1].start() if k + 1 < len(starts) else len(ch.text)
            if found := _named_markets(ch.text[m.end():end]):
                have = out.setdefault(f"¶{m.group(1)}", [])
                have.extend(c for c in found if c not in have)
        heading = re.match(r"\s*(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s", (ch.section or "").split(" > ")[-1])
        if heading and (found := _named_markets(ch.text)):
            have = out.setdefault(f"¶{heading.group(1)}", [])
            have.extend(c for c in found if c not in have)
    return out


def complement_markets(quote: str, references: dict[str, list[str]] | None, here: list[str]) -> list[str]:
    """The markets a rule whose sentence is `quote` is not for: those of the list it points at
    (`references`: paragraph, named list and clause markets of its document; `here`: the
    markets the clause named before it), or none when it points at none or the list names none."""
    out: list[str] = []
    for key in complement_reference(quote):
        out += here if key == "here" else (references or {}).get(key, [])
    return unique(out)


__all__ = ["complement_markets", "complement_reference", "mentions_complement", "paragraph_markets"]
