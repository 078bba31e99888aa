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
  charge any fee before …") the case does not state → `restrict` (core/conduct.py); one that
  opens with the condition it binds under ("Where the region has no licensing body, … are
  not permitted") is broken only by a case stating that condition: denied, it does not
  apply; left unsaid, it is not broken (assistant/rule_trigger.py `ban_trigger_reason`).

`run_rule` is the pipeline of named steps (issue 13), each a module of its own: where the
rule binds (assistant/rule_markets.py); whether its subject covers the case
(assistant/scope_reason.py, assistant/prohibited_things.py, assistant/other_wording.py) or a
measure, wording or antecedent binds it all the same (assistant/rule_binds.py); whether the case
has its trigger (assistant/rule_trigger.py); its conditions against the facts
(assistant/condition_check.py); a prohibition's outcome (assistant/prohibition_outcome.py). The
record they fill in is assistant/rule_run.py `RuleRun`. Which of several executed rules decides
is `assistant/precedence.py`.
"""

from __future__ import annotations

from policydesk.assistant.agent_noun import doer_terms
from policydesk.assistant.audience_binds import audience_binds
from policydesk.assistant.clause_acronyms import clause_spelled_terms, with_spelled
from policydesk.assistant.condition_check import parsed, rule_checks
from policydesk.assistant.denied_agent import denied_agent
from policydesk.assistant.denied_qualifier import denied_narrowing
from policydesk.assistant.denied_words import named_only_to_deny
from policydesk.assistant.doer_only import doer_only
from policydesk.assistant.naming import names
from policydesk.assistant.other_wording import permitted_wording_kept
from policydesk.assistant.privative_scope import has_what_it_lacks
from policydesk.assistant.prohibited_things import thing_relation, things_unnamed
from policydesk.assistant.prohibition_outcome import prohibition_outcome
from policydesk.assistant.rule_binds import antecedent_binds, claim_binds, copy_binds, measure_binds, states_measure, topic_only_limit
from policydesk.assistant.rule_markets import local_conditions, market_reason
from policydesk.assistant.rule_run import Origin, RuleRun
from policydesk.core.condition_reading import ARROW
from policydesk.assistant.rule_trigger import ban_trigger_reason, denied_practice_reason, omission_use, trigger_held, trigger_limit_reason, trigger_reason
from policydesk.assistant.scope_reason import excluded_kind, named_whole, named_words, outside_subject, scope_reason
from policydesk.assistant.subject_measure import scoped_by_measure
from policydesk.assistant.table_row import other_row
from policydesk.core.casefacts import CaseFacts
from policydesk.core.claim_bans import said_nothing_of
from policydesk.core.clause_logic import lifted_threshold, rule_heads
from policydesk.core.condition_reading import leading_trigger, permission_subject_conditions
from policydesk.core.conduct import duty_status
from policydesk.core.definitions import defined_terms
from policydesk.core.exception_reading import EXCEPTION_HEADING, states_override
from policydesk.core.restated import requirement_of, stated, stated_absent
from policydesk.core.stated_duty import stated_duty
from policydesk.core.terms import stem, terms
from policydesk.core.types import Chunk, ConditionCheck, Decision, Rule

Definitions = dict[str, dict[str, list[str]]]  # source -> defined term -> the members it lists


def _policy_exception(rule: Rule, chunk: Chunk) -> bool:
    """A permission the policy states as an exception to a prohibition: by its own wording, or
    linked to a prohibition (`overrides`) in a clause headed "Exceptions". (One labelled with the
    number of the clause it excepts, "5.2 Exception to 5.1: … a package of no more than 6
    sessions", is not gated so: its own bound is the policy's limit on what 5.1 lets through,
    and a case beyond it breaks it, as "a package of 12 sessions" does.)"""
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
    if rule.amended_by:
        run.reason += f'; as amended: "{rule.amended_by}"'  # core/amendments.py
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
                         or copy_binds(rule, facts, question_terms) or claim_binds(rule, facts) or audience_binds(rule, facts)):
        out_of_scope = None
        run.reason += f"; {bound}"
    if not out_of_scope and origin == "prose" and question_terms is not None:
        out_of_scope = topic_only_limit(rule, chunk, facts, question_terms)
    if not out_of_scope and facts.question:
        # A rule of a table row and a case about another row's thing (assistant/table_row.py).
        out_of_scope = other_row(rule, facts.question)
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
    if origin == "prose" and facts.question and (has := has_what_it_lacks(rule.quote, facts.question)):
        # "toy drones under 100 g with no camera may …" and a drone that "comes with a little HD
        # camera": not a thing the rule is written for (assistant/privative_scope.py).
        run.applicable, run.reason = False, has
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
    if origin == "prose" and rule.decision == "approve" and ARROW.search(rule.quote):
        # "- Capacity at or below 100 Wh → allowed": a decision tree's branch allows the cases
        # its label describes; a case on the other side of the label's threshold is another
        # branch's (core/decision_tree.py).
        untriggered = trigger_limit_reason(rule, facts)
    if origin == "prose" and rule.decision == "reject" and (outside := trigger_limit_reason(rule, facts)):
        # "… must not exceed 5 weeks' rent where the annual rent is below £50,000" and a case
        # whose stated number falls outside the trigger: executed, the ban does not apply, as
        # one whose conditions a case meets (a fact decided it; precedence.all_lifted).
        run.outcome, run.by_fact = None, True
        run.reason += f"; {outside}, so the prohibition does not apply"
        return run
    if origin == "prose" and rule.decision == "reject" and (unmet := ban_trigger_reason(rule, facts)):
        # "Where the region has no licensing body, kayak hire ads are not permitted"
        # and a case that denies the condition (a fact decided it) or says nothing of
        # it: the ban is not broken (assistant/rule_trigger.py `ban_trigger_reason`). Silence is
        # no fact of the case, so it does not by itself allow the ad (`held_by_silence`).
        run.outcome = None
        run.by_fact = "the case denies" in unmet
        run.held_by_silence = not run.by_fact
        run.checks = [ConditionCheck(kind="other", requirement=f"the case is not one where {leading_trigger(rule.quote)[0]}",
                                     fact="the case says otherwise" if run.by_fact else "the case does not say so", result="met")]
        run.reason += f"; {unmet}, so the prohibition does not apply"
        return run
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
        if run.named and facts.claims:
            # The words of its subject the ad's own stated words name ("'97% success rate'" for
            # a rule on stating success rates): a rule on what the ad says (precedence.py).
            said = terms(" ".join(facts.claims))
            run.claimed = [w for w in run.named if stem(w) in said]
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
        return prohibition_outcome(run, facts, conds, question_terms)
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
        # A form the thing must take ("must be sold in a child-resistant container") or content
        # the ad must not show ("must not show a capsized boat"), executed against what the case
        # states (core/stated_duty.py); silence leaves the rule restricting, the duty what must hold.
        if said := stated_duty(rule.quote, with_spelled(facts.question, rule.quote)):
            result, evidence = said
            fact = f'the case states it ("{evidence}")' if result == "met" else f'the case states otherwise ("{evidence}")'
            run.checks = [ConditionCheck(kind="requires", requirement="the case does what the clause requires", fact=fact, result=result)]
            run.outcome, run.by_fact = ("approve" if result == "met" else "reject"), True
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
