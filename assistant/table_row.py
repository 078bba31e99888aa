"""Which row of a table a case is about: a rule stated in a table row decides only cases about
the thing its row's label names (issue 13).

Why: a table of rules ("| Product | Allowed? | Conditions | Markets |") is a list of
alternatives, one row per thing. Each cell's rule carries its row's label words as its
subject (core/clause_logic.py), but labels share words: "Contact lens solutions and cases"
and "Coloured … contact lenses" both say "contact lens", so a lens-solution ad named the
decorative-lens row's subject and was refused by its market list. English noun compounds are
head-final: in "contact lens solution" the thing is a solution, and "contact lens" says which.
So the case's words are read as compounds (runs of adjacent words of the table's labels), and
a compound names the rows whose label holds its head (last word), the row(s) holding most of
its words first: "contact lens solution" names the solutions row, not the lens rows; "blue-light
glasses" the blue-light row, not "Prescription glasses". A rule of a row no compound of the
case names, when the case names another row of the same table, is about another thing. A case
naming no row's words is left to the scope step (assistant/scope_reason.py): what it says may
still be a kind of a row's thing.

Words are compared as the scope step compares them (`naming.names`: the same stem or one
derived from it); a verb form ("tested to ISO 12312-1") does not name a noun ("Eye tests").
A label's name is its noun phrase: bracketed glosses ("(frames fitted with prescription
lenses)") and qualifying complements ("at an optical practice") are not. Quoted ad copy is what
the ad says, not what it advertises ("'Not a substitute for a regular eye test.'" on a reading
glasses ad): it is read only when the case's own words name no row.
"""

from __future__ import annotations

import re
from functools import lru_cache

from policydesk.assistant.naming import names
from policydesk.assistant.scope_reason import _verb_form
from policydesk.core import lexicon
from policydesk.core.casefacts import read_noun_phrase
from policydesk.core.quotes import without_quotations
from policydesk.core.keyword import STOPWORDS
from policydesk.core.terms import GENERIC, stem
from policydesk.core.types import Rule

_WORD = re.compile(r"[a-z0-9]+")
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
# What may stand between two words of one compound: spaces or a hyphen ("blue-light glasses").
_JOIN = re.compile(r"[\s-]*")


@lru_cache(maxsize=4096)
def label_words(label: str) -> tuple[str, ...]:
    """The content words naming a row's thing, lower case, generic ad words dropped: its label
    read as a noun phrase (core/casefacts.py `read_noun_phrase`) without bracketed glosses, and
    without the complement that qualifies it ("at an optical practice", "for children", "sold
    to consumers"); a complement that only goes on listing things (", scarification,
    branding …") names them too. The whole label when the phrase cannot be read."""
    plain = _BRACKETED.sub(" ", label)
    phrase = read_noun_phrase(plain)
    if phrase is None or not phrase.words:
        text = plain
    else:
        text = " ".join(phrase.words)
        if re.match(r"\s*(?:,|and\b|or\b|&)", phrase.complement):
            text += " " + phrase.complement
    words = [w for w in _WORD.findall(text.lower()) if stem(w) not in GENERIC]
    return tuple(words or (w for w in _WORD.findall(label.lower()) if stem(w) not in GENERIC))


def _match(word: str, label_word: str) -> bool:
    """Does the case's `word` name the label's word: the same stem or one derived from it
    (`naming.names`)? A verb form never names a noun ("tested to ISO 12312-1" names no "Eye
    tests")."""
    if _verb_form(word) and not _verb_form(label_word):
        return False
    return names(stem(label_word), {stem(word)})


def _said(word: str, label_word: str) -> bool:
    """`_match`, or a word WordNet relates to the label's ("kids" for "children"): for telling
    apart rows a compound names alike, by the rest of what the case says."""
    if _match(word, label_word):
        return True
    return len(word) > 2 and len(label_word) > 2 and word.isalpha() and label_word.isalpha() and lexicon.related(word, label_word)


@lru_cache(maxsize=4096)
def _nouns(label: str) -> tuple[str, ...]:
    """Every noun of a label, glosses and complements too ("children" of "Myopia control
    lenses for children"): what else of its thing a case may say."""
    return tuple(dict.fromkeys(
        w for w in _WORD.findall(label.lower()) if stem(w) not in GENERIC and w.isalpha() and len(w) > 3 and lexicon.lemmas(w, "n")
    ))


def _runs(text: str, vocabulary: frozenset[str]) -> list[list[str]]:
    """The case's compounds: maximal runs of adjacent words each matching a word of some label,
    not counting a unit after a number. A run the next word goes on from ("online lens retailer", "contact lens fitting
    appointment") modifies that word, which is the thing named: it is no compound of its own."""
    runs: list[list[str]] = []
    current: list[str] = []
    last_end = -1
    low = text.lower()

    def close(following: str | None) -> None:
        nonlocal current
        if current and (following is None or not following.isalpha() or following in STOPWORDS or stem(following) in GENERIC):
            runs.append(current)
        current = []

    previous = ""
    for m in _WORD.finditer(low):
        word = m.group()
        hit = stem(word) not in GENERIC and any(_match(word, v) for v in vocabulary)
        adjacent = last_end >= 0 and _JOIN.fullmatch(low, last_end, m.start()) is not None
        if hit and current and adjacent:
            current.append(word)
        else:
            close(word if adjacent else None)
            if hit and not (adjacent and previous.isdigit()):
                current = [word]  # "60 days" is an amount, not the "flash days" of a label
        last_end, previous = m.end(), word
    close(None)
    return runs


def _named_in(text: str, labels: tuple[str, ...]) -> list[str]:
    """The labels the compounds of `text` name (see `named_rows`)."""
    words = {label: label_words(label) for label in labels}
    vocabulary = frozenset(w for ws in words.values() for w in ws)
    said = [m.group() for m in _WORD.finditer(text.lower()) if stem(m.group()) not in GENERIC]
    out: list[str] = []
    for run in _runs(text, vocabulary):
        head = run[-1]
        held = {
            label: (sum(1 for w in run if any(_match(w, l) for l in ws)), sum(1 for l in _nouns(label) if any(_said(w, l) for w in said)))
            for label, ws in words.items() if any(_match(head, l) for l in ws)
        }
        if held:
            best = max(held.values())
            out += [label for label, score in held.items() if score == best and label not in out]
    return out


@lru_cache(maxsize=4096)
def named_rows(question: str, labels: tuple[str, ...]) -> tuple[str, ...]:
    """The labels the case names: for each of its compounds, of the labels holding its head,
    those holding most of its words, then most of their own nouns (glosses and complements
    too) the case says anywhere, in WordNet's words as well ("overnight lenses … in kids" names
    the row of lenses "for children" over the other lens rows). Read from the case's own words; from its quoted copy as well only when those name
    no row ("High-street optician chain: headline 'Free eye test …'")."""
    return tuple(_named_in(without_quotations(question), labels) or _named_in(question, labels))


def other_row(rule: Rule, question: str) -> str | None:
    """Why a rule stated in a table row does not decide the case: the case names another row's
    thing and not its own row's. None for a rule outside a table, or when the case names its
    row or no row at all."""
    if rule.row is None or len(rule.rows) < 2 or not question:
        return None
    named = named_rows(question, tuple(rule.rows))
    if not named or rule.row in named:
        return None
    return f'the case is about another row of its table ({"; ".join(named)}), not "{rule.row}"'


__all__ = ["label_words", "named_rows", "other_row"]
