"""What a prohibition's executed conditions make of the case: reject, restrict (what must hold),
or not triggered (`prohibition_outcome`).

Why a step of its own (issue 13): a permission's outcome follows from its checks alone (any
unmet rejects, any unknown restricts), but a prohibition's does not. A condition it leaves
unknown bounds what it covers, so the case may run on the side it allows; and a prohibition
without a condition to execute still leaves a case that is not shown to do what it bans (a
practice it does not state, a thing named without what narrows it, words named only inside
what may not be said) with what must hold, not a rejection. A ban only on content (what the ad
may not show or say) that the case neither states nor denies is held, not left open (session 22). Which of several executed rules
decides is assistant/precedence.py.

A sentence banning only saying propositions ("must not claim that the product regrows hair,
stops hair loss or treats alopecia") is not broken by stated copy making none of them, checked
against every claim of the sentence (core/claim_bans.py `said_claims`, `says_propositions`), as
an item of a list of banned claims is not (session 23). Measured (2026-12-02): dev4 0.736 ->
0.750 (bd4-33), dev6 0.681 -> 0.694 (bd6-55), other dev packs and sample unchanged, no unsafe
approval added.

Session 24: copy sharing a banned claim's head words but qualifying them otherwise ("mild to
moderate hearing loss" for "severe or profound hearing loss") shares no word of it
(core/claim_match.py `agreeing_words`); quoted wording banned as claims ('We don't allow "free
inspection" claims …') is a saying ban (core/claim_bans.py `quoted_claims_banned`); a ban on
presenting the thing as something else is a content ban (core/content_ban.py `presented_as`).
"""

from __future__ import annotations

import re

from policydesk.assistant.condition_check import DENIES_CLAIM
from policydesk.assistant.naming import affirmed_terms, names
from policydesk.assistant.prohibited_things import prohibited_things
from policydesk.assistant.rule_binds import states_measure
from policydesk.assistant.rule_run import RuleRun
from policydesk.assistant.rule_trigger import trigger_reason
from policydesk.assistant.trace_text import short_text
from policydesk.assistant.unnamed_classifier import unnamed_classifier
from policydesk.core.casefacts import CaseFacts, SUGGESTED, read_claims
from policydesk.core.claim_bans import bans_only_saying, opposite_claim, said_claims, says_propositions
from policydesk.core.claim_match import agreeing_words, makes_claim
from policydesk.core.claim_list import only_claims
from policydesk.core.conditions import Condition
from policydesk.core.conduct import timing_kept, unstated_conduct
from policydesk.core.content_ban import banned_content, content_words, offer_ban, states_offer
from policydesk.core.qualifier import Qualifier, read_qualifiers, said_only
from policydesk.core.quotes import quoted
from policydesk.core.terms import GENERIC, same_meaning, same_stem, stem, terms
from policydesk.core.types import ConditionCheck, Decision, Rule


# Conditions that bound what a rule covers and are executed against a stated fact.
THRESHOLDS = ("min_age", "min_person_age", "max", "min", "only_markets", "only_who", "requires", "during", "not_during")


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


def content_unnamed(quote: str, question: str, title: str = "") -> str | None:
    """What a content ban keeps out of its ads (core/content_ban.py) when the question names
    none of its words outside a negation, nor words of the same meaning; else None.

    Words of the policy's own topic (its `title`: "Kite rentals" for "ads must not show
    children flying a kite") are named by every case under the policy, so they show nothing
    about what the ad carries; only the ban's other words do (when it has any)."""
    content = banned_content(quote)
    words = content_words(content) if content else set()
    own = {t for t in words if not any(same_stem(t, w) for w in terms(title))} if title else words
    words = own or words
    if not words:
        return None
    if offer_ban(quote) and states_offer(question):
        return None  # it offers something, which may be a banned thing under another name
    said = affirmed_terms(question)
    if any(same_stem(t, q) or same_meaning(t, content, q, question) for t in words for q in said):
        return None
    return content


def _shares_claim_word(said: str, made: str, title: str) -> bool:
    """Does the stated copy `made` use a word of the banned claim `said` other than the policy's
    own topic (its `title`) and generic words? Copy sharing one ("totally painless" against "the
    procedure will be painless") may make the claim in fewer words than `makes_claim` needs, so
    it is not taken as making none of them. A shared word the copy says of something else
    ("mild to moderate hearing loss" against "severe or profound hearing loss", "free
    re-treatment" against "free inspection") is not one: its qualifier differs
    (core/claim_match.py `agreeing_words`)."""
    return bool((terms(said) - terms(title) - GENERIC) & agreeing_words(said, made))


def prohibition_outcome(run: RuleRun, facts: CaseFacts, conds: list[Condition], question_terms: set[str] | None) -> RuleRun:
    """The outcome of a prohibition (or a referral, `escalate`, which executes as one: its subject
    named and its threshold crossed send the case to people) whose conditions `run.checks` holds
    and none of which is a claim the ad makes: an unmet threshold breaks it; all met, it is not
    triggered; left unknown, its thresholds are what must hold (`restrict`), unless it is
    declared. Without a condition to execute it rejects, except where its sentence shows the
    case is not shown to do what it bans: a practice the case does not state, a thing named
    without what narrows it (`unmet_qualifier`), words named only inside what the ad must not
    say (`said_in_claim`), a kind named by its head alone (assistant/unnamed_classifier.py), a
    ban only on saying something when the case states no claim; then it is what must hold."""
    rule, chunk, origin = run.rule, run.chunk, run.origin
    hit: Decision = "escalate" if rule.decision == "escalate" else "reject"
    executable = [c for c in run.checks if c.kind != "targeting"]
    unmet = [c for c in executable if c.result == "unmet"]
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
    listed = hit == "reject" and origin == "prose" and not run.declared and only_claims(rule.quote, rule.conditions)
    # A sentence whose every negative modal governs a verb of saying ("must not claim that the
    # product regrows hair, stops hair loss or treats alopecia") bans the claims it states and
    # nothing more (core/claim_bans.py), as an item of a list of banned claims does; every one
    # of them is checked (`said_claims`), as its conditions may hold only the first, and copy
    # sharing a word of one (`_shares_claim_word`) is not taken as making none.
    saying = listed or (hit == "reject" and origin == "prose" and not run.declared and bans_only_saying(rule.quote) and says_propositions(rule.quote)
                        and not any(_shares_claim_word(said, made, chunk.title) or (makes_claim(said, made) and not opposite_claim(said, made))
                                    for said in said_claims(rule.quote) for made in facts.claims))
    if not executable and saying and claims and all(c.result == "met" for c in claims) and read_claims(facts.question):
        # An item of a list of banned claims ('"Fly anywhere" or "unlimited range"'), or a
        # sentence banning only saying something, bans saying it and nothing more; the ad's
        # stated copy says none of it (core/claim_list.py, core/claim_match.py).
        run.outcome, run.by_fact = None, True
        run.reason += "; the ad's stated claims are not the ones it bans"
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
        classed = (unnamed_classifier(prohibited_things(rule.quote), question_terms, terms(chunk.title))
                   if hit == "reject" and origin == "prose" and not run.declared and run.named and question_terms is not None
                   and not (unstated or narrowed or said) and not (read_claims(facts.question) or quoted(facts.question)) else None)
        if classed:
            run.checks = [ConditionCheck(kind="other", requirement=f"the case is not {short_text(classed)}",
                                         fact="the case does not say", result="unknown")]
            run.reason += f"; it bans {short_text(classed)}, and the case names the thing but not the words that make it that kind"
        # And one that bans only saying something ("Must not claim a knife is legal to carry
        # everywhere"), every condition a claim, when the case states none (core/claim_bans.py).
        only_saying = (hit == "reject" and origin == "prose" and not run.declared and not (unstated or narrowed or said or classed)
                       and conds and all(c.kind == "no_claim" for c in conds) and (bans_only_saying(rule.quote) or listed)
                       and not read_claims(facts.question) and not SUGGESTED.search(facts.question))
        if only_saying:
            # A banned claim counts as made only when the case says the ad makes it (session 22):
            # copy the case does not state breaks nothing, as `no_claim` is met by stated copy
            # that makes none of the banned claims.
            run.reason += "; it bans only saying something and the case states no claim, so the ban holds"
        # And one that keeps things out of its ads ("These courses must not show income
        # screenshots or claim typical earnings") when the case names none of them (core/content_ban.py).
        unshown = (content_unnamed(rule.quote, facts.question, chunk.title)
                   if hit == "reject" and origin == "prose" and not run.declared and not (unstated or narrowed or said or classed or only_saying) else None)
        if unshown:
            # Content the ad must not carry that the case neither states nor denies is not
            # carried: a prohibition of content is broken only by a case that says the ad does
            # the banned thing, as a banned claim is only by copy that makes it.
            verb = "offer" if offer_ban(rule.quote) else "show or say"
            run.checks = [ConditionCheck(kind="other", requirement=f"the ad does not {verb} {short_text(unshown)}",
                                         fact="the case names none of it", result="met")]
            run.reason += f"; it keeps {short_text(unshown)} out of its ads, and the case names none of it"
        run.outcome = "restrict" if unstated or narrowed or said or classed else (None if unshown or only_saying else hit)
        # Not broken because the case is silent is no fact of the case: the rule drops out
        # (outcome None) but does not itself allow the ad (`precedence.all_lifted` takes only
        # prohibitions lifted by a stated fact), so an approve must come from a rule the case meets.
        run.held_by_silence = bool(unshown or only_saying)
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
    elif not unknown and hit == "reject" and origin == "prose" and not run.declared and all(c.kind == "min_age" for c in executable) \
            and (content := banned_content(rule.quote)) and not re.search(r"\d", content) \
            and content_unnamed(rule.quote, facts.question, chunk.title) is None:
        # (Only a content ban apart from the floor: "must not show alcohol to users under 18"
        # states the floor inside what it bans, and the floor met is the whole of it.)
        # "… must not be shown to minors, and ads must not feature children taking a test": the
        # audience floor is met, but the case names what the sentence also keeps out of its ads.
        run.outcome, run.by_fact = hit, True
        run.reason += f"; its audience condition is met, but the case names what it keeps out of its ads ({short_text(content)})"
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
