"""A measure in a rule's subject: which things the rule governs, read from its sentence.

Why: a policy often says which things a rule is for by a measure of them ("OK: non-locking
folding knives with a blade of 7.62 cm (3 inches) or less", "Any blade longer than 30 cm: 18+
targeting", "GB: curved swords with a blade of 50 cm or more are prohibited", "ex-demonstrators
with fewer than 1,000 miles on the odometer may be described as "nearly new""). The measure is
no requirement the ad must meet (a 9 cm paring knife does not break "Any blade longer than 30
cm: 18+ targeting"): it is a condition of the rule's scope. A case stating a number outside it
is not one the rule governs; a case inside it is; a case stating no such number leaves the
scope unknown. The executor is assistant/subject_measure.py.

What is read: the sentence's subject, a noun phrase (a label before a colon that carries the
measure, else the words after any short lead such as "GB:" or "OK:" up to the main verb), and
in it every comparison of a number with a unit (`condition_reading`'s comparison patterns; a
bare number is a count, an age or a section and is not read). A parenthesised restatement in
another unit ("7.62 cm (3 inches)") is the same measure and is dropped. A sentence opening with
a conditional clause ("if the total prize value is more than …") is `trigger_limits`'s. When the
subject joins alternatives by "or" and the measure qualifies only some of them ("Locking
blades, or any folding blade longer than 7.62 cm"), the others are kept (`others`): a case
outside the measure may still be one of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from policydesk.core.condition_reading import TriggerLimit, unit_comparisons
from policydesk.core.conditions import UNIT_WORDS
from policydesk.core.numwords import number_words_as_digits

# A checklist box, a bullet or a number opening the sentence, in either order ("- [ ] …").
_OPENING = re.compile(r"^\W*?(?:\[\s*[xX]?\s*\]\s*)?(?:[-*\u2022]\s*)?(?:\[\s*[xX]?\s*\]\s*)?(?:\(?\d+(?:\.\d+)*[.)]\s+)?")
# "7.62 cm (3 inches)": the same measure restated in another unit.
_RESTATED = re.compile(rf"\s*\(\s*(?:about\s+|approx\.?\s+|approximately\s+|c\.\s*)?[\d.,]+\s*(?:{UNIT_WORDS})\.?\s*\)", re.I)
# A short lead before a colon that is no subject: a market, a verdict word, "Exception".
_LEAD_WORDS = 4
# The subject's main verb: a modal or a finite "be"/"have" not opening a relative clause
# ("knives that are longer than 30 cm must …" keeps "that are longer than 30 cm").
_MAIN_VERB = re.compile(
    r"(?<!\bthat )(?<!\bwhich )(?<!\bwho )\b(?:is|are|was|were|may|must|can|cannot|can't|shall|should|will|won't|need|needs|"
    r"requires?|do|does|don't|doesn't|has|have)\b",
    re.I,
)
_CONDITIONAL = re.compile(r"^\W*(?:if|where|when|whenever|unless|once|in cases where)\b", re.I)
# " or " joining alternatives of the subject, not "3 inches or less", "with or without".
_ALTERNATIVE_OR = re.compile(r"\s*,?\s+or\s+(?!less\b|more\b|fewer\b|longer\b|shorter\b|higher\b|lower\b|greater\b|over\b|under\b|above\b|below\b|without\b)", re.I)
_AGE_WORDS = re.compile(r"\b(?:aged?|old|older|younger|children|kids|minors?|users|people|persons?|audiences?)\b", re.I)


@dataclass(frozen=True)
class SubjectMeasure:
    """The comparisons a rule's subject carries (each must hold for a thing to be one it
    governs), the subject's words that state them (`text`, for the trace), and the
    alternatives of the subject the measure does not qualify (`others`)."""

    limits: tuple[TriggerLimit, ...]
    text: str
    others: tuple[str, ...] = ()


def _subject(flat: str) -> tuple[str, bool] | None:
    """The sentence's subject noun phrase, and whether it is a label (before a colon)."""
    s = _OPENING.sub("", flat, count=1)
    led = False
    for _ in range(2):
        m = re.match(r"^([^:]{1,120}):\s*(.*)$", s)
        if m is None:
            break
        label, rest = m.group(1), m.group(2)
        if _comparisons(label):
            return label, True
        if len(label.split()) > _LEAD_WORDS:
            return None  # a sentence of its own before the colon: no subject of this one
        s, led = rest, True
    if _CONDITIONAL.match(s):
        return None
    verb = _MAIN_VERB.search(s)
    if verb is None and not led:
        # A list item with no verb we know ("The company holds insurance of at least USD
        # 1,000,000" under "Sellers must meet:") may be a requirement whose verb is another;
        # only one after a lead ("OK: knives with a blade of 7.62 cm or less") is all subject.
        return None
    subject = s[: verb.start()] if verb else s
    return subject.strip(" .;"), False


def _comparisons(text: str) -> list[TriggerLimit]:
    """Each number compared with a unit in `text`, strict comparisons first (as `trigger_limits`)."""
    return [TriggerLimit(c.kind, c.value, c.unit, c.holds, text[c.start : c.end].strip()) for c in unit_comparisons(text, rates=True)]


@lru_cache(maxsize=8192)
def subject_measure(quote: str) -> SubjectMeasure | None:
    """The measure in the subject of the sentence `quote`, or None when its subject carries none."""
    flat = number_words_as_digits(" ".join(quote.split()))
    flat = _RESTATED.sub("", flat)
    found = _subject(flat)
    if found is None:
        return None
    subject, _ = found
    limits = _comparisons(subject)
    if not limits:
        return None
    if any(lim.unit == "years" for lim in limits) and _AGE_WORDS.search(subject):
        return None  # an age: who the ad is for, the audience rules' (core/conditions.py)
    parts = [p.strip(" ,") for p in _ALTERNATIVE_OR.split(subject) if p.strip(" ,")]
    others = tuple(p for p in parts if not _comparisons(p)) if len(parts) > 1 else ()
    return SubjectMeasure(tuple(limits), subject, others)


__all__ = ["SubjectMeasure", "subject_measure"]
