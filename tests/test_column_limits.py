"""A bare quantity cell under a column headed as a maximum or a minimum is that limit for its
row's thing (core/column_limits.py). Wording invented here (garden chemicals, kite sizes), the
real reader."""

from __future__ import annotations

from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.column_limits import column_limit
from policydesk.core.sentences import split_sentences
from policydesk.core.types import Chunk

TABLE = """Garden chemicals may be advertised only within these limits:

| Product | Maximum strength in consumer ads | Other conditions |
|---|---|---|
| Slug pellets | 3% | Pack no larger than 2 kg |
| Weed spray (e.g. glyphosate) | 0.5% (5 g/l) | None |
"""


def _rules(text):
    return read_clause_logic(Chunk(id="garden.md#2", text=text, source="garden.md", title="Garden chemicals", section="Limits", clause_id="2"))


def test_a_quantity_under_a_maximum_header_is_the_rows_limit():
    rules = _rules(TABLE)
    slug = [r for r in rules if r.row and r.row.startswith("Slug") and "max:3%" in r.conditions]
    assert len(slug) == 1 and slug[0].decision == "restrict"
    assert "slug" in slug[0].scope
    spray = [r for r in rules if r.row and r.row.startswith("Weed") and any(c.startswith("max:0.5") for c in r.conditions)]
    assert len(spray) == 1


def test_the_header_says_which_limit_and_the_cell_must_be_a_quantity_alone():
    text = """| Kite | Minimum flyer age | Typical size |
|---|---|---|
| Power kite | 16 | 3 m |
| Stunt kite | see below | 2 m |
"""
    spans = split_sentences(text)
    limits = {s.text.strip(): column_limit(text, spans, k) for k, s in enumerate(spans)}
    assert limits["16"] == "at least 16"
    assert limits["3 m"] is None  # "Typical size" states no limit
    assert limits["see below"] is None
