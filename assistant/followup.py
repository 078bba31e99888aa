"""Turn a follow-up ("and in Germany?", "what about for dating apps") into a standalone query.

Deterministic on purpose: a moderator must be able to predict what was searched, and the
answer reports the rewritten query. Only short questions that lean on the previous one are
rewritten; anything that reads as a full question is left alone.
"""

from __future__ import annotations

import re

from policydesk.core.markets import QUESTION_DEMONYMS, QUESTION_NAMES, markets_in
from policydesk.core import keyword
from policydesk.core.casefacts import AGE_PATTERNS, read_ages

_LEADS = re.compile(
    r"^\s*(?:and|but|also|so|ok(?:ay)?|then)?\s*,?\s*"
    r"(?:what|how)\s+about\s+(?:for\s+|in\s+|with\s+)?|^\s*(?:and|but|also)\s+(?:for|in|with|if)?\s*"
    r"|^\s*(?:same|and the same)\s+(?:for|in)\s+|^\s*what\s+if\s+",
    re.I,
)
_PRONOUN = re.compile(r"\b(?:it|that|this|they|them|those|these|same)\b", re.I)
_MAX_FOLLOWUP_WORDS = 8


def is_followup(question: str) -> bool:
    words = question.split()
    if not words or len(words) > _MAX_FOLLOWUP_WORDS:
        return False
    return bool(_LEADS.search(question)) or bool(_PRONOUN.search(question)) and len(words) <= 5


def _strip_lead(question: str) -> str:
    return _LEADS.sub("", question, count=1).strip().rstrip("?.! ").strip()


def _market_names_pattern() -> re.Pattern:
    names = sorted({n for ns in QUESTION_NAMES.values() for n in ns} | {n for ns in QUESTION_DEMONYMS.values() for n in ns}, key=len, reverse=True)
    codes = "|".join(sorted(QUESTION_NAMES))
    alts = "|".join(re.escape(n) for n in names)
    return re.compile(rf"\b(?:in|for|to|targeting)?\s*(?:the\s+)?(?:(?i:{alts})|{codes})\b(?:\s+(?:users|audiences?))?")


def rewrite(question: str, history: list[tuple[str, str]] | None) -> str:
    """A standalone query for `question` given earlier (question, answer) turns."""
    if not history or not is_followup(question):
        return question
    previous = history[-1][0]
    core = _strip_lead(question)
    new_markets = markets_in(core)
    rest = _market_names_pattern().sub(" ", core) if new_markets else core
    rest_words = [t for t in keyword.tokenize(rest) if t not in {"ad", "ads", "there", "same"}]
    if new_markets and not rest_words:
        # Only the market changes: "and in Germany?" -> previous question, new market.
        base = _market_names_pattern().sub(" ", previous).strip() if markets_in(previous) else previous
        base = re.sub(r"\s+", " ", base).rstrip("?.! ").strip()
        names = " and ".join(QUESTION_NAMES[m][0].title() if m in QUESTION_NAMES else m for m in new_markets)
        return f"{base} in {names}?"
    if read_ages(core) is not None and not new_markets:
        # Only the audience changes: "what about 17 year olds?" -> the previous question with
        # its ages replaced, so the earlier ages do not widen the new audience.
        base = _strip_ages(previous).rstrip("?.! ").strip()
        return f"{base} targeting {core}?"
    # A new subject or aspect: keep the earlier question as context after it.
    return f"{core} ({previous.rstrip('?.! ')})"


def _strip_ages(question: str) -> str:
    out = question
    for pat, _ in AGE_PATTERNS:
        out = pat.sub(" ", out)
    out = re.sub(r"\b(?:target(?:ing)?|reach(?:ing)?|to)\s+(?=[?.!,]|$)", " ", out)
    return re.sub(r"\s+", " ", out).strip()
