"""A shared head is not a shared subject when the two qualify it apart (assistant/qualified_head.py),
on an invented boat-hire policy: the noun-phrase reading of the rule's qualifier, WordNet's parts
of speech (real WordNet 3.3 data) and real rule execution (assistant/execute.py `run_rule`)."""

from __future__ import annotations

from policydesk.assistant.execute import run_rule
from policydesk.assistant.qualified_head import classifying, qualifier
from policydesk.assistant.question import analyse
from policydesk.core.casefacts import read_case_facts
from policydesk.core.terms import stem
from policydesk.core.types import Chunk, Filters, Rule

LEAD = "Ads offering loans, mortgages or hire agreements for sailing boats must state the APR and the total amount payable."
BACK = "These ads may only be shown to users aged 18 or over, and in the United States ads for new mortgages need 21 or over."
CHUNK = Chunk(
    id="boat-5", source="boats.md", title="Boat Sales and Marinas Policy", section="Finance",
    clause_id=None, decision=None, markets=["global"], position=5, text=f"{LEAD} {BACK}",
)
SCOPE = ["loans", "mortgages", "hire", "agreements", "sailing", "boats"]
RULES = [
    Rule(id="BOAT#5/p1", quote=LEAD, decision="restrict", scope=SCOPE, conditions=["requires:the ad states the APR"]),
    Rule(id="BOAT#5/p2", quote=BACK, decision="restrict", scope=SCOPE, conditions=["min_age:18"]),
]
CHUNK = CHUNK.model_copy(update={"logic": RULES})


def runs(question: str):
    info = analyse(question, None)
    facts = read_case_facts(question, Filters())
    return [run_rule(r, "prose", CHUNK, 0, facts, 0.0, info.named) for r in RULES]


def test_the_qualifier_is_the_for_phrase_after_the_coordination_and_the_nouns_before_the_head():
    assert qualifier(LEAD, stem("loans")) == ("sailing", "boats")
    assert qualifier(LEAD, stem("mortgages")) == ("sailing", "boats")
    assert qualifier("Ads for software wallets must name the developer.", stem("wallet")) == ("software",)
    # An adjective describes as often as it sorts: not a qualifier.
    assert qualifier("Cosmetic procedures on animals are not permitted.", stem("procedures")) == ("animals",)
    assert qualifier("Second-hand sneakers can be listed only by enrolled sellers.", stem("sneakers")) == ()
    assert qualifier(BACK, stem("loans")) is None  # the sentence does not write the head


def test_a_classifying_modifier_is_a_noun_that_is_no_adjective():
    assert classifying("payday") and classifying("car") and classifying("software")
    assert not classifying("cheap") and not classifying("electric") and not classifying("online")


def test_a_case_whose_modifier_makes_its_thing_another_kind_is_not_the_rules():
    for run in runs("Payday loan ads in the UK, allowed?"):
        assert not run.applicable and run.out_of_scope
        assert 'another kind of loan than the sailing boats loan' in run.reason
    # The sentence that points back ("These ads") is read through the one before it, also
    # where it writes the head with an adjective only ("new mortgages").
    assert runs("Car mortgage ads, allowed?")[1].out_of_scope
    assert runs("Car loan ads, allowed?")[1].out_of_scope


def test_a_case_the_qualifier_takes_in_or_with_no_modifier_keeps_the_rule():
    for question in ("Loan ads in the UK, allowed?",           # no modifier: may be the rule's
                     "Sailing boat loan ads, allowed?",         # names the qualifier
                     "Cheap loan ads, allowed?",                # an adjective describes, it does not sort
                     "Catamaran loan ads, allowed?"):           # a catamaran is a kind of boat (WordNet)
        assert not any(r.out_of_scope for r in runs(question)), question


# The policy's title lists several kinds of the same head: a modifier the title names is
# another kind when the rule writes its own classifying noun right before the head.
TITLED = Chunk(
    id="trade-2", source="trades.md", title="Storage and Moving Services Policy", section="Who can advertise",
    clause_id=None, decision=None, markets=["global"], position=2,
    text="Removal firms must be registered with the national trade association.",
)
TITLED_RULE = Rule(id="TRADE#2/p1", quote=TITLED.text, decision="restrict", scope=["removal", "firms"],
                   conditions=["requires:registered"])
TITLED = TITLED.model_copy(update={"logic": [TITLED_RULE]})
FOR_PHRASE = TITLED.model_copy(update={"id": "trade-3", "text": "Firms for removal jobs must be registered with the national trade association."})
FOR_RULE = TITLED_RULE.model_copy(update={"id": "TRADE#3/p1", "quote": FOR_PHRASE.text, "scope": ["firms", "removal", "jobs"]})
FOR_PHRASE = FOR_PHRASE.model_copy(update={"logic": [FOR_RULE]})


def _titled_run(question: str, chunk=TITLED, rule=TITLED_RULE):
    info = analyse(question, None)
    return run_rule(rule, "prose", chunk, 0, read_case_facts(question, Filters()), 0.0, info.named)


def test_a_compound_the_title_names_is_another_kind_of_the_rules_compound_head():
    run = _titled_run("Storage firm in Leeds, can we advertise our units?")
    # Set aside as another kind of firm; since session 22 the advertiser-kind reading
    # (assistant/advertiser_kind.py) says so first, for a subject naming who advertises.
    assert run.out_of_scope and ("another kind of firm than the removal firm" in run.reason or "the case is a storage firm" in run.reason)
    # the rule's own compound named: the rule's
    assert not _titled_run("Removal firm in Leeds, can we advertise?").out_of_scope


def test_a_title_modifier_still_keeps_a_rule_narrowed_by_a_phrase_after_its_head():
    assert not _titled_run("Storage firm in Leeds, can we advertise our units?", FOR_PHRASE, FOR_RULE).out_of_scope
