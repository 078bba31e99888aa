"""A clause's executable logic, read from its prose once, at ingest, by the shared reader.

Why at ingest: answering must execute stored rules, not re-read prose per question, and the
rules a writer sees in `policydesk annotate` must be the ones the answerer runs. Both come
from `core.reading.read_unit` (decision, markets, exceptions) and
`core.condition_reading.executable_conditions` (ages, limits, market lists, credentials,
claims).

- A clause with a marker (`{#ALC-2 decision=reject}`) yields one rule with the declared
  decision and the threshold conditions its sentences state (per-market age floors, numeric
  limits, `only` market lists, credentials), plus any exception its wording carves out.
  Nothing else in its prose may change the declared decision.
- A clause without a marker yields one rule per normative sentence (two for "…, except …").
  Purpose, scope and definition sentences yield none, so they never decide.

Rule ids: `<clause id or policy id>` for the marker rule, `<base>/p<n>` for prose readings.
"""

from __future__ import annotations

import re

from policydesk.core import lexicon
from dataclasses import dataclass
from functools import lru_cache

from policydesk.core.condition_reading import executable_conditions
from policydesk.core.conditions import not_excepted, parse_condition
from policydesk.core.casefacts import IRREGULAR_PARTICIPLES
from policydesk.core.checklist import as_requirement, box_item, leads_with_indicative
from policydesk.core.claim_list import item_claims, permitted_claim, saying_lead
from policydesk.core.claim_match import makes_claim
from policydesk.core.exception_reading import EXCEPTION_LEAD, TOPIC_PREFIX, exception_conditions, exception_to, not_covered, parent_of
from policydesk.core.list_complement import complement_markets
from policydesk.core.literal_guard import guarded
from policydesk.core.market_limits import with_market_limits
from policydesk.core.market_bodies import with_market_bodies
from policydesk.core.market_schedule import permitted, schedules
from policydesk.core.markets import ISO_CODES, find_mentions
from policydesk.core.negation import negation_source
from policydesk.core.past_rules import states_past_rule
from policydesk.core.privative import lacked_in_subject
from policydesk.core.qa_answer import conditional_yes, question_of, question_subject, summary_yes
from policydesk.core.decision_tree import read_tree
from policydesk.core.illustrations import illustrative_heading
from policydesk.core.scope_heading import purpose_heading, scope_heading
from policydesk.core.column_limits import column_limit
from policydesk.core.table_rows import mark_decision, refused_markets, row_labels, row_starts, states_rule
from policydesk.core.reading import EXEMPTION, LIFTED, NON_NORMATIVE, PREDICATE, RULE_DECISIONS, Reading, decide, only_markets_named, read_sentence, read_unit, scope_markets, section_decision, view
from policydesk.core.terms import GENERIC, GENERIC_WORDS, stem, terms
from policydesk.core.sentences import split_sentences
from policydesk.core.types import Chunk, Rule, StatedConditions

# Conditions that may narrow or lift a declared decision: each is executed against a stated
# fact (a claim ban only ever confirms a prohibition). Free-text requirements are shown to the
# moderator but never executed.
# Part of every document's hash: a change to the reader re-reads the clauses at the next ingest.
LOGIC_VERSION = "76"  # 76 (session 24, after the blind dev11 end run): a conditionless permission under a purpose, introduction or overview heading states no rule (core/scope_heading.py purpose_heading); 75 (session 24, second round: s24-f): credential bodies per market (lists, pipe and fixed-width tables) read at ingest into Rule.bodies; s24-g): "shown to minors" undefined by the policy is an 18+ floor (a prohibition that also bans content stays one); a proviso "subject to the requirements above / the rules in section N" only points at other rules and sets no condition); 74 (session 24, merge of s24-a + s24-b + s24-c + s24-d + s24-e): a numbered "9. Schedule A" heading names a list; a schedule's rows marked not permitted are none of its markets; "may only run in the markets listed in Schedule A" executes only_markets; per-market figures of a schedule column execute; sentences stating no rule for the ad (world descriptions, policy administration, whole-policy applicability) and decision-tree pointer branches read as no rule; Yes/No branches bound to their side of a kind question; "may only be run by <advertisers> appointed/approved by <body>" read as a credential (requires); referrals worded "are referred to the <Name> Specialist Team", "decides on each ad individually", "Do not approve or reject these ads yourself" escalate, a reviewers' instruction after a referral is about its cases (s24-e); 73 (session 23, after the blind dev10 end run): a section headed as scope states no rule with nothing to execute (core/scope_heading.py); 72 (session 23, merge of s23-b + s23-c + s23-d + s23-e): "In markets not listed in 2.1, …" excepts the listed markets (core/list_complement.py); a prohibition's leading if/where clause is its trigger (condition_reading.leading_trigger, rule_trigger.ban_trigger_reason); an examples section or an Ad | Outcome table decides nothing (core/illustrations.py, clause_logic.examples_section); nested decision-tree bullets hold only where their parents hold, market labels bind their branch (core/decision_tree.py); counts keep their narrowing words (core/counted_limits.py); a claim ban comparing a number is made only on its banned side (core/claim_match.py); "…, except where X" is an exception on X; a labelled exception lifts its prohibition only up to its own bound (precedence._lifted_by_pointer); an approval gives way to an open rule on what the ad claims (precedence.open_claim_rule); money limits "or the equivalent in local currency" compare across currencies when every plausible rate agrees (core/conditions.py compare_equivalent); disclosure items said in the case's own words (core/disclosure.py); 71 (session 22, merge of s22a + s22b + s22b-tables + s22c + s22d + s22d-m + s22e): a definition ("X means …", "'X' includes …") and a labelled example or its rationale state no rule (core/definition_sentence.py `states_definition`, `defines_term`; core/illustrations.py); a defined age group with per-market ages gives a rule forbidding reaching it its floors (core/defined_ages.py); "6.2 Exception to 6.1:" excepts 6.1 (core/exception_reading.py); "An ad under 3.2 must …" governs what 3.2 governs (core/clause_pointer_scope.py); a rule whose subject names a kind of advertiser does not bind a case that says it is another kind (assistant/advertiser_kind.py); quoted wording classifying a noun governs only ads that use it (core/conduct.py); "Where X is P, …" does not bind a case saying X is not P (assistant/rule_trigger.py); PDF tables are pipe rows (ingest/pdf_tables.py), cells of bare codes name markets, "markets listed in Annex A, Part 2" resolves to that list's rows (core/markets.py, core/table_rows.py, core/clause_logic.py `list_markets`), a clause whose every rule is for other markets decides nothing; "No X … are permitted" however long X is; a limit is an amount of what follows "<unit> of" (core/measures.py `limit_noun`), a claim ban's trailing where-clause is its trigger (core/condition_reading.py `claim_ban_trigger`), offer bans name the things offered (core/content_ban.py); a content ban the case neither states nor denies is held, but is no basis to approve (assistant/prohibition_outcome.py, verdict_steps `_silent_hold`); scope exclusions as policies write them, qualified referrals, a pending or in-house credential fails (assistant/policy_exclusion.py, assistant/whole_referral.py, assistant/credential_stand_in.py); a run-in list after "shows all of the following:" is read item by item (core/disclosure.py); 70 (session 20, merge of s20table + s20qa + s20let + s20check): a table row is a rule of the thing its first cell names, its mark its decision (core/table_rows.py, assistant/table_row.py); a Q&A answer's rules are about its question's subject, "Yes, if X" a permission on X (core/qa_answer.py); "<limit> for/where <trigger>" binds only where its trigger holds (core/condition_reading.py); a later amendment rewrites the clause it names (core/amendments.py); a tick box states what must hold, a closing "if any box cannot be ticked" is no rule, claim lists are matched by meaning and polarity (core/checklist.py, core/consequence.py, core/claim_match.py); 69 (session 19, s19cond + s19disc): "If the ad targets Australia (AU), then …" holds only in AU, a market list with bracketed codes carries on, "must not exceed the face value plus 10%" is a 10% margin, "beyond the limits for a market" executes the limits stated per market (core/reading.py, core/condition_reading.py, core/market_limits.py); a duty to "state that the consumer may …" keeps its clause, "that A and that B" are two items (core/disclosure.py); 68 (session 18, merge): "except as provided in 3.2" and other cross-referenced exceptions state no rule where they point from (core/reading.py); 67 (session 18, s18apr): "provided by/to …" is a participle, not the conditional "provided (that)" (core/reading.py); 66 (session 18, s18rej): an editor's tag before a sentence ("[CHANGED] Claims management ads …") is no word of its subject (core/clause_logic.py `_EDITORIAL_TAG`); "must not be promoted as X" or "must not state that X" in a requirement is a claim ban (core/condition_reading.py `_presented_as_bans`); a participle describing a noun ("the checks required by local law") does not make a prohibition a restriction (core/reading.py); a passive duty to carry in the ad or on its page ("the number must also appear in the ad itself") is a disclosure, a fronted date or place is not what it asks for (core/condition_reading.py, core/disclosure.py); 65 (session 18, s18hist): a sentence stating what used to apply ("Until now, X had to …") states no rule (core/past_rules.py); "Ads without a visible number …" adds no subject to its marked clause; the verb a leading prohibition governs ("Must not use …") is no scope word; 64 (session 18, s18np): a serial list "A, B and C" is one noun phrase naming each item, on the question's side and the rule's (core/casefacts.py); 63 (session 17, merge): "must not show people under 25" is the age of people shown, not an audience floor (core/condition_reading.py); 62 (session 17, s17esc): a scope statement's "X, including A, B and C" defines X's members (core/definitions.py `stated_scope_definitions`); 61 (session 17, s17me): a table row's label names what or where its cells govern (core/table_rows.py); a denied age group ("we won't tattoo anyone under 18") is no audience (core/casefacts.py); codes right after "in" are markets ("19+ in KR", core/markets.py); "minimum age 19" is a floor; a certificate number to show is no credential; "you can advertise X" governs X; 60 (session 17, s17met): "can be advertised without certification" in a permission requires nothing; "must hold specialist registration" is a licence (core/condition_reading.py); 59 (session 17, s17rej): a period adjective on what a limit measures ("a daily intake of more than 10 mg") makes it a rate per that period (core/condition_reading.py); 58 (session 16): "limited to 10 minutes" is a ceiling; a checklist item's label is its subject (core/clause_logic.py); a cap inside a requirement sentence ("and ads must not recommend … more than 10 mg") and a relative clause on the subject as its trigger (core/condition_reading.py); "unless the exception below applies" sets no condition on a prohibition (core/reading.py); a list of market codes ("ONLY in US, FR, IT and PL") is read whole (core/markets.py); checklist labels scope their items, "OK" reads as a permission; contracted modals are no subject words; a non- compound names only itself (core/terms.py); 54 (session 15): bracketed lists define their noun phrase (core/definitions.py); quoted copy is no prohibition's subject; a procedure sentence after a referral takes its scope; a noun WordNet files under advertisement ends a noun phrase as an ad noun does, a plural possessive modifies what follows (core/casefacts.py)


def stale_logic_warning(meta: dict) -> str | None:
    """A warning when a store's clause logic was read by another reader version: answers
    execute the logic stored at ingest, so an older store keeps the older reading (no policy
    definitions, say) until `policydesk ingest` runs again and re-reads every document. An
    empty catalog (nothing ingested) has nothing stale."""
    if not meta or "bm25_ids" in meta and not meta["bm25_ids"]:
        return None
    found = meta.get("logic")
    if found == LOGIC_VERSION:
        return None
    read_by = f"version {found}" if found else "a version before it was recorded"
    return (
        f"this store's clause logic was read by {read_by}, not {LOGIC_VERSION}: "
        "run `policydesk ingest` again to re-read the policies with the current reader"
    )


THRESHOLD_KINDS = ("min_age", "min_person_age", "max", "min", "only_markets", "only_who", "requires", "no_claim", "during", "not_during")
SPECIFIC_MARKETS = 5  # same bound as the answerer's "written for a handful of markets"
SCOPE_WORDS = 12  # subject words kept per rule: a listed subject ("outdoor clothing, binoculars, hunting blinds and gun safes") whole, as prohibition_scope keeps 12



@lru_cache(maxsize=1024)
def _condition_facts(condition: str) -> tuple[str, tuple[str, ...]]:
    """(kind, markets) of a condition string, parsed once: clause logic asks for them for each
    rule it builds (a condition in the vocabulary, "min_age:18@US", not a sentence: the same
    few recur in any corpus)."""
    parsed = parse_condition(condition)
    return parsed.kind, tuple(parsed.markets)


def _base_id(chunk: Chunk) -> str:
    return chunk.clause_id or f"{chunk.policy_id or chunk.source}#{chunk.position}"


_GENERIC = frozenset(GENERIC_WORDS)
_LEAD_IN = re.compile(r"^\s*(?:[-*\u2022]|\(?\d+(?:\.\d+)*[.)]?|\(?[a-z][.)])\s+")
# An editor's tag in square brackets before a sentence ("C1. [CHANGED] Claims management ads
# must be targeted …", "[NEW] Ads for …"): it marks the sentence in a revision, and is no word
# of what the sentence governs. A tick box ("[ ]", "[x]") is `_CHECKBOX`.
_EDITORIAL_TAG = re.compile(r"^\s*\[[A-Z][A-Za-z-]{1,20}\]\s+")


def _lead_off(text: str) -> str:
    """`text` without its list marker or numbering (`_LEAD_IN`) and an editor's tag after it
    (`_EDITORIAL_TAG`)."""
    return _LEAD_IN.sub("", _EDITORIAL_TAG.sub("", _LEAD_IN.sub("", text)))


_ONLY_WHO = guarded(r"\bonly\b(?! (?:be )?(?:shown |run |served |available |advertised )?(?:in|to users in|within)\b)", re.I)
_NORMATIVE = frozenset("must may might cannot prohibited allowed permitted banned forbidden accepted removed rejected disapproved "
                       "never only should shall will would include includes including such example "
                       # contracted modals and negations ("ads … can't run in these markets") name nothing
                       "can't won't mustn't shouldn't shan't don't doesn't isn't aren't".split())
_WORD = re.compile(r"[a-z][a-z'-]{2,}")
# A market a sentence names only as the one already in question ("the country", "that
# country's"), not one a clause after it picks out ("the country the ad targets", "the market
# where …", "the country of origin"); "that market" is more often a relative clause's verb
# ("ads that market e-scooters").
_SAME_PLACE = guarded(
    r"\b(?:(?:the|this|such an?|the same) (?:country|market|jurisdiction|territory)|that (?:country|jurisdiction|territory))(?:'s)?\b"
    r"(?!'s|\s+(?:that|which|where|in which|of|the|an?|your|its|it|you|they|we|targeted|concerned|chosen|selected)\b)",
    re.I,
)
_BACK_REFERENCE = guarded(r"^\s*(?:they|these(?: \w+)?|those(?: \w+)?|such \w+|it|this)\s+(?:are|is|will|must|may)\b", re.I)
# A sentence about deciding the cases a referral just named ("… who decide; support staff
# can't approve or reject them").
_DECIDING_THEM = guarded(r"\b(?:approve|reject|decide|review)\w*\b[^.;]*\b(?:them|these|those)\b|\b(?:them|these|those)\b[^.;]*\b(?:approve|reject|decide|review)\w*\b", re.I)
_FUNCTION = frozenset("the and for with from into that which who whose their them they this these those such any all each every other only also "
                      "when where while within without under over than then there here its it's has have had not nor but or".split())


def rule_scope(quote: str) -> list[str]:
    """The words naming what a sentence governs: its grammatical subject ("Crypto exchange
    ads are prohibited in Singapore" -> crypto, exchange), minus generic ad words and markets.
    Empty when the subject names nothing specific ("Ads must not …", "We do not accept …")."""
    return list(_scope_of(" ".join(quote.split())))


# The last few sentences' scopes: a clause's sentences are read as rules, as referrals and as
# the marked clause's subject (issue 16: 27% of the calls at ingest repeat a sentence of the
# same chunk or of the overlap with the chunk before). Too small to serve another document.
@lru_cache(maxsize=64)
def _scope_of(flat: str) -> tuple[str, ...]:
    return tuple(_rule_scope(flat))


# Kept for the last sentences: a rule's sentence is split for its scope, then again for its
# demonstrative, credential and object checks (benchmark corpus: 6,595 calls at ingest).
@lru_cache(maxsize=256)
def subject_and_rest(flat: str) -> tuple[str, str] | None:
    """The sentence's subject phrase (lead-in marker dropped, market names blanked) and the text
    from its predicate on; None when no predicate is found. One reading for the scope, the
    head, the subject and the demonstrative and credential checks."""
    text = _lead_off(_CHECKBOX.sub("", _lead_off(flat), count=1))
    # "Exception: a drone under 250 g with no camera may …": the cue labels the sentence, it
    # names nothing the sentence governs.
    text = EXCEPTION_LEAD.sub("", text, count=1).lstrip()
    label = _VERDICT_LABEL.match(text)
    pred = PREDICATE.search(text)
    if label is not None and (pred is None or pred.start() >= label.end(1)):
        # "Animal-repellent sprays (dog and bear sprays): OK in US …": a checklist item whose
        # label names the thing and whose text after the colon is the verdict on it.
        return _blank_markets(_subject_phrase(label.group(1))), text[label.end(1) :].lstrip(": ")
    if pred is None:
        return None
    thing = _PLAIN_LABEL.match(text)
    if thing is not None and thing.end(1) < pred.start() and _names_things(thing.group(1)):
        # "Drones under 250 g: no registration statement is required, …": a run-in label of
        # things names what the clause after its colon is about; that clause's own subject
        # ("no registration statement") is what it says of them.
        return _blank_markets(_subject_phrase(thing.group(1))), text[pred.start() :]
    return _blank_markets(_subject_phrase(text[: pred.start()])), text[pred.start() :]


# A list item's label and, after its colon, a bare verdict with no subject of its own
# ("Knuckle-dusters: prohibited", "Personal alarms …: OK in all markets", "Locking blades …:
# allowed, BUT …"), or one whose own subject is only "ads". The label is what the verdict is on; a label of a verdict word ("OK:
# non-locking folding knives …") is no subject and is left to the reading after it.
_VERDICT_LABEL = guarded(  # (needs a colon: a sentence without one is not tried, core/literal_guard.py)
    r"^(?!(?:ok|allowed|permitted|prohibited|banned|not allowed|note|exceptions?)\s*:)([^:;.]{3,120}?)\s*:\s+"
    r"(?=(?:ok|okay|allowed|permitted|acceptable|fine|prohibited|banned|forbidden|not allowed|not permitted|only)\b"
    # "Self-defence keychains (kubotans, …): ads are reviewed individually": "ads" names no thing.
    r"|(?:the\s+|these\s+|such\s+)?ads?\s+(?:are|is|must|may|should|can|will|need)\b)",
    re.IGNORECASE,
)


def _blank_markets(text: str) -> str:
    for m in reversed(find_mentions(text)):
        text = text[: m.start] + " " + text[m.end :]
    return text


# "The ban on guaranteed returns does not apply to annuities issued by …": a disapplication.
# What it governs is what the rule is lifted for, the object of "apply to", not the rule lifted.
# Until session 14 its subject read as the whole clause before the predicate, over 14 words and
# so nothing: the exception applied to every case (a term life insurance ad under a pensions
# policy was approved by the annuities exception). Measured (2026-11-30, same stores re-read,
# with assistant/execute.py reading no quotation from an apostrophe inside a word, which the
# annuity case's "We're … 'a guaranteed income for life'" needs): dev3 0.750 -> 0.764, dev,
# dev2, sample, validation unchanged (unsafe and escalation P/R too).
_DISAPPLIES = guarded(r"\b(?:does|do|shall|will)\s+not\s+apply\s+to\s+|\b(?:doesn't|don't|won't)\s+apply\s+to\s+", re.I)


def _disapplied_to(flat: str) -> list[str] | None:
    """The words of the noun phrase a disapplication is for ("annuities issued by a regulated
    insurer" -> annuities: its head and the words before it, not what follows to say how it
    is), or None when the sentence is none or its object cannot be read as a noun phrase."""
    from policydesk.core.casefacts import read_noun_phrase

    m = _DISAPPLIES.search(flat)
    if m is None:
        return None
    phrase = read_noun_phrase(flat[m.end():])
    if phrase is None:
        return None
    words = [w.lower() for w in phrase.words if w.lower() not in _GENERIC and w.lower() not in _FUNCTION]
    return list(dict.fromkeys(words))[:SCOPE_WORDS] or None


# Ad copy a rule's sentence quotes ("Messages such as "You've won!" or "Claim your prize" shown
# to people who haven't won", "Phrases such as 'erase your debt'"): what an ad says, the
# example the rule gives of what it governs, never the thing it governs. Straight or
# typographic quotes; an apostrophe inside a word ("haven't") opens or closes none.
_QUOTED_COPY = re.compile(r"(?:[\"“”]|(?<![A-Za-z])['‘’])([^\"“”‘’]{1,200}?)(?:[\"“”]|['‘’](?![A-Za-z]))")
# A quotation is ad copy when the sentence presents it as something said: after an example
# cue ("such as", "like", "e.g.", "for example", a colon), a verb of saying or a noun of
# wording ("say", "claim", "the words", "phrases", "messages"), or before a noun of wording
# ("'last chance' messages"); a quotation joined by "or"/"and"/a comma to one that is copy is
# copy too. Any other quotation names a thing or a practice ("games, often called
# "play-to-earn" games", "trading or "boosting" accounts"): a word of the rule's own subject.
_WORDING = (r"(?:words?|phrases?|messages?|messaging|claims?|statements?|wording|copy|slogans?|taglines?|lines?|"
            r"headlines?|text|captions?|language|terms?|expressions?)")
_COPY_BEFORE = re.compile(
    r"(?:\bsuch as|\blike|\be\.g\.,?|\bfor (?:example|instance),?|\bincluding|:|"
    r"\b(?:say|says|said|saying|claim|claims|claiming|state|states|stating|read|reads|reading|use|uses|using|"
    r"promise|promises|promising|mention|mentions|mentioning)(?: that)?|\b" + _WORDING + r")\s*$", re.I)
_COPY_AFTER = re.compile(r"^\s*" + _WORDING + r"\b", re.I)
_JOINED = re.compile(r"^\s*(?:,|or|and|and/or|,\s*or|,\s*and)\s*$", re.I)


def quoted_copy(quote: str) -> list[str]:
    """The quoted ad copy of a rule's sentence, as written (`_COPY_BEFORE`, `_COPY_AFTER`)."""
    return [flat[m.start(1):m.end(1)].strip() for flat in (" ".join(quote.split()),) for m in _copy_spans(flat)]


def _copy_spans(flat: str) -> list[re.Match]:
    found = list(_QUOTED_COPY.finditer(flat))
    copy: list[re.Match] = []
    for i, m in enumerate(found):
        before = flat[found[i - 1].end() if i else 0:m.start()]
        if (_COPY_BEFORE.search(before) or _COPY_AFTER.match(flat[m.end():])
                or (copy and copy[-1] is found[i - 1] and _JOINED.match(before))):
            if m.group(1).strip():
                copy.append(m)
    # A joined quotation before one that is copy ("'free' or 'risk-free' claims").
    for i in range(len(found) - 2, -1, -1):
        if found[i] not in copy and found[i + 1] in copy and _JOINED.match(flat[found[i].end():found[i + 1].start()]):
            copy.insert(0, found[i])
    return sorted(copy, key=lambda m: m.start())


def _unquoted(text: str) -> str:
    """`text` with its quoted ad copy blanked: the words left are the rule's own."""
    for m in reversed(_copy_spans(text)):
        text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    return text


# "… for children under 2 years of age", "… to users aged 18 or over": the age bracket of the
# people a thing is for is a condition the rule executes (max/min age), not what it governs; a
# case about baby food for 8-month-olds names no "children" and no "age".
_AGE_BRACKET = re.compile(
    r"\b(?:for|to|by|of|among)\s+(?:(?:young|small|older)\s+)?(?:children|kids|infants|babies|toddlers|minors|people|persons|users|adults|teenagers|teens)"
    r"\s+(?:(?:under|over|below|above|up to|younger than|older than|aged|of)\s+(?:the age of\s+)?\d{1,2}(?:\s*(?:years?|months?))?(?:\s+(?:of age|old))?"
    r"(?:\s+(?:or|and)\s+(?:over|older|under|younger|above|below))?)",
    re.IGNORECASE,
)


def _without_age_bracket(flat: str) -> str:
    """The sentence without the age bracket of its people and without a pointer to a named
    list of markets ("In the markets listed in Annex A, Part 1, …"): neither names what the
    rule governs."""
    return LIST_REF.sub("markets", _AGE_BRACKET.sub(" ", flat))


def _rule_scope(flat: str) -> list[str]:
    flat = _without_age_bracket(flat)
    if (disapplied := _disapplied_to(_lead_off(flat))) is not None:
        return disapplied
    split = subject_and_rest(flat)
    if split is None:
        return _object_scope(_lead_off(flat))
    subject, rest = split
    words = [w for w in _WORD.findall(subject.lower()) if w not in _GENERIC and w not in _FUNCTION]
    if any(len(part.split()) > 14 for part in subject.split(",")):
        return []
    if not words:
        return _object_scope(rest)
    return list(dict.fromkeys(words))[:SCOPE_WORDS]


@dataclass(frozen=True)
class RuleSubject:
    """What a rule's subject phrase is, read by the question's own noun-phrase reader
    (core/casefacts.py `read_noun_phrase`), stemmed: the words of the phrase (its heads and
    their modifiers) and the words of what follows it to say what the thing is for or how it
    is ("Instructions or DIY kits for connecting … a gas supply": words instruct, diy, kit;
    complement connect, gas, supply …). `claim` is set instead for a rule about what an ad
    says (`claim_wording`)."""

    heads: tuple[str, ...] = ()
    words: frozenset[str] = frozenset()
    complement: frozenset[str] = frozenset()
    claim: str = ""  # the claimed wording ("a product can replace sleep, … is safe for children")
    claim_core: frozenset[str] = frozenset()  # its predicates' words, without what they are "for"


# What opens the part of a subject that says what its thing is for, whom it reaches or how it is
# made, rather than naming the thing: "for"/"with"/"to" phrases and a participle ("rated for
# adults", "offered to consumers", "containing …"). Not "of": the complement of "images of
# luxury cars", "sale of tobacco", "the odds of each item" is what the sentence is about. Not a
# parenthesis: it lists examples of the thing. Not a relative clause: "Drinks that combine
# alcohol with caffeine" restricts its head by what the thing is, and a case names such a drink
# in its own words ("a vodka and caffeine premix") without the head; measured (2026-11-30) with
# relative clauses as complements: validation 0.679 -> 0.667 and two more unsafe approvals.
_COMPLEMENT_OPENER = re.compile(r"^\s*(?:for|with|to|[a-z]+ed|[a-z]{3,}ing|" + "|".join(sorted(IRREGULAR_PARTICIPLES)) + r")\b", re.I)
# A subject that is something said: "Claims that …", "Statements suggesting …", "Ads that say,
# suggest or imply …"; a sentence that is only a quotation is an example of such wording.
_SAYING = r"(?:say|says|suggest|suggests|suggesting|imply|implies|implying|claim|claims|claiming|state|states|stating|promise|promises|promising|portray|portrays|portraying|present|presents|presenting|describe|describes|describing)"
_CLAIM_SUBJECT = re.compile(
    r"^(?:(?:any|all|no)\s+)?(?:(?:explicit|implied|express|direct|indirect|false|misleading|unsubstantiated|health|medical)\s+)*"
    r"(?:claims?|statements?|suggestions?|implications?|promises?|representations?|messages?|messaging)\s+(?:that|about|of|"
    + _SAYING + r")\s+(.+)$"
    r"|^(?:(?:any|all|no)\s+)?(?:ads?|adverts?|advertisements?|advertising|creatives?|copy|content)\s+(?:that|which)\s+"
    r"(?:\w+,?\s+(?:or|and/or)\s+|\w+,\s+)*" + _SAYING + r"\b,?\s+(?:that\s+)?(.+)$"
    # "Ads can't claim that a fitness programme cures …", "You may not suggest that …": a
    # prohibition whose verb is one of saying bans what is said, as "Claims that …" does.
    r"|^(?:ads?|adverts?|advertisements?|advertisers?|you|creatives?|copy)\s+(?:must not|mustn't|may not|can't|cannot|can not|"
    r"should not|shouldn't|will not|won't|are not allowed to|aren't allowed to)\s+(?:\w+\s+(?:or|and/or)\s+)?"
    + _SAYING + r"\b,?\s+(?:that\s+)(.+)$",
    re.I,
)
_QUOTATION_ONLY = re.compile(r"^[\"“‘'](.{3,200})[\"”’']\s*[.;]?$")
_CLAIM_PART_END = re.compile(r"\s+(?:for|to|among|in|on|at|by|from|than|with|without)\b.*$", re.I)


def claim_wording(quote: str) -> str:
    """What a rule about claims says may not (or must) be claimed, or "" when the rule is
    about no claim."""
    text = _lead_off(" ".join(quote.split())).strip()
    text = _INLINE_LABEL.sub("", text, count=1).strip()  # "**Medical claims:** Ads can't claim that …"
    m = _CLAIM_SUBJECT.match(text)
    if m:
        return (m.group(1) or m.group(2) or m.group(3) or "").strip(" .;:")
    m = _QUOTATION_ONLY.match(text)
    return m.group(1).strip(" .;:") if m else ""


def _claim_core(wording: str) -> frozenset[str]:
    """The words of each claimed predicate up to what it is for or whom it concerns: "is safe
    for children" -> safe; "can replace sleep" -> replace, sleep."""
    out: set[str] = set()
    for part in re.split(r"\s*[,;]\s*(?:or\s+|and\s+)?|\s+(?:or|and)\s+(?=(?:is|are|can|will|may|has|have|makes?|helps?)\b)", wording):
        part = _CLAIM_PART_END.sub("", part)
        out |= {stem(w) for w in _WORD.findall(part.lower()) if w not in _GENERIC and w not in _FUNCTION and w not in _NORMATIVE}
    return frozenset(out)


_DEMONSTRATIVE = re.compile(r"\b(?:these|those|such(?!\s+as\b))\s+[a-z]", re.IGNORECASE)


def _demonstrative_subject(quote: str) -> bool:
    """Does the sentence's subject point back with a plural demonstrative ("these games",
    "Ads for these services", "Such products …")? Then it names what an earlier sentence
    described, not a subject of its own."""
    split = subject_and_rest(" ".join(quote.split()))
    return split is not None and bool(_DEMONSTRATIVE.search(split[0]))


# A subject that is only a party every case has: the advertiser, or the reader addressed.
_PARTY_SUBJECT = re.compile(r"^\s*(?:(?:the|an?|each|every|all|any)\s+)?(?:advertisers?|you)\s*$", re.IGNORECASE)
# A definite noun phrase: a determiner that points at something already named ("the
# registration numbers", "those records", "that licence"), then up to three words of the phrase.
_DEFINITE_NP = re.compile(r"\b(?:the|those|these|that)\s+((?:[a-z][a-z'-]*\s+){0,2}[a-z][a-z'-]*)", re.IGNORECASE)
_NP_STOP = _FUNCTION | _NORMATIVE | frozenset(
    "to on in of at by as is are be was were can could do does did has have cannot not upon about if unless".split()
)


def _definite_words(rest: str) -> set[str]:
    """The stemmed content words of the definite noun phrases in a predicate ("is required to
    supply the registration numbers to us" -> registration, number); a phrase ends at the first
    function word, preposition or verb of saying what must be, so "that cannot do so" (a
    relative "that") names nothing."""
    out: set[str] = set()
    for m in _DEFINITE_NP.finditer(rest):
        words = []
        for w in m.group(1).lower().split():
            if w in _NP_STOP:
                break
            words.append(w)
        out |= {stem(w) for w in words if len(w) > 2 and w not in _GENERIC}
    return out


def _refers_back_by_object(quote: str, previous: str) -> bool:
    """Is the sentence a duty of the advertiser (or "you") about something the sentence before
    introduced, named with a definite article ("Ads for veterinary clinics may only be run by
    practices whose vets hold a current registration …. The advertiser is required to supply the
    registration numbers to us on request")? Its subject names no thing of its own, and "the
    registration numbers" are those of the registration just described: the rule governs what
    the rule before it governs, not every case of the clause."""
    split = subject_and_rest(" ".join(quote.split()))
    if split is None or not _PARTY_SUBJECT.match(split[0]):
        return False
    named = _definite_words(split[1])
    return bool(named) and bool(named & _stems(" ".join(_WORD.findall(previous.lower()))))


# "The period stated", "the price shown", "the figure quoted": a definite subject named by what
# the sentence before says to do with it.
_DONE_TO_SUBJECT = re.compile(
    r"^\s*the\s+((?:[a-z][a-z'-]*\s+){0,2}[a-z][a-z'-]*)\s+(stated|shown|given|displayed|quoted|disclosed|advertised|named)\s*$",
    re.IGNORECASE,
)


def _refers_back_by_subject(quote: str, previous: str) -> bool:
    """Is the sentence's subject the thing the sentence before says the ad must state or show,
    named by that verb's participle ("Ads that promote a contract must state the length of the
    cooling-off period. The period stated must be at least …")? "The period stated" is the
    period the rule before requires stated: this rule governs what that rule governs, not every
    case of the clause, nor only cases using the word "period"."""
    split = subject_and_rest(" ".join(quote.split()))
    m = _DONE_TO_SUBJECT.match(split[0]) if split is not None else None
    if m is None:
        return False
    before = _stems(" ".join(_WORD.findall(previous.lower())))
    return _stems(m.group(1)) <= before and bool(_stems(list(_VERB_FORMS[m.group(2).lower()])) & before)


# The verbs a participle of `_DONE_TO_SUBJECT` comes from, as the sentence before says them.
_VERB_FORMS = {
    "stated": ("state",), "shown": ("show",), "given": ("give",), "displayed": ("display",), "quoted": ("quote",),
    "disclosed": ("disclose",), "advertised": ("advertise",), "named": ("name",),
}


def rule_heads(quote: str) -> tuple[str, ...]:
    """The head noun(s) of the rule's subject phrase ("Ads for car subscription services" ->
    subscription; "Fireworks and pyrotechnics …" -> fireworks, pyrotechnics), read by the
    question's noun-phrase reader; empty when the sentence has no subject phrase to read. A
    list item's run-in label ("- **Personal training:** Ads for personal training …") names
    the item; the subject phrase is read after it."""
    return _rule_heads(_INLINE_LABEL.sub("", " ".join(quote.split()), count=1))


@lru_cache(maxsize=16384)
def _rule_heads(flat: str) -> tuple[str, ...]:
    from policydesk.core.casefacts import read_noun_phrase

    split = subject_and_rest(flat)
    phrase = read_noun_phrase(split[0]) if split is not None else None
    return tuple(phrase.heads) if phrase is not None else ()


def rule_subject(quote: str) -> RuleSubject | None:
    """The rule's subject phrase read as a noun phrase (or a claim), or None when its subject
    names nothing (an advertiser, "Ads must …") or cannot be read as one; read after a list
    item's run-in label, as `rule_heads` is."""
    return _rule_subject(_INLINE_LABEL.sub("", " ".join(quote.split()), count=1))


@lru_cache(maxsize=16384)
def _rule_subject(flat: str) -> RuleSubject | None:
    from policydesk.core.casefacts import read_noun_phrase

    wording = claim_wording(flat)
    if wording:
        return RuleSubject(claim=wording, claim_core=_claim_core(wording))
    split = subject_and_rest(flat)
    subject = split[0] if split is not None else _blank_markets(_lead_off(flat))
    phrase = read_noun_phrase(subject)
    if phrase is None or not _COMPLEMENT_OPENER.match(phrase.complement) or any(h.lower().endswith("ing") for h in phrase.heads):
        return None  # a gerund ("Asking for a deposit …") is a verb: what follows it is its object
    words = frozenset(stem(w) for w in phrase.words) - GENERIC
    if not words:
        return None
    complement, members = _MEMBERS_CUE.split(phrase.complement, maxsplit=1)[0], _MEMBERS_CUE.split(phrase.complement, maxsplit=1)[1:]
    # The members a subject lists after "including" / "such as" are the thing itself, named
    # by its kinds ("fireworks …, including aerial shells"): words of the subject, not of its complement.
    words |= frozenset(stem(w) for part in members for w in _WORD.findall(part.lower()) if w not in _GENERIC and w not in _FUNCTION)
    complement_words = frozenset(stem(w) for w in _WORD.findall(complement.lower()) if w not in _GENERIC and w not in _FUNCTION)
    return RuleSubject(heads=phrase.heads, words=words, complement=complement_words - words)


_MEMBERS_CUE = re.compile(r"\b(?:including|such as|e\.g\.|for example|for instance|like)\b", re.I)
_MEMBER_ITEM = r"[\w'-]+(?:\s+[\w'-]+){0,2}"
# The list a member cue opens: one item, or items run on to a last one joined by "and"/"or"
# ("including topical products, can't run …" lists one; "such as creams, balms and serums" three).
_MEMBER_LIST = re.compile(rf"\s*,?\s*(?:the\s+)?({_MEMBER_ITEM}(?:(?:,\s+{_MEMBER_ITEM})*,?\s+(?:and|or)\s+{_MEMBER_ITEM})?)")


def member_words(quote: str) -> frozenset[str]:
    """Stems of the words a sentence names only as members of a thing, listed after
    "including" / "such as" ("ads for any CBD product, including topical products, can't run":
    topical). The members are kinds of the thing its head names, by example: a case about the
    thing need not name one to be about it (core/clause_logic.py `rule_subject` counts them
    as further words naming the thing, never as words narrowing it)."""
    flat = " ".join(quote.split())
    inside: set[str] = set()
    outside: set[str] = set()
    pos = 0
    for cue in _MEMBERS_CUE.finditer(flat):
        if cue.start() < pos:
            continue
        listed = _MEMBER_LIST.match(flat, cue.end())
        if listed is None:
            continue
        outside |= {stem(w) for w in _WORD.findall(flat[pos : cue.start()].lower())}
        inside |= {stem(w) for w in _WORD.findall(listed.group(1).lower())}
        pos = listed.end()
    outside |= {stem(w) for w in _WORD.findall(flat[pos:].lower())}
    return frozenset(w for w in inside - outside if w not in _FUNCTION and w not in _NORMATIVE)


# "Advertisers may promote free trials provided …", "We allow ads for CBD products …": the
# subject is the advertiser or the platform, and what the sentence governs is what is promoted.
_PROMOTED = guarded(
    r"\b(?:promote|advertise|market|sell|offer|run ads for|(?:allow|accept|permit)s? (?:ads|advertising|advertisements|the promotion|the advertising) (?:for|of))"
    r"\s+(.+?)(?=\s+(?:provided|if|only|as long as|so long as|unless|when|where|to|in|on|with|without|that|which|who|under|from|by|at)\b|[,.;:(]|$)",
    re.IGNORECASE,
)


def _object_scope(text: str) -> list[str]:
    """What a sentence whose subject names nothing specific lets or makes the advertiser
    promote: its object's content words, minus markets."""
    m = _PROMOTED.search(text)
    if m is None:
        return []
    obj = m.group(1)
    for mention in reversed(find_mentions(obj)):
        obj = obj[: mention.start] + " " + obj[mention.end :]
    words = [w for w in _WORD.findall(obj.lower()) if w not in _GENERIC and w not in _FUNCTION]
    return list(dict.fromkeys(words))[:6] if len(obj.split()) <= 8 else []


# A comma segment that opens the sentence with a setting ("In Thailand, …", "Where local law
# allows, …") is not the subject; one that follows the subject to qualify it ("…, in which
# players cannot win money, …", "…, which …") describes it without naming it.
_INTRO = re.compile(r"^\s*(?:in|within|outside|where|when|whenever|if|unless|for|under|on|at|after|before|during|from|as|"
                    r"apart|besides|except|although|though|because|since|once|until|while|everywhere|elsewhere|otherwise|"
                    r"however|also|additionally|instead|likewise|similarly|here|there)\b", re.I)
_QUALIFIER = re.compile(r"^\s*(?:(?:in|to|for|of|by|with|at|from|on) (?:which|whom|whose)|which|who|whom|whose|where|that|"
                        r"when|whether|e\.g\.|i\.e\.)\b", re.I)


# "Ads covered by this standard", "ads within the scope of this policy": every ad the document
# governs, so the words name nothing a case must name (the document's own subject gates it).
_COVERED_BY_DOCUMENT = guarded(
    r"\b(?:(?:that|which) (?:are|is) )?(?:covered by|subject to|within the scope of|in scope of|governed by) (?:this|the) (?:standard|policy|document|guidelines?|code)\b",
    re.IGNORECASE,
)


def _subject_phrase(subject: str) -> str:
    """The words before the predicate that name the subject, comma segments kept when they
    continue it (a list: "wedding planners, coaching books and …"; examples: "…, such as
    patches, gum and lozenges …") and dropped when they set the scene before it or qualify it
    after it. "covered by this standard" qualifies no ad out (`_COVERED_BY_DOCUMENT`)."""
    subject = _COVERED_BY_DOCUMENT.sub(" ", subject)
    parts = [p for p in subject.split(",") if p.strip()]
    while len(parts) > 1 and _INTRO.match(parts[0]):
        parts = parts[1:]
    if not parts:
        return ""
    return ",".join([parts[0]] + [p for p in parts[1:] if not _QUALIFIER.match(p)])


_CREDENTIALED = guarded(r"\b(?:licen[cs]ed|registered|certified|authori[sz]ed|accredited|verified|approved)\b", re.I)


def _credentialed_subject(quote: str) -> bool:
    """Is the sentence's subject an advertiser named by a credential ("licensed dealers may …")?"""
    split = subject_and_rest(" ".join(quote.split()))
    return split is not None and bool(_CREDENTIALED.search(split[0]))


_PROMOTED_LIST = guarded(
    r"\b(?:promote|advertise|market|sell|offer)\s+(.+?)(?=\s+(?:provided|if|only|as long as|so long as|unless|when|where|to users|to people|in|on|with|without|under|from|by|worth|valued|costing|priced)\b|[.;:(]|$)",
    re.IGNORECASE,
)


# A subject that names only the advertiser ("you", "advertisers") or a cue word before a colon
# ("Exception: you …"): a party every case has, no thing.
_PARTY_OR_CUE = frozenset("you we advertisers advertiser exception exceptions note".split())


def _promoted_list(quote: str) -> list[str]:
    """What a sentence lets the advertiser promote, a listed object kept whole ("rifles,
    shotguns and ammunition"), minus markets and generic words."""
    m = _PROMOTED_LIST.search(" ".join(quote.split()))
    if m is None or len(m.group(1).split()) > 10:
        return []
    obj = m.group(1)
    for mention in reversed(find_mentions(obj)):
        obj = obj[: mention.start] + " " + obj[mention.end :]
    return list(dict.fromkeys(w for w in _WORD.findall(obj.lower()) if w not in _GENERIC and w not in _FUNCTION))[:8]


_COMPARATIVES = frozenset({"more", "less", "fewer", "than", "above", "below", "over", "under", "least", "most", "exceed", "exceeds", "exceeding"})


def lifted_threshold(quote: str) -> tuple[str, str, list[str]] | None:
    """(the prohibition, its lifting clause, the prohibition's thresholds) of a prohibition
    lifted on a condition whose prohibited act has a threshold to execute ("We do not allow ads
    to claim bill savings of more than 70% per year unless the figure comes from a survey");
    None for any other sentence. Read as one requirement ("allowed only if …"), a case under
    the threshold was held to the lifting condition too."""
    flat = " ".join(quote.split())
    m = LIFTED.search(flat)
    if m is None:
        return None
    ban = flat[: m.start()].rstrip(" ,;")
    read = decide(ban)
    if read is None or read[0] != "reject":
        return None
    thresholds = [c for c in executable_conditions(ban, "reject") if c.split(":", 1)[0] in ("max", "min")]
    lifting = flat[m.end():].strip().rstrip(".;:").strip()
    if not thresholds or not lifting:
        return None
    return ban, lifting, thresholds


_BANNED_ACT = re.compile(
    r"^\W*(?:\[[ xX]?\]\s*)?(?:(?:you|advertisers?|ads?)\s+)?(?:must not|must never|may not|should not|cannot|can't|do not|don't|never)\s+([a-z]+)\b",
    re.IGNORECASE,
)


def prohibition_scope(quote: str) -> list[str]:
    """What a prohibition with no condition to execute is about: its content words. "Ads must
    not use images of luxury cars or cash" forbids a kind of content; a case that names none of
    it is about another aspect of the policy, and the prohibition does not decide it."""
    text = _without_age_bracket(_lead_off(" ".join(quote.split())))
    for m in reversed(find_mentions(text)):
        text = text[: m.start] + " " + text[m.end :]

    # "Must not use the words …", "Never claim that …": the verb a leading prohibition governs is
    # the act it bans, not what it is about (a case that "uses age targeting" names no banned
    # wording).
    text = _BANNED_ACT.sub(lambda m: m.group(0)[: m.start(1) - m.start(0)] + " " * len(m.group(1)), text, count=1)

    def words_of(t: str) -> list[str]:
        return [w for w in _WORD.findall(t.lower()) if w not in _GENERIC and w not in _FUNCTION and w not in _NORMATIVE]

    # Quoted ad copy is an example of what the rule forbids, not its subject (`_QUOTED_COPY`):
    # its words count only when the rule names nothing besides it.
    words = words_of(_unquoted(text)) or words_of(text)
    return list(dict.fromkeys(words))[:12]


_APPLY_TO = guarded(r"\bapply to\s+(?:the |any |all )?(.+?)\s*[.;:]?\s*$", re.IGNORECASE)
_NOT_KINDS = re.compile(r"^\s*(?:in|within|to|where|when|if|once|while|as|under|during|on|at)\b", re.IGNORECASE)


def _kinds_named(phrase: str) -> list[str]:
    """The head noun of each item of a list of kinds ("registered charities and public
    schools" -> charities, schools): who an exception or exemption is for. Empty for a
    setting ("in France", "where local law allows"), which names no kind."""
    if _NOT_KINDS.match(phrase):
        return []
    heads: list[str] = []
    for item in re.split(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|and/or)\s+", phrase.strip(" .;:")):
        words = _WORD.findall(item.lower())
        if words and words[-1] not in _GENERIC and words[-1] not in _FUNCTION:
            heads.append(words[-1])
    return list(dict.fromkeys(heads))[:6]


# What follows a kind to describe it ("finance companies regulated by …", "clubs that …").
_POST_MODIFIER = re.compile(r"\s+(?:\w+ed by|run by|based in|that|which|who|whose|with|from|in|of|under|for)\b.*$", re.IGNORECASE)


def _exempted(quote: str) -> list[str]:
    """Who a carve-out sentence is for, as the kinds it names: "… does not apply to registered
    charities" -> charities; "Banks and finance companies regulated by the authority may still
    …" -> banks (companies is a generic word). Only the kinds: a word describing them
    ("regulated", "authority") is shared by cases the carve-out is not for."""
    flat = " ".join(quote.split())
    m = _APPLY_TO.search(flat)
    if m:
        return _kinds_named(m.group(1))
    pred = PREDICATE.search(_lead_off(flat))
    if pred is None:
        return []
    subject = _subject_phrase(_lead_off(flat)[: pred.start()])
    items = re.split(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|and/or)\s+", subject)
    return _kinds_named(", ".join(_POST_MODIFIER.sub("", item) for item in items))


def _short(quote: str, words: int = 14) -> str:
    parts = " ".join(quote.split()).split(" ")
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


CLAUSE_REF = guarded(  # "the markets listed in GAM-3"
    r"\b(?:markets?|countries) (?:listed |named )?in ([A-Z][A-Z0-9]{1,9}-\d+)\b")


# "In the markets listed in Annex A, Part 1, …", "the countries in Schedule 2": a named list
# (an annex, schedule, appendix or table of the same document) whose rows name the markets.
LIST_REF = re.compile(
    r"\b(?:markets?|countries|jurisdictions|territories) (?:(?:that are )?(?:listed|named|set out|shown)(?: as (?:permitted|allowed|eligible|approved))? )?in "
    r"((?:Annex|Schedule|Appendix|Table)\s+[A-Z0-9]{1,3}\b(?:\s*,?\s*Part\s+[A-Z0-9]{1,3}\b)?)"
)
# "may only run in the", "are allowed only in", "restricted to the": the words before a named
# list that make it the only markets the ad may run in.
_ONLY_IN_LIST = re.compile(
    r"\b(?:only|exclusively|solely)\s+(?:be\s+)?(?:(?:run|shown|served|advertised|promoted|offered|allowed|permitted|accepted|targeted)\s+)?"
    r"(?:in|within|to|for)\s+(?:the\s+|those\s+)?$"
    r"|\b(?:limited|restricted)\s+to\s+(?:the\s+|those\s+)?$",
    re.IGNORECASE,
)
# "the licence listed for each market in Schedule A", "the days shown for that market in
# Schedule A": the list says what holds in each of its markets, one by one; it does not make them
# the markets the rule is written for (core/market_schedule.py executes such figures).
_EACH_MARKET = re.compile(r"\b(?:each|every|that|the relevant|its|their|the advertiser's)\s+$", re.IGNORECASE)
_PART_LABEL = re.compile(r"\s*(Part\s+[A-Z0-9]{1,3})\s*$", re.IGNORECASE)


def _list_key(name: str) -> str:
    return " ".join(re.sub(r"[,]", " ", name).upper().split())


def list_markets(chunks: list[Chunk]) -> dict[str, list[str]]:
    """A document's named lists -> the markets their table rows name: "ANNEX A" -> every
    market named by a row of the table under a heading "Annex A …" (also "9. Schedule A: …"),
    "ANNEX A PART 1" -> those of its row labelled "Part 1". A row's markets are its label's or,
    for a label naming none, those of a cell that only names markets (core/table_rows.py
    `row_label`). A row its table's permission column marks refused ("| India (IN) | No |")
    is listed only to be refused: it is none of the list's markets (core/market_schedule.py)."""
    out: dict[str, list[str]] = {}
    for key, table in schedules(chunks).items():
        whole = out.setdefault(key, [])
        for row in table.rows:
            if not permitted(table, row):
                continue
            keys = [whole]
            if part := _PART_LABEL.match(row.cells[0]):
                keys.append(out.setdefault(_list_key(f"{key} {part.group(1)}"), []))
            for have in keys:
                have.extend(m for m in row.markets if m not in have)
    return {k: v for k, v in out.items() if v}


def clause_markets(chunks: list[Chunk]) -> dict[str, list[str]]:
    """Clause id -> its markets, for sentences that point at another clause's list."""
    return {c.clause_id.upper(): [m.upper() for m in c.markets] for c in chunks if c.clause_id and c.markets and "global" not in c.markets}


def _restates(rule: Rule, marker_conditions: list[str]) -> bool:
    """A restriction whose every condition the marker rule already executes, each for the
    markets it names, is a row of the clause's own table ("- 21+ in the United States (US)"
    -> `min_age:21@US,MY` under an age-floor marker), not an exception to it: as an exception
    it would replace the marker rule in those markets. A condition without markets
    ("the minimum age is 21" in a US sentence) is scoped by the rule, which must stay."""
    return (
        rule.decision == "restrict" and bool(rule.conditions) and set(rule.conditions) <= set(marker_conditions)
        and all(_condition_facts(c)[1] for c in rule.conditions)
    )


# "Operators licensed by the GGL may still advertise sports betting": the clause itself
# carves a named kind out of its prohibition ("still", "remain allowed").
_STILL_ALLOWED = guarded(r"\b(?:may|can|are|is) still\b|\bremains? (?:allowed|permitted|possible)\b", re.IGNORECASE)
_UNDER_CLAUSE = guarded(r"\bunder ([A-Z][A-Z0-9]{1,9}-\d+)\b")


def _carves_out(rule: Rule, clause_decision: str | None) -> bool:
    """A sentence of a prohibiting clause that still allows a kind it names."""
    return (
        clause_decision == "reject" and rule.decision in ("approve", "restrict") and rule.overrides is None
        and bool(_STILL_ALLOWED.search(rule.quote)) and bool(_exempted(rule.quote))
    )


_STILL_OBJECT = guarded(
    r"\b(?:still|remains?)\s+(?:be\s+)?(?:advertise[ds]?|promote[ds]?|run|show|offer|allowed to advertise)\s+(.+?)(?:\s+(?:under|provided|if|only|as long as|where|when)\b|[.;:]|$)",
    re.IGNORECASE,
)


def _carved(quote: str) -> list[str]:
    """What a carve-out still allows, as the kinds it names ("may still advertise virtual slot
    machines, online poker and sports betting" -> machines, poker, betting); else who it is for."""
    m = _STILL_OBJECT.search(" ".join(quote.split()))
    return (_kinds_named(m.group(1)) if m else []) or _exempted(quote)


def _carve_out(rule: Rule, base: str) -> Rule:
    """The carve-out as an exception for the kinds it names (who may still advertise is a
    condition it executes: "licensed" -> the licence); "under GAM-1" keeps that clause's
    conditions, which this rule does not execute, as a requirement in words."""
    conds = list(rule.conditions)
    ref = _UNDER_CLAUSE.search(rule.quote)
    if ref:
        conds.append(f"other:the conditions of {ref.group(1)}")
    return rule.model_copy(update={"overrides": base, "scope": _carved(rule.quote), "conditions": conds, "decision": "restrict" if ref else rule.decision})


def _narrows_subject(rule: Rule, clause_decision: str | None) -> bool:
    """A prohibition about a named subject inside a clause that does not prohibit."""
    return rule.decision == "reject" and clause_decision != "reject" and bool(rule.scope)


def _as_exemption(rule: Rule, earlier: list[Rule]) -> Rule:
    """"Addiction centres must be certified. Government helplines are exempt from
    certification.": an exemption naming the credential an earlier sentence of the clause
    requires lifts that requirement for the kinds it names, and only for them (an exception
    to that rule, so it wins where it applies and nowhere else)."""
    if rule.decision != "approve" or rule.conditions or not EXEMPTION.search(rule.quote):
        return rule
    low = rule.quote.lower()
    for prior in reversed(earlier):
        creds = [c.split(":", 1)[1].split("@")[0] for c in prior.conditions if c.startswith("requires:")]
        if prior.decision == "restrict" and prior.overrides is None and any(_CRED_WORD.get(c, c)[:6] in low for c in creds):
            kinds = _exempted(rule.quote) or list(rule.scope)
            if kinds:
                return rule.model_copy(update={"overrides": prior.id, "scope": kinds, "markets": rule.markets or list(prior.markets)})
    return rule


_CRED_WORD = {"licence": "licen", "certification": "certif", "verification": "verif", "permission": "permis", "membership": "member"}


@dataclass
class _ListLead:
    """A sentence that introduces a list ("We don't allow:", "This includes:"): the decision
    and markets its items take, and its own rule when it names nothing by itself."""

    decision: str
    markets: list[str]
    rule: Rule | None = None
    items: int = 0
    requirements: bool = False  # "Retailers must:", "… may advertise their services if:": each item is one
    kinds: list[str] | None = None  # who the requirements are for ("Retailers must:" -> retailers)
    claims: bool = False  # "The ad must not say or imply any of the following:": each item is a claim it bans


_INCLUDES = guarded(r"^\s*(?:this|these|that|it|they|such \w+)\s+(?:includes?|covers?|means?|are|is)\b[^:]{0,40}:\s*$|"
                       r"^\s*(?:this|it) (?:applies|applies to)\b[^:]{0,40}:\s*$|^\s*(?:for example|examples?(?: include)?|including)\s*:\s*$", re.I)


# A lead whose condition is the list itself: "… may advertise their services if:", "You can
# advertise energy drinks if all of the following are true:", "…, provided that:".
_CONDITIONAL_LEAD = guarded(
    r"\b(?:if|when|where|once|provided(?: that)?|as long as|so long as|on condition that)\b[^.;:]{0,60}:\s*$", re.IGNORECASE)


# A lead that points back at the sentence before it: "In those markets:", "For these ads:".
_POINTS_BACK = re.compile(r"\b(?:those|these|such)\b", re.I)


def _list_lead(text: str, readings: list, previous: list[Rule]) -> _ListLead | None:
    """The lead of a list, or None. A sentence ending in a colon that states a decision
    ("We don't allow ads for:") leads with it; one that only points back ("This includes:")
    leads with the decision of the sentence before it. A permission whose condition is the
    list that follows ("… may advertise if:") allows on the items' conditions: it restricts.
    A lead whose items are what must hold ("Retailers must:", "… may advertise if:") makes
    each item a requirement (`_as_requirement`) for the kind of advertiser it names."""
    if not text.rstrip().endswith(":"):
        return None
    if readings:
        r = readings[0]
        decision, flat = r.decision, " ".join(text.split())
        if decision == "approve" and _CONDITIONAL_LEAD.search(flat):
            decision = "restrict"  # "… may advertise if:": allowed on the conditions the list states
        requirements = decision != "reject" and bool(_REQUIREMENT_LEAD.search(flat))
        return _ListLead(decision, list(r.markets), requirements=requirements, kinds=_lead_kind(text) if requirements else None,
                         claims=decision == "reject" and saying_lead(flat))
    if _INCLUDES.match(text) and previous:
        main = previous[0]
        return _ListLead(main.decision, list(main.markets))
    return None


# A lead whose items are what must hold: an obligation ("Retailers must:", "Advertisers need to:")
# or a permission whose condition is the list (`_CONDITIONAL_LEAD`). Its own sentence states no
# requirement beyond its items: each item is one.
_REQUIREMENT_LEAD = re.compile(
    r"\b(?:must|need to|needs to|have to|has to|should|shall|(?:is|are) required to)\b[^:.]{0,40}:\s*$|" + _CONDITIONAL_LEAD.pattern,
    re.IGNORECASE,
)


# "Your ad doesn't show anyone drinking more than one can": a requirement that the ad NOT do
# something holds unless the case says the ad does it; as words to find stated it could never
# be met (a question does not say what its ad leaves out), so it is no `other:` condition.
_NEGATED_ITEM = guarded(negation_source("don't", "doesn't", "isn't", "aren't", "won't", "can't", "cannot"), re.I)


_KIND_END = re.compile(r"\b(?:that|which|who|whose|with|for|of|in|on|from|under|offering|selling|running|providing|must|may|can|should|shall|need|needs|have|has|if)\b|[,:(]", re.I)


def _lead_kind(text: str) -> list[str]:
    """The kind of advertiser a requirement list is for, when its lead names one by a plain
    noun ("Retailers must:" -> retailers): the head of the subject, before what qualifies it.
    A generic one ("Advertisers offering …", "Companies that …", "You") names no kind, and the
    items then bind every case of the clause."""
    text = _lead_off(" ".join(text.split()))
    end = _KIND_END.search(text)
    words = _WORD.findall(text[: end.start() if end else len(text)].lower())
    if not words or len(words) > 3:
        return []
    head = words[-1]
    return [] if head in _GENERIC or head in _FUNCTION or head in ("you", "we", "they") else [head]


def _as_requirement(rule: Rule, kinds: list[str] | None = None) -> Rule | None:
    """An item of a requirement list as a requirement: `restrict` (met, it allows; broken, it
    rejects; unstated, it restricts), and, when it names nothing executable, the item's own
    words as an `other:` condition, which the answerer finds met only when the question
    states it in so many words (core/restated.py). A prohibition item stays one; a negated
    item naming nothing executable is no requirement (None)."""
    if rule.decision == "reject":
        return rule
    conds = list(rule.conditions)
    if not conds:
        words = _lead_off(rule.quote).strip().rstrip(".;:")
        if _NEGATED_ITEM.search(words):
            return None  # "the ad doesn't show …": holds unless the case says otherwise (above)
        if words:
            conds = [f"other:{words}"]
    # Its words are what is required, not what it governs (that is the lead's kind): a case
    # that names none of them ("publish the safety briefing") is the case it must hold for.
    return rule.model_copy(update={"decision": "restrict", "conditions": conds, "scope": list(kinds or [])})


def _banning(said: str, rules: list[Rule]) -> Rule | None:
    """The last claim ban among `rules` that saying `said` would break (core/claim_match.py)."""
    for rule in reversed(rules):
        if rule.decision == "reject" and any(c.startswith("no_claim:") and makes_claim(c[len("no_claim:"):], said) for c in rule.conditions):
            return rule
    return None


def _names_something(rule: Rule) -> bool:
    """Does a lead's own sentence name what it governs, beyond "we don't allow ads for"?"""
    return any(w not in _LEAD_WORDS for w in prohibition_scope(rule.quote))


_LEAD_WORDS = frozenset("don't doesn't won't can't cannot allow accept permit following ads advertising content "
                        "products services items promote promotion sale selling restrictions conditions requirements".split())


def _list_item_rule(text: str, lead: _ListLead, rule_id: str, section: str) -> Rule:
    """A list item as a rule: the lead's decision and markets, the item's own conditions, and
    the item's content words as its subject (the lead's decision is about what each item names).
    An item that scopes itself to markets ("- Consumer fireworks ads in Ireland and Chile")
    under a lead that names none holds in those markets only."""
    quote = " ".join(text.split())
    # An item of a list of banned claims bans saying what it says (core/claim_list.py).
    conds = [f"no_claim:{c}" for c in item_claims(quote)] if lead.claims else executable_conditions(quote, lead.decision)
    markets = list(lead.markets) or scope_markets(quote)[0]
    return Rule(
        id=rule_id, section=section, quote=quote, decision=lead.decision,  # type: ignore[arg-type]
        markets=markets, conditions=conds, scope=prohibition_scope(quote), confidence=0.7, status="proposed",
    )


_WITH_RESTRICTIONS = guarded(r"\bwith (?:these |the following |some |certain )?restrictions\b", re.IGNORECASE)


# "…, as long as the advice is free to the user": a proviso closing a permission.
_PROVISO = guarded(r"[,;]?\s*\b(?:as long as|so long as|provided(?: that)?|on condition that)\s+(\S.*?)\s*[.;]?\s*$", re.IGNORECASE)


def _restated_proviso(quote: str, scope: list[str]) -> bool:
    """Does a permission's proviso only restate what its subject already is? "Free debt
    advice offered by registered charities … may be advertised without restriction, as long
    as the advice is free to the user": every word the proviso adds ("advice", "free"; ad
    words such as "user" add nothing) is a word of the subject, so it narrows nothing the
    subject does not, and the sentence permits what it names outright. A proviso that asks
    for anything more ("as long as the ad states the price") is a condition."""
    m = _PROVISO.search(quote)
    if m is None or not scope or m.start() == 0:
        return False
    main = decide(view(quote[: m.start()]))
    if main is None or main[0] != "approve":
        return False
    added = terms(m.group(1)) - GENERIC
    return bool(added) and added <= {stem(w) for w in scope}


def heading_markets(section: str) -> list[str]:
    """The markets the nearest heading that names nothing but markets names ("… > United
    Kingdom", "Singapore"), else none. A heading that also names a topic ("Singapore:
    drinking promotions") is read by the loader's markers, not here."""
    for level in reversed((section or "").split(" > ")):
        named = only_markets_named(level)
        if named:
            return named
    return []


# A clause inside a noun phrase's description: a relative or complement clause with a subject of
# its own ("promotions where you must pay …", "ads that … suggest that every applicant will be
# accepted"), to the end of its clause. Its verb is the description's, not the sentence's: "ads
# that show X must carry …" ("that" + verb) is not one, so its "must" stays the sentence's.
_SUBORDINATE = guarded(
    r"\b(?:where|when|whose|that|which|who|if|whether)\s+(?:there\b|(?:you|we|they|he|she|it|the|a|an|every|each|any|all|their|its|his|her|our|your|some|no|this|these|those|(?:any|every|some|no)(?:one|body|thing))\b"
    r"(?:\s+[\w'-]+){0,3}?)\s+(?:must|may|might|can|could|will|would|should|shall|cannot|can't|is|are|was|were|has|have|had|gets?|needs?)\b[^,;:.]*",
    re.IGNORECASE,
)
_QUOTED_WORDS = re.compile(r"[\"“][^\"”]*[\"”]")


def _main_clause(text: str) -> str:
    """`text` without its quotations and the clauses that describe one of its nouns
    (`_SUBORDINATE`): what the sentence itself says."""
    text = _QUOTED_WORDS.sub(lambda m: " " * len(m.group(0)), text)
    return _SUBORDINATE.sub(lambda m: " " * len(m.group(0)), text)


def _described_only(text: str) -> bool:
    """Does every decision `text` reads as come from inside a description of one of its nouns
    (a quotation, a clause with a subject of its own), its main clause deciding nothing?"""
    return not read_unit(_main_clause(text))


def _is_fragment(text: str) -> bool:
    """A unit with no verb of its own ("Examples: a video of someone firing …", a list item
    a PDF flattened into a line): an item of whatever it sits under, not a sentence. A line
    ending in a colon ("In those markets:") leads a list; it is no item."""
    return PREDICATE.search(_lead_off(text)) is None and not text.rstrip().endswith(":")


_LABEL_WORDS = 4


def run_in_label(text: str, span, following) -> bool:
    """A run-in heading: a short verbless unit ending in a full stop or colon that the next
    sentence continues on the same line ("Spray paint. Ads for aerosol spray paint must not
    be targeted to users under 16."; "Sports nutrition: Protein powders … may be promoted
    provided …"). It labels the sentence after it, which states the rule; read as a list item
    of the heading's decision it became a rule of its own, unconditioned, deciding every case
    that names its words. A bullet, or a line of its own, is a list item and is not this."""
    if following is None or span.bullet or following.bullet:
        return False
    body = span.text.strip()
    if not body.endswith((".", ":")) or len(body.split()) > _LABEL_WORDS or not _is_fragment(body.rstrip(".:")):
        return False
    gap = text[span.end:following.start]
    return "\n" not in gap and bool(read_unit(following.text))


_ITEM_LABEL_WORDS = 8


def item_label(span, following) -> bool:
    """A list item that is the heading of the items after it: a short verbless item ("- Paid
    random items (loot boxes, gacha, card packs)") followed by an item that states a rule of
    its own about what the label names ("- Games with paid random items can be advertised
    provided that …"). A nested list flattened by its loader reads this way; the label's own
    decision (the heading's) is only a heading for those rules, and as a rule of its own,
    with no condition, it would restrict every case naming its words. An item followed by
    another verbless item, or by a rule about something else, is an item."""
    if following is None or not span.bullet or not following.bullet:
        return False
    body = _lead_off(span.text).strip()
    if len(body.split()) > _ITEM_LABEL_WORDS or not _is_fragment(body) or not read_unit(following.text):
        return False
    named = terms(re.sub(r"\([^)]*\)", " ", body)) - GENERIC
    return bool(named & terms(following.text))


def cut_label(text: str, span) -> bool:
    """A run-in heading the chunk was cut after: the last unit of a size-split piece, shaped
    like a run-in label (short, verbless, ending in a full stop, no bullet), in a paragraph
    that already runs its labels in ("Monthly payments. If an ad states … 0% finance." with
    the sentence "Ads promoting 0% APR …" in the next piece). Its sentence, and so its rule,
    is in the next piece; read as a list item of the heading it became an unconditioned rule
    of its own. The caller asks only within a paragraph with a run-in label before it: a
    verbless unit in a list of such units is an item, and stays one."""
    body = span.text.strip()
    return (
        not span.bullet and body.endswith(".") and len(body.split()) <= _LABEL_WORDS
        and _is_fragment(body.rstrip(".")) and not text[span.end:].strip()
    )


_INLINE_LABEL = re.compile(r"^\s*(?:[-*\u2022]\s+)?(?:\*\*|__)([^*_]{2,40}?)[:.]?(?:\*\*|__)\s*[:.]?\s")


# A checklist's tick box before an item ("[ ] Target users 18+ only.", "[x] …"). Defined once:
# until session 17 a second, looser definition above it was shadowed by this one at import.
_CHECKBOX = re.compile(r"^\s*\[[ xX]?\]\s")
# A plain run-in label: an item opening with a short phrase and a colon ("[ ] Pepper spray / CS
# spray: ONLY in …", "- Multi-tools: apply …").
_PLAIN_LABEL = re.compile(r"^\W*(?:\[[ xX]?\]\s*)?([A-Za-z][\w' ,/-]{1,60}?)\s*:\s+\S")


def _names_things(label: str) -> bool:
    """Does a label name things: every part (split at "/", "," and "and"/"or") ends in a noun
    (WordNet, core/lexicon.py) and no part names only markets ("GB and IE: …")? A cue word
    ("Exception", "Note") opens a remark, not a subject."""
    if find_mentions(label) or re.fullmatch(r"(?i)\s*(?:exceptions?|notes?|examples?|tips?|important|warning)\s*", label):
        return False
    parts = [p.strip() for p in re.split(r"\s*(?:/|,|\band\b|\bor\b)\s*", label) if p.strip()]
    if all(p in ISO_CODES for p in parts):
        return False  # "GB and IE: …": market codes
    try:
        return bool(parts) and all(re.fullmatch(r"[A-Za-z][\w'-]*", p.split()[-1]) and lexicon.lemmas(p.split()[-1].lower(), "n") for p in parts)
    except lexicon.LexiconUnavailable:
        return False


def _label_words(text: str) -> list[str]:
    """A run-in heading's content words ("Energy-saving claims." -> energy-saving, claims)."""
    words = [w for w in _WORD.findall(text.lower()) if w not in _GENERIC and w not in _FUNCTION]
    return list(dict.fromkeys(words))[:SCOPE_WORDS]


# Nouns that name the measure of a limit, not a thing advertised: "the minimum age is 18",
# "the maximum rate is 36%" (general English for thresholds, not any policy's topic words).
_MEASURE_NOUNS = frozenset("minimum maximum age ages limit limits cap threshold floor ceiling rate amount".split())
# "The <bound> [for …] is <number>": a sentence naming the bound it sets as its subject
# ("the minimum legal age for these ads is 18", "the limit for these ads is 500 GB"). Was the
# answerer's re-reading of the quote (assistant/execute.py, s8dev3); read here once instead.
_BOUND_SUBJECT = guarded(r"\bthe ((?:[\w-]+ ){0,3}?[\w-]+)(?: for [^,.;]{1,40}?)? (?:is|are|will be|becomes|rises to) (?:now |then )?(?:[\w-]+ )?\d", re.I)
_BOUND_KINDS = ("min_age", "max", "min")


def _stems(words: list[str] | str) -> set[str]:
    parts = re.findall(r"[a-z0-9]+", " ".join(words).lower() if isinstance(words, list) else words.lower())
    return {stem(w) for w in parts}


def _own_bound(quote: str, scope: list[str], conds: list[str]) -> bool:
    """Is the sentence's subject only the bound it sets ("In the United States, the minimum age
    for these ads is 21", "the minimum legal age is 18")? Then it names no subject of its own:
    its subject words are measure nouns, or the words of "the <bound> … is <number>" when it
    sets a bound of that kind."""
    if not scope or not conds:
        return False
    if set(scope) <= _MEASURE_NOUNS:
        return True
    bound = _BOUND_SUBJECT.search(quote)
    return bool(bound) and _stems(scope) <= _stems(bound.group(1)) and any(_condition_facts(c)[0] in _BOUND_KINDS for c in conds)


def sentence_text(chunk: Chunk, index: int, text: str) -> str:
    """A sentence as it reads in its clause: a PDF heading that swallowed the start of the
    clause's first sentence ("5.2 ... is allowed only in") is put back in front of it."""
    if index == 0 and chunk.section and not chunk.section.rstrip().endswith((".", ":", ";")) and text[:1].islower():
        return chunk.section.split(" > ")[-1] + " " + text
    return text


def refers_to_people(chunk: Chunk, decision: str | None) -> bool:
    """Does a sentence of this reading send the clause's cases to people? When it says so
    ("… are reviewed case by case"), or when it permits under a heading that does ("Reviewed
    case by case": the "may" there is the reviewers' procedure). A clause whose marker declares
    its decision sends nothing to people by its wording."""
    if chunk.decision:
        return False
    return decision == "escalate" or (decision == "approve" and section_decision(chunk.section) == "escalate")


# Who a referral's procedure sentence addresses: the people deciding, never a kind of ad.
_REVIEWERS = {"reviewers", "reviewer", "moderators", "moderator", "yourself", "yourselves", "themselves"}


def referral_rules(chunk: Chunk, rules: list[Rule]) -> list[Rule]:
    """The sentences of a clause that send its cases to people, each an `escalate` rule
    executed as a prohibition is: its subject must be named and its threshold, if it states
    one, crossed ("a cash prize of more than USD 100,000 … reviewed case by case" sends a USD
    250,000 cash prize to people, not a USD 500 fuel card). Read once here so the answerer
    executes them rather than re-reading the quoted sentence per question. The conditions are
    read as a prohibition's (`reject`), from the sentence's own words. A run-in heading
    ("Car subscriptions.") labels the referral after it and reads as it, so it is one too,
    unless it is an item of a list the clause's `rules` made a rule of. Ids `<base>/r<n>`: the prose rules keep their numbering."""
    spans = split_sentences(chunk.text)
    items = {r.quote for r in rules}
    refers = [refers_to_people(chunk, read_sentence(sentence_text(chunk, i, sp.text)).decision) for i, sp in enumerate(spans)]
    base = _base_id(chunk)
    out: list[Rule] = []
    rows = row_labels(chunk.text, spans)
    for i, sp in enumerate(spans):
        if not states_rule(sp, rows[i]):
            continue  # "| Medical tattooing | Case by case | …": the mark is no referral, the cell beside it is
        following = spans[i + 1] if i + 1 < len(spans) else None
        label = (
            not refers[i] and following is not None and refers[i + 1] and " ".join(sp.text.split()) not in items
            and read_sentence(sentence_text(chunk, i, sp.text)).decision is None and run_in_label(chunk.text, sp, following)
        )
        if not (refers[i] or label):
            continue
        scope, conds = rule_scope(sp.text), executable_conditions(sp.text, "reject")
        if rows[i] is not None and not rows[i].markets and not scope:
            scope = _label_words(rows[i].text)  # "Ads are reviewed individually." in the medical tattooing row
        if set(scope) <= _REVIEWERS:
            scope = []  # "Reviewers must not approve or reject these ads themselves": about the reviewers' cases
        if not scope and not conds and out and i and refers[i - 1] and "\n" not in chunk.text[spans[i - 1].end:sp.start]:
            # "… are reviewed case by case. We may ask for proof that the sponsor can fund the
            # prize.": a sentence of the reviewers' procedure, with no subject of its own, right
            # after a referral in its paragraph is about the cases that referral sends to
            # people, on the same threshold; read alone it sent every case to people.
            scope, conds = list(out[-1].scope), list(out[-1].conditions)
        out.append(Rule(
            id=f"{base}/r{len(out) + 1}", section=chunk.section, quote=" ".join(sp.text.split()), decision="escalate",
            conditions=conds, scope=scope, status="proposed",
        ))
    return out


# "Ads without a visible number will be disapproved": the subject is any ad lacking what the
# clause requires; the words after "without" name that requirement, not a kind of ad.
_LACKING_AD = re.compile(
    r"^\s*(?:the |any |all |an? )?(?:ads?|adverts?|advertisements?|listings?|creatives?|campaigns?|promotions?|landing pages?) "
    r"(?:without|lacking|missing|that (?:do not|don't|does not|doesn't|fail to|lack) )",
    re.IGNORECASE,
)


def clause_subject(text: str) -> list[str]:
    """The subject words of every sentence of a clause (`rule_scope` of each): what a marker
    rule, which is its whole clause, is about. Read at ingest and stored on marked chunks. A
    sentence about ads lacking what the clause requires (`_LACKING_AD`) adds no subject: a case
    asking about "a MAL number" is not thereby one of the dietary supplements the clause is
    about."""
    return list(dict.fromkeys(w for span in split_sentences(text) if not _LACKING_AD.match(_LEAD_IN.sub("", span.text))
                              for w in rule_scope(span.text)))


def stated_conditions(chunk: Chunk, rules: list[Rule]) -> list[StatedConditions]:
    """What each sentence of the clause states as conditions, read as a rule of each decision
    the clause's `rules` (its logic and confirmed sidecar rules) have: the answerer quotes the
    sentence that states the condition a fact broke ("21+ in the United States"), and a
    sentence reads its thresholds by the decision of the rule it is quoted for ("above 30%
    APR" is `max:30%` in a prohibition). Only sentences that state some condition are kept."""
    decisions = [d for d in ("approve", "restrict", "reject") if any(r.decision == d for r in rules)]
    out: list[StatedConditions] = []
    for span in split_sentences(chunk.text):
        quote = " ".join(span.text.split())
        for d in decisions:
            if conds := executable_conditions(span.text, d):
                out.append(StatedConditions(quote=quote, decision=d, conditions=conds))  # type: ignore[arg-type]
    return out


def executed_rules(rules: list[Rule]) -> list[Rule]:
    """The rules that decide a case by themselves: all but the referrals, which the answerer
    executes only for the sentence that matches the case best (assistant/verdict_steps.py)."""
    return [r for r in rules if r.decision != "escalate"]


def examples_section(section: str) -> bool:
    """Is the clause under a heading that only names examples ("7. Quick examples", "Worked
    examples > Retail", core/illustrations.py) with no heading above it deciding what it lists?
    Its lines show how the document's rules apply to particular ads, each with the verdict it
    got; read as rules, an example's verdict decided every case sharing a word with its ad.
    Under a heading that decides ("Prohibited content > Examples") the examples are instances
    of that decision, read as its items; a deciding heading under the examples heading
    ("Worked examples > Not allowed") sorts the examples by the verdict each got."""
    levels = (section or "").split(" > ")
    first = next((i for i, level in enumerate(levels) if illustrative_heading(level)), None)
    return first is not None and section_decision(" > ".join(levels[:first])) is None


def read_clause_logic(chunk: Chunk, references: dict[str, list[str]] | None = None) -> list[Rule]:
    """The clause's rules, each credential requirement with the body it names per market (the
    row of a market table or list: core/market_bodies.py), stored so that the answer executes
    the case's market's row without re-reading the clause."""
    return with_market_bodies(_read_clause_logic(chunk, references), chunk.text)


def _read_clause_logic(chunk: Chunk, references: dict[str, list[str]] | None = None) -> list[Rule]:
    if not chunk.decision and examples_section(chunk.section):
        return []
    base = _base_id(chunk)
    prose: list[Rule] = []
    prev: Rule | None = None
    n = 0
    previous_sentence: list[Rule] = []
    lead: _ListLead | None = None
    # The decision the clause's heading states ("What's not allowed", "Allowed with
    # restrictions", core/reading.py `read_heading`): the lead of every item under it that
    # no lead sentence introduces. A declared clause's marker already says what it decides.
    heading = None if chunk.decision else section_decision(chunk.section)
    heading_lead = _ListLead(heading, []) if heading in RULE_DECISIONS else None
    spans = split_sentences(chunk.text)
    excepted_topic: str | None = None  # the rule a sentence before names as the one excepted
    excepted_subject = ""  # ... and what it names as excepted ("Handheld sparklers")
    # The words of a run-in heading: the subject of the sentences after it in its paragraph.
    label: list[str] = []
    paragraph = 0  # where the rules of the current paragraph start in `prose`
    # The subject of a list whose lead points back ("Caffeine supplements can only be advertised
    # in … . In those markets:"): an item naming no subject of its own ("- Ads must target
    # people aged 18 or older.") governs what the sentence pointed back to governs. Until session
    # 14 it governed every case the clause was retrieved for (a nicotine-pouch ad was held to the
    # caffeine-supplement list). Measured (2026-11-30, stores re-read): dev 0.736 -> 0.750 (that
    # case escalates), dev2, dev3, sample, validation unchanged (unsafe, escalation P/R too).
    list_scope: list[str] = []
    labelled_list = False
    # Table rows (core/table_rows.py): a row's label names what (or where) its other cells
    # govern; the label itself, a header row and a bare verdict mark ("Yes") state no rule.
    rows = row_labels(chunk.text, spans)
    starts = row_starts(spans)
    row_rules: dict[int, int] = {}  # a row's label span -> how many rules its cells stated
    # An answer under a question heading (core/qa_answer.py): the question's subject is the
    # subject of every rule its answer states.
    asked_question = None if chunk.decision else question_of(chunk.section)
    asked = _label_words(question_subject(asked_question)) if asked_question else []
    for k, span in enumerate(spans):
        row = rows[k]
        if not states_rule(span, row) or states_past_rule(span.text):
            # A sentence saying what used to apply ("Until now, X had to …") is history, not a
            # rule, nor an item of the list it sits in (core/past_rules.py).
            continue
        new_line = k == 0 or "\n" in chunk.text[spans[k - 1].end:span.start]
        if not span.bullet and new_line:
            list_scope = []
        if _CHECKBOX.match(span.text):
            # "[ ] Pepper spray / CS spray: ONLY in …" then "- Target 18+.": a checklist item's
            # sub-items elaborate it, so one naming no subject governs what its label names; the
            # next checklist item ends them.
            if (plain := _PLAIN_LABEL.match(span.text)) and _names_things(plain.group(1)):
                list_scope, labelled_list = _label_words(plain.group(1)), True
            elif labelled_list:
                list_scope, labelled_list = [], False
        if not span.bullet and span.text.rstrip().endswith(":") and _POINTS_BACK.search(span.text) \
                and previous_sentence and previous_sentence[0].scope:
            list_scope = list(previous_sentence[0].scope)
        if k and "\n" in chunk.text[spans[k - 1].end:span.start]:
            label = []
            paragraph = len(prose)
        if not chunk.decision and label and k == len(spans) - 1 and cut_label(chunk.text, span):
            continue
        if not chunk.decision and run_in_label(chunk.text, span, spans[k + 1] if k + 1 < len(spans) else None):
            label = _label_words(span.text)
            continue
        labelled = label
        if (excluded := not_covered(span.text)) and prose:
            # "This exception doesn't apply to prize draws, …": the permissions of the clause
            # before it do not cover those kinds (executed against the case's words).
            prose = prose[:paragraph] + [
                r.model_copy(update={"excludes": list(dict.fromkeys(r.excludes + excluded))}) if r.decision in ("approve", "restrict") else r
                for r in prose[paragraph:]
            ]
            previous_sentence = [next(p for p in prose if p.id == r.id) for r in previous_sentence]
            prev = next((p for p in prose if prev is not None and p.id == prev.id), prev)
            continue
        if (named_exception := exception_to(span.text)) is not None:
            # "Handheld sparklers are the only exception to the rule on lit fireworks in the
            # hand.": no rule by itself; the permission after it is that exception.
            excepted_topic, excepted_subject = named_exception[1], named_exception[0]
            continue
        # "- [ ] Every ad for a drone of 250 g or more carries the line …": a checklist box states
        # what must hold in the indicative; read with "must" at its main verb (core/checklist.py).
        boxed = as_requirement(span.text) if box_item(span.text) and (_described_only(span.text) or leads_with_indicative(span.text)) else None
        read_as, box_negated = boxed if boxed is not None else (span.text, False)
        if not chunk.decision:
            # "We don't allow:" / "… firearm parts. This includes:" then a list: each item is a
            # rule of the lead's decision, about what the item names. Under a heading that
            # decides, an item no lead introduces (a bullet, a verbless line) is one of its.
            # Under a requirement lead ("Retailers must:", "… may advertise if:") each item is
            # one of the requirements (`_as_requirement`), whether or not it reads by itself.
            own = read_unit(read_as)
            current = lead or heading_lead
            item_under = current if span.bullet else None
            if current is not None and current.claims and span.bullet and not EXCEPTION_LEAD.match(_lead_off(_CHECKBOX.sub("", _lead_off(span.text), count=1))):
                # "- [ ] That the drone can fly in no-fly zones, …" under "The ad must NOT say or
                # imply any of the following:": what the item reads as is the claim's wording.
                own = []
            if own and current is not None and current.decision == "reject" and _described_only(span.text):
                # "- Finance ads that promise … or otherwise suggest that every applicant will
                # be accepted": what the item reads as is said inside its description of the
                # prohibited thing, not by it; it is an item of the prohibition it sits under.
                own = []
            item_of: _ListLead | None = None
            if current is not None and span.bullet and not _LEAD_IN.match(span.text):
                # The rest of an item's line: a quotation the splitter cut at its full stop
                # ("… 'High caffeine content. Not recommended for children …'") is part of that
                # item, not one more; a further sentence that states a rule of its own ("… 18
                # or older. Paper kites may target people aged 13 or older.") is read as
                # itself. Neither is an item, and the list goes on.
                if not own:
                    continue
            elif current is not None and not own and NON_NORMATIVE.search(span.text):
                continue  # "Examples: a video of …": an illustration of the rules, no item of the list
            elif current is not None and not own and row is None and (span.bullet or (lead is None and _is_fragment(_main_clause(span.text)))):
                # (A table cell is no item of a list: its row's label and mark say what it is
                # about and what it decides, core/table_rows.py.)
                if item_label(span, spans[k + 1] if k + 1 < len(spans) else None):
                    current.items += 1  # "- Paid random items (loot boxes, …)": the items after it are its rules
                    continue
                n += 1
                item = _list_item_rule(span.text, current, f"{base}/p{n}", chunk.section)
                required = _as_requirement(item, current.kinds) if current.requirements else item
                if required is not None:
                    prose.append(required)
                current.items += 1
                continue
            elif lead is not None and span.bullet:
                # An item that states its own rule ("- Your ad targets only people aged 18 or
                # older …") is still an item: the list, and its lead, go on after it.
                lead.items += 1
                item_of = lead if lead.requirements else None
            else:
                if lead is not None and lead.items and lead.rule in prose:
                    prose.remove(lead.rule)  # the lead named nothing itself: its items are its rules
                lead = _list_lead(span.text, own, previous_sentence)
        else:
            item_of = None
            item_under = None
        if previous_sentence and _BACK_REFERENCE.match(span.text) and read_sentence(span.text).decision == "escalate":
            # "X are not treated as subscriptions. They are decided case by case by the policy
            # team": X goes to people, so the sentence that named X must not approve it.
            prose = [r for r in prose if not (r in previous_sentence and r.decision == "approve")]
        if k and "\n" not in chunk.text[spans[k - 1].end:span.start] and _DECIDING_THEM.search(span.text) \
                and read_sentence(sentence_text(chunk, k - 1, spans[k - 1].text)).decision == "escalate":
            # "… are reviewed case by case. We send these to our specialists, who decide; support
            # staff can't approve or reject them.": who decides the cases the referral sends to
            # people is its procedure, no prohibition of them (referral_rules reads the referral).
            previous_sentence = []
            continue
        readings = read_unit(read_as)
        yes_if = conditional_yes(span.text) if asked and not readings else None
        if yes_if:
            # "Yes, if they come from real students …": a permission for what the question
            # asks about, on the condition the answer states.
            quote = " ".join(span.text.split())
            readings = [Reading(quote=quote, start=0, end=len(quote), decision="restrict", conditions=[f"other:{yes_if}"])]
        box_conditions: list[list[str]] = []
        box_scopes: list[list[str]] = []
        if read_as != span.text:
            # The box's own words are the rule's quote; its conditions are read with the "must".
            box_conditions = [executable_conditions(r.quote, r.decision) for r in readings]
            if box_negated:
                # "The ad does not show children flying …": holds unless the case says the ad
                # does it; only a condition to execute ("higher than 120 m") or the markets it is
                # written for make it a rule.
                kept = [k for k, c in enumerate(box_conditions) if c or readings[k].markets]
                readings, box_conditions = [readings[k] for k in kept], [box_conditions[k] for k in kept]
            # A box naming nothing it governs and nothing to check ("Flight time claims give the
            # test conditions") would bind every case with nothing to check: no rule.
            kept = [k for k, r in enumerate(readings) if box_conditions[k] or rule_scope(r.quote) or r.markets]
            readings, box_conditions = [readings[k] for k in kept], [box_conditions[k] for k in kept]
            box_scopes = [rule_scope(r.quote) for r in readings]
            if len(readings) == 1:
                readings[0].quote = " ".join(span.text.split())
        if not readings and row is not None and (limit := column_limit(chunk.text, spans, k)) and (limit_conds := executable_conditions(limit, "restrict")):
            # "| Garden slug pellets | 3% | … |" under "Maximum active ingredient": the cell is
            # that limit for the row's thing (core/column_limits.py).
            quote = " ".join(span.text.split())
            readings = [Reading(quote=quote, start=0, end=len(quote), decision="restrict")]
            box_conditions = [limit_conds]
        elif not readings and row is not None and executable_conditions(span.text, "restrict"):
            # "| Topical numbing creams | Yes | Lidocaine content no more than 5%. |": a verbless
            # cell of conditions states what the row's permission requires.
            quote = " ".join(span.text.split())
            readings = [Reading(quote=quote, start=0, end=len(quote), decision="restrict")]
        elif not readings and row is not None and not row.markets and (refused := refused_markets(span.text)):
            # "| Prescription contact lenses | Yes | … | All markets, except not in IN or PK |":
            # the row's thing is refused in the markets its market cell excepts.
            quote = " ".join(span.text.split())
            readings = [Reading(quote=quote, start=0, end=len(quote), decision="reject", markets=refused)]
        previous_sentence = []
        main_id: str | None = None
        for i, r in enumerate(readings):
            n += 1
            if i == 0 and r.decision == "approve" and lead is not None and lead.decision == "restrict" and span.text.rstrip().endswith(":"):
                r.decision = "restrict"  # "… may advertise if:": allowed on the conditions the list states
            conds = list(box_conditions[i]) if box_conditions else (
                executable_conditions(r.quote, r.decision) or ([c for c in r.conditions if c.startswith("other:")] if yes_if or i > 0 else [])
            )
            markets, excepted = list(r.markets), list(r.except_markets)
            ref = CLAUSE_REF.search(r.quote)
            if ref and references and ref.group(1).upper() in references and not markets:
                markets = list(references[ref.group(1).upper()])  # "the markets listed in GAM-3"
            listed = LIST_REF.search(r.quote)
            if listed and references and _list_key(listed.group(1)) in references and not markets:
                if _ONLY_IN_LIST.search(r.quote[: listed.start()]) and not any(c.startswith("only_markets:") for c in conds):
                    # "Ads may only run in the markets listed as permitted in Schedule A": where
                    # the ad may run is a condition to execute (met in a listed market, broken
                    # elsewhere), not the markets the rule is written for.
                    conds.append("only_markets:" + ",".join(references[_list_key(listed.group(1))]))
                elif not _EACH_MARKET.search(r.quote[: listed.start()]):
                    markets = list(references[_list_key(listed.group(1))])  # "in the markets listed in Annex A, Part 1"
            if not markets and not excepted and (outside := complement_markets(
                    r.quote, references, [m for p in prose for m in p.markets] + [m for rw in rows if rw is not None for m in rw.markets])):
                # "In markets not listed in 3.1, …": every market but those the list it points at
                # names (core/list_complement.py).
                excepted = outside
            if any(c.startswith("only_markets:") for c in conds):
                markets = []  # "allowed only in A, B": a condition to execute, not the rule's scope
            per_market = {m for c in conds for m in _condition_facts(c)[1]}
            if markets and set(markets) <= per_market and any(not _condition_facts(c)[1] for c in conds):
                # "18 or older in A and B, and 16 or older in every other market": the markets
                # say where each floor holds (conditions to execute), not where the rule applies.
                markets = []
            excepted = not_excepted(excepted, conds)  # "…, except in X, where …": X's own condition
            if r.anaphora and prev is not None and not markets:
                markets = list(prev.markets)
            elif (not markets and not excepted and prev is not None and (prev.markets or prev.except_markets)
                  and any(p.id == prev.id for p in prose[paragraph:]) and _SAME_PLACE.search(r.quote)):
                # "3.2 In markets not listed in 3.1, … licensed by that country's fisheries authority.
                # Where the country has no such authority, … are not permitted.": "the country" is the one
                # the sentence before, in the same paragraph, is written for.
                markets, excepted = list(prev.markets), list(prev.except_markets)
            if r.complement and prev is not None and not markets and not excepted:
                # "Ads targeting any other market are not accepted": other than the markets the
                # rule before names as its scope or as the only ones it allows ("accepted only
                # in GB, IE, NL and AU"), so the sentence binds only markets outside that list.
                excepted = list(prev.markets) or [m for c in prev.conditions if _condition_facts(c)[0] == "only_markets" for m in _condition_facts(c)[1]]
            scope = prohibition_scope(r.quote) if r.decision == "reject" and not conds else ((box_scopes[i] if box_scopes else []) or rule_scope(r.quote))
            if r.decision in ("approve", "restrict") and not set(scope) - _PARTY_OR_CUE:
                # "Exception: you can advertise free touch-ups of a tattoo if …": what the
                # advertiser may promote is what the permission governs, not "you"; so with a
                # subject naming nothing ("An ad may offer a sign-up incentive worth …").
                scope = _promoted_list(r.quote) or scope
            if not scope and (inline := _INLINE_LABEL.match(r.quote)):
                # "- **Free trials:** Gym ads offering a free trial need to state …": a bold
                # label opening the item names what it governs.
                scope = _label_words(inline.group(1))
            if not scope and (plain := _PLAIN_LABEL.match(r.quote)) and _names_things(plain.group(1)):
                # "[ ] Pepper spray / CS spray: ONLY in US, FR, IT and PL.": a plain label of
                # nouns before the colon names what the item governs, as a bold one does.
                scope = _label_words(plain.group(1))
            if not scope and list_scope and span.bullet:
                scope = list(list_scope)
            elif not scope and labelled:
                # "Guarantees. If an ad mentions a workmanship guarantee, it must …": the
                # paragraph's run-in heading names what a sentence of no subject governs.
                scope = list(labelled)
            elif not scope and r.decision == "reject" and item_under is not None and item_under.decision == "reject" \
                    and all(_condition_facts(c)[0] == "no_claim" for c in conds):
                # "- Ads that encourage people to stop paying their creditors … Examples of ad
                # copy we don't allow: "…"": an item of a prohibition list that reads as a rule
                # of its own (here from the examples the line runs on into) but whose subject
                # reads as nothing is about what it names, as every item of the list is
                # (`_list_item_rule`); read as no subject it bound every case of the clause.
                # Only with no condition but claims: a threshold ("must not target anyone under
                # 18") binds every case of the clause, whose facts decide it.
                scope = prohibition_scope(r.quote)
            elif _own_bound(r.quote, scope, conds):
                # "Ads for aerosol spray paint must not be targeted to users under 16. In the
                # United States and Australia, the minimum age is 18.": a subject that only names
                # the sentence's own bound continues the rule before it; with no subject before
                # it, the sentence governs whatever the clause is about, not "minimum age".
                scope = list(prev.scope) if prev is not None else []
            if prev is not None and prev.scope and _demonstrative_subject(r.quote):
                # "Games with paid random items can be advertised provided …. Ads for these games
                # can't be targeted to anyone under 16.": "these games" are the ones the rule
                # before describes, so this rule governs what that one governs (its own noun
                # alone, "games", would make it a rule for every game).
                scope = list(prev.scope)
            elif prev is not None and prev.scope and _refers_back_by_subject(r.quote, prev.quote):
                # "… must state the length of the cooling-off period. The period stated must be
                # at least …": the period the rule before requires stated.
                scope = list(prev.scope)
            elif not set(scope) - {"you"} and prev is not None and prev.scope and _refers_back_by_object(r.quote, prev.quote):
                # "… practices whose treating veterinarians hold a current licence or
                # registration …. The advertiser is required to supply the registration numbers
                # to us on request": the subject is a party every case has, and "the
                # registration numbers" point back at the rule before; it governs what that
                # rule governs (a dog breeder's ad owes no vet's registration numbers).
                scope = list(prev.scope)
            if (lacked := lacked_in_subject(r.quote)) and set(scope) - set(lacked):
                # "toy drones under 100 g with no camera": what its things lack is no word the
                # case must name (core/privative.py); "no camera" names the same drones.
                scope = [w for w in scope if stem(w) not in lacked]
            if any(c.startswith("only_who:") for c in conds):
                scope = []  # "Only candidates and parties may …": its subject is who may, a condition to execute
            elif r.decision != "reject" and any(c.startswith("requires:") for c in conds) and _credentialed_subject(r.quote):
                # "Licensed firearm dealers may advertise rifles … if …": the credential is a
                # condition to execute; what the rule governs is what they may advertise.
                scope = _promoted_list(r.quote) or scope
            if r.decision == "restrict" and not conds and _restated_proviso(r.quote, scope):
                # "… may be advertised without restriction, as long as the advice is free to
                # the user": the proviso restates the subject, so the permission is outright.
                r.decision = "approve"
            if row is not None:
                if row.markets and not markets and not any(c.startswith("only_markets:") for c in conds):
                    markets = list(row.markets)  # "| South Korea (KR) | Paid readings: minimum age 19. |"
                elif not row.markets:
                    # "| Tattoo services | Yes | Audience 18+ … |": a cell's rule is about its row's
                    # label ("these courses" too), unless it names a thing of its own beside the
                    # label's ("home tattoo kits or tattoo machines" in a tattoo machines row).
                    own, label_stems = {stem(w) for w in scope}, {stem(w) for w in _label_words(row.text)}
                    if not (own & label_stems and own - label_stems):
                        scope = _label_words(row.text)
            if asked:
                # The question names what its answer is about: a rule naming no subject of its
                # own ("Yes, but only if you can back it up.") governs that; one naming its own
                # governs it as part of what the question asks about.
                own = [w for w in scope if w not in _PARTY_OR_CUE]
                scope = own + [w for w in asked if w not in own]
            overrides = main_id if i > 0 else None
            excepts = r.excepts if r.excepts is not None else (excepted_topic if i == 0 and r.decision in ("approve", "restrict") else None)
            if excepts is not None and overrides is None:
                # A permission stating the prohibition it overrides (core/exception_reading.py):
                # an exception on its own conditions, linked to that prohibition per document
                # (`link_exceptions`).
                conds += [c for c in exception_conditions(r.quote) if c not in conds]
                if conds and r.decision == "approve":
                    r.decision = "restrict"
                overrides = TOPIC_PREFIX + excepts
                if not scope:
                    scope = _exception_scope(r.quote, excepted_subject if r.excepts is None else "")
            if i > 0 and not scope and not markets:
                # "…, except for registered charities": the carve-out is for those kinds only,
                # not for every case the prohibition covers.
                scope = _kinds_named(r.quote)
            if i == 0 and r.decision == "restrict" and overrides is None and (lifted := lifted_threshold(r.quote)) is not None:
                # "We do not allow ads to claim bill savings of more than 70% per year unless the
                # figure comes from a site-specific survey": the prohibition with its threshold,
                # then the lifting clause as its exception (met, it allows; unknown, it
                # restricts; broken, the prohibition decides on its threshold).
                ban_text, lifting, ban_conds = lifted
                scope = rule_scope(ban_text) or [w for w in prohibition_scope(ban_text) if w not in _COMPARATIVES]
                ban = Rule(
                    id=f"{base}/p{n}", section=chunk.section, quote=r.quote, decision="reject", markets=markets,
                    except_markets=excepted, conditions=ban_conds, scope=scope,
                    confidence=round(max(0.0, min(1.0, r.confidence)), 2), status="proposed",
                )
                prose.append(ban)
                previous_sentence.append(ban)
                n += 1
                conds = [c for c in conds if c not in ban_conds] or [f"other:{lifting}"]
                overrides = ban.id
            rule = Rule(
                id=f"{base}/p{n}", section=chunk.section, quote=r.quote, decision=r.decision,  # type: ignore[arg-type]
                markets=markets, except_markets=excepted, conditions=conds, scope=scope,
                confidence=round(max(0.0, min(1.0, r.confidence)), 2), status="proposed",
                overrides=overrides,
            )
            if i == 0:
                main_id = rule.id
                excepted_topic, excepted_subject = None, ""
            if lead is not None and lead.claims and rule.overrides is None and rule.decision in ("approve", "restrict") and (
                    said := permitted_claim(rule.quote)) and (banned := _banning(said, prose)) is not None:
                # "Exception: a drone under 250 g with no camera may be described as needing no
                # registration, …" in a list of banned claims: the exception to the item that
                # bans saying that ('"no registration required"'), on its own conditions.
                rule = rule.model_copy(update={"overrides": banned.id})
            if rule.overrides is None:
                rule = _as_exemption(rule, prose)
            if item_of is not None and rule.overrides is None:
                required = _as_requirement(rule, item_of.kinds)
                if required is None:
                    continue
                rule = required
            if row is not None and not row.markets:
                rule = rule.model_copy(update={"row": row.text})
                row_rules[starts[k]] = row_rules.get(starts[k], 0) + 1
            prose.append(rule)
            previous_sentence.append(rule)
            prev = rule
            if lead is not None and lead.rule is None and lead.decision == rule.decision and rule.quote.rstrip().endswith(":"):
                if lead.requirements:
                    lead.rule = rule if not rule.conditions else None  # its items are its requirements
                elif lead.claims:
                    lead.rule = rule  # it bans saying "any of the following": its items are the claims
                else:
                    lead.rule = rule if not _names_something(rule) else None
    if lead is not None and lead.items and lead.rule in prose:
        prose.remove(lead.rule)
    if asked and len(prose) > 1 and prose[0].decision == "restrict" and not prose[0].conditions and summary_yes(prose[0].quote):
        # "Yes, but only if you can back it up. A pass-rate claim must be based on …": the
        # answer's rules after it say what its condition is (core/qa_answer.py).
        prose = prose[1:]
    prose += _row_marks(chunk, spans, rows, starts, row_rules, base, n)
    # "They can be advertised with restrictions." states that the clause's other rules restrict
    # it; with no condition of its own it would restrict every case they allow.
    if any(r.conditions for r in prose):
        prose = [r for r in prose if r.conditions or r.overrides is not None or not _WITH_RESTRICTIONS.search(r.quote)]
    if not chunk.decision and (chunk.introduction or scope_heading(chunk.section)):
        # The document's introduction, before its first section heading, states the policy's
        # purpose and scope ("Promotions are a good way to reward customers, but entrants need
        # to know the rules …", "many of the rules below apply only in specific markets"): a
        # requirement it names without any condition to execute is what the sections below
        # make concrete, not a rule that restricts every case. A prohibition, a permission or
        # a requirement with a condition of its own stays a rule. So does a section headed as
        # scope ("2. Scope", "What this policy covers"; core/scope_heading.py).
        prose = [r for r in prose if r.decision != "restrict" or r.conditions or r.overrides is not None]
    if not chunk.decision and purpose_heading(chunk.section):
        # Under a heading that only says why the policy exists ("1. Purpose"), a permission
        # with nothing to execute says what the policy governs, not that every such
        # ad may run: read as a verdict it approved cases the sections below refuse.
        prose = [r for r in prose if r.decision != "approve" or r.conditions or r.overrides is not None]
    if not chunk.decision and (where := heading_markets(chunk.section)):
        # "Country-specific requirements > United Kingdom": the section is written for the
        # markets its heading names; a rule that names none of its own holds there only.
        prose = [r if r.markets or any(c.startswith("only_markets:") for c in r.conditions) else r.model_copy(update={"markets": where}) for r in prose]
    # "E-bikes that go beyond the limits for a market must not be advertised in that market":
    # the limits its clause states market by market, each in its markets (core/market_limits.py).
    prose = with_market_limits(prose)
    # "- Battery above 100 Wh → check the market: / - JP → allowed up to 160 Wh.": a nested
    # branch holds in the markets its label names, under its parents' thresholds (core/decision_tree.py).
    prose = read_tree(chunk.text, prose)
    if heading == "escalate":
        # "Reviewed case by case: X … We may ask for the product's label before deciding":
        # the section sends its cases to people, so none of its sentences may approve them
        # (the "may" of what the reviewers may ask is procedure, not a permission).
        prose = [r for r in prose if r.decision != "approve"]
    if not chunk.decision:
        return prose + referral_rules(chunk, prose)
    conds: list[str] = []
    if chunk.decision == "restrict":
        # A requirement the reader cannot execute ("must include a risk warning") stays a
        # condition in words: unknown for every case, so the clause can never read as a plain
        # approval while it asks for something the case has not shown.
        for r in prose:
            kinds = {_condition_facts(c)[0] for c in r.conditions}
            executed_who = kinds & {"only_markets", "min_age", "only_who"} or any(c.split("@")[0] == "requires:membership" for c in r.conditions)
            unexecuted_only = bool(_ONLY_WHO.search(r.quote)) and not executed_who
            if r.overrides is None and r.decision == "restrict" and (not kinds & set(THRESHOLD_KINDS) or unexecuted_only):
                conds.append(f"other:{_short(r.quote)}")
    # Every sentence counts here, normative or not: "- 21+ in the United States (US)" is a
    # list item of the clause's floor table, and the marker has already said what it decides.
    # Except a prohibition about a named subject inside a clause that allows: it is its own
    # rule (an exception, below), and its threshold binds that subject only ("custom audiences
    # cannot be used to reach anyone under 18" is no age floor for the whole clause).
    own_rules = [r.quote for r in prose if _narrows_subject(r, chunk.decision)]
    for span in split_sentences(chunk.text):
        if any(q and q in " ".join(span.text.split()) for q in own_rules):
            continue
        for c in executable_conditions(span.text, chunk.decision):
            if _condition_facts(c)[0] in THRESHOLD_KINDS and c not in conds:
                conds.append(c)
    quote = next((r.quote for r in prose if r.overrides is None), "") or (split_sentences(chunk.text)[0].text if chunk.text.strip() else chunk.section)
    # A clause marked for a handful of markets is written for them (lex specialis); a clause
    # carrying the whole policy's long market list is the general rule.
    own = [m.upper() for m in chunk.markets if m.lower() != "global"]
    markets = own if own and len(own) == len(chunk.markets) and len(own) <= SPECIFIC_MARKETS else []
    marker = Rule(id=base, section=chunk.section, quote=quote, decision=chunk.decision, markets=markets, conditions=conds, status="confirmed")
    # Exceptions the wording carves out ("…, except in X"), and sentences written for named
    # markets that decide otherwise ("…not accepted in these two markets"): market-specific
    # rules win over the clause's general one where they apply.
    exceptions = [
        r.model_copy(update={"overrides": r.overrides if (r.overrides or "").startswith(TOPIC_PREFIX) else base})
        for r in prose
        if r.overrides is not None
        or (r.markets and set(r.markets) != set(markets) and (r.decision != chunk.decision or r.conditions) and not _restates(r, conds))
        # "Casual dating apps are not accepted in these two markets": a prohibition about a
        # named subject inside a clause that allows narrows it for that subject only (its scope
        # is executed against the question). Wording never loosens a declared prohibition,
        # except the clause's own carve-out ("… may still advertise X"), for X only (below).
        or _narrows_subject(r, chunk.decision)
    ]
    exceptions += [_carve_out(r, base) for r in prose if r not in exceptions and _carves_out(r, chunk.decision)]
    return [marker] + exceptions


_RELATIVE_PRONOUN = re.compile(r"\s+(?:that|which|who|whose)\b.*$", re.IGNORECASE)


def _row_marks(chunk: Chunk, spans: list, rows: list, starts: list[int], row_rules: dict[int, int], base: str, n: int) -> list[Rule]:
    """The rules a table row's verdict mark states (core/table_rows.py `mark_decision`): the
    row's decision on the thing its label names. "Case by case" sends that thing to people
    whatever its other cells say; "Yes", "Yes, with conditions", "Restricted", "No" are the
    row's rule only when its other cells state none of their own ("| Lens cases | Yes | No
    additional conditions. | All markets |" allows lens cases): beside conditions, the
    conditions' rules are what the permission amounts to."""
    out: list[Rule] = []
    done: set[int] = set()
    for k, span in enumerate(spans):
        row, start = rows[k], starts[k]
        if row is None or row.markets or start in done:
            continue
        decision = mark_decision(span.text) if span.cell > 0 else None
        if decision is None or (decision != "escalate" and row_rules.get(start)):
            continue
        done.add(start)
        n += 1
        out.append(Rule(
            id=f"{base}/p{n}", section=chunk.section, quote=" ".join(span.text.split()), decision=decision,  # type: ignore[arg-type]
            scope=_label_words(row.text), confidence=0.5, status="proposed", row=row.text,
        ))
    return out


def _exception_scope(quote: str, excepted: str) -> list[str]:
    """What an exception is for, when its subject is too long to be read as one: the subject's
    words before its relative clause ("Dental chews and diets that carry the … seal may …" ->
    dental, chews, diets), else what the sentence before named as excepted ("Handheld
    sparklers are the only exception to …" -> handheld, sparklers), else what it permits."""
    split = subject_and_rest(" ".join(quote.split()))
    for phrase in ((_RELATIVE_PRONOUN.sub("", split[0]) if split else ""), excepted):
        words = [w for w in _WORD.findall(phrase.lower()) if w not in _GENERIC and w not in _FUNCTION]
        if words:
            return list(dict.fromkeys(words))[:SCOPE_WORDS]
    return _object_scope(split[1]) if split else []


def link_exceptions(chunks: list[Chunk]) -> None:
    """Point each exception that names the prohibition it overrides ("…, even though this would
    otherwise be a prohibited disease claim"; read as `overrides: "topic:disease claim"`) at that
    prohibition of the same document: the one rule deciding `reject` whose sentence carries every
    word of the topic (core/exception_reading.py `parent_of`). An exception naming none, or
    naming words no single prohibition carries, links to nothing (`overrides` None): it is still
    an exception by its own wording where a prohibition sharing its subject applies
    (assistant/precedence.py `stated_exceptions`). Changes `chunk.logic` in place."""
    prohibitions = [(r.id, r.quote) for ch in chunks for r in ch.logic if r.decision == "reject" and r.overrides is None]
    for ch in chunks:
        if not any((r.overrides or "").startswith(TOPIC_PREFIX) for r in ch.logic):
            continue
        ch.logic = [
            r.model_copy(update={"overrides": parent_of(r.overrides[len(TOPIC_PREFIX):], prohibitions)})
            if (r.overrides or "").startswith(TOPIC_PREFIX) else r
            for r in ch.logic
        ]


__all__ = ["LIST_REF", "list_markets", "link_exceptions", "quoted_copy", "RuleSubject", "claim_wording", "rule_subject", "CLAUSE_REF", "THRESHOLD_KINDS", "clause_markets", "clause_subject", "executed_rules", "read_clause_logic", "referral_rules", "refers_to_people", "rule_scope", "sentence_text", "stated_conditions"]
