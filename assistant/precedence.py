"""Precedence: the one verdict of the rules that apply to a case, and the line that explains it.

Why a step of its own: executing a rule (assistant/execute.py) says what that rule alone makes
of the case; which of several executed rules decides is a separate question the policy answers
by its structure, not by any one clause. The order, best first:

- a fact that breaks a stated condition, over everything;
- an exception over the rule it narrows (linked by `overrides`, or stated as one:
  `stated_exceptions`);
- a rule written for the case's market over a general one;
- a declared prohibition over what follows;
- a rule whose own subject the case names (more of it) over one written for the whole policy;
- otherwise the stricter; ties go to the clause that matches the question best.

An approval so ranked first still gives way to a rule on what the ad says whose subject the
ad's stated words name and whose condition on the claim is unknown (`open_claim_rule`): meeting
a credential rule says nothing of a claim's basis.

Before ranking, `decide` sets aside rules that give way: a general bound replaced by one of the
same kind written for the case's subject (`_given_way`), a rule about another thing than the one
the case advertises (`another_thing`), and exceptions with nothing to lift for this case
(`moot_exceptions`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policydesk.assistant.rule_run import STRICTNESS, RuleRun
from policydesk.assistant.scope_reason import clause_subject_words
from policydesk.core.clause_logic import lifted_threshold
from policydesk.core.conditions import ConditionSyntaxError, number_text, parse_condition
from policydesk.core.exception_reading import EXCEPTION_HEADING, EXCEPTION_LEAD, excepted_number, states_override
from policydesk.core.reading import POINTER
from policydesk.core.terms import stem, terms
from policydesk.core.types import Decision, Rule


@dataclass
class Verdict:
    decision: Decision
    deciding: RuleRun | None
    runs: list[RuleRun]
    reason: str
    source: str  # declared | inferred


def _priority(run: RuleRun, exceptions: frozenset[int] = frozenset()) -> tuple:
    """Sort key, best first (see module doc for the order); `exceptions`: the ids of the runs
    that are exceptions to another live rule though not linked to it (`stated_exceptions`)."""
    return (
        run.outcome == "reject" and run.by_fact,
        run.rule.overrides is not None or id(run) in exceptions,
        run.specific,
        # A declared prohibition is narrowed only by an executed condition or an exception
        # (above), never by another clause sharing more of the question's words: "a vodka ad
        # showing drinking while driving" shares "drinking" and "drink-driving" with the
        # responsible-drinking allowance, and ALC-6's declared reject must still decide.
        run.outcome == "reject" and run.declared,
        _subject_rank(run),
        STRICTNESS.get(run.outcome or "approve", 0),
        -run.clause_rank,
        run.origin == "marker",
        round(run.match, 2),
    )




def _stated_as_exception(run: RuleRun) -> bool:
    """Does the policy call the run's rule an exception: its clause is headed "Exceptions", its
    sentence opens "Exception:", or says it overrides a prohibition ("…, even though this would
    otherwise be a prohibited disease claim", core/exception_reading.py)?"""
    heading = run.chunk.section.split(" > ")[-1] if run.chunk.section else ""
    return bool(EXCEPTION_HEADING.search(heading) or EXCEPTION_LEAD.match(run.rule.quote) or states_override(run.rule.quote))


_NUMBERED = re.compile(r"^\s*(\d+(?:\.\d+)*)\b")


def _pointed_to(run: RuleRun, live: list[RuleRun]) -> RuleRun | None:
    """The prohibition of the same policy that points to the run's numbered sentence as its
    exception: "except as provided in 3.2" (core/reading.py `POINTER`) and "3.2 Ads for X are
    permitted only …"; None when none does."""
    named = excepted_number(run.rule.quote)
    if named is not None:
        # "6.2 Exception to 6.1: …": the label names the clause it excepts.
        for o in live:
            number = _NUMBERED.match(o.rule.quote)
            if (o is not run and o.rule.decision == "reject" and o.chunk.source == run.chunk.source and number
                    and (number.group(1) == named or number.group(1).startswith(named + "."))):
                return o
    own = _NUMBERED.match(run.rule.quote)
    if own is None:
        return None
    for o in live:
        if o is run or o.rule.decision != "reject" or o.chunk.source != run.chunk.source:
            continue
        at = o.chunk.text.find(o.rule.quote)
        pointer = POINTER.match(o.chunk.text, at + len(o.rule.quote)) if at >= 0 else None
        if pointer and (own.group(1) == pointer.group(1) or own.group(1).startswith(pointer.group(1) + ".")):
            return o
    return None


def _lifted_by_pointer(runs: list[RuleRun]) -> dict[int, RuleRun]:
    """The prohibitions an exception the policy links to them by number lifts for this case:
    "5.1 Ads must not promote X above 1.3 J, except as set out in 5.2" / "5.2 Exception to 5.1:
    Y may be advertised with up to 2.5 J", and a case meeting every condition of 5.2 (a Y of 2.3
    J) that names what the exception is for. The exception is the rule for the cases it covers,
    as one linked by `overrides` is; a case breaking its own bound (2.8 J) breaks the exception (its
    outcome is then no approval), and one it leaves unknown still ranks it as an exception
    (`stated_exceptions`). Keyed by the id of the exception's run (which then ranks as an
    exception), the prohibition it lifts."""
    applied = [r for r in runs if r.applicable and r.outcome]
    out: dict[int, RuleRun] = {}
    for run in applied:
        if run.rule.decision == "reject" or run.outcome != "approve" or not run.by_fact:
            continue
        if not [k for k in run.checks if k.kind != "targeting" and k.result == "met"]:
            continue
        parent = _pointed_to(run, applied)
        if parent is None or parent.outcome != "reject":
            continue
        # The case must be one of the things the exception is for: it names a word of the
        # exception's subject the prohibition's does not ("single-shot" guns among airsoft guns);
        # a case naming only what both share is what the prohibition governs.
        if {stem(w) for w in run.named} - {stem(w) for w in parent.named} - {stem(w) for w in parent.rule.scope}:
            out[id(run)] = parent
    return out


def stated_exceptions(live: list[RuleRun]) -> frozenset[int]:
    """Runs that are exceptions by the policy's own statement, to a prohibition of the same
    policy that also applies: a rule that allows (outright or under conditions) in a clause the
    policy heads "Exceptions", or a sentence opening "Exception:", about something the
    prohibition names too ("We don't allow … rifles" / "Exceptions: licensed dealers may
    advertise rifles … to users 21+"), or a numbered sentence the prohibition points to ("…,
    except as provided in 3.2"). The policy says which one wins; strictness does not."""
    out: set[int] = set()
    most = max((r.subject for r in live), default=0)
    for run in live:
        # A rule naming more of what the case is about is the more specific one (a "gun
        # safes" allowance beside an "air guns" exception to a ban on guns).
        if run.rule.decision == "reject":
            continue
        pointer = _pointed_to(run, live)
        if pointer is not None and pointer.named and any(k.result != "unknown" for k in run.checks):
            # "Ads must not offer … incentives for signing, except as set out in 7.2" and a case
            # the ban names: the policy itself says 7.2 is the exception to it, in words of its own
            # ("a sign-up incentive worth no more than £250") the case need not share with it,
            # once the case states a fact the exception's conditions decide on ("£100").
            out.add(id(run))
            continue
        if not run.named:
            continue
        # A sentence the prohibition itself points to is its exception whatever else applies;
        # one the policy only heads or opens as an exception must name the most of the case.
        if not (pointer is not None or (run.subject >= most and _stated_as_exception(run))):
            continue
        own = {stem(w) for w in run.named}
        if any(o is not run and o.rule.decision == "reject" and o.chunk.source == run.chunk.source
               and own & {stem(w) for w in o.named} for o in live):
            out.add(id(run))
    return frozenset(out)


def silent_threshold(run: RuleRun) -> bool:
    """A prose prohibition left `restrict` only because the case states none of its thresholds,
    written for no subject the case names."""
    return (
        run.origin == "prose" and run.rule.decision == "reject" and run.outcome == "restrict" and not run.by_fact
        and not run.subject and all(c.result == "unknown" for c in run.checks)
    )


def another_subject(run: RuleRun) -> bool:
    """A requirement left unknown by a rule written for a subject the case does not name: a
    declared clause on personal loans ("must disclose the APR …") beside a bank's money
    transfer service. The clause states what it governs, and it is not what the case is
    about; a requirement that names no subject (one for every advertiser) is not this."""
    if run.outcome != "restrict" or run.by_fact or run.named:
        return False
    scope = run.rule.scope or (clause_subject_words(run.chunk) if run.origin == "marker" else [])
    title = terms(run.chunk.title)
    return any(stem(w) not in title for w in scope)


def _subject_rank(run: RuleRun) -> int:
    """A rule written for the case's subject over a more general one, where they conflict: an
    outright allowance for what the case is about ("quit programmes are permitted without
    restriction") displaces a requirement written for the whole policy or another subject.
    An allowance under conditions does not: meeting its conditions says nothing of the other
    requirements, which still apply alongside it (and an approval still waiting on a condition
    the case does not state is no allowance at all)."""
    if run.outcome == "approve" and [c for c in run.checks if c.kind != "targeting"]:
        return 0
    if run.outcome == "restrict" and run.trigger_named:
        # A requirement bound by a trigger the case has ("If the app offers a free trial, the
        # ad must say when it ends" and "a 7 day free trial") is written for what the trigger
        # names: an allowance of the product does not displace it.
        return max(run.subject, len(run.trigger_named))
    return run.subject


def another_thing(run: RuleRun, live: list[RuleRun]) -> bool:
    """A prohibition about another thing than the case's, beside an outright permission of the
    same policy that names the case's thing whole (issue 13): "Crypto exchange ads are
    prohibited in Singapore" and "Ads for hardware wallets are permitted in all markets" for a
    hardware wallet ad in Singapore. The case may mention the banned thing ("given the exchange
    ban there"); what it advertises is the permitted one."""
    if run.outcome != "reject" or run.by_fact or run.thing is not False:
        return False
    return any(
        o is not run and o.thing is True and o.rule.decision == "approve" and o.outcome == "approve"
        and not [c for c in o.checks if c.kind != "targeting"] and o.chunk.source == run.chunk.source
        for o in live
    )


def _given_way(run: RuleRun, live: list[RuleRun]) -> bool:
    """A general bound that a bound of the same kind written for the case's subject replaces
    (lex specialis, as a per-market floor replaces the general one): "Target only people aged
    18 or older. Novelty items such as sparklers … may target people aged 16 or older." For a
    sparkler ad the 16+ floor is the floor; the 18+ one is for everything else. A rule gives
    way only to one of the same policy that allows (outright or under conditions) and is more
    specific for the case: it names at least as much of what the case is about, and something
    the general one does not (a rule naming no subject, or only who the list is for, gives way
    to one naming the product); and only when every condition it breaks is of a kind that rule
    sets and the case meets. A bound written for the case's market ("In the United States, the
    minimum age for these ads is 21") is itself the narrower one: it gives way only to a rule
    also written for that market."""
    if run.outcome != "reject" or not run.by_fact or run.rule.decision == "reject":
        return False
    broken = {c.kind for c in run.checks if c.result == "unmet"}
    own = {stem(w) for w in run.named}
    return any(
        o is not run and o.subject >= run.subject and {stem(w) for w in o.named_whole} - own
        and (o.specific or not run.specific)
        and o.rule.decision != "reject" and o.outcome != "reject" and o.chunk.source == run.chunk.source
        and broken <= {c.kind for c in o.checks if c.result == "met"}
        for o in live
    )


def decide(runs: list[RuleRun]) -> Verdict | None:
    """The verdict of the rules that apply, or None when none of them is triggered."""
    lifting = _lifted_by_pointer(runs)
    overridden = {r.rule.overrides for r in runs if r.rule.overrides and r.applicable and r.outcome} | {p.rule.id for p in lifting.values()}
    live = [r for r in runs if r.applicable and r.outcome and r.rule.id not in overridden]
    if not live:
        return None
    if any(r.outcome == "approve" and r.by_fact and r.subject for r in live):
        # The case meets the conditions of a rule written for what it is about; a prose
        # prohibition whose thresholds the case says nothing of, and whose subject it does not
        # name ("rental ads must not ask for a deposit of more than 5 weeks' rent" beside a
        # registered letting agent), is about another aspect and does not outrank it.
        live = [r for r in live if not silent_threshold(r) and not another_subject(r)] or live
    elif any(r.outcome == "approve" and r.subject and (r.declared or r.origin == "marker") and not r.checks for r in live):
        # A clause declaring what the case is about allowed outright ("Ads for … sportswear …
        # are allowed") beside a requirement declared for another subject the case does not
        # name ("Dietary supplements … must display the registration number"): that
        # requirement is not written for the case, whatever market it names.
        live = [r for r in live if not another_subject(r)] or live
    live = [r for r in live if not _given_way(r, live)] or live
    live = [r for r in live if not another_thing(r, live)] or live
    moot = moot_exceptions(live, runs)
    live = [r for r in live if r not in moot]
    if not live:
        return None
    exceptions = stated_exceptions(live) | {id(r) for r in live if id(r) in lifting}
    best = max(live, key=lambda r: _priority(r, exceptions))
    if best.outcome == "approve" and (still := open_claim_rule(live, exceptions)) is not None:
        best = still
    return Verdict(best.outcome or "escalate", best, runs, explain(best), "declared" if best.declared or best.origin == "marker" else "inferred")


# What a rule asks of the claim itself: a number its basis must reach ("based on at least 100
# decided applications"), a condition in words. A credential or a disclosure beside the claim
# is the advertiser's or the ad's, which other rules decide as well.
_CLAIM_BASIS = ("min", "max", "other")


def open_claim_rule(live: list[RuleRun], exceptions: frozenset[int] = frozenset()) -> RuleRun | None:
    """A rule on what the ad says, left open for this case, that an approval does not decide
    past: the ad's stated words name its subject (`RuleRun.claimed`: "'97% success rate'" for
    "an ad may state a success rate only if it is based on at least 100 decided applications")
    and a condition on the claim stays unknown. An approval met on other grounds (the adviser's
    registration, written for the case's market) says nothing of the claim; the ad may run only
    if the claim's conditions hold. None when no such rule applies."""
    open_ = [
        r for r in live
        if r.outcome == "restrict" and not r.by_fact and r.claimed
        and any(k.result == "unknown" and k.kind in _CLAIM_BASIS for k in r.checks)
    ]
    return max(open_, key=lambda r: _priority(r, exceptions)) if open_ else None


def _bounds_named(quote: str, rule: Rule) -> bool:
    """Does `quote` name one of `rule`'s numeric bounds ("The 1 kg per week limit …" for
    `max:1 kg per week`)? The number with the first word of its unit, as policies write it."""
    for text in rule.conditions:
        try:
            c = parse_condition(text)
        except ConditionSyntaxError:
            continue
        if c.kind not in ("max", "min") or c.value is None:
            continue
        number = number_text(c.value)
        unit = (c.unit or "").split()[:1]
        # "20 minutes" is named as "the 20 minute limit": the unit word with or without its plural s.
        tail = r"\s*" + re.escape(unit[0].removesuffix("s")) if unit and unit[0] != "%" else (r"\s*%" if unit else "")
        if re.search(rf"(?<![\d.]){re.escape(number)}{tail}", quote, re.IGNORECASE):
            return True
    return False


def moot_exceptions(live: list[RuleRun], runs: list[RuleRun]) -> list[RuleRun]:
    """Exceptions with nothing to lift for this case, set aside: "The 1 kg per week limit
    doesn't apply to programmes run by a licensed doctor, as long as the ad states …" lifts
    a limit, so its conditions matter only to a case beyond that limit. When the prohibition
    whose bound it names applies to the case and the case is within the bound (the
    prohibition is lifted by fact), the exception's unknown conditions ask nothing of the
    case: without this, a programme promising 0.5 kg a week was "allowed only if run by a
    licensed doctor". Only an exception still waiting on conditions (restrict, none executed)
    is set aside; one the case meets or breaks stays."""
    out = [run for run in live if _nothing_to_lift(run, runs)]
    lifted = [r for r in runs if r.applicable and r.outcome is None and r.by_fact and r.rule.decision == "reject"]
    if not lifted:
        return out
    for run in live:
        if run in out or run.outcome != "restrict" or run.by_fact or run.rule.decision == "reject":
            continue
        if any(p.rule.id == run.rule.overrides and lifted_threshold(run.rule.quote) is not None for p in lifted):
            # "… more than 70% per year unless the figure comes from a survey": the lifting
            # clause of the very prohibition the case stays within ("up to 40%"). Its
            # condition lifts a limit the case does not cross, so it asks nothing of the case.
            out.append(run)
            continue
        if not (_stated_as_exception(run) or _LIFTS.search(run.rule.quote)):
            continue
        if any(p.chunk.source == run.chunk.source and _bounds_named(run.rule.quote, p.rule) for p in lifted):
            out.append(run)
    return out


def _nothing_to_lift(run: RuleRun, runs: list[RuleRun]) -> bool:
    """An exception linked to a claim ban (core/claim_list.py: "Exception: a drone under 250 g
    with no camera may be described as needing no registration") whose ban the case does not
    break: executed for this case and set aside (its words not named) or not triggered (the
    ad's claims are others). A permission to say something lifts that ban only for an ad that
    says it; for any other case it says nothing, and the rules for the rest decide."""
    if run.rule.overrides is None or run.rule.decision == "reject":
        return False
    parent = next((p for p in runs if p.rule.id == run.rule.overrides), None)
    if parent is None or not any(c.startswith("no_claim:") for c in parent.rule.conditions):
        return False
    return not parent.applicable or parent.outcome is None


# "The 1 kg per week limit doesn't apply to …", "the cap does not apply where …".
_LIFTS = re.compile(r"\b(?:limit|cap|ceiling|maximum|minimum|threshold|ban|restriction)s?\b[^.;]{0,40}?\b(?:doesn't|does not|don't|do not|won't|will not|shall not) apply\b", re.IGNORECASE)


def all_lifted(runs: list[RuleRun]) -> RuleRun | None:
    """A prohibition whose conditions the case meets: the case is allowed under it."""
    lifted = [r for r in runs if r.applicable and r.outcome is None and r.by_fact]
    return min(lifted, key=lambda r: r.clause_rank) if lifted else None


def explain(run: RuleRun) -> str:
    """One line naming what decided: "the audience starts at 16, under the 18+ floor for SG"."""
    unmet = [c for c in run.checks if c.result == "unmet"]
    if unmet:
        c = unmet[0]
        if c.kind == "only_markets":
            # "market FR does not meet only in DE, AT" read as a riddle to moderators.
            return f"{c.fact} is not among the only markets allowed ({c.requirement.removeprefix('only in ')})"
        if c.kind in ("during", "not_during") and c.fact:
            return c.fact  # "runs 1-21 Aug, outside 15 Oct-10 Nov, 26-31 Dec": the fact names the windows
        return f"{c.fact} does not meet {c.requirement}"
    if run.outcome == "restrict" and run.unknown:
        # Named requirements read better than quoted wording; the answer's conditions list
        # still carries the clause's own words.
        named = [c for c in run.unknown if c.kind != "other"] or run.unknown
        return "allowed only if " + "; ".join(c.requirement for c in named)
    met = [c for c in run.checks if c.result == "met"]
    if run.outcome in ("approve", None) and met:
        return "the case meets " + "; ".join(f"{c.requirement} ({c.fact})" for c in met)
    where = run.rule.id if not re.search(r"/p\d+$", run.rule.id) else (run.chunk.clause_id or run.chunk.section or run.chunk.source)
    verb = "declares" if run.origin == "marker" or run.declared else "reads as"
    if run.outcome == "approve" and run.named and not run.checks:
        return f"{where} {verb} approve for what the case is about ({', '.join(run.named)})"
    return f"{where} {verb} {run.outcome}"


__all__ = ["Verdict", "all_lifted", "another_subject", "decide", "explain", "moot_exceptions", "open_claim_rule", "silent_threshold", "stated_exceptions"]
