"""The one text fold for comparing quotes with text: Unicode compatibility forms (NFKC),
typographic quotes and dashes as ASCII, whitespace runs as one space, ends trimmed, and
case per use. Rules (sidecar quotes found in a document, annotate, lint) fold case with
`casefold`; evals match expected evidence in lower case with Markdown emphasis and code
marks (`*`, backticks) dropped, and check quote fidelity with case kept.

Not folds in this sense, and so not here: `core.keyword.fold_accents` (accents off, for the
keyword index's ASCII tokens) and the PolicyQA benchmark's own answer normalisation
(`evals/policyqa.py`: lower case and whitespace only, as the benchmark defines a match).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

_TYPOGRAPHY = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u00a0": " "}
_PLAIN = str.maketrans(_TYPOGRAPHY)
_NO_MARKUP = str.maketrans({**_TYPOGRAPHY, "*": None, "`": None})
_WS = re.compile(r"\s+")

Case = Literal["casefold", "lower", "keep"]


def fold(text: str, case: Case = "casefold", markup: bool = True) -> str:
    """`text` folded for comparison; `markup=False` also drops `*` and backticks."""
    text = unicodedata.normalize("NFKC", text).translate(_PLAIN if markup else _NO_MARKUP)
    if case == "casefold":
        text = text.casefold()
    elif case == "lower":
        text = text.lower()
    return _WS.sub(" ", text).strip()


def quote_occurs(quote: str, text: str) -> bool:
    """Does `quote` occur in `text`, the way a reader would compare them (case, whitespace and
    typographic quotes ignored)?"""
    q = fold(quote)
    return bool(q) and q in fold(text)
