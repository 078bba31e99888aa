"""One sentence splitter (core/sentences.py): quote sentences and rule units, verbatim offsets.

Rule units were split by a second module (rules/sentences.py) until issue 13; its outputs on
every section, chunk, raw file, question and quote of corpus/ and evals/validation/ were
compared before and after the move (1151 texts, 2508 units, 2542 sentences: identical).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policydesk.core.sentences import split_sentences, split_units


def _texts(repo_root: Path) -> list[str]:
    from policydesk.ingest.loaders import load_document
    from policydesk.rules.annotate import document_paths

    out = []
    for f, root in document_paths([repo_root / "corpus", repo_root / "evals/validation/policies"]):
        out += [s.text for s in load_document(f, root).sections]
    return out


def test_units_are_verbatim_slices_and_never_cross_a_list_item(repo_root):
    texts = _texts(repo_root)
    assert texts
    for t in texts:
        for split in (split_units, split_sentences):
            for s in split(t):
                assert t[s.start : s.end] == s.text and s.text == s.text.strip()


@pytest.mark.parametrize(
    ("text", "units", "items"),
    [
        ("Ads in the U.S. must be verified. Ads in the U.K. may run.", ["Ads in the U.S. must be verified.", "Ads in the U.K. may run."], [False, False]),
        ("Allowed, e.g. for charities. Nothing else.", ["Allowed, e.g. for charities.", "Nothing else."], [False, False]),
        ("Subject to the following conditions: The advertiser is licensed.", ["Subject to the following conditions:", "The advertiser is licensed."], [False, False]),
        ("Rules:\n- no minors\n- licence required\n", ["Rules:", "no minors", "licence required"], [False, True, True]),
    ],
)
def test_rule_units(text, units, items):
    got = split_units(text)
    assert [u.text for u in got] == units
    assert [u.bullet for u in got] == items  # a list item, its marker left out


def test_quote_sentences_keep_the_bullet_marker():
    spans = split_sentences("Rules:\n- no minors\n- licence required\n")
    assert [s.text for s in spans] == ["Rules:", "- no minors", "- licence required"]


def test_the_word_before_a_stop_is_what_the_regex_found(repo_root):
    """`_word_before` reads back from a full stop what `([A-Za-z.]+)[.!?]$` found scanning the
    sentence from its start (issue 16: the scan was repeated for every stop of a chunk)."""
    import random
    import re

    from policydesk.core.sentences import _END_RE, _word_before

    def regex_word(block: str, last: int, stop: int) -> str:
        m = re.search(r"([A-Za-z.]+)[.!?]$", block[last : stop + 1])
        return m.group(1) if m else ""

    rng = random.Random(16)
    blocks = [t for t in _texts(repo_root)]
    blocks += ["".join(rng.choice("ab. U.S!?e.g\u00e9 \n)'”1") for _ in range(rng.randint(1, 60))) for _ in range(3000)]
    checked = 0
    for block in blocks:
        for last in (0, len(block) // 3):
            for m in _END_RE.finditer(block, last):
                assert _word_before(block, last, m.start()) == regex_word(block, last, m.start()), (block, last, m.start())
                checked += 1
    assert checked > 2000


def test_trim_strips_what_the_character_loop_stripped():
    import random

    from policydesk.core.sentences import _trim

    def loop(text, start, end):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end

    rng = random.Random(16)
    for _ in range(20000):
        text = "".join(rng.choice(" \t\n\xa0\u2003ab.\u200b") for _ in range(rng.randint(0, 12)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        assert _trim(text, start, end) == loop(text, start, end), (text, start, end)
