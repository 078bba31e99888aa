"""Purpose, scope and summary sentences never decide (issue 13).

Why: a sentence that only announces restrictions or describes the policy was read as a
`restrict` rule with no condition, and such a rule restricts every case it touches ("reads as
restrict"), turning cases the policy allows into "allowed only under conditions":

- the document's introduction ("Promotions are a good way to reward customers, but entrants
  need to know the rules …") states the policy's purpose; its rules are in the sections below;
- a modal inside an indirect question ("We look at how rewards are earned, whether players
  must pay to start, …") is what the reviewers ask, not a rule;
- a lead ending in a colon ("Operators must:"), a summary ("can be advertised with
  restrictions") and a verbless list item heading the items after it ("- Gift vouchers",
  a nested list flattened) are headings for the rules that follow them;
- a permission whose proviso only restates its own subject ("Free … may be advertised without
  restriction, as long as the festival is free to the user") is an outright permission.

A requirement with no executable condition stated in a section ("The operator is required to
send us its flight logs on request") is a rule and keeps deciding. Reader tests,
then a real store (real model), with a policy written here.
"""

from __future__ import annotations

import pytest

from policydesk.core.clause_logic import LOGIC_VERSION, read_clause_logic
from policydesk.core.reading import read_sentence, read_unit
from policydesk.core.types import Chunk
from tests.policy_store import ask_in, ingest_policy

PURPOSE = "Balloon flights are a great way to celebrate, but passengers need to know that the weather can cancel a flight."
REVIEW = "We look at how the balloon is anchored, whether passengers must sign a waiver, and how the site is fenced."


def _logic(text: str, section: str = "", position: int = 0, introduction: bool = False) -> list:
    chunk = Chunk(id="c", text=text, source="balloons.md", title="Hot air balloon rides", section=section,
                  position=position, introduction=introduction)
    return read_clause_logic(chunk, {})


def _document(tmp_path, text: str, name: str = "balloons.md"):
    from policydesk.ingest.loaders import load_document

    (tmp_path / name).write_text(text)
    return load_document(tmp_path / name, tmp_path)


def test_logic_version_bumped():
    assert LOGIC_VERSION != "41"


# ---------------------------------------------------------------- indirect questions
def test_a_modal_inside_an_indirect_question_rules_nothing():
    assert read_unit(REVIEW) == []
    assert read_sentence(REVIEW).decision is None


@pytest.mark.parametrize(
    "text, decision",
    [
        ("Ads must say whether the deposit is refundable.", "restrict"),  # the rule's own modal comes first
        ("Ads for rides, whether paid or free, must show the operator's certificate number.", "restrict"),
        ("Ads may show how the burner works.", "approve"),
        ("Whether or not the flight is cancelled, ads must not promise a refund.", "reject"),
    ],
)
def test_the_main_clause_still_decides(text, decision):
    assert [r.decision for r in read_unit(text)][:1] == [decision]


def test_an_indirect_question_without_a_modal_keeps_its_markets():
    [r] = read_unit("Ads must explain how to cancel a booking in the United Kingdom.")
    assert r.markets == ["GB"]


def test_a_policy_that_tells_what_may_be_promoted_states_no_rule():
    assert read_unit("This policy tells operators what they may promote and how they must disclose it.") == []


# ---------------------------------------------------------------- the introduction
def test_the_introduction_is_the_text_before_the_first_section_heading(tmp_path):
    from policydesk.core.settings import Settings
    from policydesk.ingest.chunking import chunk_document
    from policydesk.ingest.loaders import introduction_sections

    doc = _document(tmp_path, f"# Hot air balloon rides\n\n{PURPOSE}\n\n## Requirements\n\nOperators must hold a certificate.\n")
    assert introduction_sections(doc) == 1
    settings = Settings()
    assert [c.introduction for c in chunk_document(doc, settings.chunk_size, settings.chunk_overlap)] == [True, False]
    # the page heading every section sits under (an HTML <h1> beside a longer <title>) is no heading of its own
    html = (f"<html><head><title>Balloons - Help Centre</title></head><body><h1>Balloons</h1><p>{PURPOSE}</p>"
            "<h2>Requirements</h2><p>Operators must hold a certificate.</p></body></html>")
    assert introduction_sections(_document(tmp_path, html, "balloons.html")) == 1
    # a document of one passage introduces nothing: it is its rules
    assert introduction_sections(_document(tmp_path, f"{PURPOSE}\n\nOperators must hold a certificate.\n", "one.md")) == 0
    # a first section with a heading of its own ("About this policy") is a section
    assert introduction_sections(_document(tmp_path, f"## About this policy\n\n{PURPOSE}\n\n## Requirements\n\nText.\n", "about.md")) == 0


def test_the_introduction_states_purpose_not_a_rule():
    assert _logic(PURPOSE, introduction=True) == []


def test_the_same_sentence_outside_an_introduction_is_a_rule():
    # The document's structure, not the wording: in a section, or in a document of one
    # passage, the sentence is read as before.
    assert [r.decision for r in _logic(PURPOSE, section="Passenger information", position=3)] == ["restrict"]
    assert [r.decision for r in _logic(PURPOSE)] == ["restrict"]


@pytest.mark.parametrize(
    "text, decision, condition",
    [
        ("Ads for balloon rides must not show passengers under 8.", "reject", None),
        ("Balloon ride operators must hold an air operator certificate.", "restrict", "requires:certification"),
        ("Ads for balloon rides may target only people aged 18 or older.", "restrict", "min_age:18"),
    ],
)
def test_an_introduction_keeps_its_rules_with_a_decision_or_a_condition(text, decision, condition):
    rules = _logic(text, introduction=True)
    assert [r.decision for r in rules] == [decision]
    if condition:
        assert condition in rules[0].conditions


COVERS = ("2.1 This policy covers ads for: (a) hot air balloon rides; (b) balloon festivals.\n\n"
          "2.2 The following are out of scope and reviewed under their own policies:\n"
          "(a) party balloons and balloon arches, including printed ones, unless sold as a ride voucher;\n"
          "(b) airships and blimps.")


@pytest.mark.parametrize("heading", ["2. SCOPE", "Scope", "What this policy covers", "1.2 Scope and application", "In scope"])
def test_a_section_headed_as_scope_states_scope_not_a_rule(heading):
    assert [r for r in _logic(COVERS, section=f"Hot air balloon rides > {heading}", position=2) if not r.conditions] == []


def test_a_scope_section_keeps_its_rules_with_a_decision_or_a_condition():
    rules = _logic("Ads for balloon rides may target only people aged 18 or older.", section="2. Scope", position=2)
    assert [r.decision for r in rules] == ["restrict"] and "min_age:18" in rules[0].conditions
    assert [r.decision for r in _logic("Ads for balloon rides must not show passengers under 8.", section="Scope", position=2)] == ["reject"]


def test_a_heading_that_only_contains_the_word_scope_is_a_section():
    from policydesk.core.scope_heading import scope_heading

    assert not scope_heading("Scope of claims rules")
    assert not scope_heading("3. Who may advertise")
    assert scope_heading("Policy > 2. SCOPE") and scope_heading("Guide > What does this page cover?")


# ---------------------------------------------------------------- restated provisos
def test_a_proviso_restating_the_subject_permits_outright():
    [r] = _logic(
        "- Free balloon festivals organised by local councils may be advertised without restriction, as long as the festival is free to the user.",
        section="Hot air balloon rides > Allowed without restriction", position=1,
    )
    assert (r.decision, r.conditions) == ("approve", [])


def test_a_proviso_asking_for_more_stays_a_condition():
    [r] = _logic(
        "- Balloon festivals organised by local councils may be advertised, as long as the ad states the ticket price.",
        section="Hot air balloon rides > Allowed with restrictions", position=1,
    )
    assert r.decision == "restrict"


# ---------------------------------------------------------------- leads and summaries
LEAD = """Balloon ride operators can be advertised with restrictions. Operators must:

- Hold a valid air operator certificate.
- Target only people aged 18 or older.
"""


def test_a_lead_and_a_summary_are_no_rules_of_their_own():
    rules = _logic(LEAD, section="Allowed with restrictions", position=2)
    assert [r.quote for r in rules] == ["- Hold a valid air operator certificate.", "- Target only people aged 18 or older."]
    # the lead's subject gives the items whom they bind
    assert all(r.scope == ["operators"] for r in rules)


LABELS = """- Gift vouchers
- Gift vouchers for balloon flights must show the expiry date.
- Group bookings
- Ads for group bookings may offer a discount only if every passenger is 18 or older.
"""


def test_a_label_item_heads_the_items_after_it():
    # A nested list its loader flattened: "- Gift vouchers" is the heading of the rule after it.
    rules = _logic(LABELS, section="Allowed with restrictions", position=2)
    assert [r.quote for r in rules] == [
        "- Gift vouchers for balloon flights must show the expiry date.",
        "- Ads for group bookings may offer a discount only if every passenger is 18 or older.",
    ]


def test_verbless_items_of_a_list_stay_items():
    rules = _logic("- Tethered rides over crowds\n- Night flights without a permit\n", section="What's not allowed", position=2)
    assert [(r.decision, r.quote) for r in rules] == [("reject", "- Tethered rides over crowds"), ("reject", "- Night flights without a permit")]
    # a verbless item followed by a rule about something else is an item too
    rules = _logic("- Night flights\n- Gift vouchers must show the expiry date.\n", section="What's not allowed", position=2)
    assert ("reject", "- Night flights") in [(r.decision, r.quote) for r in rules]


def test_a_real_requirement_without_a_condition_keeps_deciding():
    rules = _logic("The operator is required to send us its flight logs on request.", section="Registration", position=4)
    assert [(r.decision, r.conditions) for r in rules] == [("restrict", [])]


# ---------------------------------------------------------------- a real store
POLICY = f"""# Hot air balloon rides

{PURPOSE} This policy explains which balloon ride ads can run.

## Allowed without restriction

- Free balloon festivals organised by local councils may be advertised without restriction, as long as the festival is free to the user.

## Allowed with restrictions

{LEAD}
## Reviewed case by case

Ads for tethered balloon rides at private events are reviewed case by case. {REVIEW}
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return ingest_policy(tmp_path_factory, "purpose", {"balloons.md": POLICY})


def test_an_operator_meeting_every_requirement_is_allowed(store):
    a = ask_in("Hot air balloon ride operator: we hold a valid air operator certificate and the ad targets only people aged 18 or older. OK?", store)
    assert a.verdict == "approve", (a.verdict, a.answer)
    # the introduction (the document's first passage, "#0") put no rule in the trace
    assert not [r.rule_id for r in a.trace.rules if "#0/" in r.rule_id]


def test_a_free_council_festival_is_allowed(store):
    a = ask_in("Our local council organises a free balloon festival and wants to advertise it. Can it run?", store)
    assert a.verdict == "approve", (a.verdict, a.answer)


def test_an_operator_missing_a_requirement_is_still_restricted_or_rejected(store):
    a = ask_in("Hot air balloon ride operator, we target people aged 16 and over. OK?", store)
    assert a.verdict in ("reject", "restrict"), (a.verdict, a.answer)


def test_the_reviewers_questions_do_not_restrict_a_referral(store):
    a = ask_in("Ad for tethered balloon rides at private events such as weddings. Is it allowed?", store)
    assert a.verdict == "escalate", (a.verdict, a.answer)


# ---------------------------------------------------------------- annotate proposes what runs
def test_annotate_does_not_propose_leads_summaries_or_the_introduction(tmp_path):
    from policydesk.rules.annotate import annotate_path

    (tmp_path / "balloons.md").write_text(POLICY + "\n## Records\n\nThe operator is required to send us its flight logs on request.\n")
    quotes = [r.rule.quote for r in annotate_path(tmp_path / "balloons.md", tmp_path).rules]
    assert not [q for q in quotes if q.endswith(":") or "with restrictions" in q or "great way" in q or "whether passengers" in q], quotes
    assert "The operator is required to send us its flight logs on request." in quotes
    assert "Target only people aged 18 or older." in quotes  # an item of the lead


PURPOSE_SECTION = ("This standard sets the conditions under which balloon operators and ride brokers may advertise. "
           "We allow ads for balloon rides so that people can find qualified pilots.")


@pytest.mark.parametrize("heading", ["1. Purpose", "PURPOSE", "Overview", "1. Introduction", "About this policy"])
def test_a_purpose_section_states_no_permission_with_nothing_to_execute(heading):
    # Read as permissions they approved every ride ad, the ones later sections refuse included.
    assert [r for r in _logic(PURPOSE_SECTION, section=f"Hot air balloon rides > {heading}", position=1) if r.decision == "approve"] == []
    # the same sentences under another heading stay what they were
    assert any(r.decision == "approve" for r in _logic(PURPOSE_SECTION, section="Hot air balloon rides > 4. Rides", position=4))


def test_a_purpose_section_keeps_a_permission_with_a_condition():
    rules = _logic("Balloon ride ads may run only if the operator holds an air operator certificate.", section="1. Purpose", position=1)
    assert rules and all(r.conditions for r in rules)
    assert not __import__("policydesk.core.scope_heading", fromlist=["x"]).scope_heading("Purpose-built baskets")
