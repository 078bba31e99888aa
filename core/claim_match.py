"""Does an ad's claim make a claim a policy bans? Read word by word, with its polarity.

Why: a ban on saying something (`no_claim:` conditions, core/condition_reading.py and
core/claim_list.py) is broken by an ad whose quoted copy says it, in its words or in other
words of the same meaning ("No registration needed" for a ban on "no registration required",
"or similar"). It is not broken by copy that shares one word with it: "Check local rules before
you fly" says neither "no rules" nor "fly anywhere". Until session 20 half of the banned
words sufficed, so a two-word claim was made by either of its words.

What counts:
- each content word of the banned claim is found in the ad's claim by its stem or a word of the
  same meaning (core/terms.py `same_meaning`: a derivational form, a shared frequent sense);
- more than half of them are found (all of one or two words, two of three, three of four …),
  words joined by "or" counting as one, found by any of them ("tattoo or piercing");
- a banned claim that is a negation ("no rules", "no licence needed", "never pay again") is
  made only by a claim that negates too: without one it says something else;
- a banned claim that compares a number ("Gift Aid adds more than 25p for every £1", "heals in
  fewer than 14 days") is made only by a claim whose own number of that measure is on the banned
  side: "Gift Aid adds 25p to every £1" says no more than 25p; the comparison counts as one
  word of the banned claim, found by a number on the banned side whatever its digits ("8%"
  for "more than 5%"), and a claim stating no number of its measure does not find it
  (`_figures`);
- a word the copy shares with the banned claim but says of something else finds nothing
  (session 24, `qualified_apart`): "For adults with mild to moderate hearing loss" does not
  say "suitable for severe or profound hearing loss", nor "Free re-treatment" "free
  inspection"; the qualifier that makes the banned claim what it is must match, not only the
  head words. A banned claim the policy gives as an example of a kind ("for example "Find out
  if you will get X"") stands for its kind, so another instance ("… get Y") is no qualifier
  (`example_claim`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from policydesk.core.keyword import tokenize
from policydesk.core.terms import same_meaning

# A negation that makes a claim the denial of something ("no licence needed", "never pay",
# "zero fees", "without a prescription", "doesn't need"): read as words, as the ad writes them.
_NEGATOR = re.compile(r"(?:\b(?:no|not|never|without|zero|nothing|none|nobody|free of)\b|n't\b)(?!-\w)", re.IGNORECASE)


def _found(word: str, banned: str, claim: str, claim_words: list[str]) -> bool:
    return word in claim_words or any(same_meaning(word, banned, h, claim) for h in claim_words)


# Single words joined by "or" (and commas before it): alternatives, any one of which says it
# ("a tattoo or piercing is painless or pain-free": tattoo|piercing, painless|pain-free).
_OR_GROUP = re.compile(r"\b[\w'-]+(?:\s*,\s*[\w'-]+)*\s*,?\s+or\s+[\w'-]+\b", re.IGNORECASE)


def _units(banned: str) -> list[list[str]]:
    """The banned claim's words as units to find: an "or" group is one unit, any word of it
    found finds it; every other content word is a unit of its own."""
    units: list[list[str]] = []
    rest = banned
    for m in _OR_GROUP.finditer(banned):
        group = list(dict.fromkeys(tokenize(re.sub(r"\bor\b", " ", m.group(0)))))
        if len(group) > 1:
            units.append(group)
            rest = rest.replace(m.group(0), " ", 1)
    grouped = {w for u in units for w in u}
    units += [[w] for w in dict.fromkeys(tokenize(rest)) if w not in grouped]
    # A negation is the claim's polarity (checked apart), not a word to find.
    return [u for u in ([w for w in unit if not _NEGATOR.fullmatch(w)] for unit in units) if u]


def _figures(banned: str, claim: str) -> tuple[str, list[bool | None]]:
    """The banned claim without the numbers it compares ("more than 25p" blanked), and for each
    of them whether the claim states it: True when the claim's numbers of that measure are all
    on the banned side, False when all are on the allowed side ("25p" against "more than
    25p"), None when it states none of that measure or they disagree."""
    from policydesk.core.casefacts import read_quantities
    from policydesk.core.condition_reading import unit_comparisons
    from policydesk.core.conditions import compare_limit, same_dimension

    comparisons = unit_comparisons(banned)
    if not comparisons:
        return banned, []
    stated = read_quantities(claim)
    rest, out = banned, []
    for c in comparisons:
        rest = rest[: c.start] + " " * (c.end - c.start) + rest[c.end :]
        # The comparison "holds" (`c.holds`) on the banned side: "more than 25p" is banned where
        # a 25p cap is not kept.
        results = {compare_limit(c.kind, c.value, c.unit, q.value, q.unit) for q in stated if same_dimension(q.unit, c.unit)}
        out.append(None if len(results) != 1 or None in results else results.pop() == c.holds)
    return rest, out


# What introduces a claim as an example of a kind of claim ("claim that a test can predict a
# disease (for example "Find out if you will get X")"), up to the quotation mark.
_EXAMPLE_BEFORE = re.compile(r"\b(?:for example|for instance|e\.g\.|such as|like|including)\s*[:(,]?\s*[\"'\u201c\u2018]?\s*$", re.I)


def example_claim(banned: str, quote: str) -> bool:
    """Is `banned` (a rule's `no_claim:` text) written in the rule's sentence `quote` as an
    example of a kind of claim ("for example "Find out if you will get X"")? Then its particular
    words illustrate the kind: copy making the same claim of another instance ("… get Y") makes
    it, and no qualifier of its own sets the copy apart (`qualified_apart`)."""
    flat, low = " ".join(quote.split()), " ".join(banned.split()).lower()
    at = flat.lower().find(low)
    return at >= 0 and bool(_EXAMPLE_BEFORE.search(flat[max(0, at - 40):at]))


def makes_claim(banned: str, claim: str, example: bool = False) -> bool:
    """Does the ad's `claim` make the `banned` claim (see the module docstring)? `example`: the
    banned claim is an example of a kind (`example_claim`), read without `qualified_apart`."""
    rest, figures = _figures(banned, claim)
    if False in figures and True not in figures:
        return False  # its number is on the allowed side of the one the ban compares
    units = _units(rest)
    if not units and not figures:
        return False
    if _NEGATOR.search(banned) and not _NEGATOR.search(claim):
        return False
    if not example and (apart := qualified_apart(rest, claim)):
        # words the copy says of something else are not the banned claim's words
        # ("mild to moderate hearing loss" for "profound hearing loss")
        claim = _without_words(claim, apart)
    have = list(dict.fromkeys(tokenize(claim)))
    found = sum(1 for unit in units if any(_found(w, banned, claim, have) for w in unit)) + figures.count(True)
    return found >= (len(units) + len(figures)) // 2 + 1


# What joins the words of one phrase of a claim: "severe or profound hearing loss", "mild to
# moderate hearing loss", "safe and effective". Every other stopword or punctuation ends it.
_PHRASE_JOINERS = frozenset({"or", "and", "to"})
_PHRASE_TOKEN = re.compile(r"[a-z0-9]+(?:['\u2019-][a-z0-9]+)*|[^\sa-z0-9]")


def _phrases(text: str) -> list[list[tuple[str, int]]]:
    """The phrases of `text`: runs of content words (stemmed as core/terms.py stems them, a
    hyphenated compound one word) that only "or", "and" or "to" join; any other stopword or
    punctuation ends one, as does a number (a figure, compared as one by `_figures`, qualifies
    nothing here) ("For adults 18+ with perceived mild to moderate hearing loss" -> [adult],
    [perceiv, mild, moder, hear, loss]). Each word comes with its group: words
    joined by "or" are alternatives and share one ("severe or profound")."""
    from policydesk.core.keyword import STOPWORDS, fold_accents
    from policydesk.core.terms import stem

    out: list[list[tuple[str, int]]] = [[]]
    group, joined_by_or = 0, False
    for tok in _PHRASE_TOKEN.findall(fold_accents(text.lower())):
        if tok in _PHRASE_JOINERS and out[-1]:
            joined_by_or = tok == "or"
            continue
        if not tok[0].isalpha() or tok in STOPWORDS:
            if out[-1]:
                out.append([])
            joined_by_or = False
            continue
        if not joined_by_or:
            group += 1
        joined_by_or = False
        out[-1].append((stem(tok.replace("\u2019", "'")), group))
    return [p for p in out if p]


def _in_text(word: str, source: str, text: str, stems: set[str]) -> bool:
    from policydesk.core.terms import same_meaning

    return word in stems or any(same_meaning(word, source, h, text) for h in stems)


def _open_sides(phrases: list[list[tuple[str, int]]], word: str, matched, every: bool) -> set[str]:
    """The sides ("left", "right") on which the run of matched words around `word` in its
    phrase has a word of its own next to it (a qualifier the other text does not use); an
    alternative of an "or" group counts as matched when any of its group is. Over several
    occurrences: the sides of any (`every` False) or of all of them (`every` True)."""
    found: list[set[str]] = []
    for p in phrases:
        groups = {g for x, g in p if matched(x)}
        ok = [g in groups for _, g in p]
        for i, (x, _) in enumerate(p):
            if x != word:
                continue
            lo, hi = i, i
            while lo > 0 and ok[lo - 1]:
                lo -= 1
            while hi < len(p) - 1 and ok[hi + 1]:
                hi += 1
            found.append({side for side, has in (("left", lo > 0), ("right", hi < len(p) - 1)) if has})
    if not found:
        return set()
    return set.intersection(*found) if every else set.union(*found)


@lru_cache(maxsize=8192)
def qualified_apart(banned: str, claim: str) -> frozenset[str]:
    """The words (stems) the banned claim and the ad's claim share but qualify differently: a
    shared word next to which, on the same side, each has a word of its own that the other text
    does not use ("severe or profound hearing loss" and "mild to moderate hearing loss":
    hearing loss, qualified by severe/profound against mild/moderate; "free inspection" and
    "free re-treatment": free, heading inspection against re-treatment). The copy says those
    words of something else, not of what the ban names. Read in phrases (content words that
    only "or", "and", "to" join), from the run of shared words around the word: "the product
    gives protection against all UV" and "Gives protection against all UV rays" qualify the
    run on different sides (a subject before, a noun after), which is no difference. An
    alternative of the ban's found in the copy ("tattoo or piercing" and "ear piercing")
    leaves its others no qualifier of their own; a word either side says bare on that side is
    not apart: copy may make the claim in fewer words ("totally painless" for "the procedure
    will be painless")."""
    from policydesk.core.terms import GENERIC, terms

    b_stems, c_stems = terms(banned), terms(claim)
    b_phrases, c_phrases = _phrases(banned), _phrases(claim)
    out: set[str] = set()
    for w in b_stems:
        if not _in_text(w, banned, claim, c_stems):
            continue
        # A generic word ("the product regrows hair") names what the claim is about, not how it is
        # qualified: no word of its own on either side.
        b_sides = _open_sides(b_phrases, w, lambda x: x in GENERIC or _in_text(x, banned, claim, c_stems), every=False)
        c_words = {x for p in c_phrases for x, _ in p if x == w or _in_text(w, banned, claim, {x})}
        c_sides = set.intersection(*[_open_sides(c_phrases, x, lambda y: y in GENERIC or _in_text(y, claim, banned, b_stems), every=True) for x in c_words]) if c_words else set()
        if b_sides & c_sides:
            out.add(w)
    return frozenset(out)


def agreeing_words(banned: str, claim: str) -> set[str]:
    """The words (stems) the banned claim and the ad's claim share and say of the same thing:
    shared, and not `qualified_apart`."""
    from policydesk.core.terms import terms

    b_stems, c_stems = terms(banned), terms(claim)
    return {w for w in b_stems if _in_text(w, banned, claim, c_stems)} - qualified_apart(banned, claim)


def _without_words(claim: str, stems: frozenset[str]) -> str:
    """`claim` with every word whose stem is one of `stems` blanked."""
    from policydesk.core.terms import stem

    return re.sub(r"[A-Za-z0-9]+(?:['\u2019-][A-Za-z0-9]+)*", lambda m: " " if stem(m.group(0).lower()) in stems else m.group(0), claim)


__all__ = ["agreeing_words", "example_claim", "makes_claim", "qualified_apart"]
