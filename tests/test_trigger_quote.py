"""A quotation in the subject of a duty ("Ads that say "no win, no fee" … must state the maximum
fee") is what makes the duty bind, not what it requires (assistant/condition_check.py
`quotes_statement`): a case quoting it has not shown the required statement. Invented wording."""

from policydesk.assistant.condition_check import quotes_statement
from policydesk.core.casefacts import read_case_facts
from policydesk.core.types import Filters

DUTY = 'Ads that say "pay nothing until you win" or similar must state the maximum fee as a percentage of the award.'
REQUIRED = 'Every ad must include the statement "Fees of up to 30% of the award apply".'


def test_a_quoted_trigger_is_no_required_statement():
    facts = read_case_facts("Our ad says 'Pay nothing until you win!' - that's all", Filters())
    assert quotes_statement(DUTY, facts) is None


def test_a_quoted_required_statement_is_still_met():
    facts = read_case_facts("The ad ends with 'Fees of up to 30% of the award apply'", Filters())
    assert quotes_statement(REQUIRED, facts) == "Fees of up to 30% of the award apply"
