"""Sentence spans inside a chunk, with character offsets, so quotes stay verbatim.

A citation's `quote` must be a substring of its chunk text; we therefore never rebuild
sentences from tokens, we only cut the original text at offsets. Bullet lines count as
sentences of their own, because policies put one rule per bullet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREV = {
    "e.g", "i.e", "etc", "vs", "no", "nos", "mr", "mrs", "ms", "dr", "st", "inc", "ltd", "co", "corp",
    "art", "sec", "para", "u.s", "u.k", "approx", "fig", "cf", "jr", "sr", "p", "pp",
}
_BULLET_RE = re.compile(r"^\s*(?:[-*•·▪‣–]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s+")
# A sentence ends at . ! ? (optionally followed by a closing quote/bracket) and whitespace.
_END_RE = re.compile(r"[.!?][\"'”’)\]]*(?=\s+)")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
    bullet: bool = False


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
        if cur_start is not None and (_BULLET_RE.match(line) or line.lstrip().startswith("#")):
            blocks.append((cur_start, cur_end))
            cur_start = None
        if cur_start is None:
            cur_start = start
        cur_end = end
    if cur_start is not None:
        blocks.append((cur_start, cur_end))
    return blocks


def split_sentences(text: str) -> list[Span]:
    """Sentences of `text` as spans; `text[s.start:s.end] == s.text` always holds."""
    spans: list[Span] = []
    for b_start, b_end in _lines(text):
        block = text[b_start:b_end]
        bullet = bool(_BULLET_RE.match(block))
        last = 0
        for m in _END_RE.finditer(block):
            cut = m.end()
            word = re.search(r"([A-Za-z.]+)[.!?]$", block[last : m.start() + 1])
            if word and m.group(0).startswith(".") and word.group(1).lower().rstrip(".") in _ABBREV:
                continue
            nxt = block[cut:].lstrip()
            if nxt and nxt[0].islower():
                continue
            _add(spans, text, b_start + last, b_start + cut, bullet)
            last = cut
        _add(spans, text, b_start + last, b_end, bullet)
    return spans


def _add(spans: list[Span], text: str, start: int, end: int, bullet: bool) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start >= 2:
        spans.append(Span(start, end, text[start:end], bullet))
