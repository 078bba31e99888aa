"""The keyword side of hybrid retrieval: one tokenizer for indexing and querying (bm25s).

bm25s builds and saves the index at ingest; a question scores it through
core/bm25_files.py (the same sums, without importing bm25s and scipy). We only fix the
tokenisation so that ingest and query agree.
A light suffix stemmer keeps "advertise", "advertising" and "advertisements" together
without pulling in a stemming dependency.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import bm25s

    from policydesk.core.bm25_files import SavedBM25

TOKEN_RE = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
STOPWORDS = frozenset(
    """a an and are as at be been but by can could do does for from had has have how i if in into is it
    its of on or our s so such than that the their them then there these they this those to too us was
    we were what when where which while who will with would you your ok okay please""".split()
)
_SUFFIXES = ("ations", "ation", "ments", "ment", "ingly", "ings", "ing", "ies", "ied", "ers", "er", "es", "ed", "ly", "s")


def stem(token: str) -> str:
    if len(token) <= 4 or token.isdigit():
        return token
    for suf in _SUFFIXES:
        if token.endswith(suf) and len(token) - len(suf) >= 4:
            return token[: -len(suf)] + ("y" if suf in ("ies", "ied") else "")
    return token


def fold_accents(text: str) -> str:
    """"préstamos" -> "prestamos": accented letters kept as words, not split at the accent.

    The token pattern is ASCII, so without this a Spanish or French policy was indexed as
    fragments ("pr", "stamos") and a question in its language matched little of it."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# Part of every document's fingerprint (ingest/pipeline.py): a change here rebuilds the index.
# 2: hyphenated compounds also as one word.
TOKENIZER_VERSION = "2"
# The first run of letters is possessive (`++`): giving letters back can never put a hyphen
# after them, and the backtracking made this scan ~40% slower (same matches on the sample corpus
# and the dev packs: tests/test_scope_compounds.py).
_HYPHENATED = re.compile(r"\b[a-z]++(?:[-\u2010\u2011][a-z]+)+\b")


_HYPHEN = re.compile(r"[-\u2010\u2011]")


def hyphenated(text: str) -> list[str]:
    """The hyphenated compounds of lower-cased `text` ("hook-ups", "year-old"), hyphens as written.

    A text without a hyphen has none, and three substring tests are far cheaper than the scan,
    which tries every word (~6% of reading the benchmark corpus at ingest).

    What `_HYPHENATED.finditer(text)` finds, tried only where a compound can start: a match
    starts at a word boundary and its possessive run of letters ends at a hyphen, so it starts
    where the run of letters before some hyphen starts. The pattern is matched there, hyphen
    by hyphen left to right from the end of the last match, as `finditer` goes on (a scan of
    every position cost ~30 µs a chunk, and nearly every benchmark chunk has a hyphen)."""
    if "-" not in text and "\u2010" not in text and "\u2011" not in text:
        return []
    out: list[str] = []
    end = 0
    # The hyphens in order: by `str.find` when the text has plain ones only (nearly always).
    plain = "\u2010" not in text and "\u2011" not in text
    for q in _plain_hyphens(text) if plain else (h.start() for h in _HYPHEN.finditer(text)):
        if q < end:
            continue
        p = q
        while p > end and "a" <= text[p - 1] <= "z":
            p -= 1
        if p == q:
            continue
        m = _HYPHENATED.match(text, p)
        if m is not None:
            out.append(m.group(0))
            end = m.end()
    return out


def _plain_hyphens(text: str):
    q = text.find("-")
    while q >= 0:
        yield q
        q = text.find("-", q + 1)


def solid(compound: str) -> str:
    """A compound written as one word: "hook-ups" -> "hookups".

    Writers and advertisers spell one compound several ways ("hook-ups" in the policy,
    "hookup app" in the question; "e-cigarette" / "ecigarette"). The token pattern splits at
    the hyphen, so "hookup" shared no token with "hook-ups" and a question in the other
    spelling found neither the clause (BM25) nor its words (subject overlap). Every reader
    that tokenises (this index and core/terms.py) adds the solid form beside the parts, so
    both spellings meet whichever side hyphenates."""
    return compound.replace("-", "").replace("\u2010", "").replace("\u2011", "")


# Stems of words seen, shared by every tokenize call: the vocabulary repeats (indexing the
# bench corpus stemmed 104,284 words), and a dict lookup costs a fraction of the suffix loop.
# Cleared when it grows past _STEM_CACHE_MAX, so a long-running process stays bounded.
_STEM_CACHE: dict[str, str] = {}
_STEM_CACHE_MAX = 200_000


# Every ASCII character but [a-z0-9] as a space: in an ASCII text without an apostrophe the
# tokens `TOKEN_RE` finds are then the words `str.split` gives, in order (one C pass instead of
# a regex scan of every word; ~85% of the benchmark corpus's chunks).
_NOT_TOKEN = {i: " " for i in range(128) if not ("0" <= chr(i) <= "9" or "a" <= chr(i) <= "z")}


def tokenize(text: str) -> list[str]:
    low = fold_accents(text.lower().replace("’", "'"))
    plain = low.isascii() and "'" not in low
    words = (low.translate(_NOT_TOKEN).split() if plain else TOKEN_RE.findall(low)) + [solid(c) for c in hyphenated(low)]
    cache = _STEM_CACHE
    if len(cache) > _STEM_CACHE_MAX:
        cache.clear()
    out = []
    for t in words:
        if t in STOPWORDS:
            continue
        s = cache.get(t)
        if s is None:
            s = cache[t] = stem(t)
        out.append(s)
    return out


def build_index(texts: list[str]) -> bm25s.BM25 | None:
    if not texts:
        return None
    import bm25s  # ingest only: it imports scipy

    retriever = bm25s.BM25()
    corpus_tokens = [tokenize(t) or ["_empty_"] for t in texts]
    retriever.index(corpus_tokens, show_progress=False)
    return retriever


def search(
    index: bm25s.BM25 | SavedBM25 | None, query: str, k: int, mask: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Top-k (document positions, scores); empty when the query has no indexed terms.

    `mask` (bool per indexed document) applies metadata filters before the cut, so a rare
    filter still gets k keyword candidates.
    """
    empty = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))
    if index is None:
        return empty
    tokens = tokenize(query)
    if not tokens:
        return empty
    scores = np.asarray(index.get_scores(tokens), dtype=np.float32)
    return top_positive(scores, k, mask)


# Every SAMPLE_STRIDE-th score is looked at first to bound the k-th best from below.
SAMPLE_STRIDE = 16


def top_positive(scores: np.ndarray, k: int, mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The k best positive scores among the allowed positions, best first, ties by position.

    Exact, but without partitioning the whole array: the k-th best score of every 16th
    position cannot be above the k-th best of all, so only positions scoring at least that
    (a few hundred) are partitioned. At a million chunks, where a question's common words
    give ~400k positive scores, this took 2.1 / 3.4 ms p50 / p95 against 4.0 / 6.2 for a
    masked copy and a full argpartition (200 bench questions, 2026-11-29)."""
    empty = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))
    k = min(k, len(scores))
    if k <= 0:
        return empty
    sample = scores[::SAMPLE_STRIDE]
    if mask is not None:
        sample = sample * mask[::SAMPLE_STRIDE]
    floor = np.partition(sample, len(sample) - k)[len(sample) - k] if len(sample) > k else 0.0
    cand = np.flatnonzero(scores >= floor) if floor > 0 else np.flatnonzero(scores > 0)
    if mask is not None:
        cand = cand[mask[cand]]
    vals = scores[cand]
    if len(cand) > k:
        kth = -np.partition(-vals, k - 1)[k - 1]
        keep = vals >= kth  # every tie at the cut, so the position decides among them
        cand, vals = cand[keep], vals[keep]
    order = np.lexsort((cand, -vals))[:k]
    return cand[order].astype(np.int64), vals[order]
