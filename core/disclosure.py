"""What a disclosure requirement asks the ad to carry, and whether the question says it does.

Why: a rule such as "if an ad states a monthly payment, it must also show the representative
APR, the number of payments and the total amount payable" stayed `restrict` for a question
that says, in its own words, "the ad shows the representative example with APR, number of
payments and total payable". The condition `requires:disclosure` asks for particular things;
the question names them as things the ad shows. Reading both sides:

- the rule side (`required_items`): the objects of the verb that puts something in the ad
  ("must state / show / include / name / give / list / disclose ...", "the ad states that ..."),
  or the subject of "... must appear in the ad", split into the listed items ("A, B and C");
  a unit the item is to be given in ("the amount of caffeine per serving, in milligrams") is
  kept as a unit, so "100 mg" meets it; a statement in quotation marks must be carried word for
  word;
- the question side (`shown_spans`): what the question says the ad (or its landing page)
  shows, states, carries, names or lists, from the verbs core/casefacts.py reads for its own
  reading of what the ad shows (`show_verbs`, one vocabulary; the strictness is here) ("the ad shows X, Y and Z", "our registration number
  is on the landing page", "'...' stays on screen"), never in a clause that negates, asks or
  supposes ("doesn't show", "can we show", "if the ad shows");
- `carried`: met only when every required item is found among what is shown (most of its
  content words, each as written or in a word of the same meaning, `terms.same_meaning`; its
  unit as a number in that unit) and no item is denied anywhere in the
  question ("no representative example", "the APR isn't shown"). Otherwise None: the
  condition stays unknown, never unmet, as a question that says nothing is no denial.

The obligation forms read (issue 13): any modal of `OBLIGATION` ("needs to", "is required to",
"has to", "must also") before a verb of carrying, explaining included ("explain how to
cancel"); an imperative after a condition clause ("If the ad shows fireworks being used, show
them lit only outdoors, from the ground, with spectators at a safe distance": each part of the
description an item); a unit after a passive ("must be stated in months"); a demonstrative
pointing back to a noun phrase of the sentence ("the amount of that payment" after "a final
balloon payment": the final balloon payment's amount, not any payment's); a contrast ("the
usable capacity rather than only the total capacity": "usable" must be found); "there must be
X" (`existence_items`, `existence_status`: a thing the case says there is, every qualifying
clause included, or says there is none of). A measure of something ("the amount / number /
length of X", "the date X") is found when X is named with the measure or with a value of it
("a balloon payment of 6,000 pounds", "a 12-month term", "ends on 31 March").

Also read (issue 13): a stated clause keeps its own modal ("state that the consumer may reject
the offer") and "that A and that B" is two items; a manner of showing ("at least as prominently
as that cost") is no part of the item; a verb of carrying whose object is a pro-form or a
relative pronoun ("... and the ad says so", "Loans run 30 days, which the ad says") carries the
clause before it, unless that clause is negated or supposed; an item to be given in a unit is
found, with no number, where the case names every word of it and gives no number at all
("blade lengths are on the product page").

Also read (session 23): a measure repeated after "or" ("the rent per person per week or per
calendar month") is two alternatives of one item, each with all that goes before it ("weekly
rent" meets the first); a list a sentence announces ("the ad states both of the following:") and
its passage sets out on the lines after it (`with_following`); a sum of money is a value of an
item whose head is a price, cost, fee or charge, given right after the word that names the price
("total £67" for "the total price"); a number item is found where the span gives what it
identifies with a number after it ("seats 20-21" for "the seat number"); a named measure of each
thing ("the face value of each ticket") where the measure is shown as named and the case names
the thing. On the question side: a participle after noun phrases joined by "and" with
no verb of their own is said of each ("weekly rent and a 12-month term shown"); "shown next to
the fee"; a relative pronoun that is the subject of a verb of carrying stands for the place
before it ("my listing page, which has X"); the copy after "Ad for <product>:"; a demonstrative
said to be shown ("… and that total is in the copy") points back to the clause before it.

Also read (session 24): a manner set off by commas after the verb ("must explain, in plain
language, whether …"); an item that is an indirect question ("whether customers' data is
shared", "how customers can request deletion"): its own modal, time and condition words are
part of it, and a negative answer shown ("the data is not shared") states it, since what must
be explained is whether, not that; only a refusal to carry it ("doesn't explain whether …")
denies it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from policydesk.core.casefacts import _AD_ITSELF, read_ages, read_quantities, show_verbs, without_quotations
from policydesk.core.condition_reading import OBLIGATION
from policydesk.core.conditions import UNIT_WORDS, normalise_unit, same_dimension
from policydesk.core.negated_statement import negative_item, states_negated
from policydesk.core.negation import negation_pattern
from policydesk.core.terms import GENERIC, opposed_in, same_meaning, stem, terms

# ---------------------------------------------------------------- rule side
_VERB = r"(?:state|show|include|display|name|carry|say|give|list|disclose|quote|mention|specify|explain|set out|make clear)"
_VERB_3RD = r"(?:states|shows|includes|displays|names|carries|says|gives|lists|discloses|quotes|mentions|specifies|explains|sets out|makes clear)"
_ADV = r"(?:(?:also|clearly|always|prominently|expressly|explicitly|visibly)\s+)*"
_AD = r"(?:the|its|their|every|each|this|that|an?)\s+(?:ad|advert|advertisement|creative|listing|ad copy|ad text)"
# "must (also) show X"; "the ad states X" (after "provided that", "as long as", "and").
# A manner set off by commas right after the verb ("must explain, in plain language, whether
# ..."): how it is to be said, no part of what is said; the object follows it.
_MANNER = r"(?:,\s*(?:in|with|using|at)\s+[\w' -]{1,40}?,)?"
_ACTIVE = re.compile(rf"\b(?:{OBLIGATION}\s+{_ADV}{_VERB}|(?P<coord>and\s+{_ADV}{_VERB})|(?P<ad>{_AD})\s+(?:or its landing page\s+)?{_ADV}{_VERB_3RD}){_MANNER}(?=\s+(?P<obj>[^;:!?]+?)(?:$|[;:!?]|\.(?!\d)))", re.I)
# "X must appear in the ad", "X needs to be shown on the landing page".
_PASSIVE = re.compile(
    rf"(?P<subj>[^.;:!?,]{{3,80}}?)\s+{OBLIGATION}\s+{_ADV}(?:appear|be\s+{_ADV}(?:shown|displayed|stated|included|given|visible|printed|disclosed|named|listed))\b",
    re.I,
)
# A verb that opens a condition on the ad ("if the ad shows fireworks", "ads that mention a
# guarantee") names what triggers the rule, not what the rule requires.
_ANTECEDENT = re.compile(r"^\W*(?:[^,]{0,40},\s*)?(?:if|when|whenever|where|wherever|once)\s+$", re.I)
# Where an object ends: a place, a time, a purpose, an example, another clause.
_OBJECT_END = re.compile(
    r"\s+(?:in|on|at)\s+(?:the|its|their|this|that|every|each|any|an?)\s+(?:ad|advert|advertisement|creative|landing|page|website|site|listing|image|video|text|copy|same|united|uk|us|eu|european)\b"
    r"|\s+(?:in|on|at)\s+(?:the|its|their|this|that|every|each|any|an?)\s+[\w-]+\s+(?:page|site|website)\b"
    r"|\s+(?:in|on)\s+(?:text|screen|the united|the uk|the us)\b"
    r"|,?\s+(?:next to|close to|alongside|before|after|when|whenever|if|unless|where|wherever|so that|for as long|as long as|provided|rather than|instead of|as well as|in addition to|for example|for instance|e\.g\.|such as|which|who|because|while|whereas|but|or else|otherwise)\b"
    r"|\s+and\s+(?:must|may|should|shall|cannot|can|is|are|will|we|do|does|the\s+(?:ad|advertiser|landing)\w*)\b"
    # another requirement joined to this one ("must include all charges, and the minimum term
    # must be stated in months"): its own subject and modal end the object
    r"|,?\s+and\s+(?:the|a|an|its|their|any|each|every|all)\s+(?:[\w'-]+\s+){0,5}?(?:must|should|shall|needs?\s+to|ha(?:s|ve)\s+to|(?:is|are)\s+required\s+to)\b"
    r"|,\s*(?:[\w'-]+\s+){0,3}?(?:must|should|shall|may|will|is|are|needs?|has|have)\b"
    r"|\s+(?:must|should|shall|may|will|can|cannot|needs?)\b"
    # how it is to be shown, against something else ("show the APR at least as prominently as
    # that cost"): a manner, not a part of what is shown
    r"|\s+(?:at\s+least\s+|no\s+less\s+)?as\s+[a-z]+\s+as\b"
    # what the thing says or who issued it describes it: "a risk warning stating that ...",
    # "the approval number issued by the regulator"
    r"|\s+(?:stating|saying|reading|explaining|telling)\b|\s+(?:that|which)\s+(?:says|states|reads|explains)\b"
    r"|\s+(?:issued|granted|required|approved|set out|described|provided|given|assigned|used)\s+(?:by|in|under|to|for)\b"
    r"|\(",
    re.I,
)
# The modal of a clause stated as an item ("state that the consumer may reject the offer").
_CLAUSE_MODAL = re.compile(r"\s+(?:must|should|shall|may|will|can|cannot|needs?)", re.I)
# A unit the item is to be given in: "in milligrams", "in pounds and pence", "in kWh".
# The units an item may be asked for in; "in cm or inches" names either of two units of one
# dimension (the first is kept: a number in either meets it, `same_dimension`).
_UNIT_WORD = r"(?:milligrams?|mg|grams?|g|kilograms?|kg|millilit(?:re|er)s?|ml|lit(?:re|er)s?|pounds(?:\s+and\s+pence)?|pence|dollars|euros|percent|per cent|%|days|weeks|months|years|hours|minutes|kwh|kwp|mbps|gb|mm|millimet(?:re|er)s|cm|centimet(?:re|er)s|inch(?:es)?|met(?:re|er)s)"
_UNIT_PHRASE = re.compile(rf",?\s+(?:in|as)\s+(?:a\s+fixed\s+amount\s+of\s+)?({_UNIT_WORD})(?:\s+or\s+{_UNIT_WORD})?\b", re.I)
# A quotation, also one the sentence splitter cut at its own full stop (no closing mark).
_QUOTED = re.compile(r"[\"“‘]([^\"”’]{3,200})(?:[\"”’]|$)")
_STATEMENT_BEFORE = re.compile(r"\b(?:statement|wording|words|word|text|disclaimer|notice|warning|message|line|label|caption|legend|tagline)\s*:?\s*$", re.I)
_REQUIRES = re.compile(r"\b(?:must|needs? to|has to|have to|required|requires|as long as|so long as|provided|only if|only where|only when|on condition)\b", re.I)
_EXAMPLE_BEFORE = re.compile(r"\b(?:for example|for instance|e\.g\.|such as|like|including)\b[^\"“]{0,30}$", re.I)
_DETERMINER = r"(?:the|a|an|its|their|his|her|our|your|any|each|every|whether|what|how|who|when|which)"
# An indirect question opened just before a modal ("explain how customers can request
# deletion"): the modal is the question's own, inside what is to be explained, not the end of it.
_INDIRECT_OPEN = re.compile(r"\b(?:how|whether|what|who|why)(?:\s+[\w'-]+){1,4}\s*$", re.I)
# An item that is an indirect question ("whether the data is shared", "how to cancel"): what the
# ad must explain is the answer, and an answer may be negative ("the data is not shared"), so a
# negation inside what is shown is part of it, not a denial of it.
_INDIRECT_ITEM = re.compile(r"^\s*(?:whether|how|what|who|why|if)\b", re.I)


# Where an indirect question's object ends: its words of time, condition or place ("whether
# deposits are refunded after a storm", "how to cancel if the trip is late") are the question's
# own, so only a place in the ad, a bracket, or another requirement with its own modal ends it.
_INDIRECT_END = re.compile(
    r"\s+(?:in|on|at)\s+(?:the|its|their|this|that|every|each|any|an?)\s+(?:ad|advert|advertisement|creative|landing|page|website|site|listing)\b"
    r"|,?\s+and\s+(?:must|may|should|shall|cannot|can|is|are|will)\b"
    r"|,?\s+and\s+(?:the|a|an|its|their|any|each|every|all)\s+(?:[\w'-]+\s+){0,5}?(?:must|should|shall|needs?\s+to|ha(?:s|ve)\s+to|(?:is|are)\s+required\s+to)\b"
    r"|\(",
    re.I,
)


# An instruction's time or condition clause ("how to cancel before the first payment is taken")
# says when to act, not what the ad must explain: the ad that explains how to cancel carries it.
_HOW_TO_WHEN = re.compile(r"^\s*how\s+to\s+[\w' -]+?(\s+(?:before|after|until|once|when|if)\b)", re.I)


def indirect(item: "Item") -> bool:
    """Is `item` an indirect question (see `_INDIRECT_ITEM`)?"""
    return bool(_INDIRECT_ITEM.match(item.text))


# Words of a requirement that refer back or say nothing of what is shown.
_FILLER = frozenset(stem(w) for w in "that which whether what how who also clearly required relevant applicable each every must should shall per only".split())


@dataclass(frozen=True)
class Item:
    """One thing the ad must carry: its wording, content stems, a unit its number is to be
    given in, and wording to carry word for word (a quotation)."""

    text: str
    stems: frozenset[str]
    unit: str | None = None
    exact: str | None = None
    alternatives: tuple["Item", ...] = ()
    # words that tell it from what the rule contrasts it with ("the usable capacity in kWh
    # rather than only the total capacity": usable), every one of which must be found
    must: frozenset[str] = frozenset()


def _norm_words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _item(text: str) -> Item | None:
    text = text.strip(" ,-–—")
    # "the assumptions they rely on, including the system size": each listed member is an item
    text = re.sub(r"^(?:and|or|including|in particular)\s+", "", text, flags=re.I)
    q = _QUOTED.search(text)
    if q:
        words = _norm_words(q.group(1))
        return Item(text=text, stems=frozenset(), exact=words) if len(words.split()) >= 2 else None
    unit = None
    u = _UNIT_PHRASE.search(text)
    if u:
        word = u.group(1).lower()
        unit = normalise_unit("pounds" if word.startswith("pounds") or word == "pence" else word)
        text = (text[: u.start()] + text[u.end() :]).strip(" ,")
    # A possessor ("the seller's location", "the firm's number") says whose it is: the
    # advertiser's, which the question calls "our"; the thing is what follows.
    text = re.sub(r"\b[\w-]+(?:'s|s')\s+", " ", text)
    # "the rent per person per week or per calendar month": the same thing measured either way;
    # the preposition repeated after "or" says the alternative replaces the phrase it opens
    by_either = re.fullmatch(r"(?P<x>.*\S)\s+(?P<p>per|in|by|for|from)\s+(?P<a>[^,]+?)\s+or\s+(?P=p)\s+(?P<b>[^,]+)", text, re.I)
    if by_either:
        x, p = by_either.group("x"), by_either.group("p")
        first, second = _item(f"{x} {p} {by_either.group('a')}"), _item(f"{x} {p} {by_either.group('b')}")
        if first is not None and second is not None:
            return Item(text=text, stems=first.stems, unit=unit or first.unit, alternatives=(second,))
    either = re.fullmatch(r"\s*((?:the|a|an|its|their)\s+)?([\w-]+)\s+or\s+([\w-]+)\s+(.+)", text, re.I)
    if either:
        # "the authorisation or registration number": either number
        first, second = (_item(f"{either.group(k)} {either.group(4)}") for k in (2, 3))
        if first is not None and second is not None:
            return Item(text=text, stems=first.stems, unit=unit or first.unit, alternatives=(second,))
    stems = frozenset(t for t in terms(text) if t not in GENERIC and t not in _FILLER and not t.isdigit())
    if not stems and unit is None and re.fullmatch(r"\s*(?:(?:the|its|their|his|her)\s+)*age\s*", text, re.I):
        stems = frozenset({_AGE})  # "the animal's age": a generic word, but the whole item
    if not stems and unit is None:
        return None
    if unit is None and re.search(r"\bpercentage\b", text, re.I):
        unit = "%"  # "the percentage of accounts that lose money": a number in per cent
    return Item(text=text, stems=stems, unit=unit)


def _split_items(obj: str) -> list[Item] | None:
    """The listed items of an object ("the APR, the number of payments and the total amount
    payable"); an item opened by "or" is an alternative to the one before it. None when an
    item cannot be read (the whole requirement then stays unread)."""
    obj = obj.strip()
    unit_tail = _UNIT_PHRASE.search(obj)
    tail = ""
    if unit_tail and unit_tail.end() >= len(obj.rstrip(" ,")) - 1:
        # ", in milligrams" at the end applies to the item(s) before it
        tail, obj = unit_tail.group(0), obj[: unit_tail.start()]
    quoted = _QUOTED.search(obj)
    if quoted:  # a statement to carry word for word: one item, whatever else the object names
        one = _item(obj)
        return [one] if one else None
    pieces = [p for p in re.split(r",\s*", obj) if p.strip()]
    listed = len(pieces) > 1
    out_pieces: list[tuple[str, bool]] = []  # (text, is alternative of the previous)
    for i, piece in enumerate(pieces):
        alt = bool(re.match(r"\s*or\s+", piece, re.I)) and bool(out_pieces)
        piece = re.sub(r"^\s*(?:and|or)\s+", "", piece, flags=re.I)
        if listed and i == len(pieces) - 1 or re.search(rf"\s+and\s+{_DETERMINER}\b", piece, re.I):
            parts = re.split(rf"\s+and\s+(?={_DETERMINER}\b)" if not (listed and i == len(pieces) - 1) else r"\s+and\s+", piece, flags=re.I)
        else:
            parts = [piece]
        for j, part in enumerate(parts):
            out_pieces.append((part, alt and j == 0))
    items: list[Item] = []
    for text, alt in out_pieces:
        one = _item(text + (tail if tail else ""))
        if one is None:
            return None
        if alt and items:
            prev = items[-1]
            items[-1] = Item(text=prev.text, stems=prev.stems, unit=prev.unit, exact=prev.exact, alternatives=prev.alternatives + (one,))
        else:
            items.append(one)
    return items or None


def _masked(text: str) -> str:
    """`text` with quoted words masked (offsets kept), so nothing inside a quotation ends an
    object; a quotation left open (cut at its own full stop) runs to the end."""
    plain = without_quotations(text)
    out = "".join("q" if w == " " and o != " " else w for o, w in zip(text, plain))
    opening = re.search(r"[\"“]", out)
    if opening:
        out = out[: opening.start()] + re.sub(r"\S", "q", out[opening.start() :])
    return out


# A duty written as an imperative ("- State the minimum purchase age on the landing page.",
# "Show the closing date in the ad."): the same duty as "must state ...", read as that. The verb
# opens the sentence (after a list marker) and a determiner opens its object.
_IMPERATIVE = re.compile(
    rf"^(\W*(?:\(?\d+(?:\.\d+)*[.)]?\s+|\(?[a-z][.)]\s+)?(?:(?:if|when|whenever|where|wherever)\s+[^,;]{{3,150}},\s*)?)({_VERB})"
    rf"(?=\s+(?:the|a|an|its|their|your|each|every|any|all|what|how|who|whether|that|them|it)\b)",
    re.I,
)
# "show them lit only outdoors, from the ground, with spectators at a safe distance": what the
# ad shows is described; each part of the description is an item ("them" is what the sentence
# is about, named in its condition).
_DEPICTION_VERB = re.compile(r"(?:show|display|depict|portray|picture)\w*$", re.I)
_DEPICTION = re.compile(r"\s*(?:them|it|these|those)\s+(?!(?:to|as|and|or|if|when|where|which|that|who|the|a|an|so|only if|is|are|be)\b)(?P<desc>\w.*)$", re.I)
def _participle(word: str) -> bool:
    """Is `word` an inflected form of a verb ("lit", "held", "smiling", "used"): a description of
    what is shown ("show them lit only outdoors"), not a manner of showing ("show it clearly")?"""
    from policydesk.core.lexicon import lemmas

    word = word.lower().strip(",.;")
    return any(lemma != word for lemma in lemmas(word, "v"))


# A demonstrative that points back to a noun phrase of the sentence ("When an offer includes a
# final balloon payment, the ad needs to state the amount of that payment"): the item is that
# phrase ("the final balloon payment"), not any payment.
_NOT_MODIFIER = r"(?:a|an|the|its|their|this|that|these|those|any|each|every|of|for|in|on|at|to|by|with|and|or|if|when|where|which|who|is|are|must|may|can|will|should|needs?)"


# What a required item is contrasted with: "rather than only the total capacity".
_CONTRAST = re.compile(r"(?:\s*,?\s*(?:in|as)\s+[\w%]+)?,?\s+(?:rather than|instead of|and not|not)\s+(?:only\s+|just\s+|merely\s+|simply\s+)?(?P<y>[^,;.]+)", re.I)


def _resolve_demonstratives(sentence: str) -> str:
    out = sentence
    # "that the breeder keeps …": a clause opened by "that", no demonstrative
    for m in reversed(list(re.finditer(rf"\b(?:that|this)\s+(?!{_NOT_MODIFIER}\b)([a-z][\w-]{{2,}})\b", sentence, re.I))):
        noun = re.escape(m.group(1))
        before = sentence[: m.start()]
        found = list(re.finditer(rf"\b(?:a|an|the|any|each|every)\s+((?:(?!{_NOT_MODIFIER}\b)[\w-]+\s+){{1,3}}){noun}\b", before, re.I))
        if found:
            out = out[: m.start()] + f"the {found[-1].group(1)}{m.group(1)}" + out[m.end() :]
    return out


# A phrase of time or place fronted before the subject of a passive duty ("From 14 April 2025 the
# number must also appear in the ad", "In the United Kingdom the FCA firm reference number must
# be shown …"): when and where the duty holds, not what is to be carried.
_FRONTED = re.compile(
    r"^\s*(?:(?i:from|since|as of|after|until|starting|effective)\s+[^,]{0,25}?\b(?:19|20)\d{2}\b"
    r"|(?i:in|within|across|throughout)\s+(?:the\s+)?[A-Z][\w.&-]*(?:\s+(?:and\s+)?[A-Z][\w.&-]*)*),?\s+"
)


# "the landing page shows all of the following: A; B; and, for ads in GB, C": a list run into
# the sentence after a colon, its items parted by semicolons (or commas when it has none).
_FOLLOWING = re.compile(
    rf"\b(?:{_VERB}|{_VERB_3RD})\s+(?:(?:all|each|every|both)\s+(?:of\s+)?)?the\s+following(?:\s+[a-z]+){{0,2}}\s*:\s*(?P<list>.+)$", re.I)
# What makes one listed item bind only somewhere or sometimes ("for ads targeting the United
# Kingdom (GB) or the European Union, the block, row and seat number"): the item is still what
# is to be shown, so the lead is dropped and the item kept (more to find, never less).
_ITEM_LEAD = re.compile(r"^\s*(?:and|or)?\s*,?\s*(?:(?:for|in|where|when|if)\b[^,]{3,120},\s*)?(?:that\s+)?", re.I)
# A listed item that is a clause ("it is a resale service and prices may be above face value").
_STATED = re.compile(r"\s*(?:it|they|there|this|the\s+\w+)\s+(?:is|are|was|were|has|have|may|must|will|can)\b", re.I)


def _following_items(sentence: str) -> list[Item] | None:
    """The items of a run-in list a verb of carrying leads ("must show all of the following:
    A; B; C"); None when the sentence has no such list or an item cannot be read."""
    m = _FOLLOWING.search(sentence)
    if not m:
        return None
    body = m.group("list").strip().rstrip(".")
    pieces = [p for p in re.split(r";\s*" if ";" in body else r",\s*(?:and\s+)?", body) if p.strip()]
    items: list[Item] = []
    for piece in pieces:
        lead = _ITEM_LEAD.match(piece)
        stated = bool(re.search(r"\bthat\s+$", lead.group(0), re.I))
        piece = piece[lead.end() :]
        if stated or _STATED.match(piece):
            # "that it is a resale service and prices may be above face value": a statement,
            # its own modal and all, is one item
            one = _item(piece)
            if one is None:
                return None
            items.append(one)
            continue
        end = _OBJECT_END.search(_masked(piece))
        got = _split_items(piece[: end.start()] if end and end.start() > 0 else piece)
        if got is None:
            return None
        items.extend(got)
    return items or None


_LIST_LINE = re.compile(r"^\s*(?:[-*•–]|\(?[a-z0-9]{1,3}[.)])\s+(?P<item>.+?)\s*$", re.I)


def with_following(sentence: str, text: str) -> str:
    """`sentence` with the list it announces and `text` (its passage) sets out on the lines
    after it ("the ad states both of the following:" then "- A; and" / "- B."), run into it
    as "…: A; B", the form `required_items` reads; `sentence` itself when it announces no list
    or the lines after it are no list."""
    flat = " ".join(sentence.split())
    if not re.search(r"\bthe\s+following(?:\s+[a-z]+){0,2}\s*:\s*$", flat, re.I):
        return sentence
    lines = text.splitlines()
    for i in range(len(lines)):
        if " ".join(" ".join(lines[: i + 1]).split()).endswith(flat):
            break
    else:
        return sentence
    listed = []
    for line in lines[i + 1 :]:
        m = _LIST_LINE.match(line)
        if not m:
            break
        listed.append(re.sub(r"[;,.]?\s*(?:and|or)?\s*[;,.]?$", "", m.group("item"), flags=re.I))
    return f"{flat} {'; '.join(listed)}." if listed else sentence


@lru_cache(maxsize=4096)
def required_items(sentence: str) -> tuple[Item, ...]:
    """What `sentence` requires the ad (or its landing page) to carry; () when it names none
    this reader can read."""
    sentence = _resolve_demonstratives(" ".join(sentence.split()))
    sentence = _IMPERATIVE.sub(lambda m: f"{m.group(1)}you must {m.group(2).lower()}", sentence, count=1)
    listed = _following_items(sentence)
    if listed is not None:
        return tuple(dict.fromkeys(listed))
    items: list[Item] = []
    for m in _ACTIVE.finditer(sentence):
        if m.group("ad") and _ANTECEDENT.search(sentence[: m.start()]):
            continue  # "If the ad shows fireworks, ...": what triggers the rule
        if m.group("coord") and not re.search(rf"\b{OBLIGATION}\s", sentence[: m.start()], re.I):
            continue  # "and display ..." carries the modal of the verb before it, if any
        obj = m.group("obj")
        depicted = _DEPICTION.match(obj) if _DEPICTION_VERB.search(m.group(0)) else None
        if depicted and _participle(depicted.group("desc").split()[0]):
            desc = re.sub(r"\s*\([^)]*\)", "", depicted.group("desc"))
            end = _OBJECT_END.search(_masked(desc))
            got = _split_items(desc[: end.start()] if end else desc)
            if got is None:
                return ()
            items.extend(got)
            continue
        if re.match(r"\s*so\b", obj, re.I) and (stated := _said_so(sentence[: m.start()])) is not None:
            # "Where attendance at a tour is required, the ad must say so": "so" is what the
            # condition clause states, and saying it is the item.
            items.append(stated)
            continue
        if re.match(r"\s*(?:so|it|this|them|these|those)\b", obj, re.I):
            continue  # "must say so" with no clause before it to say: what is meant is elsewhere
        that = re.match(r"\s*that\s+", obj, re.I)
        if that:
            obj = obj[that.end() :]
        if how_to := _HOW_TO_WHEN.match(obj):
            obj = obj[: how_to.start(1)]  # "explain how to cancel before the first payment is taken": how to cancel
        end = (_INDIRECT_END if _INDIRECT_ITEM.match(obj) else _OBJECT_END).search(_masked(obj))
        if end and _CLAUSE_MODAL.fullmatch(end.group(0)) and (that or _INDIRECT_OPEN.search(obj[: end.start()])):
            # "state that the consumer may reject the offer": the clause's own modal is part
            # of what is to be stated, not the end of it
            end = _OBJECT_END.search(_masked(obj), end.end())
        # A unit phrase right after the object belongs to it ("the amount of caffeine per
        # serving, in milligrams"), though "in" would end the object at a place.
        unit = _UNIT_PHRASE.match(obj, end.start()) if end else None
        if unit and (unit_end := _OBJECT_END.search(_masked(obj), unit.end())):
            obj = obj[: unit_end.start()]
        elif not unit and end:
            obj = obj[: end.start()]
        if that:
            # "state that a prescription is required and that a clinician decides ...": two
            # statements, each an item
            for clause in re.split(r",?\s+and\s+that\s+", obj, flags=re.I):
                one = _item(clause)
                if one is None:
                    return ()
                items.append(one)
            continue
        got = _split_items(obj)
        if got is None:
            return ()
        contrast = _CONTRAST.match(m.group("obj"), m.group("obj").find(obj) + len(obj))
        if contrast:
            other = terms(contrast.group("y"))
            got = [replace(i, must=i.stems - other) if i.stems & other and i.stems - other else i for i in got]
        items.extend(got)
    for m in _QUOTED.finditer(sentence):
        # "as long as the words "Not actual gameplay" stay on screen", "carry the label "…"":
        # a statement named as such, in a sentence that requires something.
        before = sentence[max(0, m.start() - 40) : m.start()]
        if _STATEMENT_BEFORE.search(before) and _REQUIRES.search(sentence[: m.start()]) and not _EXAMPLE_BEFORE.search(before):
            one = _item(m.group(0))
            if one is not None and all(i.exact != one.exact for i in items):
                items.append(one)
    for m in _PASSIVE.finditer(sentence):
        subj = re.split(r",|\b(?:and|but|while|that|which|if|when|where)\b", m.group("subj"), flags=re.I)[-1]
        # "From 14 April 2025 the number …", "In the United Kingdom the FCA firm reference
        # number must be shown": when and where the duty holds is no part of what is to be shown
        subj = _FRONTED.sub("", subj, count=1)
        unit = _UNIT_PHRASE.match(sentence, m.end())  # "... must be stated in months"
        one = _item(subj + (unit.group(0) if unit else ""))
        if one is not None:
            items.append(one)
    return tuple(dict.fromkeys(items))


# A condition clause leading the sentence, before the comma that ends it: "Where X, ...",
# "If X, ..." (a clause number before it is no part of it).
_LEADING_CONDITION = re.compile(r"^\W*(?:\d+(?:\.\d+)*\.?\s+)?(?:if|when|whenever|where|wherever)\s+(?P<c>[^,;:]+?),\s", re.I)


def _said_so(before: str) -> Item | None:
    """What "say so" / "state so" refers to: the condition clause that leads the sentence
    ("Where a visit to the showroom is required to claim the gift, the ad must say so": that a
    visit to the showroom is required to claim the gift), as an item to carry; None when the
    sentence before the verb opens with no such clause (the pro-form then points elsewhere).
    "so" stands for a proposition, never a noun, so only a clause is its antecedent."""
    lead = _LEADING_CONDITION.match(before)
    if not lead or _ABOUT_THE_AD.match(lead.group("c")):
        # "If the ad shows fireworks being used, the ad must say so": a clause about the ad
        # itself is what the ad does, not a fact for it to state; "so" points elsewhere.
        return None
    # What is required is the statement; what it is required for ("... is required to receive
    # an incentive") is why it matters, said or not: the ad says so when it says it is required.
    clause = _REQUIRED_FOR.sub(r"\1", lead.group("c"))
    item = _item(clause)
    duty = _REQUIRED_FOR_WORD.search(clause)
    if item is not None and duty is not None:
        # That it is required is the statement: the word is no filler here, and must be found
        # ("the 45-minute showroom visit" alone does not say the visit is required).
        word = stem(duty.group(0).lower())
        item = replace(item, stems=item.stems | {word}, must=item.must | {word})
    return item


# A clause whose subject is the ad or a part of it (core/casefacts.py's closed class of ad-format
# nouns, with the page it links to): "the banner shows ...".
_ABOUT_THE_AD = re.compile(rf"\s*(?:(?:the|an?|your|this|that|its|each|every)\s+)?(?:{'|'.join(sorted(_AD_ITSELF))}|landing\s+pages?|listings?)\b", re.I)
_REQUIRED_FOR_WORD = re.compile(r"\b(?:required|needed|necessary|mandatory|compulsory|obligatory)\b", re.I)
_REQUIRED_FOR = re.compile(r"\b(required|needed|necessary|mandatory|compulsory|obligatory)\s+(?:in\s+order\s+)?to\s+\w.*$", re.I)


def allows_landing_page(sentence: str) -> bool:
    """The requirement may be met on the landing page ("in the ad or on its landing page")."""
    return bool(re.search(r"\b(?:landing page|website|web page|site|(?:its|the|their|your)\s+[\w-]+\s+page)\b", sentence, re.I))


def page_duty(sentence: str) -> bool:
    """The requirement is to be met on the landing page or website, not in the ad ("State the
    minimum purchase age on the landing page")."""
    return bool(re.search(r"\b(?:on|in)\s+(?:the|its|their|your)\s+(?:[\w-]+\s+)?(?:page|website|site)\b", sentence, re.I)) and not re.search(
        r"\b(?:ad|advert|advertisement|creative|listing)\s+(?:itself\s+)?(?:or|and)\b|\bor\s+(?:in|on)\s+(?:the|its|their)\s+(?:ad|advert|advertisement)\b", sentence, re.I)


# ---------------------------------------------------------------- question side
@dataclass(frozen=True)
class Span:
    """A stretch of the question that says what the ad (or the page) carries."""

    text: str
    page: bool  # said of the landing page / website rather than the ad


# Words that leave an item out ("omitted", "left off", "dropped", "instead of"); whole contractions
# so that `_NEG.match` finds one at the start of a span ("don't show …").
_NEG = negation_pattern("none", "neither", "nor", "lacks?", "lacking", "missing", "omits?", "omitting", "omitted", "left out",
                        "(?:leave|leaving|leaves) out", "left off", "drop(?:s|ped|ping)?", "remov(?:e|es|ed|ing)", "instead of",
                        "isn't", "aren't", "doesn't", "don't", "didn't", "won't", "hasn't", "haven't", "cannot", "can't")
# A verb that asks, supposes or intends, not states: "can we show", "if the ad shows", "do we
# need to state", "we'd like to name".
_HYPOTHETICAL = re.compile(
    r"\b(?:can|could|may|might|would|should|must|shall|if|whether|unless|want|wants|wish|like|plan|plans|planning|going|need|needs|allowed|ok|okay|able|how|what|do|does|did|to)\b|'d\b|\?",
    re.I,
)
# A word before a "verb" that makes it a noun ("the United States", "our price list", "the names").
_NOUN_BEFORE = re.compile(r"\b(?:the|a|an|our|their|its|his|her|your|united|many|all|some|other|several|each|every|this|that|\d+)\s*$", re.I)
_SPAN_END = re.compile(r"[?!;]|\.(?!\d)|\s+(?:but|while|whereas|although|though)\b|,\s*(?:and\s+)?(?:we|we're|we've|they|there|there's|it's|you|i)\b", re.I)
_PLACE = r"(?:ad|advert|advertisement|creative|banner|video|image|screen|landing page|page|website|site|listing|packaging|label|post|copy|thumbnail|clip)"
# A page named by what it is for ("our booking page", "the pricing page"): a page of the
# advertiser's site, as "page" and "site" are.
_PAGE_KIND = r"(?:[a-z][\w-]*\s+(?=(?:page|site|website)\b))?"
_PASSIVE_SHOWN = re.compile(
    rf"(?:(?:is|are|'s|'re)\s+{_ADV}(?:shown|displayed|stated|included|printed|given|listed|named|visible|quoted|mentioned|disclosed|written)\b(?:\s+(?:in|on)\s+(?:the\s+|our\s+|its\s+|their\s+|every\s+|each\s+)?{_PAGE_KIND}(?P<where1>{_PLACE}))?"
    rf"|(?:is|are|'s|'re|stays?|remains?|appears?|sits?)\s+{_ADV}(?:(?:in|on)\s+(?:the\s+|our\s+|its\s+|their\s+|every\s+|each\s+)?(?:whole\s+)?{_PAGE_KIND}(?P<where2>{_PLACE})\b))",
    re.I,
)
# The same with no verb, ending its clause: "closing date on the ad", "'No purchase necessary'
# shown", "the 'Not actual gameplay' line on screen".
_REDUCED_SHOWN = re.compile(
    rf"(?<=[\w%][\w'’\"”)%])\s+(?:(?:shown|displayed|included|printed|visible)(?:\s+(?:in|on)\s+(?:(?:the|our|its|their|every|each)\s+)?{_PAGE_KIND}(?P<where4>{_PLACE}))?|(?:in|on)\s+(?:(?:the|our|its|their|every|each)\s+)?{_PAGE_KIND}(?P<where3>{_PLACE}))"
    # where beside something else it is shown ("APR (120%) shown next to the fee")
    r"(?:\s+(?:next to|beside|alongside|above|below|under)\s+(?:the|its|our|their|each|every|a|an)\s+[\w-]+)?"
    # the clause ends: punctuation (a closing bracket too: "(FRN shown on the landing page)")
    r"(?=\s*(?:[,;!?)]|\.(?!\d)|$|\s+(?:and|too|as well|throughout)\b))",
    re.I,
)
_AD_WITH = re.compile(r"\b(ad|ads|advert|adverts|creative|creatives|banner|video|post|listing|landing page|trailer|clip)\s+(?:(?:also|copy|text|that comes|comes|that runs|runs|is|are)\s+)*with\b", re.I)
# The ad's copy given after a colon: "Ad: '…'", "Headline: '…'", "ad copy: '…'".
# "Ad for finasteride 1 mg daily: '…'": what the ad is for, named before the colon.
_AD_COPY = re.compile(r"\b(?:(?:ad|advert|creative|banner)(?:\s+for\s+[^:'\"‘“.;?!]{1,60}?)?|ad copy|ad text|copy|headline|caption|tagline|strapline)\s*:\s*(?=['\"‘“])", re.I)
# Where the copy ends: the sentence after its last quotation ("… 24.5p/kWh'. Good?").
_COPY_END = re.compile(r"(?<=['\"’”])\s*(?:[.?!;]|\s[-–—]\s)|\?")
_AD_PLACE = re.compile(r"\b(?:ad|ads|advert|advertisement|creative|banner|video|image|trailer|listing|page|website|site|copy|headline|post|clip|thumbnail|it)\b", re.I)
# Who or what says it: the ad, its page, "we", "it"; nothing (a verb joined to the one before:
# "ad says X and lists Y").
_AD_SUBJECT = re.compile(r"\b(?:ad|ads|advert|adverts|advertisement|creative|banner|video|image|trailer|listing|listings|page|website|site|copy|headline|post|clip|thumbnail|email|flyer|poster|we|we're|it|it's|they|this|one|each|every|version|both|all)\b", re.I)
_ADVERBS = r"\b(?:also|clearly|always|then|only|prominently|now|still|already|both|just|even)\b"
_PAGE = re.compile(r"\b(?:landing page|website|site|web page|page|rules|terms|t&cs|link)\b", re.I)


def _clause_before(question: str, start: int) -> str:
    before = question[max(0, start - 60) : start]
    return re.split(r"[,;?!:]|\.(?!\d)|\b(?:and|but|while|so)\b", _outside_quotes(before))[-1]


def _inside_open_bracket(text: str) -> str:
    """What follows a bracket `text` opens and does not close ("pawnbroker (FRN" -> "FRN"); a
    bracket closed within it ("APR (120%)") stays part of it."""
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        if text[i] == ")":
            depth += 1
        elif text[i] == "(":
            if depth == 0:
                return text[i + 1 :]
            depth -= 1
    return text


# What a verb of carrying refers back to: a pro-form object ("... and the ad says so", "the ad
# states this") or a relative pronoun before its subject ("Loans run 30 days, which the ad
# says"). The object is the clause before; the verb says nothing after it.
_PRO_OBJECT = re.compile(r"\s+(?:so|this|that|it)(?=\s*(?:[,;!?)]|\.(?!\d)|$)|\s+(?:too|as well|also|clearly|and|but)\b)", re.I)
_RELATIVE_LEAD = re.compile(r"^\s*(?:which|as)\s+(?:\S+\s+){1,3}?$", re.I)
# A relative pronoun that is the subject of the verb after it ("the page, which shows X").
_SUBJECT_RELATIVE = re.compile(r"\s*(?:which|that)\s+(?:also\s+|now\s+|already\s+|clearly\s+)?", re.I)
# A negated clause ("we don't give the APR"); "drop" here is what the clause says ("speeds
# drop after 650GB"), not a withholding (`_NEG`).
_NOT = negation_pattern()
# A clause that asks, supposes or intends rather than states ("if we give the APR").
_SUPPOSED = re.compile(r"\b(?:if|whether|unless|can|could|would|might|may|should|want|wants|wish|(?:plan|plans|planning|going|like|hope|hoping) to)\b|'d\b|\?", re.I)


def _antecedent(question: str, verb_at: int, lead: str, rest: str) -> str | None:
    """The clause a verb of carrying at `verb_at` refers back to ("speeds drop after 650GB and
    the ad says so" -> "speeds drop after 650GB"), "" when it refers back to nothing it can
    read, or None when its object follows it."""
    relative = _RELATIVE_LEAD.match(lead)
    if not relative and not _PRO_OBJECT.match(rest):
        return None
    # the clause before the one that holds the verb: back to the sentence's start (or a ";"),
    # up to the conjunction, comma or relative pronoun that opens the verb's clause
    opens = verb_at - len(lead)
    head = question[:opens]
    head = re.sub(r"[\s,]*(?:\band\b)?[\s,]*$", "", head)
    start = max(head.rfind(c) for c in ".;?!:")
    before = head[start + 1 :].strip()
    if _NOT.search(_outside_quotes(before)) or _SUPPOSED.search(_outside_quotes(before)):
        return ""  # "we don't give the APR, and the ad says so": nothing carried
    return before


@lru_cache(maxsize=4096)
def shown_spans(question: str) -> tuple[Span, ...]:
    """What the question says the ad or its landing page carries, each as the words after the
    verb that says so ("the ad shows X, Y and Z" -> "X, Y and Z") or before "is on the ad"."""
    question = " ".join(question.split())
    out: list[Span] = []
    for m in show_verbs(question):
        lead = _clause_before(question, m.start())
        if _SUBJECT_RELATIVE.fullmatch(lead):
            # "my listing page, which has X": the relative pronoun is the verb's subject, and
            # what it stands for is the noun phrase before it
            head = question[: m.start() - len(lead)].rstrip(" ,")
            lead = _clause_before(head, len(head))
        if _NEG.search(lead) or _HYPOTHETICAL.search(lead) or _NOUN_BEFORE.search(question[: m.start()]):
            continue
        if not _AD_SUBJECT.search(lead) and re.search(r"[a-z]", re.sub(_ADVERBS, "", lead, flags=re.I), re.I):
            continue  # "the price includes VAT": said of something other than the ad
        if m.group(0).lower() in ("has", "have", "contain", "contains", "containing") and not _AD_PLACE.search(lead):
            continue  # "we have a licence" is what the advertiser holds; "the ad has X" is shown
        if m.group(0)[0].isupper() and m.start() > 0 and question[m.start() - 1] != " ":
            continue
        if re.match(r"States\b", m.group(0)):
            continue  # "the United States", "US States"
        rest = question[m.end() :]
        said = _antecedent(question, m.start(), lead, rest)
        if said is not None:
            if said:
                out.append(Span(text=said, page=bool(_PAGE.search(lead))))
            continue
        explains = re.match(r"explain", m.group(0), re.I)  # "explains how to cancel": what it explains
        if re.match(r"\s+(?:up|off|out|how|whether|if|why|what)\b", rest, re.I) and not (explains and re.match(r"\s+(?:how|whether|why|what)\b", rest, re.I)):
            continue
        end = _SPAN_END.search(rest)
        text = rest[: end.start()] if end else rest
        out.append(Span(text=text.strip(), page=bool(_PAGE.search(lead))))
    for m in _AD_COPY.finditer(question):
        # "Ad: 'Cut your bills by up to 40%*' with '*based on a 4 kWp system'": the ad's own words
        if _NEG.search(_clause_before(question, m.start())) or _HYPOTHETICAL.search(_clause_before(question, m.start())):
            continue
        rest = question[m.end() :]
        end = _COPY_END.search(rest)
        text = (rest[: end.start()] if end else rest).strip()
        if text:
            out.append(Span(text=text, page=False))
    for m in _AD_WITH.finditer(question):
        # "a video ad with the risk warning and our FCA number": what the ad comes with
        if _NEG.search(_clause_before(question, m.start())):
            continue
        rest = question[m.end() :]
        end = _SPAN_END.search(rest)
        text = (rest[: end.start()] if end else rest).strip()
        if text and not _NEG.match(text):
            out.append(Span(text=text, page=bool(re.search(r"page|site", m.group(1), re.I))))
    for m in [*_PASSIVE_SHOWN.finditer(question), *_REDUCED_SHOWN.finditer(question)]:
        lead = _clause_before(question, m.start())
        if _NEG.search(lead) or _NEG.search(m.group(0)) or re.search(r"\b(?:if|whether|can|could|should|must|would|do|does)\b", lead, re.I):
            continue
        after = question[m.end() : m.end() + 12]
        if re.match(r"\s*(?:not|n't)\b", after, re.I):
            continue
        where = next((w for w in m.groupdict().values() if w), "").lower()
        subject = question[max(0, m.start() - 60) : m.start()]
        # quotations kept ("'…' stays on screen"); a plural verb keeps its joined subjects
        # ("the rules link and the closing date are on the ad")
        plural = re.match(r"(?:are|'re)\b", m.group(0), re.I)
        joined = re.split(r"[,;?!:]|\.(?!\d)|\b(?:but|while|so)\b", subject)[-1]
        subject = re.split(r"[,;?!:]|\.(?!\d)|\b(?:but|while|so)\b" + ("" if plural else r"|\band\b"), subject)[-1]
        if not plural and re.match(r"\s*(?:shown|displayed|included|printed|visible)\b", m.group(0), re.I) and not _OWN_VERB.search(_outside_quotes(joined)):
            # "weekly rent and a 12-month term shown": a participle with no verb before it is
            # said of every noun phrase joined before it, as a plural verb is
            subject = joined
        subject = _inside_open_bracket(subject)  # "(FRN shown on the landing page)": said inside the brackets
        if not re.search(r"\w", subject) or re.search(r"\b(?:is|are|was|were|'s|'re)\s*$", subject, re.I):
            continue  # nothing named, or the copula form read above
        if re.fullmatch(r"\s*(?:that|this|these|those)\s+[\w-]+\s*", subject, re.I):
            # "the plan costs £4,195 and that total is in the copy": the demonstrative points
            # back to the clause before, which says what is shown
            before = re.split(r",\s", _antecedent(question, m.start(), subject, " so") or "")[-1]
            if before and not _NOT.search(_outside_quotes(before)) and not _SUPPOSED.search(_outside_quotes(before)):
                subject = f"{before}, {subject.strip()}"
        out.append(Span(text=subject.strip(), page=where in ("landing page", "page", "website", "site")))
    return tuple(out)


# A duty whose verb has a thing of the ad for its subject, not the ad ("The headline monthly
# price in an ad must include all mandatory charges"): the case states it when it says that
# thing does it, in its own clause ("Price shown includes all taxes and fees", "price includes
# everything"); the span reader above reads only what the ad or its page is said to carry.
_AD_HOLDER = frozenset(stem(w) for w in "ad ads advert advertisement creative listing copy page website site you advertiser advertisers it they we".split())
# Where what the thing carries ends: its clause ("…, and the ad says …", "… and the ad says …").
_HOLDER_END = re.compile(r"[,;?!]|\.(?!\d)|\s+(?:but|while|whereas|although|though)\b|\s+and\s+(?:the|a|an|our|its|their|we|we're|it|it's|they|there|there's|you|i)\b", re.I)
# Words that take something out of, or add something to, what the thing is said to carry.
_SAVE = re.compile(r"\b(?:except|excepting|excluding|exclusive of|apart from|aside from|other than|save for|but not|plus|on top|extra|additional|separately)\b", re.I)
_HOLDER_HEAD_END = re.compile(r"\s+(?:in|on|of|for|at|to|from|with|by|that|which|who)\b", re.I)


def _holder_spans(sentence: str, question: str) -> list[Span]:
    """What the question says the thing the duty's verb is said of carries (see above)."""
    sentence = " ".join(sentence.split())
    out: list[Span] = []
    for m in _ACTIVE.finditer(sentence):
        if m.group("ad") or m.group("coord"):
            continue
        subject = re.split(r"[,;:]|\band\b|\bthat\b|\bwhich\b", sentence[: m.start()], flags=re.I)[-1]
        end = _HOLDER_HEAD_END.search(subject)
        words = re.findall(r"[A-Za-z][\w-]*", subject[: end.start()] if end else subject)
        if not words or stem(words[-1].lower()) in _AD_HOLDER or stem(words[-1].lower()) in GENERIC:
            continue
        head, verb = words[-1].lower(), stem(m.group(0).split()[-1].lower())
        found = re.finditer(rf"\b{re.escape(head)}s?\b(?P<mid>(?:\s+[\w-]+){{0,2}}?)\s+(?P<v>{re.escape(verb)}\w*)\b", question, re.I)
        for q in found:
            lead = _clause_before(question, q.start())
            if _NEG.search(lead) or _HYPOTHETICAL.search(lead) or _NEG.search(q.group("mid")) or _HYPOTHETICAL.search(q.group("mid")):
                continue
            whole = re.split(r"[?!]|\.(?!\d)", question[q.start() :])[0]
            if _SAVE.search(whole):
                continue  # "price includes everything, plus a £5 activation fee": not all of it
            rest = question[q.end() :]
            stop = _HOLDER_END.search(rest)
            text = (rest[: stop.start()] if stop else rest).strip()
            if text and not _NEG.match(text):
                out.append(Span(text=text, page=False))
    return out


# ---------------------------------------------------------------- matching
def _same(a: str, b: str) -> bool:
    from policydesk.core.terms import same_stem

    return same_stem(a, b, 4)


def _segments(text: str) -> list[str]:
    return [s for s in re.split(r",|;|\band\b|\bbut\b|\bwith\b|\bplus\b|\s-\s|\s–\s", text, flags=re.I) if s.strip()]


def _found(item: Item, text: str, values: bool = True, kinds: bool = True, context: str = "") -> bool:
    """Is `item` among what `text` (a shown span) names? Its quotation word for word; else most
    of its content words (two of three), its unit as a number in that unit; with `values`, an
    age item also as an age stated (a denial must name the item itself); with `kinds`, a word
    also as a kind of it (`terms.same_meaning`: what is affirmed, not what is denied), and
    never when a word it misses is contradicted ("different odds" for "the same chance")."""
    if item.exact is not None:
        return item.exact in _norm_words(text)
    if re.match(r"\s*all\s", item.text, re.I) and re.fullmatch(r"\s*everything\s*", _outside_quotes(text), re.I):
        return True  # "all mandatory charges" and "the price includes everything": all of anything
    if negative_item(item.text):
        # "state that the studio does not tattoo anyone under 18": a negative statement, found
        # only as the same negated predicate for the same subject (core/negated_statement.py)
        return states_negated(item.text, text) is not None
    kept = " , ".join(s for s in _segments(text) if indirect(item) or not _NEG.search(_outside_quotes(s)))
    have = terms(kept)
    need = set(item.stems)
    hits = {t for t in need if any(_same(t, h) or same_meaning(t, item.text, h, kept, kinds) for h in have)}
    if item.must - hits:
        return False  # "the total capacity" for "the usable capacity rather than the total"
    if kinds and any(opposed_in(t, item.text, kept) for t in need - hits):
        return False  # a word it misses is contradicted: "different odds" for "the same chance"
    size = len(need)
    if item.unit is not None:
        quantities = read_quantities(kept)
        if not any(same_dimension(q.unit, item.unit) for q in quantities):
            # "blade lengths are on the product page" for "the blade length in cm or inches":
            # the thing itself named, every word of it, and no number given in any measure:
            # the case says it is shown and nothing of the unit it is shown in
            return bool(need) and need <= hits and not quantities and not re.search(r"\d", kept)
        # A number in the unit is the amount the item asks for ("the amount of caffeine per
        # serving, in milligrams"); with no such word it is one more thing found.
        amount = {t for t in need if t in _AMOUNT} - hits
        hits |= amount
        if not amount:
            size += 1
            hits.add("\x00unit")
    if not size:
        return False
    head = _head(item)
    if item.unit is None and head in _NUMBER_HEADS | _TIME_MEASURES and re.search(rf"\b{head}s?\s+of\b", item.text, re.I):
        # "the amount of the final balloon payment": what it is of, and the measure named or a
        # value of it given; the payment named without its amount is not its amount. A length
        # of time given to what it is the length of ("a 12-month term") names both.
        if head in _TIME_MEASURES and values and _states_value(item, kept):
            return True
        if context and stem(head) in hits and _each_of_named(item, kept, head, context):
            return True
        return _names_rest(item, kept, head, kinds) and (stem(head) in hits or (values and _states_value(item, kept)))
    if values and _states_value(item, kept):
        # "the minimum purchase age" where the page states one ("you must be 18 to buy",
        # "18+ to buy"), "the term the rate applies to" where the ad gives "over 48 months":
        # a value stated of the measure the item names is a statement of it.
        return True
    matched = len(hits)
    return matched >= max(1, math.ceil(size * 2 / 3))


_AGE = stem("age")
# An age given as a bare number after a copula ("you must be 18 to buy", "buyers are 21 or
# over"): a number with no unit word of its own, which is a person's age.
_AGE_VALUE = re.compile(
    rf"\b(?:be|is|are|am|'s|'re|aged?)\s+(?:at least\s+|over\s+)?\d{{1,2}}\b(?![.,]\d)"
    rf"(?:\s*\+|\s+(?:years?|yrs?)(?:\s+old)?|\s+or\s+(?:older|over|above))?(?!\s*(?:%|[.,]\d|-?\s*(?:{UNIT_WORDS})\b))",
    re.I,
)


def states_age(text: str) -> bool:
    """Does `text` state an age: an audience age (core/casefacts.py) or a bare number after a
    copula ("must be 18 to buy")?"""
    return read_ages(text) is not None or bool(_AGE_VALUE.search(text))


# A measure an item may name as its head noun, and the dimension of a value of it.
_TIME_MEASURES = frozenset({"term", "duration", "length", "period"})
_HEAD_END = re.compile(r"\s+(?:the|a|an|its|their|that|which|who|of|in|on|for|to|from|with|by|at)\b", re.I)


def _head(item: Item) -> str:
    """The noun an item is about: the last word of its first noun phrase ("the minimum purchase
    age", "the term the rate applies to")."""
    text = item.text.strip()
    lead = re.match(r"(?:the|a|an|its|their|your|each|every)\s+", text, re.I)
    start = lead.end() if lead else 0
    end = _HEAD_END.search(text, start)
    words = re.findall(r"[A-Za-z]+", text[start : end.start() if end else len(text)])
    return words[-1].lower() if words else ""


# A length of time as a number in a unit of time, minutes and hours included ("a 90-minute
# tour", "2 hours"): a value of a length, duration or term whatever its unit.
_TIME_VALUE = r"\d+[\s-]*(?:minute|min|hour|hr|day|week|month|year)s?\b"
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_VALUE = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?!\w)|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}[/.]\d{{1,2}}(?:[/.]\d{{2,4}})?\b", re.I)
_NUMBER_HEADS = frozenset({"amount", "number", "figure", "value"})


def _each_of_named(item: Item, text: str, head: str, context: str) -> bool:
    """A named measure of each of the things the case is about ("the face value of each
    ticket"): is the measure shown as named, every word before its head ("face value"), and
    the thing it is of named anywhere the case affirms it (`context`, the question: "every
    ticket listed at face value")? A bare measure ("the amount of each rise") has no name of
    its own and is read as `_names_rest` reads it."""
    m = re.match(rf"\s*(?:the|a|an|its|their)?\s*(?P<mod>(?:[\w-]+\s+)+?){head}s?\s+of\s+(?:each|every|any|all)\s+(?P<thing>[\w-]+(?:\s+[\w-]+)?)\s*$", item.text, re.I)
    if not m:
        return False
    mods = [stem(w.lower()) for w in m.group("mod").split()]
    have = terms(text)
    if not mods or not all(any(_same(t, h) for h in have) for t in mods):
        return False
    kept = " , ".join(c for c in re.split(r"[,;.?!]", _outside_quotes(context)) if not _NEG.search(c))
    around = terms(kept)
    return all(any(_same(t, h) for h in around) for t in terms(m.group("thing")))


def _names_rest(item: Item, text: str, head: str, kinds: bool = True) -> bool:
    """Does `text` name what the measure is of: two thirds of the item's other content words
    ("the amount of the final balloon payment": final, balloon, payment)?"""
    rest = {t for t in item.stems if t != stem(head) and t not in _AMOUNT}
    if not rest:
        return False
    have = terms(text)
    hits = sum(1 for t in rest if any(_same(t, h) or same_meaning(t, item.text, h, text, kinds) for h in have))
    return hits >= max(1, math.ceil(len(rest) * 2 / 3))


def _states_value(item: Item, text: str) -> bool:
    """Does `text` state a value of the measure the item names: an age for an age, a length of
    time for a term, duration, length or period ("the length of the minimum contract term":
    "a 12-month term"), a date for a date ("the date the offer ends": "the offer ends on 31
    March"), a number for the amount, number, figure or value of something it names ("the amount
    of the final balloon payment": "a balloon payment of 6,000 pounds")?"""
    head = _head(item)
    if stem(head) == _AGE:
        # an age as people state one, or a length of time something has lived ("10 weeks old")
        return states_age(text) or bool(re.search(rf"\b{_TIME_VALUE}\s+old\b", text, re.I))
    if head in _TIME_MEASURES:
        # a span of time something runs over ("0% APR over 48 months"), or the measure (or
        # what it is the measure of) given as one ("a 48-month term", "a 12-month contract");
        # a time something ends in is no term
        if re.search(r"\b(?:over|across)\s+(?:a\s+|the\s+)?\d+\s*(?:minutes?|hours?|days?|weeks?|months?|years?)\b", text, re.I):
            return True
        words = {head} | {w.lower() for w in re.findall(r"[A-Za-z][\w-]{2,}", item.text) if stem(w.lower()) in item.stems}
        names = "|".join(sorted(map(re.escape, words)))
        return bool(re.search(rf"\b{_TIME_VALUE}[\s-]+(?:[\w-]+\s+){{0,2}}?(?:{names})s?\b", text, re.I))
    if head == "date":
        return bool(_DATE_VALUE.search(text)) and _names_rest(item, text, head)
    if head in _NUMBER_HEADS and re.search(rf"\b{head}s?\s+of\b", item.text, re.I):
        return bool(re.search(r"\d", text)) and _names_rest(item, text, head)
    if head == "number" and not re.search(r"\bnumbers?\s+of\b", item.text, re.I):
        # "the seat number" where the page gives "seats 20-21", "our licence number" where the
        # ad gives "licence 40213": what the number identifies, with a number right after it
        words = [w for w in re.findall(r"[A-Za-z][\w-]*", item.text) if stem(w.lower()) in item.stems and w.lower() != "number"]
        if words:
            named = re.search(rf"\b{re.escape(words[-1])}s?\s+(?:no\.?\s+|#\s*)?\d", text, re.I)
            return bool(named) and _names_rest(item, text, head)
    if head in _MONEY_HEADS and item.unit is None:
        # "the total price" where the ad gives "total £67": a sum of money is a value of a
        # price, with what the price is (its other words) named beside it
        # the word naming the price right before the sum ("total £67", "deposit of £200"), not
        # anywhere in the span ("cancel anytime for £30 a month" states no cancellation fee)
        before = re.search(rf"\b([A-Za-z][\w-]*)\s+{head}s?\b", item.text, re.I)
        if not before or stem(before.group(1).lower()) not in item.stems:
            return False
        beside = re.search(rf"\b{re.escape(before.group(1)[:5])}\w*\s+(?:[\w-]+\s+)?(?:(?:of|is|at)\s+)?(?:[£$€]|(?:USD|EUR|GBP)\s*)\d", text, re.I)
        return bool(beside) and any(q.unit in _CURRENCIES for q in read_quantities(text)) and _names_rest(item, text, head)
    return False


_MONEY_HEADS = frozenset({"price", "cost", "fee", "charge"})
_CURRENCIES = frozenset({"USD", "EUR", "GBP"})


_AMOUNT = frozenset(stem(w) for w in "amount figure number quantity content level value percentage".split())


def _outside_quotes(text: str) -> str:
    return without_quotations(text)


def _denied(item: Item, question: str) -> bool:
    """Does the question deny the ad carries `item` ("no representative example", "the ad
    doesn't show the APR", "the APR is missing")? A clause with a negation that names half
    of its content words or more."""
    if item.exact is not None or negative_item(item.text):
        return False  # a negative statement is found only as itself (core/negated_statement.py)
    if indirect(item):
        # "whether the data is shared": "the data is not shared" answers it; only a refusal to
        # carry it (`refused`: "doesn't explain whether ...") denies it
        return False
    plain = _outside_quotes(question)
    for clause in re.split(r"[,;.?!]|\b(?:but|while|although|though)\b", plain, flags=re.I):
        if not _NEG.search(clause):
            continue
        for seg in re.split(r"\band\b", clause, flags=re.I):
            # a negation in an earlier segment of the clause ("doesn't show the APR and the
            # number of payments") reaches the segments after it
            neg_at = _NEG.search(clause)
            if neg_at and clause.find(seg) + len(seg) <= neg_at.start():
                continue
            have = terms(seg)
            hit = sum(1 for t in item.stems if any(_same(t, h) or same_meaning(t, item.text, h, seg) for h in have))
            if item.stems and hit >= max(1, math.ceil(len(item.stems) / 2)):
                return True
    return False


_NAME = re.compile(r"\b[A-Z][A-Za-z]*[A-Z0-9][A-Za-z0-9]*\b")


def _described(span: Span, question: str) -> Span:
    """A name the ad shows, with what the question calls it elsewhere: "the ad names ECO4"
    with "the ECO4 government grant scheme" shows the name of a scheme."""
    extra = []
    for name in dict.fromkeys(_NAME.findall(span.text)):
        for m in re.finditer(rf"\b{re.escape(name)}\b((?:\s+[a-z][\w-]*){{1,4}})", question):
            if not re.match(r"\s+(?:and|or|is|are|was|on|in|to|for|with)\b", m.group(1)):
                extra.append(name + m.group(1))
    if not extra:
        return span
    return Span(text=span.text + " , " + " , ".join(extra), page=span.page)


# "We're MCS certified", "an ABTA-registered agency", "NABCEP-accredited": the name before the
# participle is who (or what scheme) gives the credential. An item asking for that issuer ("the
# certification scheme", "the accrediting body") is named where the ad names the name.
_CREDENTIAL_OF = re.compile(r"\b([A-Z][A-Za-z]*[A-Z0-9][A-Za-z0-9&]*)[- ](certified|accredited|registered|licensed|authori[sz]ed|approved)\b")
_ISSUER = frozenset(stem(w) for w in "scheme body organisation organization programme program provider regulator authority".split())


def _issuer_named(item: Item, text: str, question: str) -> bool:
    """Is `item` the issuer of a credential the question names by its issuer ("the
    certification scheme" for "MCS certified"), and does `text` (a shown span) name that
    issuer? The item is a head noun of `_ISSUER` and words of the credential only."""
    words = [stem(w) for w in re.findall(r"[A-Za-z]+", item.text)]
    if not words or words[-1] not in _ISSUER or item.unit is not None or item.exact is not None:
        return False
    for m in _CREDENTIAL_OF.finditer(question):
        name, credential = m.group(1), stem(m.group(2))
        rest = set(item.stems) - _ISSUER
        if rest and all(_same(t, credential) for t in rest) and re.search(rf"\b{re.escape(name)}\b", text):
            return True
    return False


# A statement that the ad does not carry something, or will not: a negation reaching a verb of
# carrying ("we'd rather not mention X", "we don't show X", "X isn't stated"), or a word that
# withholds ("without X", "no X", "X is missing", "leave X out").
_CARRY_VERB = r"(?:stat|show|includ|display|nam|carr|say|said|giv|gave|list|disclos|quot|mention|specif|put|add|featur|appear|print|provid|explain)\w*"
_REFUSAL = re.compile(
    rf"\b(?:not|never)\s+(?:[\w']+\s+){{0,2}}?{_CARRY_VERB}\b|n't\s+(?:[\w']+\s+){{0,2}}?{_CARRY_VERB}\b"
    r"|\b(?:without|no|missing|omit(?:s|ted|ting)?|left (?:out|off)|(?:leave|leaves|leaving) (?:\w+\s+){0,3}?out|drop(?:s|ped|ping)?|remov(?:e|es|ed|ing))\b",
    re.I,
)
_REFUSAL_CLAUSE = re.compile(r"[,;?!:]|\.(?!\d)|\s[-–—]\s|\b(?:but|while|whereas|although|though|because|so)\b", re.I)


def refused(sentence: str, question: str) -> str | None:
    """The question's words saying the ad does not (or will not) carry something `sentence`
    requires it to, or None. The refused thing must be named as a carried one would be (its
    quotation word for word, most of its content words): a negation about something else ("no
    promises about ...", "we aren't in any scheme") refuses nothing."""
    items = required_items(sentence)
    if not items:
        return None
    plain = " ".join(question.split())
    for clause in _REFUSAL_CLAUSE.split(plain):
        bare = _outside_quotes(clause)
        if not _REFUSAL.search(bare):
            continue
        for part in _reached(clause):
            # the part with its withholding words blanked (outside quotations) is what it names
            part_bare = _outside_quotes(part)
            named = part
            for m in [*_REFUSAL.finditer(part_bare), *_NEG.finditer(part_bare)]:
                named = named[: m.start()] + " " * (m.end() - m.start()) + named[m.end() :]
            for item in items:
                # a refused item is named, not given in its unit ("we don't give the usable capacity")
                if any(_found(replace(o, unit=None), named, values=False, kinds=False) for o in (item,) + item.alternatives):
                    return clause.strip()
    return None


# A conjunct with a verb of its own ("… and the ad says there's no contract"): a clause by itself.
_OWN_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had|says?|said|shows?|showed|includes?|included|states?|stated|lists?|gives?|carries|names?|displays?|mentions?|quotes?|explains?|runs?|offers?)\b|'s\b", re.I)


def _reached(clause: str) -> list[str]:
    """The parts of `clause` a withholding word in it reaches: the conjunct (split at "and",
    outside quotations) that holds it, and each conjunct after it with no verb of its own ("we
    don't show the APR and the number of payments"). "Price shown includes all charges and the
    ad says there's no contract" refuses nothing about the charges: the "no" is the second
    conjunct's, about a contract."""
    parts, start = [], 0
    for m in re.finditer(r"\band\b", _masked(clause)):
        parts.append(clause[start : m.start()])
        start = m.end()
    parts.append(clause[start:])
    out: list[str] = []
    reaching = False
    for part in parts:
        bare = _outside_quotes(part)
        if _REFUSAL.search(bare) or _NEG.search(bare):
            reaching = True
            out.append(part)
        elif reaching and not _OWN_VERB.search(bare):
            out.append(part)
        else:
            reaching = False
    return out


def stated_otherwise(sentence: str, question: str) -> str | None:
    """The question's words showing the ad gives a required amount in another measure than the
    one the rule asks for ("the amount of each rise in pounds and pence" where the ad says
    "prices rise each April by CPI + 3.9%"), or None. The ad names what the item is about (all
    its content words but the amount), states a number of another dimension, and none in the
    item's unit: it carries the thing, not in the form required."""
    items = [i for i in required_items(sentence) if i.unit is not None and i.exact is None]
    if not items:
        return None
    for span in shown_spans(question):
        for item in items:
            about = {t for t in item.stems if t not in _AMOUNT}
            have = terms(span.text)
            if not about or not all(any(_same(t, h) or same_meaning(t, item.text, h, span.text) for h in have) for t in about):
                continue
            numbers = read_quantities(span.text)
            if numbers and all(q.unit is not None and not same_dimension(q.unit, item.unit) for q in numbers):
                return span.text
    return None


_MEASURE_HEADS = _TIME_MEASURES | _NUMBER_HEADS | {"date"}
_NO_THING = re.compile(r"\b(?:no|without(?:\s+(?:a|an|any))?)(?P<hyphen>-)?\s*(?P<words>[\w' -]+)", re.I)


def measured_thing(item: Item) -> str | None:
    """What an item that is a measure of something measures: the length of a contract, the
    amount of a deposit, the end date of an offer ("the minimum contract length" -> contract,
    "the amount of the deposit" -> deposit); None for an item that is no such measure."""
    if item.exact is not None:
        return None
    head = _head(item)
    if head not in _MEASURE_HEADS:
        return None
    text = item.text.strip()
    of = re.search(rf"\b{head}s?\s+of\s+(?:the|a|an|its|their|each|every|any)?\s*((?:[A-Za-z][\w-]*\s*)+)", text, re.I)
    if of:
        words = re.split(r"\s+(?:that|which|who|in|on|for|to|from|with|by|at)\b", of.group(1), maxsplit=1, flags=re.I)[0].split()
        return words[-1].lower() if words else None
    before = re.search(rf"([A-Za-z][\w-]*)\s+{head}s?\b", text, re.I)
    if before and stem(before.group(1).lower()) in item.stems and before.group(1).lower() not in ("minimum", "maximum", "total", "exact", "full", "final", "same"):
        return before.group(1).lower()
    return None


def moot(item: Item, question: str) -> str | None:
    """The question's words saying there is none of what `item` measures ("there's no
    contract" for "the minimum contract length must be stated"), or None. A measure of a thing
    that does not exist is nothing to carry; the thing must end the negated noun phrase ("no
    contract fees" denies fees, not a contract), and a phrase naming the measure itself ("no
    contract length") denies that the ad gives it, which is no such statement."""
    thing = measured_thing(item)
    if thing is None:
        return None
    from policydesk.core import lexicon

    for m in _NO_THING.finditer(" ".join(question.split())):
        # the negated noun phrase: at most three words, within its clause (no punctuation)
        words = [w.strip("'-").lower() for w in m.group("words").replace("-", " ").split()][:4]
        at = next((i for i, w in enumerate(words[:3]) if stem(w) == stem(thing)), None)
        if at is None:
            continue
        said = f"{question[m.start():m.start('words')].strip()} {' '.join(words[: at + 1])}".replace("- ", "-")
        if m.group("hyphen") and at == 0:
            return said  # "a no-agreement rental": a rental without one
        after = words[at + 1] if at + 1 < len(words) else ""
        if after and (stem(after) in item.stems or (lexicon.lemmas(after, "n") and after not in _FUNCTION_WORDS)):
            continue  # "no agreement length", "no agreement fees": the compound goes on
        return said
    return None


_FUNCTION_WORDS = frozenset("and or but so then just only at all is are was were be needed required involved here there".split())


def carried(sentence: str, question: str) -> str | None:
    """The question's words showing that the ad carries everything `sentence` requires it to,
    or None (nothing to read, an item not found, or an item denied). An item measuring a thing
    the question says there is none of ("there's no contract") asks nothing (`moot`)."""
    items = required_items(sentence)
    if not items:
        return None
    none_of = {item: said for item in items if (said := moot(item, question))}
    if none_of and len(none_of) == len(items):
        return "; ".join(dict.fromkeys(none_of.values()))
    items = tuple(i for i in items if i not in none_of)
    page_only = page_duty(sentence)
    spans = [_described(s, question) for s in shown_spans(question) if (s.page or not page_only) and (not s.page or allows_landing_page(sentence))]
    spans += _holder_spans(sentence, question)
    if not spans:
        return None
    evidence: list[str] = []
    for item in items:
        options = (item,) + item.alternatives
        if any(_denied(o, question) for o in options):
            return None
        span = next((s for o in options for s in spans if _found(o, s.text, context=question) or _issuer_named(o, s.text, question)), None)
        if span is None:
            return None
        evidence.append(span.text)
    return "; ".join(dict.fromkeys(evidence + list(none_of.values())))


# ---------------------------------------------------------------- something that must exist
# "For prize draws, there must be a free method of entry that gives the same chance of winning
# as a paid entry": no item to carry, a thing the promotion must have. Its noun phrase and each
# clause that qualifies it are items; the case meets it when it affirms a thing that has all of
# them ("there's a free entry route that gives the same chance of winning", "we offer a free
# method of entry ..."), and breaks it when a negation reaches the thing ("there's no free
# entry route"). Silence, or a thing with only some of the items, leaves it unknown.
_THERE_MUST = re.compile(rf"\bthere\s+{OBLIGATION}\s+(?:(?:also|always|still)\s+)?be\s+(?P<x>[^;:!?]+?)(?:$|[;:!?]|\.(?!\d))", re.I)
_QUALIFIER = re.compile(r"\s+(?:that|which|who|whose)\s+|,\s*(?:and\s+)?(?=(?:that|which|who|whose)\b)", re.I)
# What the question says there is: "there's X", "there will be X", "we offer / have / provide X",
# "X is available".
_AFFIRMED = re.compile(
    r"\bthere(?:'s|\s+is|\s+are|'re|\s+will\s+be|'ll\s+be)\s+(?P<a>[^.;?!]+)"
    r"|\b(?:we|they|it|you)\s+(?:also\s+|always\s+)?(?:offer|have|provide|give|run|include)s?\s+(?P<b>[^.;?!]+)"
    r"|(?P<c>[^.;,?!]{3,80}?)\s+(?:is|are)\s+(?:also\s+|always\s+)?(?:available|offered|provided)\b",
    re.I,
)


def existence_items(sentence: str) -> tuple[Item, ...]:
    """The thing `sentence` says there must be, as items (its noun phrase, then each clause that
    qualifies it); () when it states none this reader can read."""
    m = _THERE_MUST.search(" ".join(sentence.split()))
    if m is None or re.match(r"\s*(?:no|not|never|nothing|none|neither)\b", m.group("x"), re.I):
        return ()  # "there must be no suggestion that ...": a prohibition, nothing to have
    items = []
    for part in _QUALIFIER.split(m.group("x")):
        one = _item(part)
        if one is None:
            return ()
        items.append(one)
    return tuple(items)


def existence_status(sentence: str, question: str) -> tuple[str, str] | None:
    """("met" | "unmet", the question's words) for what `sentence` says there must be, or None
    (not such a sentence, or the question says neither)."""
    from policydesk.core.restated import negation_split

    items = existence_items(sentence)
    if not items:
        return None
    question = " ".join(question.split())
    _, negated = negation_split(_outside_quotes(question))
    head = items[0]
    for text in negated:
        # "there's no free method of entry", "without a free entry route": the thing itself denied
        if _found(head, text, values=False, kinds=False):
            return "unmet", text.strip()
    for m in _AFFIRMED.finditer(question):
        said = next(g for g in m.groups() if g)
        lead = _clause_before(question, m.start())
        if _NEG.search(lead) or _HYPOTHETICAL.search(lead) or _NEG.match(said.strip()):
            continue
        if all(_found(i, said) for i in items):
            return "met", said.strip()
    return None


__all__ = ["Item", "Span", "with_following", "measured_thing", "moot", "existence_items", "existence_status", "allows_landing_page", "carried", "page_duty", "refused", "stated_otherwise", "required_items", "shown_spans", "states_age"]
