"""A rule for the markets a list does not name ("In markets not listed in 3.1, …") does not
bind the listed ones, and a prohibition that opens with the condition it binds under ("Where
the region has no licensing body, … are not permitted") is broken only by a case that states
the condition (core/list_complement.py, core/condition_reading.py `leading_trigger`,
assistant/rule_trigger.py `ban_trigger_reason`, session 23)."""

from __future__ import annotations

from policydesk.assistant.execute import run_rule
from policydesk.assistant.precedence import decide
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.condition_reading import leading_trigger, requirement_trigger
from policydesk.core.list_complement import complement_reference, paragraph_markets
from policydesk.core.sentences import split_sentences
from policydesk.core.terms import terms
from policydesk.core.types import Chunk, Filters

# Invented: guided fishing trips, a per-market list of accepted licensing bodies.
SECTION = (
    "3.1  Guided fishing trip ads may run only if the guide holds a licence accepted in the market the ad targets:\n"
    "NZ  licensed by Fish and Game New Zealand\n"
    "NO  licensed under the national angling register\n"
    "CA  a provincial guide licence\n"
    "3.2  In markets not listed in 3.1, guided fishing trip ads may run only if the guide is licensed by that country's "
    "fisheries authority. Where the country has no fisheries authority, guided fishing trip ads are not permitted.\n"
    "3.3  Every guided fishing trip ad must show the guide's licence number."
)


def _chunk(text=SECTION):
    return Chunk(id="c1", text=text, source="fishing.txt", policy_id="FISH", title="Guided fishing trips",
                 section="3. WHO MAY ADVERTISE")


def _rules(text=SECTION):
    chunk = _chunk(text)
    return chunk, read_clause_logic(chunk, paragraph_markets([chunk]))


def test_a_numbered_paragraph_starts_a_sentence_of_its_own():
    texts = [s.text for s in split_sentences(SECTION)]
    assert any(t.startswith("3.2  In markets not listed in 3.1") for t in texts), texts
    # A wrapped reference to a paragraph is no paragraph of its own.
    wrapped = "Ads must follow the limits set out in paragraph\n4.2 of this standard."
    assert len(split_sentences(wrapped)) == 1


def test_references_to_a_list_are_read():
    assert complement_reference("In markets not listed in 3.1, ads may run only if …") == ["¶3.1"]
    assert complement_reference("In countries other than those named in Schedule 2, Part 1, …") == ["SCHEDULE 2 PART 1"]
    assert complement_reference("In any market not named in the table, these ads are not accepted.") == ["here"]
    assert complement_reference("Outside the markets above, ads must carry the warning.") == ["here"]
    assert complement_reference("Ads in any country not named in 4.1 or 4.2 go to review.") == ["¶4.1", "¶4.2"]
    assert complement_reference("In all markets, ads must carry the warning.") == []


def test_paragraph_markets_read_row_codes_and_names():
    refs = paragraph_markets([_chunk()])
    assert set(refs["¶3.1"]) >= {"NZ", "CA"}


def test_rules_for_unlisted_markets_except_the_listed_ones():
    _, rules = _rules()
    by_quote = {" ".join(r.quote.split())[:20]: r for r in rules}
    unlisted = next(r for r in rules if "not listed in 3.1" in r.quote)
    assert set(unlisted.except_markets) >= {"NZ", "CA"}
    # "Where the country has no …": the country of the sentence before, in the same paragraph.
    ban = next(r for r in rules if r.decision == "reject")
    assert ban.except_markets == unlisted.except_markets, by_quote
    listed = next(r for r in rules if r.quote.startswith("3.1"))
    assert not listed.except_markets


def _decide(question, market):
    chunk, rules = _rules()
    facts = read_case_facts(question, Filters(market=market))
    runs = [run_rule(r, "prose", chunk, 0, facts, question_terms=terms(question)) for r in rules]
    return runs, decide(runs)


def test_a_listed_market_is_not_bound_by_the_rule_for_the_others():
    runs, _ = _decide("Guided fishing trip ad, our guide is licensed by Fish and Game New Zealand.", "NZ")
    ban = next(r for r in runs if r.rule.decision == "reject")
    assert not ban.applicable and "excepted" in ban.reason
    assert all(r.outcome != "reject" for r in runs)


def test_leading_trigger_of_a_prohibition():
    assert leading_trigger("Where the region has no licensing body, kayak hire ads are not permitted.") == ("the region has no licensing body", False)
    assert leading_trigger("If an ad mentions a discount, it must not hide the end date.") == ("mentions a discount", True)
    assert leading_trigger("Kayak hire ads are not permitted in winter.") is None
    # The requirements' reader is the same reading.
    assert requirement_trigger("If an ad mentions a bonus, it must say when the bonus ends.") == ("mentions a bonus", True)


BAN = "Where the region has no licensing body, kayak hire ads are not permitted."


def _ban_run(question):
    chunk = Chunk(id="k1", text=BAN, source="kayak.md", policy_id="K", title="Outdoor activity standard")
    rule = read_clause_logic(chunk)[0]
    assert rule.decision == "reject"
    facts = read_case_facts(question, Filters())
    return run_rule(rule, "prose", chunk, 0, facts, question_terms=terms(question))


def test_a_ban_whose_trigger_the_case_does_not_state_is_not_broken():
    run = _ban_run("Kayak hire ad for our lake centre, 18+ audience.")
    assert run.outcome is None and run.held_by_silence and not run.by_fact, run.reason


def test_a_ban_whose_lacking_trigger_the_case_denies_does_not_apply():
    run = _ban_run("Kayak hire ad; we are licensed by the region's licensing body.")
    assert run.outcome is None and run.by_fact and "denies" in run.reason, run.reason


def test_a_ban_whose_trigger_the_case_states_rejects():
    run = _ban_run("Kayak hire ad, there is no licensing body in our region.")
    assert run.outcome == "reject", run.reason


def test_a_relative_clause_verb_is_no_market_named_before():
    text = ("In Norway (NO), ads for fishing rods must be targeted only at people aged 18 or over. "
            "We don't allow ads that market fishing knives to children under 14.")
    chunk = Chunk(id="c2", text=text, source="rods.md", policy_id="R", title="Fishing gear")
    ban = next(r for r in read_clause_logic(chunk) if r.decision == "reject")
    assert not ban.markets and not ban.except_markets


def test_an_application_said_to_be_still_pending_is_a_stand_in():
    from policydesk.assistant.credential_stand_in import stand_in

    assert stand_in("Our guide licence application went in to the authority in May, still pending.")
    assert stand_in("The application form is on our website.") is None


def test_a_long_relative_clause_on_the_subject_is_its_trigger():
    assert requirement_trigger(
        "A shop that sells furniture by promising to plant a tree for each order sold must name the forest."
    ) == ("sells furniture by promising to plant a tree for each order sold", True)
    # A clause running into a second predicate of the subject is no trigger.
    assert requirement_trigger("Resellers that are not the maker are not covered by this exception and must meet 2.1.") is None
