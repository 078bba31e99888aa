"""A reviewer guide's conditional whose antecedent is a market ("If the ad targets Portugal
(PT), then …") holds in that market only, and its consequent is a limit to execute (issue #13).

- core/reading.py `SCOPE_BEFORE`: the verb of targeting in any form ("targets", "target")
  scopes the sentence to the market it names, as "targeting" already did; `LIST_GAP`: a market
  written with its code in brackets ("Chile (CL) and Peru (PE)") lists on past the code.
- core/condition_reading.py `_BASE_PLUS`: "must not exceed the monthly rent plus 20%" bounds the
  margin over a named base (max 20%), which is what a case states ("rent + 15%").
- core/casefacts.py: a possessive ("a children's helmet", "kids' bikes") names whom a product is
  for, not whom the ad reaches; the audience is the one the case states apart.
All wording invented."""

from policydesk.assistant.execute import run_rule
from policydesk.assistant.precedence import decide
from policydesk.core.casefacts import AgeRange, read_ages, read_case_facts
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.condition_reading import executable_conditions
from policydesk.core.reading import scope_markets
from policydesk.core.types import Chunk, Filters

GUIDE = (
    "- If the listing targets Chile (CL) or Peru (PE), reject it: holiday lets are not accepted there.\n"
    "- If the listing targets Portugal (PT), then the deposit must not exceed the monthly rent plus 20%.\n"
    "- Otherwise, go to the next step."
)


def _chunk(text):
    return Chunk(id="c1", text=text, source="lets.md", policy_id="LETS", section="Step 2 - Where the listing runs")


def _runs(question, market):
    facts = read_case_facts(question, Filters(market=market))
    return [run_rule(r, "prose", _chunk(GUIDE), 0, facts) for r in read_clause_logic(_chunk(GUIDE))]


def test_a_targeting_verb_scopes_to_the_markets_it_names():
    assert scope_markets("If the listing targets Portugal (PT), then the deposit is capped.")[0] == ["PT"]
    assert scope_markets("Where an ad targets Chile (CL), Peru (PE) or Bolivia (BO), reject it.")[0] == ["CL", "PE", "BO"]
    assert scope_markets("In Chile (CL) and Peru (PE), listings need a permit.")[0] == ["CL", "PE"]
    # a sentence with no market after the verb is scoped to none
    assert scope_markets("If the listing targets students, the deposit is capped.")[0] == []


def test_each_conditional_holds_only_in_its_own_market():
    rules = read_clause_logic(_chunk(GUIDE))
    assert [r.markets for r in rules[:2]] == [["CL", "PE"], ["PT"]]
    runs = _runs("Holiday let in Lisbon, deposit of one month's rent + 15%", "FR")
    assert not any(r.applicable for r in runs[:2])  # written for CL, PE and PT, not FR
    assert decide(runs) is None or decide(runs).decision != "reject"


def test_a_margin_over_a_named_base_is_the_limit():
    assert executable_conditions("The deposit must not exceed the monthly rent plus 20%.", "reject") == ["max:20%"]
    assert executable_conditions("Fees may be no more than the list price + 5%.", "restrict") == ["max:5%"]
    within = decide(_runs("Holiday let in Lisbon, deposit of monthly rent + 15%", "PT"))
    over = decide(_runs("Holiday let in Lisbon, deposit of monthly rent + 35%", "PT"))
    assert within is None or within.decision != "reject"
    assert over is not None and over.decision == "reject" and "35%" in over.reason


def test_a_possessive_names_whom_the_product_is_for_not_the_audience():
    assert read_ages("A children's bike helmet, ads aimed at parents aged 30-45") == AgeRange(30, 45)
    assert read_ages("Kids' scooters; we target adults 25-55") == AgeRange(25, 55)
    assert read_ages("Teens' skincare promo") is None
    # the plain noun is still an audience
    assert read_ages("Ads aimed at children who like bikes") == AgeRange(0, 17)
    assert read_ages("a campaign for teens") == AgeRange(13, 17)


DRONES = (
    "In Japan (JP), you can advertise camera drones weighing no more than 250 g. "
    "In Canada (CA), you can advertise camera drones weighing up to 2 kg. "
    "Camera drones that go beyond the weight limits for a market must not be advertised in that market."
)


def _drone_runs(question, market):
    chunk = Chunk(id="c2", text=DRONES, source="drones.txt", policy_id="DRONES")
    facts = read_case_facts(question, Filters(market=market))
    return [run_rule(r, "prose", chunk, 0, facts) for r in read_clause_logic(chunk)]


def test_the_limits_for_a_market_are_the_ones_stated_per_market():
    """core/market_limits.py: "beyond the limits for a market" executes the limits the clause
    states market by market, in the markets it states them for."""
    rules = read_clause_logic(Chunk(id="c2", text=DRONES, source="drones.txt", policy_id="DRONES"))
    ban = rules[-1]
    assert ban.decision == "reject" and sorted(ban.markets) == ["CA", "JP"]
    assert sorted(ban.conditions) == ["max:2 kg@CA", "max:250 g@JP"]
    assert ban.scope == ["camera", "drones"]  # the limit clause is its condition, not its subject
    light = [r for r in _drone_runs("Camera drone ad, the drone weighs 200 g", "JP") if r.rule.id == ban.id][0]
    heavy = [r for r in _drone_runs("Camera drone ad, the drone weighs 900 g", "JP") if r.rule.id == ban.id][0]
    in_canada = [r for r in _drone_runs("Camera drone ad, the drone weighs 900 g", "CA") if r.rule.id == ban.id][0]
    elsewhere = [r for r in _drone_runs("Camera drone ad, the drone weighs 900 g", "BR") if r.rule.id == ban.id][0]
    assert light.outcome is None and light.by_fact  # within JP's limit: the ban does not apply
    assert heavy.outcome == "reject"  # over JP's 250 g
    assert in_canada.outcome is None  # CA's limit is 2 kg
    assert not elsewhere.applicable  # no limit is stated for BR


def test_a_sentence_with_its_own_number_keeps_it():
    from policydesk.core.market_limits import refers_to_market_limits

    assert refers_to_market_limits("Scooters beyond the speed limits set for each country must not be shown.")
    assert not refers_to_market_limits("Scooters faster than 25 km/h must not be shown.")
    assert not refers_to_market_limits("Follow the limits in this guide.")


def test_a_market_antecedent_binds_every_case_in_that_market():
    """assistant/rule_binds.py `antecedent_binds`: "If the listing targets Portugal (PT), then the
    deposit must not exceed …" binds a PT case that names no deposit: the antecedent is the
    market, which the rule's markets execute; the case gives no number, so the cap is what must
    hold (restrict), not a rule to set aside as about something else."""
    from policydesk.assistant.question import named_terms
    from policydesk.core.reading import without_market_scope

    assert without_market_scope("the listing targets Portugal (PT)").strip() == "the listing"
    assert "alcohol" in without_market_scope("a prize includes alcohol in Chile")
    chunk = _chunk("- If the ad targets Portugal (PT), then the deposit must not exceed the monthly rent plus 20%.")
    question = "Holiday flat in Porto, photos and a booking link"
    [cap] = [run_rule(r, "prose", chunk, 0, read_case_facts(question, Filters(market="PT")), question_terms=named_terms(question))
             for r in read_clause_logic(chunk)]
    assert cap.applicable and cap.outcome == "restrict"
    # the same cap in another market is set aside by its market, as before
    [elsewhere] = [run_rule(r, "prose", chunk, 0, read_case_facts(question, Filters(market="ES")), question_terms=named_terms(question))
                   for r in read_clause_logic(chunk)]
    assert not elsewhere.applicable
