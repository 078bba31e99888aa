"""An offer ban keeps the things offered out of its ads, not the product they would be offered
for (core/content_ban.py): a case offering none of them is what must hold, not a rejection."""

from policydesk.assistant.prohibition_outcome import content_unnamed
from policydesk.core.content_ban import banned_content


BAN = "Promotions must not offer free holidays, shopping vouchers or lottery tickets as a reward for opening a savings account."


def test_the_things_offered_end_where_the_purpose_starts():
    assert banned_content(BAN) == "free holidays, shopping vouchers or lottery tickets"
    assert banned_content("Clinics may not give raffle entries to patients for booking a scan.") == "raffle entries"


def test_a_case_offering_none_of_them_does_not_name_the_ban():
    assert content_unnamed(BAN, "Can we advertise our easy-access savings account in Ireland?") == "free holidays, shopping vouchers or lottery tickets"


def test_a_case_offering_one_of_them_names_it():
    assert content_unnamed(BAN, "Open a savings account and get a shopping voucher worth 40 euros.") is None
    assert content_unnamed(BAN, "Every new saver is entered into our lottery.") is None


def test_a_case_offering_anything_may_offer_a_banned_thing_under_another_name():
    assert content_unnamed(BAN, "New savers get a £30 picnic basket when they open an account.") is None
    assert content_unnamed(BAN, "Open an account this month and enjoy 10% off your first insurance policy.") is None
