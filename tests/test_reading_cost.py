"""Cheaper reading at ingest (issue 16), each the same as what it replaced: find_mentions
tries the market pattern only where a form's first word stands, and must find exactly what
scanning every position finds; read_unit copies cached readings field by field."""

from __future__ import annotations

import random
from pathlib import Path

from policydesk.core.markets import _lexicon, _mention_matches, _pattern

ROOT = Path(__file__).resolve().parents[1]


def _texts() -> list[str]:
    dirs = [ROOT / "corpus"] + [ROOT / "tests" / "fixtures" / d / "policies" for d in ("blind_dev", "blind_dev2", "blind_dev3", "blind_dev4", "blind_dev5", "blind_dev6", "blind_dev7")]
    return [f.read_text(encoding="utf-8") for d in dirs for f in sorted(d.rglob("*")) if f.suffix in (".md", ".txt", ".html")]


def _spans(matches) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in matches]


def test_same_mentions_as_the_full_scan_on_the_corpus_and_dev_packs():
    found = 0
    for text in _texts():
        expected = _spans(_pattern().finditer(text))
        assert _spans(_mention_matches(text)) == expected
        found += len(expected)
    assert found > 200


def test_same_mentions_on_tricky_and_random_text():
    forms = sorted(_lexicon())
    rng = random.Random(16)
    glue = [" ", ", ", ".", "-", "_", "x", "New ", "New South ", "the ", "\u00e9", "(", "U.S.", "1"]
    texts = ["New South Wales and South Korea", "U.S.-based, the U.S. and US users", "UKraine UK_x xUK", "Papua New Guinea. New Zealand"]
    for _ in range(3000):
        texts.append("".join(rng.choice(glue) + (rng.choice(forms) if rng.random() < 0.7 else rng.choice(forms).lower()) for _ in range(rng.randint(1, 6))))
    for text in texts:
        assert _spans(_mention_matches(text)) == _spans(_pattern().finditer(text)), text


def test_read_unit_copies_every_field_of_a_cached_reading():
    """`read_unit` hands out copies made field by field (issue 16: `dataclasses.replace` cost
    more than the reading it copied); a field added to `Reading` must be copied too."""
    import dataclasses

    from policydesk.core.reading import Reading, _fresh, read_unit

    r = Reading("q", 1, 2, "reject", ["FR"], ["DE"], ["min_age:18"], 0.7, True, True, "disease claims")
    copy = _fresh(r)
    assert copy == dataclasses.replace(r) and copy is not r
    assert copy.markets is not r.markets and copy.except_markets is not r.except_markets and copy.conditions is not r.conditions
    assert {f.name for f in dataclasses.fields(Reading)} == {
        "quote", "start", "end", "decision", "markets", "except_markets", "conditions", "confidence", "anaphora", "complement", "excepts",
    }
    first = read_unit("Gambling ads are prohibited in France, except for lotteries.")
    first[0].markets.append("XX")
    assert "XX" not in read_unit("Gambling ads are prohibited in France, except for lotteries.")[0].markets
