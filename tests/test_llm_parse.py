"""Reading model replies in the shapes real models produce, and streaming only the answer text."""

from __future__ import annotations

import pytest

from policydesk.assistant.llm_parse import AnswerTextStream, cited_numbers, markers, normalise_verdict, parse_reply


@pytest.mark.parametrize(
    "text, verdict, answer, cited",
    [
        ('{"verdict": "reject", "answer": "Not allowed [1].", "cited": [1]}', "reject", "Not allowed [1].", [1]),
        ('```json\n{"decision": "Approve", "text": "Fine [2].", "sources": ["2", "[3]"]}\n```', "approve", "Fine [2].", [2, 3]),
        ('Sure! Here it is: {"verdict": "restricted", "answer": "Only 18+ [1]", "cited": [{"n": 1}]} Hope that helps.', "restrict", "Only 18+ [1]", [1]),
        ("Verdict: **Reject**.\nAnswer: Not allowed in SG [2].\nCited: 2, 4", "reject", "Not allowed in SG [2].", [2, 4]),
        ("VERDICT: escalate\nANSWER: The passages do not say.\nCITED:", "escalate", "The passages do not say.", []),
        ("- **Decision:** approve\n- **Answer:** Allowed [1]\n- **Passages used:** 1", "approve", "Allowed [1]", [1]),
    ],
)
def test_parse_reply_reads_json_fenced_chatty_and_labelled_forms(text, verdict, answer, cited):
    reply = parse_reply(text)
    assert (reply.verdict, reply.answer, reply.cited) == (verdict, answer, cited)


def test_truncated_json_is_salvaged_field_by_field():
    reply = parse_reply('{"verdict": "reject", "cited": [2], "answer": "Ads must not target minors [2] and')
    assert reply.verdict == "reject"
    assert reply.cited == [2]
    assert reply.answer.startswith("Ads must not target minors [2]")
    assert any("broken JSON" in n for n in reply.notes)


def test_prose_reply_keeps_text_and_reads_a_leading_verdict_word_only():
    assert parse_reply("Reject. Ads for guns are banned [1].").verdict == "reject"
    free = parse_reply("We cannot approve this without more context [1].")
    assert free.verdict == ""  # "approve" in the middle of prose is not a verdict
    assert free.answer.startswith("We cannot approve")
    assert any("no ANSWER label" in n for n in free.notes)


def test_empty_reply_is_reported():
    reply = parse_reply("   ")
    assert reply.verdict == "" and reply.answer == "" and reply.notes


def test_out_of_vocabulary_verdict_is_kept_for_validation_to_refuse():
    assert parse_reply('{"verdict": "maybe", "answer": "x [1]"}').verdict == "maybe"
    assert normalise_verdict(" Rejected! ") == "reject"
    assert normalise_verdict("not allowed") == "notallowed"


def test_cited_numbers_and_markers():
    assert cited_numbers([1, "2", "passage 3", {"number": 4}, True, 5.0, None]) == [1, 2, 3, 4, 5]
    assert cited_numbers("1, 3") == [1, 3]
    assert markers("a [1] b [12][2] c [x]") == [1, 12, 2]


def _run_stream(text: str, step: int) -> str:
    s = AnswerTextStream()
    out = [s.feed(text[i : i + step]) for i in range(0, len(text), step)]
    out.append(s.flush())
    return "".join(out)


@pytest.mark.parametrize("step", [1, 3, 7, 50])
def test_stream_shows_only_the_answer_section_whatever_the_chunking(step):
    text = "VERDICT: reject\nANSWER: Alcohol ads must not target minors [1]. See also [2].\nCITED: 1, 2"
    assert _run_stream(text, step) == "Alcohol ads must not target minors [1]. See also [2]."


def test_stream_emits_before_the_reply_ends():
    s = AnswerTextStream()
    s.feed("VERDICT: approve\nANSWER: ")
    early = s.feed("School supply ads can be shown to teenagers with age targeting [1] and more words")
    assert early and "VERDICT" not in early


def test_stream_passes_prose_through_when_the_model_ignores_the_format():
    text = "This is not allowed because the policy forbids it outright [1]."
    assert _run_stream(text, 4) == text
