"""Date windows (issue 13): when a policy lets an ad run ("may run only from 2 to 5 November"),
read into `during:` / `not_during:` conditions; when a case says it runs ("Campaign runs 20 Oct
to 5 Nov"), read into `CaseFacts.runs`; and the run executed against the windows, a window in
words ("the three days before Chinese New Year") never met or broken by itself."""

from __future__ import annotations

import pytest

from policydesk.core.casefacts import read_case_facts
from policydesk.core.condition_reading import executable_conditions
from policydesk.core.conditions import ConditionSyntaxError, parse_condition
from policydesk.core.dates import DayWindow, check_windows, date_mentions, day_of_year, read_runs, relative_window, stated_windows
from policydesk.core.types import Rule

from tests.policy_store import ask_in, ingest_policy


def _labels(text: str) -> list[tuple[list[str], bool]]:
    return [([w.label() for w in s.windows], s.inside) for s in stated_windows(text)]


def _window(a: str, b: str | None = None) -> DayWindow:
    (d1, m1), (d2, m2) = _dm(a), _dm(b or a)
    return DayWindow(day_of_year(d1, m1), day_of_year(d2, m2))


_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}


def _dm(text: str) -> tuple[int, int]:
    d, m = text.split()
    return int(d), _MONTHS[m.lower()]


# ---------------------------------------------------------------- the policy side
@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a list of ranges, one crossing months, and a window in words (two events of three days)
        (
            "United Kingdom: consumer fireworks ads may run only during the traditional selling periods, which are 15 October to 10 November, "
            "26 to 31 December, and the three days before Chinese New Year and Diwali.",
            [(["15 Oct-10 Nov", "26-31 Dec", "the 3 days before Chinese New Year and Diwali"], True)],
        ),
        ("Lantern ads may run only from 2 to 5 November.", [(["2-5 Nov"], True)]),
        ("Ads may run between 1 and 14 March.", [(["1-14 Mar"], True)]),
        ("Ads for advent calendars may run only between 20 November and 24 December.", [(["20 Nov-24 Dec"], True)]),
        ("Ads may run only from December 26 to 31.", [(["26-31 Dec"], True)]),
        ("Ads may run from December 26 to January 2 only.", [(["26 Dec-2 Jan"], True)]),  # across the year's end
        ("Ads for ski passes may run only in November and December.", [(["1-30 Nov", "1-31 Dec"], True)]),
        ("Ads may run only between October and December.", [(["1 Oct-31 Dec"], True)]),
        ("Ads may run only during February.", [(["1-29 Feb"], True)]),  # a leap year's days: 29 February is one
        ("Ads may run only on 5 November.", [(["5 Nov"], True)]),
        ("Ads may run only from the 1st to the 21st of August.", [(["1-21 Aug"], True)]),
        ("Sale ads may run only until 31 January.", [(["until 31 January"], True)]),
        ("Election ads must not run in the 48 hours before polls open.", [(["the 48 hours before polls open"], False)]),
        ("No gambling ads may be shown from 24 to 26 December.", [(["24-26 Dec"], False)]),
        ("Ads may not run except between 20 December and 5 January.", [(["20 Dec-5 Jan"], True)]),
        ("Paid electoral ads are accepted only during the official campaign period set by the electoral court.",
         [(["the official campaign period set by the electoral court"], True)]),
    ],
)
def test_windows_a_sentence_states(sentence, expected):
    assert _labels(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Version 1.4 - effective 1 November 2024",
        "Since 10 October 2025, political ads are no longer accepted in any European Union member state.",
        "Ads may only be shown in France and Spain.",  # markets, not dates
        "Users under 18 may not be targeted.",  # "18 may" is no 18 May
        "Ads may run only during school hours.",  # a time of day, not days of the year
        "Ads may run for 30 days.",
    ],
)
def test_no_window_from_a_date_in_passing(sentence):
    assert stated_windows(sentence) == []


def test_a_window_becomes_a_condition_in_the_vocabulary():
    conds = executable_conditions("New Zealand: consumer fireworks ads may run only from 2 to 5 November.", "restrict")
    assert conds == ["during:2-5 Nov"]
    assert executable_conditions("Election ads must not run in the 48 hours before polls open.", "reject") == ["not_during:the 48 hours before polls open"]


def test_condition_strings_round_trip_and_bind_markets():
    c = parse_condition("during:15 Oct-10 Nov; 26-31 Dec; the 3 days before Diwali@GB")
    assert c.kind == "during" and c.markets == ["GB"] and c.windows == ["15 Oct-10 Nov", "26-31 Dec", "the 3 days before Diwali"]
    assert str(c) == "during:15 Oct-10 Nov; 26-31 Dec; the 3 days before Diwali@GB"
    assert parse_condition(str(c)) == c
    assert c.applies_in("GB") and not c.applies_in("DE")
    assert parse_condition("during:Dec").windows == ["1-31 Dec"]
    assert parse_condition("not_during:1 March-14 March").windows == ["1-14 Mar"]
    assert "15 Oct-10 Nov, 26-31 Dec or the 3 days before Diwali" in c.describe()
    with pytest.raises(ConditionSyntaxError):
        parse_condition("during: ;")


def test_a_window_in_words_covers_at_most_the_days_it_names():
    assert relative_window("the 3 days before Chinese New Year and Diwali").most_days == 6  # two events
    assert relative_window("the three days before Diwali").most_days == 3
    assert relative_window("the 48 hours before Polling Day").most_days == 3  # it may start at any hour
    assert relative_window("the 2 weeks after Easter").most_days == 14
    assert relative_window("the official campaign period").most_days is None
    # occasions that come round more than once a year, or at no stated rate: no bound
    assert relative_window("the 48 hours before polls open").most_days is None
    assert relative_window("the 3 days before public holidays").most_days is None
    assert relative_window("the 2 days before Friday").most_days is None
    assert relative_window("the 2 weeks after the election").most_days is None
    assert relative_window("the 3 days before the Lunar New Year").most_days == 3


def test_a_date_no_month_has_is_not_read():
    assert date_mentions("from 30 February to 31 November") == []


# ---------------------------------------------------------------- the case side
@pytest.mark.parametrize(
    "question, runs",
    [
        ("UK fireworks retailer. Campaign runs 20 Oct to 5 Nov, 18+ targeting. Ok?", ["20 Oct-5 Nov"]),
        ("we want a summer push from 1 to 21 August. Allowed?", ["1-21 Aug"]),
        ("We launch the ads on 3 November.", ["3 Nov"]),
        ("The ad will run throughout December.", ["1-31 Dec"]),
        ("Flight: Dec 28 - Jan 2.", ["28 Dec-2 Jan"]),
        ("campaign from 20 December 2026 to 5 January 2027", ["20 Dec-5 Jan"]),
        ("Ads in May, targeting 18+.", ["1-31 May"]),
        ("we'd run it from the 1st to the 21st of August", ["1-21 Aug"]),
        ("Two bursts: 20-31 October and 1-5 November.", ["20-31 Oct", "1-5 Nov"]),
        ("Ads will run for two weeks from 1 December.", ["1-14 Dec"]),
        ("Campaign starting 25 December for 10 days.", ["25 Dec-3 Jan"]),  # over the year's end
        # dates that are not the ad's run
        ("Our vet's licence expired in January. Can we start the ads?", []),
        ("The ad says prices go up every April.", []),
        ("Our event is on 3 November.", []),
        ("users 18-24, we may run ads soon", []),
    ],
)
def test_the_days_a_case_runs(question, runs):
    assert [w.label() for w in read_runs(question)] == runs


def test_case_facts_carry_the_run():
    facts = read_case_facts("Campaign runs 20 Oct to 5 Nov, UK only.")
    assert [w.label() for w in facts.runs] == ["20 Oct-5 Nov"]
    assert facts.to_json()["runs"] == ["20 Oct-5 Nov"]
    assert read_case_facts("Can we advertise fireworks?").runs == []


# ---------------------------------------------------------------- execution
SELLING = [_window("15 Oct", "10 Nov"), _window("26 Dec", "31 Dec")]
CNY_DIWALI = relative_window("the 3 days before Chinese New Year and Diwali")


def test_a_run_inside_a_window_meets_it():
    check = check_windows(True, SELLING, [_window("20 Oct", "5 Nov")])
    assert check.result == "met" and "runs 20 Oct-5 Nov" in check.fact


def test_a_run_outside_every_window_breaks_it_and_names_both():
    check = check_windows(True, SELLING, [_window("1 Aug", "21 Aug")])
    assert check.result == "unmet"
    assert check.fact == "runs 1-21 Aug, outside 15 Oct-10 Nov, 26-31 Dec"


def test_a_run_partly_outside_breaks_it():
    check = check_windows(True, SELLING, [_window("1 Nov", "20 Nov")])
    assert check.result == "unmet" and "11-20 Nov" in check.fact


def test_a_run_across_two_windows_and_their_gap_breaks_it_but_one_covering_both_windows_meets_it():
    assert check_windows(True, SELLING, [_window("5 Nov", "28 Dec")]).result == "unmet"
    assert check_windows(True, SELLING, [_window("20 Oct", "1 Nov"), _window("27 Dec", "30 Dec")]).result == "met"


def test_windows_wrap_round_the_year_end():
    new_year = [_window("28 Dec", "3 Jan")]
    assert check_windows(True, new_year, [_window("30 Dec", "2 Jan")]).result == "met"
    assert check_windows(True, new_year, [_window("30 Dec", "5 Jan")]).result == "unmet"
    assert check_windows(True, new_year, [_window("2 Jul", "4 Jul")]).result == "unmet"
    # a case's run over the year's end against a window that does not wrap
    assert check_windows(True, [_window("1 Dec", "31 Dec")], [_window("30 Dec", "2 Jan")]).result == "unmet"


def test_a_window_in_words_leaves_a_short_run_outside_the_dates_unknown():
    # 3 days outside the dated windows could be the three days before Diwali: never unmet
    check = check_windows(True, SELLING + [CNY_DIWALI], [_window("1 Feb", "3 Feb")])
    assert check.result == "unknown" and "unless within the 3 days before Chinese New Year and Diwali" in check.fact


def test_a_run_longer_than_the_windows_in_words_can_cover_breaks_it():
    # 21 days in August: the two windows of three days cover 6 at most
    check = check_windows(True, SELLING + [CNY_DIWALI], [_window("1 Aug", "21 Aug")])
    assert check.result == "unmet" and "6 at most" in check.fact
    # 6 days could all be inside them: unknown, not unmet
    assert check_windows(True, SELLING + [CNY_DIWALI], [_window("1 Aug", "6 Aug")]).result == "unknown"
    # a run of most of a year may hold an occasion twice: no bound then
    assert check_windows(True, SELLING + [CNY_DIWALI], [_window("1 Jan", "14 Oct")]).result == "unknown"


def test_a_window_of_unknown_length_is_never_broken():
    period = DayWindow(text="the official campaign period")
    assert check_windows(True, [period], [_window("1 Jan", "31 Dec")]).result == "unknown"


def test_no_dates_in_the_case_is_unknown():
    assert check_windows(True, SELLING, []).result == "unknown"
    assert check_windows(False, SELLING, []).result == "unknown"


def test_a_blackout_window():
    blackout = [_window("24 Dec", "26 Dec")]
    assert check_windows(False, blackout, [_window("1 Dec", "23 Dec")]).result == "met"
    hit = check_windows(False, blackout, [_window("20 Dec", "24 Dec")])
    assert hit.result == "unmet" and "24 Dec" in hit.fact
    # the 48 hours before polls open may fall on any day of the run
    polls = relative_window("the 48 hours before polls open")
    assert check_windows(False, [polls], [_window("1 May", "3 May")]).result == "unknown"


def test_execute_checks_a_window_condition_against_the_case():
    from policydesk.assistant.condition_check import check_condition

    cond = parse_condition("during:15 Oct-10 Nov; 26-31 Dec; the 3 days before Chinese New Year and Diwali")
    out = check_condition(cond, read_case_facts("UK retailer, we want a summer push from 1 to 21 August."))
    assert out.result == "unmet" and out.fact.startswith("runs 1-21 Aug, outside 15 Oct-10 Nov, 26-31 Dec")
    assert check_condition(cond, read_case_facts("Campaign runs 20 Oct to 5 Nov.")).result == "met"
    assert check_condition(cond, read_case_facts("Can we advertise?")).result == "unknown"


def test_lint_names_a_window_it_cannot_place(tmp_path):
    from policydesk.rules.lint import _check_rule_vocabulary

    problems: list = []
    rule = Rule(id="X-1", quote="q", decision="restrict", conditions=["during:15 Octobre-10 Nov; 26-31 Dec; the 3 days before Diwali; the official campaign period"])
    _check_rule_vocabulary(rule, "x.rules.yaml", lambda key: 1, problems)
    assert [p.kind for p in problems] == ["unread-window"] and "15 Octobre-10 Nov" in problems[0].problem


# ---------------------------------------------------------------- a real store
POLICY = """SKY LANTERNS AND GARDEN PYROTECHNICS

Sky lanterns and garden pyrotechnics sold to the public can be advertised with restrictions.


SEASONAL LIMITS

Canada: sky lantern ads may run only during the festival seasons, which are 20 December to 3 January, 1 to 7 July, and the two days before Lunar New Year.

Japan: sky lantern ads may run only from 1 to 15 August.
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return ingest_policy(tmp_path_factory, "dates", {"sky-lanterns.txt": POLICY})


def _window_checks(answer):
    return [c for r in answer.trace.rules for c in r.conditions if c.kind == "during"]


def test_a_run_outside_the_seasons_is_rejected_and_the_trace_names_fact_and_window(store):
    a = ask_in("Sky lantern shop in Canada: we want our sky lantern ads to run from 1 to 20 September. Allowed?", store, "CA")
    checks = _window_checks(a)
    assert checks and checks[0].result == "unmet", [(r.rule_id, r.reason, r.conditions) for r in a.trace.rules]
    assert "runs 1-20 Sep, outside 20 Dec-3 Jan, 1-7 Jul" in checks[0].fact
    assert a.verdict == "reject", (a.verdict, a.answer)


def test_a_run_inside_a_season_across_the_year_end_meets_it(store):
    a = ask_in("Sky lantern shop in Canada: sky lantern ads will run from 27 December to 2 January. Allowed?", store, "CA")
    checks = _window_checks(a)
    assert checks and all(c.result == "met" for c in checks), [(r.rule_id, r.reason, r.conditions) for r in a.trace.rules]
    assert a.verdict != "reject", (a.verdict, a.answer)


def test_a_case_without_dates_is_told_the_window(store):
    a = ask_in("Can we advertise sky lanterns in Japan?", store, "JP")
    checks = _window_checks(a)
    assert checks and checks[0].result == "unknown"
    assert a.verdict == "restrict", (a.verdict, a.answer)


def test_a_window_set_for_a_market_replaces_the_general_one_there():
    from policydesk.assistant.condition_check import parsed
    from policydesk.assistant.rule_markets import local_conditions

    conds = executable_conditions("Fireworks ads may run only from 15 October to 10 November, and in Germany only from 29 to 31 December.", "restrict")
    assert conds == ["during:15 Oct-10 Nov", "during:29-31 Dec@DE"]
    here, elsewhere = local_conditions(parsed(conds), "DE")
    assert [str(c) for c in here] == ["during:29-31 Dec@DE"] and elsewhere
    here, _ = local_conditions(parsed(conds), "GB")
    assert [str(c) for c in here] == ["during:15 Oct-10 Nov"]


def test_lint_accepts_windows_it_can_place_and_windows_in_words():
    from policydesk.rules.lint import _check_rule_vocabulary

    problems: list = []
    conds = ["during:15 Oct-10 Nov; 26-31 Dec; the 3 days before Diwali@GB", "not_during:the 48 hours before polls open", "during:Dec; 20 Dec-5 Jan"]
    _check_rule_vocabulary(Rule(id="X-1", quote="q", decision="restrict", conditions=conds), "x.rules.yaml", lambda key: 1, problems)
    assert problems == []


def test_a_sentence_without_a_month_or_a_time_before_something_is_not_scanned():
    # the cheap gate ingest relies on: every window a sentence can state names one of them
    assert stated_windows("Ads may run only in France, and only with a licence.") == []
    assert _labels("Ads may run only in DECEMBER.") == [(["1-31 Dec"], True)]
