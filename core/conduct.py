"""The conduct a prohibition forbids, read from its sentence's head, and whether a case states it.

Two kinds of prohibition read alike as bags of words and differ in what they ban:

- a product or content ban ("Ads for payday loans are not allowed", "Ads can't show
  before-and-after photos"): what is banned is a thing the ad is for or carries, so a case
  that names the thing is what the ban is about;
- a conduct ban, whose head is an action ("You may not charge any fee before …",
  "Describing a game as "free" when …", "Requiring entrants to …", "Ads that encourage people
  to stop paying …"): what is banned is doing something. The nouns of its object ("fee",
  "settlement", "game", "creditors") are shared by every case about the business it
  governs; a case that only names them ("Can we run ads for our debt settlement program?")
  does not state the conduct, and the ban is not a reason to reject it. It is still what
  must hold, so the answer it gives is `restrict`, never `approve`.

The head is read from the sentence's structure, not from a list of topics: a gerund that
opens the sentence and takes an object, an advertiser subject ("you", "advertisers") with a
negative modal and a verb, or an ad subject with a relative clause ("Ads that encourage …").
Verbs of promoting a product (promote, advertise, sell, offer …) and of carrying content
(show, use, feature, include, claim, promise …) are not conduct in this sense: their object is the
product or the content itself, and naming it is stating it.

Measured (fresh stores, against HEAD without it): sample 0.825 = ; dev 0.556 -> 0.569 (a
general debt-settlement question now restrict); dev2 0.625 -> 0.639 (a free-to-play question
now restrict; a chess-tournament case reject -> restrict, labelled approve); dev3 0.542 = ;
validation 0.673 = (same confusion matrix); unsafe approvals unchanged on every pack. Dropped:
claim verbs (promise, guarantee) as conduct: "Ads that promise "zero energy bills" …" is a
claim ban, and a paraphrased claim need not repeat its words. A describing-as ban first
counted any use of its wording as stating it; that undid the circumstance ("as "free" when
players can't get past the first level …") a free-to-play question does not state.

Duties (`duty_status`, issue 13) are the mirror: an obligation is met when the case states its
action on its object and refused when the case negates it. Only the case's own words decide
(content-word stems, an acronym the rule itself spells out, a value stated of a measure the
item names), and words of the same meaning by general English word knowledge
(`terms.same_meaning`, core/lexicon.py: the same base form, a derivationally related form, a
shared frequent sense: "entry" states "enter", "losses" "lose"), and where the case affirms the
duty a kind of what it names (`lexicon.names_kind`: "every car" for "every vehicle", never the
reverse); nothing looser: "equal odds" does not state "the same chance of winning" (WordNet
relates equal and same only by "see also", and odds and chance by no sense), "the ID check"
does not name "identity verification" (check means verification only in its 5th sense), and
those stay `restrict`. Measured (fresh
stores, against HEAD without it): sample 0.825 =; dev 0.569 -> 0.583 (a sponsor that has not
registered: reject); dev2 0.639 -> 0.667 (no approval number: reject; a 0% APR ad naming its
term: approve); dev3 0.556 -> 0.569 (a price rise given in per cent where pounds are required:
reject); validation 0.673 =; unsafe approvals unchanged on every pack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from policydesk.core.condition_reading import OBLIGATION
from policydesk.core.disclosure import carried, existence_items, existence_status, refused, required_items, stated_otherwise
from policydesk.core.keyword import STOPWORDS
from policydesk.core.object_head import whole_class_object
from policydesk.core.restated import NEGATION
from policydesk.core.terms import GENERIC, opposed_in, same_meaning, same_stem, stem, terms

_LEAD_IN = re.compile(r"^\s*(?:[-*\u2022]|\(?\d+(?:\.\d+)*[.)]?|\(?[a-z][.)])\s+")

# Verbs whose object is the product promoted or the content carried: naming the object is
# stating the practice (a product or content ban, see the module docstring).
_OBJECT_VERBS = frozenset(stem(w) for w in """
promote advertise market sell offer run provide supply distribute target serve list
show display depict feature include contain use make claim state say imply suggest portray present
promise guarantee assure
""".split())

# What a gerund takes right after it when it is an action with an object ("Describing a game",
# "Requiring entrants", "Encouraging people") rather than a noun modifier ("Gambling ads").
_OBJECT_START = r"(?:a|an|the|any|anyone|someone|people|users|customers|consumers|entrants|players|children|minors|them|your|their|its|this|these|those|that)"
_GERUND_HEAD = re.compile(rf"^([A-Za-z]{{3,}}ing)\s+{_OBJECT_START}\b", re.I)
_NEGATIVE_MODAL = r"(?:may not|must not|mustn't|cannot|can't|can not|should not|shouldn't|will not|won't|are not (?:allowed|permitted) to|aren't (?:allowed|permitted) to)"
_ADVERTISER_HEAD = re.compile(rf"^(?:you|advertisers?)\s+{_NEGATIVE_MODAL}\s+([a-z]+)\b", re.I)
_AD_RELATIVE_HEAD = re.compile(r"^(?:ads?|adverts?|advertisements?|advertising)\s+(?:that|which)\s+([a-z]+)\b", re.I)
# "Ads must not combine fertility treatment with holiday packages", "The ad must not shame
# people …": an ad subject with a negative modal and a verb forbids what the ad does, as the
# advertiser subject does; a verb of promoting or carrying ("Ads can't show …") stays a content ban.
# Measured (2026-11-30, session 18): dev5 0.556 -> 0.569 (IVF ads abroad: "must not combine
# fertility treatment with holiday packages" now what must hold); other packs and validation unchanged.
_AD_MODAL_HEAD = re.compile(rf"^(?:(?:an?|the|your)\s+)?(?:ads?|adverts?|advertisements?)\s+{_NEGATIVE_MODAL}\s+([a-z]+)\b", re.I)


# "Describing a membership as "no contract" or "cancel anytime" is fine only if …", "must not
# describe products as "replica", "AAA grade" …": the rule governs the wording it quotes after a
# verb of describing or naming.
_DESCRIBED_AS = re.compile(
    r"\b(?:describ\w*|call\w*|label\w*|referr?\w*\s+to|advertis\w*|market\w*|present\w*|promot\w*)\b[^.;:]{0,60}?\bas\s+"
    r"((?:[\"“][^\"”]{1,60}[\"”](?:\s*(?:,|\bor\b|\band\b)\s*)?)+)", re.I)
# "Claims of "up to" a particular speed are permitted provided …", "claims that "X" …": the
# rule governs making the claim it quotes, as a rule about describing something as it does.
_CLAIM_OF = re.compile(r"\bclaim(?:s|ing)?\s+(?:of|that)\s+((?:[\"“][^\"”]{1,60}[\"”](?:\s*(?:,|\bor\b|\band\b)\s*)?)+)", re.I)
# ""No refunds" courses can't be advertised in GB": a sentence whose subject is a noun
# classified by the wording it quotes is about things described in those words, so it governs
# the ads that use the wording, as a describing-as rule does; so is one after its determiner or
# clause number ("A "free fitting" offer must not require …", session 22). Quoted wording that is itself the
# subject (""Fully accredited" … without naming the body is not allowed") gives examples of a
# kind of claim, not the only words it governs: not read here.
_OPENING_WORDING = re.compile(
    r"^\W{0,3}(?:[A-Z]?\d+(?:\.\d+)*\.?\s+)?(?:(?:a|an|the|any|every|each)\s+)?"
    r"((?:[\"“][^\"”]{1,60}[\"”](?:\s*(?:,|\bor\b|\band\b)\s*)?)+)(?=\s*(?:[a-z-]+\s+){1,2}(?:must|may|can|cannot|can't|are|is|will|should)\b)", re.I)
# "An ad must not show a "from" price unless …", "Ads may use a "best buy" badge only if …": a
# prohibition or permission whose object is a noun classified by quoted wording governs the ads
# that use the wording (session 22). Not a duty ("must show a "Sponsored" label"): that binds
# every ad, which carries the words or breaks it.
_OBJECT_WORDING = re.compile(
    r"\b(?:must not|must never|may not|cannot|can't|should not|shall not|may|can)\s+(?:only\s+)?"
    r"(?:show|use|display|include|carry|make|quote|advertise)\s+(?:a|an|the|any)\s+"
    r"((?:[\"“][^\"”]{1,60}[\"”](?:\s*(?:,|\bor\b|\band\b)\s*)?)+)(?=\s*[a-z][a-z-]+)", re.I)
# "… may use the wording "Caffeine contributes to an increase in alertness" or "…"": a
# permission to use quoted wording (`permitted_wording`). Only a permission ("may", "can", "are allowed to"): a duty to use words ("must
# use the term "Ad"") is a requirement every ad meets or breaks, not a scope.
_MAY_USE = re.compile(
    r"\b(?:may|can|could|(?:is|are) (?:allowed|permitted) to)\s+(?:only\s+)?use\s+(?:the\s+|this\s+|these\s+)?"
    r"(?:wording|words?|phrases?|phrasing|terms?|claims?|statements?|lines?|slogans?|expressions?)\s*:?\s+"
    r"((?:[\"“][^\"”]{1,80}[\"”](?:\s*(?:,|\bor\b|\band\b)\s*)?)+)", re.I)
_QUOTED = re.compile(r"[\"“]([^\"”]{1,80})[\"”]")


def described_wording(quote: str) -> list[str]:
    """The wording a rule governs when it is about describing something as quoted words, or
    about claims of quoted words."""
    return [w for pat in (_DESCRIBED_AS, _CLAIM_OF, _OPENING_WORDING, _OBJECT_WORDING) for m in pat.finditer(quote) for w in _QUOTED.findall(m.group(1))]


def permitted_wording(quote: str) -> list[str]:
    """The quoted wording a permission allows an ad to use ("… may use the wording "X" or
    "Y""). Not a scope: the permission's subject still says which ads it is for (read as
    before); what a ban on "other wording" beside it excludes (assistant/other_wording.py
    `permitted_wording_kept`). Tried as a scope too (2026-11-30): the permission then left
    cases not quoting its wording to other rules, which broke two dev cases it had answered by
    its condition, so it stays a reading of the wording only."""
    return [w for m in _MAY_USE.finditer(quote) for w in _QUOTED.findall(m.group(1))]


@dataclass(frozen=True)
class Conduct:
    verb: str  # the action's verb as written ("charge", "Describing")
    phrase: str  # the verb and what follows it: the practice in the rule's own words


def conduct_of(quote: str) -> Conduct | None:
    """The conduct a prohibition's head forbids, or None when its head is a product or content."""
    text = _LEAD_IN.sub("", " ".join(quote.split()))
    for pattern in (_GERUND_HEAD, _ADVERTISER_HEAD, _AD_RELATIVE_HEAD, _AD_MODAL_HEAD):
        m = pattern.match(text)
        if m is None:
            continue
        verb = m.group(1)
        if stem(verb.lower()) in _OBJECT_VERBS or stem(verb.lower()) in GENERIC:
            return None
        return Conduct(verb=verb, phrase=text[m.start(1):].rstrip(" .;:"))
    return None


_CIRCUMSTANCE = re.compile(r"\b(?:when|whenever|where|if|unless|while)\b", re.I)


def _same(a: str, b: str) -> bool:
    return same_stem(a, b)


def states_conduct(conduct: Conduct, question: str) -> bool:
    """Does the question state the conduct: its verb ("we charge fees only after …"), the
    quoted wording a describing-as ban governs (and its circumstance), or else at least half of
    the practice's own content words? Naming a noun of its object is not enough: "debt
    settlement" does not state charging a fee before a debt is settled."""
    asked = terms(question)
    if any(_same(stem(conduct.verb.lower()), q) for q in asked):
        return True
    wordings = [w for w in described_wording(conduct.phrase) if terms(w)]
    if wordings:
        # A describing-as ban is of its quoted wording, in the circumstance it names if any
        # ("… as "free" when players can't …"): the case states it when it uses the wording and
        # names half the circumstance's words.
        if not any(terms(w) <= asked for w in wordings):
            return False
        circumstance = _CIRCUMSTANCE.search(conduct.phrase)
        if circumstance is None:
            return True
        return _half_named(conduct.phrase[circumstance.end():], asked)
    return _half_named(conduct.phrase, asked)


def _half_named(text: str, asked: set[str]) -> bool:
    """Does the question name at least half the content words of `text` (a practice in its own
    words, as `rule_trigger.trigger_reason` reads a trigger)?"""
    words = {t for t in terms(text) if t not in GENERIC and not t.isdigit() and len(t) > 1}
    named = {t for t in words if any(_same(t, q) for q in asked)}
    return bool(words) and 2 * len(named) >= len(words)


def unstated_conduct(quote: str, question: str) -> str | None:
    """Why a conduct prohibition does not reject the case (it forbids an action the case does
    not state), or None when the prohibition is of a product or content, or the case states it."""
    conduct = conduct_of(quote)
    if conduct is None or states_conduct(conduct, question):
        return None
    words = conduct.phrase.split()
    short = " ".join(words[:10]) + (" …" if len(words) > 10 else "")
    return f"it forbids a practice ({short}) the case does not state, so it is what must hold"


# "You may not charge any fee before a debt has been settled": the practice is forbidden
# before an event, so doing it only after that event is what the prohibition allows. The
# event is what follows "before"/"until" in the practice's own words.
_BEFORE_EVENT = re.compile(r"\b(?:before|until|prior to)\s+(.+)$", re.I)
# The case does the practice only once the event has happened: "charged only after a debt is
# settled", "we bill once the work is done", "not until the client has paid".
_AFTER_EVENT = re.compile(r"\b(?:after|once|not\s+until|only\s+when)\s+(.+)$", re.I)
# Where the case's clause ends (the event runs on over "and": "after a debt is settled and the
# client has made a payment").
_EVENT_END = re.compile(r"[,;?!:]|\.(?!\d)|\s[-\u2013\u2014]\s|\b(?:but|while|whereas|although|though|because|so)\b", re.I)


@dataclass(frozen=True)
class Timing:
    """A conduct ban's timing condition met by the case: the practice, done only after the
    event the ban names (`event`), in the question's own words (`evidence`)."""

    event: str
    evidence: str


def timing_kept(quote: str, question: str) -> Timing | None:
    """The case does the forbidden practice only after the event before which the prohibition
    forbids it ("may not charge any fee before … has been settled" / "fees charged only after a
    debt is settled"): the prohibition's condition, executed and met. The case's sentence must
    state the practice's verb, and then "after"/"once"/"not until" an event naming at least half
    the content words of the prohibition's event; one that also says "before" is no answer."""
    conduct = conduct_of(quote)
    if conduct is None:
        return None
    before = _BEFORE_EVENT.search(conduct.phrase)
    if before is None:
        return None
    event = before.group(1).rstrip(" .;:")
    verb = stem(conduct.verb.lower())
    for sentence in re.split(r"[;?!]|\.(?!\d)", question):
        words = list(re.finditer(r"[A-Za-z]{3,}", sentence))
        at = next((w.end() for w in words if _same(stem(w.group(0).lower()), verb)), None)
        if at is None:
            continue
        rest = sentence[at:]
        after = _AFTER_EVENT.search(rest)
        # the event times this practice: nothing between the verb and "after" starts another
        # clause ("we charge an upfront fee, and the rest after …") or times it otherwise
        if after is None or re.search(r"[,(]|\b(?:and|or|before|upfront|up-front|in advance)\b", rest[: after.start()], re.I):
            continue
        if re.search(r"\b(?:before|prior to)\b", rest, re.I):
            continue  # "after sign-up, before any loan is repaid": timed before the event as well
        said = after.group(1)
        end = _EVENT_END.search(said)
        said = said[: end.start()] if end else said
        if _half_named(event, terms(said)):
            return Timing(event=event, evidence=" ".join(sentence[words[0].start():].split()))
    return None


# ---------------------------------------------------------------- duties
# The mirror of a conduct ban: a duty ("the sponsor must register the promotion and post a
# bond", "State the minimum purchase age on the landing page", "can run only if the game has an
# approval number") is an action on an object, at a place. The case meets it when it says it
# does that action (or has its result) on the object, and refuses it when it says it does not
# ("we haven't registered", "we'd rather not mention X", "we don't have an approval number").
# A duty to carry something in the ad or on its page is read by core/disclosure.py (what is
# carried, what is left out); any other action is read here from its verb and object.


@dataclass(frozen=True)
class Duty:
    """A duty decided against the case: `met` or `unmet`, with the question's words that say so."""

    result: str
    evidence: str
    carrying: bool = False  # a duty to carry something in the ad or on its page


@dataclass(frozen=True)
class Action:
    verb: str  # stem of the duty's verb ("regist", "have")
    object: frozenset[str]  # content stems of its object ("promot")
    text: str  # the verb and object as written
    content: str = ""  # what the object must itself say ("official rules that state the dates …")
    complement: str = ""  # to whom or where, after the object ("to the CDC National ART Surveillance System")


_OBLIGED = rf"\b{OBLIGATION}\s+(?:(?:also|always|clearly|first|then|still)\s+)*"
# "only if the game has a publishing approval number": a condition of possession.
_ONLY_IF_HAS = re.compile(
    r"\b(?:only if|only where|only when|provided(?: that)?|as long as|so long as|on condition that)\s+"
    r"(?:the|a|an|its|their|your|you|we|it|they)\b[\w\s'-]{0,40}?\s(?P<verb>has|have|holds?)\s+(?P<rest>[^.;:!?]+)",
    re.I,
)
_ACTION = re.compile(rf"{_OBLIGED}(?P<verb>[a-z]{{3,}})\s+(?P<rest>[^.;:!?]+)", re.I)
_DETERMINER = r"(?:the|a|an|its|their|your|each|every|any|all|this|that|these|those)"
# Another verb joined to the first ("register the promotion and post a bond").
_AND_VERB = re.compile(rf"\s+(?:and|or)\s+(?P<verb>[a-z]{{3,}})\s+(?={_DETERMINER}\b)", re.I)
_PREPOSITION = r"(?:to|with|for|from|by|before|after|at|in|on|within|under|until|into|onto|via|through)"
# Where an object ends: a place, a time, a purpose, a relative clause, another clause ("from"
# stays: "an approval number from the regulator" is the thing itself).
_ACTION_OBJECT_END = re.compile(rf",|\s+(?:(?!from){_PREPOSITION}|when|whenever|if|unless|where|that|which|who|whose|so|because|while|and|or|as)\b|\(", re.I)
# Verbs that are no action of the advertiser's: the copula, a negation (a ban, not a duty),
# what only says the ad may run.
_NOT_ACTIONS = frozenset(stem(w) for w in "be been being not never only also ensure make do get allow permit accept let need want".split())
# Verbs of carrying content: such a duty is what the ad carries (core/disclosure.py).
_CARRY_VERBS = frozenset(stem(w) for w in "state show include display name carry say give list disclose quote mention specify appear explain".split())


_HAVE = frozenset({"has", "have", "had", "having"})


def _verb_stem(word: str) -> str:
    word = word.lower()
    return "have" if word in _HAVE else stem(word)


_QUANTIFIERS = frozenset(stem(w) for w in "every each all any some other such own both".split())


def _object_stems(text: str) -> frozenset[str]:
    return frozenset(t for t in terms(text) if t not in GENERIC and t not in _QUANTIFIERS and not t.isdigit() and len(t) > 1)


def _action(verb: str, rest: str) -> Action | None:
    v = _verb_stem(verb)
    if v in _NOT_ACTIONS or v in _CARRY_VERBS:
        return None  # a verb of carrying content is core/disclosure.py's
    rest = rest.strip()
    lead = re.match(rf"{_PREPOSITION}\s+", rest, re.I)
    if lead:
        rest = rest[lead.end():]  # "link to official rules": its object follows the preposition
    end = _ACTION_OBJECT_END.search(rest)
    obj = rest[: end.start()] if end else rest
    if re.match(r"\s*(?:so|it|this|them|these|those|one)\b", obj, re.I):
        return None  # refers back: what is meant is elsewhere
    said = _CONTENT.match(rest, end.start()) if end else None
    return Action(verb=v, object=_object_stems(obj), text=f"{verb} {obj}".strip(), content=said.group(1) if said else "",
                  complement=rest[end.start():] if end else "")


# "official rules that state the start and closing dates, …": what the object must say.
_CONTENT = re.compile(r"\s+(?:that|which)\s+(?:must\s+)?(?:states?|shows?|lists?|includes?|says?|gives?|sets? out|explains?|names?)\s+(.+)$", re.I)
# "the official rules link has everything the policy lists": the whole content stated at once.
_EVERYTHING = re.compile(r"\b(?:everything|all)\s+(?:that\s+)?(?:the\s+)?(?:policy|rules?|you|it)?\s*(?:lists?|requires?|asks?|needs?|says?|sets? out)\b|\b(?:everything|all)\s+(?:required|needed|listed)\b", re.I)


def _content_status(act: Action, clause: str, question: str) -> bool:
    """Does the case say the object carries what it must say: all of it at once ("has everything
    the policy lists"), or every listed item (core/disclosure.py)?"""
    if not act.content:
        return True
    if _EVERYTHING.search(clause):
        return True
    # every listed item named in the sentence of the case that states the action
    sentence = next((p for p in re.split(r"[?!]|\.(?!\d)", question) if clause in p), clause)
    lead = r"(?=(?:the|a|an|each|its|their|who|how|what|when|where|which)\b)"
    items = [[(_object_stems(a), a) for a in re.split(rf"\s+or\s+{lead}", i)] for i in re.split(rf",\s*(?:and\s+)?|\s+and\s+{lead}", act.content)]
    items = [[a for a in i if a[0]] for i in items]
    items = [i for i in items if i]
    # an item given as alternatives ("the odds of winning or how entries are judged"): either
    return bool(items) and all(any(_names_object(a, sentence, text, kinds=True) for a, text in i) for i in items)


@lru_cache(maxsize=4096)
def duty_actions(sentence: str) -> tuple[Action, ...]:
    """The actions `sentence` obliges the advertiser to take (not the content it must carry)."""
    text = _LEAD_IN.sub("", " ".join(sentence.split()))
    out: list[Action] = []
    for pattern in (_ACTION, _ONLY_IF_HAS):
        for m in pattern.finditer(text):
            rest = m.group("rest")
            parts = [(m.group("verb"), rest)]
            # verbs joined before what the object must say ("… rules that state A and how B")
            said = _CONTENT.search(rest)
            joined = [j for j in _AND_VERB.finditer(rest, 0, said.start() if said else len(rest)) if j.group("verb").lower() not in STOPWORDS]
            if joined:
                parts = [(m.group("verb"), rest[: joined[0].start()])]
                for i, j in enumerate(joined):
                    parts.append((j.group("verb"), rest[j.end(): joined[i + 1].start() if i + 1 < len(joined) else len(rest)]))
            for verb, obj in parts:
                act = _action(verb, obj)
                if act is not None:
                    out.append(act)
    return tuple(out)


_CASE_CLAUSE = re.compile(r"[,;?!:]|\.(?!\d)|\s[-–—]\s|\b(?:but|while|whereas|although|though|because|so)\b", re.I)
_NEGATED_VERB = re.compile(r"(?:\b(?:not|never|cannot|unable to)|n't)\s+(?:(?:yet|even|ever|already|really|actually|been|got|get|to)\s+)*([a-z]{3,})\b", re.I)
_WITHOUT = re.compile(r"\b(?:without|no)\s+(?:a|an|the|any)?\s*", re.I)
# Words before a verb that make it a question, a wish or a supposition, not a statement.
_UNSTATED = re.compile(r"\b(?:can|could|may|might|should|would|will|shall|if|whether|need|needs|want|wants|plan|plans|going|do|does|did|must|have to|has to)\b|'d\b|\?", re.I)
_NO_DIRECT_OBJECT = re.compile(rf"^\s*(?:$|{_PREPOSITION}\b|or\b|and\b|yet\b|any\b|anything\b|anywhere\b)", re.I)


def _names_object(obj: frozenset[str], text: str, source: str = "", kinds: bool = False) -> bool:
    """Does `text` name two thirds of the object's words (stems of `source`, the duty's words):
    the word itself, or with `source` one of the same meaning (`terms.same_meaning`), with
    `kinds` also a kind of it (where the case affirms the duty), and then never when a word it
    misses is contradicted (an antonym in `text`)?"""
    have = terms(text)
    hits = {t for t in obj if any(_same(t, h) or (source and same_meaning(t, source, h, text, kinds)) for h in have)}
    if kinds and source and any(opposed_in(t, source, text) for t in obj - hits):
        return False  # a word it misses is contradicted ("a different account" for "the same account")
    hit = len(hits)
    return bool(obj) and hit >= max(1, -(-2 * len(obj) // 3))


def _same_verb(word: str, act: Action, kinds: bool = False) -> bool:
    """Is the case's `word` the duty's verb: its stem, or a word of the same meaning ("entry"
    for "enter", "verification" for "verify"; `terms.same_meaning`), with `kinds` also a kind
    of that action (where the case affirms the duty)?"""
    v = _verb_stem(word)
    return _same(v, act.verb) or (act.verb != "have" and same_meaning(act.verb, act.text, v, word, kinds))


# A duty to do something when asked ("supply the registration numbers to us on request"): what
# the case can or will do is the duty stated ("we can supply the numbers if you need them").
_ON_REQUEST = re.compile(r"\b(?:on|upon)\s+(?:our\s+)?request\b|\b(?:when|if)\s+(?:we\s+)?(?:ask|request)(?:s|ed)?\b", re.I)
_ABLE = re.compile(r"\b(?:we|they|i|it)\s+(?:can|could|will|are able to|is able to|am able to)\s+(?:also\s+|always\s+|readily\s+)?$", re.I)


def _stated_before(before: str, on_request: bool) -> bool:
    """Do the words before the case's verb state it (not ask, wish or suppose it)? For a duty on
    request, "we can" / "we will" before it says it is done when asked."""
    if on_request and _ABLE.search(before):
        before = before[: _ABLE.search(before).start()]
        if re.search(r"^\W*(?:can|could|will|would)\b", before, re.I):
            return False  # "can we supply ...": a question
    return not _UNSTATED.search(before)


def _action_status(act: Action, question: str, on_request: bool = False) -> Duty | None:
    for clause in _CASE_CLAUSE.split(question):
        for m in _NEGATED_VERB.finditer(clause):
            if not _same_verb(m.group(1), act):
                continue
            after = clause[m.end():]
            # "we haven't registered (with any state)": the action itself denied, or the action
            # on the object the duty names ("we don't have an approval number")
            if _names_object(act.object, after, act.text) or (_NO_DIRECT_OBJECT.match(after) and act.verb != "have"):
                return Duty("unmet", clause.strip())
        if act.verb == "have" and (w := _WITHOUT.search(clause)) and _names_object(act.object, clause[w.end():], act.text):
            return Duty("unmet", clause.strip())
    for clause in _CASE_CLAUSE.split(question):
        if NEGATION.search(clause):
            continue
        for word in re.finditer(r"[A-Za-z]{3,}", clause):
            if _same_verb(word.group(0), act, kinds=True) and _stated_before(clause[: word.start()], on_request):
                # an object of generic words only ("the promotion") is what the case is about,
                # unless the case's verb takes another one ("we registered the domain")
                if act.object:
                    # or the advertiser's whole class of it ("our outcomes" for "its treatment
                    # outcomes", core/object_head.py)
                    on_object = _names_object(act.object, clause, act.text, kinds=True) or whole_class_object(
                        act.text[len(act.text.split()[0]):], act.complement, clause[word.end():])
                else:
                    after = clause[word.end():]
                    end = _ACTION_OBJECT_END.search(after)
                    on_object = not _object_stems(after[: end.start()] if end else after)
                if on_object and _content_status(act, clause, question):
                    return Duty("met", clause.strip())
    return None


_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")


def _with_acronyms(question: str, sentence: str) -> str:
    """`question` with each acronym the rule spells out followed by its words: "NPPA" with
    "(National Press and Publication Administration)" when the rule names it so."""
    names = re.findall(r"\b[A-Z][a-z]+(?:\s+(?:(?:and|of|for|the|&)\s+)*[A-Z][a-z]+)+", sentence)
    spelled = {"".join(w[0] for w in re.findall(r"\b[A-Z][a-z]+", n)): n for n in names}
    return _ACRONYM.sub(lambda m: f"{m.group(0)} ({spelled[m.group(0)]})" if m.group(0) in spelled else m.group(0), question)


with_acronyms = _with_acronyms


def duty_status(sentence: str, question: str) -> Duty | None:
    """Whether the case meets the duty `sentence` states, refuses it, or says neither (None).

    A duty to carry something (core/disclosure.py): refused when the case says it leaves an
    item out, met when it says the ad (or, where the rule allows, its page) carries every item.
    Something there must be ("there must be a free method of entry that ..."): met when the case
    says there is a thing with every part of it, refused when it says there is none.
    Any other duty: refused when the case negates any of its actions, met when it states every
    one of them on its object. A refusal decides before a statement of another part."""
    question = _with_acronyms(" ".join(question.split()), sentence)
    left_out = refused(sentence, question)
    if left_out:
        return Duty("unmet", left_out, carrying=True)
    if required_items(sentence):
        found = carried(sentence, question)
        if found:
            return Duty("met", found, carrying=True)
        otherwise = stated_otherwise(sentence, question)
        return Duty("unmet", otherwise, carrying=True) if otherwise else None
    if existence_items(sentence):
        # "there must be a free method of entry ...": a thing the case says there is, or is not
        said = existence_status(sentence, question)
        return Duty(*said) if said else None
    actions = duty_actions(sentence)
    if not actions:
        return None
    on_request = bool(_ON_REQUEST.search(sentence))
    results = [_action_status(a, question, on_request) for a in actions]
    unmet = next((r for r in results if r is not None and r.result == "unmet"), None)
    if unmet is not None:
        return unmet
    if all(r is not None for r in results):
        return Duty("met", "; ".join(dict.fromkeys(r.evidence for r in results if r is not None)))
    return None


__all__ = ["Action", "Conduct", "Duty", "Timing", "conduct_of", "described_wording", "permitted_wording", "duty_actions", "duty_status", "states_conduct", "timing_kept", "unstated_conduct", "with_acronyms"]
