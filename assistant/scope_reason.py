"""Why a rule's subject does not cover the case (`scope_reason`), and the words of its subject
the case names (`named_words`): the scope step of executing a rule (issue 13).

Why a step of its own: a rule is written for a subject ("Ads for payday loans …", "Claims that a
product is safe for children …"); a case about something else is not one the rule decides,
whatever words it shares with the sentence. The words of the policy's title are its topic,
which retrieval has already matched. The tests here read the rule's subject as a noun phrase
(core/clause_logic.py `rule_subject`), a claim rule by the claims the case states, a rule about
wording by the wording the case uses, an outright allowance by the head of what the case
advertises. Why a rule binds the case all the same is assistant/rule_binds.py.
"""

from __future__ import annotations

import re
from functools import lru_cache

from policydesk.assistant.advertiser_kind import other_advertiser
from policydesk.assistant.kind_scope import advertised, kind_term, names_agent
from policydesk.assistant.naming import names, stems, uses_wording, word_named
from policydesk.assistant.qualified_head import other_kind
from policydesk.assistant.rule_binds import measure_binds
from policydesk.assistant.rule_run import Origin
from policydesk.assistant.title_head import title_topic_named
from policydesk.assistant.trace_text import short_text
from policydesk.core.casefacts import AD_NOUNS, CaseFacts, SUGGESTED, read_claims, read_noun_phrase
from policydesk.core.clause_logic import RuleSubject, clause_subject, member_words, rule_heads, rule_subject
from policydesk.core.conduct import described_wording
from policydesk.core.quotes import quoted, without_quotations
from policydesk.core.terms import GENERIC, stem, terms
from policydesk.core.types import Chunk, Rule


def excluded_kind(rule: Rule, question_terms: set[str]) -> str | None:
    """The kind the policy says the rule does not cover that the case names, every content word
    of it ("prize draws": a prize draw, not a drawing competition's prize), or None."""
    for kind in rule.excludes:
        needed = {t for t in terms(kind) if t not in GENERIC and not t.isdigit()}
        if needed and all(names(t, question_terms) for t in needed):
            return kind
    return None


def scope_reason(rule: Rule, chunk: Chunk, question_terms: set[str], question: str | None = None) -> str | None:
    """Why the rule's subject does not cover the case, or None when it does. Words of the
    policy's own title are its topic, which retrieval has already matched.

    A rule about describing something as quoted wording is about that wording. A case that
    uses it is what the rule is about, whatever noun its sentence starts with ("can we call it
    'nationwide'?" for "A network may describe its coverage as "nationwide" only where …"); a
    case that uses none of it is not, whatever else it shares with it (a "no contract" claims
    rule has no say on a creatine ad). Wording counts as used when the case names every
    content word of it.

    The rule side of the head reading (issue 13): the rule's subject is read as a noun phrase
    by the question's own reader (core/clause_logic.py `rule_subject`). When every word of the
    rule the case names lies in what follows the phrase to say what its thing is for or how it
    is ("Instructions or DIY kits for connecting … a gas supply": "gas"), and the case names no
    word of the phrase itself, the rule is about another thing: a Gas Safe engineer's boiler
    ad is no DIY kit. A claim rule is set aside unless the case states a claim of its kind
    (`_claim_reason`); a rule's participle is not named by a plural of its stem
    (`other_word_class`). Measured (2026-11-30, fresh stores, before -> after): sample 0.831
    -> 0.831, dev 0.583 -> 0.597 (the claim rule), dev2 0.681 -> 0.708 (the gas kits and the
    grant-scheme rule), dev3 0.653 -> 0.653, validation 0.673 -> 0.690 (unsafe approvals and
    escalation P/R unchanged). Of the validation gain the complement gate gives two cases, the
    participle one; the claim gate none."""
    described = described_wording(rule.quote)
    wordings = [w for w in described if terms(w)]
    # Wording of function words only (a "from" price) has no content word to name: the case
    # uses it when it writes those words (session 22). Read only with the question's text.
    bare = [w for w in described if not terms(w) and w.strip()] if question is not None else []
    if wordings or bare:
        if any(uses_wording(w, question_terms, question) for w in wordings) or any(
                re.search(rf"(?<![\w'-]){re.escape(w.strip())}(?![\w'-])", question or "", re.I) for w in bare):
            return None
        return "it governs describing something as " + " or ".join(f'"{w}"' for w in wordings + bare) + ", which the case does not say"
    if question is not None and (other := other_advertiser(rule.quote, question, question_terms)):
        # A rule binding one kind of advertiser ("Letting agents … must") and a case that says
        # it is another ("I'm a private landlord"): assistant/advertiser_kind.py.
        return other
    subject = rule_subject(rule.quote) if question is not None else None
    if subject is not None and subject.claim:
        if unclaimed := _claim_reason(subject, question):
            return unclaimed
        # The case states a claim of the kind the rule governs: that claim is what the rule is
        # about, whatever noun its sentence opens with ("Claims that a service is "council
        # approved" …" for an ad headed 'Council approved builders').
        return None
    title = terms(chunk.title)
    scope = {t for w in rule.scope for t in stems(w)}
    specific = scope - title
    if specific and specific <= member_words(rule.quote) and any(names(t, question_terms) for t in scope - specific):
        # "ads for any CBD product, including topical products, can't run …": beyond the
        # policy's title words, which the case names, the rule names only examples of its thing.
        specific = set()
    own = [parts - title for parts in map(stems, rule.scope) if parts - title]
    if not specific:
        # The rule's subject is a topic of the policy's title. A title can name several
        # ("Subscriptions and Free Trials"): when the case names one of them and not the
        # rule's, the rule is about another part of the policy.
        named_topics = {t for t in title - GENERIC - title_shared_head(chunk.title) if names(t, question_terms)}
        if scope and named_topics and not any(names(t, question_terms) for t in scope):
            return f"its subject ({', '.join(rule.scope)}) is another topic of the policy than the case's"
        return None
    named = [parts for parts in own if word_named(parts, question_terms) and not other_word_class(parts, " ".join((rule.quote, *rule.scope)), question)]
    if not named:
        # The advertised thing is a kind of what the rule governs ("sparkler" under "Fireworks
        # ..."), by WordNet's hypernym chain (assistant/kind_scope.py): of the head of the
        # rule's subject, not of a modifier ("a used hatchback" is a car, not a kind of "car
        # subscription services"); a rule whose subject phrase cannot be read offers its scope words.
        heads = rule_heads(rule.quote) or tuple(rule.scope)
        if question is not None and kind_term(advertised(question), [w for w in heads if stems(w) - title]):
            return None
        if title_topic_named(rule.scope, rule.quote, title, question_terms):
            # "Ads for personal training, in person or online, ..." under "Fitness, gyms and
            # personal training" and a case about personal training (assistant/title_head.py).
            return None
        return f"its subject ({', '.join(rule.scope)}) is not what the case is about"
    if question is not None and (other := _other_kind(rule, chunk, named, title, question_terms, question)):
        return other
    if subject is not None and subject.words and all(parts <= subject.complement for parts in named) and not any(names(t, question_terms) for t in subject.words):
        return (f"the case names only what its subject ({' or '.join(subject.heads)}) is for or how it is "
                f"({', '.join(sorted(set().union(*named)))}), not the subject itself")
    if question is not None and rule.decision == "approve" and not rule.conditions:
        # An outright allowance approves the case on its subject alone ("... may be advertised
        # without restriction"): the words the case shares with it must name that subject.
        # Measured (issue 13, 2026-11-30, same stores before -> after): four wrong approvals
        # "for what the case is about (free)" / "(test, drives)" / "(credit)" (dev un-06, un-09,
        # dev2 car-05, car-18) no longer approve; accuracy unchanged on all five packs (sample
        # 0.836, dev 0.708, dev2 0.750, dev3 0.667, validation 0.690), dev2 unsafe 0.026 -> 0.
        # The same test on every rule, not only allowances, broke 6 dev and in-scope cases
        # (caffeine pills under "caffeine supplements", a debt settlement "program"): dropped.
        copy = _copy_only(named, question_terms, question)
        return (copy or None) if copy is not None else _modifier_only(rule, named, title, question)
    return None


@lru_cache(maxsize=1024)
def title_shared_head(title: str) -> frozenset[str]:
    """The head noun a title's coordinated topics share, as a stem, or nothing: in "Tattoo and
    Piercing Studios" the bare singular "Tattoo" modifies "Studios" as "Piercing" does, so a
    case naming a studio names no topic other than tattoo studios' (it is one of either). In
    "Subscriptions and Free Trials" the plural "Subscriptions" stands alone: "trials" is a topic
    of its own. Read from the title's main part (before a colon or dash)."""
    main = re.split(r"\s*(?::|\s[-\u2013\u2014]\s)", title, maxsplit=1)[0]
    parts = [p.split() for p in re.split(r"\s*(?:,|&|\band\b|\bor\b)\s*", main, flags=re.I) if p.strip()]
    if len(parts) < 2 or len(parts[-1]) < 2:
        return frozenset()
    head = parts[-1][-1].lower()
    if not head.endswith("s") or any(len(p) != 1 or p[0].lower().endswith("s") for p in parts[:-1]):
        return frozenset()
    return frozenset({stem(head)})


def _other_kind(rule: Rule, chunk: Chunk, named: list[set[str]], title: set[str], question_terms: set[str], question: str) -> str | None:
    """Why the case's thing is another kind of the one head it shares with the rule's subject
    (assistant/qualified_head.py): every word the case names of the rule's subject is the head of
    what it advertises ("payday loan" beside "loans … for solar systems")."""
    thing = advertised(question)
    if thing is None or not thing.dependents:
        return None
    head = stem(thing.head)
    if not all(all(names(t, {head}) for t in parts) for parts in named):
        return None
    return other_kind(rule, chunk, thing, question_terms, title)


def _copy_only(named: list[set[str]], question_terms: set[str], question: str) -> str | None:
    """Why an outright allowance does not cover the case when the one word of its subject the
    case names is a word of the ad copy the case quotes; "" when the copy shares more of its
    wording (what the ad says is what it allows: "supports a shiny coat and healthy skin"
    beside an allowance for coat and skin claims); None when the case names a word of its
    subject outside the copy. The copy is what the ad says, not what the ad is for, and one
    word of it is a word any ad may use (as assistant/scope_evidence.py `quoted_wording` counts
    one quoted word): "'Pay in 4, interest free' buy now pay later promo" is no case for "free
    gifts that every buyer receives". A rule about wording is read as one before
    (`described_wording`)."""
    copy = " ".join(quoted(question))
    if not copy or not named:
        return None
    outside = question_terms - (terms(copy) - terms(without_quotations(question)))
    if any(word_named(parts, outside) for parts in named):
        return None
    if len(named) > 1:
        return ""  # the copy shares a wording with it, not one word: what the ad says is its subject
    shared = ", ".join(sorted(set().union(*named)))
    return f"the case names its subject ({shared}) only in the ad copy it quotes, not as what it advertises"


def _modifier_only(rule: Rule, named: list[set[str]], title: set[str], question: str) -> str | None:
    """Why the words the case shares with an outright allowance's subject do not make the case
    one for it, or None when they do (issue 13). Noun compounds are head-final: "free spins"
    are spins, "test date" is a date, "free gifts" are gifts. The case shares the rule's
    subject when a shared word is the head of what the case advertises (core/casefacts.py
    `read_advertised`), or when the case names the head of the rule's subject phrase (read by
    the same reader) as that word, not as a verb form of its stem ("Driving school" does not
    name "Test drives"). A word that is a modifier on both sides ("free" of an online casino's
    "free spins" and of "free gifts that every buyer receives") is a shared word, not a shared
    subject. Only when the case's thing is read, its head is no generic ad word, names no
    advertiser (a person or group: "gold bullion dealer" deals in bullion, kind_scope.py
    `names_agent`) and is no topic of the policy's title (then the policy governs the thing
    itself), and the rule's head is no topic of the title either ("Premium games ..." under a
    games policy: whether an "M-rated shooter" is one of them is the policy's scope, which
    shared words cannot tell)."""
    thing = advertised(question)
    if thing is None or not named:
        return None
    heads = {stem(h) for h in (thing.heads or (thing.head,)) if h}
    if not heads or heads & GENERIC or any(names(h, title) for h in heads):
        return None
    if any(names_agent(h) for h in (thing.heads or (thing.head,))):
        return None  # "gold bullion dealer": the head names the advertiser, its modifiers the thing
    read = rule_heads(rule.quote)
    if not read:
        np = read_noun_phrase(rule.quote)
        read = np.heads if np is not None else ()
    if any(names(stem(h), title) for h in read):
        # The rule narrows the policy's own thing ("Premium games ..." under a games policy):
        # whether the case's thing is one of them is the policy's scope, not shared words.
        return None
    words = re.findall(r"[a-z]+", question.lower())
    # The noun right after the phrase read is its head too when the reader set it aside as a
    # noun of the offer ("municipal advice line": "line" as in "product line"): head-final.
    after = re.match(rf".*?\b{re.escape(thing.phrase.lower())}\s+([a-z]+)", question.lower())
    if after is not None and after.group(1) in AD_NOUNS:
        heads = heads | {stem(after.group(1))}
    for parts in named:
        for t in parts:
            if names(t, heads):
                return None
            for h in read:
                if names(t, {stem(h)}) and any(
                        names(stem(w), {t}) and (_verb_form(h) or not _verb_form(w)) for w in words):
                    return None
    shared = ", ".join(sorted(set().union(*named)))
    return f"the case shares only a modifier ({shared}) with its subject, not the head of what it advertises ({thing.head})"


def _verb_form(word: str) -> bool:
    """An -ing or -ed form ("driving", "licensed"), not a noun of the same stem ("drives")."""
    w = word.lower()
    return len(w) > 5 and (w.endswith("ing") or (w.endswith("ed") and not w.endswith("eed")))


def _claim_reason(subject: RuleSubject, question: str | None) -> str | None:
    """Why a rule about a claim does not cover the case, or None when it does.

    A claim rule ("Claims that a product … is safe for children", "Ads that say or imply …",
    an example of copy it bans) is about what the ad says, not about the things its wording
    names: a case is one for it when the case states or quotes a claim of that kind (core/casefacts.py
    `read_claims`, and what the ad is said to suggest or imply), and a claim is of that kind when it
    names a word of one of the rule's claimed predicates up to what that predicate is for
    ("safe" of "is safe for children"; "replace" or "sleep" of "can replace sleep"). A case that
    names "children" in a warning it quotes ("Not recommended for children") makes no claim that
    the product is safe for them; one that states no claim at all is about another part of the
    policy, whatever words it shares with the wording."""
    said = read_claims(question or "") + [m.group(1) for m in SUGGESTED.finditer(question or "")]
    if not said:
        return f'it governs what an ad claims ("{short_text(subject.claim)}"), and the case states no claim'
    said_terms = set().union(*(terms(c) for c in said))
    if any(names(t, said_terms) for t in subject.claim_core):
        return None
    return f'the claims the case states are not of the kind it governs ("{short_text(subject.claim)}")'


def other_word_class(parts: set[str], quote: str, question: str | None) -> bool:
    """Does the case name the rule's word only as another word of the same stem: the rule's
    participle ("games rated for adults") as a plural noun ("drop rates"), or the rule's noun
    ("tests") as a participle ("tested")? The stemmer folds both to one stem; the word classes
    differ, and so do the words."""
    if question is None:
        return False
    participles = [w for w in re.findall(r"[a-z]+ed\b", quote.lower()) if not w.endswith("eed") and stem(w) in parts]
    forms = [w for w in re.findall(r"[a-z]+", question.lower()) if stem(w) in parts]
    if not participles:
        # The other way round (session 22): the rule's noun ("Tests must be carried out by …",
        # or a scope word it takes from its table row or antecedent: `quote` carries them) and
        # the case's participle only ("sunglasses tested to ISO 12312-1").
        nouns = [w for w in re.findall(r"[a-z]+", quote.lower()) if stem(w) in parts]
        return bool(nouns) and bool(forms) and all(_participle(f) for f in forms)
    return bool(forms) and all(f.endswith("s") and not f.endswith("ss") for f in forms)


def _participle(word: str) -> bool:
    return word.endswith("ed") and not word.endswith("eed")


def named_words(rule: Rule, origin: Origin, chunk: Chunk, question_terms: set[str]) -> list[str]:
    """The words of the rule's own subject the question names, as the rule writes them, one
    per stem (lex specialis: a rule written for what the case is about is more specific than
    one written for the whole policy). A marker rule is its whole clause: its subject is what
    the clause's sentences are about; it is only compared, never used to set the rule aside."""
    scope = rule.scope or (clause_subject_words(chunk) if origin == "marker" else [])
    title = terms(chunk.title)
    out: dict[str, str] = {}
    for w in scope:
        t = stem(w)
        if t not in title and t not in out and word_named(stems(w) - title, question_terms):
            out[t] = w
    return list(out.values())


_MODIFIER_SKIP = frozenset("as and or the a an of for to in on with such including like e.g. other all any".split())


def named_whole(word: str, quote: str, question_terms: set[str]) -> bool:
    """Does the question name `word` as the rule writes it, not just the head of a compound the
    rule names ("air guns" for a question about a shotgun dealer's "gun")? The word before it in
    the rule, when it is a content word, must be named too."""
    for m in re.finditer(rf"\b([a-z][\w-]*)\s+{re.escape(word.lower())}\b", quote.lower()):
        before = m.group(1)
        if before not in _MODIFIER_SKIP and before not in GENERIC and not names(stem(before), question_terms):
            return False
    return True


def clause_subject_words(chunk: Chunk) -> list[str]:
    """A marked clause's subject words, stored at ingest with its logic; a chunk stored
    without logic (an older store) is read here, cached per text."""
    if chunk.logic:
        return chunk.subject
    return list(_subject_words(chunk.text))


@lru_cache(maxsize=16384)
def _subject_words(text: str) -> tuple[str, ...]:
    return tuple(clause_subject(text))


def outside_subject(rule: Rule, chunk: Chunk, facts: CaseFacts, question_terms: set[str] | None) -> bool:
    """Is the rule's subject not what the case is about (`scope_reason`, unless a measure the
    case states binds it: `measure_binds`)?"""
    if question_terms is None or not scope_reason(rule, chunk, question_terms, facts.question):
        return False
    return not measure_binds(rule, chunk, facts)
