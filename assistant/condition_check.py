"""A rule's conditions against the case's facts: each `met`, `unmet` or `unknown`, with the
requirement and the fact in words for the trace.

Why a step of its own (issue 13): a clause's condition (an age floor, a rate cap, a market
list, a credential, a statement the ad must carry) decides most real cases, and what the case
states of it is read the same way whatever the rule's decision; what the run makes of the
results (assistant/execute.py, assistant/prohibition_outcome.py) is a separate step.
`check_condition` executes one parsed condition (core/conditions.py); `rule_checks` executes a
rule's conditions and reads them again with the rule's own sentence: a disclosure the case
quotes or says the ad carries or leaves out, credentials named as alternatives, a credential the
rule says does not count, an exemption the case meets.
"""

from __future__ import annotations

import re

from policydesk.assistant.clause_acronyms import with_spelled
from policydesk.assistant.denied_agent import exemption_met
from policydesk.assistant.excluded_credential import excluded_credential
from policydesk.assistant.market_bodies import Bodies, body_result
from policydesk.core.market_bodies import BODY_CREDENTIALS
from policydesk.assistant.credential_stand_in import CREDENTIAL_KINDS, applied_for, stand_in
from policydesk.assistant.naming import norm_words
from policydesk.assistant.trace_text import amount, rate_text
from policydesk.core.blanket import blanket_carries
from policydesk.core.casefacts import CaseFacts, Quantity
from policydesk.core.claim_bans import claim_denied, opposite_claim
from policydesk.core.claim_match import example_claim, makes_claim
from policydesk.core.condition_reading import claim_ban_trigger, credential_alternatives, requirement_trigger, unit_comparisons
from policydesk.core.counted_limits import counts_of
from policydesk.core.conditions import Condition, ConditionSyntaxError, compare_equivalent, compare_limit, money_unit, parse_condition, per_limit_den, rate_of, same_dimension, trigger_holds, known_unit
from policydesk.core.conduct import duty_status, with_acronyms
from policydesk.core.dates import check_windows
from policydesk.core.disclosure import carried, refused, stated_otherwise, with_following
from policydesk.core.measures import limit_measure, limit_noun, names_noun, states_none
from policydesk.core.restated import denied as denied_in_question
from policydesk.core.restated import stated as stated_in_question
from policydesk.core.terms import stem
from policydesk.core.types import Chunk, ConditionCheck, Rule


DENIES_CLAIM = "the case says the ad does not claim it"
# Credentials a register or body grants: what a per-market list of bodies names.
_BODY_CREDENTIALS = BODY_CREDENTIALS  # core/market_bodies.py


def _trigger(cond: Condition, facts: CaseFacts) -> bool | None:
    """Does the case meet a limit's trigger (core/conditions.py `trigger_holds`): True / False
    when every number it states of the trigger's measure says the same, None when it states
    none or they disagree or cannot be compared; True for a limit without one."""
    if not cond.when or cond.when_value is None:
        return True
    results = {trigger_holds(cond.when, cond.when_value, cond.when_unit, q.value, q.unit)
               for q in facts.quantities if same_dimension(q.unit, cond.when_unit)}
    return results.pop() if len(results) == 1 else None


def check_condition(cond: Condition, facts: CaseFacts, measure: frozenset[str] = frozenset(), noun: str | None = None, example: bool = False) -> ConditionCheck:
    """One condition against the facts; the requirement and the fact in words for the trace.

    `measure`: for a numeric limit, the words describing its number in the policy
    (core/measures.py); the case's numbers that share the most of them are the ones compared.
    `noun`: what the limit is an amount of, when the policy says ("400 mg of caffeine",
    core/measures.py `limit_noun`): a case saying it has none of it keeps a cap on it; a case
    that never names it states no number of it.
    `example`: for a banned claim, that the policy gives it as an example of a kind of claim
    (core/claim_match.py `example_claim`)."""
    req = cond.describe()
    kind = cond.kind
    if kind == "min_age":
        floor = int(cond.value or 0)
        where = f" for {', '.join(c for c in cond.markets if c == facts.market) or ', '.join(cond.markets)}" if cond.markets else ""
        req = f"audience {floor}+{where}"
        if facts.ages is None:
            return ConditionCheck(kind=kind, requirement=req, result="unknown")
        fact = f"audience {facts.ages}"
        return ConditionCheck(kind=kind, requirement=req, fact=fact, result="met" if facts.ages.low >= floor else "unmet")
    if kind == "min_person_age":
        floor = int(cond.value or 0)
        req = f"everyone shown in or making the ad is {floor}+"
        if not facts.person_ages:
            return ConditionCheck(kind=kind, requirement=req, result="unknown")
        youngest = min(facts.person_ages)
        return ConditionCheck(kind=kind, requirement=req, fact=f"a person aged {youngest}", result="met" if youngest >= floor else "unmet")
    if kind in ("max", "min"):
        # Every stated number of the limit's dimension ("6 weeks" for a limit in days) is
        # compared; when they disagree (a range across the limit, or two durations of which
        # the limit may mean either) or a month's length decides, the result stays unknown.
        # A limit per one more thing than a stated number counts ("kWh per year for each kWp")
        # is executed on that number divided by the case's one number of that thing ("5,200
        # kWh a year" from "a 4 kWp system"); read both ways, a number must agree with itself.
        trigger = _trigger(cond, facts)
        if trigger is False:
            # "at least 30 days for courses priced above USD 1,000" and a $600 course: the
            # limit is written for other cases.
            stated = "; ".join(dict.fromkeys(q.text for q in facts.quantities if same_dimension(q.unit, cond.when_unit)))
            return ConditionCheck(kind=kind, requirement=req, fact=f"{stated}, so it does not bind", result="met")
        same = bound_quantities([q for q in facts.quantities if same_dimension(q.unit, cond.unit)], measure)
        if noun and facts.question and not any(noun in q.about for q in same):
            if kind == "max" and (none := states_none(noun, facts.question)):
                # "no caffeine or other stimulants" and "more than 400 mg of caffeine per day"
                return ConditionCheck(kind=kind, requirement=req, fact=f'the case says "{none}"', result="met")
            if not names_noun(noun, facts.question):
                # "5 g daily" of creatine against a cap on caffeine: no number of the thing capped
                return ConditionCheck(kind=kind, requirement=req, result="unknown")
        if not same and cond.unit and not known_unit(cond.unit) and facts.question:
            # A count of things ("at least 100 students"): the case's number of the same noun
            # ("45 students took the exam"), core/counted_limits.py.
            same = [Quantity(value=v, unit=cond.unit, text=t) for v, t in counts_of(cond.unit, facts.question)]
        per = _per_stated(cond, facts, measure)
        if not same and not per:
            return ConditionCheck(kind=kind, requirement=req, result="unknown")
        results = [compare_limit(kind, cond.value or 0, cond.unit, q.value, q.unit) for q in same]
        facts_read = [q.text if (conv := per_limit_den(cond.unit, q.value, q.unit)) is None else f"{rate_text(q)} = {amount(conv[0])} {conv[1]}" for q in same]
        for text, value, unit in per:
            r = compare_limit(kind, cond.value or 0, cond.unit, value, unit)
            results.append(r)
            side = "" if r is None else (", within the limit" if r else f", {'above' if kind == 'max' else 'below'} {amount(cond.value or 0)}")
            facts_read.append(f"{text} = {amount(value)} {unit}{side}")
        fact = "; ".join(dict.fromkeys(facts_read))
        if any(r is None for r in results) or len(set(results)) > 1:
            return ConditionCheck(kind=kind, requirement=req, fact=fact, result="unknown")
        if not results[0] and trigger is None and cond.when:
            # Broken, but the case does not say whether the limit binds it (no number of its
            # trigger's measure): what must hold, not a breach.
            return ConditionCheck(kind=kind, requirement=req, fact=fact, result="unknown")
        return ConditionCheck(kind=kind, requirement=req, fact=fact, result="met" if results[0] else "unmet")
    if kind == "requires":
        held = facts.credentials.get(cond.credential or "")
        if held is None and cond.credential == "age_check":
            held = facts.credentials.get("verification")
        if held is None:
            return ConditionCheck(kind=kind, requirement=req, result="unknown")
        return ConditionCheck(kind=kind, requirement=req, fact=f"{cond.credential}: {'stated' if held else 'denied'}", result="met" if held else "unmet")
    if kind == "only_markets":
        if not facts.market:
            return ConditionCheck(kind=kind, requirement=req, result="unknown")
        inside = facts.market in cond.markets
        return ConditionCheck(kind=kind, requirement=req, fact=f"market {facts.market}", result="met" if inside else "unmet")
    if kind == "only_who":
        # Only a kind the question names as the advertiser meets it, and only a kind it says
        # the advertiser is not breaks it; an advertiser named otherwise stays unknown.
        allowed = {stem(p) for p in cond.parties}
        denied = sorted(p for p, is_it in facts.parties.items() if not is_it and p in allowed)
        if denied:
            return ConditionCheck(kind=kind, requirement=req, fact=f"the advertiser is not: {', '.join(denied)}", result="unmet")
        stated = sorted(p for p, is_it in facts.parties.items() if is_it and p in allowed)
        if stated:
            return ConditionCheck(kind=kind, requirement=req, fact=f"the advertiser is: {', '.join(stated)}", result="met")
        return ConditionCheck(kind=kind, requirement=req, result="unknown")
    if kind in ("during", "not_during"):
        # Every day of the case's run against the windows (core/dates.py `check_windows`): a
        # window in words is never met or broken by itself.
        window = check_windows(kind == "during", cond.day_windows(), facts.runs)
        return ConditionCheck(kind=kind, requirement=req, fact=window.fact or None, result=window.result)  # type: ignore[arg-type]
    if kind == "no_claim":
        for claim in facts.claims:
            if makes_claim(cond.text or "", claim, example=example) and not opposite_claim(cond.text or "", claim):
                # In its words or others of the same meaning (core/claim_match.py); a claim saying
                # the banned words with the opposite polarity ("prescription required" against "no
                # prescription required") is the contrary claim (core/claim_bans.py).
                return ConditionCheck(kind=kind, requirement=req, fact=f'claims "{claim}"', result="unmet")
        if facts.question and (denial := claim_denied(cond.text or "", facts.question)):
            # "…, nothing about it being painless": the case says the ad does not claim it.
            return ConditionCheck(kind=kind, requirement=req, fact=f'{DENIES_CLAIM} ("{denial}")', result="met")
        if not facts.claims:
            return ConditionCheck(kind=kind, requirement=req, result="unknown")
        return ConditionCheck(kind=kind, requirement=req, fact="; ".join(facts.claims), result="met")
    if kind == "other" and cond.text and not cond.text.endswith("…") and stated_in_question(cond.text, with_spelled(with_acronyms(facts.question, cond.text), cond.text)):
        # A requirement in words (a list item: "State the minimum purchase age on the landing
        # page") that the question states in so many words (core/restated.py: every content
        # word, nothing negated); a shortened quotation ("…") is never taken as stated.
        return ConditionCheck(kind=kind, requirement=req, fact="stated in the question", result="met")
    if kind == "other" and cond.text and not cond.text.endswith("…") and (duty := duty_status(cond.text, with_spelled(facts.question, cond.text))):
        # A duty to carry something ("State the minimum purchase age on the landing page") the
        # case says it does, or says it leaves out (core/disclosure.py).
        fact = f"the case states it ({duty.evidence})" if duty.result == "met" else f"the case leaves it out ({duty.evidence})"
        return ConditionCheck(kind=kind, requirement=req, fact=fact, result=duty.result)
    if kind == "other" and cond.text and not cond.text.endswith("…") and (no := denied_in_question(cond.text, facts.question)):
        # A requirement in words the case says does not hold ("the figure comes from a
        # site-specific survey" and "not from a survey of anyone's home"; core/restated.py).
        return ConditionCheck(kind=kind, requirement=req, fact=f'the case says it does not ("not {no}")', result="unmet")
    return ConditionCheck(kind=kind, requirement=req, result="unknown")


# A quotation, also one the sentence splitter cut at its first full stop (no closing mark).
_QUOTED_STATEMENT = re.compile(r"[\"“]([^\"”]{12,200})(?:[\"”]|$)")


# What introduces a statement the ad must carry: its name ("the statement", "this wording:")
# or the verb that puts it in the ad ("must say", "must include").
_REQUIRED_QUOTE = re.compile(
    r"\b(?:statement|wording|words|text|disclaimer|notice|warning|message|line|label|include|includes|carry|carries|display|displays"
    r"|state|states|show|shows|say|says|read|reads)\b[^\"“.;]{0,60}:?\s*$",
    re.I,
)


_EXAMPLE_BEFORE = re.compile(r"\b(?:for example|for instance|e\.g\.|such as|like|including)\s*[:(]?\s*$", re.I)


def quotes_statement(quote: str, facts: CaseFacts) -> str | None:
    """The statement a rule requires the ad to carry, in the rule's own quotation marks ("must
    include the statement "Free debt advice is available …""), when the question carries it word
    for word: then the ad carries the required disclosure. None otherwise."""
    question = norm_words(facts.question)
    trigger = requirement_trigger(quote)
    for m in _QUOTED_STATEMENT.finditer(quote):
        before = quote[: m.start()]
        if not _REQUIRED_QUOTE.search(before) or _EXAMPLE_BEFORE.search(before):
            continue  # a quoted example ("for example "supports digestion"") is no required statement
        if trigger is not None and m.group(0) in trigger[0]:
            # "Ads that say "no win, no fee" … must state the maximum fee": the quoted words are
            # what makes the duty bind (core/condition_reading.py `requirement_trigger`), not what
            # it requires; a case quoting them carries nothing the duty asks for.
            continue
        words = norm_words(m.group(1))
        if len(words.split()) >= 3 and words in question and not _NOT_SHOWN.search(facts.question):
            return m.group(1)
    return None


# What a disclosure requirement asks the ad to carry: the object of its verb ("must show the
# advertiser's FCA firm reference number", "shows this statement in text").
_REQUIRED_OBJECT = re.compile(r"\b(?:include|includes|carry|carries|display|displays|state|states|show|shows|name|names|label|labels)\s+([^,.;:(\"“]{3,80})", re.I)


def shown_as_required(quote: str, facts: CaseFacts) -> str | None:
    """A thing the question says the ad carries (`facts.shown`) whose head noun is what the
    requirement's verb asks for; None otherwise."""
    objects = [set(re.findall(r"[a-z]+", m.group(1).lower())) for m in _REQUIRED_OBJECT.finditer(quote)]
    for thing in facts.shown:
        words = re.findall(r"[a-z]+", thing.lower())
        head = words[-1] if words else ""
        if head and any(head in o or head.rstrip("s") in o for o in objects):
            return thing
    return None


# "the statement is missing", "without the warning", "we don't show it": the question says the
# ad lacks it, so quoting the statement is no sign it is shown.
_NOT_SHOWN = re.compile(
    r"\b(?:missing|without|omit(?:s|ted)?|left out|(?:leave|leaving|leaves) (?:it |them )?out|left off|drop(?:s|ped|ping)?|remov(?:e|es|ed|ing)|skip(?:s|ped|ping)?"
    r"|instead of|not (?:shown|included|displayed)|(?:don't|doesn't|do not|does not|won't) (?:show|include|display|carry))\b",
    re.I,
)


def _either_credential(conds: list[Condition], checks: list[ConditionCheck], groups: tuple[frozenset[str], ...]) -> None:
    """Credentials the rule names as alternatives ("a licence or certification"): one held
    meets them all; else one not yet known leaves a denied one unknown (the other may be held)."""
    for group in groups:
        idx = [i for i, c in enumerate(conds) if c.kind == "requires" and c.credential in group]
        if len(idx) < 2:
            continue
        results = {checks[i].result for i in idx}
        held = next((checks[i] for i in idx if checks[i].result == "met"), None)
        for i in idx:
            if held is not None and checks[i].result != "met":
                checks[i] = ConditionCheck(kind=checks[i].kind, requirement=checks[i].requirement, fact=f"{held.fact} (either suffices)", result="met")
            elif held is None and "unknown" in results and checks[i].result == "unmet":
                checks[i] = ConditionCheck(kind=checks[i].kind, requirement=checks[i].requirement, fact=checks[i].fact, result="unknown")


def _per_stated(cond: Condition, facts: CaseFacts, measure: frozenset[str]) -> list[tuple[str, float, str]]:
    """(trace, value, unit) of each stated number a limit per one more thing than it counts is
    executed on (`core.conditions.rate_of`): divided by the one number the case states of that
    thing. Two numbers of that thing leave it unread (which one the total is over is unsaid)."""
    if not cond.unit or " per " not in cond.unit:
        return []
    out: list[tuple[str, float, str]] = []
    for q in bound_quantities(list(facts.quantities), measure):
        divided = [(d, r) for d in facts.quantities if d is not q and (r := rate_of(q.value, q.unit, d.value, d.unit, cond.unit))]
        if len(divided) == 1:
            d, (value, unit) = divided[0]
            out.append((f"{rate_text(q)} / {d.text}", value, unit))
    return out


def _claim_ban_triggered(quote: str, conds: list[Condition], checks: list[ConditionCheck]) -> None:
    """A claim ban with a trailing trigger ("must not use the claims "healthy" or "no added
    sugar" where the product contains more than 5 g of total sugars per 100 g",
    core/condition_reading.py `claim_ban_trigger`) is broken only by a case inside the trigger
    that makes a banned claim. The clause reader keeps the trigger's number as a limit beside
    the claims (`max:5 g`), which a prohibition reads as "allowed only if both hold"; read as
    written, it is "banned only if both hold":
    - no banned claim made (every claim check met): the number does not bind, met;
    - the case's number outside the trigger (the limit met): the claims are not banned, met;
    - a claim made and the number unknown: whether the ban binds is unknown (not a breach);
    - the number inside and no claim stated: what must hold (unknown), not a breach."""
    trigger = claim_ban_trigger(quote)
    if trigger is None:
        return
    values = {(t.value, t.unit) for t in unit_comparisons(trigger, rates=True)} | {(t.value, t.unit) for t in unit_comparisons(trigger)}
    limits = [i for i, c in enumerate(conds) if c.kind in ("max", "min") and any(c.value == v and same_dimension(c.unit, u) for v, u in values)]
    claims = [i for i, c in enumerate(conds) if c.kind == "no_claim"]
    if not limits or not claims:
        return
    where = f"it binds only where {trigger}"
    if all(checks[i].result == "met" for i in claims):
        for i in limits:
            k = checks[i]
            checks[i] = ConditionCheck(kind=k.kind, requirement=k.requirement, fact=f"{where}, and the ad makes none of the claims it bans", result="met")
        return
    limit_results = {checks[i].result for i in limits}
    if limit_results == {"met"}:
        stated = "; ".join(dict.fromkeys(checks[i].fact or "" for i in limits if checks[i].fact))
        for i in claims:
            k = checks[i]
            if k.result != "met":
                checks[i] = ConditionCheck(kind=k.kind, requirement=k.requirement, fact=f"{where}, and the case states {stated}", result="met")
        return
    if "unknown" in limit_results and any(checks[i].result == "unmet" for i in claims):
        for i in claims:
            k = checks[i]
            if k.result == "unmet":
                checks[i] = ConditionCheck(kind=k.kind, requirement=k.requirement, fact=f"{k.fact}; {where}, which the case does not say", result="unknown")
        return
    if "unmet" in limit_results and not any(checks[i].result == "unmet" for i in claims):
        for i in limits:
            k = checks[i]
            if k.result == "unmet":
                checks[i] = ConditionCheck(kind=k.kind, requirement=k.requirement, fact=f"{k.fact}, so the ban binds; the case states no claim it bans", result="unknown")


# "must not exceed USD 75 or its equivalent in local currency": an amount in another currency
# counts as the limit's own.
_EQUIVALENT = re.compile(r"\bor\s+(?:its|the|an)\s+equivalent\b", re.I)


def _in_equivalent(conds: list[Condition], checks: list[ConditionCheck], facts: CaseFacts, rule: Rule, chunk: Chunk) -> None:
    """A money limit the sentence allows "or its equivalent" in another currency, left unknown
    because the case states its amounts in another currency: compared across currencies when
    every plausible exchange rate agrees (core/conditions.py `compare_equivalent`)."""
    for i, (c, k) in enumerate(zip(conds, checks)):
        if c.kind not in ("max", "min") or k.result != "unknown" or k.fact:
            continue
        if not money_unit(c.unit):
            continue
        money = [q for q in bound_quantities([q for q in facts.quantities if money_unit(q.unit)], rule_measure(c, rule, chunk)) if q.unit != c.unit]
        results = {compare_equivalent(c.kind, c.value or 0, c.unit, q.value, q.unit) for q in money}
        if len(results) == 1 and None not in results:
            fact = "; ".join(f"{q.text}, {'within' if results == {True} else 'beyond'} {amount(c.value or 0)} {c.unit} at any exchange rate" for q in money)
            checks[i] = ConditionCheck(kind=k.kind, requirement=k.requirement, fact=fact, result="met" if results.pop() else "unmet")


def bound_quantities(quantities: list[Quantity], measure: frozenset[str]) -> list[Quantity]:
    """The numbers that measure what the limit measures: those sharing the most describing
    words with it; all of them when none shares a word (the case names it differently)."""
    if not measure or len(quantities) < 2:
        return quantities
    shared = [len(measure & q.about) for q in quantities]
    top = max(shared)
    return [q for q, n in zip(quantities, shared) if n == top] if top else quantities


def rule_measure(cond: Condition, rule: Rule, chunk: Chunk) -> frozenset[str]:
    """What a limit of `rule` measures, read where its number is stated: the rule's own
    sentence, else the clause (a marker rule gathers the limits of every sentence)."""
    if cond.kind not in ("max", "min"):
        return frozenset()
    return limit_measure(rule.quote, cond.value, cond.unit) or limit_measure(chunk.text, cond.value, cond.unit)


def rule_noun(cond: Condition, rule: Rule, chunk: Chunk) -> str | None:
    """What a limit of `rule` is an amount of ("400 mg of caffeine": "caffein"), read where its
    number is stated (core/measures.py `limit_noun`), else None."""
    if cond.kind not in ("max", "min"):
        return None
    return limit_noun(rule.quote, cond.value, cond.unit) or limit_noun(chunk.text, cond.value, cond.unit)


def parsed(conditions: list[str]) -> list[Condition]:
    """Parse a rule's conditions; one a writer mistyped is skipped here (lint reports it)."""
    out: list[Condition] = []
    for c in conditions:
        try:
            out.append(parse_condition(c))
        except ConditionSyntaxError:
            continue
    return out


def _credential_with(conds: list[Condition], checks: list[ConditionCheck], result: str) -> bool:
    """Is a credential requirement (licence, registration, …) of the rule checked as `result`?"""
    return any(c.kind == "requires" and c.credential in CREDENTIAL_KINDS and k.result == result for c, k in zip(conds, checks))


def _credentials_failed(conds: list[Condition], checks: list[ConditionCheck], result: str, fact: str) -> list[ConditionCheck]:
    """`checks` with each credential requirement checked as `result` failed by `fact`: what the
    case says it holds in place of the credential (assistant/credential_stand_in.py)."""
    return [
        ConditionCheck(kind=k.kind, requirement=k.requirement, fact=fact, result="unmet")
        if c.kind == "requires" and c.credential in CREDENTIAL_KINDS and k.result == result else k
        for c, k in zip(conds, checks)
    ]


def rule_checks(rule: Rule, chunk: Chunk, conds: list[Condition], facts: CaseFacts) -> list[ConditionCheck]:
    """Each of `conds` (the rule's conditions that bind the case's market) against the facts, as
    the rule's own sentence reads them: a disclosure the case quotes or says the ad carries
    (met) or leaves out (unmet); credentials the sentence names as alternatives (one held meets
    them all); a credential the sentence says does not count (unmet); a credential an exemption
    of an allowance frees the case from (met). A numeric limit is compared with the case's
    numbers that describe what it measures (`rule_measure`) when the case states several."""
    checks = [check_condition(c, facts, rule_measure(c, rule, chunk) if len(facts.quantities) > 1 else frozenset(), rule_noun(c, rule, chunk),
                              example=c.kind == "no_claim" and example_claim(c.text or "", rule.quote)) for c in conds]
    for i, (c, k) in enumerate(zip(conds, checks)):
        if c.kind == "requires" and c.credential == "disclosure" and k.result == "unknown":
            said = quotes_statement(rule.quote, facts)
            said = f'"{said}"' if said else shown_as_required(rule.quote, facts)
            # an acronym of the case the clause spells out ("FRN": "firm reference number")
            spelled = with_spelled(facts.question, rule.quote)
            # "the ad states both of the following:" with the list on the passage's next lines
            duty = with_following(rule.quote, chunk.text)
            if not said and (found := carried(duty, spelled)):
                said = f'what it is required to carry ("{found}")'
            if said:
                checks[i] = ConditionCheck(kind=k.kind, requirement=k.requirement, fact=f"the ad carries {said}", result="met")
            elif left_out := (refused(duty, spelled) or stated_otherwise(duty, spelled)):
                # the case says the ad leaves out what the clause requires it to carry
                checks[i] = ConditionCheck(kind=k.kind, requirement=k.requirement, fact=f'the ad leaves it out ("{left_out}")', result="unmet")
            elif blanket := blanket_carries(rule.quote, facts.question):
                # "risk/consultation wording all in", "all required disclosures included": the
                # case says the ad carries everything required of it (core/blanket.py)
                checks[i] = ConditionCheck(kind=k.kind, requirement=k.requirement, fact=f'the case says the ad carries all of it ("{blanket}")', result="met")
    if _EQUIVALENT.search(rule.quote):
        _in_equivalent(conds, checks, facts, rule, chunk)
    _either_credential(conds, checks, credential_alternatives(rule.quote))
    _claim_ban_triggered(rule.quote, conds, checks)
    if any(c.kind == "requires" and k.result == "met" for c, k in zip(conds, checks)) and (
            excluded := excluded_credential(rule.quote, facts.question)):
        # "beauticians who hold only a training-course certificate may not advertise …" and the
        # case's credential is that certificate: it meets no requirement of the rule
        # (assistant/excluded_credential.py).
        checks = [
            ConditionCheck(kind=k.kind, requirement=k.requirement, fact=f"the case holds only {excluded}, which the rule says does not count", result="unmet")
            if c.kind == "requires" and k.result == "met" else k
            for c, k in zip(conds, checks)
        ]
    if any(c.kind == "requires" and c.credential in _BODY_CREDENTIALS for c in conds) and (
            named := body_result(Bodies(rule.bodies, rule.bodies_lead), facts.market, facts.question)):
        # "registered in the market the ad targets, as follows: GB … US …", a market table's
        # row naming the licensing body, read at ingest into `rule.bodies`: the case names its
        # market's row (met; "A or B" by either) or only another market's, or an application
        # still pending (unmet) (assistant/market_bodies.py). Every credential kind the rule
        # reads from the union of the rows is the row's one requirement, so all follow it; the
        # case denying it (lapsed, revoked) fails them all.
        result, fact = named
        denied = next((k for c, k in zip(conds, checks) if c.kind == "requires" and c.credential in _BODY_CREDENTIALS and k.result == "unmet"), None)
        if denied is not None:
            # "our … licence has lapsed": the row names one credential, which the case denies
            result, fact = "unmet", denied.fact
        checks = [
            ConditionCheck(kind=k.kind, requirement=k.requirement, fact=fact, result=result)
            if c.kind == "requires" and c.credential in _BODY_CREDENTIALS and k.result != "unmet" else k
            for c, k in zip(conds, checks)
        ]
    if _credential_with(conds, checks, "met") and (pending := applied_for(facts.question)):
        # "we've applied for IAA registration": the credential is named only as what the case
        # applied for, so the reader's "registration: stated" is no credential held.
        checks = _credentials_failed(conds, checks, "met", f'the case has only applied ("{pending}")')
    if _credential_with(conds, checks, "unknown") and (instead := stand_in(facts.question)):
        # "We've applied to the FCA and are waiting for a decision", "our own in-house lab":
        # the case states what it holds instead of the credential, which is no credential
        # (assistant/credential_stand_in.py).
        checks = _credentials_failed(conds, checks, "unknown", f'the case holds no such credential ("{instead}")')
    if rule.decision == "approve" and any(c.kind == "requires" and k.result == "unknown" for c, k in zip(conds, checks)) \
            and (exempt := exemption_met(rule.quote, facts.question)):
        # "Manufacturers … that do not install products themselves are not required to hold
        # installer certification" and "we make batteries but don't install them": the case is
        # one the exemption frees from the duty, so the credential is met by the exemption
        # itself (assistant/denied_agent.py); a case silent about installing still needs it.
        checks = [
            ConditionCheck(kind=k.kind, requirement=k.requirement, fact=f'the exemption is for the case ("{exempt}")', result="met")
            if c.kind == "requires" and k.result == "unknown" else k
            for c, k in zip(conds, checks)
        ]
    return checks
