"""A prohibition binds a case only when the case does or names what it prohibits (issue 13,
assistant/other_wording.py `permitted_wording_kept`, assistant/prohibited_things.py `things_unnamed`; core/conduct.py
`described_wording` for a permission to use quoted wording). The policies here are invented."""

from __future__ import annotations

from policydesk.assistant.execute import run_rule
from policydesk.assistant.question import analyse
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import prohibition_scope, rule_scope
from policydesk.core.condition_reading import executable_conditions
from policydesk.core.conduct import described_wording, permitted_wording
from policydesk.core.types import Chunk, Filters, Rule

# ---------------------------------------------------------------- permitted wording
PERMIT = 'In Canada, ads for honey that contains at least 20 mg of propolis per spoon may use the wording "Propolis supports normal immune function".'
OTHER = "No other wording, and no stronger version of this claim, is allowed."
CLAUSE = f"{PERMIT} {OTHER}"


def test_a_permission_to_use_quoted_wording_is_read():
    assert permitted_wording(PERMIT) == ["Propolis supports normal immune function"]
    assert described_wording(PERMIT) == []  # not a scope: the permission's subject says which ads it is for
    # a duty to use words is a requirement, not a permission
    assert permitted_wording('Every ad must use the term "Sponsored" above the fold.') == []


def _run(rule: Rule, question: str, market: str | None = "CA"):
    chunk = Chunk(id="c", text=CLAUSE, source="honey.md", title="Honey and bee products", section="Exceptions", position=3,
                  logic=[_permit_rule(), _other_rule()])
    filters = Filters(market=market)
    return run_rule(rule, "prose", chunk, 0, read_case_facts(question, filters), 0.5, analyse(question, market).named)


def _other_rule() -> Rule:
    return Rule(id="HON-3/p2", quote=OTHER, decision="reject", conditions=[], scope=rule_scope(PERMIT))


def _permit_rule() -> Rule:
    return Rule(id="HON-3/p1", quote=PERMIT, decision="approve", conditions=executable_conditions(PERMIT, "approve"),
                scope=rule_scope(PERMIT), markets=["CA"])


def test_no_other_wording_does_not_bind_the_permitted_wording():
    run = _run(_other_rule(), "Can our honey ad say 'Propolis supports normal immune function'? 25 mg propolis per spoon.")
    assert not run.applicable and "other than the policy permits" in run.reason


def test_no_other_wording_binds_a_case_the_permission_does_not_cover():
    # too little propolis, or another market: the permission does not cover it, the ban stands
    run = _run(_other_rule(), "Can our honey ad say 'Propolis supports normal immune function'? 10 mg propolis per spoon.")
    assert run.applicable and run.outcome == "reject"
    run = _run(_other_rule(), "Can our honey ad say 'Propolis supports normal immune function'? 25 mg propolis per spoon.", "US")
    assert run.applicable and run.outcome == "reject"


def test_no_other_wording_binds_copy_with_words_of_its_own():
    run = _run(_other_rule(), "Can our honey ad say 'Propolis supports normal immune function and cures colds'?")
    assert run.applicable and run.outcome == "reject"


def test_no_other_wording_binds_a_case_that_quotes_no_copy():
    run = _run(_other_rule(), "Can our honey ad make an immune claim? 25 mg propolis per spoon.")
    assert "other than the policy permits" not in run.reason
    run = _run(_other_rule(), "Can we advertise our propolis honey? 25 mg propolis per spoon.")
    assert not run.applicable and "states no wording or claim" in run.reason




# ---------------------------------------------------------------- things prohibited
ITEM = "- Risk-free returns, such as a guaranteed annual yield, a guaranteed portion of profits, or a promise that brokers will buy back the shares"
DRUGS = "- **Banned stimulants:** Ephedrine, DMAA and clenbuterol aren't permitted, and neither is coaching that supplies or arranges them."
PLAIN = "- **Banned stimulants:** Ephedrine and DMAA aren't permitted, and neither is coaching for competitions."


def _run_ban(quote: str, question: str, title: str = "Investment products"):
    rule = Rule(id="X-5/p2", quote=quote, decision="reject", conditions=[], scope=prohibition_scope(quote))
    chunk = Chunk(id="c", text=quote, source="x.md", title=title, section="What's not allowed", position=5)
    return run_rule(rule, "prose", chunk, 0, read_case_facts(question, Filters()), 0.5, analyse(question, None).named)


def test_a_word_inside_an_example_is_not_what_the_item_prohibits():
    # "broker" is a word of the third example's clause, not one of the things banned
    run = _run_ban(ITEM, "Regulated stock broker app, ad says 'Trade from your phone'. OK?")
    assert not run.applicable and "none of which the case names" in run.reason


def test_a_listed_thing_named_binds():
    run = _run_ban(ITEM, "Our ad promises a guaranteed annual yield of 8%. OK?")
    assert run.applicable and run.outcome == "reject"
    run = _run_ban(ITEM, "Ad says returns are risk-free. OK?")
    assert run.applicable and run.outcome == "reject"


def test_most_words_of_a_thing_name_it():
    run = _run_ban(ITEM, "Ad says 'guaranteed yield every year'. OK?")
    assert run.applicable and run.outcome == "reject"


def test_a_thing_tied_back_by_a_relative_clause_needs_what_it_points_to():
    q = "Online strength coaching, certified coach, 18+ only. OK?"
    run = _run_ban(DRUGS, q, "Fitness and training")
    assert not run.applicable and "none of which the case names" in run.reason
    run = _run_ban(DRUGS, "Coaching that includes a DMAA cycle plan. OK?", "Fitness and training")
    assert run.applicable and run.outcome == "reject"


def test_a_word_of_what_makes_the_thing_prohibited_keeps_the_rule():
    # the relative clause of the prohibited thing itself says what is banned: a case doing it
    # is bound, though it calls its loans by another name
    quote = "- Loans that require upfront fees before approval"
    run = _run_ban(quote, "Our financing requires upfront fees before approval. OK?", "Consumer credit")
    assert run.applicable and run.outcome == "reject"


def test_a_thing_added_by_neither_without_tie_is_prohibited_itself():
    run = _run_ban(PLAIN, "Coaching for competitions, certified coach. OK?", "Fitness and training")
    assert run.applicable


# ---------------------------------------------------------------- a permission of the case's thing
from policydesk.assistant.precedence import decide  # noqa: E402

BAN = "Drone racing league ads are prohibited in Norway, because such leagues must not promote betting there."
PERMITTED = "Ads for drone repair kits are permitted in all markets."


def _runs(question: str, market: str = "NO"):
    ban = Rule(id="DRN-3/p1", quote=BAN, decision="reject", conditions=[], scope=prohibition_scope(BAN), markets=["NO"])
    ok = Rule(id="DRN-4/p1", quote=PERMITTED, decision="approve", conditions=[], scope=rule_scope(PERMITTED))
    facts = read_case_facts(question, Filters(market=market))
    named = analyse(question, market).named
    out = []
    for i, (rule, text) in enumerate(((ban, BAN), (ok, PERMITTED))):
        chunk = Chunk(id=f"c{i}", text=text, source="drones.md", title="Drones", section="Rules", position=i)
        out.append(run_rule(rule, "prose", chunk, i, facts, 0.5, named))
    return out


def test_a_permission_naming_the_case_thing_beats_a_ban_on_another_thing():
    ban, ok = _runs("Drone repair kit ads in Norway, given the racing league ban there?")
    assert ban.applicable and ban.outcome == "reject" and ban.thing is False
    assert ok.outcome == "approve" and ok.thing is True
    verdict = decide([ban, ok])
    assert verdict is not None and verdict.decision == "approve"


def test_the_ban_stands_for_the_thing_it_names():
    ban, ok = _runs("Drone racing league ads in Norway?")
    assert ban.thing is not False
    verdict = decide([ban, ok])
    assert verdict is not None and verdict.decision == "reject"
