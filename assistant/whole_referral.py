"""A referral whose whole subject the case names sends it to people.

"Ads for CBD products aimed at athletes, including sports recovery and performance products,
are reviewed individually by our policy team" sends to people every CBD product aimed at
athletes. Its subject is a generic head ("products") with a modifier ("CBD") and a qualifier
("aimed at athletes"); `verdict_steps._referral_naming` matches a referral's things head to
head with the advertised thing, so a "CBD recovery balm" targeted at "amateur athletes" (head
"balm") never met it, and a topical-products allowance approved the case.

Read by construction: the referral's subject is the sentence up to its main verb, less the
words about the ad ("Ads for"), less the examples it lists ("including …", "such as …": members,
not narrowing) and less the participle that ties a qualifier to its thing ("aimed", "sold",
"marketed": the case says it in its own words, "target"). What is left must be content words
(generic heads such as "products" and "services" say nothing of kind), at least one of them a
word of the advertised thing itself (the thing is one the subject names), and every one of
them a word the case names (not only to deny: assistant/question.py `named_terms`). Then the
referral is executed on the case (its market and thresholds) as `_referral_naming` does.
A case leaving any word of the subject unnamed ("CBD balm" with no athletes) is not shown to
be one, and stays with the other rules.
Measured (2026-11-30, session 17, fresh stores, with assistant/denied_qualifier.py): dev4 0.639 ->
0.667 (this one: a CBD balm targeted at athletes, approve -> escalate), sample
0.870, dev 0.903, dev2 0.917, dev3 0.847, validation 0.702 unchanged (no per-case change; unsafe
1/95 and esc P/R 0.774/0.800 unchanged).
"""

from __future__ import annotations

import re

from policydesk.core.casefacts import AD_NOUNS, Advertised
from policydesk.core.keyword import STOPWORDS
from policydesk.core.terms import GENERIC, stem

_MAIN_VERB = re.compile(r"\b(?:are|is|will|must|may|can|should|need|needs|were|get|gets|go|goes|fall|falls)\b", re.I)
_EXAMPLES = re.compile(r"[,(]?\s*\b(?:such as|including|e\.g\.|for example|for instance|like)\b.*$", re.I)
_LEAD = re.compile(r"^\s*(?:[-*\u2022]\s*|\[[ xX]?\]\s*)?", re.I)
# A participle tying a qualifier to its thing: a word in -ed (or an irregular participle
# the qualifier reader knows) right before a preposition.
_TIE = re.compile(r"\b([a-z]+ed|sold|made|built|meant|run|held|kept)\s+(?:at|to|as|for|by|with|towards?|through|via|in|on)\b", re.I)


def subject_words(quote: str) -> set[str]:
    """The stems the referral's subject is made of (see module doc); empty when it names
    nothing of kind."""
    flat = _LEAD.sub("", " ".join(quote.split()), count=1)
    verb = _MAIN_VERB.search(flat)
    subject = flat[: verb.start()] if verb else ""
    subject = _EXAMPLES.sub("", subject)
    subject = _TIE.sub(lambda m: m.group(0)[len(m.group(1)):], subject)
    words = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z0-9'-]*", subject)]
    return {stem(w) for w in words if w not in STOPWORDS and w not in AD_NOUNS and stem(w) not in GENERIC}


def names_whole_subject(quote: str, thing: Advertised | None, question_terms: set[str]) -> bool:
    """Does the case name every word of the referral's subject, one of them in its advertised
    thing?"""
    if thing is None:
        return False
    words = subject_words(quote)
    if not words or not words <= question_terms:
        return False
    own = {stem(w.lower()) for w in (thing.head, *thing.dependents)}
    return bool(words & own)


__all__ = ["names_whole_subject", "subject_words"]
