"""A market schedule of the same document (core/market_schedule.py): a numbered heading names
it, a permission column says which listed markets ads may run in, "may only run in the
markets listed as permitted in Annex 2" executes where the ad runs, and a column of figures
executes per market. Invented kite-surf school and fishing-charter standards."""

import pytest

from policydesk.core.clause_logic import list_markets, read_clause_logic
from policydesk.core.conditions import parse_condition
from policydesk.core.list_complement import complement_markets
from policydesk.core.market_schedule import schedule_limits, schedules, with_schedule_limits
from policydesk.core.types import Chunk, Rule
from tests.policy_store import ask_in, ingest_policy

_KITE_TABLE = (
    "The table below lists the countries where kite-surf lessons may be advertised.\n"
    "| Country | Allowed | Instructor certificate | Minimum lesson length (minutes) |\n"
    "|---|---|---|---|\n"
    "| Portugal (PT) | Yes | IKO level 2 | 90 |\n"
    "| Brazil (BR) | Yes | ABK instructor card | 120 |\n"
    "| Morocco (MA) | ✓ | IKO level 2 | 90 |\n"
    "| Egypt (EG) | No | - | - |\n"
    "| Australia (AU) | Not allowed | - | - |\n"
)


def _chunk(cid: str, section: str, text: str, position: int) -> Chunk:
    return Chunk(id=cid, text=text, source="kite.pdf", policy_id="KITE", title="Kite-surf school ads", section=section, markets=[], position=position)


def _kite_doc(heading: str = "7. Annex 2: Permitted countries") -> list[Chunk]:
    rule = _chunk("k1", "2. Where ads may run",
                  "2.1  Kite-surf school ads may only run in the countries listed as permitted in Annex 2. "
                  "Ads targeting any country not listed in Annex 2 are not permitted.", 0)
    length = _chunk("k2", "3. Lessons",
                    "3.1  Ads must state the length of a beginner lesson. The length stated must be at least the number of minutes shown for that country in Annex 2.", 1)
    return [rule, length, _chunk("k3", heading, _KITE_TABLE, 2)]


def test_a_numbered_heading_names_a_list_and_refused_rows_are_not_its_markets():
    refs = list_markets(_kite_doc())
    assert refs["ANNEX 2"] == ["PT", "BR", "MA"]  # EG (No) and AU (Not allowed) are listed to be refused
    assert list_markets(_kite_doc("Annex 2 – Countries"))["ANNEX 2"] == ["PT", "BR", "MA"]


def test_a_list_without_a_permission_column_keeps_every_row():
    table = _chunk("f1", "4. Schedule B: charter ports",
                   "| Port | Harbour master contact |\n|---|---|\n| Norway (NO) | Bergen |\n| Iceland (IS) | Reykjavik |\n", 0)
    assert list_markets([table])["SCHEDULE B"] == ["NO", "IS"]


def test_only_in_the_listed_markets_is_an_executable_condition_and_the_rest_are_refused():
    doc = _kite_doc()
    refs = list_markets(doc)
    rules = read_clause_logic(doc[0], refs)
    only = next(r for r in rules if "may only run" in r.quote)
    assert "only_markets:PT,BR,MA" in only.conditions and only.markets == []
    rest = next(r for r in rules if "not listed" in r.quote)
    assert rest.decision == "reject" and set(rest.except_markets) == {"PT", "BR", "MA"}
    assert complement_markets(rest.quote, refs, []) == ["PT", "BR", "MA"]


def test_only_markets_condition_is_met_inside_and_broken_outside():
    from policydesk.assistant.condition_check import check_condition
    from policydesk.core.casefacts import CaseFacts

    cond = parse_condition("only_markets:PT,BR,MA")
    assert check_condition(cond, CaseFacts(question="", markets=["BR"])).result == "met"
    assert check_condition(cond, CaseFacts(question="", markets=["EG"])).result == "unmet"


def test_a_figure_shown_for_each_market_executes_per_market():
    doc = _kite_doc()
    tables = schedules(doc)
    limits = schedule_limits(doc[1].text.split(". ", 1)[1], tables)
    assert sorted(limits) == ["min:120 minutes@BR", "min:90 minutes@PT,MA"]
    rule = Rule(id="r1", decision="restrict", quote="The length stated must be at least the number of minutes shown for that country in Annex 2.",
                conditions=[], markets=[], scope=["length"])
    [read] = with_schedule_limits([rule], tables)
    assert set(read.conditions) == {"min:90 minutes@PT,MA", "min:120 minutes@BR"} and read.markets == []
    for c in read.conditions:
        parse_condition(c)  # in the vocabulary


def test_no_direction_or_no_named_figure_adds_nothing():
    tables = schedules(_kite_doc())
    assert schedule_limits("The length stated must match the number of minutes shown for that country in Annex 2.", tables) == []
    assert schedule_limits("The length must be at least 90 minutes.", tables) == []
    assert schedule_limits("The length must be at least the number of minutes shown for that country in Annex 9.", tables) == []


def test_two_figure_columns_are_told_apart_by_the_sentence_words():
    table = _chunk("f1", "Schedule 3 - Charter limits", (
        "| Market | Permitted | Maximum anglers per boat | Minimum trip length (hours) |\n"
        "| Norway (NO) | Yes | 8 | 4 |\n"
        "| Ireland (IE) | Yes | 6 | 3 |\n"
        "| Denmark (DK) | No | 4 | 2 |\n"), 0)
    tables = schedules([table])
    assert sorted(schedule_limits("Trips advertised must last at least the number of hours shown for that market in Schedule 3.", tables)) == [
        "min:3 hours@IE", "min:4 hours@NO"]
    assert sorted(schedule_limits("The anglers carried must be no more than the number of anglers shown for that market in Schedule 3.", tables)) == [
        "max:6 anglers@IE", "max:8 anglers@NO"]
    # a figure of nothing named: what the case's number counts is unknown, so nothing executes
    assert schedule_limits("Ads must state a figure no more than the number shown for that market in Schedule 3.", tables) == []


_KITE_POLICY = """# Kite-surf school advertising standard

## 2. Where ads may run

2.1 Kite-surf school ads may only run in the countries listed as permitted in Annex 2. Ads targeting any country not listed in Annex 2 are not permitted.

## 3. Lessons

3.1 Ads must state the length of a beginner lesson. The length stated must be at least the number of minutes shown for that country in Annex 2.

## 7. Annex 2: Permitted countries

| Country | Allowed | Instructor certificate | Minimum lesson length (minutes) |
|---|---|---|---|
| Portugal (PT) | Yes | IKO level 2 | 90 |
| Brazil (BR) | Yes | ABK instructor card | 120 |
| Egypt (EG) | No | - | - |
"""


@pytest.fixture(scope="module")
def kite_store(tmp_path_factory):
    return ingest_policy(tmp_path_factory, "kite-schedule", {"kite.md": _KITE_POLICY})


def test_end_to_end_a_refused_or_unlisted_market_is_rejected(kite_store):
    assert ask_in("Kite-surf school ad for beginner lessons of 120 minutes, targeting Egypt. OK?", kite_store, "EG").verdict == "reject"
    assert ask_in("Kite-surf school ad for beginner lessons of 120 minutes, targeting Greece. OK?", kite_store, "GR").verdict == "reject"


def test_end_to_end_a_lesson_shorter_than_the_market_figure_is_not_approved(kite_store):
    short = ask_in("Kite-surf school ad in Brazil; the ad says beginner lessons last 90 minutes. OK?", kite_store, "BR")
    assert short.verdict in ("reject", "restrict")
    assert short.verdict != "approve"


def test_a_table_row_at_a_page_foot_keeps_cells_that_repeat_on_other_pages():
    """A page number ("3") and a table cell ("14", "Yes") look alike to the running-line
    filter (digits ignored); a cell sharing its baseline with unrepeated text is content."""
    from policydesk.ingest.pdflines import PdfLine, drop_running

    def page(n: int, rows: list[list[tuple[float, str]]]) -> list[PdfLine]:
        lines = [PdfLine("Kite-surf school standard", 60, 800, 9)]
        for k, row in enumerate(rows):
            lines += [PdfLine(text, x, 600 - 20 * k, 8.5) for x, text in row]
        return lines + [PdfLine(f"{n}", 300, 40, 9)]

    p1 = page(1, [[(60, "Intro text about lessons.")], [(60, "Portugal (PT)"), (170, "Yes"), (440, "90")]])
    p2 = page(2, [[(60, "Brazil (BR)"), (170, "Yes"), (440, "120")], [(60, "More text.")]])
    p3 = page(3, [[(60, "Closing text.")], [(60, "Notes end here.")]])
    kept = drop_running([p1, p2, p3])
    texts = [[l.text for l in p] for p in kept]
    assert "Yes" in texts[0] and "90" in texts[0] and "120" in texts[1]
    assert "Kite-surf school standard" not in texts[1] and "2" not in texts[1]  # the header and page number go


def test_covered_by_this_standard_names_no_subject():
    from policydesk.core.clause_logic import rule_scope

    assert rule_scope("Ads covered by this standard must be targeted only to users aged 18 or over.") == []
    assert rule_scope("Charter trips covered by this policy must state the skipper's licence.") == ["charter", "trips"]


def test_a_minimum_targeting_age_for_named_markets_is_an_age_floor_there():
    doc = _chunk("a1", "4. Audience", "4.1  Kite-surf ads must be targeted only to users aged 16 or over. In Peru and Chile the minimum targeting age is 18.", 0)
    rules = read_clause_logic(doc)
    local = next(r for r in rules if "Peru" in r.quote)
    assert local.conditions == ["min_age:18"] and set(local.markets) == {"PE", "CL"}


def test_the_thing_stated_is_the_one_the_sentence_before_requires_stated():
    doc = _chunk("s1", "3. Refunds", "3.1  Ads for surf camps must state the length of the refund window. The window stated must be at least 14 days.", 0)
    rules = read_clause_logic(doc)
    assert rules[1].conditions == ["min:14 days"] and rules[1].scope == rules[0].scope == ["surf", "camps"]
    other = _chunk("s2", "3. Refunds", "3.1  Ads for surf camps must state the length of the refund window. The price shown must include tax.", 0)
    assert "camps" not in read_clause_logic(other)[1].scope


def test_a_schedule_rows_rule_carries_the_bounds_its_row_shows():
    tables = schedules(_kite_doc())
    cert = Rule(id="r2", decision="restrict", quote="ABK instructor card", conditions=["requires:certification@BR"], markets=["BR"], scope=[])
    [read] = with_schedule_limits([cert], tables)
    assert read.conditions == ["requires:certification@BR", "min:120 minutes@BR"]
    refused = Rule(id="r3", decision="restrict", quote="IKO level 2", conditions=["requires:certification@EG"], markets=["EG"], scope=[])
    assert with_schedule_limits([refused], tables)[0].conditions == ["requires:certification@EG"]  # no such row of EG
