"""Lists a policy introduces as out of scope (core/exclusion_lists.py), read into the policy's
exclusions and executed end to end on a real store: an invented kite-surfing schools policy."""

from __future__ import annotations

import pytest

from policydesk.core.corpus_facts import policy_exclusions
from policydesk.core.exclusion_lists import listed_exclusions
from tests.policy_store import ask_in, ingest_policy
from tests.test_policy_exclusion import needs_wordnet


def test_a_bold_label_and_its_bullets():
    text = ("**In scope**\n\n- Kite-surfing lessons\n- Board hire\n\n"
            "**Out of scope** (use the policy named in brackets)\n\n"
            "- Wetsuits and other clothing (Apparel)\n- Boat trips to surf spots (Travel)\n")
    assert listed_exclusions(text) == ["Wetsuits and other clothing", "Boat trips to surf spots"]


def test_a_lead_in_sentence_and_lettered_items_with_their_tails_cut():
    text = ("3.2 The following are out of scope and should be reviewed under their own policies:\n"
            "(a) paddle boards, including inflatable models, unless sold with lessons;\n"
            "(b) harbour mooring fees (see the Marinas standard);\n"
            "(c) sea-kayak tours described in section 9.")
    assert listed_exclusions(text) == ["paddle boards", "harbour mooring fees", "sea-kayak tours"]


def test_a_run_in_list_after_the_policy_says_what_it_does_not_cover():
    text = "1.4  This standard does not cover: surf wax and fins; beach cafes; and lifeguard recruitment ads."
    assert listed_exclusions(text) == ["surf wax and fins", "beach cafes", "lifeguard recruitment ads"]


def test_a_list_under_a_heading_saying_so():
    text = "These are handled elsewhere:\n- Drones for filming riders\n- Sunscreen (Personal care)"
    assert listed_exclusions(text, "Kite schools > Not covered by this policy") == ["Drones for filming riders", "Sunscreen"]


def test_lists_that_do_not_exclude_are_not_read():
    assert listed_exclusions("**In scope**\n\n- Kite lessons\n- Board hire") == []
    assert listed_exclusions("This policy covers:\n- kite lessons\n- board hire") == []
    # an exception to one rule is no exclusion from the policy
    assert listed_exclusions("The helmet rule does not apply to:\n- instructors\n- children under 8") == []
    assert listed_exclusions("- instructors\n- children under 8", "Exceptions") == []
    # a sentence after the colon is one statement, read by the sentence readers
    assert listed_exclusions("Out of scope: jet skis are not covered by this policy.") == []
    # the list ends where prose starts again
    text = "Out of scope:\n- wetsuits\n\nSchools must hold an instructor licence.\n- Board hire must be insured"
    assert listed_exclusions(text) == ["wetsuits"]


def test_policy_exclusions_take_list_items_and_not_the_lead_in():
    text = "The following are handled under other policies and are not covered here:\n- Kite-buggy racing\n- Surf wax"
    assert policy_exclusions(text) == ["Kite-buggy racing", "Surf wax"]


POLICY = """# Kite-surfing schools

This policy applies to ads for kite-surfing schools, lessons and board hire.

## Scope

**Out of scope** (use the policy named in brackets)

- Wetsuits and other clothing (Apparel)
- Sunscreen and lip balm (Personal care)

## Instructors

Schools must hold an instructor licence from the national kite federation.

## Claims

We don't allow claims that lessons make kite-surfing risk-free.
"""


@pytest.fixture(scope="module")
def kites(tmp_path_factory):
    return ingest_policy(tmp_path_factory, "exclusion-lists", {"kites.md": POLICY})


@needs_wordnet
def test_a_listed_thing_is_escalated_and_the_policys_own_things_are_answered(kites):
    # Without the list read, the claims ban answers it (reject): the policy says it gives no answer.
    out = ask_in("Wetsuits for kite-surfing lessons: the ad says our wetsuits make kite-surfing risk-free. OK?", kites)
    assert out.verdict == "escalate"
    assert '"Wetsuits and other clothing" are not covered by it' in out.trace.reason
    own = ask_in("Kite-surfing school ad for beginner lessons; we hold an instructor licence from the national kite federation. OK?", kites)
    assert own.verdict != "escalate"
