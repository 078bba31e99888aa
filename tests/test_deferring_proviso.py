"""A proviso that only points at the policy's other rules ("subject to the requirements
above") sets no condition of its own: those rules are executed as themselves, so the permission
stays a permission (core/exception_reading.py `deferring_provisos`, core/reading.py).

Invented domains (kite rentals, membership boxes, pottery classes), not any pack's wording."""

import pytest

from policydesk.core.exception_reading import deferring_provisos
from policydesk.core.reading import read_sentence, read_unit

DEFERS = [
    "Ads for pottery classes are permitted in all markets where they are legal, subject to the requirements above and to the market exceptions in the table below.",
    "Membership boxes are allowed in every market, subject to the rules in section 4.",
    "Kite rentals are permitted, subject to the other requirements of this policy.",
    "Hot-air balloon rides may be advertised, subject to the conditions set out below.",
    "Tea subscriptions are allowed, subject to the general restrictions of this policy.",
]


@pytest.mark.parametrize("sentence", DEFERS)
def test_deferring_proviso_states_no_rule_of_its_own(sentence):
    # No condition of its own (it never restricts), and no approval that would outrank the
    # rules it defers to: those are executed as themselves.
    assert deferring_provisos(sentence)
    assert read_unit(sentence) == []
    assert read_sentence(sentence).decision == "approve"


OWN_CONDITION = [
    # The proviso names its own requirement: a condition of this sentence.
    "Kite rentals are permitted, subject to age verification.",
    "Membership boxes are allowed, subject to the following conditions:",
    "Pottery classes are permitted subject to a licence from the local council.",
]


@pytest.mark.parametrize("sentence", OWN_CONDITION)
def test_a_proviso_with_its_own_requirement_still_restricts(sentence):
    assert not deferring_provisos(sentence)
    assert read_sentence(sentence).decision == "restrict"


def test_the_pointer_does_not_hide_a_prohibition():
    sentence = "Kite rentals must not be advertised to children, subject to the exceptions below."
    assert read_sentence(sentence).decision == "reject"
