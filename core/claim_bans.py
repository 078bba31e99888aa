"""A prohibition that bans nothing but saying something, read from its sentence's structure.

"Must not claim a knife is legal to carry everywhere", "Must not claim any self-defence product
makes the user "invincible"": the clause reader keeps what may not be said as `no_claim:`
conditions (core/condition_reading.py). A case that states no claim (core/casefacts.py
`read_claims`) leaves all of them unchecked, and the executor (assistant/prohibition_outcome.py) then
rejected on the prohibition alone, as it does for a ban of a product ("Stun guns and tasers").
A ban on saying something is not a ban of what the ad is for: a case that says nothing of it
does not break it, and it is what must hold (`restrict`), as a conduct ban the case does not
state is (core/conduct.py). A case that states the claim still breaks it (the `no_claim`
condition, unmet, rejects).

The sentence qualifies only when every negative modal in it ("must not", "may not", "cannot",
"never", "do not") governs a verb of saying (claim, say, state, suggest, imply, promise,
guarantee), and it has no passive ban ("… are not allowed", "prohibited"). A sentence that
also bans showing or doing something ("must not show a blade …", "must not urge them to buy")
or a thing ("Ads that promote happy-hour deals … are not allowed") is not one.
"""

from __future__ import annotations

import re

from policydesk.core.negation import negation_pattern, negation_source
from policydesk.core.quotes import without_quotations
from policydesk.core.restated import CLAUSE_END

_NEGATED = re.compile(
    r"\b(?:(?:must|may|should|shall|can|will|do|does)\s+not|mustn't|cannot|can't|won't|don't|doesn't|shouldn't|never)"
    r"\s+(?:(?:ever|directly|indirectly|falsely|explicitly|expressly|otherwise|also)\s+)?(?:be\s+)?([a-z]+)",
    re.IGNORECASE,
)
_SAYING = re.compile(r"^(?:claim|say|state|suggest|imply|promise|guarantee|assert)(?:s|ed|ing)?$", re.IGNORECASE)
_PASSIVE_BAN = re.compile(
    r"\b(?:not\s+(?:be\s+)?(?:allowed|permitted|accepted|acceptable)|prohibited|banned|forbidden|disallowed)\b",
    re.IGNORECASE,
)


# A ban whose object is quoted wording named as a claim: 'We don't allow "free quote" claims
# where …', '"Cure" or "heal" claims are not permitted': the quotations are what may not be
# said, the noun after them says they are claims. What may stand between the quotations.
_CLAIM_NOUN = r"(?:claims?|statements?|wording|promises?|phrases?|language|taglines?|slogans?|headlines?)"
_QUOTATION = r"(?:\"[^\"]{2,80}\"|\u201c[^\u201d]{2,80}\u201d|'[^']{2,80}')"
_QUOTED_LIST = rf"{_QUOTATION}(?:\s*(?:,|\bor\b|\band\b|\band/or\b)\s*(?:,\s*)?{_QUOTATION})*(?:\s*,?\s*or\s+similar)?"
_AFTER_NOUN = r"(?=\s+(?:where|if|when|whenever|unless|that|which|in|on|for|about|from|if)\b|\s*[,.;:!?]|\s*$)"
_QUOTED_CLAIM_BAN = re.compile(
    rf"\b(?:(?:do|does|will|can|may|must|shall)\s+not|don't|doesn't|won't|cannot|can't|never)\s+(?:allow|accept|permit|approve|run|use|make)\s+"
    rf"(?:any\s+)?(?P<obj>{_QUOTED_LIST})\s+(?:or\s+similar\s+)?{_CLAIM_NOUN}{_AFTER_NOUN}"
    rf"|^\W*(?:[\d.]+\s+)?(?P<subj>{_QUOTED_LIST})\s+(?:or\s+similar\s+)?{_CLAIM_NOUN}\s+(?:are|is)\s+not\s+(?:allowed|permitted|accepted|acceptable)\b",
    re.IGNORECASE,
)
_QUOTED_TEXT = re.compile(r"\"([^\"]{2,80})\"|\u201c([^\u201d]{2,80})\u201d|'([^']{2,80})'")


def quoted_claims_banned(quote: str) -> list[str]:
    """The quoted claims a sentence bans by naming them as claims and nothing else ('We don't
    allow "free inspection" claims where an inspection fee is later charged' -> ["free
    inspection"]), or [] when the sentence is not that shape or bans anything more (a second
    negation). Quoted wording is a proposition in the ad's own words: copy saying it, in those
    words or others of the same meaning, makes it (core/claim_match.py)."""
    flat = " ".join(quote.split())
    m = _QUOTED_CLAIM_BAN.search(flat)
    if m is None:
        return []
    negations = len(list(_NEGATED.finditer(flat))) + len(_PASSIVE_BAN.findall(flat))
    if negations != 1:
        return []
    listed = m.group("obj") or m.group("subj") or ""
    return list(dict.fromkeys(next(g for g in q.groups() if g).strip() for q in _QUOTED_TEXT.finditer(listed)))


def bans_only_saying(quote: str) -> bool:
    """Does the sentence ban only saying something ("Must not claim a knife is legal to carry
    everywhere")? True when it has at least one negative modal, each governs a verb of saying,
    and no passive ban ("are not allowed", "prohibited") stands beside them; or when its one
    ban is of quoted wording named as claims (`quoted_claims_banned`)."""
    if quoted_claims_banned(quote):
        return True
    verbs = [m.group(1) for m in _NEGATED.finditer(quote)]
    if not verbs or _PASSIVE_BAN.search(quote):
        return False
    return all(_SAYING.match(v) for v in verbs)


# What makes what follows a verb of saying a proposition: an opening "that", or a finite verb of
# its own ("a knife is legal to carry everywhere", "the product regrows hair").
_CLAUSE_OPENING = re.compile(r"^(?:(?:or|and)\s+(?:imply|suggest|state|say)\s+)?that\b", re.IGNORECASE)
_FINITE = re.compile(r"\b(?:is|are|was|were|will|would|can|could|has|have|does|do|makes?|gives?|works?)\b", re.IGNORECASE)


def says_propositions(quote: str) -> bool:
    """Does every negated verb of saying in the sentence take a proposition ("must not claim that
    the product regrows hair", "must not claim a knife is legal to carry everywhere"), not a kind
    of claim ("must not claim or imply health benefits")? A proposition is made by copy saying
    it, in its words or others of the same meaning (core/claim_match.py); a kind of claim is made
    by any claim of that kind, which word matching does not tell, so copy meeting it is not shown
    to make none. Quoted wording banned as claims is a proposition (`quoted_claims_banned`)."""
    if quoted_claims_banned(quote):
        return True
    flat = " ".join(quote.split())
    found = list(_NEGATED.finditer(flat))
    if not found:
        return False
    for i, m in enumerate(found):
        stop = found[i + 1].start() if i + 1 < len(found) else len(flat)
        span = flat[m.end():stop].strip()
        if not (_CLAUSE_OPENING.search(span) or _FINITE.search(span)):
            return False
    return True


def said_claims(quote: str) -> list[str]:
    """What a saying ban's sentence says may not be said, each alternative a claim: what follows
    each negated verb of saying, to the next negation or the sentence's end, an opening "that"
    dropped, split at commas and "or" ("must not claim that the product regrows hair, stops
    hair loss or treats alopecia" -> "the product regrows hair", "stops hair loss", "treats
    alopecia"). The clause reader's `no_claim:` conditions may stop at the first comma; these
    are the whole list, so copy is checked against every claim the sentence bans. A ban of
    quoted wording named as claims bans its quotations (`quoted_claims_banned`)."""
    if quoted := quoted_claims_banned(quote):
        return quoted
    flat = " ".join(quote.split())
    found = list(_NEGATED.finditer(flat))
    out: list[str] = []
    for i, m in enumerate(found):
        stop = found[i + 1].start() if i + 1 < len(found) else len(flat)
        span = re.sub(r"^(?:that|the claim that)\s+", "", flat[m.end():stop].strip(" ,;:.!?"), flags=re.IGNORECASE)
        span = re.sub(r"[,;]?\s*(?:and|or)$", "", span)
        out += [a.strip() for a in re.split(r"\s*,\s*(?:or\s+|and\s+)?|\s+or\s+", span) if len(a.split()) >= 2 or len(a) > 3]
    return list(dict.fromkeys(a for a in out if a))


# A negation in the question ("nothing about it being painless", "we never say it stops the
# clock", "no price-match claims"): what follows it, to the end of its clause (the clause end
# core/restated.py reads negations with), is denied.
# "nothing": "…, nothing about it being painless" denies the claim
# A word compounded with "no" ("no-fly zones", "a no-claims bonus") names a thing, it denies none.
_DENIAL = re.compile(rf"(?:{negation_source('nothing', 'none')})(?!-\w)", re.IGNORECASE)
# A verb of saying before the negation in its clause: "the ad says there are no side
# effects" quotes a claim, it denies none.
_SAYS_BEFORE = re.compile(r"\b(?:says?|said|claims?|claiming|states?|stating|promises?|promising|reads?|tells?|suggests?|implies)\b[^,.;:!?]*$", re.IGNORECASE)
_WORD = re.compile(r"[a-z][a-z-]{3,}")


def claim_denied(banned: str, question: str) -> str | None:
    """The question's words denying that the ad makes the `banned` claim, or None. A word of
    the claim the question uses only inside a denial ("…, nothing about it being painless"
    for "the tattoo or piercing will be painless"), and nowhere outside one, is denied. A
    negation a verb of saying governs ("the ad says there are no side effects") is the ad's
    claim, not a denial of one."""
    words = set(_WORD.findall(banned.lower()))
    if not words:
        return None
    kept, denials = [], []
    pos = 0
    # A negation inside the ad's quoted copy ("Ad copy: 'No licence needed'") is what the ad
    # says, the claim itself: only the question's own words deny (offsets kept).
    unquoted = without_quotations(question)
    for m in _DENIAL.finditer(unquoted):
        if m.start() < pos:
            continue
        end = CLAUSE_END.search(question, m.end())
        stop = end.start() if end else len(question)
        clause_start = max((e.end() for e in CLAUSE_END.finditer(question, 0, m.start())), default=0)
        kept.append(question[pos:m.start()])
        if _SAYS_BEFORE.search(question[clause_start:m.start()]):
            kept.append(question[m.start():stop])
        else:
            denials.append(question[m.start():stop])
        pos = stop
    kept.append(question[pos:])
    outside = set(_WORD.findall(" ".join(kept).lower()))
    for denial in denials:
        if (set(_WORD.findall(denial.lower())) & words) - outside:
            return denial.strip()
    return None


# A denial of saying something: "nothing about it being painless", "no mention of X", "no X
# claims", "we never say X", "the ad doesn't mention X". Its reach is the rest of its clause.
_SAYS_NOTHING = re.compile(
    r"\b(?:nothing\s+(?:about|on|of)|no\s+(?:mention|claims?|talk|word)\s+(?:of|about|that)|no\s+(?:[\w-]+\s+){1,3}?claims?\b"
    r"|never\s+(?:say|says|claim|claims|mention|mentions|promise|promises|imply|implies|suggest|suggests)"
    r"|(?:doesn't|does\s+not|don't|do\s+not|won't|will\s+not)\s+(?:say|claim|mention|promise|imply|suggest))\b[^,.;:!?()]*",
    re.IGNORECASE,
)


def said_nothing_of(words: list[str], question: str) -> str | None:
    """The question's denial of saying something, when every one of `words` (stems of what a
    prohibition names) occurs in the question only inside such denials ("…, nothing about it
    being painless" for a ban on saying a tattoo is painless); else None. A word used anywhere
    else in the question (the product, a claim the ad makes) keeps the prohibition binding."""
    if not words:
        return None
    spans = list(_SAYS_NOTHING.finditer(question))
    if not spans:
        return None
    inside = " ".join(m.group(0) for m in spans).lower()
    outside = question.lower()
    for m in reversed(spans):
        outside = outside[: m.start()] + " " + outside[m.end():]
    tokens_in, tokens_out = _WORD.findall(inside), _WORD.findall(outside)
    for w in words:
        if not any(t.startswith(w) for t in tokens_in) or any(t.startswith(w) for t in tokens_out):
            return None
    return spans[0].group(0).strip()


_NEGATOR = negation_pattern()
_REACH = 2  # a negation governs the next words of its phrase: "no prescription required"


def _negated_words(text: str) -> dict[str, bool]:
    """Each content word of `text` (stemmed as the keyword index stems) and whether a negation
    right before it in its phrase governs it."""
    from policydesk.core.keyword import STOPWORDS, TOKEN_RE, stem

    out: dict[str, bool] = {}
    reach = 0
    for m in re.finditer(r"[a-z0-9]+(?:'[a-z]+)?|[,;:.!?\"()]", text.lower().replace("\u2019", "'")):
        word = m.group()
        if not TOKEN_RE.fullmatch(word):
            reach = 0  # punctuation ends the phrase a negation governs
        elif _NEGATOR.fullmatch(word) or word.endswith("n't"):
            reach = _REACH
        elif word not in STOPWORDS:
            out[stem(word)] = out.get(stem(word), False) or reach > 0
            reach = max(0, reach - 1)
    return out


def opposite_claim(banned: str, claim: str) -> bool:
    """Does `claim` say the banned wording's words with the opposite polarity: "Valid contact lens
    prescription required" against a ban on saying "no prescription required", or "no
    guaranteed returns" against one on "guaranteed returns"? Then it is the contrary claim, not
    the banned one, however many words they share. A word either side negates that the other
    does not, among the words they share, is the difference."""
    ban, said = _negated_words(banned), _negated_words(claim)
    shared = set(ban) & set(said)
    return any(ban[w] != said[w] for w in shared)


__all__ = ["bans_only_saying", "claim_denied", "quoted_claims_banned", "said_claims", "says_propositions", "opposite_claim", "said_nothing_of"]

