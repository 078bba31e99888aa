"""A question listing several markets is answered per market and combined (assistant/per_market.py)."""

from policydesk.assistant.chain import ask
from policydesk.assistant.per_market import markets_to_split
from policydesk.core.types import Filters


def test_only_a_list_of_countries_splits_the_case():
    assert markets_to_split(Filters(), "one campaign across the UK, Germany and France") == ["GB", "DE", "FR"]
    assert markets_to_split(Filters(), "ads in Ireland or Germany?") == ["IE", "DE"]
    # The advertiser's home and the target are one case; a region is not a list of cases.
    assert markets_to_split(Filters(), "A US company advertising in France") == []
    assert markets_to_split(Filters(), "Can we run this in the EU and the US?") == []
    # A moderator's market filter is the case's market.
    assert markets_to_split(Filters(market="GB"), "the UK, Germany and France") == []


def test_different_verdicts_per_market_restrict_and_name_each(sample_store):
    a = ask("Can a beer brand target 19 year olds in Singapore and the US?", settings=sample_store)
    assert a.verdict == "restrict", a.answer
    assert a.answer.startswith("Depends on the market:")
    assert "US: not allowed" in a.answer and "21+" in a.answer
    assert "SG: allowed" in a.answer
    assert a.conditions[0] == "only in SG"
    # Both markets' evidence is cited, and every [n] in the text has its citation.
    cited = {int(n) for n in __import__("re").findall(r"\[(\d+)\]", a.answer)}
    assert cited <= {c.n for c in a.citations} and len(a.citations) >= 2
    assert any("21" in c.quote for c in a.citations)


def test_the_same_verdict_everywhere_is_that_verdict(sample_store):
    a = ask("Can a beer brand target 17 year olds in Singapore and the US?", settings=sample_store)
    assert a.verdict == "reject", a.answer
    assert a.answer.startswith("The same in SG, US.")
