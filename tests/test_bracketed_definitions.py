"""A noun phrase followed by a bracketed list of what it takes in defines a category
(core/definitions.py `bracketed_definitions`), and a question naming a member answers from a
clause that names the category even when the model scores the clause low (assistant/ranking.py
`scope_evidence`). On an invented garden-machinery policy ingested into a real store."""

from __future__ import annotations

from policydesk.assistant.chain import ask
from policydesk.core.definitions import bracketed_definitions, policy_definitions
from policydesk.core.types import Filters
from policydesk.ingest.pipeline import ingest_paths


def test_a_bracketed_list_after_a_noun_phrase_defines_it():
    assert bracketed_definitions("- Petrol power tools (chainsaws, leaf blowers or hedge cutters) may only be shown to adults.") == [
        ("Petrol power tools", ["chainsaws", "leaf blowers", "hedge cutters"])
    ]
    assert bracketed_definitions("Regulated sprays (e.g. glyphosate, paraquat and diquat) need a licence.") == [
        ("Regulated sprays", ["glyphosate", "paraquat", "diquat"])
    ]


def test_brackets_that_except_point_elsewhere_or_follow_no_term_define_nothing():
    for sentence in (
        "Show tools only in use outdoors (apart from battery shears, see Exceptions), with bystanders well away.",
        "Each serving (one tablet, capsule or scoop) must be labelled.",  # "each" names no category
        "Ads must show the price (including VAT, delivery and fees).",  # a requirement, not a term
        "Ride-on mowers (more than 50 cc) need a warning.",  # one qualification, not a list
        "Petrol power tools (or the retailer's equivalent) are covered.",
    ):
        assert bracketed_definitions(sentence) == [], sentence


def test_policy_definitions_keep_bracketed_members_beside_defining_sentences():
    text = "Chainsaws are covered. Petrol power tools (chainsaws, leaf blowers or hedge cutters) may only be shown to adults."
    assert policy_definitions(text) == {"petrol power tools": ["chainsaws", "leaf blowers", "hedge cutters"]}


POLICY = """# Garden Machinery

## What's allowed with restrictions

- Petrol power tools (chainsaws, leaf blowers or hedge cutters) may only be advertised to people aged 18 or older.

## Country rules

- Norway
- The minimum age for ads for petrol power tools is 20.
"""


def test_a_member_the_question_names_answers_from_the_clause_naming_its_category(tmp_path, make_settings):
    root = tmp_path / "policies"
    root.mkdir()
    (root / "garden-machinery.md").write_text(POLICY, encoding="utf-8")
    settings = make_settings()
    ingest_paths([root], settings)
    too_young = ask("Stihl hedge cutters promo for Norway, audience 18-30.", filters=Filters(market="NO"), settings=settings)
    assert too_young.verdict == "reject", too_young.answer
    assert "petrol power tools" in too_young.answer.lower()
    old_enough = ask("Stihl hedge cutters promo for Norway, audience 21-40.", filters=Filters(market="NO"), settings=settings)
    assert old_enough.verdict in ("approve", "restrict"), old_enough.answer
    # Naming no member of the category gives no such evidence.
    other = ask("Garden gnome statues promo for Norway, audience 18-30.", filters=Filters(market="NO"), settings=settings)
    assert not any("counts as" in w for w in other.warnings), other.warnings


def test_a_member_named_by_its_head_alone_is_not_named_under_another_classifying_noun():
    from policydesk.core.definitions import names_member
    from policydesk.core.terms import terms

    question = "Ad for our seed pack at half price."
    # "seed pack" shares the head of "gift packs" and nothing else: another kind of pack.
    assert not names_member("gift packs", "Seasonal bundles", terms(question), question)
    assert names_member("gift packs", "Seasonal bundles", terms(question))  # without the question's text, the head names it
    # The first mention decides: a later "the pack" refers back to the seed pack.
    q4 = "Ad says 40% off our seed pack. The pack sold at full price before."
    assert not names_member("gift packs", "Seasonal bundles", terms(q4), q4)
    # A modifier the term writes ("caffeine" of "caffeine supplements") keeps the member named.
    q2 = "Caffeine gum ad for Germany."
    assert names_member("chewing gum", "caffeine supplements", terms(q2), q2)
    # No modifier at all: the head names the member, as before.
    q3 = "Pellets, 2 kg bags, for gardens."
    assert names_member("slug pellets", "restricted pesticides", terms(q3), q3)
