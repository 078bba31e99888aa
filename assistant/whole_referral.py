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
from policydesk.core.terms import GENERIC, stem, terms

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



# ---------------------------------------------------------------- a subject qualified by what its things do
# "Ads for hybrid devices that combine a tanning device with red-light, infrared or "collagen"
# lamps in one unit are decided case by case by the Health Specialist team", "Ads for products
# that combine sports nutrition with nootropic ingredients, or that are marketed for esports or
# gaming performance, are decided case by case": the subject's relative clauses say which things
# are sent to people. A "combine A with B" clause needs BOTH parts named by the case (a tanning
# bed alone is no hybrid); a "marketed / sold / aimed for X or Y" clause needs one of its
# alternatives. Clauses joined by "or" are alternatives. Each part is a list of alternatives
# ("red-light, infrared or collagen lamps"); one is named when the case names its modifiers (the
# head noun, "lamps", may be said in the case's own words, "panels"), or its only word.
_REL_VERB = re.compile(r"\b(?:that|which|who)\s+$", re.I)
_RELATIVE = re.compile(r",?\s*\b(?:or|and)?\s*\b(?:that|which|who)\b\s*", re.I)
_COMBINE = re.compile(r"^(?:combines?|combining|mixe?s?|pairs?)\s+(?P<a>.+?)\s+(?:with|and|plus)\s+(?P<b>.+)$", re.I)
_QUALIFY = re.compile(r"^(?:are|is)?\s*(?:marketed|sold|promoted|advertised|aimed|targeted|intended|designed|presented|positioned)\s+(?:at|to|for|as|towards?)\s+(?P<a>.+)$", re.I)
_TAIL = re.compile(r"\s+\b(?:in|on|within|inside|into|under|by|from)\b\s+.*$", re.I)
_LIST = re.compile(r"\s*,\s*(?:or\s+|and\s+)?|\s+\b(?:or|and|and/or)\b\s+", re.I)


def _subject_text(quote: str) -> str:
    """The referral's subject: the sentence up to its main verb, a verb inside a relative
    clause ("that are marketed for …") not counted."""
    flat = _LEAD.sub("", " ".join(quote.split()), count=1)
    for verb in _MAIN_VERB.finditer(flat):
        if not _REL_VERB.search(flat[: verb.start()]):
            return flat[: verb.start()].rstrip(" ,")
    return ""


def _alternatives(part: str) -> list[set[str]]:
    """Each alternative of a list as the stems that must be named: its modifiers when it has
    more than one content word, else its only word."""
    part = _TAIL.sub("", _EXAMPLES.sub("", part))
    out: list[set[str]] = []
    for alt in _LIST.split(part):
        words = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z0-9'-]*", alt)]
        words = [w for w in words if w not in STOPWORDS and w not in AD_NOUNS and stem(w) not in GENERIC]
        if not words:
            continue
        need = words[:-1] if len(words) > 1 else words
        # a hyphened word is its parts ("air-fryer" is said "air fryer" as often)
        out.append({t for w in need for part in w.split("-") if part for t in terms(part)} - GENERIC)
    return [a for a in out if a]


def _part_named(part: str, question_terms: set[str]) -> bool:
    return any(alt <= question_terms for alt in _alternatives(part))


def names_qualified_subject(quote: str, question_terms: set[str]) -> bool:
    """Does the case name what one of the referral's relative clauses says its things do or are
    for ("combine A with B": both; "marketed for X or Y": one), its other subject words (bar
    generic heads and the word the combination defines, "hybrid") named too? False when the
    subject has no such clause."""
    subject = _subject_text(quote)
    pieces = _RELATIVE.split(subject)
    if len(pieces) < 2:
        return False
    head, clauses = pieces[0], [c.strip(" ,") for c in pieces[1:] if c.strip(" ,")]
    head = re.sub(r"^\s*(?:ads?|advertisements?|adverts?|promotions?)\s+(?:for|of|about)\s+", "", head, flags=re.I)
    for clause in clauses:
        combine = _COMBINE.match(clause)
        if combine is not None:
            # The combination says what the thing is: its head words ("hybrid devices") are
            # the name of what the clause defines, and are not asked of the case.
            if _part_named(combine.group("a"), question_terms) and _part_named(combine.group("b"), question_terms):
                return True
            continue
        qualify = _QUALIFY.match(clause)
        if qualify is not None:
            head_words = {t for w in re.findall(r"[A-Za-z][A-Za-z0-9'-]*", _EXAMPLES.sub("", head)) if w.lower() not in STOPWORDS and w.lower() not in AD_NOUNS for t in terms(w)} - GENERIC
            if head_words <= question_terms and _part_named(qualify.group("a"), question_terms):
                return True
    return False


__all__ = ["names_qualified_subject", "names_whole_subject", "subject_words"]
