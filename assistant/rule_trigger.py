"""Whether the case has what a rule is triggered by: the act, thing or number a requirement
binds under, a permission to leave something out, a practice a prohibition bars.

Why a step of its own (issue 13): a requirement that binds some ads only ("An ad that quotes a
fee must state …", "if the total value of all prizes is more than USD 5,000 …") asks nothing
of a case without its trigger, whatever its subject; a permission to leave something out
("taxes … may be excluded from the headline price provided that the ad says so") does not
apply to a case that includes it; a practice barred unless it meets a condition does not
govern a case that says it does not engage in it. Each reads the rule's sentence
(core/condition_reading.py) against what the case says outside or inside a negation's reach.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policydesk.assistant.condition_check import bound_quantities
from policydesk.assistant.naming import affirmed_terms, negated_terms
from policydesk.assistant.trigger_head import head_named, trigger_head
from policydesk.core.casefacts import CaseFacts
from policydesk.core.clause_logic import quoted_copy
from policydesk.core.condition_reading import barred_practice, leading_trigger, omission_permission, part_statements, practice_head, requirement_trigger, trigger_limits
from policydesk.core.markets import find_mentions
from policydesk.core.reading import without_market_scope
from policydesk.core.conditions import compare_limit, same_dimension
from policydesk.core.measures import limit_measure
from policydesk.core.terms import GENERIC, same_meaning, same_stem, terms
from policydesk.core.types import Rule


def _trigger_terms(rule: Rule, facts: CaseFacts, found: tuple[str, bool] | None = None):
    """(trigger, its content words, those the case names outside a negation, the question as
    read, the word matcher) of a triggered requirement (or of the trigger `found`); None when
    the sentence binds every ad or its trigger names no content word."""
    found = found or requirement_trigger(rule.quote)
    if found is None:
        return None
    trigger, verb_first = found
    words = re.findall(r"[\w'-]+", _without_markets(trigger, rule.markets))
    if verb_first:
        words = words[1:]
    needed = {t for t in terms(" ".join(words)) if t not in GENERIC and not t.isdigit()}
    if not needed:
        return None
    question = _without_units(facts, {w.lower().rstrip("s") for w in words})
    # The ad's own quoted copy is what it says, its "no" included ("Copy: 'No win, no fee'"
    # uses the wording; it denies nothing).
    affirmed = affirmed_terms(question) | terms(" ".join(quoted_copy(question)))
    said = " ".join(words)

    def same(t: str, q: str) -> bool:  # the trigger's word, or one of the same meaning (core/lexicon.py)
        return same_stem(t, q) or same_meaning(t, said, q, question)

    named = {t for t in needed if any(same(t, q) for q in affirmed)}
    return trigger, needed, named, question, same


def _without_markets(trigger: str, markets: list[str]) -> str:
    """The trigger without the markets it scopes to ("the ad targets Australia (AU)") or that
    the rule is written for ("targets Turkey (TR), Vietnam (VN) or Egypt (EG)"): those are the
    rule's markets to decide (assistant/rule_markets.py), not words the case must name."""
    out = without_market_scope(trigger)
    own = {m.upper() for m in markets}
    for m in reversed(find_mentions(out)):
        if own & set(m.codes):
            code = re.match(r"\s*\([A-Z]{2}\)", out[m.end:])
            end = m.end + (code.end() if code else 0)
            out = out[: m.start] + " " * (end - m.start) + out[end:]
    return out


def trigger_held(rule: Rule, facts: CaseFacts) -> list[str]:
    """The trigger words the case names, for a triggered requirement that binds it ("If the
    app offers a free trial, …" and "a 7 day free trial"); empty for one binding every ad or
    not the case. What the trigger names is what the requirement is written for, as a rule's
    subject is (assistant/precedence.py `_subject_rank`)."""
    read = _trigger_terms(rule, facts)
    if read is None:
        return []
    trigger, needed, named, _, _ = read
    if 2 * len(named) >= len(needed) and head_named(trigger, named, needed):
        return sorted(named)
    return []


def trigger_reason(rule: Rule, facts: CaseFacts) -> str | None:
    """Why a triggered requirement ("An ad that quotes a fee must state …", "Where a contract
    includes price rises, the ad must …") does not bind the case, or None when it does or the
    sentence binds every ad. The case has the trigger when the question names, outside a
    negation, at least half of the trigger's content words (the verb of a relative clause
    aside: "quotes" a fee), as written or in words of the same meaning (`terms.same_meaning`:
    "lose" for "losses"); named only under a negation ("No fee figures") it is denied."""
    read = _trigger_terms(rule, facts)
    if read is None:
        return None
    return _unmet_trigger(*read)


def _unmet_trigger(trigger: str, needed: set[str], named: set[str], question: str, same) -> str | None:
    if (lacked := _lacked(trigger, needed)) is not None:
        return _lacked_reason(trigger, lacked, named, question, same)
    if 2 * len(named) >= len(needed):
        if (denied := denied_predicate(trigger, named, question)) is not None:
            return f"it binds ads where {trigger}, which the case denies (\"not {denied}\")"
        if head_named(trigger, named, needed):
            return None
        # its modifiers named, not its head (assistant/trigger_head.py): not had, not denied
        return f"it binds ads where {trigger}, and the case names none of {trigger_head(trigger)}"
    every = terms(question)
    if any(same(t, q) for t in needed for q in every):
        return f"it binds ads where {trigger}, which the case denies"
    return f"it binds ads where {trigger}, which the case does not have"


# A negation inside a trigger ("the region has no licensing body", "services that
# are not law firms"); one inside quoted wording ('"no win, no fee"') is the wording's.
_TRIGGER_NEGATION = re.compile(r"\b(?:no|not|never|without|none)\b|n't\b", re.I)
_QUOTED = re.compile(r"\"[^\"]*\"|\u201c[^\u201d]*\u201d")


def _lacked(trigger: str, needed: set[str]) -> set[str] | None:
    """The trigger's content words after its negation: what it binds cases for lacking; None for
    a trigger with no negation (or none before a content word)."""
    m = _TRIGGER_NEGATION.search(_QUOTED.sub(lambda q: " " * len(q.group(0)), trigger))
    if m is None:
        return None
    after = {t for t in terms(trigger[m.end():]) if t in needed}
    return after or None


def _lacked_reason(trigger: str, lacked: set[str], named: set[str], question: str, same) -> str | None:
    """Whether the case has a trigger that is a lack ("Where the region has no licensing body,
    …"): it has it when it names at least half of what is lacked inside a negation's
    reach and none of it outside ("there is no licensing body in our region"); naming at least half of
    it outside a negation ("licensed by the regional licensing body") denies it; else the case
    does not say (session 23). Read by words alone, the case that names what the trigger says is
    missing would have the trigger."""
    said_yes = lacked & named
    said_no = {t for t in lacked if any(same(t, q) for q in negated_terms(question))}
    if 2 * len(said_no) >= len(lacked) and not said_yes:
        return None
    if 2 * len(said_yes) >= len(lacked):
        return f"it binds ads where {trigger}, which the case denies (it names {', '.join(sorted(said_yes))})"
    return f"it binds ads where {trigger}, which the case does not have"


def ban_trigger_reason(rule: Rule, facts: CaseFacts) -> str | None:
    """Why a prohibition that opens with the condition it binds under ("Where the region has no
    licensing body, kayak hire ads are not permitted", core/condition_reading.py
    `leading_trigger`) is not broken by the case, or None when the case states the condition or
    the sentence has none. Executed as a requirement's trigger is (`trigger_reason`): a case that
    denies it is outside the ban, and one that neither states nor denies it does not break it
    (prohibitions count as not broken unless the case says otherwise). A market the clause names
    ("If the ad targets Turkey (TR), …") is the rule's markets' to decide
    (assistant/rule_markets.py), not a word the case must name."""
    found = leading_trigger(rule.quote)
    read = _trigger_terms(rule, facts, found) if found is not None else None
    if read is None:
        return None
    return _unmet_trigger(*read)


# A trigger that says what its subject is ("bills are included", "the product is refurbished"):
# a copula and one predicate word, perhaps after an adverb.
_COPULAR = re.compile(r"^(?P<subject>.+?)\s+(?:is|are|was|were|has been|have been)\s+(?:\w+ly\s+)?(?P<predicate>[\w-]+)$", re.I)


def denied_predicate(trigger: str, named: set[str], question: str) -> str | None:
    """The predicate of a copular trigger the case says its subject is not ("bills not
    included" for "Where bills are included, …"), or None. The case names the subject outside a
    negation and the predicate only inside one (assistant/naming.py), so what makes the
    requirement bind is what the case denies of that same subject (session 22)."""
    m = _COPULAR.match(" ".join(trigger.split()))
    if m is None:
        return None
    subject = {t for t in terms(m.group("subject")) if t not in GENERIC}
    predicate = {t for t in terms(m.group("predicate")) if t not in GENERIC}
    if not subject or not predicate or not subject <= named:
        return None
    if predicate & affirmed_terms(question) or not predicate <= negated_terms(question):
        return None
    return m.group("predicate")


def trigger_limit_reason(rule: Rule, facts: CaseFacts) -> str | None:
    """Why a requirement whose trigger compares a number ("if the total value of all prizes is
    more than USD 5,000 …, the sponsor must register") does not bind a case that states that
    number on the other side ("total prize value exactly $5,000"), or None. Executed like a
    condition: every stated number of the limit's dimension (those describing what the limit
    measures, when there are several) must fall outside the trigger; a number the comparison
    cannot settle (another dimension, a month's length) leaves the rule bound."""
    for lim in trigger_limits(rule.quote):
        same = [q for q in facts.quantities if same_dimension(q.unit, lim.unit)]
        if len(same) > 1:
            same = bound_quantities(same, limit_measure(rule.quote, lim.value, lim.unit))
        if not same:
            continue
        results = [compare_limit(lim.kind, lim.value, lim.unit, q.value, q.unit) for q in same]
        if all(r is not None and r != lim.holds_when for r in results):
            stated = "; ".join(dict.fromkeys(q.text for q in same))
            return f"it binds cases where {lim.text}, and the case states {stated}"
    return None


@dataclass(frozen=True)
class OmissionUse:
    """What the case says of an omission a rule permits on a condition
    (`condition_reading.omission_permission`): `taken` False = the case includes what the rule
    lets it leave out, so the rule is not triggered; True = it leaves it out, and `said` when
    the ad's own words mark it as left out (a condition that the ad say so is then met)."""

    taken: bool
    said: bool
    evidence: str
    reason: str


def _names_most(needed: set[str], phrase: str) -> bool:
    said = terms(phrase)
    named = {t for t in needed if any(same_stem(t, q) for q in said)}
    return bool(named) and 2 * len(named) >= len(needed)


def omission_use(rule: Rule, facts: CaseFacts) -> OmissionUse | None:
    """How a permission to leave something out ("taxes … may be excluded from the headline price
    provided that the ad says so") meets the case, or None when the rule is no such permission
    or the case does not say (one way only) whether the thing is left out. A case statement is
    about the omitted thing when it names at least half of its content words, and the case must
    name the whole it is left out of ("price")."""
    om = omission_permission(rule.quote)
    if om is None:
        return None
    needed = {t for t in terms(om.omitted) if t not in GENERIC and not t.isdigit()}
    whole = {t for t in terms(om.whole) if t not in GENERIC and not t.isdigit()}
    if not needed or (whole and not any(same_stem(t, q) for t in whole for q in terms(facts.question))):
        return None
    about = [p for p in part_statements(facts.question) if _names_most(needed, p.phrase)]
    included = [p for p in about if p.included]
    left_out = [p for p in about if not p.included]
    if included and not left_out:
        return OmissionUse(False, False, included[0].phrase,
                           f"it permits leaving {om.omitted} out of {om.whole}, and the case includes them ({included[0].phrase})")
    if left_out and not included:
        said = [p for c in facts.claims for p in part_statements(c) if not p.included and _names_most(needed, p.phrase)]
        if said and om.said:
            return OmissionUse(True, True, said[0].phrase,
                               f"the ad leaves {om.omitted} out of {om.whole} and says so ({said[0].phrase})")
        return OmissionUse(True, False, left_out[0].phrase, f"the case leaves {om.omitted} out of {om.whole}")
    return None


def denied_practice_reason(rule: Rule, facts: CaseFacts) -> str | None:
    """Why a sentence barring a practice unless it meets a condition ("Projections of future
    pension values are not permitted unless they use a growth rate of no more than 5% …") does
    not govern a case that says it does not engage in it ("we show no projections"), or None.
    Denied: the question names at least half of the practice's content words inside a
    negation's reach, and none of those outside it (`negation_split`); a practice the case does not mention
    keeps the rule as it was (its condition unknown)."""
    practice = barred_practice(rule.quote)
    if practice is None:
        return None
    needed = {t for t in terms(practice) if t not in GENERIC and not t.isdigit()}
    if not needed:
        return None
    affirmed = affirmed_terms(facts.question)
    negated = {t for t in needed if any(same_stem(t, q) for q in negated_terms(facts.question))}
    kept = {t for t in needed if any(same_stem(t, q) for q in affirmed)}
    # The words the case negates are the practice's (at least half of them), and it does not
    # also name those words outside the negation ("upgrade offers? no upgrade offers" is no
    # denial; "theatre seats, no upgrade offers" is).
    if 2 * len(negated) >= len(needed) and not (negated & kept):
        return f"it governs {practice}, which the case says it does not do"
    # The practice is its head noun phrase ("Projections" of future pension values): a case
    # naming none of the head's words, in any form or one of the same meaning, does not engage
    # in it, as a requirement's trigger the case does not have (`trigger_reason`).
    head = {t for t in terms(practice_head(practice)) if t not in GENERIC and not t.isdigit()}
    every = terms(facts.question)
    if head and not any(same_stem(t, q) or same_meaning(t, practice, q, facts.question) for t in head for q in every):
        return f"it governs {practice}, which the case does not have"
    return None


def _without_units(facts: CaseFacts, trigger_words: set[str]) -> str:
    """The question without the words it writes as the unit of a number ("over 48 months",
    "0% APR"), unless the trigger writes that same word (singular or plural). Such a word gives
    the measure of its number; it names nothing else: "over 48 months" is a term, not "a
    monthly payment", though both share a stem."""
    question = facts.question
    for q in facts.quantities:
        unit_words = [w for w in re.findall(r"[A-Za-z][\w'-]*", q.text) if w.lower().rstrip("s") not in trigger_words]
        if not unit_words:
            continue
        bare = q.text
        for w in unit_words:
            bare = re.sub(rf"\b{re.escape(w)}\b", " ", bare)
        question = question.replace(q.text, bare)
    return question
