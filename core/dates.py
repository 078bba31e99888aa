"""Date windows: when a policy lets an ad run, and when a case says it runs (issue 13).

Why days of the year: policies state windows without a year ("15 October to 10 November",
"26 to 31 December", "only in December") because they recur every year, and questions state a
campaign's flight the same way ("Campaign runs 20 Oct to 5 Nov"). Both are read here into
`DayWindow`s over the days of a leap year (1-366, so 29 February is a day of it), a window
that crosses the year's end ("20 December to 5 January") wrapping round. A year written with a
date is read and set aside: the window is the same days every year.

A window the words cannot place in the calendar ("the three days before Chinese New Year",
"the 48 hours before polls open", "the official campaign period") is kept as its words, with
the most calendar days it can cover when the words say it and name a yearly occasion ("the
three days before Diwali" → 3, "the 48 hours before Polling Day" → 3: they may start at any hour). Such a window is never met or broken by itself: a day outside
every window that can be placed may still fall inside it, unless the case has more such days
than it can cover (core/conditions.py `window_check`).

Only the standard library (`datetime`) is used.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass

from policydesk.core.literal_guard import guarded
from policydesk.core.numwords import number_words_as_digits

_LEAP = 2000  # a leap year: every day that exists in some year is a day of it
_YEAR_DAYS = 366
_HALF_YEAR = 183
MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# "May" is a month only with its capital: "users under 18 may not …" names no 18 May.
_MONTH = r"(?:january|february|march|april|(?-i:May)|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(\d{4}))?"
_DM = rf"{_DAY}(?:\s+of)?\s+({_MONTH}){_YEAR}"  # 15 October (2026)
_MD = rf"({_MONTH})\s+{_DAY}\b(?![:.]\d|\s*(?:%|am\b|pm\b|a\.m|p\.m)){_YEAR}"  # October 15(, 2026)
_TO = r"\s*(?:-|–|—|to|through|thru|until|till)\s*"
_BETWEEN_AND = r"\s+and\s+"


def day_of_year(day: int, month: int) -> int | None:
    """1-366 in a leap year, or None for a day that no month has ("31 November")."""
    try:
        return _dt.date(_LEAP, month, day).timetuple().tm_yday
    except ValueError:
        return None


def month_end(month: int) -> int:
    nxt = _dt.date(_LEAP + (month == 12), month % 12 + 1, 1)
    return (nxt - _dt.timedelta(days=1)).day


def _day_month(doy: int) -> tuple[int, int]:
    d = _dt.date(_LEAP, 1, 1) + _dt.timedelta(days=doy - 1)
    return d.day, d.month


def day_label(doy: int) -> str:
    d, m = _day_month(doy)
    return f"{d} {_ABBR[m - 1]}"


@dataclass(frozen=True)
class DayWindow:
    """Recurring days of the year, `start` to `end` inclusive (wrapping past 31 December when
    `end` < `start`); or, when they are None, a window in words (`text`) covering at most
    `most_days` calendar days (None: unknown)."""

    start: int | None = None
    end: int | None = None
    text: str = ""
    most_days: int | None = None

    @property
    def computable(self) -> bool:
        return self.start is not None and self.end is not None

    def days(self) -> frozenset[int]:
        if not self.computable:
            return frozenset()
        s, e = self.start, self.end  # type: ignore[assignment]
        if s <= e:
            return frozenset(range(s, e + 1))
        return frozenset(range(s, _YEAR_DAYS + 1)) | frozenset(range(1, e + 1))

    def label(self) -> str:
        """"15 Oct-10 Nov", "26-31 Dec", "3 Nov"; a window in words is its words."""
        if not self.computable:
            return self.text
        if self.start == self.end:
            return day_label(self.start)  # type: ignore[arg-type]
        (d1, m1), (d2, m2) = _day_month(self.start), _day_month(self.end)  # type: ignore[arg-type]
        if m1 == m2 and d1 <= d2:
            return f"{d1}-{d2} {_ABBR[m1 - 1]}"
        return f"{d1} {_ABBR[m1 - 1]}-{d2} {_ABBR[m2 - 1]}"


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _window(d1: int, m1: int, d2: int, m2: int, y1: str | None = None, y2: str | None = None) -> DayWindow | None:
    s, e = day_of_year(d1, m1), day_of_year(d2, m2)
    if s is None or e is None:
        return None
    if y1 and y2:
        a, b = int(y1), int(y2)
        if b < a or (a == b and e < s):
            return None  # ends before it starts
        if b - a > 1 or (b > a and e >= s):
            return DayWindow(1, _YEAR_DAYS)  # a year or more: every day of the year
    return DayWindow(s, e)


# Each form of a window, as (pattern, how to read its groups). Longest forms first: a range
# before a single day, so "15 October to 10 November" is not read as two days.
_FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (guarded(rf"\bbetween\s+{_DM}{_BETWEEN_AND}{_DM}", re.I), "dm-dm"),
    (guarded(rf"\bbetween\s+{_MD}{_BETWEEN_AND}{_MD}", re.I), "md-md"),
    (guarded(rf"\bbetween\s+{_DAY}{_BETWEEN_AND}{_DM}", re.I), "d-dm"),
    (guarded(rf"\bbetween\s+({_MONTH})\s+{_DAY}{_BETWEEN_AND}{_DAY}\b(?!\s*(?:%|[:.]\d|(?:days?|weeks?|months?|years?|hours?|nights?)\b))", re.I), "m-d-d"),
    (guarded(rf"\bbetween\s+(?:the\s+start\s+of\s+)?({_MONTH})(?:{_BETWEEN_AND}(?:the\s+end\s+of\s+)?)({_MONTH})(?!\s*\d)", re.I), "m-m"),
    (guarded(rf"(?<![\d.,]){_DM}{_TO}{_DM}", re.I), "dm-dm"),
    (guarded(rf"\b{_MD}{_TO}{_MD}", re.I), "md-md"),
    (guarded(rf"(?<![\d.,:]){_DAY}{_TO}(?:the\s+)?{_DM}", re.I), "d-dm"),
    (guarded(rf"\b({_MONTH})\s+{_DAY}{_TO}{_DAY}\b(?!\s*(?:%|[:.]\d|(?:days?|weeks?|months?|years?|hours?|nights?)\b))", re.I), "m-d-d"),
    (guarded(rf"\bfrom\s+(?:the\s+start\s+of\s+)?({_MONTH}){_TO}(?:the\s+end\s+of\s+)?({_MONTH})(?!\s*\d)", re.I), "m-m"),
    (guarded(rf"(?<![\d.,]){_DM}", re.I), "dm"),
    (guarded(rf"\b{_MD}", re.I), "md"),
)


@dataclass(frozen=True)
class DateMention:
    window: DayWindow
    start: int
    end: int
    form: str  # which of `_FORMS` read it ("dm" and "md" are one day)


# Every date names its month: a text without a month word is not scanned form by form.
_ANY_MONTH = re.compile(rf"\b{_MONTH}(?![a-z])", re.I)


def date_mentions(text: str) -> list[DateMention]:
    """Every date or range of dates `text` states, in order, none overlapping another."""
    if not _ANY_MONTH.search(text):
        return []
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern, form in _FORMS:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            w = _read(m, form)
            if w is None:
                continue
            taken.append((m.start(), m.end()))
            out.append(DateMention(w, m.start(), m.end(), form))
    return sorted(out, key=lambda d: d.start)


def _read(m: re.Match[str], form: str) -> DayWindow | None:
    g = m.groups()
    if form == "dm-dm":
        return _window(int(g[0]), _month(g[1]), int(g[3]), _month(g[4]), g[2], g[5])
    if form == "md-md":
        return _window(int(g[1]), _month(g[0]), int(g[4]), _month(g[3]), g[2], g[5])
    if form == "d-dm":
        return _window(int(g[0]), _month(g[2]), int(g[1]), _month(g[2]))
    if form == "m-d-d":
        return _window(int(g[1]), _month(g[0]), int(g[2]), _month(g[0]))
    if form == "m-m":
        m1, m2 = _month(g[0]), _month(g[1])
        return _window(1, m1, month_end(m2), m2)
    if form == "dm":
        return _window(int(g[0]), _month(g[1]), int(g[0]), _month(g[1]))
    if form == "md":
        return _window(int(g[1]), _month(g[0]), int(g[1]), _month(g[0]))
    return None


def whole_month(word: str) -> DayWindow:
    m = _month(word)
    return DayWindow(day_of_year(1, m), day_of_year(month_end(m), m))


# ---------------------------------------------------------------- windows in words
# "the three days before Chinese New Year", "the 48 hours before polls open", "the two weeks
# after the election": a stretch of known length at a place the calendar does not give.
_RELATIVE = guarded(
    r"^(?:the\s+|in\s+the\s+|during\s+the\s+|within\s+the\s+)?(?:last\s+|final\s+|first\s+)?(\d{1,3})\s+(hours?|days?|weeks?)\s+(?:before|after|preceding|following|leading\s+up\s+to|ahead\s+of|prior\s+to)\s+(.+)$",
    re.I,
)


# An occasion a proper name gives, once a year: "Chinese New Year", "Diwali", "the Lunar New
# Year". Only for such a name is a window's length a bound on the days it covers: "the 3 days
# before public holidays", "… before any election", "… before polls open" or "… before Friday"
# come round more than once a year, or at no stated rate.
_OCCASION = re.compile(
    r"^(?:the\s+)?(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Each|Every|Any|All)\b)[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*$"
)


def relative_window(text: str) -> DayWindow:
    """A window in words, with the most calendar days it can cover when its words give a
    length: "the three days before Chinese New Year and Diwali" is two windows of three days
    (at most 6), "the 48 hours before Polling Day" at most 3 days (it may start at any hour);
    "the 48 hours before polls open" has no bound (`_OCCASION`: polls open more than once a year)."""
    words = " ".join(text.split()).strip(" ,;.")
    m = _RELATIVE.match(number_words_as_digits(words))
    most = None
    if m:
        n, unit, event = int(m.group(1)), m.group(2).lower(), m.group(3)
        if unit.startswith("hour"):
            days = math.ceil(n / 24) + 1
        elif unit.startswith("week"):
            days = 7 * n
        else:
            days = n
        events = [e for e in re.split(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", event.strip()) if e]
        if events and all(_OCCASION.match(e) for e in events):
            most = days * len(events)
    return DayWindow(text=words, most_days=most)


def is_relative(text: str) -> bool:
    return _RELATIVE.match(number_words_as_digits(" ".join(text.split()))) is not None


# ---------------------------------------------------------------- sidecar form
def parse_window(text: str) -> DayWindow:
    """One window of a condition string (core/conditions.py `during:`): "15 Oct-10 Nov",
    "26-31 Dec", "3 Nov", "Dec" (the whole month) or words kept as they are."""
    s = " ".join(text.split())
    m = re.match(r"^(\d{1,2})\s*-\s*(\d{1,2})\s+([A-Za-z]{3,9})$", s)
    if m and m.group(3).lower() in MONTHS:
        w = _window(int(m.group(1)), _month(m.group(3)), int(m.group(2)), _month(m.group(3)))
        if w is not None:
            return w
    m = re.match(r"^(\d{1,2})\s+([A-Za-z]{3,9})(?:\s*-\s*(\d{1,2})\s+([A-Za-z]{3,9}))?$", s)
    if m and m.group(2).lower() in MONTHS and (m.group(4) is None or m.group(4).lower() in MONTHS):
        d2, m2 = (m.group(3), m.group(4)) if m.group(4) else (m.group(1), m.group(2))
        w = _window(int(m.group(1)), _month(m.group(2)), int(d2), _month(m2))
        if w is not None:
            return w
    if s.lower() in MONTHS:
        return whole_month(s)
    return relative_window(s)


def window_text(w: DayWindow) -> str:
    """The condition-string form of a window (`parse_window` reads it back)."""
    return w.label().replace(";", ",")


def covered(windows: list[DayWindow]) -> frozenset[int]:
    out: frozenset[int] = frozenset()
    for w in windows:
        out |= w.days()
    return out


def days_label(days: frozenset[int] | set[int]) -> str:
    """Days as runs of consecutive days ("1-21 Aug", "30 Dec-2 Jan"), the wrap included."""
    if not days:
        return ""
    if len(days) == _YEAR_DAYS:
        return "every day of the year"
    ordered = sorted(days)
    runs: list[list[int]] = [[ordered[0], ordered[0]]]
    for d in ordered[1:]:
        if d == runs[-1][1] + 1:
            runs[-1][1] = d
        else:
            runs.append([d, d])
    if len(runs) > 1 and runs[0][0] == 1 and runs[-1][1] == _YEAR_DAYS:
        runs[-1][1] = runs[0][1]
        runs = runs[1:]
    return ", ".join(DayWindow(a, b).label() for a, b in runs)


__all__ = [
    "DateMention", "DayWindow", "MONTHS", "covered", "date_mentions", "day_label", "day_of_year", "days_label",
    "is_relative", "month_end", "parse_window", "relative_window", "whole_month", "window_text",
]  # fmt: skip


# ---------------------------------------------------------------- windows a policy states
# A list of windows: dated ranges and days, whole months, and windows in words, joined by
# commas, "and", "or": "15 October to 10 November, 26 to 31 December, and the three days
# before Chinese New Year and Diwali". A window in words runs to the next comma or the end.
_JOIN = re.compile(r"\s*(?:,\s*|;\s*)?(?:(?:and|or|as well as|plus)\s+)?(?:(?:from|on|in|during|throughout|within)\s+)?(?:the\s+(?:whole\s+)?(?:month\s+of\s+)?(?=" + _MONTH + r"))?", re.I)
_WHOLE_MONTH = re.compile(rf"({_MONTH})(?:\s+\d{{4}})?(?![\w-])(?!\s+\d{{1,2}}\b)", re.I)
_UNTIL = re.compile(rf"(?:until|till|up\s+to|by)\s+(?:{_DM}|{_MD})", re.I)
_WORDS_ITEM = re.compile(r"(?:the\s+|in\s+the\s+)?(?:last\s+|final\s+|first\s+)?\d{1,3}\s+(?:hours?|days?|weeks?)\s+(?:before|after|preceding|following|leading\s+up\s+to|ahead\s+of|prior\s+to)\s+[^,;.()]+", re.I)
# A named stretch of the year whose dates the words do not give: "the official campaign period".
_PERIOD_ITEM = re.compile(r"the\s+(?:[\w'-]+\s+){0,6}?(?:periods?|seasons?)\b(?:\s+(?:set|fixed|announced|published|defined)\s+by\s+[^,;.()]+)?", re.I)
# Where a named period is spelled out: "the traditional selling periods, which are …".
_SPELLED_OUT = re.compile(r"\s*(?:,\s*|\()?\s*(?:which\s+(?:are|is|run|runs)|namely|i\.e\.,?|that\s+is,?|:)\s*", re.I)


def window_list(text: str, pos: int, mentions: list[DateMention] | None = None) -> tuple[list[DayWindow], int]:
    """The windows listed from `pos` on, and where the list ends (`[]` when none starts there)."""
    if mentions is None:
        mentions = date_mentions(text)
    by_start = {d.start: d for d in mentions}
    out: list[DayWindow] = []
    end = pos
    i = pos
    while True:
        j = _JOIN.match(text, i)
        k = j.end() if j else i
        if out and k == i:
            break  # items after the first are joined by a comma, "and" or "or"
        d = by_start.get(k)
        if d is None and (the := re.match(r"the\s+", text[k:], re.I)):
            d = by_start.get(k + the.end())  # "from the 1st to the 21st of August"
        if d is not None:
            out.append(d.window)
            i = end = d.end
            continue
        if (m := _UNTIL.match(text, k)) is not None:
            out.append(DayWindow(text=m.group(0).rstrip("."), most_days=None))
            i = end = m.end()
            continue
        if (m := _WHOLE_MONTH.match(text, k)) is not None:
            out.append(whole_month(m.group(1)))
            i = end = m.end()
            continue
        if (m := _WORDS_ITEM.match(text, k)) is not None:
            words = m.group(0).strip()
            out.append(relative_window(re.sub(r"^in\s+", "", words, flags=re.I)))
            i = end = m.end()
            continue
        break
    return out, end


# "may run only during …", "only from … to …", "only in December", "only between … and …".
_ONLY_WHEN = guarded(
    r"\bonly\s+(?:be\s+)?(?:(?:run|shown|served|displayed|published|aired|broadcast|advertised|promoted|allowed|permitted|accepted)\s+)?"
    r"(?=(?:during|from|between|in|on|within|throughout|until|till)\b)",
    re.I,
)
# "may run between 1 and 14 March", "can be shown from 2 to 5 November": when an ad may run,
# stated as a permission with dates.
_MAY_RUN = guarded(
    r"\b(?:may|can|must)\s+(?:only\s+)?(?:be\s+)?(?:run|shown|served|displayed|published|aired|broadcast|advertised|promoted|appear)\s+"
    r"(?:[a-z]+\s+){0,3}?(?=(?:during|from|between|in|on|throughout)\b)",
    re.I,
)
# "not … in the 48 hours before polls open", "may not run between 1 and 14 March", "no ads
# from 24 to 26 December": when an ad must not run.
_NOT_WHEN = guarded(r"\b(?:not|no|never)\b[^.;:]{0,80}?\s(?=(?:during|in|on|within|between|from|throughout)\s)", re.I)
_EXCEPT = re.compile(r"\b(?:except|other\s+than|outside(?:\s+of)?|apart\s+from)\s+$", re.I)


# What any window a sentence can state holds: a month (capitalised, as policy prose writes
# one), a length of time before or after something, a named period or season. A sentence with
# none of them states no window; checked case-sensitively, as ingest reads every sentence.
_MONTH_CAPS = "|".join(a for m in _ABBR for a in (m, m.upper()))
_ANY_WINDOW = guarded(rf"\b(?:{_MONTH_CAPS})|\b(?:hours?|days?|weeks?)\s+(?:before|after|preceding|following|leading|ahead|prior)\b|\b(?:periods?|seasons?)\b")


@dataclass(frozen=True)
class StatedWindows:
    """Windows a sentence says an ad may run in (`inside`) or must not run in (not `inside`)."""

    windows: tuple[DayWindow, ...]
    inside: bool
    start: int


def stated_windows(text: str) -> list[StatedWindows]:
    """When a sentence lets an ad run, read into windows (see the constructions above): only
    windows that the words tie to running the ad, never a date in passing ("effective 1 May
    2025", "Since 10 October 2025, … are no longer accepted")."""
    if not _ANY_WINDOW.search(text):
        return []
    flat = number_words_as_digits(" ".join(text.split()))
    mentions = date_mentions(flat)
    out: list[StatedWindows] = []
    seen: set[int] = set()
    ends: set[int] = set()

    def add(pos: int, inside: bool, dated: bool) -> None:
        if pos in seen:
            return
        flip = _EXCEPT.search(flat[max(0, pos - 20) : pos])
        windows, end = window_list(flat, pos, mentions)
        if not windows:
            # "only during the traditional selling periods, which are …" / "only during the
            # official campaign period set by …"
            k = _JOIN.match(flat, pos)
            k = k.end() if k else pos
            if (m := _PERIOD_ITEM.match(flat, k)) is not None:
                spelled = _SPELLED_OUT.match(flat, m.end())
                if spelled is not None:
                    windows, end = window_list(flat, spelled.end(), mentions)
                if not windows:
                    windows = [DayWindow(text=m.group(0).strip())]
        if not windows or (dated and not any(w.computable for w in windows)) or end in ends:
            return  # none, or the list another construction has read ("may run from … to … only")
        seen.add(pos)
        ends.add(end)
        out.append(StatedWindows(tuple(windows), inside != bool(flip), pos))

    for m in _ONLY_WHEN.finditer(flat):
        add(m.end(), True, False)
    for m in _MAY_RUN.finditer(flat):
        if re.search(r"\b(?:not|no|never)\b|n't\b", m.group(0) + " " + _clause_before(flat, m.start()), re.I):
            continue  # "No gambling ads may be shown from …": a window the ad must not run in
        add(m.end(), True, True)
    for d in mentions:  # "may run from 2 to 5 November only"
        if re.match(r"\s+only\b", flat[d.end :]) and re.search(r"\b(?:run|shown|served|displayed|published|aired|advertised|promoted)\s+(?:from\s+|between\s+|on\s+|in\s+|during\s+)?$", flat[: d.start], re.I):
            add(d.start, True, True)
    for m in _NOT_WHEN.finditer(flat):
        if re.search(r"\bonly\b", m.group(0), re.I):
            continue
        add(m.end(), False, False)
    return sorted(out, key=lambda s: s.start)


__all__ += ["StatedWindows", "stated_windows", "window_list"]


# ---------------------------------------------------------------- when a case runs
# Words that say the dates are the ad's own run, for a single day or a month ("we launch on 3
# November", "ads in December"); a range of dates, or "throughout December", is a run by itself.
_RUN_WORD = re.compile(
    r"\b(?:run|runs|running|ran|launch|launches|launching|live|air|airs|airing|post|posting|publish|publishing|campaign|campaigns|push|flight|ad|ads|advert|adverts|promote|promoting|promotion|boost|boosting|advertise|advertising|show|shown)\b",
    re.I,
)
_ON_BEFORE = re.compile(r"\bon\s+(?:the\s+)?$", re.I)
# A run given by its first day and its length: "for 2 weeks from 1 December", "starting 1
# December for 10 days" (number words are digits by then).
_LENGTH_BEFORE = re.compile(r"\bfor\s+(\d{1,3})\s+(days?|weeks?)\s+(?:from|starting(?:\s+on|\s+from)?|beginning(?:\s+on)?)\s+(?:the\s+)?$", re.I)
_START_BEFORE = re.compile(r"\b(?:from|starting(?:\s+on|\s+from)?|beginning(?:\s+on)?)\s+(?:the\s+)?$", re.I)
_LENGTH_AFTER = re.compile(r"\s*,?\s+for\s+(\d{1,3})\s+(days?|weeks?)\b", re.I)
_IN_BEFORE = re.compile(r"\b(?:in|for)\s+$", re.I)
_ALL_MONTH = re.compile(rf"\b(?:throughout|during|all\s+of|all\s+through|for\s+all\s+of|the\s+whole\s+of|for\s+the\s+whole\s+of|across)\s+(?:the\s+month\s+of\s+)?({_MONTH})(?:\s+\d{{4}})?(?![\w-])(?!\s+\d{{1,2}}\b)", re.I)
_IN_MONTH = re.compile(rf"\b(?:in|for)\s+(?:the\s+month\s+of\s+)?({_MONTH})(?:\s+\d{{4}})?(?![\w-])(?!\s+\d{{1,2}}\b)", re.I)


def _clause_before(text: str, at: int) -> str:
    head = text[:at]
    cut = max(head.rfind(c) for c in ",;.!?\n")
    return head[cut + 1 :]


def read_runs(question: str) -> list[DayWindow]:
    """The days a case says its ad runs: "Campaign runs 20 Oct to 5 Nov", "a summer push from
    1 to 21 August", "we launch on 3 November", "throughout December". A single day or "in
    <month>" counts only when the words before it in its clause name the running ("ads",
    "launch", "campaign"): "the licence expired in January" is no run."""
    text = number_words_as_digits(" ".join(question.split()))
    out: list[DayWindow] = []
    taken: list[tuple[int, int]] = []
    for d in date_mentions(text):
        if d.form in ("dm", "md"):
            # "for two weeks from 1 December", "starting 1 December for 3 weeks": a first day and a length
            before = _LENGTH_BEFORE.search(text[: d.start])
            after = _LENGTH_AFTER.match(text, d.end) if _START_BEFORE.search(text[: d.start]) else None
            length = before or after
            if length is not None:
                n = int(length.group(1)) * (7 if length.group(2).lower().startswith("week") else 1)
                if 1 <= n <= _YEAR_DAYS and d.window.start is not None:
                    last = (d.window.start + n - 2) % _YEAR_DAYS + 1
                    out.append(DayWindow(d.window.start, last) if n < _YEAR_DAYS else DayWindow(1, _YEAR_DAYS))
                    taken.append((min(d.start, length.start()), max(d.end, length.end())))
                    continue
            if not (_ON_BEFORE.search(text[: d.start]) and _RUN_WORD.search(_clause_before(text, d.start))):
                continue
        out.append(d.window)
        taken.append((d.start, d.end))
    for pattern, needs_word in ((_ALL_MONTH, False), (_IN_MONTH, True)):
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            if needs_word and not _RUN_WORD.search(_clause_before(text, m.start())):
                continue
            out.append(whole_month(m.group(1)))
            taken.append((m.start(), m.end()))
    return out


__all__ += ["read_runs"]


# ---------------------------------------------------------------- a run against windows
@dataclass(frozen=True)
class WindowCheck:
    result: str  # met | unmet | unknown
    fact: str


def check_windows(inside: bool, windows: list[DayWindow], runs: list[DayWindow]) -> WindowCheck:
    """A case's run against a rule's windows. `inside` (the ad may run only in them): met when
    every day of the run falls in a dated window; unmet when some day falls outside them all and
    no window in words can hold it (none is stated, or the days outside are more than such
    windows can cover); otherwise unknown. Not `inside` (the ad must not run in them): unmet
    when a day falls in a dated window; met when none does and no window in words is stated
    (one in words may fall on any day). No run stated: unknown."""
    if not runs:
        return WindowCheck("unknown", "")
    days = covered(runs)
    run = "runs " + days_label(days)
    placed = [w for w in windows if w.computable]
    words = [w for w in windows if not w.computable]
    dated = covered(placed)
    placed_text = ", ".join(w.label() for w in placed)
    words_text = "; ".join(w.text for w in words)
    if inside:
        outside = days - dated
        if not outside:
            return WindowCheck("met", f"{run}, within {placed_text}")
        part = run if outside == days else f"{run}: {days_label(outside)}"
        where = f"outside {placed_text}" if placed else "on no dated day"
        if not words:
            return WindowCheck("unmet", f"{part}, {where}")
        most = [w.most_days for w in words]
        # An occasion comes round once a year, so within a run of under half a year it covers
        # its days once: more days outside than all of them together is a day outside every window.
        if len(days) <= _HALF_YEAR and all(n is not None for n in most) and len(outside) > sum(most):  # type: ignore[arg-type]
            # "1-21 Aug" is 21 days; "the three days before Chinese New Year and Diwali" cover 6 at most
            return WindowCheck("unmet", f"{part}, {where} ({len(outside)} days; {words_text}: {sum(most)} at most)")  # type: ignore[arg-type]
        return WindowCheck("unknown", f"{part}, {where}, unless within {words_text}")
    hit = days & dated
    if hit:
        return WindowCheck("unmet", f"{run}, within {days_label(hit)}")
    if words:
        return WindowCheck("unknown", f"{run}, outside {placed_text or 'any dated window'}, unless within {words_text}")
    return WindowCheck("met", f"{run}, outside {placed_text}")


__all__ += ["WindowCheck", "check_windows"]
