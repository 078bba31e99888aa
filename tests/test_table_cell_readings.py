"""Constructions the cells of a rules table use that prose uses too (session 20): a bracketed
per-market floor, an alternative duty after "or", a claim of the opposite polarity, a role
the verb gives its object. Invented wording, real readers."""

from policydesk.core.claim_bans import opposite_claim
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.condition_reading import executable_conditions
from policydesk.core.qualifier import read_qualifiers
from policydesk.core.reading import read_unit
from policydesk.core.types import Chunk


def test_a_bracketed_floor_for_one_market_holds_there_only():
    text = "Ads must not be shown to players under 16 (under 18 in DE)."
    reading = read_unit(text)[0]
    assert reading.decision == "reject"
    assert set(executable_conditions(reading.quote, "reject")) == {"min_age:16", "min_age:18@DE"}
    rules = read_clause_logic(Chunk(id="c", text=text, source="g.md", policy_id="G", title="Games", markets=[]))
    assert rules[0].markets == []  # the floor for DE does not make the rule one for DE only
    # Without an audience floor before it, "under 500 in the US" is no age.
    assert not any(c.startswith("min_age") for c in executable_conditions("Ads for loans under 500 in the US must state the APR.", "restrict"))


def test_a_ban_with_an_alternative_duty_is_a_requirement():
    (reading,) = read_unit("A raffle ad must not ask for a donation, or the ad must say that entry is free.")
    assert reading.decision == "restrict"
    # A second ban after "or" is no alternative.
    (ban,) = read_unit("Ads must not show weapons, or must not mention ammunition.")
    assert ban.decision == "reject"


def test_a_claim_of_the_opposite_polarity_is_not_the_banned_claim():
    banned = '"no deposit needed" or "no deposit required" for any rental'
    assert opposite_claim(banned, "Deposit required on every booking")
    assert not opposite_claim(banned, "Book now, no deposit needed!")
    assert opposite_claim("guaranteed approval", "Approval is not guaranteed")
    assert not opposite_claim("guaranteed approval", "Guaranteed approval, no paperwork!")


def test_a_role_given_to_the_object_narrows_what_is_banned():
    (qualifier,), _ = read_qualifiers("Ads must not offer scooters as raffle prizes or giveaways.")
    assert {"scooter"} <= qualifier.before and {"raffl", "prise", "giveaway"} <= qualifier.words
    # "such as" lists examples and "as well as" adds things: neither is a role.
    assert read_qualifiers("Ads must not show weapons such as knives.")[0] == ()
    assert read_qualifiers("Ads must not promote knives as well as guns.")[0] == ()
