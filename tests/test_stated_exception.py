"""An exception stated as a permission overrides the prohibition it names (issue 13).

Why: "Lawn feeds that carry the Pet Safe Mark may claim to be safe for pets, even though this
would otherwise be a prohibited claim about pets" was read as a conditionless `restrict` (its
"prohibited" taken for its own decision) and linked to nothing, so a case meeting it was
"allowed only under conditions" and the prohibition still stood. The permission is an exception
on its own conditions (its subject's relative clause, its object's participle phrase), linked to
the prohibition of the same document carrying the words it names; a case that does not meet it
is never approved. Real reader, real store and model, a policy written here.
"""

from __future__ import annotations

import pytest

from policydesk.core.clause_logic import link_exceptions, read_clause_logic
from policydesk.core.exception_reading import TOPIC_PREFIX, exception_conditions, exception_to, override_clause, parent_of
from policydesk.core.reading import read_sentence, read_unit
from policydesk.core.types import Chunk
from tests.policy_store import ask_in, ingest_policy

SEAL = ("Lawn feeds that carry the Pet Safe Mark of approval may claim to be safe for pets, "
        "even though this would otherwise be a prohibited claim about pets.")


@pytest.mark.parametrize(
    "text, topic",
    [
        (SEAL, "claim about pets"),
        ("As an exception to the ban on cash prizes, registered charities may offer cash prizes.", "cash prizes"),
        ("Registered charities may run raffles, notwithstanding the prohibition on lotteries.", "lotteries"),
        ("Ads may say this, even though such claims are otherwise banned.", ""),
    ],
)
def test_an_override_clause_and_the_prohibition_it_names(text, topic):
    found = override_clause(text)
    assert found is not None and found.topic == topic


@pytest.mark.parametrize("text", [
    "Lawn feeds may claim to be safe for pets, although we review them first.",  # no "otherwise … prohibited"
    "Ads must not claim that a lawn feed is safe for pets.",
])
def test_no_override_without_its_grammar(text):
    assert override_clause(text) is None


def test_the_permission_is_read_as_a_permission_not_a_restriction():
    # The override clause's "prohibited" is the other rule's decision, not this sentence's.
    (reading,) = read_unit(SEAL)
    assert reading.decision == "approve" and reading.excepts == "claim about pets"
    assert read_sentence(SEAL).decision == "approve"


def test_its_conditions_are_its_subjects_relative_clause_and_its_objects_participle_phrase():
    assert exception_conditions(SEAL) == ["other:carry the Pet Safe Mark"]  # "of approval" qualifies the mark
    assert exception_conditions("An ad may show a trainee swimming supervised by a qualified lifeguard.") == [
        "other:supervised by a qualified lifeguard"]
    # "the seal of the council": the head alone would name too little, so the qualifier stays.
    assert exception_conditions("Feeds that carry the seal of the council may say so.") == ["other:carry the seal of the council"]


def test_a_sentence_naming_the_exception_and_the_rule_it_excepts():
    assert exception_to("Lifeguard courses are the only exception to the rule on swimming at night.") == (
        "Lifeguard courses", "swimming at night")


def _chunk(cid, text, section):
    return Chunk(id=cid, text=text, source="garden.md", section=section, position=int(cid[-1]))


def test_the_exception_is_linked_to_the_prohibition_in_the_same_document():
    ban = _chunk("c1", "Ads that claim a lawn feed is safe for pets or children will not be accepted.", "Prohibited")
    exc = _chunk("c2", SEAL, "Exceptions")
    other = _chunk("c3", "Lifeguard courses are the only exception to the rule on swimming in the dark. "
                         "An ad may show a trainee swimming supervised by a qualified lifeguard.", "Exceptions")
    for ch in (ban, exc, other):
        ch.logic = read_clause_logic(ch)
    (rule,) = exc.logic
    assert rule.decision == "restrict" and rule.conditions == ["other:carry the Pet Safe Mark"]
    assert rule.overrides == TOPIC_PREFIX + "claim about pets" and {"lawn", "feeds"} <= set(rule.scope)
    (named,) = other.logic
    assert named.overrides == TOPIC_PREFIX + "swimming in the dark" and "lifeguard" in named.scope
    link_exceptions([ban, exc, other])
    assert exc.logic[0].overrides == ban.logic[0].id
    assert other.logic[0].overrides is None  # no prohibition of the document names swimming


def test_the_first_prohibition_carrying_the_words_is_the_parent():
    assert parent_of("disease claim", [("a", "Ads must not show pets."), ("b", "Ads that claim a food prevents a disease are rejected."),
                                        ("c", "This covers claims such as preventing kidney disease.")]) == "b"
    assert parent_of("disease claim", [("a", "Ads must not show pets.")]) is None


POLICY = """# Lawn and garden care

This policy covers ads for lawn feeds, weed killers and garden tools.

## Prohibited content

Ads that claim a lawn feed or weed killer is safe for pets or children will not be accepted.

## Exceptions

Lawn feeds that carry the Pet Safe Mark of approval may claim to be safe for pets, even though this would otherwise be a prohibited claim about pets.
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return ingest_policy(tmp_path_factory, "stated-exception", {"garden.md": POLICY})


def test_a_case_meeting_the_exception_is_approved(store):
    a = ask_in("Our lawn feed carries the Pet Safe Mark. Can the ad say it is safe for pets?", store)
    assert a.verdict == "approve", (a.verdict, a.answer)


def test_a_case_silent_on_the_exception_is_never_approved(store):
    a = ask_in("Can our lawn feed ad say it is safe for pets?", store)
    assert a.verdict == "restrict", (a.verdict, a.answer)


def test_a_case_not_meeting_the_exception_is_rejected(store):
    a = ask_in("Our lawn feed does not carry the Pet Safe Mark. Can the ad say it is safe for pets?", store)
    assert a.verdict == "reject", (a.verdict, a.answer)


def test_the_prohibition_still_decides_what_the_exception_is_not_for(store):
    a = ask_in("Can our weed killer ad say it is safe for children?", store)
    assert a.verdict == "reject", (a.verdict, a.answer)


def test_annotate_proposes_the_exception_linked_to_its_prohibition(tmp_path):
    from policydesk.rules.annotate import annotate_path

    (tmp_path / "garden.md").write_text(POLICY)
    rows = {a.rule.quote: a.rule for a in annotate_path(tmp_path / "garden.md", tmp_path).rules}
    exc = rows[" ".join(SEAL.split())]
    ban = next(r for q, r in rows.items() if q.startswith("Ads that claim a lawn feed"))
    assert (exc.decision, exc.conditions, exc.overrides) == ("restrict", ["other:carry the Pet Safe Mark"], ban.id)


CONTESTS = ("Skill contests, such as drawing or photography competitions, may accept entrants aged 13 to 17 if a parent "
            "consents in writing. Ads for these contests may then target people aged 13 or older. "
            "This exception doesn't apply to prize draws, sweepstakes or instant-win promotions.")


def test_what_an_exception_does_not_cover_is_read_item_by_item():
    from policydesk.core.exception_reading import not_covered

    assert not_covered("This exception doesn't apply to prize draws, sweepstakes or instant-win promotions.") == [
        "prize draws", "sweepstakes", "instant-win promotions"]
    assert not_covered("Prize draws don't apply to minors.") == []


def test_a_case_of_a_kind_the_exception_does_not_cover_is_not_decided_by_it():
    from policydesk.assistant.execute import run_rule
    from policydesk.core.casefacts import read_case_facts
    from policydesk.core.terms import terms
    from policydesk.core.types import Filters

    chunk = Chunk(id="x", text=CONTESTS, source="contests.md", section="Exceptions")
    rules = read_clause_logic(chunk)
    assert rules and all(r.excludes == ["prize draws", "sweepstakes", "instant-win promotions"] for r in rules)

    def run(question):
        return run_rule(rules[1], "prose", chunk, 0, read_case_facts(question, Filters()), question_terms=terms(question))

    draw = run("Prize draw for a games console, ads targeting 16 and 17 year olds. OK?")
    assert not draw.applicable and "prize draws" in draw.reason
    drawing = run("Drawing competition for teens, ads targeting 13 and older. OK?")
    assert drawing.applicable and drawing.outcome == "approve"


@pytest.mark.parametrize("text, rules", [
    ("Skill contests are allowed if they meet the other requirements in this policy.", 0),
    ("Raffles are permitted provided that they comply with all the other rules of this policy.", 0),
    ("Skill contests are allowed if they meet the requirements of the gaming board.", 1),  # a condition of its own
])
def test_a_permission_whose_only_condition_is_the_rest_of_the_policy_states_no_rule(text, rules):
    assert len(read_unit(text)) == rules


def test_the_sentence_naming_the_exception_is_no_rule_of_its_own():
    # ingest, annotate and lint agree: the permission after it is the exception.
    assert read_unit("Lifeguard courses are the only exception to the rule on swimming at night.") == []
