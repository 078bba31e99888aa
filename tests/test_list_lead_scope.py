"""A list whose lead points back (core/clause_logic.py `read_clause_logic`, `list_scope`): "Kite
buggies can only be advertised in … . In those markets:" then items; an item naming no subject
of its own governs what the sentence pointed back to governs, not every case of the policy."""

from __future__ import annotations

from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.types import Chunk

TEXT = """Kite buggies can only be advertised in the United States and Canada. In those markets:

- Ads must target people aged 16 or older.
- Each buggy must have a seat belt. Buggies without brakes aren't allowed.
- The ad must state the top speed.

Ads must not show people flying kites near power lines."""


def _scope(text: str, start: str) -> list[str]:
    chunk = Chunk(id="k", source="kites.md", title="Kite Shops Policy", section="Allowed with restrictions > Kite buggies",
                  clause_id=None, decision=None, markets=["global"], position=2, text=text)
    found = [r for r in read_clause_logic(chunk) if r.quote.lstrip("- ").startswith(start)]
    assert found, start
    return found[0].scope


def test_an_item_naming_no_subject_governs_the_lead_sentences_subject():
    lead = _scope(TEXT, "Kite buggies")
    assert lead == ["kite", "buggies"]
    assert _scope(TEXT, "Ads must target") == lead  # the first item
    assert _scope(TEXT, "The ad must state") == lead  # after an item of two sentences
    assert _scope(TEXT, "Each buggy") != lead  # an item with a subject of its own keeps it


def test_the_list_ends_with_its_paragraph_and_only_a_lead_pointing_back_passes_its_subject():
    assert "buggies" not in _scope(TEXT, "Ads must not show")
    plain = TEXT.replace("In those markets:", "Advertisers must also:")
    assert "buggies" not in _scope(plain, "Ads must target")
