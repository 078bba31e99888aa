"""Hyphenated compounds spelt solid or hyphenated meet on both retrieval sides (BM25 in
core/keyword.py, subject overlap in core/terms.py), on invented wording."""

from __future__ import annotations

from policydesk.core import keyword
from policydesk.core.terms import subject_terms, terms

CLAUSE = "Shops that sell kite-boards, snap-hooks or tow-lines must show a safety notice."


def test_a_solid_spelling_finds_the_hyphenated_clause_by_keywords():
    index = keyword.build_index([CLAUSE, "Paraglider schools must show an instructor licence."])
    positions, _ = keyword.search(index, "kiteboard shop ad", 2)
    assert list(positions[:1]) == [0]
    assert set(keyword.tokenize("snaphooks")) <= set(keyword.tokenize(CLAUSE))


def test_a_solid_spelling_is_a_subject_word_of_the_hyphenated_clause():
    assert {"kiteboard"} <= subject_terms("Kiteboard rental ad") & terms(CLAUSE)
    # The hyphenated spelling still meets the clause by its parts, as it always did.
    assert {"kite", "board"} <= subject_terms("kite-board rental ad") & terms(CLAUSE)


def test_a_question_hyphenating_a_compound_counts_it_by_its_parts_only():
    """Its solid form would count the same words twice, and by the prefix match of subject
    overlap meet every clause that uses its first part ("snap")."""
    subject = subject_terms("snap-hook maker, 22-year-old founder")
    assert "snaphook" not in subject and {"snap", "hook"} <= subject
    assert not any("year" in t for t in subject)  # generic parts stay out, solid or not


def test_the_possessive_compound_scan_finds_what_the_backtracking_one_found():
    """core/keyword.py makes the first run of letters possessive for speed; on every text of the
    sample corpus and the dev packs, and on edge cases (digits, underscores, chains), it must
    find the very compounds the plain pattern found."""
    import re
    from pathlib import Path

    plain = re.compile(r"\b[a-z]+(?:[-\u2010\u2011][a-z]+)+\b")
    root = Path(__file__).resolve().parents[1]
    texts = [
        "a-b-c9 x-y_ z-9 abc1-def kite\u2010board 22-year-old hook-ups -lead trail- e-cig-arette",
        "well-known, self-\u2011serve; re-enter--twice a--b",
    ]
    for path in [*(root / "corpus").rglob("*"), *(root / "tests" / "fixtures").glob("blind_dev*/policies/*")]:
        if path.is_file() and path.suffix in {".md", ".txt", ".html"}:
            texts.append(path.read_text(encoding="utf-8", errors="replace").lower())
    assert len(texts) > 20
    found = 0
    for text in texts:
        expected = [m.group(0) for m in plain.finditer(text)]
        assert keyword.hyphenated(text) == expected
        found += len(expected)
    assert found > 100
