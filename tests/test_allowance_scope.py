"""An outright allowance covers a case only when the words they share name its subject (issue 13,
assistant/scope_reason.py `_modifier_only`, `_copy_only`): a modifier shared on both sides ("free" of
"free coins" and of "free seed packets"), a word the case uses as a verb form of the rule's head
("Seeding service" beside "seed packets"), or one word of the ad copy the case quotes is a shared
word, not a shared subject. An invented garden-centre policy: real clause logic, real rule
execution, a real store."""

from __future__ import annotations

import pytest

from policydesk.assistant.execute import run_rule
from policydesk.assistant.kind_scope import names_agent
from policydesk.assistant.question import analyse
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import rule_scope
from policydesk.core.types import Chunk, Filters, Rule
from tests.policy_store import ask_in, ingest_policy

ALLOWANCE = "Free seed packets that every customer receives may be advertised without restriction."
CHUNK = Chunk(id="g-1", source="garden.md", title="Garden Centre Advertising Policy", section="1. Allowed without restriction",
              clause_id=None, decision=None, markets=["global"], position=1, text=ALLOWANCE)
RULE = Rule(id="G#1/p1", quote=ALLOWANCE, decision="approve", scope=rule_scope(ALLOWANCE))


def _run(question: str, rule: Rule = RULE):
    info = analyse(question, None)
    return run_rule(rule, "prose", CHUNK, 0, read_case_facts(question, Filters()), 0.0, info.named)


@pytest.mark.parametrize("question", [
    "Can we advertise free seed packets for every customer?",
    "Seed packets for balcony gardens - can we advertise them?",
    # The opening phrase misread as the thing ("garden centre gives every"): the case still
    # names the rule's head as that word, and the allowance covers it.
    "Our garden centre gives every customer free seed packets. Fine?",
    # Two words of the ad copy it quotes: what the ad says is what the allowance names.
    "Flyer copy: 'free seed packets for every customer' - ok?",
    # An apostrophe inside a word opens no quotation: "seed packets" is outside the copy.
    "We're handing out packets at the till. Flyer says 'grow your own', fine?",
])
def test_the_allowance_covers_a_case_about_its_subject(question):
    run = _run(question)
    assert run.applicable and run.outcome == "approve", run.reason


@pytest.mark.parametrize("question, why", [
    # "free" modifies "coins" as it modifies "seed packets": a shared modifier, not a subject.
    ("Mobile game: 200 free coins for new players - can we advertise?", "only a modifier (free)"),
    ("Seed drill rental for farms - can we advertise?", "only a modifier (seed)"),
    # One word of the ad copy the case quotes.
    ("'Totally free' car wash voucher ads - allowed?", "only in the ad copy"),
])
def test_the_allowance_does_not_cover_a_case_sharing_only_a_word(question, why):
    run = _run(question)
    assert not run.applicable and run.out_of_scope and why in run.reason, run.reason


def test_a_verb_form_of_the_rules_head_does_not_name_it():
    quote = "Test drives and showroom open days may be advertised without restriction."
    rule = Rule(id="C#1/p1", quote=quote, decision="approve", scope=rule_scope(quote))
    chunk = CHUNK.model_copy(update={"text": quote, "title": "Car Dealership Policy"})
    question = "Flying school wants to advertise intensive lessons with a guaranteed test date and test drives of our planes."
    info = analyse(question, None)
    named = run_rule(rule, "prose", chunk, 0, read_case_facts(question, Filters()), 0.0, info.named)
    assert named.applicable  # "test drives" named as the noun the rule's head is
    question = "Driving school wants to advertise intensive lessons with a guaranteed test date."
    info = analyse(question, None)
    run = run_rule(rule, "prose", chunk, 0, read_case_facts(question, Filters()), 0.0, info.named)
    assert not run.applicable and "only a modifier" in run.reason


def test_a_head_naming_the_advertiser_leaves_the_thing_to_its_modifiers():
    assert names_agent("dealer") and names_agent("retailer")
    assert not names_agent("coins") and not names_agent("lessons")
    assert _run("Seed packet dealer - can they advertise?").applicable


def test_a_conditional_rule_is_not_judged_by_shared_modifiers():
    quote = "Free seed packets must state the sowing season."
    rule = Rule(id="G#1/p2", quote=quote, decision="restrict", scope=rule_scope(quote), conditions=["requires:disclosure"])
    assert not _run("Mobile game: 200 free coins for new players - can we advertise?", rule).out_of_scope


# ---------------------------------------------------------------- end to end, a real store
POLICY = """# Garden Centre Advertising Policy

This policy applies to ads from garden centres.

## 1. Allowed without restriction

Free seed packets that every customer receives may be advertised without restriction.

## 2. Pesticides

Ads for pesticides must show the product's registration number.
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return ingest_policy(tmp_path_factory, "allowance-scope", {"garden.md": POLICY})


def test_in_scope_the_allowance_approves(store):
    answer = ask_in("Can we advertise free seed packets that every customer receives?", store)
    assert answer.verdict == "approve"


@pytest.mark.parametrize("question", [
    # Before: approved "for what the case is about (free)" and "(free, seed)".
    "Online casino: 100 free spins for every new customer - can we advertise?",
    "Seed drill rental with a free first day - can we advertise?",
])
def test_out_of_scope_a_shared_modifier_does_not_approve(store, question):
    answer = ask_in(question, store)
    assert answer.verdict == "escalate"
    assert any("only a modifier" in r.reason for r in answer.trace.rules)
    assert not any(r.applicable and r.outcome == "approve" for r in answer.trace.rules)


def test_the_scope_gate_asks_a_statement_of_scope_not_shared_words():
    # A question quoting ad copy: in the relevance band the clause holding a share of its own
    # subject words is evidence; after execution (assistant/scope_gate.py) it is not.
    from policydesk.assistant.ranking import plain_candidate, scope_evidence
    from policydesk.core.corpus_facts import CorpusFacts

    chunk = Chunk(id="p-1", source="promo.md", title="Prize Promotions Policy", section="2. Not allowed", clause_id=None,
                  decision=None, markets=["global"], position=2, text="Draws where you must pay or buy something to enter are not allowed.")
    info = analyse("'Zero deposit' sofas: buy now, pay monthly - can we advertise?", None)
    assert "outside the ad copy" in scope_evidence(plain_candidate(chunk), info, CorpusFacts())
    assert scope_evidence(plain_candidate(chunk), info, CorpusFacts(), shares=False) == ""
    named = analyse("Prize promotions: 'win a sofa' - can we advertise?", None)
    assert scope_evidence(plain_candidate(chunk), named, CorpusFacts(), shares=False)  # a title topic it names


def test_a_disapplication_governs_what_the_rule_is_lifted_for():
    # "The ban on X does not apply to Y …": its subject is Y's noun phrase (head and the words
    # before it), not the ban nor what follows Y to say how it is.
    assert rule_scope("The ban on guaranteed returns does not apply to annuities issued by a regulated insurer, "
                      "which may describe a guaranteed income for life.") == ["annuities"]
    assert rule_scope("The 1 kg per week limit doesn't apply to weight-loss programmes run by a licensed doctor.") == ["weight-loss", "programmes"]
