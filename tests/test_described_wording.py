"""A rule about describing something as quoted wording applies to a case that uses that
wording, whatever noun the rule's sentence starts with (assistant/scope_reason.py `scope_reason`)."""

from __future__ import annotations

from policydesk.assistant.execute import run_rule
from policydesk.assistant.question import analyse
from policydesk.core.casefacts import read_case_facts
from policydesk.core.condition_reading import executable_conditions
from policydesk.core.clause_logic import rule_scope
from policydesk.core.types import Chunk, Filters, Rule

QUOTE = 'A network may describe its 5G coverage as "nationwide" only where that coverage reaches at least 90% of the population.'


def _run(question: str):
    rule = Rule(id="TEL-4/p3", quote=QUOTE, decision="restrict", conditions=executable_conditions(QUOTE, "restrict"), scope=rule_scope(QUOTE))
    chunk = Chunk(id="c", text=QUOTE, source="telecoms.md", title="Mobile phone plans", section="Claims", position=4)
    return run_rule(rule, "prose", chunk, 0, read_case_facts(question, Filters()), 0.5, analyse(question, None).named)


def test_a_case_using_the_wording_is_what_the_rule_is_about():
    run = _run("Want to advertise 'nationwide 5G' - our 5G reaches 82% of the population.")
    assert run.applicable, run.reason
    assert run.outcome == "reject"  # 82% is under the 90% the wording needs


def test_a_case_not_using_it_is_not():
    run = _run("Our 5G reaches 82% of the population. Can we advertise the plan?")
    assert not run.applicable and "nationwide" in run.reason


NEW = 'Describing a used vehicle as "as new" is not allowed.'


def _run_new(question: str):
    rule = Rule(id="CAR-2/p6", quote=NEW, decision="reject", conditions=[], scope=rule_scope(NEW))
    chunk = Chunk(id="c", text=NEW, source="cars.md", title="Car sales", section="Not allowed", position=2)
    return run_rule(rule, "prose", chunk, 0, read_case_facts(question, Filters()), 0.5, analyse(question, None).named)


def test_one_common_word_is_not_the_quoted_phrase():
    run = _run_new("Ad for our new hatchbacks with 0% APR. Good to go?")
    assert not run.applicable and '"as new"' in run.reason


def test_the_quoted_phrase_itself_is_used():
    assert _run_new("Can we describe a 2019 car as new in the ad?").applicable
    assert _run_new("Our used hatchback ad says it is 'as new'.").applicable


SPEED = 'Claims of "up to" a particular download speed are permitted provided that the speed is achievable by at least 10% of customers.'


def _run_speed(question: str):
    rule = Rule(id="TEL-4/p2", quote=SPEED, decision="restrict", conditions=executable_conditions(SPEED, "restrict"), scope=rule_scope(SPEED))
    chunk = Chunk(id="c", text=SPEED, source="telecoms.md", title="Mobile phone plans", section="Claims", position=4)
    return run_rule(rule, "prose", chunk, 0, read_case_facts(question, Filters()), 0.5, analyse(question, None).named)


def test_a_rule_about_claims_of_quoted_wording_needs_the_wording():
    run = _run_speed("Speeds drop to 10Mbps after 650GB and the ad says so. Can we call the plan unlimited?")
    assert not run.applicable and '"up to"' in run.reason
    assert _run_speed("Can the ad say download speeds of up to 900Mbps?").applicable


OFFER = 'A "free fitting" offer must not require a purchase, or the ad must state the purchase condition.'


def _run_offer(question: str):
    rule = Rule(id="BIKE-3/p2", quote=OFFER, decision="restrict", conditions=executable_conditions(OFFER, "restrict"), scope=rule_scope(OFFER))
    chunk = Chunk(id="c", text=OFFER, source="bikes.md", title="Bicycle shops", section="Offers", position=3)
    return run_rule(rule, "prose", chunk, 0, read_case_facts(question, Filters()), 0.5, analyse(question, None).named)


def test_a_noun_classified_by_quoted_wording_after_its_determiner_governs_ads_using_it():
    from policydesk.core.conduct import described_wording
    assert described_wording(OFFER) == ["free fitting"]
    assert described_wording('4.2 The "lifetime warranty" claim is allowed only for frames.') == ["lifetime warranty"]
    # A quotation that is the subject itself, among others, stays examples of a kind of claim.
    assert described_wording('"Fully serviced" or "like new" without a service record is not allowed.') == []
    # A case whose bikes are fitted, with no free-fitting offer, is not what the rule is about.
    run = _run_offer("Road bikes fitted with carbon wheels, can we advertise them in France?")
    assert not run.applicable and "free fitting" in run.reason
    assert _run_offer("Ad says 'free fitting with every road bike'. OK?").applicable


def test_a_prohibited_or_permitted_object_classified_by_quoted_wording_governs_ads_using_it():
    from policydesk.core.conduct import described_wording
    assert described_wording('An ad must not show a "from" price unless most boats are available at it.') == ["from"]
    assert described_wording('Ads may use a "best buy" badge only if the award is current.') == ["best buy"]
    # A duty to carry words binds every ad: no scope.
    assert described_wording('Ads must show a "Sponsored" label.') == []


def test_a_wording_of_function_words_is_used_when_the_case_writes_them():
    quote = 'An ad must not show a "from" price unless most boats are available at it.'
    rule = Rule(id="BOAT-5/p3", quote=quote, decision="restrict", conditions=executable_conditions(quote, "restrict"), scope=rule_scope(quote))
    chunk = Chunk(id="c", text=quote, source="boats.md", title="Boat hire", section="Prices", position=5)

    def run(question: str):
        return run_rule(rule, "prose", chunk, 0, read_case_facts(question, Filters()), 0.5, analyse(question, None).named)

    out = run("Ad shows £90 a day per boat and the deposit. OK?")
    assert not out.applicable and '"from"' in out.reason
    assert run("Ad says 'Boats from £90 a day'. OK?").applicable
