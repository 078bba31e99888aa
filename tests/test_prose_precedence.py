"""Clause choice and precedence among the clauses of one prose policy (no markers, no
sidecars), with invented clauses in the styles ad platforms publish.

Why: on unseen prose policies the verdict was often decided by the wrong clause of the right
policy: a prohibited item stated as a list item ("We don't allow: - X") that nothing read, an
exception paragraph that lost to the prohibition it narrows because the prohibition is
stricter, an exception about the advertiser ("licensed dealers may advertise …") whose subject
was taken to be the dealer rather than what it lets them advertise, and a case no rule of the
executed set covered being decided by the wording of a clause found not to cover it while
another clause of the same policy did. Each test fails without its mechanism.
"""

from __future__ import annotations

import zlib

from policydesk.assistant.execute import run_rule
from policydesk.assistant.precedence import decide
from policydesk.assistant.ranking import _list_item_reading, plain_candidate
from policydesk.assistant.verdict_steps import ApplicableRules, verdict
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.terms import terms
from policydesk.core.types import Chunk, Filters

TITLE = "Outdoor Celebrations Advertising Policy"


def _chunk(text: str, section: str = "", cid: str = "c1", position: int = 0) -> Chunk:
    # The id carries the text: clause logic is cached by chunk id (assistant/clause_rules.py).
    return Chunk(id=f"{cid}-{zlib.crc32((section + text).encode())}", text=text, source="o.md", policy_id="OUT", title=TITLE, section=section, position=position)


def _decide(chunks: list[Chunk], question: str, market: str | None = None):
    facts = read_case_facts(question, Filters(market=market))
    runs = [run_rule(r, "prose", ch, i, facts, question_terms=terms(question))
            for i, ch in enumerate(chunks) for r in read_clause_logic(ch)]
    return decide(runs)


LIST = "We don't allow ads for:\n\n- fireworks sold to the public\n- sky lanterns\n- flares and smoke grenades"
INCLUDES = ("We don't allow ads that promote the sale of pyrotechnics. This includes:\n\n"
            "- fireworks and firecrackers\n- sparklers")


def test_list_items_take_the_decision_of_the_lead_that_introduces_them():
    rules = read_clause_logic(_chunk(LIST, "Prohibited items"))
    assert [r.decision for r in rules] == ["reject", "reject", "reject"]
    assert [r.quote for r in rules] == ["- fireworks sold to the public", "- sky lanterns", "- flares and smoke grenades"]
    assert "lanterns" in rules[1].scope
    # The lead named nothing itself: it is not a rule of its own that would cover every case.
    assert all("don't" not in r.scope for r in rules)


def test_a_pointing_lead_takes_the_decision_of_the_sentence_before_it():
    rules = read_clause_logic(_chunk(INCLUDES, "What we don't allow"))
    assert [r.decision for r in rules] == ["reject", "reject", "reject"]
    assert rules[2].quote == "- sparklers"


def test_a_listed_prohibition_decides_the_case_that_names_its_item_only():
    ch = _chunk(LIST, "Prohibited items")
    assert _decide([ch], "Can a party shop advertise sky lanterns?").decision == "reject"
    assert _decide([ch], "Can a party shop advertise balloons?") is None


def test_a_list_item_reads_as_its_rule_for_ranking():
    ch = _chunk(LIST, "Prohibited items")
    reading = _list_item_reading(ch, "- sky lanterns")
    assert reading is not None and reading.decision == "reject"
    assert _list_item_reading(ch, "- something else entirely") is None


EXC_TEXT = ("In the United States, licensed pyrotechnicians may advertise fireworks, flares and sparklers "
            "if the ad is targeted only to users aged 21 or older.")
PROHIBITION = "We don't allow ads for fireworks, flares or sparklers."


def test_an_exception_about_a_licensed_advertiser_governs_what_it_lets_them_advertise():
    rule = read_clause_logic(_chunk(EXC_TEXT, "Exceptions"))[0]
    assert {"fireworks", "flares", "sparklers"} <= set(rule.scope)
    assert "requires:licence" in rule.conditions and "min_age:21" in rule.conditions


def test_an_exception_paragraph_wins_over_the_prohibition_it_narrows():
    banned = _chunk(PROHIBITION, "What we don't allow", "c1", 1)
    exception = _chunk(EXC_TEXT, "Exceptions", "c2", 2)
    chunks = [banned, exception]
    # Conditions unstated: the exception leaves what must hold (restrict), not the ban.
    assert _decide(chunks, "A fireworks shop wants to advertise fireworks in the US", "US").decision == "restrict"
    assert _decide(chunks, "Licensed pyrotechnician advertising fireworks in the US to users aged 21 and over", "US").decision == "approve"
    assert _decide(chunks, "Licensed pyrotechnician advertising fireworks in the US to 18-20 year olds", "US").decision == "reject"
    # Outside the exception's market the prohibition stands.
    assert _decide(chunks, "A fireworks shop wants to advertise fireworks in France", "FR").decision == "reject"


EXC_GLOBAL = "Licensed pyrotechnicians may advertise fireworks, flares and sparklers if the ad is targeted only to users aged 21 or older."


def test_only_the_policys_exception_heading_makes_an_allowance_an_exception():
    """The same global allowance under another heading is one more rule among equals, and the
    stricter prohibition decides; under "Exceptions" the policy says it narrows the ban."""
    banned = _chunk(PROHIBITION, "What we don't allow", "c1", 1)
    question = "A fireworks shop wants to advertise fireworks"
    assert _decide([banned, _chunk(EXC_GLOBAL, "Retailers", "c2", 2)], question).decision == "reject"
    assert _decide([banned, _chunk(EXC_GLOBAL, "Exceptions", "c2", 2)], question).decision == "restrict"
    assert _decide([banned, _chunk("Exception: " + EXC_GLOBAL, "Retailers", "c2", 2)], question).decision == "restrict"


def test_a_case_no_rule_of_the_set_covers_is_decided_by_the_clause_of_the_policy_that_does():
    banned = _chunk(PROHIBITION, "What we don't allow", "c1", 1)
    exception = _chunk(EXC_TEXT, "Exceptions", "c2", 2)
    question = "Licensed pyrotechnician advertising fireworks in Germany to users aged 25+"
    facts = read_case_facts(question, Filters(market="DE"))
    best, rest = plain_candidate(exception), plain_candidate(banned)
    best.reading = rest.reading = None
    applicable = ApplicableRules([best], [])
    from policydesk.assistant.verdict_steps import RuleToRun, check_conditions
    from policydesk.assistant.clause_rules import rules_of

    applicable.rules = [RuleToRun(best, 0, r, o, 0.0) for r, o in rules_of(exception)]
    runs = check_conditions(applicable, facts, terms(question))
    assert all(not r.applicable for r in runs)  # the exception is written for the US
    decided = verdict(runs, applicable, best, [best, rest], facts, lambda source: None, terms(question))
    assert decided.verdict.decision == "reject"
    assert decided.deciding.chunk.id == banned.id


def _marker(text: str, decision: str, cid: str, position: int) -> Chunk:
    return Chunk(id=cid, text=text, source="f.md", policy_id="FIN", title="Money Services Advertising Policy",
                 decision=decision, clause_id=cid, position=position)


def _marker_verdict(chunks: list[Chunk], question: str) -> str:
    from policydesk.assistant.clause_rules import rules_of

    facts = read_case_facts(question, Filters())
    runs = [run_rule(r, o, ch, i, facts, question_terms=terms(question)) for i, ch in enumerate(chunks) for r, o in rules_of(ch)]
    return decide(runs).decision


BANKS = _marker("Licensed banks may advertise current accounts and money transfer services without further certification.",
                "approve", "MS-2", 2)


def test_a_requirement_written_for_another_subject_does_not_narrow_an_allowance_the_case_meets():
    """The loans clause states what it governs (personal loans); a licensed bank's transfer
    service is not it, so its disclosure requirement is no condition of the bank's approval."""
    loans = _marker("Advertisers offering personal loans must be licensed by the financial regulator. "
                    "The ad must disclose the maximum annual percentage rate.", "restrict", "MS-1", 1)
    assert _marker_verdict([loans, BANKS], "Licensed bank promoting its money transfer service") == "approve"
    # The loans clause still decides a case about loans.
    assert _marker_verdict([loans, BANKS], "Licensed bank promoting personal loans") == "restrict"


def test_a_requirement_for_every_advertiser_still_narrows_the_allowance():
    everyone = _marker("Advertisers must disclose their registered business address in the ad.", "restrict", "MS-0", 0)
    assert _marker_verdict([everyone, BANKS], "Licensed bank promoting its money transfer service") == "restrict"


def test_a_listed_subject_is_kept_whole():
    from policydesk.core.clause_logic import rule_scope

    scope = rule_scope("Ads for outdoor clothing, binoculars, hunting blinds and gun safes are allowed without restriction.")
    assert {"gun", "safes"} <= set(scope)


def test_an_exception_does_not_outrank_a_rule_naming_more_of_the_case():
    banned = _chunk("We don't allow ads for guns.", "What we don't allow", "c1", 1)
    exception = _chunk("Air guns may be advertised to users aged 18 and over.", "Exceptions", "c2", 2)
    allowed = _chunk("Ads for gun safes and gun cabinets are allowed without restriction.", "What we allow", "c3", 0)
    assert _decide([allowed, banned, exception], "Gun safe ad from a hardware store").decision == "approve"
    assert _decide([allowed, banned, exception], "Air guns ad from a sports shop").decision == "restrict"


def test_a_prohibition_for_the_cases_market_joins_the_executed_set_below_the_window():
    """(Chunk ids are unique here: clause logic is cached by chunk id.) Lex specialis by market needs the market's prohibition executed: it joins the set
    though it scores well below the best clause; a market rule that only allows, or one for
    another market, does not."""
    from policydesk.assistant.verdict_steps import clause_set

    def cand(ch: Chunk, score: float):
        c = plain_candidate(ch)
        c.score, c.best_cos, c.subject_overlap = score, 0.9, 0.0
        return c

    resale = cand(_chunk("Resellers must be certified by us before they advertise.", "Ticket resale", "m1", 1), 0.80)
    france = cand(_chunk("In France, ticket resale ads are not allowed.", "Markets", "m2", 2), 0.50)
    allow = cand(_chunk("In France, ticket resale ads are allowed for charities.", "Markets", "m3", 3), 0.50)
    facts_fr = read_case_facts("Certified reseller advertising concert tickets in France", Filters(market="FR"))
    facts_de = read_case_facts("Certified reseller advertising concert tickets in Germany", Filters(market="DE"))
    assert [c.chunk.id for c in clause_set(resale, [resale, france], facts_fr, 0.3)] == [resale.chunk.id, france.chunk.id]
    assert [c.chunk.id for c in clause_set(resale, [resale, france], facts_de, 0.3)] == [resale.chunk.id]
    assert [c.chunk.id for c in clause_set(resale, [resale, allow], facts_fr, 0.3)] == [resale.chunk.id]
