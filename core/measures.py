"""What a number measures: the content words next to it, on both sides of a comparison.

Why: a clause often states two limits in one dimension ("a holding deposit of no more than 1
week's rent and a security deposit of no more than 5 weeks' rent"; "an APR above 36% … an
arrangement fee of more than 5%"), and a case states several numbers ("a 1 week holding
deposit and a 4 week security deposit"). Comparing every limit with every number of its unit
made the two disagree, so the condition stayed unknown (restrict) or the wrong number broke
it (reject). The words around a number (its noun: "security deposit", "booking fee", "APR")
bind a limit to the case's number that measures the same thing. They are read the same way
from the policy sentence (`limit_measure`) and from the question (`context_words`, stored on
`core.casefacts.Quantity.about`).

A number with no shared word stays compared as before (the executor falls back to every
number of the limit's unit), so a question that names its number differently ("40% APR" for
a "rate above 36%") still decides.
"""

from __future__ import annotations

import re

from policydesk.core.numwords import number_words_as_digits

# Where the words describing a number stop: punctuation, or a word that starts another phrase.
_STOP = re.compile(r"[.,;:()!?\[\]]|\b(?:and|or|but|with|plus|while|whereas|which|that|who|if|unless|when|where)\b", re.I)
# Comparison, unit and filler words say how a number compares, not what it measures.
_NOT_MEASURE = frozenset(
    """at most least no not more less than up to maximum minimum max min above below over under exceed exceeds exceeding
    exceeded higher lower greater fewer longer shorter heavier lighter larger smaller bigger hotter warmer colder cooler
    faster slower taller wider thicker thinner deeper narrower within beyond in excess of limit limited capped cap must may
    should shall cannot can will only a an the of for per each every its their his her any all
    percent cent day days week weeks month months year years hour hours minute minutes second seconds calendar
    business working usd eur gbp dollars euros pounds times x s""".split()
)
_BEFORE_WORDS = 3
_AFTER_WORDS = 2


def _content(words: list[str], limit: int) -> set[str]:
    """The first `limit` content words of `words` (stemmed), skipping comparison, unit and
    generic words."""
    from policydesk.core.terms import GENERIC, stem

    out: list[str] = []
    for w in words:
        for part in w.lower().split("-"):
            if len(part) >= 3 and part not in _NOT_MEASURE:
                t = stem(part)
                if t not in GENERIC and t not in out:
                    out.append(t)
        if len(out) >= limit:
            break
    return set(out[:limit])


def context_words(text: str, start: int, end: int) -> frozenset[str]:
    """Content words (stemmed) describing the number at `text[start:end]`: up to three before
    it and two after it, each side cut where another phrase starts."""
    before = text[max(0, start - 80) : start]
    cuts = list(_STOP.finditer(before))
    if cuts:
        before = before[cuts[-1].end() :]
    after = text[end : end + 60]
    cut = _STOP.search(after)
    if cut:
        after = after[: cut.start()]
    words_before = re.findall(r"[A-Za-z][A-Za-z-]*", before)[::-1]
    words_after = re.findall(r"[A-Za-z][A-Za-z-]*", after)
    return frozenset(_content(words_before, _BEFORE_WORDS) | _content(words_after, _AFTER_WORDS))


def _number_forms(value: float) -> list[str]:
    if float(value).is_integer():
        n = int(value)
        forms = [str(n)]
        if n >= 1000:
            forms.append(f"{n:,}")
        return forms
    return [f"{value:g}"]


def _unit_tail() -> re.Pattern[str]:
    from policydesk.core.conditions import UNIT_WORDS

    # A unit of the one vocabulary ("degrees celsius", "fl oz"), else the word after the number.
    return re.compile(rf"^\s*-?\s*({UNIT_WORDS}|[a-z]+)", re.I)


_UNIT_TAIL = _unit_tail()


def limit_measure(text: str, value: float | None, unit: str | None) -> frozenset[str]:
    """The words describing a limit's number where `text` states it (empty when it does not):
    the occurrence followed by the limit's unit is preferred ("5 weeks'" over "section 5")."""
    if value is None or not text:
        return frozenset()
    from policydesk.core.conditions import normalise_unit

    flat = number_words_as_digits(" ".join(text.split()))
    found: list[re.Match[str]] = []
    for form in _number_forms(value):
        found += list(re.finditer(rf"(?<![\d.,]){re.escape(form)}(?![\d]|[.,]\d)", flat))
    if not found:
        return frozenset()
    found.sort(key=lambda m: m.start())

    def unit_follows(m: re.Match[str]) -> bool:
        tail = _UNIT_TAIL.match(flat[m.end() :])
        if tail is None:
            return unit is None
        word = tail.group(1).lower()
        return normalise_unit(word) == unit or normalise_unit(word.rstrip("s'")) == unit or normalise_unit(word + "s") == unit

    def currency_before(m: re.Match[str]) -> bool:
        return m.start() > 0 and normalise_unit(flat[m.start() - 1]) == unit

    best = next((m for m in found if unit_follows(m) or currency_before(m)), found[0])
    end = best.end()
    tail = _UNIT_TAIL.match(flat[end:])
    if tail is not None and (unit_follows(best)):
        end += tail.end()
    return context_words(flat, best.start(), end)


# "400 mg of caffeine", "5 g of total sugars": the noun phrase after "<number> <unit> of", up to
# where a rate, a place, a clause or a punctuation mark starts.
_OF_NOUN = re.compile(r"^\s*of\s+((?:(?!(?:per|in|a|an|each|every|for|from|at|to|on|and|or|but|with|that|which|who|than|is|are)\b)[a-z][a-z-]*\s*){1,3})", re.I)
# The dimensions of an amount of a substance: what "<number> <unit> of <noun>" measures.
_AMOUNTS = frozenset({"mass", "volume", "energy"})
_DETERMINER = frozenset("the any all its their this that these those such".split())


def limit_noun(text: str, value: float | None, unit: str | None) -> str | None:
    """The stemmed head noun of what a limit is an amount OF, when the policy writes it so:
    "more than 400 mg of caffeine per day" -> "caffein", "more than 5 g of total sugars per
    100 g" -> "sugar"; None when the number is not followed by "<unit> of <noun>" ("an APR
    above 36%", "5 weeks' rent"). Why: such a limit measures that one thing and no other; a
    case's number of another thing ("5 g daily" of creatine) neither meets nor breaks it, and
    a case that says it has none of the thing ("no caffeine") keeps any cap on it."""
    if value is None or not text or unit is None:
        return None
    from policydesk.core.conditions import unit_dimension
    from policydesk.core.terms import stem

    if unit_dimension(unit.split(" per ")[0]) not in _AMOUNTS:
        # "25% of the compensation" is a share of that base; "6 months of age", "5 years of
        # trading" say what a time is, no substance the case has an amount of.
        return None

    flat = number_words_as_digits(" ".join(text.split()))
    for form in _number_forms(value):
        for m in re.finditer(rf"(?<![\d.,]){re.escape(form)}(?![\d]|[.,]\d)", flat):
            tail = _UNIT_TAIL.match(flat[m.end():])
            if tail is None:
                continue
            of = _OF_NOUN.match(flat[m.end() + tail.end():])
            if of is None:
                continue
            words = [w for w in re.findall(r"[a-z][a-z-]*", of.group(1).lower()) if w not in _DETERMINER and w not in _NOT_MEASURE]
            if words:
                return stem(words[-1])
    return None


# The denied noun ends there: "no caffeine crash" denies a crash, not the caffeine.
_NOUN_ENDS = r"(?!-)(?=\s*(?:[,.;:!?)'\"]|$)|\s+(?:or|and|nor|at all|whatsoever|in|per|of any kind)\b)"
# "no caffeine", "zero sugar", "without caffeine", "caffeine-free", "free of caffeine", "contains no
# caffeine"; "no added sugar" says nothing of the sugar the product has.
def _none_of(word: str) -> re.Pattern[str]:
    w = rf"{re.escape(word)}[a-z]*"
    return re.compile(
        rf"\b(?:no|zero|without(?: any)?|free (?:of|from)|(?:does not|doesn't|do not|don't) contain(?: any)?)\s+{w}\b{_NOUN_ENDS}|\b{w}[- ]free\b",
        re.I,
    )


def states_none(noun: str, question: str) -> str | None:
    """The words by which the question says the product has none of `noun` (stemmed, as
    `limit_noun` gives it): "no caffeine or other stimulants" -> "no caffeine"; None otherwise."""
    m = _none_of(noun).search(question)
    return m.group(0) if m else None


def names_noun(noun: str, question: str) -> bool:
    """Does the question name the thing (`noun`, stemmed) at all?"""
    from policydesk.core.terms import terms

    return noun in terms(question)


__all__ = ["context_words", "limit_measure", "limit_noun", "names_noun", "states_none"]
