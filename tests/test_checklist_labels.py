"""Checklist items (session 16): a plain label of nouns before a colon names what the item
governs ("[ ] Pepper spray / CS spray: ONLY in US, FR, IT and PL." is about pepper spray, not
every self-defence product), a label of market codes ("GB and IE: …") or a cue word
("EXCEPTION: …") does not, and "OK" is a plain permission. Invented wording, real reading."""

from policydesk.core.clause_logic import _names_things, read_clause_logic
from policydesk.core.reading import read_unit
from policydesk.core.types import Chunk

TEXT = ("[ ] Hand flares / smoke canisters: ONLY in US, FR, IT and PL.\n"
        "[ ] Whistles and torches: OK in all markets, no age targeting needed.")


def test_a_label_of_nouns_names_things():
    assert _names_things("Hand flares / smoke canisters")
    assert _names_things("Whistles and torches")
    assert not _names_things("GB and IE")
    assert not _names_things("EXCEPTION")


def test_ok_is_a_permission():
    assert read_unit("[ ] Whistles and torches: OK in all markets.")[0].decision == "approve"
    assert read_unit("Foam practice swords are OK.")[0].decision == "approve"


def test_the_labelled_item_is_scoped_to_its_label():
    chunk = Chunk(id="c1", text=TEXT, source="kit.txt", policy_id="P", title="Boating safety kit", markets=[])
    rules = read_clause_logic(chunk)
    flares = next(r for r in rules if "flares" in r.quote)
    assert {"hand", "flares", "smoke", "canisters"} <= set(flares.scope)
    assert "only_markets:US,FR,IT,PL" in flares.conditions


def test_sub_items_of_a_labelled_checklist_item_govern_its_label():
    text = ("[ ] Whistles and torches: OK in all markets. [ ] Hand flares / smoke canisters: ONLY in US, FR, IT and PL.\n"
            "- Target 18+.\n[ ] Must not claim any product makes the user safe.")
    chunk = Chunk(id="c1", text=text, source="kit.txt", policy_id="P", title="Boating safety kit", markets=[])
    rules = read_clause_logic(chunk)
    target = next(r for r in rules if "Target 18+" in r.quote)
    assert set(target.scope) == {"hand", "flares", "smoke", "canisters"}
    whistles = next(r for r in rules if "Whistles" in r.quote)
    assert {"whistles", "torches"} <= set(whistles.scope)
