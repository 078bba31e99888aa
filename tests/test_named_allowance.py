"""An outright allowance whose subject the case names joins the clauses executed
(assistant/named_allowance.py): a case that is exactly what the policy allows without
restriction is approved over the policy's general requirements; a case the allowance does not
name is answered as before. An invented cookery-school policy: real clause logic, real rule
execution, and a real store end to end."""

from __future__ import annotations

import pytest

from dataclasses import replace

from policydesk.assistant.precedence import decide
from policydesk.assistant.named_allowance import named_allowances, names_allowance
from policydesk.assistant.question import analyse, named_terms
from policydesk.assistant.ranking import plain_candidate
from policydesk.assistant.verdict_steps import applicable_rules, check_conditions
from policydesk.core.casefacts import read_case_facts
from policydesk.core.types import Chunk, Filters
from tests.policy_store import ask_in, ingest_policy

TITLE = "Cookery schools and classes"
REQUIREMENTS = (
    "- The ad must state the full price of the course, including ingredients.\n"
    "- The ad must state the maximum number of students in each class.\n"
    "- Classes where students use knives must be limited to people aged 16 or older."
)
ALLOWED = (
    "- Ads that show photos of dishes cooked in a class that has already finished\n"
    "- Gift vouchers that can be spent on any class"
)


def _chunk(cid: str, section: str, text: str, position: int) -> Chunk:
    return Chunk(id=cid, source="cookery.md", title=TITLE, section=section, clause_id=None, decision=None,
                 markets=["global"], position=position, text=text)


REQ = _chunk("c-1", "Requirements for all classes", REQUIREMENTS, 1)
ALLOW = _chunk("c-2", "Allowed without restriction", ALLOWED, 2)


def _facts(question: str):
    return read_case_facts(question, Filters())


def test_the_allowance_names_a_case_that_is_what_it_allows():
    q = "Ad showing photos of the dishes our students cooked in last week's class, which has finished. OK?"
    assert names_allowance(ALLOW, _facts(q), named_terms(q))


@pytest.mark.parametrize("question", [
    # A course ad: the allowance's subject (photos of dishes of a finished class, vouchers) is not named.
    "Ad for our Thursday evening pasta course, 6 students per class. OK?",
    # Only a shared modifier word ("class") is no shared subject.
    "Knife skills class for teenagers aged 14 - can we advertise?",
])
def test_the_allowance_does_not_name_another_case(question):
    assert not names_allowance(ALLOW, _facts(question), named_terms(question))


def test_only_a_relevant_clause_of_the_same_policy_outside_the_set_joins():
    q = "Ad showing photos of the dishes our students cooked in last week's class, which has finished. OK?"
    best, allow = plain_candidate(REQ), plain_candidate(ALLOW)
    facts = _facts(q)
    assert named_allowances(best, [best, allow], [best], facts, lambda c: True) == [allow]
    # not relevant to the question: it does not join
    assert named_allowances(best, [best, allow], [best], facts, lambda c: False) == []
    # already executed: nothing to add
    assert named_allowances(best, [best, allow], [best, allow], facts, lambda c: True) == []
    # another policy's allowance does not join
    other = plain_candidate(Chunk(id="o-1", source="other.md", title=TITLE, section="Allowed without restriction",
                                  clause_id=None, decision=None, markets=["global"], position=2, text=ALLOWED))
    assert named_allowances(best, [best, other], [best], facts, lambda c: True) == []
    # a set that already speaks of what the allowance names was written for that subject: no join
    narrow = plain_candidate(_chunk("c-3", "Photos of finished classes",
                                    "Schools that post photos of dishes cooked in a class that has finished may do so if:", 3))
    assert named_allowances(narrow, [narrow, allow], [narrow], facts, lambda c: True) == []


def _ranked(score: float, chunk: Chunk):
    """A retrieved clause with its ranking figures: relevant, at `score`."""
    return replace(plain_candidate(chunk), score=score, best_cos=score, subject_overlap=0.5)


@pytest.mark.parametrize("question, verdict, joined", [
    # exactly what the policy allows without restriction: the allowance joins and decides
    ("Ad showing photos of the dishes our students cooked in last week's class, which has finished. OK?", "approve", True),
    # a course ad: the requirements decide, as before
    ("Ad for our Thursday evening pasta course. OK?", "restrict", False),
])
def test_an_allowance_ranked_below_the_window_joins_only_for_its_subject(question, verdict, joined):
    # The allowance scores well below the requirements (outside the clause window): until
    # session 16 it was never executed, and the requirements answered every case.
    best, allow = _ranked(0.8, REQ), _ranked(0.5, ALLOW)
    facts = _facts(question)
    applicable = applicable_rules(best, [best, allow], facts, 0.3)
    assert (allow in applicable.clauses) == joined
    decided = decide(check_conditions(applicable, facts, analyse(question, None).named))
    assert decided is not None and decided.decision == verdict, decided


POLICY = f"""# {TITLE}

Cookery schools advertise classes, courses and workshops. This policy covers ads for cookery
classes run by schools, restaurants and independent chefs.

## Requirements for all classes

{REQUIREMENTS}

## Allowed without restriction

{ALLOWED}
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return ingest_policy(tmp_path_factory, "named-allowance", {"cookery.md": POLICY})


def test_end_to_end_the_allowed_case_is_approved(store):
    answer = ask_in("Ad showing photos of dishes cooked in our class last week - the class has already finished. Fine?", store)
    assert answer.verdict == "approve", (answer.verdict, answer.answer)


def test_end_to_end_a_course_ad_still_has_the_requirements(store):
    answer = ask_in("Ad for our Thursday evening pasta course. Fine?", store)
    assert answer.verdict != "approve", (answer.verdict, answer.answer)
