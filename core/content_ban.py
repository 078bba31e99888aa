"""What a content ban forbids the ad to show or say: the things after its verb of showing or
saying ("These courses must not show income screenshots or claim typical earnings").

Why: a case that is what the ban's subject names (a crypto trading course) and names none of
the things the ban keeps out of its ads is not shown to carry them; the ban is what its ad
must keep to (restrict), not a reason to reject. A case naming one of them, outside a
negation, is what the ban is about and it rejects as before. Executed in
assistant/prohibition_outcome.py beside the other "not shown to do what it bans" readings.
"""

from __future__ import annotations

import re

from policydesk.core.literal_guard import guarded
from policydesk.core.terms import GENERIC, terms

_SHOW_OR_SAY = r"(?:show|display|depict|feature|include|contain|claim|state|say|imply|suggest|promise|mention|use)"
_CONTENT_BAN = guarded(
    rf"\b(?:must not|mustn't|may not|cannot|can't|can not|should not|shouldn't|never)\s+(?:be\s+)?{_SHOW_OR_SAY}(?:\s*(?:,|\bor\b|\band\b)\s*{_SHOW_OR_SAY})*\s+(?P<obj>[^.;:]+)",
    re.I,
)
_VERB = re.compile(rf"\b{_SHOW_OR_SAY}s?\b", re.I)


def banned_content(quote: str) -> str | None:
    """The things a content ban's sentence keeps out of its ads (its verbs' objects), or None
    when the sentence bans no showing or saying."""
    text = " ".join(quote.split())
    if text.endswith(":"):
        return None  # "The ad must not say or imply any of the following:": its items say what
    m = _CONTENT_BAN.search(text)
    return m.group("obj").strip() if m else None


def content_words(content: str) -> set[str]:
    """The content words of what a ban keeps out, without the verbs of showing or saying that
    join its parts ("income screenshots or claim typical earnings")."""
    return {t for t in terms(_VERB.sub(" ", content)) if t not in GENERIC and not t.isdigit()}


__all__ = ["banned_content", "content_words"]
