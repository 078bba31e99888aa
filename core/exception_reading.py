"""Exceptions a permission states to a prohibition written elsewhere in its policy (issue 13).

A policy grants an exception in three grammatical ways besides "…, except …" inside the
prohibition itself (core/reading.py):

- a permission that says it overrides: "X that carry the Y seal may claim Z, even though this
  would otherwise be a prohibited disease claim", "As an exception to the ban on Z, X may …",
  "Notwithstanding the rule on Z, X may …" (`override_clause`);
- a sentence that names the exception and the rule it excepts, followed by the permission:
  "Handheld sparklers are the only exception to the rule on lit fireworks in the hand. An ad
  may show a lit sparkler held by an adult outdoors." (`exception_to`);
- a section headed "Exceptions" (`EXCEPTION_HEADING`; assistant/precedence.py `_stated_as_exception`).

The permission is an exception with its own conditions: the restrictive relative clause of its
subject ("dental chews that carry the VOHC seal") and the participle phrase qualifying its
object ("a lit sparkler held by an adult outdoors") are what a case must meet for the exception
to apply (`exception_conditions`). `link_exceptions` points it at the prohibition it names, by
that prohibition's words in the same document, so the answerer executes it as every exception:
met, the exception decides; unknown, its conditions are listed; unmet, it does not apply and the
prohibition decides (never an approval).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policydesk.core.casefacts import IRREGULAR_PARTICIPLES
from policydesk.core.literal_guard import guarded
from policydesk.core.terms import GENERIC, terms

# What stands for a prohibition in an override clause: "a prohibited disease claim", "the ban on
# Z", "the rule on Z", "the prohibition of Z".
_PROHIBITED = r"(?:prohibited|banned|forbidden|disallowed|not (?:allowed|permitted|accepted))"
_RULE_NOUN = r"(?:rules?|bans?|prohibitions?|restrictions?|limits?|requirements?)"
# "…, even though this would otherwise be a prohibited disease claim", "…, although such claims
# are otherwise banned": a trailing concession that the sentence would otherwise be prohibited.
_TRAILING_CONCESSION = guarded(
    r"(?:[,;]\s*|\s+)(?:even though|although|though|even if|despite the fact that)\s+[^.;:]*?\botherwise\b[^.;:]*?" + _PROHIBITED + r"[^.;:]*",
    re.IGNORECASE,
)
# "As an exception to the ban on Z, …" / "Notwithstanding the rule on Z, …" (leading) and
# "…, as an exception to the ban on Z" (trailing).
_LEADING_OVERRIDE = guarded(r"^\s*(?:as an exception to|notwithstanding|by way of exception to)\s+([^,;:]{3,160}?)\s*,\s*", re.IGNORECASE)
_TRAILING_OVERRIDE = guarded(r"(?:[,;]\s*|\s+)(?:as an exception to|notwithstanding|by way of exception to)\s+([^.;:,]{3,160})", re.IGNORECASE)
# "Handheld sparklers are the only exception to the rule on lit fireworks in the hand."
_EXCEPTION_TO = guarded(
    r"^\s*(.{2,120}?)\s+(?:is|are)\s+(?:the|an?|one|our)\s+(?:only\s+|sole\s+|single\s+)?(?:exceptions?|exemptions?)\s+(?:to|from)\s+([^.;:]{3,160})",
    re.IGNORECASE,
)
_TOPIC_AFTER_RULE = re.compile(r"\b" + _RULE_NOUN + r"\s+(?:on|of|against|about|for|covering|concerning|that (?:bans?|prohibits?))\s+(.+)$", re.IGNORECASE)
_TOPIC_AFTER_PROHIBITED = re.compile(r"\b(?:an?|the)?\s*" + _PROHIBITED + r"\s+(.+)$", re.IGNORECASE)
_TOPIC_SUBJECT = re.compile(r"\b(?:even though|although|though|even if|despite the fact that)\s+(.+?)\s+(?:are|is|would be|were|would)\s+(?:\w+\s+)?otherwise\b", re.IGNORECASE)
_PRONOUN = re.compile(r"^\W*(?:this|that|it|they|these|those|such (?:an? )?\w+)\W*$", re.IGNORECASE)


@dataclass(frozen=True)
class Override:
    """Where a unit says it overrides a prohibition (`start`/`end` of that clause) and the words
    naming the prohibition ("disease claim"); `topic` is empty when it names none ("this would
    otherwise be prohibited")."""

    start: int
    end: int
    topic: str


def _topic(phrase: str) -> str:
    """The words naming a prohibition in an override phrase: "the ban on Z" -> Z, "a prohibited
    Z" -> Z, "Z are otherwise banned" -> Z; a pronoun names none."""
    phrase = " ".join(phrase.split()).strip(" ,;.")
    for pattern in (_TOPIC_AFTER_RULE, _TOPIC_AFTER_PROHIBITED):
        m = pattern.search(phrase)
        if m:
            return m.group(1).strip(" ,;.")
    m = _TOPIC_SUBJECT.search(phrase)
    if m and not _PRONOUN.match(m.group(1)):
        return m.group(1)
    return ""


def override_clause(text: str) -> Override | None:
    """The clause of a unit stating that it overrides a prohibition, or None."""
    lead = _LEADING_OVERRIDE.match(text)
    if lead:
        return Override(lead.start(), lead.end(), _topic("the rule on " + lead.group(1)) if not re.search(_RULE_NOUN, lead.group(1), re.I) else _topic(lead.group(1)))
    for pattern in (_TRAILING_CONCESSION, _TRAILING_OVERRIDE):
        m = pattern.search(text)
        if m:
            phrase = m.group(0)
            if pattern is _TRAILING_OVERRIDE and not re.search(_RULE_NOUN, m.group(1), re.I):
                phrase = "the rule on " + m.group(1)
            return Override(m.start(), m.end(), _topic(phrase))
    return None


def override_topic(concession: str) -> str | None:
    """The prohibition a leading concession names ("Although ads for signal jammers are
    otherwise not permitted, …" -> ads for signal jammers), "" when it names none; None when the
    concession does not say the sentence would otherwise be prohibited."""
    flat = " ".join(concession.split())
    if not re.search(r"\botherwise\b[^,;:]*?" + _PROHIBITED, flat, re.IGNORECASE):
        return None
    return _topic(flat)


# "Exceptions" as a clause heading, "Exception:" opening a sentence: the policy calling a rule an exception.
EXCEPTION_HEADING = re.compile(r"\bexceptions?\b", re.IGNORECASE)
# "Exception:", "Exception to the row above:", "6.2 Exception to 6.1:", "Exception to clause 4.3 -":
# the label may follow the sentence's own number and name the clause it excepts by number.
EXCEPTION_LEAD = re.compile(
    r"^\W*(?:\d+(?:\.\d+)*\.?\s+)?exceptions?(?:\s+to\s+(?:(?:section|clause|rule|paragraph|article|point)\s+)?"
    r"(?:(\d+(?:\.\d+)*[a-z]?)(?=\s*[:\-\u2013\u2014])|[^:.;]{1,40}?))?\s*[:\-\u2013\u2014]",
    re.IGNORECASE,
)


def excepted_number(text: str) -> str | None:
    """The number of the clause a run-in label says the sentence is an exception to ("6.2
    Exception to 6.1: …" -> "6.1"), or None."""
    m = EXCEPTION_LEAD.match(text)
    return m.group(1) if m else None


def states_override(text: str) -> bool:
    """Does the sentence say it overrides a prohibition stated elsewhere?"""
    return override_clause(" ".join(text.split())) is not None


def exception_to(text: str) -> tuple[str, str] | None:
    """(what is excepted, the words naming the rule it is excepted from) of "X are the only
    exception to the rule on Y", or None."""
    m = _EXCEPTION_TO.match(" ".join(text.split()))
    if not m:
        return None
    return m.group(1), _topic(m.group(2)) or m.group(2).strip(" ,;.")


# "This exception doesn't apply to prize draws, sweepstakes or instant-win promotions."
_NOT_COVERED = guarded(
    r"^\W*(?:this|these|that|the|such|both|the above|the following)\s+(?:\w+\s+)?(?:exceptions?|exemptions?)\s+"
    r"(?:does not|doesn't|do not|don't|will not|won't|shall not|cannot|can't|never)\s+(?:also\s+)?(?:apply|applies|extend|extends|cover|covers)\s+(?:to\s+)?(.{3,200}?)\s*[.;]?\s*$",
    re.IGNORECASE,
)


def not_covered(text: str) -> list[str]:
    """The kinds a sentence says the exception before it does not cover, one phrase per item
    ("This exception doesn't apply to prize draws, sweepstakes or instant-win promotions" ->
    prize draws, sweepstakes, instant-win promotions); empty for any other sentence."""
    m = _NOT_COVERED.match(" ".join(text.split()))
    if not m:
        return []
    items = re.split(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|nor|and/or)\s+", m.group(1).strip(" .;"))
    return [i for i in (re.sub(r"^(?:the|any|all|an?)\s+", "", x, flags=re.I) for x in items) if _content(i)]


# "Skill contests are allowed if they meet the other requirements in this policy": a permission
# whose only condition is the rest of the policy.
_DEFERS = guarded(
    r"\b(?:allowed|permitted|accepted|acceptable|welcome|may (?:run|be advertised|advertise))\b[^.;:]{0,40}?"
    r"\b(?:if|provided(?: that)?|as long as|so long as|when)\s+(?:they|it|the \w+|these \w+)\s+(?:also\s+)?"
    r"(?:meets?|compl(?:y|ies) with|satisf(?:y|ies)|follows?|respects?)\s+(?:all\s+|each of\s+)?(?:the\s+)?"
    r"(?:other|remaining|usual|general|applicable)\s+(?:requirements|rules|conditions)"
    r"(?:\s+(?:in|of|set out in|under|elsewhere in)\s+(?:this|the|our)\s+(?:policy|standard|document|page))?\s*[.;]?\s*$",
    re.IGNORECASE,
)


def defers_to_policy(text: str) -> bool:
    """Does a permission make the rest of the policy its only condition? It states no rule of
    its own (the other rules are executed as themselves): read as a conditionless restriction it
    held back every case those rules allow."""
    return _DEFERS.search(" ".join(text.split())) is not None


# "…, subject to the requirements above and to the market exceptions in the table below",
# "…, subject to the rules in section 4", "…, subject to the other requirements of this policy":
# a proviso whose object only points at other rules of the policy. Those rules are executed as
# themselves (each against the case), so the proviso sets no condition of its own; read as one
# it turned a plain permission into a restriction that nothing could meet. A proviso naming its
# own requirement ("subject to age verification", "subject to the following conditions:", whose
# items are this sentence's own) is not one.
_PLACE = (
    r"(?:above|below|elsewhere(?: in (?:this|the|our) (?:policy|standard|document|page))?"
    r"|(?:set out|stated|listed|described|given|shown)\s+(?:above|below)"
    r"|(?:(?:set out|stated|listed|described|given|shown)\s+)?(?:in|under|of)\s+(?:the\s+)?(?:table|section|clause|part|schedule|annex|appendix)\b[^,;.:]{0,30}?"
    r"|(?:(?:set out|stated|listed|described)\s+)?(?:in|of|under)\s+(?:this|the|our)\s+(?:policy|standard|document|page|section))"
)
_RULES = r"(?:requirements?|rules?|conditions?|restrictions?|exceptions?|limits?|provisions?|prohibitions?)"
_REFERENCE = (
    r"(?:all\s+|any\s+|each\s+of\s+)?(?:the|these|those|our|its|their)\s+"
    r"(?:(?:[\w-]+\s+){0,2}?" + _RULES + r"\s+" + _PLACE
    + r"|(?:other|remaining|usual|general|applicable)\s+(?:[\w-]+\s+)?" + _RULES + r"(?:\s+" + _PLACE + r")?)"
)
_DEFERRING_PROVISO = guarded(
    r",?\s*\bsubject\s+to\s+" + _REFERENCE + r"(?:\s*,?\s*(?:and|as well as)\s+(?:to\s+)?" + _REFERENCE + r")*(?=\s*(?:[.;]|$))",
    re.IGNORECASE,
)


def deferring_provisos(text: str) -> list[tuple[int, int]]:
    """Spans of provisos that only defer to the policy's other rules ("subject to the
    requirements above"): they state no condition of this sentence (see `_DEFERRING_PROVISO`)."""
    return [(m.start(), m.end()) for m in _DEFERRING_PROVISO.finditer(text)]


# ---------------------------------------------------------------- the exception's conditions
_MODAL = re.compile(r"\b(?:may|can|are (?:allowed|permitted) to|is (?:allowed|permitted) to)\b(?!\s+not\b)", re.IGNORECASE)
_SUBJECT_RELATIVE = re.compile(r"\b(?:that|which|who)\s+((?!(?:is|are|was|were)\b)[a-z]\w*\b.*)$", re.IGNORECASE)
_POST_OBJECT = re.compile(r"\s+(?:of|from|by|issued|granted|awarded)\b.*$", re.IGNORECASE)
_PARTICIPLE = r"(?:\w{3,}ed|" + "|".join(sorted(IRREGULAR_PARTICIPLES)) + r")"
# "may show a lit sparkler held by an adult outdoors": the object's reduced relative clause.
_OBJECT_QUALIFIER = re.compile(r"^\s*\w+\s+(?:(?:the|an?|any|their|its|your)\s+)?(?:[\w-]+\s+){0,3}?[\w-]+\s+(" + _PARTICIPLE + r"\s+(?:by|in|at|on|with|outdoors|indoors)\b[^.;:]*)", re.IGNORECASE)


def _content(words: str) -> set[str]:
    return {t for t in terms(words) if t not in GENERIC and not t.isdigit()}


def _core(requirement: str) -> str:
    """A requirement without the phrase after its object's head noun ("carry the VOHC seal of
    acceptance" -> "carry the VOHC seal"), when the object keeps two content words of its own:
    the case names the thing by its head and modifiers, not by every qualifier the policy adds.
    "carry the seal of the council" keeps its qualifier (the seal alone names too little)."""
    verb, _, obj = requirement.partition(" ")
    trimmed = _POST_OBJECT.sub("", obj)
    if trimmed != obj and len(_content(trimmed)) >= 2:
        return f"{verb} {trimmed}".strip()
    return requirement


def exception_conditions(quote: str) -> list[str]:
    """What a case must meet for an exception permission to apply, as `other:` conditions:
    the restrictive relative clause of its subject ("Dental chews that carry the VOHC seal may
    claim …") and the participle phrase qualifying its object ("may show a lit sparkler held by
    an adult outdoors")."""
    flat = " ".join(quote.split())
    modal = _MODAL.search(flat)
    if modal is None:
        return []
    out: list[str] = []
    rel = _SUBJECT_RELATIVE.search(flat[: modal.start()])
    if rel and len(_content(rel.group(1))) >= 2:
        out.append("other:" + _core(rel.group(1).strip(" ,;")))
    qual = _OBJECT_QUALIFIER.match(flat[modal.end():])
    if qual and len(_content(qual.group(1))) >= 2:
        out.append("other:" + qual.group(1).strip(" ,;."))
    return out


# ---------------------------------------------------------------- linking
TOPIC_PREFIX = "topic:"


def parent_of(topic: str, candidates: list[tuple[str, str]]) -> str | None:
    """The id of the prohibition `topic` names among `candidates` ((id, quote) of the
    document's prohibitions, in document order): the first whose sentence carries every content
    word of the topic ("lit fireworks in the hand" -> "Ads showing anyone holding a lit firework
    in their hand"); the first, when several do (a prohibition, then the sentence illustrating
    it: "This covers claims such as … kidney disease"). None when none carries them all."""
    needed = _content(topic)
    if not needed:
        return None
    return next((rid for rid, quote in candidates if needed <= terms(quote)), None)


__all__ = ["Override", "TOPIC_PREFIX", "defers_to_policy", "deferring_provisos", "exception_conditions", "exception_to", "not_covered", "override_clause", "override_topic", "parent_of", "states_override"]
