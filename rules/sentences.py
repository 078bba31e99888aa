"""Split a section's text into rule-sized units: list items and sentences, verbatim.

Each unit is an exact slice of the section text, so its quote can always be found again in
the document (whitespace and case aside). Abbreviations such as "U.S." and "e.g." do not end
a sentence; a lead-in that ends in a colon ("subject to the following conditions:") is a unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BULLET = re.compile(r"^\s*(?:[-*+\u2022\u25aa\u25cf\uf0b7]|\d{1,2}[.)]|\(?[a-z][.)])\s+")
_ABBREV = re.compile(
    r"(?:\b(?:e\.g|i\.e|etc|vs|no|nos|art|sec|para|approx|incl|dr|mr|mrs|ms|st|inc|ltd|co|corp)\.|\b(?:[A-Z]\.){2,})$",
    re.IGNORECASE,
)
# A sentence ends at . ! ? (optionally followed by a closing quote/bracket) before whitespace and
# a capital, digit, opening quote or bracket; or at a colon followed by a capitalised clause.
_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]?\s+(?=[A-Z0-9\"'\u201c(])|(?<=:)\s+(?=(?:In|For|Where|If|When|Each|Every|All|No|Ads|The)\b)")


@dataclass(frozen=True)
class Unit:
    text: str
    start: int  # offset in the section text
    end: int
    list_item: bool = False


def _sentences(text: str, base: int, list_item: bool) -> list[Unit]:
    out: list[Unit] = []
    start = 0
    for m in _END.finditer(text):
        head = text[start : m.start()].rstrip()
        if _ABBREV.search(head) and not head.endswith(":"):
            continue
        piece = text[start : m.start()]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append(Unit(piece.strip(), base + start + lead, base + start + lead + len(piece.strip()), list_item))
        start = m.end()
    piece = text[start:]
    if piece.strip():
        lead = len(piece) - len(piece.lstrip())
        out.append(Unit(piece.strip(), base + start + lead, base + start + lead + len(piece.strip()), list_item))
    return out


def split_units(text: str) -> list[Unit]:
    """Paragraphs -> list items and sentences, each with its offsets in `text`."""
    units: list[Unit] = []
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
        bullet = _BULLET.match(line)
        j = i + 1
        while j < len(lines) and lines[j].strip() and not _BULLET.match(lines[j]):
            if bullet and not lines[j].startswith((" ", "\t")) and lines[i].rstrip().endswith((".", ":")):
                break
            j += 1
        block_start = offsets[i] + (bullet.end() if bullet else 0)
        block_end = offsets[j - 1] + len(lines[j - 1])
        units.extend(_sentences(text[block_start:block_end], block_start, bool(bullet)))
        i = j
    return units


__all__ = ["Unit", "split_units"]
