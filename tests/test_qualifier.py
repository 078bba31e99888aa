"""A prohibition's restrictive qualifier (core/qualifier.py, executed in assistant/prohibition_outcome.py
`unmet_qualifier`): a ban on "vouchers marketed as cash equivalents" rejects a voucher case
only when the case says something of what narrows it; a case naming vouchers and nothing of
the qualifier is bound by it as what must hold (restrict), never approved by it. A relative
clause is not read as a qualifier (measured: see core/qualifier.py). Invented policy wording,
real reading and execution."""

from policydesk.assistant.execute import run_rule
from policydesk.assistant.precedence import decide
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.qualifier import read_qualifiers
from policydesk.core.terms import terms
from policydesk.core.types import Chunk, Filters


def _verdict(text, question, title="Education services"):
    chunk = Chunk(id="c1", text=text, source="education.md", policy_id="P", title=title, markets=[])
    facts = read_case_facts(question, Filters(market=None))
    runs = [run_rule(r, "prose", chunk, 0, facts, question_terms=terms(question)) for r in read_clause_logic(chunk)]
    return decide(runs)


RELATIVE = "Essay mills aren't permitted, and neither is tutoring that sells or leaks exam papers."
CLAUSES = "Essay mills aren't permitted, and neither is tutoring paid for with cash equivalents."
PARTICIPLE = "Vouchers marketed as cash equivalents, with claims about resale value, are prohibited."
PURPOSE = "Tutors must not receive payment or gifts for endorsing essay mills."


def test_qualifiers_are_read_clause_by_clause():
    (q,), free = read_qualifiers(CLAUSES)
    assert q.before == {"tutor"} and {"cash", "equival"} <= q.words
    assert "essay" in free and "tutor" not in free  # the first clause has no qualifier
    (q,), _ = read_qualifiers(PARTICIPLE)
    assert q.before == {"voucher"} and "cash" in q.words and "prohibit" not in q.words  # ends at the sentence's verb
    (q,), _ = read_qualifiers(PURPOSE)
    assert "payment" in q.before and ("endor" in q.words or "endors" in q.words)
    (q,), _ = read_qualifiers("Cloud mining contracts, mining pools sold as passive income and bots are banned.")
    assert q.before == {"pool"}  # the noun phrase right before the participle


def test_a_relative_clause_is_no_qualifier():
    assert read_qualifiers(RELATIVE)[0] == ()
    v = _verdict(RELATIVE, "We run online maths tutoring - anything to watch?")
    assert v is not None and v.decision == "reject"


def test_a_that_clause_with_its_own_subject_or_after_a_verb_of_saying_is_no_qualifier():
    assert read_qualifiers("A promise that lenders will stop calling the customer")[0] == ()
    assert read_qualifiers("Ads must not suggest that tutoring guarantees a pass.")[0] == ()
    assert read_qualifiers("Tutoring ads are prohibited in Ruritania.")[0] == ()  # a verb of the sentence


def test_named_thing_without_its_qualifier_restricts():
    v = _verdict(CLAUSES, "We run online maths tutoring - anything to watch?")
    assert v is not None and v.decision == "restrict"
    assert "paid for with cash equivalents" in v.reason
    v = _verdict(PARTICIPLE, "Gift vouchers for our spa, ad shows the voucher card")
    assert v is not None and v.decision == "restrict"
    v = _verdict(PURPOSE, "A tutor received a free textbook and posted about it")
    assert v is not None and v.decision == "restrict"


def test_a_case_naming_the_qualifier_or_an_unqualified_clause_is_rejected():
    v = _verdict(CLAUSES, "Our tutoring is paid for in gift cards, a cash equivalent")
    assert v is not None and v.decision == "reject"
    v = _verdict(CLAUSES, "Can we advertise our essay mills?")
    assert v is not None and v.decision == "reject"
    v = _verdict(PARTICIPLE, "Gift vouchers marketed as better than cash")
    assert v is not None and v.decision == "reject"
    v = _verdict(PURPOSE, "A tutor is paid to endorse an essay mill")
    assert v is not None and v.decision == "reject"


def test_a_negated_qualifier_is_not_said_so_it_restricts_not_approves():
    v = _verdict(PARTICIPLE, "Gift vouchers, the ad makes no claims about resale value")
    assert v is not None and v.decision == "restrict"



# ---------------------------------------------------------------- what is said or promised
PROMISE = "- Guaranteed outcomes, such as a guaranteed pass mark, or a promise that examiners will mark the paper leniently"
LIST = "We don't allow the following:\n\n" + PROMISE


def test_words_only_inside_a_that_clause_with_its_own_subject_are_what_is_said():
    from policydesk.core.qualifier import said_only

    inside, spans = said_only(PROMISE)
    assert "examin" in inside and "lenient" in inside and "pass" not in inside
    assert spans == ("that examiners will mark the paper leniently",)
    assert said_only("Drinks that combine alcohol with caffeine are banned.") == (frozenset(), ())


def test_a_case_naming_only_what_is_said_and_stating_no_claim_restricts():
    v = _verdict(LIST, "Exam prep for professional examiners - anything to watch?", title="Exam preparation")
    assert v is not None and v.decision == "restrict"
    assert "does not say that examiners will mark" in v.reason


def test_a_case_stating_a_claim_or_naming_a_word_outside_the_clause_is_still_rejected():
    v = _verdict(LIST, "Our ad says 'Examiners will mark you leniently' - ok?", title="Exam preparation")
    assert v is not None and v.decision == "reject"
    v = _verdict(LIST, "Tutoring with a guaranteed pass mark for examiners", title="Exam preparation")
    assert v is not None and v.decision == "reject"


def test_a_qualifier_naming_the_policy_topic_is_named_by_any_word_of_the_title():
    text = "Creators must not receive payment or gifts for featuring tobacco or e-cigarettes."
    v = _verdict(text, "Creator paid by a vape brand for a sponsored post", title="Tobacco and vaping")
    assert v is not None and v.decision == "reject"
    v = _verdict(text, "Creator paid by a skincare brand for a sponsored post", title="Tobacco and vaping")
    assert v is not None and v.decision == "restrict"


def test_that_followed_by_a_verb_is_a_relative_pronoun_not_something_said():
    """"events that have not yet gone on sale" narrows events; nothing in it is said or promised."""
    from policydesk.core.qualifier import said_only

    assert said_only("Ads for speculative tickets to events that have not yet gone on sale") == (frozenset(), ())
    words, spans = said_only("Ads with a promise that creditors will stop contacting the customer")
    assert spans == ("that creditors will stop contacting the customer",) and "creditor" in words


def test_a_purpose_phrase_in_a_list_of_things_narrows_only_the_thing_it_follows():
    """"3D-printed gun files and instructions for making weapons": the gun files are banned
    outright, only the instructions are narrowed by their purpose; in a clause with a verb the
    purpose narrows the predicate ("must not receive … for featuring tobacco")."""
    from policydesk.core.qualifier import read_qualifiers

    (q,), free = read_qualifiers("3D-printed gun files and instructions for making weapons")
    assert q.before == frozenset({"instruct"}) and {"gun", "file"} <= free
    (q,), _ = read_qualifiers("Creators must not receive free products or any other benefit for featuring tobacco")
    assert {"creator", "benefit"} <= q.before and "tobacco" in q.words
