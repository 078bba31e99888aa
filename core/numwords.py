"""Numbers written as words, as digits, where they measure something.

Why: policy prose and moderators both write small numbers in words ("at least seven days",
"deposits may not exceed two months' rent", "a three-day free trial", "fifteen percent").
The condition reader (core/condition_reading.py) and the case-fact reader (core/casefacts.py)
match numbers as digits, so a limit or a fact written in words was never read: the clause
stayed `restrict` whatever the case said. Both readers pass their text through
`number_words_as_digits` first, so one spelling rule serves both sides.

Only a number word directly followed by what it measures is rewritten ("seven days", "two
months'", "eighteen or older", "twenty-one years"): "one of the following" or "no one" stay
words. "a"/"an" are never read as one.
"""

from __future__ import annotations

import re

from policydesk.core.literal_guard import guarded

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}

_UNIT_WORDS = "|".join(sorted(_UNITS, key=len, reverse=True))
_TENS_WORDS = "|".join(_TENS)
_NUMBER = rf"(?:(?:{_TENS_WORDS})(?:[- ](?:{_UNIT_WORDS}))?|{_UNIT_WORDS})"
# What the number measures: a unit of time, a percentage, a multiple, or an age phrase.
_MEASURE = (
    r"(?=[- ](?:(?:calendar|business|working|full|consecutive|clear)[- ])?"
    r"(?:days?|weeks?|months?|years?|hours?|minutes?|seconds?|nights?|percent|per ?cent|times)\b"
    r"|%|[- ](?:or|and) (?:older|over|above|up)\b|\+)"
)
_WORD_NUMBER = guarded(rf"(?<![\w-])({_NUMBER})\b{_MEASURE}", re.IGNORECASE)
# ... or an age after the words that introduce one ("under eighteen", "aged twenty-one").
_AGE_NUMBER = guarded(
    rf"\b(?:aged?|under|over|older than|younger than|age of)\s+({_NUMBER})\b(?![- ](?:of|in)\b)", re.IGNORECASE
)

# Any number word at all: most sentences have none, and are returned as they are.
_ANY_NUMBER = guarded(_NUMBER, re.IGNORECASE)


def _value(words: str) -> int:
    w = words.lower().replace("-", " ").split()
    if w[0] in _TENS:
        return _TENS[w[0]] + (_UNITS[w[1]] if len(w) > 1 else 0)
    return _UNITS[w[0]]


def number_words_as_digits(text: str) -> str:
    """`text` with each measuring number word as digits ("seven days" -> "7 days")."""
    if not _ANY_NUMBER.search(text):
        return text
    text = _WORD_NUMBER.sub(lambda m: str(_value(m.group(1))), text)
    return _AGE_NUMBER.sub(lambda m: m.group(0)[: m.start(1) - m.start(0)] + str(_value(m.group(1))), text)


__all__ = ["number_words_as_digits"]
