"""A rule that governs an action the ad may or may not take binds only a case that takes it.

Why: "Booking fees may be excluded from the ticket price provided that the ad says so next to
the price" is a permission to leave something out, granted on a condition. A case whose price
"includes all booking fees" takes no such permission, yet was told "allowed only if the ad
carries the required disclosure". Read: the omission is the rule's trigger; a case that
includes the thing is not triggered (trace says why), a case whose ad words mark it as extra
("+ booking fees") leaves it out and says so, which meets a say-so condition; a case that says
neither is unknown as before. A condition that something is not done ("only if they do not
charge monthly inactivity fees") is met by a case saying it has none of it. Likewise "Seat upgrade offers are not permitted unless …" does not
govern a case that says it makes no seat upgrade offers. Real store, real model, a policy
written here; unit tests of the readers.
"""

from __future__ import annotations

import pytest

from policydesk.core.condition_reading import barred_practice, omission_permission, part_statements
from policydesk.core.restated import stated_absent
from tests.policy_store import ask_in, ingest_policy

POLICY = """# Concert and event tickets

This policy covers ads for concert, theatre and festival tickets sold by ticket agents.

## What's allowed

Ads for concert, theatre and festival tickets are allowed.

## Price rules

In the United States, booking fees and service charges may be excluded from the ticket price provided that the ad says so next to the price.

## Gift cards

Ticket gift cards may be advertised only if they do not charge monthly inactivity fees.

## Upgrades

Seat upgrade offers are not permitted unless the ad names the seat section and the full upgrade cost.
"""


# ---------------------------------------------------------------- the readers
@pytest.mark.parametrize(
    "text, omitted, whole, said",
    [
        ("In the United States, booking fees and service charges may be excluded from the ticket price provided that the ad says so next to the price.",
         "booking fees and service charges", "the ticket price", True),
        ("The headline price may leave out delivery charges, as long as the ad states that delivery is extra.", "delivery charges", "headline price", True),
        ("Postage may be omitted from the advertised price if it is below $5.", "Postage", "the advertised price", False),
    ],
)
def test_a_permission_to_leave_out_is_read(text, omitted, whole, said):
    om = omission_permission(text)
    assert om is not None
    assert (om.omitted, om.whole, om.said) == (omitted, whole, said)


@pytest.mark.parametrize(
    "text",
    [
        "Booking fees must be included in the ticket price.",  # a duty, no permission
        "Ads may show the ticket price.",  # nothing left out
        "Booking fees may be excluded from the ticket price.",  # no condition: nothing to trigger
    ],
)
def test_no_permission_to_leave_out(text):
    assert omission_permission(text) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The price shown includes all booking fees and the ad says so.", [(True, "booking fees")]),
        ("Tickets $40 + booking fee", [(False, "booking fee")]),
        ("Service charges are all included in that price.", [(True, "Service charges")]),
        ("The price does not include VAT, and delivery is extra.", [(False, "VAT"), (False, "delivery")]),
        ("Price is £5 plus VAT; postage included.", [(False, "VAT"), (True, "postage")]),
        ("Insurance is not included in the fee.", [(False, "Insurance")]),
        ("Price excluding taxes.", [(False, "taxes")]),
        ("The ticket costs $40.", []),
    ],
)
def test_what_a_case_says_is_included_or_left_out(text, expected):
    assert [(p.included, p.phrase) for p in part_statements(text)] == expected


@pytest.mark.parametrize(
    "text, practice",
    [
        ("Seat upgrade offers are not permitted unless the ad names the seat section.", "Seat upgrade offers"),
        ("In the United Kingdom, testimonials must not be used unless they are genuine.", "testimonials"),
        ("Seat upgrade offers are not permitted.", None),  # no condition: a plain prohibition
        ("Ads must state the seat section.", None),
    ],
)
def test_a_practice_barred_unless_is_read(text, practice):
    assert barred_practice(text) == practice


@pytest.mark.parametrize(
    "question, met",
    [
        ("Software wallet with no buy/sell/swap inside the app - same treatment?", True),
        ("Wallet without buying or selling or swapping inside the app.", True),
        # a negation's reach ends at a comma (the module's clause convention): a listed object is cut
        ("Wallet without buying, selling or swapping inside the app.", False),
        ("Software wallet with buy/sell/swap inside the app. No fees.", False),  # negates something else
        ("No fees, and you can swap inside the app.", False),  # one of them affirmed
        ("No buying inside the app.", False),  # selling and swapping not denied
    ],
)
def test_a_negative_condition_is_met_by_a_stated_absence(question, met):
    assert stated_absent("they do not offer buying, selling or swapping inside the app", question) is met


def test_a_positive_condition_is_not_read_as_an_absence():
    assert not stated_absent("the ad states the fees", "No fees are charged.")


# ---------------------------------------------------------------- a real store
@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return ingest_policy(tmp_path_factory, "action", {"tickets.md": POLICY})


def _ask(question, settings, market="US"):
    return ask_in(question, settings, market)


def _run(answer, words):
    """The trace of the rule whose reason or requirement carries `words` (None: not run)."""
    for r in answer.trace.rules:
        if words in r.reason or any(words in (c.requirement or "") + (c.fact or "") for c in r.conditions):
            return r
    return None


def test_a_price_that_includes_the_fees_does_not_trigger_the_permission(store):
    a = _ask("US ad for concert tickets from a ticket agent. The ticket price shown includes all booking fees and service charges. OK?", store)
    run = _run(a, "the case includes them")
    assert run is not None and not run.applicable, [(r.rule_id, r.applicable, r.reason) for r in a.trace.rules]
    # no rule of this small policy then decides (the clause's own wording is the fallback)
    assert a.trace.decided_by != run.rule_id, (a.verdict, a.answer)


def test_an_ad_that_marks_the_fees_as_extra_meets_the_condition(store):
    a = _ask("US ad for concert tickets from a ticket agent: 'Tickets $40 + booking fees and service charges'. OK?", store)
    run = _run(a, "the ad says so")
    assert run is not None and run.applicable and run.outcome == "approve", [(r.rule_id, r.reason, r.conditions) for r in a.trace.rules]
    assert a.verdict == "approve", (a.verdict, a.answer)


def test_fees_left_out_without_the_ad_saying_so_stay_unknown(store):
    # the case leaves the fees out, but nothing says the ad tells the viewer: unknown, as before
    a = _ask("US ad for concert tickets from a ticket agent. The ticket price excludes booking fees and service charges. OK?", store)
    assert _run(a, "the case includes them") is None and _run(a, "the ad says so") is None
    assert a.verdict == "restrict", (a.verdict, a.answer)


def test_a_case_without_the_practice_is_not_governed_by_its_bar(store):
    a = _ask("Ad for theatre seats from a ticket agent; the ad makes no upgrade offers. OK?", store, market="GB")
    run = _run(a, "which the case says it does not do")
    assert run is not None and not run.applicable, [(r.rule_id, r.applicable, r.reason) for r in a.trace.rules]
    assert a.verdict != "restrict", (a.verdict, a.answer)


def test_a_case_with_the_practice_is_still_governed(store):
    a = _ask("Ad for theatre seats from a ticket agent, with seat upgrade offers. OK?", store, market="GB")
    assert _run(a, "which the case says it does not do") is None
    assert a.verdict in ("restrict", "reject"), (a.verdict, a.answer)


def test_a_card_without_the_fees_meets_the_negative_condition(store):
    a = _ask("Ad for our ticket gift cards. The cards have no monthly inactivity fees. OK?", store, market="GB")
    assert a.verdict == "approve", (a.verdict, a.answer)


@pytest.mark.parametrize(
    "question",
    [
        "Ad for our ticket gift cards. The cards charge monthly inactivity fees after a year. OK?",
        "Ad for our ticket gift cards. No setup fees; monthly inactivity fees apply. OK?",
    ],
)
def test_a_card_with_the_fees_does_not(store, question):
    a = _ask(question, store, market="GB")
    assert a.verdict != "approve", (a.verdict, a.answer)
