"""Content words for matching a question's subject against a clause ("vapes" ~ "vaping").

BM25 has its own light tokenizer (core/keyword.py) that must match the index; this one is
only for the answerer's overlap features, so it can stem harder: Snowball (PyStemmer) when
installed, the core stemmer otherwise, plus British/American spelling folds.
"""

from __future__ import annotations

import re
from functools import lru_cache

from policydesk.core import keyword, lexicon

try:  # PyStemmer is optional; bm25s recommends it too.
    import Stemmer

    _STEMMER = Stemmer.Stemmer("english")
except Exception:  # pragma: no cover - exercised only without PyStemmer
    _STEMMER = None

_WORD_RE = re.compile(r"[a-z0-9]+")
_FOLDS = {"licenc": "licens", "authoris": "author", "organis": "organ", "programm": "program"}

# Words every ad-policy question shares; they say nothing about what the ad is for.
# Every inflection of the act counts: "Kiln kits must not be advertised to hobbyists" bans an
# act every case does (advertising); read as a word of the ban's subject it bound them all.
GENERIC_WORDS = """
ad ads advert adverts advertise advertising advertised advertises advertisement advertisements advertiser advertisers
promoted promotes
run runs running allowed allow allows permitted permit okay ok fine accepted accept approve approved reject
policy policies rule rules market markets country countries platform campaign campaigns creative creatives
promote promoting promotion promotions show shown showing target targeting targeted user users people
brand brands company companies business client customer customers want wants need needs let lets get got
post posts posting someone anyone something anything thing things about also still even just like really
yes no my me i we our us they them he she his her its mine ours what which whether able would could should
sell selling sold product products service services offer offers offering new launch launching any
do does did can may might will shall is are be been being was were there here this that these those it
issue issues problem problems question regarding re wondering check confirm
not no without never none pre own okay ok too either year years old olds aged per
""".split()


def _stem(word: str) -> str:
    w = word.replace("z", "s") if len(word) > 5 else word
    s = _STEMMER.stemWord(w) if _STEMMER is not None else keyword.stem(w)
    s = _FOLDS.get(s, s)
    if len(s) >= 4 and s.endswith("s") and not s.endswith("ss"):
        s = s[:-1]
    return s


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _stem(word)


GENERIC = frozenset(stem(w) for w in GENERIC_WORDS) | {stem(w) for w in keyword.STOPWORDS}


_NEGATED_COMPOUND = re.compile(r"\bnon-[a-z]+")
# Every ASCII character but [a-z0-9] as a space: in an ASCII text the runs `_WORD_RE` finds
# are then the words `str.split` gives, in order (one C pass instead of a regex scan).
_NOT_WORD = {i: " " for i in range(128) if not ("0" <= chr(i) <= "9" or "a" <= chr(i) <= "z")}


def _words(low: str) -> list[str]:
    """`_WORD_RE.findall(low)`, split in C when `low` is ASCII (~2x cheaper a chunk)."""
    return low.translate(_NOT_WORD).split() if low.isascii() else _WORD_RE.findall(low)


def terms(text: str) -> set[str]:
    """Stemmed content words of `text` (stopwords dropped, generic ad words kept); a
    hyphenated compound also as one word ("hook-ups" gives hook, up and hookup: see
    `keyword.solid`)."""
    low = keyword.fold_accents(text.lower())
    # "non-locking" names no locking: the negated word counts only in its compound ("nonlock"),
    # so a clause about locking blades is not named by a non-locking knife, nor a clause about
    # non-surgical treatments by a surgical one (by construction, not a word list)
    # (every match holds "non-": a text without it is not scanned, the scan of every word
    # cost ~25 µs a chunk at ingest)
    words = set(_words(_NEGATED_COMPOUND.sub(" ", low) if "non-" in low else low))
    words.update(keyword.solid(c) for c in keyword.hyphenated(low))
    # Each distinct word stemmed once: a clause repeats its words (ingest counts every
    # chunk's terms for the store's word rarity, `core/corpus_facts.py`).
    return {stem(t) for t in words - keyword.STOPWORDS}


def same_stem(a: str, b: str, min_len: int = 5) -> bool:
    """Two stems of one word: equal, or one a prefix of the other when both are long enough
    ("licens" / "licensing" stems). The one prefix match for every reader that compares a
    requirement's stems with a case's (restated, conduct, disclosure, execute, credentials)."""
    return a == b or (len(a) >= min_len and len(b) >= min_len and (a.startswith(b) or b.startswith(a)))


def subject_terms(text: str, drop: set[str] | frozenset[str] = frozenset()) -> set[str]:
    """What a question is about: content words minus generic ad-policy words and `drop`.

    A compound the question hyphenates counts by its parts, as it always did: its solid form
    would count the same words twice and, through the prefix match of subject overlap
    (assistant/ranking.py), meet any clause that uses its first part ("drinkdriv" ~ "drink").
    The solid form is for the clause side: a question's "hookup" meets a clause's "hook-ups"."""
    low = keyword.fold_accents(text.lower())
    skip = {stem(keyword.solid(c)) for c in keyword.hyphenated(low)}
    return {t for t in terms(text) if t not in GENERIC and t not in drop and t not in skip and not t.isdigit()}


@lru_cache(maxsize=8192)
def term_words(text: str) -> dict[str, frozenset[str]]:
    """The words of `text` behind each of its `terms` (stem -> the words as written, folded):
    what core/lexicon.py compares, as a stem has lost the word."""
    low = keyword.fold_accents(text.lower())
    out: dict[str, set[str]] = {}
    for w in _WORD_RE.findall(low):
        if w not in keyword.STOPWORDS:
            out.setdefault(stem(w), set()).add(w)
    return {t: frozenset(ws) for t, ws in out.items()}


def same_meaning(t: str, source: str, h: str, target: str, kinds: bool = False) -> bool:
    """Does the word behind stem `t` in `source` (a condition) say what the word behind stem
    `h` in `target` (the case) says, in other words: the same base form, a derivationally
    related form or a shared frequent sense (`lexicon.related`: "entry" for "enter", "loss"
    for "lose", "viewers" for "spectators")? With `kinds`, also a kind of it (the case may be
    more specific than the condition, never more general: `lexicon.names_kind`, "odds" for
    "probability", "vehicle" stated by "car"); only where the case affirms a requirement, never
    where it denies one (denying a kind of a thing does not deny the thing). Words of fewer
    than three letters and numbers never match this way. The lexicon is loaded on the first
    call."""
    if t == h:
        return True
    ws = [w for w in term_words(source).get(t, ()) if len(w) > 2 and w.isalpha()]
    hs = [w for w in term_words(target).get(h, ()) if len(w) > 2 and w.isalpha()]
    match = lexicon.names_kind if kinds else lexicon.related
    return any(match(a, b) for a in ws for b in hs)


def opposed_in(t: str, source: str, target: str) -> bool:
    """Does `target` (the case) use a word WordNet lists as an antonym of the word behind stem
    `t` in `source` (a condition): "different" where the condition says "same"? A condition
    found by most of its words is not found when a word it misses is contradicted."""
    ws = [w for w in term_words(source).get(t, ()) if len(w) > 2 and w.isalpha()]
    hs = [w for ts in term_words(target).values() for w in ts if len(w) > 2 and w.isalpha()]
    return any(lexicon.opposed(a, b) for a in ws for b in hs)
