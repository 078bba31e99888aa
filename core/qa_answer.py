"""An answer under a question heading ("Can I advertise an essay-writing service?" / "No. We
don't allow …"): the question names the subject its answer decides (ingest/qa_pairs.py makes
the question the section's heading).

Why: a help centre writes one rule per pair, and states its subject once, in the question.
Its answer's sentences often name no subject ("Yes, if they come from real students …") or
name it partly ("A pass-rate claim must be based on …" under "Can my ad say '98% pass
rate'?"); read alone they bound every case of the policy, or none. The question's subject
words are the subject of every rule of its answer (core/clause_logic.py adds them to the
rule's own), so the answer's "No" binds what the question asks about and nothing else; and
an answer opening "Yes, if …" / "Yes, as long as …" is a permission on that condition,
stated in the question's words (`conditional_yes`).
"""

from __future__ import annotations

import re

from policydesk.core.literal_guard import guarded

# The interrogative frame of a question: "Can I advertise …", "Can my ad say …", "What about
# …", "Is it OK to …": everything up to the verb whose object is what the question is about.
_FRAME = guarded(
    r"^\s*(?:what\s+about|how\s+about"
    r"|(?:can|could|may|might|should|do|does|am|is|are)\s+(?:i|we|you|my\s+[\w-]+|our\s+[\w-]+|an?\s+[\w-]+|the\s+[\w-]+|it)\s+(?:(?:still|also|ever)\s+)?(?:[a-z]+\s+)?)",
    re.I,
)
_OWN_THING = re.compile(r"^(?:my|our)\s+[\w-]+\s+", re.I)
# An answer opening with "Yes" and a condition: "Yes, if …", "Yes, as long as …", "Yes,
# provided (that) …" (a "Yes, but only if …" already reads as a requirement).
_CONDITIONAL_YES = guarded(
    r"^\s*yes\s*[,:;\u2013\u2014-]\s*(?:but\s+)?(?:only\s+)?(?:if|as\s+long\s+as|so\s+long\s+as|provided(?:\s+that)?|on\s+condition\s+that)\s+(?P<cond>[^.;]+)",
    re.I,
)


def question_of(section: str) -> str | None:
    """The question a section is headed by (the last part of its heading path, ending in a
    question mark), or None."""
    last = section.split(" > ")[-1].strip() if section else ""
    return last if last.endswith("?") else None


def question_subject(question: str) -> str:
    """What the question asks about: its text after the interrogative frame ("Can I
    advertise an essay-writing service?" -> "an essay-writing service"); the whole question
    when it has no such frame ("What refund terms do I need?")."""
    q = question.strip().rstrip("?").strip()
    m = _FRAME.match(q)
    rest = (q[m.end():].strip() if m else "") or q
    # "my course is accredited": the advertiser's own thing, which every case has, is not
    # what is asked about; what is said of it is.
    return _OWN_THING.sub("", rest, count=1) or rest


def conditional_yes(sentence: str) -> str | None:
    """The condition of an answer "Yes, if X." (X), or None for any other sentence."""
    m = _CONDITIONAL_YES.match(" ".join(sentence.split()))
    return m.group("cond").strip() if m else None


def summary_yes(quote: str) -> bool:
    """Is an answer's opening "Yes, but only if you can back it up." a summary of the rules
    after it: a "Yes" whose condition names at most one content word ("back") and points at
    the question's subject by a pronoun ("it")? Then the answer's later sentences say what backing
    it up is, and the summary is no requirement of its own (read alone it could never be
    met, so it restricted every case its answer's rules allow)."""
    from policydesk.core.restated import requirement_of
    from policydesk.core.terms import GENERIC, terms

    if not _YES.match(quote):
        return False
    condition = requirement_of(quote) or conditional_yes(quote)
    if condition is None or not _POINTS_BACK.search(condition):
        return False
    return len({t for t in terms(condition) if t not in GENERIC and len(t) > 2}) < 2


_YES = re.compile(r"^\s*yes\b", re.I)
# A pronoun as the object of the condition's verb ("back it up"), pointing at the question's
# subject; as its subject ("it is free") the condition says something of its own.
_POINTS_BACK = re.compile(r"\b[a-z]+\s+(?:it|them)\b(?!\s+(?:is|are|was|were|has|have)\b)", re.I)


__all__ = ["conditional_yes", "question_of", "question_subject", "summary_yes"]
