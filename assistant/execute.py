"""Execute one clause rule against case facts: its conditions → the rule's outcome, traced.

Why execution and not wording: a clause's own condition (an age floor, a rate cap, a market
list, a credential) decides most real cases, and the same words ("must", "only") mean
different verdicts for different facts. Each condition is `met`, `unmet` or `unknown`:

- a restrict/approve rule: any unmet → `reject`; any unknown → `restrict` (the unknown ones
  are listed as what must hold); all met → `approve`;
- a reject rule with threshold conditions ("must not target users under 18"): any unmet →
  `reject`; all met → not triggered (the prohibition is about other cases); unknown →
  `restrict` (the ad may run on the side its thresholds allow: they are what must hold);
  a declared prohibition with an unknown condition of another kind stays `reject`;
- a reject rule without conditions → `reject`; one whose head is a practice ("You may not
  charge any fee before …") the case does not state → `restrict` (core/conduct.py).

Which of several executed rules decides is `assistant/precedence.py`.
"""

from __future__ import annotations


from policydesk.assistant.audience_binds import audience_binds
from policydesk.assistant.agent_noun import doer_terms
from policydesk.assistant.unnamed_classifier import unnamed_classifier
from policydesk.assistant.clause_acronyms import clause_spelled_terms, with_spelled
from policydesk.assistant.denied_agent import denied_agent
from policydesk.assistant.rule_run import Origin, RuleRun
from policydesk.assistant.naming import affirmed_terms, names
from policydesk.assistant.trace_text import short_text
from policydesk.assistant.subject_measure import scoped_by_measure
from policydesk.core.claim_bans import bans_only_saying, said_nothing_of
from policydesk.core.casefacts import SUGGESTED, CaseFacts, read_claims
from policydesk.core.clause_logic import lifted_threshold, rule_heads
from policydesk.core.conduct import duty_status, timing_kept, unstated_conduct
from policydesk.core.quotes import quoted
from policydesk.core.condition_reading import permission_subject_conditions
from policydesk.core.definitions import defined_terms
from policydesk.core.exception_reading import EXCEPTION_HEADING, states_override

from policydesk.core.qualifier import Qualifier, read_qualifiers, said_only
from policydesk.assistant.denied_qualifier import denied_narrowing
from policydesk.assistant.doer_only import doer_only
from policydesk.assistant.denied_words import named_only_to_deny
from policydesk.core.restated import requirement_of, stated, stated_absent
from policydesk.core.terms import GENERIC, same_meaning, stem, terms
from policydesk.core.types import Chunk, ConditionCheck, Decision, Rule
from policydesk.assistant.condition_check import DENIES_CLAIM, parsed, rule_checks
from policydesk.assistant.rule_markets import local_conditions, market_reason
from policydesk.assistant.rule_binds import antecedent_binds, copy_binds, measure_binds, states_measure, topic_only_limit
from policydesk.assistant.rule_trigger import denied_practice_reason, omission_use, trigger_held, trigger_limit_reason, trigger_reason
from policydesk.assistant.scope_reason import excluded_kind, named_whole, named_words, outside_subject, scope_reason
from policydesk.assistant.other_wording import permitted_wording_kept
from policydesk.assistant.prohibited_things import prohibited_things, thing_relation, things_unnamed

# Conditions that bound what a rule covers and are executed against a stated fact.
THRESHOLDS = ("min_age", "min_person_age", "max", "min", "only_markets", "only_who", "requires", "during", "not_during")
Definitions = dict[str, dict[str, list[str]]]  # source -> defined term -> the members it lists


# ---------------------------------------------------------------- conditions


# ---------------------------------------------------------------- rules


def unmet_qualifier(rule: Rule, named: list[str], facts: CaseFacts, title: set[str] | frozenset[str] = frozenset()) -> Qualifier | None:
    """The qualifier of a prohibition's sentence (core/qualifier.py) that narrows every word of
    the rule's subject the case names, when the case names, outside a negation, none of the
    qualifier's own words (nor words of the same meaning); else None. "NFTs marketed as
    investments, with claims about resale value …" and "NFT art drop, the ad just shows the
    artwork": the case is an NFT, and nothing says it is marketed so; a case naming a word of a
    clause the qualifier does not narrow, or of the qualifier itself, is what the rule bans.
    A qualifier naming the policy's own topic (a word of its `title`: "for featuring tobacco"
    under "Tobacco and vaping") is named by a case naming that topic in any of the title's
    words ("paid by a vape brand"): the title's words are the one topic retrieval matched.
    Measured (2026-11-30, session 14, with `said_in_claim`): sample 0.836 -> 0.847, dev 0.736
    -> 0.764, dev2 and dev3 unchanged, validation 0.690 unchanged, unsafe approvals unchanged."""
    if not named:
        return None
    found, free = read_qualifiers(rule.quote)
    if not found:
        return None
    affirmed = affirmed_terms(facts.question)
    # A word the case names only under a negation ("no claims about resale value") is not one
    # it says it has: it names neither an unqualified clause nor the qualifier.
    own = {stem(w) for w in named}
    own = {t for t in own if names(t, affirmed)} or own
    if any(names(t, {f}) or names(f, {t}) for t in own for f in free):
        return None
    narrowing = None
    for t in own:
        q = next((q for q in found if any(names(t, {b}) or names(b, {t}) for b in q.before)), None)
        if q is None:
            return None  # a named word no qualifier narrows
        said = q.text
        if any(names(w, affirmed) or any(same_meaning(w, said, a, facts.question) for a in affirmed) for w in q.words):
            return None  # the case names what narrows it
        if q.words & title and any(names(t, affirmed) for t in title - GENERIC):
            return None  # it narrows by the policy's own topic, which the case names
        narrowing = narrowing or q
    return narrowing


def said_in_claim(rule: Rule, named: list[str], facts: CaseFacts) -> str | None:
    """The "that" clause of a prohibition's sentence saying what is said or promised ("a
    promise that creditors will stop contacting the customer") when every word of the rule's
    subject the case names occurs in the sentence only inside such a clause and the case states
    no claim (core/casefacts.py `read_claims`, or what the ad is said to suggest); else None.
    The case names what the ad must not say, not a thing the rule bans."""
    if not named:
        return None
    inside, spans = said_only(rule.quote)
    own = {stem(w) for w in named}
    if not inside or not own <= inside:
        return None
    if read_claims(facts.question) or SUGGESTED.search(facts.question):
        return None
    return next((sp for sp in spans if own & terms(sp)), spans[0])


def _policy_exception(rule: Rule, chunk: Chunk) -> bool:
    """A permission the policy states as an exception to a prohibition: by its own wording, or
    linked to a prohibition (`overrides`) in a clause headed "Exceptions"."""
    if states_override(rule.quote):
        return True
    if rule.overrides is not None and lifted_threshold(rule.quote) is not None:
        return True  # "… more than 70% … unless the figure comes from a survey": the lifting clause
    heading = chunk.section.split(" > ")[-1] if chunk.section else ""
    return rule.overrides is not None and bool(EXCEPTION_HEADING.search(heading))


def run_rule(rule: Rule, origin: Origin, chunk: Chunk, clause_rank: int, facts: CaseFacts, match: float = 0.0,
             question_terms: set[str] | None = None, definitions: Definitions | None = None) -> RuleRun:
    """One rule executed for the case (`_run_rule`), the measure its subject carries executed as
    a condition of its scope (assistant/subject_measure.py)."""
    run = _run_rule(rule, origin, chunk, clause_rank, facts, match, question_terms, definitions)
    named_by = (lambda t: names(t, question_terms)) if question_terms is not None else None
    return scoped_by_measure(run, facts, named_by)


def _run_rule(rule: Rule, origin: Origin, chunk: Chunk, clause_rank: int, facts: CaseFacts, match: float = 0.0,
              question_terms: set[str] | None = None, definitions: Definitions | None = None) -> RuleRun:
    """`definitions`: per policy, the categories it defines and the members it lists for each
    (core/definitions.py): a question naming a member ("caffeine gum") names the category
    ("caffeine supplements") for the rules of that policy, and only of that one."""
    run = RuleRun(rule=rule, origin=origin, chunk=chunk, clause_rank=clause_rank, match=match)
    if question_terms is not None and definitions and (
        defined := defined_terms(definitions.get(chunk.source), question_terms, facts.question)
    ):
        question_terms = question_terms | defined
    if question_terms is not None and facts.question and (spelled := clause_spelled_terms(facts.question, chunk.text, within=rule.scope)):
        # "PT" names what the clause writes as "personal training" (assistant/clause_acronyms.py),
        # for a rule whose subject is that name whole ("FSA" names no "food" products).
        question_terms = question_terms | spelled
    if question_terms is not None and facts.question and (doers := doer_terms(facts.question, chunk.text)):
        # "We buy gold" names the "gold buyers" the clause writes (assistant/agent_noun.py).
        question_terms = question_terms | doers
    run.applicable, run.reason, run.specific = market_reason(rule, facts)
    if not run.applicable:
        # A rule written for other markets is set aside for its market, but that says nothing
        # about whether the case's subject is the rule's: the scope gate (assistant/scope_gate.py)
        # asks it of every rule executed, so it is still asked here (the reason stays the market's).
        run.out_of_scope = outside_subject(rule, chunk, facts, question_terms)
        return run
    if facts.question and (kept := permitted_wording_kept(rule, chunk, facts)):
        run.applicable, run.reason, run.out_of_scope = False, kept, True
        return run
    out_of_scope = scope_reason(rule, chunk, question_terms, facts.question) if question_terms is not None else None
    if out_of_scope and (bound := measure_binds(rule, chunk, facts) or (antecedent_binds(rule, chunk, facts) if origin == "prose" else None)
                         or copy_binds(rule, facts, question_terms) or audience_binds(rule, facts)):
        out_of_scope = None
        run.reason += f"; {bound}"
    if not out_of_scope and origin == "prose" and question_terms is not None:
        out_of_scope = topic_only_limit(rule, chunk, facts, question_terms)
    if out_of_scope:
        run.applicable, run.reason, run.out_of_scope = False, out_of_scope, True
        return run
    if origin == "prose" and question_terms is not None and facts.question and (
            unnamed := things_unnamed(rule, chunk, facts.question, question_terms)):
        run.applicable, run.reason, run.out_of_scope = False, unnamed, True
        return run
    if origin == "prose" and rule.decision == "reject" and not rule.conditions and question_terms is not None and facts.question and (
            only_doer := doer_only(rule.quote, named_words(rule, "prose", chunk, question_terms), facts.question, terms(chunk.title))):
        # "Gold Buyers must not offer to buy dental gold …" and a gold buyer naming nothing of
        # the act it forbids (assistant/doer_only.py).
        run.applicable, run.reason, run.out_of_scope = False, only_doer, True
        return run
    if origin == "prose" and rule.decision == "reject" and not rule.conditions and question_terms is not None and facts.question and (
            only_denied := named_only_to_deny(named_words(rule, "prose", chunk, question_terms), facts.question)):
        # "Must not show a blade … used against a person" and "We don't plan to use any age
        # targeting": every shared word named only to deny it (assistant/denied_words.py).
        run.applicable, run.reason, run.out_of_scope = False, only_denied, True
        return run
    if origin == "prose" and rule.decision in ("reject", "escalate") and question_terms is not None and facts.question and (
            denied := denied_narrowing(rule.quote, facts.question, question_terms)):
        # "vape products that contain CBD" and "vapes (no CBD in them)": not a thing the
        # sentence bans (assistant/denied_qualifier.py).
        run.applicable, run.reason, run.out_of_scope = False, denied, True
        return run
    if rule.excludes and question_terms is not None and (kind := excluded_kind(rule, question_terms)):
        # "This exception doesn't apply to prize draws, …" and the case is a prize draw.
        run.applicable, run.reason = False, f"the policy says it does not apply to {kind}"
        return run
    if (heads := rule_heads(rule.quote)) and (denial := denied_agent(heads, facts.question)):
        # "Installers that advertise installation services must …" and "we make batteries but
        # don't install them": the rule is written for whoever does what the case says the
        # advertiser does not do (assistant/denied_agent.py).
        run.applicable, run.reason = False, f'it is written for {" and ".join(heads)}, and the case says the advertiser is not one ("{denial}")'
        return run
    untriggered = (trigger_reason(rule, facts) or trigger_limit_reason(rule, facts)) if origin == "prose" and rule.decision == "restrict" else None
    lacks_trigger = bool(untriggered and untriggered.startswith("it binds ads where") and untriggered.endswith("which the case does not have"))
    omission = omission_use(rule, facts) if origin == "prose" and rule.decision == "restrict" else None
    if omission is not None and not omission.taken:
        untriggered = omission.reason  # the case leaves out nothing the permission is for
    if not untriggered and origin == "prose" and rule.decision in ("reject", "restrict"):
        untriggered = denied_practice_reason(rule, facts)
    if untriggered and untriggered.endswith("which the case does not have") and (measured := states_measure(rule, chunk, facts)):
        # The case states a number on what the rule's own limit measures: it has what the
        # trigger names, in other words ("40% off" for "a discount").
        untriggered = None
        run.reason += f"; {measured}"
    if untriggered:
        run.applicable, run.reason = False, untriggered
        run.untriggered = lacks_trigger and untriggered.startswith("it binds ads where")
        return run
    if origin == "prose" and rule.decision == "restrict":
        run.trigger_named = trigger_held(rule, facts)
    if question_terms is not None:
        run.named = named_words(rule, origin, chunk, question_terms)
        run.named_whole = [w for w in run.named if named_whole(w, rule.quote, question_terms)]
        if run.named and rule.decision == "reject" and origin == "prose" and facts.question and (
                denial := said_nothing_of([stem(w) for w in run.named], facts.question)):
            # "Ads must not say … that a tattoo is painless or pain-free" and "…, nothing about
            # it being painless": the case names the banned saying only to deny it (core/claim_bans.py).
            run.applicable, run.reason = False, f'the case names what it bans only to say the ad does not say it ("{denial}")'
            return run
        if run.named:
            run.reason += f"; the case names its subject ({', '.join(run.named)})"
    if facts.question and rule.decision in ("approve", "reject"):
        run.thing = thing_relation(rule, facts.question)
    conds, elsewhere = local_conditions(parsed(rule.conditions), facts.market)
    if elsewhere:
        run.reason += "; not for this market: " + "; ".join(elsewhere)
    run.checks = rule_checks(rule, chunk, conds, facts)
    if omission is not None and omission.said:
        # The condition is that the ad say what it leaves out, and the ad's words do.
        met = ConditionCheck(kind="requires", requirement="the ad says what it leaves out", fact=f'the ad says so ("{omission.evidence}")', result="met")
        # Only a condition on what the ad says (a disclosure, or one in words only) is that
        # condition; a licence the rule also asks for stays as it was.
        run.checks = [
            met if k.result == "unknown" and (c.kind == "other" or (c.kind == "requires" and c.credential == "disclosure")) else k
            for c, k in zip(conds, run.checks)
        ] or [met]
        run.reason += f"; {omission.reason}"
    # A referral (`escalate`: "… are reviewed case by case") executes as a prohibition does:
    # its subject named and its threshold crossed send the case to people.
    prohibits = rule.decision in ("reject", "escalate")
    hit: Decision = "escalate" if rule.decision == "escalate" else "reject"
    gates = () if prohibits else permission_subject_conditions(rule.quote, rule.decision)
    if not prohibits and _policy_exception(rule, chunk):
        # An exception the policy states ("… even though this would otherwise be prohibited",
        # a clause headed "Exceptions") lifts its prohibition only for the cases meeting its
        # conditions: a case breaking one is not one it is for, and the prohibition decides.
        gates = tuple(rule.conditions)
    outside = [str(c) for c, k in zip(conds, run.checks) if k.result == "unmet"]
    if outside and all(c in gates for c in outside):
        # "Ads for products with at least 75 mg … may use the wording …": the case is not one
        # the permission is for; that is no reason to reject it (other rules decide it).
        run.applicable = False
        run.reason += f"; the permission is for cases meeting {', '.join(k.requirement for k in run.checks if k.result == 'unmet')}, which this one does not"
        return run
    executable = [c for c in run.checks if c.kind != "targeting"]
    unmet = [c for c in executable if c.result == "unmet"]
    unknown = [c for c in executable if c.result == "unknown"]
    if any(c.kind == "no_claim" and c.result == "unmet" for c in run.checks):
        run.outcome, run.by_fact = hit, True  # the ad makes a claim the clause forbids
        return run
    if prohibits:
        # A claim the case does not make says nothing about the rest of a prohibition, nor
        # does the age of people shown when the case shows nobody.
        executable = [c for c in executable if c.kind not in ("other", "no_claim") and not (c.kind == "min_person_age" and not facts.person_ages)]
        unknown = [c for c in executable if c.result == "unknown"]
        if not executable and run.checks and all(c.kind == "min_person_age" for c in run.checks) and not facts.person_ages:
            # "Ads must not show people under 25" and a case that shows no one it gives an age
            # for: the floor on the people shown is what must hold, not a reason to reject.
            run.outcome = "restrict"
            run.reason += "; it bounds the age of the people an ad shows, which the case does not give, so it is what must hold"
            return run
        claims = [c for c in run.checks if c.kind == "no_claim"]
        if not executable and claims and all(c.result == "met" and (c.fact or "").startswith(DENIES_CLAIM) for c in claims):
            # A ban on saying something, and the case says the ad does not say it
            # (core/claim_bans.py `claim_denied`): the prohibition is not broken.
            run.outcome, run.by_fact = None, True
            run.reason += "; the case says the ad makes no such claim"
            return run
        if not executable and hit == "reject" and origin == "prose" and not run.declared and (
                timing := timing_kept(rule.quote, facts.question)):
            # "You may not charge any fee before a debt has been settled" and the case charges
            # only after that: the ban's timing, executed and met (core/conduct.py).
            run.checks = [ConditionCheck(kind="other", requirement=f"only after {timing.event}", fact=f'the case says so ("{timing.evidence}")', result="met")]
            run.outcome, run.by_fact = None, True
            run.reason += "; its conditions are met, so the prohibition does not apply"
        elif not executable:
            # A prohibition of a practice ("You may not charge any fee before …") that the case
            # does not state binds it as what must hold, not as a reason to reject (core/conduct.py).
            unstated = unstated_conduct(rule.quote, facts.question) if hit == "reject" and origin == "prose" and not run.declared else None
            # So does one of a thing its sentence narrows ("NFTs marketed as investments …")
            # when the case names the thing and nothing of what narrows it (core/qualifier.py).
            narrowed = unmet_qualifier(rule, run.named, facts, terms(chunk.title)) if hit == "reject" and origin == "prose" and not run.declared and not unstated else None
            # And one whose every word the case names lies only in what the sentence says is
            # said or promised ("a promise that creditors will stop contacting the customer"),
            # when the case states no claim: the ad must not say it.
            said = said_in_claim(rule, run.named, facts) if hit == "reject" and origin == "prose" and not run.declared and not (unstated or narrowed) else None
            # And one of a kind its sentence names by words before the head ("car title loans")
            # when the case names the head and none of those words (assistant/unnamed_classifier.py);
            # a case quoting ad copy or stating a claim shares words with the copy, not the thing.
            classed = (unnamed_classifier(prohibited_things(rule.quote), question_terms, terms(chunk.title), names)
                       if hit == "reject" and origin == "prose" and not run.declared and run.named and question_terms is not None
                       and not (unstated or narrowed or said) and not (read_claims(facts.question) or quoted(facts.question)) else None)
            if classed:
                run.checks = [ConditionCheck(kind="other", requirement=f"the case is not {short_text(classed)}",
                                             fact="the case does not say", result="unknown")]
                run.reason += f"; it bans {short_text(classed)}, and the case names the thing but not the words that make it that kind"
            # And one that bans only saying something ("Must not claim a knife is legal to carry
            # everywhere"), every condition a claim, when the case states none (core/claim_bans.py).
            only_saying = (hit == "reject" and origin == "prose" and not run.declared and not (unstated or narrowed or said or classed)
                           and conds and all(c.kind == "no_claim" for c in conds) and bans_only_saying(rule.quote)
                           and not read_claims(facts.question) and not SUGGESTED.search(facts.question))
            if only_saying:
                run.reason += "; it bans only saying something and the case states no claim, so it is what must hold"
            run.outcome = "restrict" if unstated or narrowed or said or classed or only_saying else hit
            if said:
                run.checks = [ConditionCheck(kind="other", requirement=f"the ad does not say {short_text(said)}",
                                             fact="the case states no claim", result="unknown")]
                run.reason += f"; the case names only what it bans saying ({short_text(said)}) and states no claim"
            if unstated:
                run.reason += f"; {unstated}"
            if narrowed:
                run.checks = [ConditionCheck(kind="other", requirement=f"the case is not what the clause bans ({short_text(narrowed.text)})",
                                             fact="the case does not say", result="unknown")]
                run.reason += f"; it bans {short_text(narrowed.text)}, and the case names the thing but not what narrows it"
        elif unmet:
            run.outcome, run.by_fact = hit, True
        elif not unknown:
            run.outcome, run.by_fact = None, True
            run.reason += "; its conditions are met, so the prohibition does not apply"
        elif (origin == "prose" and rule.decision == "reject" and all(c.kind in ("max", "min") for c in executable)
              and (act := trigger_reason(rule, facts)) and not states_measure(rule, chunk, facts)):
            # "We do not allow ads to claim bill savings of more than 70% unless …": the limit
            # bounds an act of the ad (`requirement_trigger`), and the case neither does it nor
            # states a number of what the limit measures ("a 4 kWp system produces 3,600 kWh"):
            # the limit asks nothing of it, as a requirement whose trigger it does not have.
            # Only a limit left unknown is set aside; a number the case states is executed.
            run.applicable, run.reason = False, act
        elif all(c.kind in THRESHOLDS for c in executable):
            # Every condition bounds what the prohibition covers ("must not target users under
            # 18", "unlicensed lenders may not …") and the case states none of them: the ad may
            # run on the side the thresholds allow, so the answer is what must hold. A referral
            # whose threshold the case does not cross sends nothing to people.
            run.outcome = "restrict" if rule.decision == "reject" else None
        else:
            run.outcome = hit if run.declared or origin == "marker" else ("restrict" if rule.decision == "reject" else None)
        return run
    if not run.checks and rule.decision == "restrict" and origin == "prose":
        # A condition in words only ("allowed only if users can cancel online"): met when the
        # case states it in so many words (core/restated.py), else the rule restricts as before.
        requirement = requirement_of(rule.quote)
        if requirement and stated(requirement, with_spelled(facts.question, requirement)):
            run.checks = [ConditionCheck(kind="other", requirement=requirement, fact="stated in the question", result="met")]
            run.outcome, run.by_fact = "approve", True
            return run
        if requirement and stated_absent(requirement, facts.question):
            # "only if they do not offer X" and the case says it has no X
            run.checks = [ConditionCheck(kind="other", requirement=requirement, fact="the question says it has none of it", result="met")]
            run.outcome, run.by_fact = "approve", True
            return run
        # A requirement to carry something ("The registration number needs to appear in the ad
        # or on its landing page") that the question says the ad carries (core/disclosure.py).
        duty = duty_status(rule.quote, with_spelled(facts.question, rule.quote))
        if duty is not None:
            # what the case says of it: carried, or left out (a refused duty breaks the rule)
            if duty.carrying:
                requirement = "the ad carries what the clause requires"
                fact = f'the ad carries it ("{duty.evidence}")' if duty.result == "met" else f'the ad leaves it out ("{duty.evidence}")'
            else:
                requirement = "the case does what the clause requires"
                fact = f'the case states it ("{duty.evidence}")' if duty.result == "met" else f'the case says it is not done ("{duty.evidence}")'
            run.checks = [ConditionCheck(kind="requires", requirement=requirement, fact=fact, result=duty.result)]
            run.outcome, run.by_fact = ("approve" if duty.result == "met" else "reject"), True
            return run
    if unmet:
        run.outcome, run.by_fact = "reject", True
    elif unknown and rule.decision == "approve" and (run.declared or origin == "marker"):
        run.outcome = "approve"  # an unknown condition never narrows a declared decision
    elif unknown:
        run.outcome = "restrict"
    elif executable:
        run.outcome, run.by_fact = "approve", True
    else:
        run.outcome = rule.decision
    return run


__all__ = ["Definitions", "run_rule"]
