"""Run-in headings ("Spray paint. Ads for aerosol spray paint must not …") label the sentences
after them in their paragraph, and are no rule of their own; a sentence whose subject only
names the measure of its limit ("the minimum age is 18") continues the rule before it
(core/clause_logic.py `run_in_label`)."""

from __future__ import annotations

from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.types import Chunk


def _rules(text: str, section: str = "What's allowed with restrictions"):
    return read_clause_logic(Chunk(id="c", source="k.txt", title="Kites", section=section, text=text, position=2))


def test_a_run_in_heading_labels_its_paragraph_and_is_no_rule():
    rules = _rules(
        "Warranties. If an ad mentions a warranty, it must say how long it lasts.\n\n"
        "Kite boards. Ads for kite boards must not be targeted to users under 16. In Canada, the minimum age is 18."
    )
    assert [r.quote for r in rules][0].startswith("If an ad mentions")  # "Warranties." is not a rule
    assert rules[0].scope == ["warranties"]
    boards = [r for r in rules if "kite" in r.scope]
    assert [(r.markets, r.conditions) for r in boards] == [([], ["min_age:16"]), (["CA"], ["min_age:18"])]


def test_a_verbless_line_of_its_own_is_still_a_list_item():
    rules = _rules("We don't allow:\n\n- Kite boards\n- Towing services", section="Prohibited")
    assert len(rules) == 2 and all(r.decision == "reject" for r in rules)


def test_a_rule_about_describing_as_quoted_wording_needs_the_wording():
    from policydesk.assistant.execute import run_rule
    from policydesk.core.casefacts import read_case_facts
    from policydesk.core.terms import terms
    from policydesk.core.types import Filters

    rules = _rules('- **"No fee" claims:** Describing a kite lesson as "no fee" or "free to try" is fine only if '
                   "there is no charge for the first 30 days.")
    chunk = Chunk(id="c", source="k.txt", title="Kites", section="What's allowed with restrictions", text=rules[0].quote, position=2)

    def run(question: str):
        return run_rule(rules[0], "prose", chunk, 0, read_case_facts(question, Filters()), question_terms=terms(question))

    silent = run("Kite lesson ad targeting 18-35 showing the price, no health claims.")
    assert not silent.applicable and '"no fee"' in silent.reason
    assert run("Our kite lesson ad says 'no fee' for beginners").applicable


def test_a_bold_label_opening_an_item_names_what_it_governs():
    rules = _rules("- **Free lessons:** Kite ads offering a free lesson need to state the price charged after it.")
    assert rules[0].scope == ["free", "lessons"]


def test_words_a_question_only_denies_do_not_name_a_rule():
    from policydesk.assistant.question import named_terms
    from policydesk.core.terms import terms

    q = "Kite shop refit (no winches, ropes or harnesses). The ad makes no safety claims."
    assert terms("winches ropes harnesses safety claims") & named_terms(q) == set()
    assert terms("kite shop refit") <= named_terms(q)
    # A comma ends the denial unless a list goes on; a word also used outside it stays.
    q2 = "Rope ad with no price, kite safe registered, rope length 10 m"
    assert terms("kite safe registered rope") <= named_terms(q2) and "price" not in named_terms(q2)


def test_a_run_in_heading_the_chunk_was_cut_after_is_no_rule():
    # "0% finance." ends a size-split piece; its sentence is in the next piece
    rules = _rules("Monthly payments. If an ad states a monthly payment, it must also show the APR. "
                   "When an offer includes a balloon payment, the ad needs to state its amount. 0% finance.")
    assert [r.quote for r in rules] == ["If an ad states a monthly payment, it must also show the APR.",
                                        "When an offer includes a balloon payment, the ad needs to state its amount."]


def test_a_verbless_last_item_without_run_in_labels_is_still_an_item():
    rules = _rules("Tobacco. Weapons. Drugs.", section="What's not allowed")
    assert [r.quote for r in rules] == ["Tobacco.", "Weapons.", "Drugs."]
    # a paragraph break ends the run-in labels before it
    rules = _rules("Warranties. If an ad mentions a warranty, it must say how long it lasts.\n\nKite boards.", section="What's not allowed")
    assert rules[-1].quote == "Kite boards." and rules[-1].decision == "reject"
