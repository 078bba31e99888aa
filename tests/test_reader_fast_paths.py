"""The reader's and tokenizers' cheaper paths (issue 16, ingest / encode-only) give what their
regex scans give.

`keyword.hyphenated` tries its pattern only where a compound can start, `keyword.tokenize` and
`terms.terms` split ASCII text in C and skip the negated-compound scan of a text without
"non-", `markets._mention_matches` tries the lexicon only where a form's first word stands,
`reading.view` translates an ASCII text's whitespace: each is compared here with the plain
scan it replaces, on every policy text of the repository and on random strings made of the
characters that decide a token's edges.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from policydesk.core import keyword, terms

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [p.read_text(encoding="utf-8", errors="replace") for d in (ROOT / "corpus", ROOT / "tests" / "fixtures") for p in sorted(d.rglob("*")) if p.suffix in (".md", ".txt", ".html")]


def _random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    alphabet = "ab9-\u2010\u2011'\u2019 \n\t_\u00e9.,XnoN"
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24))) for _ in range(n)]


def _hyphenated_scan(text: str) -> list[str]:
    if "-" not in text and "\u2010" not in text and "\u2011" not in text:
        return []
    return [m.group(0) for m in keyword._HYPHENATED.finditer(text)]


def _tokenize_scan(text: str) -> list[str]:
    low = keyword.fold_accents(text.lower().replace("\u2019", "'"))
    words = keyword.TOKEN_RE.findall(low) + [keyword.solid(c) for c in _hyphenated_scan(low)]
    return [keyword.stem(t) for t in words if t not in keyword.STOPWORDS]


def _terms_scan(text: str) -> set[str]:
    low = keyword.fold_accents(text.lower())
    words = set(terms._WORD_RE.findall(terms._NEGATED_COMPOUND.sub(" ", low)))
    words.update(keyword.solid(c) for c in _hyphenated_scan(low))
    return {terms.stem(t) for t in words - keyword.STOPWORDS}


def test_policy_texts_are_there():
    assert len(TEXTS) > 20 and sum("-" in t for t in TEXTS) > 20 and any("'" in t for t in TEXTS)


@pytest.mark.parametrize("case", ["e-cigarettes and hook-ups", "a-b-1 x-y-z", "2e-cig", "non-alcoholic pre-mixed", "ab\u2010cd-ef_", "-a- b--c", "\u00e9-cig e-\u00e9"])
def test_hyphenated_examples(case):
    assert keyword.hyphenated(case.lower()) == _hyphenated_scan(case.lower())


def test_hyphenated_matches_the_scan():
    for text in [t.lower() for t in TEXTS] + _random_texts(50_000, 1):
        assert keyword.hyphenated(text) == _hyphenated_scan(text), text


def test_tokenize_matches_the_scan():
    for text in TEXTS + _random_texts(30_000, 2):
        assert keyword.tokenize(text) == _tokenize_scan(text), text


def test_terms_match_the_scan():
    for text in TEXTS + _random_texts(30_000, 3):
        assert terms.terms(text) == _terms_scan(text), text
    assert "lock" not in terms.terms("Non-locking knives") and terms.terms("non-locking knives") == _terms_scan("non-locking knives")


def test_market_mentions_match_the_whole_pattern():
    """`markets._mention_matches` tries the lexicon's pattern only where a form's first word is
    a whole token (found by `str.find`): the same matches as the pattern scanned everywhere."""
    from policydesk.core import markets
    from policydesk.core.sentences import split_sentences

    texts = [s.text for t in TEXTS for s in split_sentences(t)] + TEXTS
    rng = random.Random(5)
    pieces = list(markets._lexicon())[:150] + ["the", "The", "US", "U.S.", "USA", "New", "York", "_", "\u00e9", "1", ", ", ".", "x"]
    texts += ["".join(rng.choice(pieces) + rng.choice(["", " ", "_", "x", "2", ".", "\u00e9"]) for _ in range(rng.randint(0, 8))) for _ in range(20_000)]
    found = 0
    for text in texts:
        got = [(m.span(), m.group()) for m in markets._mention_matches(text)]
        assert got == [(m.span(), m.group()) for m in markets._pattern().finditer(text)], text
        found += bool(got)
    assert found > 1000


def test_view_spaces_are_the_pattern_spaces():
    from policydesk.core import reading

    for i in range(128):
        assert bool(reading._SPACE.match(chr(i))) == (i in reading._ASCII_SPACES), i
    for text in TEXTS + _random_texts(5_000, 4) + ["a\x1cb\x1fc\vd\fe\r\n"]:
        if text.isascii():
            assert text.translate(reading._ASCII_SPACES) == reading._SPACE.sub(" ", text)
    assert reading.view("Ads\tmust\nnot \u201cshow\u201d") == "Ads must not \u201c____\u201d"


def test_solid_drops_every_hyphen_the_pattern_drops():
    import re

    for text in ["hook-ups", "e\u2010cig\u2011arette", "a-b\u2010c\u2011d--e", "plain"] + _random_texts(5_000, 6):
        assert keyword.solid(text) == re.sub(r"[-\u2010\u2011]", "", text)
