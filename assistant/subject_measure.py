"""Executing the measure in a rule's subject as a condition of the rule's scope.

Why: "Any blade longer than 30 cm: 18+ targeting", "OK: non-locking folding knives with a
blade of 7.62 cm (3 inches) or less", "ex-demonstrators with fewer than 1,000 miles on the
odometer may be described as "nearly new"": the measure says which things the rule governs
(core/subject_measure.py reads it). Left unexecuted, a rule ran on every case naming a word of
its subject, whatever size the case states: a 9 cm paring knife met "any blade longer than 30
cm", an 18,000-mile car the "nearly new" allowance for cars under 1,000 miles. Executed:

- the case states a number of the measure's dimension outside it (every such number, or every
  one describing what the measure measures when there are several): the rule is set aside,
  traced as such. Like an untriggered requirement it says nothing of whether the case's subject
  is the policy's (assistant/scope_gate.py): the case is the kind of thing, not of that size.
  When the subject joins alternatives by "or" and the measure qualifies only some, the rule is
  set aside only if the case names none of the others whole ("Locking blades, or any folding
  blade longer than 7.62 cm" and a non-locking 2.75-inch knife);
- it states one inside it: the rule governs the case (traced);
- it states none: whether the rule governs the case is unknown, so a verdict the rule would give
  outright (approve or reject) becomes restrict, the measure listed as what must hold.

Numbers convert only within a dimension (core/conditions.py `compare_limit`: cm with inches,
miles with km, never cm with kg); a comparison the units cannot settle changes nothing. A
measure the rule's conditions already execute (a prohibition's "rates above 36%", a
permission's gate "products with at least 75 mg per serving") is left to them when they are a
prohibition's (the same scope read the other way round); another rule's condition on it read
as a requirement ("OK: saws with a blade of 30 cm or less" as max:30 cm, unmet: reject) is
overridden for a case outside the measure, which the rule does not govern. Only rules read
from prose: a writer's declared rule states its own conditions.

Measured (2026-11-30, session 17, fresh stores, main 9063111 -> this): sample 0.870, dev 0.903,
dev2 0.917, dev3 0.847, dev4 0.639, validation 0.702 all unchanged (unsafe approvals and
validation's confusion too). It fires on the five measured subjects the packs hold (knives
checklist, the cars "nearly new" allowance): car-09's allowance and bd4-33/34/35's folding-knife
items are set aside for their stated lengths, as written. bd4-33 moves from one wrong answer to
another (restrict -> reject): with the >3-inch item set aside, "Must not claim a knife is legal
to carry everywhere" rejects on the ban alone although the case's quoted claim is another one;
reading such a ban as not broken by other stated claims was measured again and dropped
(validation 0.702 -> 0.696, as in session 16). Also dropped: taking a measure's comparison
("longer" of "longer than 30 cm") out of the rule's subject words, which let "Any blade longer
than 30 cm" govern every knife case stating no length (dev4 0.639 -> 0.625: a butterfly-knife
trainer answered restrict).
"""

from __future__ import annotations

from collections.abc import Callable

from policydesk.core.casefacts import CaseFacts, Quantity
from policydesk.core.conditions import compare_limit, same_dimension
from policydesk.core.condition_reading import TriggerLimit
from policydesk.core.measures import limit_measure
from policydesk.core.subject_measure import SubjectMeasure, subject_measure
from policydesk.core.terms import GENERIC, terms
from policydesk.core.types import ConditionCheck, Rule


def _executed(rule: Rule, lim: TriggerLimit) -> bool:
    """Does a max/min condition of the rule already compare the same number?"""
    from policydesk.core.conditions import parse_condition

    for c in rule.conditions:
        try:
            cond = parse_condition(c)
        except Exception:  # noqa: BLE001 - an unreadable condition executes nothing
            continue
        if cond.kind in ("max", "min") and cond.value == lim.value and (cond.unit == lim.unit or same_dimension(cond.unit, lim.unit)):
            return True
    return False


def _stated(lim: TriggerLimit, quote: str, facts: CaseFacts) -> list[Quantity]:
    """The case's numbers the limit compares: of its dimension, those sharing the most words
    with what it measures when there are several (all when none shares one)."""
    same = [q for q in facts.quantities if same_dimension(q.unit, lim.unit)]
    if len(same) > 1 and (measure := limit_measure(quote, lim.value, lim.unit)):
        shared = [len(measure & q.about) for q in same]
        if max(shared):
            same = [q for q, n in zip(same, shared) if n == max(shared)]
    return same


def _status(lim: TriggerLimit, quote: str, facts: CaseFacts) -> tuple[str, list[Quantity]]:
    """inside | outside | unstated | unsettled, and the numbers that said so."""
    same = _stated(lim, quote, facts)
    if not same:
        return "unstated", []
    results = [compare_limit(lim.kind, lim.value, lim.unit, q.value, q.unit) for q in same]
    inside = [q for q, r in zip(same, results) if r is not None and r == lim.holds_when]
    if inside:
        return "inside", inside  # one thing of the case is one the rule governs
    if all(r is not None for r in results):
        return "outside", same
    return "unsettled", []


def _named_whole(alternative: str, names: Callable[[str], bool]) -> bool:
    words = {t for t in terms(alternative) if t not in GENERIC and not t.isdigit()}
    return bool(words) and all(names(t) for t in words)


def measure_scope(rule: Rule, facts: CaseFacts, names: Callable[[str], bool] | None) -> tuple[str, SubjectMeasure, list[Quantity]] | None:
    """(inside | outside | unstated, the subject's measure, the case's numbers) for a rule whose
    subject carries a measure its conditions do not execute, else None. `names(stem)`: does the
    case name a word (for the alternatives the measure does not qualify)."""
    sm = subject_measure(rule.quote)
    if sm is None:
        return None
    # A prohibition's condition on the same number ("curved swords with a blade of more than 50
    # cm are prohibited" read as max:50 cm) is the scope read the other way round: left to it.
    # Another rule's is read as a requirement ("OK: saws with a blade of 30 cm or less" as
    # max:30 cm), which rejected a longer saw the allowance is simply not about: executed here.
    limits = [lim for lim in sm.limits if rule.decision not in ("reject", "escalate") or not _executed(rule, lim)]
    if not limits:
        return None
    statuses = [_status(lim, rule.quote, facts) for lim in limits]
    kinds = {s for s, _ in statuses}
    if "outside" in kinds:
        if sm.others and (names is None or any(_named_whole(o, names) for o in sm.others)):
            return None  # the case may be one of the alternatives the measure does not qualify
        return "outside", sm, [q for s, qs in statuses if s == "outside" for q in qs]
    if kinds == {"inside"}:
        return "inside", sm, [q for _, qs in statuses for q in qs]
    if kinds == {"unstated"} and not sm.others and not all(_executed(rule, lim) for lim in limits):
        return "unstated", sm, []  # (a condition on it is unknown already, and says so)
    return None


def scoped_by_measure(run, facts: CaseFacts, names: Callable[[str], bool] | None):
    """The run of a prose rule (assistant/rule_run.py `RuleRun`) with its subject's measure
    executed (see the module docstring); the run unchanged when the rule has none, or is set
    aside already."""
    if not run.applicable or run.origin != "prose":
        return run
    found = measure_scope(run.rule, facts, names)
    if found is None:
        return run
    status, sm, stated = found
    stated_text = "; ".join(dict.fromkeys(q.text for q in stated))
    if status == "outside":
        run.applicable, run.outcome, run.by_fact, run.checks = False, None, False, []
        run.untriggered = True  # the case is of the kind, not of the size: nothing said of its subject
        run.reason = f"it governs {sm.text}, and the case states {stated_text}"
        return run
    if status == "inside":
        run.reason += f"; the case states {stated_text}, within what it governs ({sm.text})"
        return run
    if run.outcome in ("approve", "reject", "restrict"):
        requirement = "; ".join(lim.text for lim in sm.limits)
        run.checks = [*run.checks, ConditionCheck(kind="other", requirement=f"the case is what it governs ({requirement})", fact=None, result="unknown")]
        if run.outcome != "restrict":
            run.outcome, run.by_fact = "restrict", False
            run.reason += f"; it governs {sm.text}, and the case states no such measure"
    return run


__all__ = ["measure_scope", "scoped_by_measure"]
