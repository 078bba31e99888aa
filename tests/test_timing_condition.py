"""A conduct ban timed by an event ("You may not charge any fee before a customer's debt has
been settled") is a prohibition with a condition: a case that does the practice only after that
event meets it, and the ban does not apply (core/conduct.py `timing_kept`, executed in
assistant/prohibition_outcome.py). Before this, the ban "read as reject" for a firm that charges only after
settlement: the answer came from the sentence's wording, not from its condition."""

from __future__ import annotations

import pytest

from policydesk.core.conduct import timing_kept
from tests.policy_store import ask_in, ingest_policy

BAN = "You may not charge any fee before at least one of the client's loans has been repaid and the client has signed a release."


@pytest.mark.parametrize(
    "question, met",
    [
        ("We charge our fee only after a loan has been repaid and the client has signed the release.", True),
        ("Fees are charged once the loan is repaid and the client has signed a release.", True),
        ("We charge a fee before any loan is repaid.", False),  # the practice, at the forbidden time
        ("We charge an upfront fee, and the rest after a loan is repaid and a release signed.", False),  # another clause
        ("We charge fees after sign-up, before any loan is repaid.", False),  # another event
        ("We charge fees only after the client's first call.", False),  # an event the ban does not name
        ("Our loans are repaid and the release is signed after 12 months.", False),  # the practice not stated
    ],
)
def test_a_practice_done_only_after_the_event_meets_the_ban_timing(question, met):
    assert (timing_kept(BAN, question) is not None) is met


def test_a_ban_without_a_timing_has_no_timing_condition():
    assert timing_kept("You may not charge any fee to enrol.", "We charge the fee only after enrolment.") is None


# ---------------------------------------------------------------- a real store
POLICY = """# Loan recovery services

Loan recovery services may be advertised if the following rules are met.

## What's not allowed

- You may not charge any fee before at least one of the client's loans has been repaid and the client has signed a release.
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return ingest_policy(tmp_path_factory, "timing", {"loan-recovery.md": POLICY})


def _ask(question, settings):
    return ask_in(question, settings, "US")


def _ban(answer):
    return next((r for r in answer.trace.rules if "charge any fee" in r.reason or r.conditions and "only after" in (r.conditions[0].requirement or "")), None)


def test_a_firm_charging_only_after_the_event_is_not_rejected_by_the_ban(store):
    a = _ask("Loan recovery firm: we charge our fee only after a client's loan has been repaid and the client has signed a release. OK to advertise?", store)
    ran = [r for r in a.trace.rules if r.conditions and r.conditions[0].requirement.startswith("only after")]
    assert ran and ran[0].applicable and ran[0].outcome is None and ran[0].conditions[0].result == "met", [(r.rule_id, r.reason, r.conditions) for r in a.trace.rules]
    assert a.verdict != "reject", (a.verdict, a.answer)


def test_a_firm_charging_before_the_event_is_still_rejected(store):
    a = _ask("Loan recovery firm: we charge our fee before any of the client's loans has been repaid. OK to advertise?", store)
    assert not any(r.conditions and r.conditions[0].requirement.startswith("only after") for r in a.trace.rules)
    assert a.verdict == "reject", (a.verdict, a.answer)
