"""Policies written as tables (session 17): a row's first cell names what (or where) the
other cells govern. The sentence splitter cuts rows at their cells, a header row and a bare
verdict mark ("Yes", "Case by case") state no rule, and each cell's rules take the row's
subject, or its markets when the label names countries. Invented wording, real reader."""

from policydesk.core.clause_logic import read_clause_logic, referral_rules
from policydesk.core.sentences import split_sentences
from policydesk.core.table_rows import row_label, verdict_mark
from policydesk.core.types import Chunk

TABLE = (
    "| Product | Allowed | Conditions |\n"
    "|---|:---:|---|\n"
    "| Kite surfing lessons | Yes | Instructor certification required. Audience 16+, or 18+ in FR and ES. |\n"
    "| Paragliding tandem flights | Yes | Audience 18+. Pilot weight limit no more than 110 kg. |\n"
    "| Base jumping courses | No | We don't allow ads for these courses in any market. |\n"
    "| Wingsuit camps | Case by case | Ads are reviewed individually. |\n"
)


def _chunk(text: str) -> Chunk:
    return Chunk(id="c1", text=text, source="air.md", policy_id="AIR", title="Air sports", markets=[])


def test_cells_are_sentences_numbered_by_column():
    spans = split_sentences(TABLE)
    assert [(s.cell, s.text) for s in spans[:5]] == [
        (0, "Product"), (1, "Allowed"), (2, "Conditions"), (0, "Kite surfing lessons"), (1, "Yes")]
    assert all(TABLE[s.start:s.end] == s.text for s in spans)
    assert not any("---" in s.text or "|" in s.text for s in spans)
    # Two sentences in one cell stay two; a row's cells never run into the next row.
    assert [s.text for s in spans if s.cell == 2][1:3] == ["Instructor certification required.", "Audience 16+, or 18+ in FR and ES."]


def test_prose_is_split_as_before():
    assert [s.cell for s in split_sentences("Ads must not target minors. They must state the price.")] == [-1, -1]


def test_a_row_label_is_a_subject_or_markets():
    assert row_label("South Korea (KR)").markets == ("KR",)
    assert set(row_label("Saudi Arabia (SA), Qatar (QA)").markets) == {"SA", "QA"}
    assert row_label("Kite surfing lessons").markets == ()
    assert verdict_mark("Yes") and verdict_mark("Case by case") and verdict_mark("No.")
    assert not verdict_mark("Audience 18+.")


def test_each_cell_rule_governs_its_row_label():
    rules = read_clause_logic(_chunk(TABLE))
    quotes = [r.quote for r in rules]
    assert not any(q in ("Yes", "No", "Product", "Allowed") for q in quotes)
    floors = next(r for r in rules if r.quote.startswith("Audience 16+"))
    assert {"kite", "surfing", "lessons"} <= set(floors.scope)
    assert set(floors.conditions) == {"min_age:16", "min_age:18@FR,ES"}
    adult = next(r for r in rules if r.quote == "Audience 18+.")
    assert {"paragliding", "tandem", "flights"} <= set(adult.scope)
    # A verbless cell of conditions is what the row's permission requires.
    weight = next(r for r in rules if r.quote.startswith("Pilot weight limit"))
    assert weight.decision == "restrict" and weight.conditions == ["max:110 kg"]
    # "these courses" names nothing: the row says what is banned.
    ban = next(r for r in rules if r.quote.startswith("We don't allow"))
    assert ban.decision == "reject" and {"base", "jumping", "courses"} <= set(ban.scope)


def test_a_case_by_case_row_refers_its_label_not_the_mark():
    chunk = _chunk(TABLE)
    referrals = referral_rules(chunk, read_clause_logic(chunk))
    assert [r.quote for r in referrals] == ["Ads are reviewed individually."]
    assert {"wingsuit", "camps"} <= set(referrals[0].scope)


def test_a_market_label_sets_the_rows_markets():
    text = "| Market | Rule |\n|---|---|\n| South Korea (KR) | Paid sessions: minimum age 19. |\n| Chile (CL) | Not allowed. |\n"
    rules = read_clause_logic(_chunk(text))
    floor = next(r for r in rules if "19" in r.quote)
    assert floor.markets == ["KR"]
    ban = next(r for r in rules if r.quote == "Not allowed.")
    assert ban.decision == "reject" and ban.markets == ["CL"]


def test_an_exception_you_can_advertise_governs_what_it_lets_you_advertise():
    text = ('- "Free lessons" offers are not allowed.\n'
            "- Exception: you can advertise free refresher lessons if the refresher is booked within 90 days of the course.")
    rules = read_clause_logic(_chunk(text))
    exception = next(r for r in rules if r.quote.startswith("- Exception"))
    assert {"free", "refresher", "lessons"} <= set(exception.scope) and "you" not in exception.scope
    assert "max:90 days" in exception.conditions


def test_a_certificate_number_to_show_is_no_certification_to_hold():
    from policydesk.core.clause_logic import executable_conditions

    conds = executable_conditions("The studio must be registered with the council, and the registration certificate number must appear on the landing page.", "restrict")
    assert "requires:certification" not in conds and "requires:licence" in conds
    assert "requires:certification" in executable_conditions("Instructors must hold a certificate from an accredited body.", "restrict")


def test_a_title_shared_head_is_no_topic_of_its_own():
    """"Tattoo and Piercing Studios": a case naming a studio names no topic other than tattoo
    (the head both modifiers share); "Subscriptions and Free Trials" names two topics."""
    from policydesk.assistant.scope_reason import title_shared_head

    assert title_shared_head("Kite and Windsurf Schools: Advertiser Checklist") == frozenset({"school"})
    assert title_shared_head("Subscriptions and Free Trials") == frozenset()
    assert title_shared_head("Knives, bladed tools and self-defence products") == frozenset()
