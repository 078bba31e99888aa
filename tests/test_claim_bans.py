"""Bans on saying something (core/claim_bans.py): a prohibition whose every negative modal
governs a verb of saying is not broken by a case that states no claim (session 22: a banned
claim counts as made only when the case says the ad makes it), and is no reject; a case that makes the claim is still rejected, and a sentence that also bans
showing or doing something, or a thing, is not read as one. Invented policy wording, real
reading and execution."""

from policydesk.assistant.execute import run_rule
from policydesk.assistant.precedence import decide
from policydesk.core.casefacts import read_case_facts
from policydesk.core.claim_bans import bans_only_saying
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.types import Chunk, Filters


def _verdict(text, question):
    chunk = Chunk(id="c1", text=text, source="tools.txt", policy_id="P", title="Garden tools", markets=[])
    facts = read_case_facts(question, Filters(market=None))
    runs = [run_rule(r, "prose", chunk, 0, facts, question_terms=None) for r in read_clause_logic(chunk)]
    return decide(runs)


BAN = "Ads must not claim that a chainsaw is safe to use without gloves."


def test_bans_only_saying_reads_the_sentence_structure():
    assert bans_only_saying(BAN)
    assert bans_only_saying('Must not claim any product makes the user "invincible" or "guarantees your safety".')
    assert bans_only_saying("Ads may not promise or imply guaranteed harvests.")
    # a ban on showing or doing something, or a passive ban of a thing, is not only saying
    assert not bans_only_saying("Must not show a blade pointed at or used against a person.")
    assert not bans_only_saying("Ads must not urge children to buy, and must not suggest that owning it makes them popular.")
    assert not bans_only_saying('Ads that claim "free flow" drinks are not allowed.')
    assert not bans_only_saying("Chainsaw ads are prohibited.")


def test_claim_ban_holds_for_a_case_stating_no_claim_and_rejects_one_making_it():
    quiet = _verdict(BAN, "Can we advertise our electric chainsaw to gardeners?")
    assert quiet is None or quiet.decision == "approve"
    made = _verdict(BAN, 'Our ad says "this chainsaw is safe to use without gloves".')
    assert made is not None and made.decision == "reject"


def test_a_content_ban_still_rejects():
    v = _verdict("Ads must not show a chainsaw being used on a person.", "Our chainsaw ad shows it being used on a person")
    assert v is not None and v.decision == "reject"


def test_a_claim_the_case_denies_is_not_made():
    """Session 17: "…, nothing about it being painless" denies the banned claim; a negation
    that a verb of saying governs is the ad's claim, not a denial of one."""
    from policydesk.core.claim_bans import claim_denied

    q = "Numbing gel, 4% lidocaine. We talk about 'taking the edge off', nothing about it being painless."
    assert claim_denied("the procedure will be painless", q) == "nothing about it being painless"
    assert claim_denied("the product has no side effects", "Our ad says there are no side effects.") is None
    assert claim_denied("the treatment stops the biological clock", "we never say it stops the biological clock")
    assert claim_denied("the procedure will be painless", "Ad: 'totally painless', nothing else to add") is None


def test_a_denied_claim_does_not_break_a_ban_on_saying_it():
    chunk = Chunk(id="c1", text="Ads must not claim the procedure will be painless.", source="s.md", policy_id="S", title="Studios", markets=[])
    rule = read_clause_logic(chunk)[0]
    facts = read_case_facts("Numbing gel for tattoo studios. We talk about 'taking the edge off', nothing about it being painless.")
    run = run_rule(rule, "prose", chunk, 0, facts, question_terms={"numb", "gel", "tattoo", "studio", "painless"})
    assert run.outcome is None and run.by_fact
    said = read_case_facts("Numbing gel for tattoo studios. The ad says 'totally painless'.")
    assert run_rule(rule, "prose", chunk, 0, said, question_terms={"numb", "gel", "tattoo", "studio", "painless"}).outcome == "reject"


def test_a_ban_named_only_in_a_denial_of_saying_it_does_not_bind():
    """Session 17: "Ads must not say or imply that: - a procedure is painless or pain-free;"
    and a case saying "nothing about it being painless": the case names the banned saying
    only to deny it. A word used outside the denial keeps the ban binding."""
    from policydesk.core.claim_bans import said_nothing_of

    q = "Numbing gel, we talk about 'taking the edge off', nothing about it being painless."
    assert said_nothing_of(["painless"], q) == "nothing about it being painless"
    assert said_nothing_of(["painless"], "Ad: 'a painless experience' - nothing about side effects.") is None
    assert said_nothing_of(["painless"], "The ad says it is painless.") is None
    assert said_nothing_of(["guarante"], "No guarantee claims, we never promise results.") == "No guarantee claims"
