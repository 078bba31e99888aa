"""A required statement that is itself negative, and a case that carries it in its own words.

Why (issue 13, under-answering): "The ad or landing page must state that the studio does not
tattoo anyone under 18" asks the ad to carry a negative statement. The case says "our booking
page says we won't tattoo anyone under 18": it carries that statement, with another form of
the same negation ("won't" for "does not") and its own subject ("we" for "the studio"). The
disclosure reader (core/disclosure.py `_found`) sets aside every segment of a shown span that
holds a negation, so that a denial ("no APR") is never read as carrying an item; a negative
item could therefore never be found, and the rule stayed `restrict` for every case.

Reading: the item is split at its one negation into a subject and the negated predicate
("the studio" / "tattoo anyone under 18"); a segment of what the case says the ad carries is
the same statement when

- it holds exactly one negation, of the same closed kind (do/does/did not, will not,
  cannot, is/are not, never and their contractions: each says the subject does not do the act
  or is not the thing; "must not", "may not" are duties, not statements of fact, and are not
  read);
- its predicate after the negation has the same content words as the item's, both ways
  (each word of one is a word of the other, or one of the same meaning, `terms.same_meaning`),
  numbers included: "under 16" is not "under 18", and a predicate the case narrows ("won't
  tattoo anyone under 18 without consent") is not the statement, as the narrowing turns a
  ban into a permission;
- its subject is the advertiser ("we", "I") or names the head noun of the item's subject
  ("our studio" for "the studio").

Right by construction: the case's statement has the same predicate negated for the same
subject; nothing is dropped from either side. Before it, a negative item was found by two
thirds of its words in an affirmative segment ("we're a tattoo studio" named studio and
tattoo); it is now found only as itself.

Measured (2026-11-30, session 18, baseline stores of c516f03, with the rest of branch s18dis):
no verdict moves on its own on the six dev/sample packs or validation (0.702, same confusion
matrix, unsafe 1 of 95); a dev5 tattoo case now meets this requirement and is held by a
rule about client photos (another error class).
"""

from __future__ import annotations

import re

from policydesk.core.negation import negation_pattern
from policydesk.core.terms import GENERIC, same_meaning, same_stem, stem, terms

# The negations that say a subject does not do an act (a statement of fact).
_NOT_DO = re.compile(
    r"\b(?:(?:do|does|did|will|would|can|is|are)\s+not|cannot|can't|don't|doesn't|didn't|won't|wouldn't|isn't|aren't|never)\b", re.I)
# Any negation (one segment must hold exactly one, the one read above).
_ANY_NEG = negation_pattern("none", "nobody", "nothing", "neither", "nor", "cannot")
_ADVERTISER = re.compile(r"^\W*(?:we|i|we're|we've)\W*$", re.I)
_SEGMENT = re.compile(r"[,;:()]|\s[-–—]\s|\b(?:but|while|whereas|although|though)\b", re.I)


def _split(text: str) -> tuple[str, str] | None:
    """(subject, negated predicate) of a text holding exactly one negation of `_NOT_DO`."""
    negs = list(_ANY_NEG.finditer(text))
    m = _NOT_DO.search(text)
    if m is None or len(negs) != 1:
        return None
    subject, predicate = text[: m.start()].strip(), text[m.end() :].strip()
    if not subject or not predicate:
        return None
    return subject, predicate


def negative_item(item_text: str) -> bool:
    """Is `item_text` a negative statement this module reads ("the studio does not tattoo
    anyone under 18")?"""
    return _split(item_text) is not None


# "anyone under 18" and "under-18s", "under 18s": a bare "any-" pronoun adds nothing to what
# the negation covers (not anyone = no one), and an age group's plural ("18s") is its number.
_ANY = frozenset(stem(w) for w in ("anyone", "anybody"))


def _content(text: str) -> set[str]:
    words = {re.sub(r"^(\d+)s$", r"\1", t) for t in terms(text)}
    return {t for t in words if (t not in GENERIC or t.isdigit()) and t not in _ANY and not re.fullmatch(r"[a-z]+\d+s?", t)}


def _covered(words: set[str], source: str, other: set[str], target: str) -> bool:
    return all(any(same_stem(t, h) or same_meaning(t, source, h, target) for h in other) for t in words)


def states_negated(item_text: str, text: str) -> str | None:
    """The segment of `text` (what the case says the ad carries) that is the negative statement
    `item_text` in other words, or None."""
    item = _split(" ".join(item_text.split()))
    if item is None:
        return None
    subject, predicate = item
    need = _content(predicate)
    if not need:
        return None
    last = re.findall(r"[A-Za-z][\w-]*", subject)
    head = stem(last[-1].lower()) if last else ""
    for seg in _SEGMENT.split(" ".join(text.split())):
        said = _split(seg.strip(" '\"‘’“”"))
        if said is None:
            continue
        s_subject, s_predicate = said
        have = _content(s_predicate)
        if not (_covered(need, predicate, have, s_predicate) and _covered(have, s_predicate, need, predicate)):
            continue
        words = _content(s_subject)
        if _ADVERTISER.match(s_subject) or (head and head not in GENERIC and any(same_stem(head, w) for w in words)):
            return seg.strip()
    return None


__all__ = ["negative_item", "states_negated"]
