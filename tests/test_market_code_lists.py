"""A coordinated list of capitalised two-letter codes names markets (core/markets.py
`_code_list_mentions`): "ONLY in US, FR, IT and PL" allowed France too, not the United States
alone. Two-letter codes are words as often as codes ("IT", "IN", "NO"), so a list is read as
codes only when every item is one and it is plainly a list of markets: three or more items,
or one a form the lexicon already knows ("US", "UK", "EU")."""

from policydesk.core.condition_reading import executable_conditions
from policydesk.core.markets import find_mentions
from policydesk.core.reading import scope_markets


def _codes(text):
    return [c for m in find_mentions(text) for c in m.codes]


def test_a_list_of_codes_names_each_market():
    assert _codes("Pepper spray: ONLY in US, FR, IT and PL.") == ["US", "FR", "IT", "PL"]
    assert _codes("OK in US, CA and DE if labelled for animals") == ["US", "CA", "DE"]
    assert _codes("FR, IT and PL") == ["FR", "IT", "PL"]
    assert _codes("UK/IE only") == ["GB", "IE"]
    assert scope_markets("Pepper spray: ONLY in US, FR, IT and PL.")[0] == ["US", "FR", "IT", "PL"]


def test_the_only_markets_condition_lists_every_code():
    conds = executable_conditions("Pepper spray / CS spray: ONLY in US, FR, IT and PL.", "restrict")
    assert "only_markets:US,FR,IT,PL" in conds


def test_capitalised_words_are_not_codes():
    assert _codes("WHAT IT IS AND IS NOT") == []
    assert _codes("IT AND IS") == []  # two items, neither a form the lexicon knows
    assert _codes("See the FAQ, Q and A.") == []
    assert [m.surface for m in find_mentions("We sell IT services, in Italy")] == ["Italy"]


def test_codes_right_after_in_are_markets():
    """"Not allowed in AU.", "19+ in KR", "18+ in FR and ES" (session 17): a code after "in"
    names a market even alone; a code elsewhere ("IT support") does not."""
    from policydesk.core.clause_logic import executable_conditions
    from policydesk.core.markets import find_mentions
    from policydesk.core.reading import read_unit

    assert [m.codes for m in find_mentions("Not allowed in AU.")] == [("AU",)]
    assert read_unit("Not allowed in AU.")[0].markets == ["AU"]
    assert find_mentions("Ask our IT support team.") == []
    assert set(executable_conditions("Audience 18+ in all markets, 19+ in KR.", "restrict")) == {"min_age:19@KR", "min_age:18"}
    assert set(executable_conditions("Audience 16+, or 18+ in FR and ES.", "restrict")) == {"min_age:18@FR,ES", "min_age:16"}
