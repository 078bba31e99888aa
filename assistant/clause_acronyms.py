"""Acronyms a clause spells out (issue 13, under-answering): "PT who's still studying for
their Level 3 ..." under "Ads for personal training ... are allowed only if the trainer holds a
recognised qualification".

An advertiser often names what it sells by an acronym its trade uses ("PT", "EMS", "SIM");
the policy names the same thing in words ("personal training"). WordNet knows few such trade
acronyms (assistant/acronyms.py asks it: "PT" there is platinum or physical therapy), and
core/conduct.py `with_acronyms` reads only names written in capitals ("National Press and
Publication Administration"). The clause being executed is the dictionary that matters: when
it writes a run of words whose initials spell the acronym letter for letter, in order, that run
is what the acronym names for this clause, and its words are words the question names when the
clause's rules are asked whether the case is about their subject (assistant/execute.py
`run_rule`, the way a policy's own definitions add the category a named member belongs to).

Right by construction, and narrow: only an acronym the question writes in capitals (2 to 6
letters; market codes such as "UK" or "US" are markets, not things; not in quoted ad copy nor
beside another word in capitals, which is the ad shouting), only a run of as many
consecutive words of the clause as the acronym has letters, none of them a stopword and each
of at least two letters, so "PT" is spelled by "personal training" but not by "per ... the".
It adds words for the rules of that clause only; it decides nothing by itself (the rule's
conditions still run).
Measured (2026-11-30, session 16, baseline stores of 67b62c6, with assistant/title_head.py,
which the same case needs): dev2 0.889 -> 0.917 (a personal trainer not yet qualified, written
"PT": escalate -> reject; a qualified personal trainer: restrict -> approve), dev 0.819, dev3
0.833, sample 0.870, validation 0.690 unchanged (same confusion matrix, unsafe unchanged).
"""

from __future__ import annotations

import re
from functools import lru_cache

from policydesk.core.keyword import STOPWORDS
from policydesk.core.markets import find_mentions
from policydesk.core.quotes import without_quotations
from policydesk.core.terms import terms

# A word in capitals, 2 to 6 letters, optionally with a plural "s" ("PTs"), not part of a longer word.
_ACRONYM = re.compile(r"(?<![\w'-])([A-Z]{2,6})s?(?![\w'-])")
_WORD = re.compile(r"[A-Za-z]+")
# A neighbouring word written in capitals (two letters or more, punctuation around it allowed).
_SHOUTED = re.compile(r"\W*[A-Z]{2,}\W*")


@lru_cache(maxsize=1024)
def question_acronyms(question: str) -> tuple[str, ...]:
    """The acronyms the question writes in capitals, market mentions left out. Words in
    capitals inside quoted ad copy, or beside another word in capitals ("WIN BIG NOW"), are
    the ad shouting, not an acronym naming a thing. Cached: execution asks it of every rule
    it runs for the same question."""
    text = without_quotations(question)
    for m in reversed(find_mentions(text)):
        text = text[: m.start] + " " * (m.end - m.start) + text[m.end :]
    out: list[str] = []
    for m in _ACRONYM.finditer(text):
        before, after = text[: m.start()].split()[-1:], text[m.end() :].split()[:1]
        if any(_SHOUTED.fullmatch(w) for w in before + after):
            continue
        out.append(m.group(1))
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=16384)
def spelled_in(acronym: str, text: str) -> tuple[str, ...]:
    """The runs of consecutive words of `text` whose initials spell `acronym` letter for letter,
    lowercase ("PT", "Ads for personal training ..." -> ("personal training",)). A run is broken
    by any character but spaces and hyphens between its words, and holds no stopword."""
    low = acronym.lower()
    n = len(low)
    out: list[str] = []
    # Runs of words separated only by blanks or hyphens: punctuation ends a run.
    for segment in re.split(r"[^A-Za-z\s-]+", text):
        words = _WORD.findall(segment)
        for i in range(len(words) - n + 1):
            run = words[i : i + n]
            if "".join(w[0].lower() for w in run) != low:
                continue
            if any(len(w) < 2 or w.lower() in STOPWORDS for w in run):
                continue
            phrase = " ".join(w.lower() for w in run)
            if phrase not in out:
                out.append(phrase)
    return tuple(out)


def clause_spelled_terms(question: str, text: str, within: list[str] | None = None) -> set[str]:
    """The terms of every run of `text` that spells an acronym the question writes (`spelled_in`).
    With `within` (a rule's subject words), only a run the subject holds whole: an acronym
    names the whole name it abbreviates, so "FSA" (the "Food Standards Agency") names no rule
    about "ingestible CBD food products", while "PT" names one about "personal training"."""
    subject = set().union(*(terms(w) for w in within)) if within is not None else None
    out: set[str] = set()
    for acronym in question_acronyms(question):
        for phrase in spelled_in(acronym, text):
            words = terms(phrase)
            if subject is None or words <= subject:
                out |= words
    return out


def with_spelled(question: str, text: str) -> str:
    """`question` with each acronym it writes followed by the run of `text` that spells it, in
    brackets ("FRN shown on the landing page" and "the FCA firm reference number must be shown
    on the landing page" -> "FRN (firm reference number) shown ..."), so a reader comparing the
    case's words with a duty's (core/disclosure.py `carried`, core/conduct.py `duty_status`)
    finds the words the acronym stands for. Only an acronym `text` spells by exactly one run
    (`spelled_in`, lowercase words as written; capitalised names are core/conduct.py
    `with_acronyms`); an acronym it spells two ways names neither, and one the question spells
    already is left as it is. Measured (session 18, with core/disclosure.py reading a bracketed
    clause and a place opening a passive subject): dev5 0.472 -> 0.486 (an FCA pawnbroker with
    "FRN shown on the landing page": restrict -> approve); other packs and validation unchanged."""
    for acronym in question_acronyms(question):
        runs = spelled_in(acronym, text)
        if len(runs) != 1 or runs[0] in " ".join(question.lower().split()):
            continue  # spelled two ways, or the question spells it already ("VOHC (Veterinary Oral Health Council)")
        question = re.sub(rf"(?<![\w'-]){acronym}s?(?![\w'-])", lambda m: f"{m.group(0)} ({runs[0]})", question)
    return question


__all__ = ["clause_spelled_terms", "question_acronyms", "spelled_in", "with_spelled"]
