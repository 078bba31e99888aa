"""Help-centre text written as question and answer pairs ("Q: Can I advertise X? / A: No. …").

Why: a pair is one rule. The question names the subject its answer decides ("an essay-writing
service"), and the answer's "Yes" or "No" (with its "if …" conditions) is the decision for that
subject only. Read as loose paragraphs, two pairs shared a chunk, the answer's "No" bound the
next question's subject (a proofreading service was refused under the essay-writing answer),
and a question's own words read as a rule ("Is that OK?" as a permission). So a question starts
a section of its own, headed by the question, as a numbered heading does: its answer is the
section's text. core/qa_answer.py reads the answer's verdict word under that heading.
"""

from __future__ import annotations

import re

# "Q: Can I …?", "Question: …?", "Q. …?": a question label and a question ending on its line.
_QUESTION = re.compile(r"^\s*(?:Q|Question)\s*[:.]\s+(?P<q>\S.*\?)\s*$")
# The answer's label at the start of its first line ("A: No. …").
_ANSWER = re.compile(r"^\s*(?:A|Answer)\s*[:.]\s+")
# A question sits below every heading of its page: deeper than any heading level the readers use.
QUESTION_LEVEL = 100


def question_line(line: str) -> str | None:
    """The question a "Q:" line asks (without its label), or None for any other line."""
    m = _QUESTION.match(line)
    return m.group("q").strip() if m else None


def without_answer_label(line: str) -> str:
    """The answer's first line without its "A:" label (the label says only that it answers)."""
    return _ANSWER.sub("", line, count=1)


__all__ = ["QUESTION_LEVEL", "question_line", "without_answer_label"]
