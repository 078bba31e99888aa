"""What a policy says its own categories are: "Caffeine supplements are tablets, capsules,
chewing gum, gels, strips and powders …", "By debt solutions we mean X and Y", "Caffeine shots
of any volume count as energy drinks", a definition list under a "Definitions" heading.

A rule is written for the policy's category ("Caffeine supplements can only be advertised in
…"); a question names the member ("Caffeine gum ad for Germany"). The policy's own statement of
what its category takes in is what lets the scope check (assistant/scope_reason.py `scope_reason`)
see that the rule is about the case. Read at the catalog commit, per document (the definition
sits in the policy's introduction, the rule in another clause: core/corpus_facts.py), and used
only for rules of that same document.

Narrow by construction: only a term the sentence opens with (or the one a "By … we mean" /
"Examples of … include" names), only the members it lists (two or more short noun phrases, or
the ones after "including" / "such as" in a sentence that defines the term, or the subject of
"counts as"); a genus ("an energy drink is a non-alcoholic drink that …") is no member, and a
requirement ("Ads must include A and B") is no definition: a modal between term and verb, or a
term of generic ad words only, is never read.
"""

from __future__ import annotations

import re
from functools import lru_cache

from policydesk.core.lexicon import classifying
from policydesk.core.literal_guard import guarded
from policydesk.core.terms import GENERIC, stem, terms

_TERM = r"[\"“]?([A-Za-z][\w'-]*(?:\s+[\w'-]+){0,3}?)[\"”]?"
_LEAD = r"^\s*(?:[-*•]\s+)?(?:\*\*)?(?:for (?:the purposes of )?this (?:policy|standard|section),?\s+)?(?:an?\s+|the\s+)?"
# "X include(s) / cover(s) / means / is / are / consist(s) of / comprise(s) …"
_DEFINES = re.compile(_LEAD + _TERM + r"(?:\*\*)?\s+(includes?|covers?|means?|is|are|consists? of|comprises?)\s+(.+)$", re.I)
# "By X(,) we mean …"
_BY_WE_MEAN = re.compile(r"^\s*by\s+" + _TERM + r",?\s+we\s+mean\s+(.+)$", re.I)
# "Examples of X include …"
_EXAMPLES_OF = re.compile(r"^\s*examples\s+of\s+" + _TERM + r"\s+(?:include|are)\s*:?\s+(.+)$", re.I)
# "A of any volume count(s) as X", "A are treated as X"
_COUNTS_AS = re.compile(r"^\s*(?:an?\s+|the\s+)?([A-Za-z][\w'-]*(?:\s+[\w'-]+){0,3}?)(?:\s+(?:of|in|with)\s+any\s+[\w-]+)?\s+"
                        r"(?:counts?|are\s+treated|is\s+treated|qualif(?:y|ies))\s+as\s+(?:an?\s+)?([\w'-]+(?:\s+[\w'-]+){0,2}?)\s*(?:under this policy)?\s*[.;]?\s*$", re.I)
# A definition list item: "- **Term**: A, B and C" / "Term: A, B and C" under a Definitions heading.
_LIST_ITEM = re.compile(r"^\s*(?:[-*•]\s+)?(?:\*\*)?[\"“]?([A-Za-z][\w' -]{1,40}?)[\"”]?(?:\*\*)?\s*[:\u2013\u2014]\s*(.+)$")
# Inside a defining sentence, the members it lists as examples.
_INCLUDING = re.compile(r"\b(?:including|such as|for example|e\.g\.,?)\s+(.+)$", re.I)
# Where a list's last item stops and a qualification of the whole list begins.
_LIST_END = re.compile(r"\s+(?:but|that|which|who|whose|where|when|sold|marketed|used|made|offered|containing|with|for|to|in|on|from|by|under|unless|if|whether)\b|[;:().]", re.I)
# Words that make a term no category of the policy: who is addressed, ad words, pronouns.
_NOT_A_TERM = frozenset("this that these those it they we you your our ads ad examples example which there here what each every all any some "
                        "where when whenever if unless while whether who whom whose".split())
_RELATIVE = frozenset("that which who whom whose where when if unless".split())
# A part of a list that is no noun phrase: a pronoun or a verb ("tightly regulated, and we rely").
_NOT_A_MEMBER = re.compile(r"\b(?:we|you|they|it|he|she|our|your|their|is|are|was|were|be|been|must|may|can|will|should|not)\b|\w+ly\b|\w{3,}(?<!e)ed$", re.I)
# A genus: "an energy drink is a non-alcoholic drink that …", "the "Protected Brands List" is the list of …".
_DETERMINER = re.compile(r"^\s*(?:an?|the|any|our|your|one|each|every)\b", re.I)
_VAGUE = re.compile(r"^(?:other|similar|any|all|related|such|and so on|etc)\b", re.I)
_MODAL = re.compile(r"\b(?:must|should|may|might|can|cannot|can't|shall|will|need|needs|have to|has to|do|does|don't|doesn't)\b", re.I)
_QUALIFIED = re.compile(r"\b(?:above|below|over|under|of|with|without|in|on|from|for|at|by|than|that|which|who|this|these|those)\b", re.I)
MAX_MEMBER_WORDS = 4
# A heading over a list of what the policy's words mean: "Definitions", "Defined terms", "Glossary".
DEFINITIONS_HEADING = re.compile(r"\bdefinitions?\b|\bdefined terms\b|\bglossary\b|\bkey terms\b|\bterms used\b", re.I)
# "Games rated for adults (PEGI 18, ESRB Mature 17+ or an equivalent national rating)", "Paid
# random items (loot boxes, gacha, card packs)": a noun phrase and, in brackets right after it,
# a list of what it takes in. The phrase runs back to the start of the line, a list marker or
# punctuation, at most five words.
_PAREN_LIST = guarded(  # (needs both brackets: a sentence without them is not scanned)
    r"(?:^|[-*•:;,.]\s+|^\s*)(?:\*\*)?([A-Za-z][\w'-]*(?:\s+[\w'+-]+){0,4}?)(?:\*\*)?\s*\(([^()]{3,200})\)")
# A bracket that says where the phrase does not apply or where to look, not what it takes in.
_NOT_EXAMPLES = re.compile(r"^\s*(?:apart from|except|excluding|other than|not|see|unless|if|when|where|or|and|but|which|that)\b", re.I)
_EXAMPLE_MARK = re.compile(r"^\s*(?:e\.g\.,?|for example,?|such as|including|like)\s+", re.I)


def _items(text: str) -> list[str]:
    """The short noun phrases of a list ("tablets, capsules, chewing gum, gels, strips and
    powders that are sold …"): cut where a qualification of the whole list begins."""
    end = _LIST_END.search(text)
    body = text[: end.start()] if end else text
    parts = [p.strip() for p in re.split(r",|\bor\b|\band\b|/", body)]
    out = []
    for p in parts:
        p = re.sub(r"^(?:an?|the)\s+", "", p.strip(" \"“”'*")).strip()
        if not p or _VAGUE.match(p):
            continue
        if len(p.split()) > MAX_MEMBER_WORDS or _NOT_A_MEMBER.search(p) or not {t for t in terms(p) if t not in GENERIC}:
            return []  # not a list of things: the sentence says something else about the term
        out.append(p)
    return out


def _term_ok(term: str) -> bool:
    words = term.lower().split()
    if not words or words[0] in _NOT_A_TERM or _MODAL.search(term) or _RELATIVE & set(words):
        return False
    return bool({t for t in terms(term) if t not in GENERIC})


def _defined(term: str, rest: str, verb: str) -> list[str]:
    """The members a defining sentence lists for `term`."""
    if m := _INCLUDING.search(rest):
        listed = _items(m.group(1))
        if len(listed) >= 2:
            return listed
    if verb.lower() in ("is", "are", "means", "mean") and (_MODAL.match(rest) or _DETERMINER.match(rest)):
        return []
    listed = _items(rest)
    return listed if len(listed) >= 2 else []


def sentence_definitions(sentence: str, in_definitions: bool = False) -> list[tuple[str, list[str]]]:
    """(term, members) pairs one sentence states; `in_definitions`: it sits under a heading
    named "Definitions", where "Term: …" items define too."""
    s = " ".join(sentence.split())
    out: list[tuple[str, list[str]]] = []
    if m := _BY_WE_MEAN.match(s):
        term, rest, verb = m.group(1), m.group(2), "means"
    elif m := _EXAMPLES_OF.match(s):
        term, rest, verb = m.group(1), m.group(2), "include"
    elif m := _COUNTS_AS.match(s):
        member, term = m.group(1), m.group(2)
        # A member qualified ("Sellers above this limit are treated as dealers") is only part of
        # what its words name: naming "sellers" does not name dealers.
        qualified = _QUALIFIED.search(member)
        if _term_ok(term) and _term_ok(member) and not qualified and stem(member.split()[-1]) != stem(term.split()[-1]):
            out.append((term, [member]))
        return out
    elif in_definitions and (m := _LIST_ITEM.match(s)):
        term, rest, verb = m.group(1), m.group(2), "means"
    elif m := _DEFINES.match(s):
        term, verb, rest = m.group(1), m.group(2), m.group(3)
    else:
        return out
    term = term.strip(" \"“”*")
    if not _term_ok(term):
        return out
    members = [p for p in _defined(term, rest, verb) if p.lower() != term.lower()]
    if members:
        out.append((term, members))
    return out


# A scope statement's parts: "… for surgical cosmetic procedures, including A, B and C, and for
# non-surgical aesthetic treatments, including D and E" is two.
_SCOPE_PART = re.compile(r",?\s+and\s+(?=(?:for|to|of)\s)", re.I)
_SCOPE_LEAD = re.compile(r"^\s*(?:(?:ads|adverts?|advertisements?|advertising|promotions?)\s+(?:for|of|about)\s+|(?:for|to|of)\s+)", re.I)
_SCOPE_MEMBERS = re.compile(r"^(.+?),?\s+(?:including|such as)\s+(.+)$", re.I)


def stated_scope_definitions(statement: str) -> list[tuple[str, list[str]]]:
    """(term, members) for each category a policy's own scope statement lists members of
    ("This standard applies to advertisements for surgical cosmetic procedures, including
    breast augmentation, rhinoplasty, liposuction …" -> ("surgical cosmetic procedures",
    ["breast augmentation", "rhinoplasty", "liposuction", …])): the statement passed is the
    object of "applies to" / "covers" (core/corpus_facts.py). Narrow as the rest of this
    module: the term must be one (`_term_ok`, at most five words), the members a list of two or
    more short noun phrases (`_items`). Measured (2026-11-30, session 17, fresh stores, with the
    hyphenated-modifier check of `names_member`): dev4 0.667 -> 0.681 (liposuction in France, a
    member of "surgical cosmetic procedures": escalate -> restrict), sample, dev, dev2, dev3 and
    validation 0.702 unchanged (no per-case change; unsafe, esc P/R too). Without that check a
    weight-loss injection was named as "botulinum toxin injections" by its head (dev4 bd4-66 lost)."""
    out: list[tuple[str, list[str]]] = []
    for part in _SCOPE_PART.split(" ".join(statement.split())):
        m = _SCOPE_MEMBERS.match(_SCOPE_LEAD.sub("", part, count=1))
        if m is None:
            continue
        term = m.group(1).strip(" \"“”*,")
        if len(term.split()) > 5 or not _term_ok(term) or _DETERMINER.match(term):
            continue
        members = [p for p in _items(m.group(2)) if p.lower() != term.lower()]
        if len(members) >= 2:
            out.append((term, members))
    return out


def bracketed_definitions(sentence: str) -> list[tuple[str, list[str]]]:
    """(term, members) for each noun phrase a sentence follows with a bracketed list of what it
    takes in: "Games rated for adults (PEGI 18, ESRB Mature 17+ or an equivalent national
    rating) may only be shown to ..." -> ("Games rated for adults", ["PEGI 18", "ESRB Mature
    17+", "equivalent national rating"]). Narrow like the rest of this module: the phrase must be
    a term (`_term_ok`), the bracket a list of two or more short noun phrases (`_items`), and a
    bracket that excepts or points elsewhere ("apart from handheld sparklers, see Exceptions")
    is none."""
    out: list[tuple[str, list[str]]] = []
    for m in _PAREN_LIST.finditer(sentence):
        term, inside = m.group(1).strip(" \"“”*"), m.group(2)
        if _NOT_EXAMPLES.match(inside) or not _term_ok(term) or _DETERMINER.match(term):
            continue
        members = [p for p in _items(_EXAMPLE_MARK.sub("", inside)) if p.lower() != term.lower()]
        if len(members) >= 2:
            out.append((term, members))
    return out


@lru_cache(maxsize=8192)
def _sentence_definitions(sentence: str, in_definitions: bool) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """`sentence_definitions` kept per sentence: ingest reads every chunk, and overlapping
    chunks and replicated boilerplate repeat sentences (the benchmark corpus: 6,257 readings
    of 2,716 distinct sentences)."""
    found = sentence_definitions(sentence, in_definitions) + bracketed_definitions(sentence)
    return tuple((term, tuple(members)) for term, members in found)


def policy_definitions(text: str, section: str = "") -> dict[str, list[str]]:
    """Every definition a clause's text states: term -> the members it lists."""
    from policydesk.core.sentences import split_sentences

    in_definitions = bool(DEFINITIONS_HEADING.search(section.split(" > ")[-1] if section else ""))
    out: dict[str, list[str]] = {}
    for span in split_sentences(text):
        for term, members in _sentence_definitions(span.text, in_definitions):
            have = out.setdefault(term.lower(), [])
            have.extend(m for m in members if m not in have)
    return out


def _content(text: str) -> list[str]:
    """The stems of a phrase's content words, in order (its head last), as `terms` stems them."""
    # "non-surgical" is one word, as `terms` reads it: it names no surgery.
    low = re.sub(r"\bnon-([a-z])", r"non\1", text.lower())
    return [stem(w) for w in re.findall(r"[a-z0-9]+", low) if stem(w) not in GENERIC and stem(w) in terms(w)]


def names_member(member: str, term: str, question_terms: set[str], question: str | None = None) -> bool:
    """Does the question name the member? When every content word of it is named, or its head
    word is, unless that head is the term's own kind ("instalment loans" of "personal loans":
    naming "loan" names no member in particular), or the question (`question`, its text) first
    writes that head under a classifying noun neither the member nor the term writes: a "gem
    pack" is another kind of pack than "card packs" ("slug pellets" are still named by
    "pellets, 2 kg bags", and "chewing gum" of caffeine supplements by "caffeine gum": the term
    writes "caffeine"). The first mention, because a later "the pack" refers back to it."""
    words = _content(member)
    if not words:
        return False
    if all(w in question_terms for w in words):
        return True
    head = words[-1]
    if head not in question_terms or head in set(_content(term)):
        return False
    if question:
        tokens = re.findall(r"[A-Za-z][\w'-]*", question)
        first = next((i for i, t in enumerate(tokens) if stem(t.lower()) == head), None)
        if first:
            before = tokens[first - 1].lower()
            written = set(words) | set(_content(term))
            # A hyphenated modifier ("weight-loss injections") classifies by its last part,
            # unless a part of it is written by the member or the term; a "non-" compound
            # negates, and classifies nothing.
            parts = before.split("-")
            last = parts[-1]
            if (not before.startswith("non-") and stem(last) not in GENERIC and not {stem(p) for p in parts} & written
                    and classifying(last)):
                return False
    return True


def named_category(
    definitions: dict[str, list[str]] | None, question_terms: set[str], clause_terms: set[str], literal: bool = False,
    question: str | None = None,
) -> tuple[str, str] | None:
    """(member, term): a member the question names of a category its policy defines, when the
    clause names that category (every content word of the term among `clause_terms`), else
    None. "PEGI 18 zombie shooter" is about what "The minimum age for ads for games rated for
    adults is 19" governs once the policy says games rated for adults take in PEGI 18: the
    writer's own statement, not a cosine, says the clause is about the case.

    `literal`: only a member of two or more content words, every one named ("hedge cutters",
    "PEGI 18"), as `scope_evidence.listed_example` asks of an example before it counts at any
    cosine; a one-word member ("chainsaws") is a word a question may use about something else."""
    for term, members in (definitions or {}).items():
        words = set(_content(term))
        if not words or not words <= clause_terms:
            continue
        for member in members:
            if literal:
                content = _content(member)
                if len(content) >= 2 and set(content) <= question_terms:
                    return member, term
            elif names_member(member, term, question_terms, question):
                return member, term
    return None


def defined_terms(definitions: dict[str, list[str]] | None, question_terms: set[str], question: str | None = None) -> set[str]:
    """The content words of every term of one policy whose member the question names: what
    the question names in the policy's own categories (`question`: see `names_member`)."""
    out: set[str] = set()
    for term, members in (definitions or {}).items():
        if any(names_member(m, term, question_terms, question) for m in members):
            out |= set(_content(term))
    return out


__all__ = ["bracketed_definitions", "stated_scope_definitions", "defined_terms", "named_category", "names_member", "policy_definitions", "sentence_definitions"]
