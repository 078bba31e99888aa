""""Minors" in a policy that does not define them is read by the word's ordinary meaning, a
person under 18, as an audience floor (core/defined_ages.py `ORDINARY_GROUPS`); a sentence that
also keeps content out of its ads stays a prohibition whose content ban is still executed
(assistant/prohibition_outcome.py), and words of the policy's own topic are no evidence that
the ad carries the banned content (`content_unnamed`). Invented domain: kite festivals."""

from policydesk.assistant.execute import run_rule
from policydesk.assistant.prohibition_outcome import content_unnamed
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import clause_markets, link_exceptions, read_clause_logic
from policydesk.core.defined_ages import apply_defined_ages
from policydesk.core.terms import terms
from policydesk.core.types import Chunk, Filters

TITLE = "Kite festivals and kite flying lessons"


def _rules(text: str, extra: dict[str, str] | None = None, title: str = "Outdoor classes") -> list:
    sections = {**(extra or {}), "2. Audience": text}
    chunks = [Chunk(id=f"k{i}", text=t, source="kites.md", section=s, policy_id="KITES", title=title, position=i)
              for i, (s, t) in enumerate(sections.items())]
    refs = clause_markets(chunks)
    for ch in chunks:
        ch.logic = read_clause_logic(ch, refs)
    link_exceptions(chunks)
    apply_defined_ages(chunks)
    return [(r, chunks[-1]) for r in chunks[-1].logic]


def test_minors_without_a_definition_is_a_floor_of_18():
    ((rule, _),) = _rules("Ads for kite flying lessons must not be shown to minors.")
    assert (rule.decision, rule.conditions) == ("restrict", ["min_age:18"])


def test_the_policys_own_definition_wins():
    ((rule, _),) = _rules("Ads for kite flying lessons must not be shown to minors.",
                          {"1. Terms": "Minor: A person under 16 years of age."})
    assert rule.conditions == ["min_age:16"]


def _run(question: str):
    ((rule, chunk),) = _rules("We don't allow ads for kite lessons to be shown to minors, and ads must not feature children climbing power pylons.")
    return rule, run_rule(rule, "prose", chunk, 0, read_case_facts(question, Filters()), question_terms=terms(question))


def test_a_floor_and_a_content_ban_stay_one_prohibition():
    rule, _ = _run("x")
    assert rule.decision == "reject" and "min_age:18" in rule.conditions


def test_an_adult_audience_and_no_banned_content_is_not_rejected():
    _, run = _run("A kite school wants to advertise kite lessons to adults 18+. Allowed?")
    assert run.outcome != "reject"


def test_an_adult_audience_with_the_banned_content_is_rejected():
    _, run = _run("Kite lessons ad targeted 18+; the video shows children climbing power pylons. OK?")
    assert run.outcome == "reject"


def test_a_minor_audience_breaks_the_floor():
    _, run = _run("Kite lessons ad targeted to teens aged 13-17. OK?")
    assert run.outcome == "reject"


def test_the_policys_topic_is_no_banned_content():
    ban = "Ads must not feature children flying a kite."
    # "kite" is the policy's topic: every case names it
    assert content_unnamed(ban, "We sell kites to adults.", TITLE) == "children flying a kite"
    assert content_unnamed(ban, "Our ad shows children on a beach.", TITLE) is None
    # without the title the old reading stands
    assert content_unnamed(ban, "We sell kites to adults.") is None
