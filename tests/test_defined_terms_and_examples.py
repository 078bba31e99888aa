"""Definitions, labelled examples and run-in exception labels, read as the policy writes them.

- a defined age group with an age per market ("Junior: a person under 16. For ads targeted at
  users in JP, a Junior is a person under 20.") gives the rule that uses it ("must not be shown
  to Juniors") its floor per market (core/defined_ages.py);
- a labelled example ("**Rejected example:** … targeted 16+") and its rationale state no rule
  (core/illustrations.py);
- "4.2 Exception to 4.1: …" is an exception of clause 4.1: the label is no word of its subject,
  and it names the clause it excepts (core/exception_reading.py `excepted_number`).
Wording invented here.
"""

from __future__ import annotations

import pytest

from policydesk.core.clause_logic import clause_markets, link_exceptions, read_clause_logic
from policydesk.core.defined_ages import age_groups, apply_defined_ages
from policydesk.core.exception_reading import excepted_number
from policydesk.core.illustrations import illustrates
from policydesk.core.reading import read_unit
from policydesk.core.types import Chunk
from tests.policy_store import ask_in, ingest_policy

SECTIONS = {
    "Key terms": "Junior: A person under 16 years of age. For ads targeted at users in JP, a Junior is a person under 20 years of age.",
    "1. Audience": "1.1 Ads for trampoline parks must not be shown to Juniors.",
    "2. Imagery": "2.1 Ads must not show people who appear to be Juniors doing flips.",
}


def _document(sections=SECTIONS) -> dict[str, Chunk]:
    chunks = [Chunk(id=f"c{i}", text=text, source="parks.md", section=section, policy_id="PARKS", position=i)
              for i, (section, text) in enumerate(sections.items())]
    references = clause_markets(chunks)
    for ch in chunks:
        ch.logic = read_clause_logic(ch, references)
    link_exceptions(chunks)
    apply_defined_ages(chunks)
    return {ch.section: ch for ch in chunks}


def test_an_age_group_is_read_with_its_age_per_market():
    (group,) = age_groups(SECTIONS["Key terms"]).values()
    assert (group.term, group.under, group.by_market) == ("junior", 16, {"JP": 20})
    (group,) = age_groups("For this policy, a youngster is a person under 18, or under 19 in South Korea.").values()
    assert (group.under, group.by_market) == (18, {"KR": 19})
    assert age_groups("Children under 13 must not be targeted.") == {}


def test_a_rule_naming_the_group_as_audience_takes_its_floors():
    doc = _document()
    (rule,) = doc["1. Audience"].logic
    assert (rule.decision, rule.conditions) == ("restrict", ["min_age:16", "min_age:20@JP"])
    assert "juniors" not in rule.scope and "junior" not in rule.scope
    # the age of people shown is no audience: left as read
    assert all(not c.startswith("min_age") for r in doc["2. Imagery"].logic for c in r.conditions)


def test_without_the_definition_the_ban_has_no_floor():
    doc = _document({"1. Audience": SECTIONS["1. Audience"]})
    assert [(r.decision, r.conditions) for r in doc["1. Audience"].logic] == [("reject", [])]


@pytest.mark.parametrize("text", [
    '- **Rejected example:** "Bounce all night!" for a trampoline park targeted 13+.',
    '- **Approved example:** "Family jump hour" targeted 18+ in FR.',
    "*Rationale: below the 16+ floor.*",
    "Example 3: a banner showing a backflip must not run.",
    "For instance, an ad for a park in JP must be targeted 20+.",
])
def test_a_labelled_example_states_no_rule(text):
    assert illustrates(text)
    assert read_unit(text) == []


def test_an_example_inside_a_rule_stays_part_of_it():
    text = "Ads must not pressure parents, for example by saying a party slot is the last one."
    assert not illustrates(text)
    assert read_unit(text)[0].decision == "reject"


def test_an_examples_gallery_yields_only_its_rule():
    text = ('Ads for trampoline parks must be targeted at users aged 16 or over.\n\n'
            '- **Approved example:** "Jump night" targeted 18+ in FR. *Rationale: above the floor.*\n'
            '- **Rejected example:** "Bounce with your class!" targeted 13+. *Rationale: below the floor.*')
    rules = read_clause_logic(Chunk(id="g", text=text, source="parks.md", section="Rule 1 - Ages"), {})
    assert [(r.decision, r.conditions) for r in rules] == [("restrict", ["min_age:16"])]


def test_a_run_in_exception_label_names_the_clause_it_excepts():
    assert excepted_number("4.2 Exception to 4.1: resellers may advertise refurbished beds.") == "4.1"
    assert excepted_number("Exception to clause 7 - x") == "7"
    assert excepted_number("Exception: x") is None
    assert excepted_number("4.1 Exceptions are rare.") is None
    text = ("4.1 Ads for the sale of trampolines for home use are prohibited.\n"
            "4.2 Exception to 4.1: commercial trampolines may be advertised to businesses, provided the ad is targeted only at business audiences.")
    rules = read_clause_logic(Chunk(id="e", text=text, source="parks.md", section="4. Sales"), {})
    assert "exception" not in rules[-1].scope
    assert {"commercial", "trampolines"} <= set(rules[-1].scope)


@pytest.fixture(scope="module")
def parks(tmp_path_factory):
    html = """<html><head><title>Trampoline parks</title></head><body><h1>Trampoline parks</h1>
<p>This policy covers ads for trampoline parks.</p>
<h2>Key terms</h2>
<dl><dt>Junior</dt><dd>A person under 16 years of age. For ads targeted at users in JP, a Junior is a person under 20 years of age.</dd></dl>
<details><summary>1. Audience</summary><p>1.1 Ads for trampoline parks must not be shown to Juniors.</p></details>
</body></html>"""
    return ingest_policy(tmp_path_factory, "parks", {"parks.html": html})


def test_end_to_end_the_floor_is_the_markets(parks):
    assert ask_in("Trampoline park ad, audience 18+, in France. OK?", parks, market="FR").verdict == "approve"
    assert ask_in("Trampoline park ad, audience 18+, in Japan. OK?", parks, market="JP").verdict == "reject"


def test_an_ad_under_a_numbered_clause_governs_what_that_clause_governs():
    from policydesk.core.clause_pointer_scope import apply_clause_pointers, pointed_clause

    assert pointed_clause("5.3 An ad under 5.2 must state that a prescription is required.") == "5.2"
    assert pointed_clause("B.2 Japan (JP): Ads permitted under 5.2 must link to the leaflet.") == "5.2"
    assert pointed_clause("All ads under this standard require a permit.") is None
    assert pointed_clause("Ads must follow the rules under 5.2.") is None
    chunks = [Chunk(id="a", source="kites.md", section="5. Power kites", policy_id="K", position=0,
                    text="5.2 Ads for power kites are permitted only in FR and ES.\n5.3 An ad under 5.2 must state the line length."),
              Chunk(id="b", source="kites.md", section="6. Discounts", policy_id="K", position=1,
                    text="6.1 A kite shop may advertise a discount of no more than 20%.")]
    for ch in chunks:
        ch.logic = read_clause_logic(ch, {})
    pointing = [r for r in chunks[0].logic if r.quote.startswith("5.3")]
    assert pointing and not pointing[0].scope
    apply_clause_pointers(chunks)
    assert {"power", "kites"} <= set(pointing[0].scope)


def test_the_group_in_a_rules_subject_is_no_floor():
    doc = _document({**SECTIONS, "3. Pressure": "3.1 Ads shown to Juniors must not urge them to book a party."})
    assert all(not c.startswith("min_age") for r in doc["3. Pressure"].logic for c in r.conditions)
    assert [r.decision for r in doc["3. Pressure"].logic] == ["reject"]


# ---------------------------------------------------------------- examples sections and tables
from policydesk.core.clause_logic import examples_section  # noqa: E402
from policydesk.core.illustrations import illustrative_header, illustrative_heading  # noqa: E402
from policydesk.core.sentences import split_sentences  # noqa: E402
from policydesk.core.table_rows import example_spans, link_rows  # noqa: E402

EXAMPLES_TABLE = (
    "| Ad | Outcome | Why |\n"
    "|---|---|---|\n"
    "| Indoor climbing wall, 14+ session, FR | Allowed | Rule 2 floor of 12 met |\n"
    "| Free-solo video for a climbing gym, NL | Not allowed | Shows climbing without a rope |\n"
)
RULE_TABLE = (
    "| Product | Allowed | Conditions |\n"
    "|---|---|---|\n"
    "| Climbing ropes | Yes | Ads must state the rope's rated load. |\n"
    "| Free-solo courses | No | We don't allow these courses in any market. |\n"
)


@pytest.mark.parametrize("heading, examples", [
    ("7. Quick examples", True), ("Worked examples", True), ("Sample ads and outcomes", True),
    ("Annex C - Illustrative scenarios", True), ("Case studies", True),
    ("Examples of prohibited climbing content", False), ("Prohibited examples", False),
    ("Rules for examples", False), ("Climbing gyms", False),
])
def test_a_heading_that_only_names_examples(heading, examples):
    assert illustrative_heading(heading) is examples


def test_an_examples_table_has_an_ad_column_and_an_outcome_column():
    assert illustrative_header(["Ad", "Outcome", "Why"])
    assert illustrative_header(["Scenario", "Verdict"])
    assert not illustrative_header(["Ad type", "Allowed", "Conditions"])  # kinds of ad: a rule table
    assert not illustrative_header(["Product", "Decision"])


def test_an_examples_section_states_no_rule_unless_a_heading_above_decides():
    assert examples_section("7. Quick examples") and examples_section("Worked examples > Gyms")
    assert not examples_section("What's not allowed > Examples")
    assert examples_section("Worked examples > Not allowed")  # the examples sorted by their verdicts
    chunk = Chunk(id="c1", text="- An ad for a 14+ bouldering session in FR is allowed.\n- A free-solo video must not run.",
                  source="climb.md", section="5. Examples", policy_id="CLIMB")
    assert read_clause_logic(chunk) == []


def test_the_rows_of_an_examples_table_state_no_rule_and_read_as_no_decision():
    chunk = Chunk(id="c1", text=EXAMPLES_TABLE, source="climb.md", section="3. Rules in practice", policy_id="CLIMB")
    assert read_clause_logic(chunk) == []
    spans = split_sentences(EXAMPLES_TABLE)
    assert example_spans(EXAMPLES_TABLE, spans) == set(range(len(spans)))
    # A rule table beside it keeps its rules.
    text = RULE_TABLE + "\nHow the rules apply:\n\n" + EXAMPLES_TABLE
    rules = read_clause_logic(Chunk(id="c2", text=text, source="climb.md", section="3. Rules", policy_id="CLIMB"))
    assert {r.row for r in rules} == {"Climbing ropes", "Free-solo courses"}
    assert not example_spans(RULE_TABLE, split_sentences(RULE_TABLE))


def test_an_examples_table_cut_into_two_chunks_states_no_rule_in_either():
    head, rest = EXAMPLES_TABLE.rsplit("| Free-solo", 1)
    chunks = [Chunk(id=f"c{i}", text=t, source="climb.md", section="3. Rules in practice", policy_id="CLIMB", position=i)
              for i, t in enumerate([head, "| Free-solo" + rest])]
    for ch in chunks:
        ch.logic = read_clause_logic(ch)
    assert chunks[1].logic  # read alone, its row looks like a rule
    link_rows(chunks)
    assert [ch.logic for ch in chunks] == [[], []]


CLIMBING = """# Climbing gym ads

## 1. Audience

- Ads for climbing gyms must be targeted at users aged 12 or over.

## 2. Content

- Ads must not show climbing without a rope or a crash mat.

## 3. Quick examples

| Ad | Outcome | Why |
|---|---|---|
| Bouldering gym day pass, FR, targeted 10+ | Not allowed | Below the floor in section 1 |
| Rope-climbing taster session for a gym, targeted 16+ | Allowed | Section 1 floor met |
"""


@pytest.fixture(scope="module")
def climbing(tmp_path_factory):
    return ingest_policy(tmp_path_factory, "climbing", {"climbing.md": CLIMBING})


def test_an_example_is_cited_at_most_the_rules_decide(climbing):
    # Read as rules, the first row's "Not allowed" refused every bouldering gym ad.
    answer = ask_in("Bouldering gym day pass, targeted 14+, in France", climbing, market="FR")
    assert answer.verdict == "approve"
    assert all(r.rule_id.split("/")[0] != "CLIMBING#4" for r in answer.trace.rules)
    assert ask_in("Bouldering gym day pass, targeted 10+, in France", climbing, market="FR").verdict in ("reject", "restrict")
