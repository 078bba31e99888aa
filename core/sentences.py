"""Sentence spans inside a text, with character offsets, so quotes stay verbatim: the one
sentence splitter of ingest, the assistant, rules and evals.

A citation's `quote` must be a substring of its chunk text; we therefore never rebuild
sentences from tokens, we only cut the original text at offsets. Two cuts of the same
machinery, for two readers:

- `split_sentences` — what the assistant quotes and encodes: bullet lines count as sentences
  of their own (policies put one rule per bullet) and keep their marker; wrapped prose lines
  are joined;
- `split_units` — what rules are read from (rules/annotate.py, rules/lint.py): list items
  without their marker, sentences, and a lead-in that ends in a colon ("subject to the
  following conditions:") as a unit of its own. Abbreviations such as "U.S." and "e.g." do
  not end a sentence in either.

The two differ on purpose (a unit is a rule, a sentence is a quote); both return `Span`s
with `text[s.start:s.end] == s.text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_ABBREV = {
    "e.g", "i.e", "etc", "vs", "no", "nos", "mr", "mrs", "ms", "dr", "st", "inc", "ltd", "co", "corp",
    "art", "sec", "para", "u.s", "u.k", "approx", "fig", "cf", "jr", "sr", "p", "pp",
}
# "No." as a whole sentence is the answer "No" (a help centre's "No. We don't allow …"), not
# the abbreviation of "number", which always has something after it ("No. 5", "Licence No. GB-1").
_ANSWER_WORD = re.compile(r"(?i)no\.")
_BULLET_RE = re.compile(r"^\s*(?:[-*•·▪‣–]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s+")
# A sentence ends at . ! ? (optionally followed by a closing quote/bracket) and whitespace.
_END_RE = re.compile(r"[.!?][\"'”’)\]]*(?=\s+)")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
    bullet: bool = False
    # In a table row ("| Tattoo services | Yes | Audience 18+. |"): the column the sentence
    # sits in (0 is the row's label), else -1. A cell is a sentence boundary, as a line is.
    cell: int = -1


# A line that opens a numbered paragraph ("3.2  In markets not listed in 3.1, …"): a paragraph
# of its own, as a bullet is, even when the line before ends without a full stop (a list of
# rows run together, a lead ending in a colon). A number a wrapped sentence carries over
# ("… set out in paragraph\n2.2 of this policy") follows a word that asks for it, and is
# not followed by a capitalised word.
_PARAGRAPH_NUMBER = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2}){1,3}\.?\s+(?=[A-Z(\"'\u201c])")
_ASKS_FOR_NUMBER = re.compile(r"(?:\b(?:paras?|paragraphs?|sections?|clauses?|rules?|parts?|articles?|and|or|to|in|of|see|under|per|with)|[,&-])\s*$", re.I)


def _numbered_paragraph(line: str, before: str) -> bool:
    return bool(_PARAGRAPH_NUMBER.match(line)) and not _ASKS_FOR_NUMBER.search(before)


def _lines(text: str) -> list[tuple[int, int]]:
    """Logical lines: blank lines and bullet starts break; wrapped prose lines are joined."""
    blocks: list[tuple[int, int]] = []
    pos = 0
    cur_start: int | None = None
    cur_end = 0
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        start, end = pos, pos + len(line)
        pos += len(raw)
        if not line.strip():
            if cur_start is not None:
                blocks.append((cur_start, cur_end))
                cur_start = None
            continue
        if _TABLE_ROW.match(line):
            # A table row is a block of its own: rows are records, not wrapped prose lines.
            if cur_start is not None:
                blocks.append((cur_start, cur_end))
                cur_start = None
            blocks.append((start, end))
            continue
        if cur_start is not None and (_BULLET_RE.match(line) or line.lstrip().startswith("#") or _numbered_paragraph(line, text[cur_start:cur_end])):
            blocks.append((cur_start, cur_end))
            cur_start = None
        if cur_start is None:
            cur_start = start
        cur_end = end
    if cur_start is not None:
        blocks.append((cur_start, cur_end))
    return blocks


def split_sentences(text: str) -> list[Span]:
    """Sentences of `text` as spans; `text[s.start:s.end] == s.text` always holds.

    A fresh list of a split cached per text: ingest splits each chunk three times (its
    clause logic, its definitions, the corpus facts) and an answer splits the same retrieved
    chunks again; spans are frozen, so sharing them is safe."""
    return list(_split_sentences(text))


@lru_cache(maxsize=8192)
def _split_sentences(text: str) -> tuple[Span, ...]:
    spans: list[Span] = []
    for b_start, b_end in _lines(text):
        if _TABLE_ROW.match(text, b_start):
            _table_row(spans, text, b_start, b_end)
            continue
        _sentences(spans, text, b_start, b_end, bool(_BULLET_RE.match(text[b_start:b_end])))
    return tuple(spans)


def _sentences(spans: list[Span], text: str, b_start: int, b_end: int, bullet: bool, cell: int = -1) -> None:
    """The sentences of `text[b_start:b_end]`, one block (a logical line or a table cell)."""
    block = text[b_start:b_end]
    last = 0
    for m in _END_RE.finditer(block):
        cut = m.end()
        if m.group(0).startswith(".") and _word_before(block, last, m.start()).lower().rstrip(".") in _ABBREV \
                and not (_ANSWER_WORD.fullmatch(block[last:cut].strip()) and not block[cut:].lstrip()[:1].isdigit()):
            continue
        nxt = block[cut:].lstrip()
        if nxt and nxt[0].islower():
            continue
        _add(spans, text, b_start + last, b_start + cut, bullet, cell=cell)
        last = cut
    _add(spans, text, b_start + last, b_end, bullet, cell=cell)


# A Markdown (or pipe-text) table row: "| cell | cell |". The row under the header
# ("|---|:---:|") holds no text and yields no sentence.
_TABLE_ROW = re.compile(r"[ \t]*\|")
_TABLE_RULE = re.compile(r"\s*:?-{2,}:?\s*")


def _table_row(spans: list[Span], text: str, b_start: int, b_end: int) -> None:
    """Each cell of a table row as its own sentences, numbered by column (`Span.cell`)."""
    bars = [i for i in range(b_start, b_end) if text[i] == "|" and (i == b_start or text[i - 1] != "\\")]
    if text[b_end - 1] != "|" or bars[-1] != b_end - 1:
        bars.append(b_end)  # a row written without its closing bar
    first = text.index("|", b_start)
    bars = [b for b in bars if b >= first]
    for col, (a, b) in enumerate(zip(bars, bars[1:])):
        if _TABLE_RULE.fullmatch(text, a + 1, b):
            return  # the header's underline
        _sentences(spans, text, a + 1, b, False, cell=col)


_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")


def _word_before(block: str, start: int, end: int) -> str:
    """The run of letters and dots that ends at `end` (not before `start`): the word a full
    stop at `end` follows ("e.g", "U.S"), or "" (what `[A-Za-z.]+[.!?]$` finds, read back
    from the stop instead of scanning the sentence from its start for every stop)."""
    i = end
    while i > start and block[i - 1] in _WORD_CHARS:
        i -= 1
    return block[i:end]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """`start:end` without the whitespace at either end (`str.isspace` characters, as
    `str.strip` removes them)."""
    inner = text[start:end].lstrip()
    start = end - len(inner)
    return start, start + len(inner.rstrip())


def _add(spans: list[Span], text: str, start: int, end: int, bullet: bool, min_len: int = 2, cell: int = -1) -> None:
    start, end = _trim(text, start, end)
    if end - start >= min_len or (cell >= 0 and end > start):
        spans.append(Span(start, end, text[start:end], bullet, cell))


# ---------------------------------------------------------------- rule units
_UNIT_BULLET = re.compile(r"^\s*(?:[-*+\u2022\u25aa\u25cf\uf0b7]|\d{1,2}[.)]|\(?[a-z][.)])\s+")
_UNIT_ABBREV = re.compile(
    r"(?:\b(?:e\.g|i\.e|etc|vs|no|nos|art|sec|para|approx|incl|dr|mr|mrs|ms|st|inc|ltd|co|corp)\.|\b(?:[A-Z]\.){2,})$",
    re.IGNORECASE,
)
# A unit ends at . ! ? (optionally followed by a closing quote/bracket) before whitespace and
# a capital, digit, opening quote or bracket; or at a colon followed by a capitalised clause.
_UNIT_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]?\s+(?=[A-Z0-9\"'\u201c(])|(?<=:)\s+(?=(?:In|For|Where|If|When|Each|Every|All|No|Ads|The)\b)")


def _unit_sentences(text: str, b_start: int, b_end: int, list_item: bool, units: list[Span]) -> None:
    block = text[b_start:b_end]
    last = 0
    for m in _UNIT_END.finditer(block):
        head = block[last : m.start()].rstrip()
        if _UNIT_ABBREV.search(head) and not head.endswith(":") and not (_ANSWER_WORD.fullmatch(head.strip()) and not block[m.end():][:1].isdigit()):
            continue
        _add(units, text, b_start + last, b_start + m.start(), list_item, min_len=1)
        last = m.end()
    _add(units, text, b_start + last, b_end, list_item, min_len=1)


def split_units(text: str) -> list[Span]:
    """Paragraphs -> list items and sentences, each with its offsets in `text` (`bullet`: a list item)."""
    units: list[Span] = []
    # Blocks: a list item (one line starting with a bullet, plus its indented continuation)
    # or a paragraph (lines up to a blank line or the next bullet).
    pos = 0
    lines = text.split("\n")
    offsets = []
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        bullet = _UNIT_BULLET.match(line)
        j = i + 1
        while j < len(lines) and lines[j].strip() and not _UNIT_BULLET.match(lines[j]):
            if bullet and not lines[j].startswith((" ", "\t")) and lines[i].rstrip().endswith((".", ":")):
                break
            j += 1
        block_start = offsets[i] + (bullet.end() if bullet else 0)
        block_end = offsets[j - 1] + len(lines[j - 1])
        _unit_sentences(text, block_start, block_end, bool(bullet), units)
        i = j
    return units
