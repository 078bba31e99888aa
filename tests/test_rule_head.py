"""The rule side of the head reading (issue 13): a rule's subject read as a noun phrase by the
question's own reader (core/casefacts.py `read_noun_phrase`, core/clause_logic.py
`rule_subject`), a rule whose only words shared with the case lie in its subject's complement
set aside, claim rules applying to claims the case states, and a participle not named by a
plural of the same stem (assistant/scope_reason.py `scope_reason`). An invented boating policy and
invented questions; real clause logic, real rule execution."""

from __future__ import annotations

import pytest

from policydesk.assistant.execute import run_rule
from policydesk.assistant.scope_reason import other_word_class
from policydesk.assistant.question import analyse
from policydesk.core.casefacts import read_advertised, read_case_facts, read_noun_phrase
from policydesk.core.clause_logic import claim_wording, read_clause_logic, rule_subject
from policydesk.core.types import Chunk, Filters


# ---------------------------------------------------------------- the shared noun-phrase reader
def test_coordinated_heads_and_the_complement_are_read():
    found = read_noun_phrase("Manuals or repair kits for refilling a fire extinguisher on board.")
    assert found is not None
    assert found.heads == ("manuals", "kits")
    assert set(found.words) == {"manuals", "repair", "kits"}
    assert found.complement.strip().startswith("for refilling")


def test_a_participle_before_a_preposition_ends_the_phrase():
    # "rated" describes the courses; it is no head of the phrase, on either side.
    found = read_noun_phrase("Sailing courses rated for beginners")
    assert found is not None and found.heads == ("courses",) and found.complement.strip().startswith("rated for")
    assert read_advertised("Sailing courses rated for beginners in Spain").head == "courses"
    # An adjective in -ed before its noun stays a modifier.
    assert read_noun_phrase("Refurbished outboard motors for sale").heads == ("motors",)


def test_a_phrase_of_ad_nouns_only_is_read_in_its_complement():
    found = read_noun_phrase("Ads for inflatable dinghies with motors")
    assert found is not None and found.heads == ("dinghies",) and "inflatable" in found.words


# ---------------------------------------------------------------- the rule's subject
def test_rule_subject_splits_the_phrase_from_what_it_is_for():
    sub = rule_subject("- Manuals or repair kits for refilling a fire extinguisher on board.")
    assert sub is not None and sub.heads == ("manuals", "kits")
    assert {"fire", "extinguish"} <= sub.complement and "kit" in sub.words and "kit" not in sub.complement


@pytest.mark.parametrize(
    "quote",
    [
        # A gerund is a verb: what follows it is its object, what the sentence governs.
        "Charging a booking fee before the trip starts is fine as long as the fee is under 10%.",
        # "of" names what the head is about ("images of jet skis" are about jet skis).
        "- Images of jet skis jumping waves.",
        # The subject is the advertiser: nothing to read.
        "Ads must not show passengers without life jackets.",
    ],
)
def test_no_complement_gate_where_the_complement_is_what_the_rule_governs(quote):
    sub = rule_subject(quote)
    assert sub is None or sub.claim or not sub.complement


def test_members_listed_after_including_belong_to_the_subject():
    sub = rule_subject("- Racing boats offered to private buyers, including hydroplanes with engines over 500 hp")
    assert sub is not None and {"hydroplan", "engin"} <= sub.words and "buyer" in sub.complement


@pytest.mark.parametrize(
    "quote, wording",
    [
        ("- Claims that a hull coating is safe for swimmers or will double top speed.", "a hull coating is safe for swimmers or will double top speed"),
        ("Ads that say or imply that a lifejacket is unnecessary are not allowed.", "a lifejacket is unnecessary are not allowed"),
        ('- "Unsinkable in any weather"', "Unsinkable in any weather"),
        ("- Manuals or repair kits for refilling a fire extinguisher.", ""),
    ],
)
def test_claim_rules_are_told_apart(quote, wording):
    assert claim_wording(quote) == wording


# ---------------------------------------------------------------- execution
TEXT = (
    "We don't allow boating ads that include any of the following:\n\n"
    "- Manuals or repair kits for refilling a fire extinguisher on board.\n"
    "- Claims that a hull coating is safe for swimmers or will double top speed.\n\n"
    "Sailing courses rated for beginners may only be shown to users aged 18 or older."
)
CHUNK = Chunk(
    id="boats-2", source="boats.md", title="Boats and Marine Equipment", section="2. Not allowed",
    clause_id=None, decision=None, markets=["global"], position=2, text=TEXT,
)
CHUNK.logic = read_clause_logic(CHUNK)


def _run(question: str, fragment: str):
    rule = next(r for r in CHUNK.logic if fragment in r.quote)
    info = analyse(question, None)
    return run_rule(rule, "prose", CHUNK, 0, read_case_facts(question, Filters()), 0.0, info.named)


def test_a_word_of_the_complement_alone_does_not_apply_the_rule():
    run = _run("Fire extinguisher servicing company for marinas, ad in the UK.", "repair kits")
    assert not run.applicable and run.out_of_scope and "names only what its subject" in run.reason
    # The head named with what narrows it ("for refilling a fire extinguisher"): the rule applies and decides.
    run = _run("Repair kits for refilling the fire extinguisher on your boat", "repair kits")
    assert run.applicable and run.outcome == "reject"
    # The head named for another purpose: not shown to be the banned thing, so the purpose is
    # what must hold (core/qualifier.py, session 14), not a reason to reject.
    run = _run("Repair kits for outboard motors", "repair kits")
    assert run.applicable and run.outcome == "restrict"


def test_a_claim_rule_applies_to_a_claim_the_case_states_of_its_kind():
    run = _run("Ad says 'Our hull coating is safe for swimmers'", "Claims that")
    assert run.applicable and run.outcome == "reject"
    # Words of the claim named, no claim stated: the case is about something else.
    run = _run("Hull coating ad, tested on boats with swimmers nearby", "Claims that")
    assert not run.applicable and "states no claim" in run.reason
    # A claim stated, sharing only what the claimed predicate is for ("swimmers"), not it.
    run = _run("Ad says 'Not for use where swimmers are present'", "Claims that")
    assert not run.applicable and "not of the kind" in run.reason


def test_a_participle_is_not_named_by_a_plural_of_its_stem():
    assert other_word_class({"rate"}, "Sailing courses rated for beginners", "Boat hire with weekly rates")
    assert not other_word_class({"rate"}, "Sailing courses rated for beginners", "A course rated for beginners")
    assert not other_word_class({"rate"}, "Sailing courses at fixed rates", "Boat hire with weekly rates")
    run = _run("Boat hire with weekly rates, audience 16+", "rated for beginners")
    assert not run.applicable and run.out_of_scope
    run = _run("Sailing courses for beginners, audience 16+", "rated for beginners")
    assert run.applicable and run.outcome == "reject"


@pytest.mark.parametrize(
    "rule_stem, case_stem, named",
    [
        ("credit", "creditor", True),  # a derivational ending: the same word family
        ("dealer", "dealership", True),
        ("treat", "treatment", True),
        ("electr", "electron", False),  # "electronic" is not "electric"
        ("invest", "investig", False),  # "investigate" is not "invest"
        ("alcohol", "alcoholfre", False),  # "alcohol-free" read solid is another word
        ("launch", "launchpad", False),
    ],
)
def test_a_stem_names_another_only_across_a_derivational_ending(rule_stem, case_stem, named):
    from policydesk.assistant.naming import names

    assert names(rule_stem, {case_stem}) is named
    assert names(case_stem, {rule_stem}) is named


def test_ads_offering_a_thing_name_it_as_the_verbs_object_and_irregular_participles_end_it():
    sub = rule_subject("Ads offering berths or winter storage paid for by a harbour grant scheme are allowed only in Ireland.")
    assert sub is not None and sub.heads == ("berths", "storage")
    assert {"harbour", "grant"} <= sub.complement and "paid" not in sub.words
    assert read_noun_phrase("Life jackets sold with a whistle").heads == ("jackets",)


@pytest.mark.parametrize(("sentence", "claim"), [
    ("Ads can't claim that a fitness programme cures diabetes.", "a fitness programme cures diabetes"),
    ("You may not suggest that the product is safe for children.", "the product is safe for children"),
    ("- **Medical claims:** Ads must not claim that a supplement treats arthritis.", "a supplement treats arthritis"),
    ("- **Guaranteed results:** Claims that results are guaranteed are not allowed.", "results are guaranteed are not allowed"),
])  # fmt: skip
def test_a_prohibition_whose_verb_is_one_of_saying_is_a_claim_rule(sentence, claim):
    assert claim_wording(sentence) == claim


@pytest.mark.parametrize("sentence", [
    "Ads can't promise or imply weight loss of more than 1 kg per week.",  # no "that": a limit on what is promised
    "Ads must not show a person holding a lit firework.",
    "You may not charge any fee before the debt is settled.",
])  # fmt: skip
def test_other_prohibitions_are_not_claim_rules(sentence):
    assert claim_wording(sentence) == ""


def test_a_claim_of_the_rules_kind_is_what_a_requirement_on_claims_is_about():
    """A requirement on claims whose subject reads as "Claims that a charter …" covers a case
    that quotes a claim of its kind, though the case never says "claim" or "charter" (the
    claim gate, not the subject's nouns, tells whether the case is one for it)."""
    chunk = Chunk(
        id="boats-3", source="boats.md", title="Boats and Marine Equipment", section="3. Claims", clause_id=None,
        decision=None, markets=["global"], position=3,
        text='Claims that a charter or service is "coastguard approved" must name the approving body.',
    )
    chunk.logic = read_clause_logic(chunk)
    rule = chunk.logic[0]

    def run(question):
        return run_rule(rule, "prose", chunk, 0, read_case_facts(question, Filters()), 0.0, analyse(question, None).named)

    stated = run("Skipper's ad headline: 'Coastguard approved skippers'. Is that OK?")
    assert stated.applicable and stated.outcome == "restrict"
    other = run("Skipper's ad headline: 'Best skippers in town'. Is that OK?")
    assert not other.applicable and "not of the kind" in other.reason


def test_a_noun_is_not_named_by_a_participle_of_its_stem():
    # "Inspections must be done by …" is about inspections; a hull "inspected last year" is no
    # inspection the ad offers.
    assert other_word_class({"inspect"}, "Inspections must be done by a surveyor.", "Used dinghy, inspected last year, for sale")
    assert not other_word_class({"inspect"}, "Inspections must be done by a surveyor.", "We offer hull inspections, inspected by our team")
    assert not other_word_class({"inspect"}, "Boats inspected by a surveyor may say so.", "Used dinghy, inspected last year")
