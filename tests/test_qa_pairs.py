"""Help-centre Q&A text (ingest/qa_pairs.py, core/qa_answer.py) and limits with a trigger
(core/condition_reading.py `limit_trigger`, assistant/condition_check.py): invented wording."""

from __future__ import annotations

from policydesk.assistant.condition_check import check_condition
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.condition_reading import executable_conditions
from policydesk.core.conditions import parse_condition
from policydesk.core.conduct import described_wording
from policydesk.core.qa_answer import conditional_yes, question_of, question_subject
from policydesk.core.sentences import split_sentences
from policydesk.core.types import Chunk
from policydesk.ingest.chunking import chunk_document
from policydesk.ingest.loaders import load_document

HELP = """KAYAK HIRE HELP PAGE

Q: Can I advertise guided river trips?
A: No. We don't allow ads for trips that take customers onto rivers rated grade 4 or
higher.

Q: What about kayak rental?
A: Yes, if the ad says that every renter gets a buoyancy aid.
"""


def _chunks(tmp_path):
    (tmp_path / "kayaks.txt").write_text(HELP)
    return chunk_document(load_document(tmp_path / "kayaks.txt", tmp_path))


def test_each_question_heads_its_own_answer(tmp_path):
    chunks = _chunks(tmp_path)
    by_section = {c.section: c.text for c in chunks}
    assert by_section["Can I advertise guided river trips?"].startswith("No. We don't allow")
    assert by_section["What about kayak rental?"].startswith("Yes, if the ad says")
    assert not any("Q:" in c.text or "A:" in c.text for c in chunks)


def test_answer_rules_govern_the_question_subject(tmp_path):
    chunks = {c.section: c for c in _chunks(tmp_path)}
    ban = read_clause_logic(chunks["Can I advertise guided river trips?"], {})
    assert [r.decision for r in ban] == ["reject"]
    assert {"guided", "river", "trips"} <= set(ban[0].scope)
    rental = read_clause_logic(chunks["What about kayak rental?"], {})
    assert [(r.decision, r.scope) for r in rental] == [("restrict", ["kayak", "rental"])]
    assert rental[0].conditions == ["requires:disclosure"]  # "the ad says that …": a disclosure


def test_question_subject_and_conditional_yes():
    assert question_subject("Can I advertise guided river trips?") == "guided river trips"
    assert question_subject("Can my ad say my boat is unsinkable?") == "is unsinkable"
    assert question_subject("What about kayak rental?") == "kayak rental"
    assert question_of("Rentals > Can I hire out canoes?") == "Can I hire out canoes?"
    assert question_of("Rentals") is None
    assert conditional_yes("Yes, as long as the price includes the paddle.") == "the price includes the paddle"
    assert conditional_yes("Yes. Paddles are included.") is None


def test_a_lone_no_is_a_sentence_not_the_number_abbreviation():
    assert [s.text for s in split_sentences("No. Rafts are not allowed.")] == ["No.", "Rafts are not allowed."]
    assert len(split_sentences("Show permit No. 12 in the ad.")) == 1


def test_limit_with_a_trigger_is_read_with_it():
    conds = executable_conditions("Deposits must be held for at least 7 days, or at least 21 days for boats priced above EUR 5,000.", "restrict")
    assert conds == ["min:7 days", "min:21 days when over 5000 EUR"]
    c = parse_condition("min:21 days when over 5000 EUR")
    assert str(c) == "min:21 days when over 5000 EUR" and c.when == "over" and c.when_value == 5000


def test_trigger_false_trigger_true_and_unknown():
    cond = parse_condition("min:21 days when over 5000 EUR")
    cheap = check_condition(cond, read_case_facts("A €2,000 canoe with deposits held for 10 days."))
    assert cheap.result == "met"
    dear = check_condition(cond, read_case_facts("A €9,000 yacht with deposits held for 10 days."))
    assert dear.result == "unmet"
    silent = check_condition(cond, read_case_facts("A canoe with deposits held for 10 days."))
    assert silent.result == "unknown"
    kept = check_condition(cond, read_case_facts("A €9,000 yacht with deposits held for 30 days."))
    assert kept.result == "met"


def test_wording_that_classifies_the_subject_is_what_the_rule_governs():
    assert described_wording('"Zero risk" tours must not be advertised.') == ["Zero risk"]
    assert described_wording('"Zero risk" or "totally safe" without a permit is not allowed.') == []


def test_procedure_after_a_referral_is_no_prohibition():
    text = ("Trips on glacier lakes are reviewed case by case. Our safety team decides; "
            "front-line staff can't approve or reject them.")
    rules = read_clause_logic(Chunk(id="c", text=text, source="kayaks.md", title="Kayak hire", section="Lakes"), {})
    assert [r.decision for r in rules] == ["escalate"]


def test_an_opening_yes_pointing_at_the_rules_after_it_is_their_summary():
    from policydesk.core.qa_answer import summary_yes

    assert summary_yes("Yes, but only if you can prove it.")
    assert not summary_yes("Yes, if it is waterproof.")
    assert not summary_yes("Yes, if the ad names the river authority.")
    text = "Yes, but only if you can prove it. A safety claim must be based on at least 50 trips in the last 12 months."
    chunk = Chunk(id="c", text=text, source="kayaks.md", title="Kayak hire", section='Can my ad say "100% safe"?')
    rules = read_clause_logic(chunk, {})
    assert [r.quote[:20] for r in rules] == ["A safety claim must "]


def test_content_ban_not_named_by_the_case_is_what_must_hold():
    from policydesk.assistant.prohibition_outcome import content_unnamed

    ban = "These tours must not show wild animals or promise sightings."
    assert content_unnamed(ban, "We run river tours for families. What do we need?") == "wild animals or promise sightings"
    assert content_unnamed(ban, "Our tour ad shows a wild bear on the bank.") is None


def test_a_count_limit_compares_with_the_case_count_of_the_same_noun():
    conds = executable_conditions("A safety claim must be based on at least 50 trips logged by our guides.", "restrict")
    assert conds == ["min:50 trips"]
    cond = parse_condition("min:50 trips")
    assert check_condition(cond, read_case_facts("We logged 30 trips last season.")).result == "unmet"
    assert check_condition(cond, read_case_facts("Based on 120 trips so far.")).result == "met"
    assert check_condition(cond, read_case_facts("Based on 120 kayakers so far.")).result == "unknown"
    assert executable_conditions("Ads must not target users under 12 in any market.", "reject") != ["max:12 in"]
    assert check_condition(cond, read_case_facts("Copy: '9 in 10 trips end dry', from 300 trips.")).fact == "300 trips"
