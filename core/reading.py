"""Read one normative unit (sentence or list item) as one or two rules, without a model.

Why lexical cues: the reading must be explainable to the writer who confirms it, stable
across runs and fast enough to run in CI. The cues are general English policy wording (no
sentence of any corpus is special-cased); see docs/rules.md for the list and the bench.

Decision: the earliest decisive cue sets the main reading. A prohibition first reads
`reject`; a restriction first (only if, provided, subject to, must hold …) reads `restrict`;
a permission first reads `approve`, turned into `restrict` when the sentence attaches a
requirement (a strong conditional, a "must", or a weak conditional such as "if/when" that
names a condition from the vocabulary). An exception ("prohibited, with one exception: …",
"never accepted, except that …") yields two rules: the main reading with the exception's
markets excluded, and the exception's own reading in its markets.

Markets: only mentions that scope the rule count ("in Germany", "to Brazilian users",
"outside the United States"); mentions inside a regulator's name ("Central Bank of Brazil")
and examples after "including / such as / for example" do not.

Why one reader: ingest (core.clause_logic), the writer's tools (rules.annotate, rules.lint),
the answerer's ranking and wording checks (assistant) and the coverage report (evals) must
agree on what a sentence decides; two cue tables disagreed on about one sentence in five.
Besides rules, this module reads what is not an executable rule: wording that sends the case
to people ("handled case by case", "review by the policy team") decides `escalate` and
yields no rule; an exemption ("not subject to", "not treated as", "does not need") permits;
a negative proviso ("allowed as long as they do not …") is a content limit, not a condition;
a prohibition lifted by "unless" and one whose subject lacks a requirement ("ads without a
licence number are disapproved") restrict; "whether or not" negates nothing.
`read_sentence` / `read_passage` give the sentence- and passage-level decision
(`SentenceDecision`) from the same reading. Orders addressed to an AI are not checked here:
the assistant layer filters them (assistant.untrusted) before it calls this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from policydesk.core.condition_reading import extract_conditions
from policydesk.core.exception_reading import defers_to_policy, deferring_provisos, exception_to, override_clause, override_topic
from policydesk.core.literal_guard import GuardedPattern, fold, guarded, passes, required_literals
from policydesk.core.markets import Mention, find_mentions, label_codes, unique
from policydesk.core.consequence import states_consequence
from policydesk.core.definition_sentence import defines_term, states_definition
from policydesk.core.illustrations import illustrates
from policydesk.core.past_rules import states_past_rule
from policydesk.core.applicability import states_applicability
from policydesk.core.policy_admin import administers_policy
from policydesk.core.world_statement import world_modals
from policydesk.core.sentences import split_sentences

# Not followed by an exception or exemption as its subject ("unless the exception for medically
# supervised programmes applies", "unless one of the exemptions below applies").
_POINTS_TO_EXCEPTION = r"(?!\s+(?:(?:the|an?|one of the|any of the|one|any)\s+)?(?:[\w-]+\s+){0,2}?(?:exceptions?|exemptions?)\b)"
# "No X … are permitted" / "No X may be advertised" prohibits X however long the name of X
# ("No ads for infant formula, follow-on formula, toddler milk or baby food for children under 2
# years of age are permitted"): the sentence-initial "no" reaches its predicate across 200 characters,
# and across a decimal point ("No airsoft gun above 2.5 J may be advertised").
REJECT_CUES = (
    r"\bprohibited\b", r"\bnot (?:be )?(?:allowed|permitted|accepted|eligible)\b", r"\bno longer (?:be )?accepted\b",
    r"\bmust not\b", r"\bmay not\b", r"\bmust never\b", r"\bcannot\b", r"\bcan ?not\b", r"\bshould not\b",
    r"\bbanned\b", r"\bforbidden\b", r"\bdisallowed\b", r"\b(?:is|are|will) never\b", r"\bnever (?:be )?(?:allowed|accepted|permitted|shown|run)\b",
    r"\b(?:do(?:es)?|don't|doesn't|will) not (?:allow|accept|permit|run|approve)\b|\b(?:don't|doesn't|won't) (?:allow|accept|permit|run|approve)\b",
    r"\b(?:are|is|will be|get|gets) (?:removed|rejected|disapproved|refused|taken down|blocked)\b", r"^no\b(?:[^.;]|(?<=\d)\.(?=\d)){0,200}?\b(?:may|can|shall)\b", r"\bnot (?:be )?(?:shown|targeted|advertised|promoted|run)\b",
    r"^\W*no\b(?:[^.;:]|(?<=\d)\.(?=\d)){0,200}?\b(?:is|are) (?:allowed|permitted|accepted)\b", r"\bprohibits?\b", r"\b(?:mustn't|can't|shan't)\b",
    r"\bnot acceptable\b|\bunacceptable\b", r"\bnot available\b",
    # Contracted negations: "aren't permitted", "isn't allowed", "won't be approved", "shouldn't".
    r"\b(?:isn't|aren't|wasn't|weren't) (?:be )?(?:allowed|permitted|accepted|eligible|approved)\b",
    r"\bwon't (?:be )?(?:allowed|accepted|permitted|approved|run|shown)\b", r"\bshouldn't\b",
)  # fmt: skip
# "provided by a Pawnbroker", "services provided to consumers": the participle, not the
# conjunction "provided (that)" that sets a condition.
_NOT_PARTICIPLE = r"(?!\s+(?:by|to|for|in|on|with|under|through|via|from|at|as|free|online|only)\b)"
RESTRICT_CUES = (
    r"(?<!-)\bonly\b", r"\bprovided(?: that)?\b" + _NOT_PARTICIPLE, r"\bas long as\b", r"\bsubject to\b", r"\blimited to\b", r"\brestricted to\b",
    # "unless" lifts on a condition, but not when what follows is an exception stated elsewhere
    # ("…, unless the exception below applies"): that points to another clause, read as its own
    # (narrower) rule, so it sets no condition on this one (as `LIFTED` reads it).
    r"\brequire[sd]?\b", r"\bunless\b" + _POINTS_TO_EXCEPTION, r"\bon condition\b", r"\bprior (?:written )?permission\b",
    r"\bmust\b(?! not| never)", r"\bshall\b(?! not)", r"\bminimum (?:(?:targeting|target|audience|viewer|user) )?age\b", r"(?<!not )\bneeds? to\b", r"\bhas to\b", r"\bhave to\b",
    r"\b(?:in|under|pending) review\b", r"\buntil\b",
    r"\b\d{1,2}\+", r"\baged? \d{1,2} (?:and|or) (?:over|older|above)\b",  # an age floor: "- 21+ in the United States"
    r"(?-i:\bunder [A-Z]{2,6}-\d+\b)",  # "may still advertise … under GAM-1": on that clause's conditions
    r"\bwith (?:these |the following |some |certain )?restrictions\b",  # "It is allowed with these restrictions:"
)  # fmt: skip
APPROVE_CUES = (
    r"\ballowed\b", r"\bpermitted\b", r"(?-i:\bmay\b|^May\b)(?! not| only| also only)", r"\bcan (?:advertise|run|be advertised|promote)\b",
    r"\bwelcome\b", r"\baccepted\b", r"\bexempt\b", r"\bwithout restriction\b", r"\bfree to\b",
    r"\bcan be (?:shown|advertised|listed|run|promoted|published)\b", r"\b(?:does|do) not need\b|\bneed not\b|\bnot required to\b",
    # The platform speaking: "We allow ads for …", "TikTok permits the promotion of …" (a
    # preceding "do not" makes it a prohibition: see `decide`).
    r"\bwe (?:also |generally |now |will )?(?:allow|accept|permit)\b", r"\b(?:allows|permits) (?:the )?(?:promotion|advertising|advertisements?|ads)\b",
    # Other plain permissions: "are acceptable", "are encouraged", "are eligible to advertise",
    # "are fine to advertise", "there are no restrictions on", "are approved when …" (a
    # preceding negation, "not acceptable", "not eligible", is a prohibition: see `decide`).
    r"\bacceptable\b", r"\bencouraged\b", r"\beligible (?:to|for)\b", r"\bfine to (?:advertise|promote|run|show)\b",
    r"\bno restrictions? (?:on|for|applies|apply)\b", r"\b(?:is|are|will be) approved\b",
    # A checklist's plain permission: "Personal alarms …: OK in all markets", "… are OK".
    r"(?-i:\bOK\b)", r"\b(?:is|are) (?:okay|ok)\b",
)  # fmt: skip
STRONG_CONDITIONAL = guarded(
    r"(?<!-)\bonly\b|\bprovided\b" + _NOT_PARTICIPLE + r"|\bas long as\b|\bsubject to\b|\blimited to\b|\brestricted to\b|\bunless\b|\brequire[sd]?\b|\bmust\b(?! not| never)|\bon condition\b"
    r"|\bunder [A-Z]{2,6}-\d+\b|\bwith (?:these |the following |some |certain )?restrictions\b"
)
WEAK_CONDITIONAL = re.compile(r"\b(?:if|when|where|once)\b")
NEGATIVE_PROVISO = guarded(
    r"\b(?:provided(?: that)?|as long as|so long as|on condition that)\s+(?:\w+\s+){0,3}?(?:do|does|did|will|are|is)\s+not\b"
    r"|\b(?:provided(?: that)?|as long as|so long as)\s+(?:\w+\s+){0,3}?(?:make|makes|use|uses|show|shows) no\b"
    r"|\b(?:as|so) long as\s+(?:\w+\s+){0,3}?(?:no|without)\b",
    re.IGNORECASE,
)
# The policy itself sends the case to people: "handled case by case", "requires review by the
# policy team", "we review these ads individually", "approved at our discretion", "contact us
# before advertising": each says a person decides the case, so no rule of the text may.
# Discretion counts only for a decision verb ("approved at our discretion"): "we may remove
# any ad at our discretion" is the platform's power over every ad, not a rule about a kind.
ESCALATE = re.compile(
    r"\bcase[- ]by[- ]case\b|\b(?:review|decided|assessed|approval) by (?:the |our )?(?:[\w-]+ ){0,3}policy team\b"
    r"|\b(?:refer|escalate|send)(?:red|d|s)? (?:it |them )?to (?:the |our )?(?:[\w-]+ ){0,3}policy team\b"
    # "are referred to the Medical Devices Specialist Team": a named team of people, whatever it is called
    r"|\b(?:are|is|be|must be|should be) (?:referred|escalated|routed|sent) (?:on )?to (?:the |our |a )?(?:[A-Z][\w&-]* |and |of ){0,6}(?:[Tt]eam|[Pp]anel|[Cc]ommittee|[Bb]oard|[Dd]esk|[Ss]pecialists?)\b"
    r"|\b(?:review|reviewed|reviews|assess|assessed|assesses|evaluate|evaluated|evaluates|consider|considered|considers|decide|decides|decided)\b[^.;:]{0,60}?\bindividually\b"
    # "Do not approve or reject these ads yourself": the reviewer is told to leave the decision to others
    r"|\b(?:do not|don't|must not|should not|may not|cannot)\s+(?:approve or (?:reject|disapprove|decline)|(?:reject|disapprove|decline) or approve)\b[^.;:]{0,40}?\b(?:yourself|yourselves|themselves|himself|herself)\b"
    r"|\b(?:allowed|accepted|approved|permitted|decided)\b[^.;:]{0,30}?\bat (?:our|its|the platform's) (?:sole |own )?discretion\b"
    r"|\bcontact (?:us|our (?:[\w-]+ ){0,3}team)\b[^.;:]{0,40}?\bbefore\b",
    re.IGNORECASE,
)
# An exemption permits: "are not treated as alcohol ads", "not subject to the age restriction",
# "do not need certification", "are not required to hold certification" (a negated duty frees
# its subject from the duty; it never imposes it). Its words ("not", "subject to", "require")
# are no cue of their own.
EXEMPTION = re.compile(
    r"\bnot (?:considered|treated as|regarded as|subject to|affected|required to)\b|\bneed not\b|\b(?:do|does|will) not (?:need|require)\b"
    r"|\b(?:don't|doesn't) (?:need|require)\b|\bwithout (?:\w+ ){0,3}(?:certification|verification|approval)\b"
    r"|\bexempt(?:ed)? from (?:the |any |our )?(?:\w+ ){0,3}(?:requirements?|certification|verification|rules?|restrictions?)\b",
    re.IGNORECASE,
)
# "Ads without a licence number will be disapproved": the prohibition names what is missing, so
# it states a requirement (the ad runs once it carries the number), not a ban on the ad.
MISSING_REQUIREMENT = guarded(r"\b(?:ads?|listings?|creatives?|campaigns?) (?:that (?:do not|don't) \w+|without)\b", re.IGNORECASE)
# "must not use the word degree unless accredited": a prohibition lifted on a condition. A
# lifting clause whose subject is an exception ("unless the exception for medically supervised
# programmes applies", "except where an exemption below applies") lifts nothing here: it points
# to a clause stated elsewhere, which is read as its own (narrower) rule, so the prohibition and
# its limits stay this sentence's rule.
LIFTED = guarded(r"\b(?:unless|except (?:if|when|where))\b" + _POINTS_TO_EXCEPTION, re.IGNORECASE)
# "A free trial offer must not require a purchase, or the ad must state the purchase
# condition": a prohibition with an alternative duty after "or" is met either way, so it is a
# requirement (restrict), as "unless" makes one; a further ban after "or" ("must not X, or
# must not Y") is no alternative.
ALTERNATIVE_DUTY = guarded(
    r",?\s+or\s+(?:else\s+)?(?:(?:the|an?|its|their|each|every|any|this|that|it|they)\s+)?(?:[\w-]+\s+){0,2}"
    r"(?:must|should|shall|has to|have to|needs? to|is required to|are required to)\b(?!\s+not\b|\s+never\b)",
    re.IGNORECASE,
)
# A decision the reader states but that is not an executable rule.
RULE_DECISIONS = ("approve", "restrict", "reject")
POSITIVE_REQUIREMENT = guarded(r"(?<!-)\bonly\b|\bsubject to\b|\blimited to\b|\brestricted to\b|\brequire[sd]?\b|\bmust\b(?! not| never)", re.IGNORECASE)
REQUIREMENT_VERB = guarded(
    r"\b(?:meets?|holds?|has|have|obtains?|compl(?:y|ies)|excludes?|includes?|carr(?:y|ies)|displays?|verif(?:y|ies)|says|explains|"
    r"(?:is|are) (?:licensed|registered|authori[sz]ed|certified|approved))\b",
    re.IGNORECASE,
)
# "allowed if the ad links to the official rules": an if-clause whose subject is the ad or
# the advertiser asks something of them, whatever its verb, so the permission is conditional.
AD_AS_SUBJECT = guarded(
    r"\s*(?:the|your|their|its|each|every|an?)\s+(?:ads?|adverts?|advertisements?|advertisers?|landing pages?|creatives?|promotions?|listings?)\b",
    re.IGNORECASE,
)
EXCEPTION = guarded(
    r"(?:,|;|:|\s[-\u2013\u2014])\s*(?:with (?:one|the|a single|two|these|the following) exceptions?\s*[:,]?|except(?: that| for| in| where|,)?|apart from|other than in|save that)\s+",
    re.IGNORECASE,
)
# "…, except where / if / when <clause>": the exception is a situation, not a kind or a market.
CONDITIONAL_EXCEPTION = re.compile(r"\bexcept\s+(?:where|if|when|whenever)\s+$", re.IGNORECASE)
PREDICATE = re.compile(r"\b(?:are|is|must|may|shall|can|will|cannot)\b", re.IGNORECASE)
EXAMPLE_CUE = guarded(r"\b(?:including|includes|such as|for example|for instance|e\.g\.|like)\b", re.IGNORECASE)
# "If the ad targets Australia (AU), then …": the verb of targeting in any of its forms scopes
# the sentence to the market it names, as "targeting" and "targeted at" do.
SCOPE_BEFORE = re.compile(
    r"(?:\b(?:in|within|across|throughout|into|to users in|for users in|to people in|to residents of|to|targets?|targeting|targeted at|aimed at)\s+(?:the\s+)?)$"
    # "in the following countries: Spain, Portugal": a list introduced after a colon or dash.
    r"|\b(?:in|within|across|to|for)\s+(?:the\s+)?(?:following|these|listed)\s+(?:countries|markets|regions|jurisdictions|territories|locations)\s*[:\-\u2013\u2014]\s*$",
    re.IGNORECASE,
)
EXCEPT_BEFORE = guarded(r"(?:\b(?:outside(?: of)?|except(?: in)?|other than(?: in)?|excluding|apart from|but not in|not including)\s+(?:the\s+)?)$", re.IGNORECASE)
AUDIENCE_AFTER = re.compile(r"^\s+(?:users?|residents?|audiences?|consumers?|customers?|people|citizens?|players?|markets?|viewers?)\b", re.IGNORECASE)
# A market named with its code in brackets ("Belgium (BE) or Ireland (IE)") lists on past the code.
LIST_GAP = re.compile(r"^(?:\s*\([A-Z]{2}\))?\s*(?:,\s*|\s+)(?:and\s+|or\s+|and/or\s+)?(?:the\s+)?$|^\s*(?:and|or|and/or)\s+(?:the\s+)?$", re.IGNORECASE)
ANAPHORA = guarded(r"\b(?:in|to|for) (?:those|these|that|this|both) (?:two |three |four )?(?:markets?|countries|country|jurisdictions?)\b|\bthere\b(?! (?:is|are|was|were)\b)", re.IGNORECASE)
COMPLEMENT = guarded(r"\beverywhere else\b|\belsewhere\b|\b(?:in )?(?:all |every |any )?other (?:markets?|countries|jurisdictions)\b|\brest of the world\b", re.IGNORECASE)

_REJECT = [re.compile(p, re.IGNORECASE) for p in REJECT_CUES]
_RESTRICT = [re.compile(p, re.IGNORECASE) for p in RESTRICT_CUES]
_APPROVE = [re.compile(p, re.IGNORECASE) for p in APPROVE_CUES]


@dataclass
class Reading:
    """One rule read from a unit: an exact slice of it (`start`/`end`) and what it means."""

    quote: str
    start: int
    end: int
    decision: str
    markets: list[str] = field(default_factory=list)
    except_markets: list[str] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)
    confidence: float = 0.5
    anaphora: bool = False  # "in those markets": markets come from the previous rule
    complement: bool = False  # "everywhere else": except the previous rule's markets
    # A permission that says it overrides a prohibition stated elsewhere ("…, even though this
    # would otherwise be a prohibited disease claim"): the words naming that prohibition ("" when
    # it names none); None for any other reading (core/exception_reading.py).
    excepts: str | None = None


NON_NORMATIVE = guarded(
    r"^(?:this|the) (?:policy|standard|document|section|page)\b[^.]*\b(?:explains|sets out|describes|covers|governs|outlines|summari[sz]es|tells)\b"
    r"|^(?:this|it) (?:includes|covers|means|applies to)\b|^version \d|^(?:for example|for instance|note:|examples?:)"
    # Sentences about the definitions themselves ("These terms are used for classification only").
    r"|^(?:these|the following|the above) (?:definitions|terms)\b[^.;]*\b(?:classif\w*|help|describe|explain|by themselves)\b",
    re.IGNORECASE,
)
# "whether or not the advertiser holds a licence" negates nothing, and "including, but not
# limited to" widens a list: neither restricts what it names.
_WHETHER_OR_NOT = guarded(r"\bwhether or not\b|\bor not\b|\b(?:but )?not (?:be )?(?:limited|restricted) to\b|\bwithout limitation\b", re.IGNORECASE)
_RELATIVE = guarded(r",\s*(?:in which|of which|which|who|whose|where)\b[^,;.:]*,", re.IGNORECASE)
# An indirect question ("We look at how rewards are earned, whether players must pay to
# start, …", "Ads must say whether the feed is complete") is what someone asks or states, the
# object of a verb before it: a modal inside it ("whether players must pay") rules nothing.
# Only after a word or a comma (a sentence opening "Whether …" or "How …" is no object of
# anything), to the end of its clause, and only one holding a modal (its markets and words
# stay read otherwise).
_INDIRECT_QUESTION = guarded(
    r"(?<=[\w,] )(?:whether|how)\b(?=[^,;.:]*\b(?:must|may|might|can|cannot|can't|should|shall|needs? to|ha(?:ve|s) to|required)\b)[^,;.:]*",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"\"[^\"]{2,}\"|\u201c[^\u201d]{2,}\u201d")


# The last sentences' views: clause logic reads a sentence as a unit (`read_unit`) and again as
# a sentence (`read_sentence`, for its referrals); too few to reach another document's chunks.
@lru_cache(maxsize=64)
def view(text: str) -> str:
    """Same-length copy for reading: whitespace as spaces, quoted wording blanked.

    A quoted warning ("for research use only") is content an ad must carry, not policy
    wording; blanking keeps offsets so quotes are still sliced from the original text.
    """
    flat = text.translate(_ASCII_SPACES) if text.isascii() else _SPACE.sub(" ", text)
    # A typographic apostrophe reads as a plain one: "can’t" is "can't" to every cue.
    flat = flat.replace("\u2019", "'")
    # A non-restrictive relative clause describes, it does not rule: ", in which players
    # cannot pay out," must not make a permission read as a prohibition.
    flat = _RELATIVE.sub(lambda m: m.group(0)[0] + " " * (len(m.group(0)) - 2) + m.group(0)[-1], flat)
    flat = _WHETHER_OR_NOT.sub(lambda m: " " * len(m.group(0)), flat)
    flat = _INDIRECT_QUESTION.sub(lambda m: " " * len(m.group(0)), flat)
    return _QUOTED.sub(lambda m: m.group(0)[0] + "_" * (len(m.group(0)) - 2) + m.group(0)[-1], flat)


_SPACE = re.compile(r"\s")
# What `_SPACE` matches among ASCII characters (`str.isspace`, as `\s` tests), as a space:
# an ASCII text is translated in one C pass instead of scanned.
_ASCII_SPACES = {i: " " for i in range(128) if chr(i).isspace()}
_CUE_LISTS = {"reject": _REJECT, "restrict": _RESTRICT, "approve": _APPROVE}


# Each cue with the words it cannot match without (core/literal_guard.py): a unit lacking
# them is not scanned for that cue. Most units contain the words of a few cues only. Derived
# on first use (a question that reads no prose does not pay for it).
@lru_cache(maxsize=None)
def _cue_table(kind: str) -> tuple[tuple[tuple[str, ...], tuple, re.Pattern[str]], ...]:
    """(first clause's strings, further clauses, pattern) of each cue of `kind`."""
    table = []
    for p in _CUE_LISTS[kind]:
        guard = required_literals(p)
        table.append((tuple(guard[0]) if guard else ("",), guard[1:], p))
    return tuple(table)


_ESCALATE_GUARDED = GuardedPattern(ESCALATE)
_EXEMPTION_GUARDED = GuardedPattern(EXEMPTION)


@lru_cache(maxsize=8192)
def _cue_positions(text: str, kind: str) -> tuple[int, ...]:
    """Where the cues of one kind start in `text`. Cached because clause logic reads the same
    unit through several paths (is it normative, its decision, its exception's): on the
    benchmark corpus 23,045 calls were 8,143 distinct, and these scans were the largest cost
    of reading clause logic at ingest. A cue whose guard fails is not scanned (same result)."""
    low = fold(text)
    found: list[int] = []
    for first, rest, p in _cue_table(kind):
        if low is not None:
            for s in first:
                if s in low:
                    break
            else:
                continue
            if rest and not passes(rest, low):
                continue
        found.extend(m.start() for m in p.finditer(text))
    return tuple(sorted(found))


def _escalates(text: str) -> bool:
    return _ESCALATE_GUARDED.search(text) is not None


def _exempts(text: str) -> bool:
    return _EXEMPTION_GUARDED.search(text) is not None


def _cues(text: str, kind: str) -> list[int]:
    return list(_cue_positions(text, kind))


def is_normative(text: str) -> bool:
    """Does the unit say what may or may not run, or who decides it (as opposed to defining or describing)?"""
    return bool(_escalates(text) or _exempts(text) or _cues(text, "reject") or _cues(text, "restrict") or _cues(text, "approve"))


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


# A participle of requiring with its agent ("the checks required by local law", "the licence
# needed under the Act"), right after the noun it describes: a reduced relative clause.
_REQUIRED_BY = re.compile(r"(?:required|needed|mandated)\s+(?:by|under)\b", re.IGNORECASE)
_PREDICATE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being|as|if|when|where|not|also|only)\s+$", re.IGNORECASE)


def _describing_participle(text: str, at: int) -> bool:
    """Is the restrict cue at `at` a participle describing the noun before it ("identity checks
    required by local law"), not the sentence's predicate ("a licence is required by law")?"""
    return bool(_REQUIRED_BY.match(text, at)) and re.search(r"[A-Za-z]\s+$", text[:at]) is not None and not _PREDICATE_BEFORE.search(text[:at])


def decide(text: str) -> tuple[str, float] | None:
    """(decision, confidence) for a clause, or None when it states no rule.

    `escalate` when the wording sends the case to people; otherwise the earliest decisive cue
    (module docstring)."""
    if _escalates(text):
        return "escalate", 0.8
    exempt = [m.start() for m in _EXEMPTION_GUARDED.finditer(text)]
    cue_text = _blank(text, EXEMPTION) if exempt else text
    rej, res = _cues(cue_text, "reject"), _cues(cue_text, "restrict")
    app = sorted(_cues(text, "approve") + exempt)
    # A negated permission ("not allowed") is a prohibition, not a permission.
    app = [a for a in app if not any(r <= a <= r + 25 for r in rej)]
    res = [r for r in res if not any(x <= r <= x + 12 for x in rej)]  # "must not" is not a "must"
    if rej:
        # "Ads offering … SIM cards sold without the identity checks required by local law will
        # not be accepted": a participle after a noun describes that noun; it is no duty of
        # the sentence, whose prohibition comes later.
        res = [r for r in res if not (r < rej[0] and _describing_participle(cue_text, r))]
    if not (rej or res or app):
        return None
    first = min(x for x in (rej[:1] + res[:1] + app[:1]))
    if rej and rej[0] == first:
        if LIFTED.search(cue_text, rej[0]) or ALTERNATIVE_DUTY.search(cue_text, rej[0]):
            # "must not use the word degree unless the provider is accredited": allowed on a
            # condition; "must not require a purchase, or the ad must state the purchase
            # condition": on either of two.
            return "restrict", 0.75
        if MISSING_REQUIREMENT.search(cue_text):
            return "restrict", 0.7
        # Prohibition first. A sentence that prohibits then names a requirement still rejects.
        return "reject", 0.9 if not app else 0.75
    if res and res[0] == first:
        strong = bool(re.search(r"(?<!-)\bonly\b|\bprovided\b|\bsubject to\b|\blimited to\b|\brestricted to\b|\brequire[sd]?\b", text, re.I))
        return "restrict", 0.85 if strong else 0.7
    # Permission first. Requirement words inside an exemption ("does not require") require nothing.
    after, after_cues = text[first:], cue_text[first:]
    if NEGATIVE_PROVISO.search(after) and not POSITIVE_REQUIREMENT.search(after_cues):
        # "allowed, provided it does not promote a lender": a content limit, not a condition.
        return "approve", 0.7
    if STRONG_CONDITIONAL.search(after_cues) or (rej and not re.search(r"\bnot (?:sell|offer|promise|use|make)\b", after, re.I)):
        return "restrict", 0.8
    weak = WEAK_CONDITIONAL.search(after)
    if weak:
        named = [c for c in extract_conditions(after) if not c.startswith("other:")]
        clause = after[weak.end() :]
        if named or REQUIREMENT_VERB.search(clause[:40]) or AD_AS_SUBJECT.match(clause):
            return "restrict", 0.7
        return "approve", 0.6
    if any(c.startswith("min_age:") for c in extract_conditions(after, restrictive=False)):
        return "restrict", 0.75
    if re.search(r"\bmay\b", text[first : first + 4], re.I) and not re.search(r"\b(?:allowed|permitted|welcome|exempt|without restriction)\b", text, re.I):
        return "approve", 0.65
    return "approve", 0.85


def scope_markets(text: str) -> tuple[list[str], list[str]]:
    """(markets, except_markets) that scope `text`; examples and regulator names ignored."""
    mentions = find_mentions(text)
    example_at = [m.start() for m in EXAMPLE_CUE.finditer(text)]
    markets: list[str] = []
    excepted: list[str] = []
    prev: Mention | None = None
    prev_role: str | None = None
    for m in mentions:
        before = text[: m.start]
        role: str | None = None
        if prev is not None and prev_role and LIST_GAP.match(text[prev.end : m.start]):
            role = prev_role
        elif EXCEPT_BEFORE.search(before):
            role = "except"
        elif SCOPE_BEFORE.search(before) or (m.adjective and AUDIENCE_AFTER.match(text[m.end :])) or (
            not m.adjective and re.match(r"^\s+users?\b", text[m.end :], re.I)
        ):
            role = "scope"
        if role and any(e < m.start for e in example_at) and role != "except":
            # After "including / such as / for example" a country illustrates, it does not
            # scope, unless the sentence's verb comes in between ("..., including lotteries,
            # are not accepted in Singapore").
            last_example = max(e for e in example_at if e < m.start)
            between = text[last_example : m.start]
            if not re.search(r"[.;:]", between) and not PREDICATE.search(between):
                role = "example"
        if role == "scope":
            markets.extend(m.codes)
        elif role == "except":
            excepted.extend(m.codes)
        prev, prev_role = m, role
    return unique(markets), unique(excepted)


def without_market_scope(text: str) -> str:
    """`text` with each market that scopes it blanked, with the words that scope it ("the ad
    targets Australia (AU)" -> "the ad "): what is left is what else the text says."""
    out = text
    for m in reversed(find_mentions(text)):
        lead = SCOPE_BEFORE.search(text[: m.start])
        if lead is None:
            continue
        code = re.match(r"\s*\([A-Z]{2}\)", text[m.end :])
        end = m.end + (code.end() if code else 0)
        out = out[: lead.start()] + " " * (end - lead.start()) + out[end:]
    return out


# "United Kingdom: consumer fireworks ads may run only …", "- Turkey: we don't accept …": a
# unit that opens with market names and a colon is written for those markets, as a section
# headed by them is (core/clause_logic.py).
_LABEL = re.compile(r"^\W*([^:;.]{2,80}):\s+\S")


def label_markets(text: str) -> list[str]:
    """The markets a unit's leading label names ("Ireland, Australia and Chile: …"), when the
    label names nothing but markets; else none."""
    m = _LABEL.match(text)
    # A label of bare codes ("GB: …", "IN: …") names markets too (core/markets.py `label_codes`).
    return (only_markets_named(m.group(1)) or label_codes(text)) if m else []


def _read_clause(text: str, start: int, original: str, restrictive_default: str | None = None) -> Reading | None:
    decided = decide(text)
    if decided is None:
        if restrictive_default is None:
            return None
        decided = (restrictive_default, 0.5)
    decision, conf = decided
    markets, excepted = scope_markets(text)
    if not markets and start == 0:
        markets = label_markets(text)
    conditions = extract_conditions(original, restrictive=True) if decision == "restrict" else []
    reading = Reading(original, start, start + len(original), decision, markets, excepted, conditions, conf)
    if ANAPHORA.search(text) and not markets:
        reading.anaphora = True
        reading.confidence -= 0.1
    if COMPLEMENT.search(text) and not markets and not excepted:
        reading.complement = True
        reading.confidence -= 0.05
    return reading


# A statement of what an operator does with personal data ("we may share your information
# with partners", "Example.com does not knowingly collect data from children under 13"): a
# privacy notice's practice, not a rule about what may run. A sentence that orders someone
# ("advertisers must not collect …", "you may not use personal data …") or whose subject is
# an ad, a listing or an advertiser is a rule about ads and does not count.
_DATA_VERB = r"(?:collect|use|share|disclose|release|sell|rent|store|retain|process|transfer|gather|obtain|solicit|receive|track|combine|provide|keep|place)(?:s|d|ed|ing)?"
_DATA_OBJECT = r"(?:information|data|cookies?|details|e-?mail address(?:es)?)"
_DATA_WORDS = ("information", "data", "cookie", "details", "mail address")  # what _DATA_OBJECT needs, as plain text
_DATA_PRACTICE = guarded(
    rf"\b{_DATA_VERB}\b[^.;]{{0,50}}?\b{_DATA_OBJECT}\b"  # "we may share your information"
    rf"|\b{_DATA_OBJECT}\b[^.;]{{0,40}}?\b{_DATA_VERB}\b",  # "the data we collect", "data may be shared"
    re.IGNORECASE,
)
_AD_SUBJECT = guarded(
    r"^\W*(?:(?:the|an?|all|any|no|your|such|these|those)\s+)?(?:\w+\s+){0,2}?"
    r"(?:ads?|advertisements?|advertisers?|listings?|creators?|campaigns?|promotions?|sellers?|merchants?|brands?|landing pages?)\b",
    re.IGNORECASE,
)
# An order about the data action itself ("must not collect", "are required to disclose").
_ORDER = guarded(
    rf"\b(?:must|shall|may not|cannot|can't|(?:are|is) not (?:allowed|permitted) to|(?:are|is) required to)\s+(?:not\s+|never\s+)?(?:\w+\s+)?{_DATA_VERB}\b",
    re.IGNORECASE,
)


def describes_data_practice(text: str) -> bool:
    """Does this normative-looking sentence describe how an operator handles personal data?"""
    return bool(_DATA_PRACTICE.search(text)) and not _AD_SUBJECT.search(text) and not _ORDER.search(text)


def data_practice_statements(text: str) -> int:
    """How many normative-looking sentences of `text` describe an operator's data handling
    (most chunks are ruled out by one search before any sentence is split)."""
    lowered = text.lower()
    if not any(word in lowered for word in _DATA_WORDS) or not _DATA_PRACTICE.search(text):
        return 0
    return sum(1 for s in split_sentences(text) if describes_data_practice(s.text) and is_normative(view(s.text)))


def _states_rule(text: str) -> bool:
    # "Until now, X had to show …": what used to apply is no rule (core/past_rules.py); "If any
    # box … cannot be ticked, the ad is not approved": the consequence of the document's other
    # rules, which are read where they are written (core/consequence.py).
    # "Rejected example: …", "Rationale: …": an example shows how a rule applies, it is none
    # (core/illustrations.py). "X means …": a definition describes the members of a term, no rule (core/definition_sentence.py).
    # "X are subject to the whole of this standard": which things the policy covers (core/applicability.py);
    # "Markets may be added to the schedule only by the Policy owner": how the policy is kept (core/policy_admin.py).
    return (is_normative(text) and not NON_NORMATIVE.search(re.sub(r"^\s*\d+(?:\.\d+)*\.?\s+", "", text))
            and not states_past_rule(text) and not states_consequence(text) and not states_definition(text)
            and not illustrates(text) and not states_applicability(text) and not administers_policy(text))


def _rule_view(original: str) -> str:
    """`view` with the modal phrases of a sentence describing the world blanked ("it cannot be
    changed once it has been shared": an ability, not a prohibition; core/world_statement.py),
    so only what else the sentence says is read as a rule."""
    text = view(original)
    if states_applicability(text) or administers_policy(text):
        return text  # states no rule at all (`_states_rule`)
    for start, end in world_modals(text):
        text = text[:start] + " " * (end - start) + text[end:]
    # "…, subject to the requirements above": points at rules executed as themselves, so it is
    # no condition of this sentence (core/exception_reading.py `deferring_provisos`).
    for start, end in deferring_provisos(text):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


# "Except for registered charities, raffle ads are prohibited": the exception leads the sentence.
# An exception that only points to where it is stated: "as provided in 3.2", "as set out in
# section 5", "as permitted under Annex B". `POINTER` reads the same words after "except" with
# the number of the clause they point to (assistant/precedence.py: that clause is the exception).
_POINTS_TO = r"as (?:provided|set out|permitted|allowed|described|specified|stated) (?:in|by|under)"
CROSS_REFERENCE = re.compile(rf"\s*{_POINTS_TO}\b", re.IGNORECASE)
POINTER = re.compile(rf",?\s*except {_POINTS_TO}\s+(?:(?:section|clause|paragraph|rule)\s+)?(\d+(?:\.\d+)*)", re.IGNORECASE)
LEADING_EXCEPTION = guarded(r"^\s*(?:except for|except|apart from|other than|with the exception of)\s+([^,;:]{2,100}?)\s*,\s*", re.IGNORECASE)


def _exception_split(text: str) -> tuple[int, int, int, int] | None:
    """(main start, main end, exception start, exception end) of "…, except …" or of
    "Except for …, …", or None."""
    lead = LEADING_EXCEPTION.match(text)
    if lead:
        return lead.end(), len(text.rstrip()), lead.start(1), lead.end(1)
    m = EXCEPTION.search(text)
    if not m:
        return None
    return 0, len(text[: m.start()].rstrip(" ,;:-\u2013\u2014")), m.end(), len(text.rstrip())


def only_markets_named(text: str) -> list[str]:
    """The markets of a phrase that names nothing but markets ("France and Spain."), else none."""
    mentions = find_mentions(text)
    rest = text
    for m in reversed(mentions):
        rest = rest[: m.start] + " " + rest[m.end :]
    if not mentions or re.sub(r"\b(?:and|or|the)\b|[\s,.;:]", "", rest, flags=re.IGNORECASE):
        return []
    return unique([c for m in mentions for c in m.codes if c != "global"])


def read_unit(original: str) -> list[Reading]:
    """The rule(s) one unit states: none, one, or two when it carves out an exception.

    Wording that sends the case to people ("decided case by case by the policy team") states
    no rule to execute: it yields none here, and `read_sentence` reads it as `escalate`.

    Each call returns fresh copies (callers may change them) of a reading cached per text:
    clause logic reads most sentences twice (is it a list's lead, then its rules), and
    boilerplate sentences recur across documents; on the benchmark corpus 8,312 calls were
    read from far fewer distinct texts at ingest."""
    return [_fresh(r) for r in _rule_readings(original)]


def _fresh(r: Reading) -> Reading:
    """A copy of a cached reading with lists of its own (what `dataclasses.replace` made, at a
    fraction of its cost: it is called for every unit clause logic reads)."""
    return Reading(r.quote, r.start, r.end, r.decision, list(r.markets), list(r.except_markets), list(r.conditions), r.confidence, r.anaphora, r.complement, r.excepts)


@lru_cache(maxsize=16384)
def _rule_readings(original: str) -> tuple[Reading, ...]:
    return tuple(r for r in _read_unit(original) if r.decision in RULE_DECISIONS)


# "Although ads for signal jammers are otherwise not permitted, ads addressed to government
# agencies … are permitted provided that …": a leading concessive clause grants another rule
# (stated elsewhere); the sentence's own rule, and what it is about, is its main clause. A main
# clause whose subject is a pronoun ("…, they must …") takes its subject from the concession,
# so the sentence is then read whole.
CONCESSION = re.compile(r"^\s*(?:although|even though|though)\s+[^,;:]{3,200}?,\s*(?!(?:they|it|these|those|this|such|that)\b)(?=\w)", re.IGNORECASE)


def _without_override(text: str) -> tuple[str, str | None]:
    """`text` with the clause saying it overrides a prohibition blanked (same length), and the
    words naming that prohibition; `text` and None when it says no such thing. The clause's
    "prohibited" is the other rule's decision, not this sentence's: "X may claim Z, even though
    this would otherwise be a prohibited disease claim" permits."""
    override = override_clause(text)
    if override is None:
        return text, None
    return text[: override.start] + " " * (override.end - override.start) + text[override.end :], override.topic


def _read_unit(original: str) -> list[Reading]:
    readings = _read_unit_whole(original)
    if any(r.decision == "approve" for r in readings) and deferring_provisos(view(original)):
        # "X are permitted, subject to the requirements above": the permission holds only as
        # far as those rules allow, and they are executed as themselves; as an approval of its
        # own it outranked them whenever they were not among the rules read for the case.
        return [r for r in readings if r.decision != "approve"]
    return readings


def _read_unit_whole(original: str) -> list[Reading]:
    text = _rule_view(original)
    if not _states_rule(text) or defers_to_policy(text) or exception_to(text) is not None or defines_term(text):
        # "Skill contests are allowed if they meet the other requirements in this policy": the
        # other rules are executed as themselves; this one states none of its own. Nor does
        # "Handheld sparklers are the only exception to the rule on …": the permission after it
        # is that exception (core/clause_logic.py).
        return []
    text, excepts = _without_override(text)
    if excepts is not None:
        readings = [r for r in [_read_clause(text, 0, original)] if r is not None]
        for r in readings:
            if r.decision in ("approve", "restrict"):
                r.excepts = excepts
        return readings
    concession = CONCESSION.match(text)
    if concession:
        s = concession.end()
        main = _read_clause(text[s:], s, original[s:])
        if main is not None:
            # "Although ads for signal jammers are otherwise not permitted, …": the concession
            # names the prohibition this permission is an exception to.
            if main.decision in ("approve", "restrict") and (topic := override_topic(concession.group(0))) is not None:
                main.excepts = topic
            return [main]
    split = _exception_split(text)
    if split:
        main_start, main_end, exc_start, exc_end = split
        main = _read_clause(text[main_start:main_end], main_start, original[main_start:main_end])
        if main is not None and main.decision == "reject" and exc_end > exc_start:
            exc_text = text[exc_start:exc_end]
            if CROSS_REFERENCE.match(exc_text):
                # "…, except as provided in 3.2": the exception is stated in the clause it points
                # to, which is read as its own rule; here it states none (it is no outright
                # approval, and no condition binding every case either).
                return [main]
            exc = _read_clause(exc_text, exc_start, original[exc_start:exc_end], restrictive_default="approve")
            if exc is not None and not exc.markets and EXCEPT_BEFORE.search(text[:exc_start]):
                # "…, except in France": the exception is the market it names.
                exc.markets = only_markets_named(exc_text)
            if exc is not None:
                if exc.decision == "reject":
                    exc.decision = "restrict"
                if exc.decision == "approve":
                    # The reading of an exception: allowed there, on its conditions.
                    named = [c for c in extract_conditions(exc_text) if not c.startswith("other:")]
                    if named:
                        exc.decision, exc.conditions = "restrict", named
                    elif CONDITIONAL_EXCEPTION.search(text[:exc_start]):
                        # "…, except where a named donor covers all running costs": the
                        # exception is that situation, a condition the case must meet (in words
                        # when no reader names it), never an outright approval.
                        exc.decision, exc.conditions = "restrict", [f"other:{exc_text.strip().rstrip('.;')}"]
                if exc.markets:
                    main.except_markets = unique(main.except_markets + exc.markets)
                main.confidence -= 0.05
                exc.confidence -= 0.1
                return [main, exc]
    reading = _read_clause(text, 0, original)
    return [reading] if reading else []


@dataclass(frozen=True)
class SentenceDecision:
    """What one sentence or passage decides, for the answerer and the coverage report:
    `decision` is None when the wording states no rule; `why` says what decided (a cue, a
    declared decision, a rule id). Frozen, so a cached reading can be shared."""

    decision: str | None
    why: tuple[str, ...] = ()


@lru_cache(maxsize=16384)
def read_sentence(sentence: str) -> SentenceDecision:
    """The decision of one sentence: `read_unit`'s main reading (the rule before any
    "except …"), or `escalate` when the wording sends the case to people.

    The same reading as `read_unit`, without the markets and conditions a rule needs; cached
    because the answerer reads the same clause sentences for every question."""
    text = _rule_view(sentence)
    if not _states_rule(text):
        return SentenceDecision(None)
    text = _without_override(text)[0]
    split = _exception_split(text)
    if split and split[3] > split[2]:
        main = decide(text[split[0] : split[1]])
        if main is not None and main[0] == "reject":
            return SentenceDecision("reject", ("prohibition with an exception",))
    decided = decide(text)
    return SentenceDecision(decided[0], ("wording",)) if decided else SentenceDecision(None)


PASSAGE_ORDER = ("reject", "restrict", "approve", "escalate")


def read_passage(sentences: list[str]) -> SentenceDecision:
    """A passage's decision: the strictest rule any sentence states, conditions before
    permissions; `escalate` only when no sentence states a rule."""
    decisions = [read_sentence(s).decision for s in sentences]
    for decision in PASSAGE_ORDER:
        if decision in decisions:
            return SentenceDecision(decision, ("wording",))
    return SentenceDecision(None)


# A heading's own decision words. "Allowed with restrictions" / "What's allowed with
# restrictions" lists what may run on conditions; "Allowed without restriction" what may run
# as is. A heading that asks who, where or how ("Who can advertise") introduces conditions,
# not a decision, and a long one is a sentence a PDF heading swallowed, not a heading.
_HEADING_WITHOUT = guarded(r"\bwithout (?:any )?(?:restrictions?|conditions)\b", re.IGNORECASE)
_HEADING_WITH = guarded(r"\bwith (?:\w+ ){0,2}(?:restrictions?|conditions|requirements)\b|\bconditionally\b", re.IGNORECASE)
_HEADING_QUESTION = re.compile(r"^\W*(?:who|where|when|how|why|which)\b", re.IGNORECASE)
_HEADING_NUMBER = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[A-Z][.)])\s+")
HEADING_WORDS = 8


@lru_cache(maxsize=4096)
def read_heading(heading: str) -> str | None:
    """The decision a section heading states for what its section lists, or None.

    A policy page sorts its items under headings that carry the decision ("What's not
    allowed", "Prohibited", "Allowed without restriction", "Allowed with restrictions",
    "Reviewed case by case"); an item under such a heading ("- Flash powder sold on its own")
    states nothing by itself and takes the heading's decision, as an item takes the decision
    of a lead sentence ending in a colon. Read by the same cues as a sentence: a heading that
    sends cases to people (`ESCALATE`) escalates; one that says "with restrictions" restricts;
    otherwise only a prohibition or a plain permission counts. A restriction cue alone ("Age
    requirements", "Only in the UK") names a topic, not the decision of the items under it."""
    text = _HEADING_NUMBER.sub("", " ".join((heading or "").split()))
    if not text or len(text.split()) > HEADING_WORDS or _HEADING_QUESTION.match(text):
        return None
    if ESCALATE.search(text):
        return "escalate"
    if _HEADING_WITHOUT.search(text):
        return "approve"
    if _HEADING_WITH.search(text):
        return "restrict"
    decided = decide(view(text))
    if decided is not None and decided[0] in ("reject", "approve"):
        return decided[0]
    return None


def section_decision(section: str) -> str | None:
    """The decision of a clause's nearest heading that states one ("What's allowed with
    restrictions > Energy drinks" -> restrict): headings nest, so a sub-heading that names
    only a topic stays under its parent's decision."""
    for level in reversed((section or "").split(" > ")):
        decided = read_heading(level)
        if decided is not None:
            return decided
    return None


__all__ = [
    "ESCALATE", "RULE_DECISIONS", "Reading", "SentenceDecision", "data_practice_statements", "decide", "describes_data_practice", "is_normative", "read_passage", "read_sentence",
    "label_markets", "only_markets_named", "read_heading", "read_unit", "scope_markets", "section_decision",
]
