"""A rule written for one kind of advertiser does not decide a case that says it is another kind
(assistant/advertiser_kind.py), on an invented boat-hire policy: the subject reading of the rule,
the self-description of the case, WordNet's nouns (real WordNet 3.3 data) and real rule
execution (assistant/execute.py `run_rule`)."""

from __future__ import annotations

from policydesk.assistant.advertiser_kind import Kind, case_kind, other_advertiser, rule_kind
from policydesk.assistant.execute import run_rule
from policydesk.assistant.question import analyse
from policydesk.core.casefacts import read_case_facts
from policydesk.core.terms import terms
from policydesk.core.types import Chunk, Filters, Rule

BROKERS = "4.1 Yacht brokers advertising in Spain must be members of a recognised brokerage association, and the ad must name it."
CHUNK = Chunk(
    id="boat-4", source="boats.md", title="Boat Sales and Marinas Policy", section="Who may advertise",
    clause_id=None, decision=None, markets=["global"], position=4, text=BROKERS,
)
RULE = Rule(id="BOAT#4/p1", quote=BROKERS, decision="restrict", scope=["yacht", "brokers", "advertising"],
            conditions=["requires:the ad names the brokerage association"])
CHUNK = CHUNK.model_copy(update={"logic": [RULE]})


def run(question: str):
    info = analyse(question, None)
    facts = read_case_facts(question, Filters())
    return run_rule(RULE, "prose", CHUNK, 0, facts, 0.0, info.named)


def test_the_rule_subject_is_the_words_before_its_verb_when_its_head_names_who_acts():
    assert rule_kind(BROKERS) == Kind("brokers", ("yacht",))
    assert rule_kind("Charter skippers in Greece must hold a licence.") == Kind("skippers", ("charter",))
    # No modifier, a coordination, an ad noun or a thing: no advertiser kind.
    assert rule_kind("Brokers must hold a licence.") is None
    assert rule_kind("Dealers and yacht brokers must hold a licence.") is None
    assert rule_kind("Boat hire ads must state the deposit.") is None
    assert rule_kind('A "free lesson" offer must not require a purchase.') is None


def test_the_case_says_what_it_is():
    assert case_kind("I'm a dinghy owner selling my own boat in Valencia.") == Kind("owner", ("dinghy",))
    assert case_kind("We're a sailing school offering courses in Spain.") == Kind("school", ("sailing",))
    # A general word for a business with no noun saying which kind names no kind.
    assert case_kind("We're a small company selling boats.") is None


def test_a_case_that_is_another_kind_of_advertiser_is_not_bound():
    q = "I'm a retired fisherman selling my own yacht in Spain. Can I advertise it?"
    assert other_advertiser(BROKERS, q, terms(q)) == "it binds yacht brokers, and the case is a retired fisherman"
    r = run(q)
    assert not r.applicable and r.out_of_scope


def test_a_case_of_the_rules_kind_stays_bound():
    for q in ("We're yacht brokers in Spain. Can we advertise a used 40ft yacht?",
              "We're a yacht brokerage in Spain, can we advertise?",          # the rule's modifier
              "I'm a broker in Spain selling a yacht for a client.",           # the rule's head
              "We sell used yachts in Spain. Can we advertise?"):             # says no kind
        assert other_advertiser(BROKERS, q, terms(q)) is None, q


def test_what_is_no_advertiser_kind():
    # A market before the verb, a list, a thing whose rare sense is a person.
    assert rule_kind("United States: ads for boat hire must show the deposit.") is None
    assert rule_kind("Yacht brokers, marinas and sailing schools are permitted.") is None
    assert rule_kind("Folding blades may be advertised to adults.") is None
    # A case saying what it is not names no kind.
    assert case_kind("We're not brokers; we list our own boats. Can we advertise?") is None
