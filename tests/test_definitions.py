"""A policy's own definitions of its categories (core/definitions.py) and the scope check that
uses them (assistant/execute.py `run_rule`): a question naming a member the policy lists
("slug pellets") names the category ("restricted pesticides") for that policy's rules, and only
for them. On an invented garden-chemicals policy."""

from __future__ import annotations

from policydesk.assistant.execute import run_rule
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.corpus_facts import compute_corpus_facts
from policydesk.core.definitions import defined_terms, policy_definitions, sentence_definitions
from policydesk.core.terms import terms
from policydesk.core.types import Chunk, Filters



def test_a_sentence_listing_what_a_category_is_defines_it():
    assert sentence_definitions("Restricted pesticides are fumigants, rodenticides and slug pellets that are sold to the public.") == [
        ("Restricted pesticides", ["fumigants", "rodenticides", "slug pellets"])]
    assert sentence_definitions("Garden tools include spades, hoes and leaf blowers.") == [("Garden tools", ["spades", "hoes", "leaf blowers"])]
    assert sentence_definitions("By power tools we mean chainsaws, hedge trimmers and strimmers.") == [
        ("power tools", ["chainsaws", "hedge trimmers", "strimmers"])]
    assert sentence_definitions("For this policy, plant food covers fertiliser pellets and liquid feeds.") == [
        ("plant food", ["fertiliser pellets", "liquid feeds"])]
    assert sentence_definitions("Examples of weed killers include glyphosate sprays and paraquat.") == [
        ("weed killers", ["glyphosate sprays", "paraquat"])]
    assert sentence_definitions("Soil improvers of any weight count as plant food.") == [("plant food", ["Soil improvers"])]
    # A definition by its genus lists its examples only after "including" / "such as".
    assert sentence_definitions('A "garden chemical" is any product applied to plants, including sprays, dusts and granules.') == [
        ("garden chemical", ["sprays", "dusts", "granules"])]


def test_a_definition_list_under_a_definitions_heading():
    text = "- Hand tools: trowels, secateurs and rakes\n- Licence: our written permission to advertise"
    assert policy_definitions(text, "Garden Policy > Definitions") == {"hand tools": ["trowels", "secateurs", "rakes"]}
    assert policy_definitions(text, "Garden Policy > Hand tools") == {}  # "Term: …" defines only there


def test_what_is_no_definition():
    for sentence in (
        "Ads must include the price and the delivery date.",  # a requirement
        "Your ad must include a warning and a phone number.",
        "Examples include spades and hoes.",  # examples of no named term
        "An energy label is a label that shows the rating.",  # a genus, no members
        "Garden chemicals are tightly regulated, and we rely on sellers to hold a licence.",
        "Fertilisers are part of many gardens, but they can harm rivers.",
        "Where local law is stricter than this policy, local law prevails and the stricter rule applies.",
        "Spraying means applying a liquid so that it covers the leaves.",  # one description, no list
        "Mulch ads that include prices, photos and reviews may run.",
        "Sellers above this limit are treated as dealers.",  # a qualified member is only part of what its words name
    ):
        assert sentence_definitions(sentence) == [], sentence


def test_a_member_names_its_category_unless_it_shares_only_the_category_head():
    defs = {"restricted pesticides": ["fumigants", "rodenticides", "slug pellets"], "personal loans": ["instalment loans", "car loans"]}
    assert defined_terms(defs, terms("Slug pellets for Germany")) == terms("restricted pesticides")
    assert defined_terms(defs, terms("pellets, 2 kg bags")) == terms("restricted pesticides")  # the head names the member
    assert defined_terms(defs, terms("payday loan")) == set()  # "loan" is the category's own head
    assert defined_terms(defs, terms("car loan ad")) == terms("personal loans")
    assert defined_terms(defs, terms("hedge trimmer")) == set()


POLICY = "garden-chemicals.md"
INTRO = Chunk(id="g-1", source=POLICY, title="Garden Chemicals", section="Garden Chemicals > What this policy covers", position=0,
              text="Restricted pesticides are fumigants, rodenticides and slug pellets that are sold to the public.")
RULE = Chunk(id="g-2", source=POLICY, title="Garden Chemicals", section="Garden Chemicals > Restricted pesticides", position=1,
             text="Restricted pesticides can only be advertised in Canada and Australia.")
OTHER = Chunk(id="o-1", source="other.md", title="Garden Chemicals", section="Other > Restricted pesticides", position=0,
              text="Restricted pesticides can only be advertised in Canada and Australia.")


def _run(chunk: Chunk, question: str, market: str, definitions):
    rule = read_clause_logic(chunk)[0]
    facts = read_case_facts(question, Filters(market=market))
    return run_rule(rule, "prose", chunk, 0, facts, question_terms=terms(question), definitions=definitions)


def test_the_scope_check_counts_a_defined_member_as_its_category_within_the_same_policy():
    facts = compute_corpus_facts([INTRO, RULE, OTHER])
    assert facts.definitions == {POLICY: {"restricted pesticides": ["fumigants", "rodenticides", "slug pellets"]}}
    question = "Slug pellets ad for Germany only. Approve?"
    without = _run(RULE, question, "DE", None)
    assert not without.applicable and "not what the case is about" in without.reason
    with_defs = _run(RULE, question, "DE", facts.definitions)
    assert with_defs.applicable and with_defs.outcome == "reject"
    # Another policy's rule with the same words is not read through this policy's definitions.
    assert not _run(OTHER, question, "DE", facts.definitions).applicable
    # A question naming no member is set aside as before.
    assert not _run(RULE, "Hedge trimmer ad for Germany only. Approve?", "DE", facts.definitions).applicable
