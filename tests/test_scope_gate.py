"""The scope gate after execution (assistant/scope_gate.py) and the members a clause lists
(assistant/scope_evidence.py `listed_member`), on an invented kite-shop policy: real rule
execution (assistant/execute.py `run_rule`), hand-made clauses."""

from __future__ import annotations

from policydesk.assistant.execute import run_rule
from policydesk.assistant.precedence import Verdict
from policydesk.assistant.question import analyse
from policydesk.assistant.ranking import plain_candidate
from policydesk.assistant.scope_evidence import listed_member
from policydesk.assistant.scope_gate import uncovered
from policydesk.assistant.verdict_steps import Decided
from policydesk.core.casefacts import read_case_facts
from policydesk.core.corpus_facts import CorpusFacts
from policydesk.core.terms import terms
from policydesk.core.types import Chunk, Filters, Rule

CLAUSE = (
    "We don't allow ads for fighter-kite lines coated with glass or metal. "
    "This includes manja, and any string sold for cutting other kites."
)
CHUNK = Chunk(
    id="kit-3", source="kites.md", title="Kite Shops and Kite Festivals Policy", section="What we don't allow",
    clause_id=None, decision=None, markets=["global"], position=3, text=CLAUSE,
)
RULE = Rule(id="KIT#3/p1", quote=CLAUSE.split(". ")[0] + ".", decision="reject", scope=["fighter-kite", "lines", "glass", "metal"])


def decided_for(question: str, rules: list[Rule] = [RULE], fallback: str = "reject") -> tuple[Decided, object]:
    """Execute the clause's rules on the question; no rule decides, so the clause's wording
    would (the verdict step's fallback, `fallback`)."""
    info = analyse(question, None)
    facts = read_case_facts(question, Filters())
    runs = [run_rule(r, "prose", CHUNK, 0, facts, 0.0, info.named) for r in rules]
    cand = plain_candidate(CHUNK)
    verdict = Verdict(fallback, None, runs, "", "inferred")  # type: ignore[arg-type]
    return Decided(verdict, cand, [cand], [cand]), info


def test_a_subject_no_rule_and_no_scope_statement_names_is_uncovered():
    decided, info = decided_for("Can we advertise our paragliding lessons?")
    assert all(r.out_of_scope for r in decided.verdict.runs)
    assert uncovered(decided, info, CorpusFacts())


def test_a_subject_the_policy_says_it_governs_is_not_uncovered():
    # Every rule set aside, but the question names a topic of the policy's title ...
    decided, info = decided_for("Kite festivals in the park: can we advertise the food stalls?")
    assert all(r.out_of_scope for r in decided.verdict.runs)
    assert not uncovered(decided, info, CorpusFacts())
    # ... or a member the clause lists ("This includes manja").
    decided, info = decided_for("Shop selling manja from Gujarat")
    assert all(r.out_of_scope for r in decided.verdict.runs)
    assert not uncovered(decided, info, CorpusFacts())


def test_a_rule_that_covers_the_case_or_an_escalate_keeps_the_verdict():
    decided, info = decided_for("Can we advertise glass-coated fighter-kite lines?")
    assert not all(r.out_of_scope for r in decided.verdict.runs)
    assert not uncovered(decided, info, CorpusFacts())
    decided, info = decided_for("Can we advertise our paragliding lessons?", fallback="escalate")
    assert not uncovered(decided, info, CorpusFacts())
    # No rule executed at all: nothing says the subject is another one.
    decided, info = decided_for("Can we advertise our paragliding lessons?", rules=[])
    assert not uncovered(decided, info, CorpusFacts())


def test_listed_member_reads_one_word_members_after_a_listing_phrase():
    assert listed_member(terms("Shop selling manja"), CLAUSE) == "manja"
    assert listed_member(terms("string for kites"), CLAUSE) is None  # every word of the member
    assert listed_member(terms("Sparklers for weddings"), "Novelty items such as sparklers and party poppers may ...") == "sparklers"
    # Outside a listing the same word is no member.
    assert listed_member(terms("Shop selling manja"), "Manja must carry a warning.") is None


MARKET_RULE = Rule(id="KIT#3/p2", quote="In India, ads for fighter-kite lines must carry a safety warning.",
                   decision="restrict", markets=["IN"], scope=["fighter-kite", "lines"])


def test_a_rule_set_aside_for_its_market_is_still_asked_about_its_subject():
    # The case names no market: the rule written for India is set aside for that, and its
    # subject is not the case's either, so with the other rule out of scope nothing covers it.
    decided, info = decided_for("Can we advertise our paragliding lessons?", rules=[RULE, MARKET_RULE])
    market_run = decided.verdict.runs[1]
    assert not market_run.applicable and "written for IN" in market_run.reason
    assert market_run.out_of_scope
    assert uncovered(decided, info, CorpusFacts())
    # A case about its subject, in another market: set aside for the market only.
    decided, info = decided_for("Fighter-kite lines in Brazil, can we advertise?", rules=[MARKET_RULE])
    assert not decided.verdict.runs[0].applicable and not decided.verdict.runs[0].out_of_scope
    assert not uncovered(decided, info, CorpusFacts())


LEASES = Chunk(
    id="kit-5", source="kites.md", title="Kite Shops and Kite Festivals Policy", section="Finance, leases and age targeting",
    clause_id=None, decision=None, markets=["global"], position=5,
    text="Ads offering leases for kite-buggies must state the total amount payable.",
)
LEASE_RULE = Rule(id="KIT#5/p1", quote=LEASES.text, decision="restrict", scope=["leases", "kite-buggies"])


def test_a_heading_topic_named_only_by_the_head_of_another_kind_is_no_evidence():
    # "Car lease": its classifying modifier is written nowhere in the clause, its heading or
    # title; the heading's "leases" are the policy's leases, and the rule set itself aside.
    question = "Ads for our car lease deals."
    info = analyse(question, None)
    facts = read_case_facts(question, Filters())
    runs = [run_rule(LEASE_RULE, "prose", LEASES, 0, facts, 0.0, info.named)]
    assert runs[0].out_of_scope
    cand = plain_candidate(LEASES)
    decided = Decided(Verdict("restrict", None, runs, "", "inferred"), cand, [cand], [cand])  # type: ignore[arg-type]
    assert uncovered(decided, info, CorpusFacts())
    # A lease with no modifier, or one the clause writes, is the heading's.
    for question in ("Lease ads, any rules?", "Kite lease deals, any rules?"):
        info = analyse(question, None)
        facts = read_case_facts(question, Filters())
        runs = [run_rule(LEASE_RULE, "prose", LEASES, 0, facts, 0.0, info.named)]
        decided = Decided(Verdict("restrict", None, runs, "", "inferred"), cand, [cand], [cand])  # type: ignore[arg-type]
        assert not uncovered(decided, info, CorpusFacts()), question


def test_a_topic_the_question_names_only_to_deny_is_no_evidence():
    # "(no kite festivals)": the case is not about the festivals its policy's title names.
    decided, info = decided_for("Can we advertise our paragliding lessons (no kite festivals)?")
    assert all(r.out_of_scope for r in decided.verdict.runs)
    assert uncovered(decided, info, CorpusFacts())


DEBT_CHUNK = Chunk(
    id="dr-5", source="debt.md", title="Debt Relief and Credit Repair Policy", section="What we don't allow",
    clause_id=None, decision=None, markets=["global"], position=5,
    text="Promises of guaranteed results, such as a credit score increase or debt written off.",
)
DEBT_RULE = Rule(id="DR#5/p1", quote=DEBT_CHUNK.text, decision="reject", scope=["guaranteed", "results", "credit", "score", "debt", "written"])
DEBT_CHUNK.logic = [DEBT_RULE]  # as ingest stores it: the rule's words are the clause's


def test_a_word_of_a_rule_set_aside_is_no_kind_evidence_but_the_title_is():
    # The rule was run and set itself aside; that a loan is a kind of "debt", a word of its
    # subject, is no statement of scope: the gate asks the policy's title, heading and scope
    # statements only ("debt relief" names a kind of relief, not every debt).
    question = "Loans for students - allowed?"
    info = analyse(question, None)
    facts = read_case_facts(question, Filters())
    run = run_rule(DEBT_RULE, "prose", DEBT_CHUNK, 0, facts, 0.0, info.named)
    assert run.out_of_scope
    cand = plain_candidate(DEBT_CHUNK)
    decided = Decided(Verdict("reject", None, [run], "", "inferred"), cand, [cand], [cand])  # type: ignore[arg-type]
    assert uncovered(decided, info, CorpusFacts())
    # A thing that is a kind of a topic of the title keeps the clause (a sparkler under fireworks).
    fw = Chunk(id="fw-1", source="fw.md", title="Fireworks and Pyrotechnics Policy", section="What we don't allow",
               clause_id=None, decision=None, markets=["global"], position=1, text=DEBT_CHUNK.text)
    question = "Sparklers for bonfire night - can we advertise?"
    info = analyse(question, None)
    facts = read_case_facts(question, Filters())
    run = run_rule(Rule(id="FW#1/p1", quote=DEBT_RULE.quote, decision="reject", scope=list(DEBT_RULE.scope)), "prose", fw, 0, facts, 0.0, info.named)
    cand = plain_candidate(fw)
    decided = Decided(Verdict("reject", None, [run], "", "inferred"), cand, [cand], [cand])  # type: ignore[arg-type]
    assert run.out_of_scope and not uncovered(decided, info, CorpusFacts())


TRIGGERED = Rule(id="KIT#4/p1", quote="Paragliding schools who advertise tandem flights for sale must hold a flying licence.",
                 decision="restrict", scope=["paragliding", "schools"])


def test_a_requirement_whose_trigger_the_case_lacks_does_not_keep_the_gate_shut():
    # The trigger ("advertise tandem flights") is not the case's: that rule is silent on the
    # subject, the other was set aside as about another one, no statement of scope names it.
    decided, info = decided_for("Can we advertise our paragliding school gift shop?", rules=[RULE, TRIGGERED])
    assert [(r.out_of_scope, r.untriggered) for r in decided.verdict.runs] == [(True, False), (False, True)]
    assert uncovered(decided, info, CorpusFacts())
    # Silent rules alone say nothing of the subject: at least one must have set itself aside for it.
    decided, info = decided_for("Can we advertise our paragliding school gift shop?", rules=[TRIGGERED])
    assert not uncovered(decided, info, CorpusFacts())
