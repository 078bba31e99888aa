"""Wording a question quotes: the ad's own copy or a statement it carries.

One reader for every part that must tell what the ad says from what the moderator says about
the case: the case facts (core/casefacts.py: a quotation is no fact about the case; quoted
claims), the question's own subject (assistant/question.py: the copy is not what the ad is for),
the wording a clause names that the question quotes (assistant/scope_evidence.py)
and the scope check of outright allowances (assistant/scope_reason.py). Until session 15 each had
its own pattern, and the question's paired any two apostrophes ("our kids' dinosaur game ends
with 'Ask mum …'" quoted "dinosaur game ends with").

The boundaries: an opening quote after a non-word character, a closing one before one, so the
apostrophes of "we're", "don't", "Builder's" and "kids'" neither open nor close a quotation,
and one inside a quotation ("'You've won!'", "‘You’ve won!’") does not end it.
"""

from __future__ import annotations

import re

QUOTATION = re.compile(r"(?<!\w)[\"“”‘']((?:[^\"“”‘’]|(?<=\w)’(?=\w)){3,300}?)[\"“”’'](?!\w)")


def quotations(text: str) -> list[re.Match[str]]:
    """Each quotation of `text`, left to right; `group(1)` is the wording inside the marks."""
    return list(QUOTATION.finditer(text))


def quoted(text: str) -> list[str]:
    """The wording of each quotation, without its marks."""
    return [m.group(1) for m in QUOTATION.finditer(text)]


def without_quotations(text: str) -> str:
    """`text` with each quotation (marks included) blanked, offsets kept."""
    return QUOTATION.sub(lambda m: " " * len(m.group(0)), text)


__all__ = ["QUOTATION", "quotations", "quoted", "without_quotations"]
