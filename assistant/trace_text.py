"""How an executed rule's trace writes what it read: a number, a stated rate, a long quotation.

Why a module: the condition check (assistant/condition_check.py), the binding tests
(assistant/rule_binds.py), the scope reasons (assistant/scope_reason.py) and the outcome of a
prohibition (assistant/prohibition_outcome.py) all quote the case's numbers and the rule's words back in their reasons; one writer keeps
those reasons in one form.
"""

from __future__ import annotations

from policydesk.core.casefacts import Quantity
from policydesk.core.conditions import known_unit


def amount(v: float) -> str:
    """A number for a trace: "1,300", "2.5", "333.3"."""
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.4g}" if abs(v) < 1000 else f"{v:,.1f}"


def rate_text(q: Quantity) -> str:
    """A stated number with the rate its unit carries: "5,200 kWh" + " per year"."""
    unit = q.unit or ""
    if " per " not in unit or unit == "per cent" or " per " in q.text:
        return q.text
    dens = unit.split(" per ")[1:]
    return q.text + "".join(f" per {_plural(d)}" for d in dens)


_TIME_WORDS = frozenset({"second", "minute", "hour", "day", "week", "month", "year"})


def _plural(den: str) -> str:
    """ "2 week" -> "2 weeks": a rate's denominator with a count, as a trace writes it."""
    count, _, word = den.rpartition(" ")
    if not count or count == "1" or not word.isalpha() or word.endswith("s") or (known_unit(word) and word not in _TIME_WORDS):
        return den  # "100 ml" is no count of things
    return f"{den}s"


def short_text(text: str, words: int = 12) -> str:
    """The first `words` words of a long text, "…" marking the cut: a quoted clause in a reason."""
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")
