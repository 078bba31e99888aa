"""Two duties outside the closed condition vocabulary, executed against what the case states.

Why: a permission that carries a duty in words only ("may run but must not show X", a table
cell "Must be sold in a child-resistant container") was read as `restrict` with no condition,
and stayed `restrict` for every case, even one stating the duty is kept or broken. The closed
readers (core/disclosure.py for what the ad carries, core/conduct.py for an action on an
object) do not read these two forms:

- a form the thing must take, a passive participle with a prepositional complement ("must be
  sold in a child-resistant container", "must be supplied as a ready-to-use spray"):
  `met` when the case states the same participle with the same preposition and an object
  naming the required object's head and two thirds of its content words; `unmet` when the case
  denies that ("not sold in …"), or states the participle with the same preposition and
  another object of the same sort (a physical thing, as the required one is, and no place:
  "sold in 5 litre jugs" against "in a child-resistant container" is another form of the same
  attribute; "sold in supermarkets" or "in Canada" is where, not what form, and says nothing);
- content the ad must not carry ("must not show a capsized boat"): `met` when the case names
  the thing only inside a negation's reach ("no capsized boat"; its head noun nowhere else),
  `unmet` when the case says the ad shows it (core/disclosure.py `carried`, read of a duty to
  show it).

Anything else, including a case that says nothing of it, is None: the rule stays `restrict`
with the duty as what must hold. A single shared word is never a statement of the duty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policydesk.core.condition_reading import OBLIGATION
from policydesk.core.restated import NEGATION, negation_split
from policydesk.core.terms import GENERIC, same_meaning, same_stem, stem, terms

# ---------------------------------------------------------------- a required form
_FORM = re.compile(
    rf"\b{OBLIGATION}\s+(?:(?:only|always|also)\s+)?be\s+(?:(?:only|always|also)\s+)?(?P<verb>[a-z]{{3,}})\s+"
    r"(?:(?:only|exclusively)\s+)?(?P<prep>in|inside|within|as|with|through|via)\s+(?P<obj>[^.;:!?()]+)",
    re.I,
)
# Where the required object ends: another clause, a purpose, a place or time.
_OBJ_END = re.compile(r"\s+(?:and|or|where|when|if|unless|to|for|so|that|which|at|on|by|from|before|after)\b|\s[-–—]\s", re.I)
_CASE_END = re.compile(r"[;?!]|\.(?!\d)|\s[-–—]\s|\b(?:but|while|whereas|although|though)\b", re.I)
_CASE_OBJ_END = re.compile(r",|\s+(?:and|or|where|when|if|unless|to|for|so|that|which|at|on|by|from|before|after|in|as|with)\b", re.I)
_SUPPOSED = re.compile(r"\b(?:if|whether|can|could|may|might|should|would|will|want|wants|plan|plans|planning|going|hope|hoping)\b|'d\b", re.I)
_NOT_PARTICIPLE = frozenset("able possible allowed permitted required advertised shown displayed".split())


@dataclass(frozen=True)
class Form:
    verb: str  # the participle as written ("sold")
    prep: str
    object: str  # the object as written
    stems: frozenset[str]
    head: str  # stem of the object's last content word
    head_word: str  # that word as written (for its sort: core/lexicon.py)


def _content(text: str) -> list[str]:
    return [t for t in (stem(w) for w in re.findall(r"[A-Za-z]+", text.lower())) if t in terms(text) and t not in GENERIC and len(t) > 1]


def required_form(sentence: str) -> Form | None:
    """The form `sentence` requires ("must be sold in a child-resistant container"), or None."""
    m = _FORM.search(" ".join(sentence.split()))  # "must not be sold in …" is no form required: "not" stops it
    if m is None or m.group("verb").lower() in _NOT_PARTICIPLE:
        return None
    obj = m.group("obj")
    end = _OBJ_END.search(obj)
    obj = (obj[: end.start()] if end else obj).strip(" ,")
    words = _content(obj)
    if len(set(words)) < 2:
        return None  # one content word is a topic, not a form
    return Form(verb=m.group("verb"), prep=m.group("prep").lower(), object=obj, stems=frozenset(words), head=words[-1], head_word=_last_word(obj))


def _last_word(text: str) -> str:
    return (re.findall(r"[A-Za-z]+", text) or [""])[-1].lower()


def _same(a: str, b: str) -> bool:
    return same_stem(a, b, 4)


def _named(form: Form, text: str) -> bool:
    """Does `text` name the required object: its head, and two thirds of its content words?"""
    have = terms(text)
    hit = {t for t in form.stems if any(_same(t, h) or same_meaning(t, form.object, h, text) for h in have)}
    return form.head in hit and 3 * len(hit) >= 2 * len(form.stems)


def _same_sort(required_head: str, case_head: str) -> bool:
    """Is the case's object another thing of the required object's sort (a physical thing, not a
    place or establishment), so that it states another value of the same attribute?"""
    from policydesk.core.lexicon import is_kind_of

    def sort(word: str) -> str | None:
        if any(is_kind_of(word, c) for c in ("location", "establishment", "structure", "region", "organization")):
            return "place"
        for c in ("artifact", "substance"):
            if is_kind_of(word, c):
                return c
        return None

    a, b = sort(required_head), sort(case_head)
    return a is not None and a != "place" and b == a


def _verb_at(word: str, form: Form) -> bool:
    return word.lower() == form.verb.lower() or _same(stem(word.lower()), stem(form.verb.lower()))


def form_status(sentence: str, question: str) -> tuple[str, str] | None:
    """("met" | "unmet", the case's words) for the form `sentence` requires, or None."""
    form = required_form(sentence)
    if form is None:
        return None
    text = " ".join(question.split())
    contrary: str | None = None
    for clause in _CASE_END.split(text):
        for w in re.finditer(r"[A-Za-z]{3,}", clause):
            if not _verb_at(w.group(0), form):
                continue
            before = clause[: w.start()]
            local = re.split(r"[,]", before)[-1]
            after = clause[w.end():]
            lead = re.match(rf"\s+(?:(?:only|exclusively|always)\s+)?{form.prep}\s+", after, re.I)
            negated = bool(re.search(r"(?:\bnot|\bnever|n't)\s+(?:(?:be|been|being|only|always)\s+)?$", before, re.I))
            if lead is not None:
                rest = after[lead.end():]
                end = _CASE_OBJ_END.search(rest)
                obj = rest[: end.start()] if end else rest
                if _named(form, obj):
                    if negated:
                        return "unmet", " ".join((w.group(0) + after).split()[:12])
                    if not _SUPPOSED.search(local):
                        return "met", " ".join((w.group(0) + lead.group(0) + obj).split())
                    continue
            if negated or _SUPPOSED.search(local) or contrary:
                continue
            # another object under the same preposition, anywhere in the verb's complement
            for p in re.finditer(rf"\b{form.prep}\s+", after, re.I):
                rest = after[p.end():]
                end = _CASE_OBJ_END.search(rest)
                obj = rest[: end.start()] if end else rest
                words = [t for t in _content(obj) if not t.isdigit()]
                if not words or re.search(r"\b[A-Z][a-z]", obj) or _named(form, obj):
                    continue
                if not any(_same(t, h) for t in form.stems for h in words) and _same_sort(form.head_word, _last_word(obj)):
                    contrary = " ".join((w.group(0) + after[: p.end()] + obj).split())
                    break
    return ("unmet", contrary) if contrary else None


# ---------------------------------------------------------------- content it must not carry
_MUST_NOT_SHOW = re.compile(
    r"\b(?:must not|mustn't|may not|cannot|can't|should not|shall not|must never)\s+(?:show|depict|display|feature|picture|portray|include)\s+(?P<obj>[^.;:!?()]+)",
    re.I,
)
_SHOWN_OBJ_END = re.compile(r",|\s+(?:and|or|where|when|if|unless|in|on|at|to|for|that|which|who|while|being)\b", re.I)


def forbidden_content(sentence: str) -> str | None:
    """What `sentence` says the ad must not show ("must not show a capsized boat"), or None."""
    m = _MUST_NOT_SHOW.search(" ".join(sentence.split()))
    if m is None:
        return None
    obj = m.group("obj")
    end = _SHOWN_OBJ_END.search(obj)
    obj = (obj[: end.start()] if end else obj).strip()
    return obj if len(set(_content(obj))) >= 2 else None


def absence_status(sentence: str, question: str) -> tuple[str, str] | None:
    """("met" | "unmet", the case's words) for content `sentence` forbids the ad to show, or None."""
    obj = forbidden_content(sentence)
    if obj is None:
        return None
    words = _content(obj)
    needed = set(words)
    kept, negated = negation_split(question)
    outside = terms(" ".join(kept))
    for seg in negated:
        inside = terms(seg)
        # every word of the thing inside the negation's reach, and the thing not named whole
        # outside it ("riders on calm water, no capsized rider")
        if all(any(_same(t, q) for q in inside) for t in needed) and not all(any(_same(t, q) for q in outside) for t in needed):
            return "met", "no " + " ".join(seg.split())
    from policydesk.core.disclosure import carried

    shown = carried(f"The ad must show {obj}.", question)
    if shown and not NEGATION.search(shown):
        return "unmet", shown
    return None


def stated_duty(sentence: str, question: str) -> tuple[str, str] | None:
    """A required form or a forbidden content of `sentence`, executed against the case."""
    return form_status(sentence, question) or absence_status(sentence, question)


__all__ = ["Form", "absence_status", "forbidden_content", "form_status", "required_form", "stated_duty"]
