"""A later amendment changes what the clause it names says (issue 13).

Why: a consolidated policy keeps its original clauses and lists, after them, amendments that
replace or withdraw some of them ("A1 (clause 6.1). From 1 March 2026 the holding-deposit cap
is 1 week's rent (previously 2 weeks).", "Clause 4 is withdrawn.", "NZ is added to the markets
in which … ads are accepted."). Read clause by clause, the original wording decides: a cap
of 2 weeks lets through a deposit the policy now forbids, a withdrawn ban still rejects, a
market list still refuses the market the amendment added. The amendment is the policy's own
statement of what its clause now says, so the clause's rules are rewritten by it at ingest,
per document, and each rewritten rule keeps the amendment's words (`Rule.amended_by`) for the
trace.

What counts, by construction of the sentence:
- the clause it amends, named by number: "(clause 6.1)", "Clause 4 is withdrawn", "clauses
  1.2 and 1.3"; a sentence naming none amends the clause the item before it named;
- a withdrawal: "Clause N is withdrawn / deleted / revoked / removed / no longer applies";
- a new value for an old one: "… is 1 week's rent (previously 2 weeks)", "… is reduced from
  £250 to £150", "raised from 16 to 17": the amended clause's limits equal to the old value
  (same dimension) take the new one;
- markets added to or removed from a list: "NZ is added to the markets …", "FR is removed
  from the markets …": the amended clause's market lists ("only in …") and the sentences that
  refuse "any other market" follow.
An amendment sentence applied this way states no rule of its own (its rule is the clause it
rewrites); anything else in the amendments section ("Ads … may run at any time of year") is
read as it always is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policydesk.core.casefacts import read_quantities
from policydesk.core.conditions import format_condition, parse_condition, same_dimension
from policydesk.core.markets import ISO_CODES, find_mentions
from policydesk.core.sentences import split_sentences
from policydesk.core.types import Chunk, Rule

_NUMBER = r"\d+(?:\.\d+)*"
# "(clause 6.1)", "clause 4", "clauses 1.2 and 1.3", "section 7"
_TARGET = re.compile(rf"\b(?:clauses?|sections?|paragraphs?|rules?)\s+({_NUMBER}(?:\s*(?:,|and|&)\s*{_NUMBER})*)", re.I)
_WITHDRAWN = re.compile(r"\b(?:is|are)\s+(?:hereby\s+)?(?:withdrawn|deleted|revoked|repealed|removed|struck out|rescinded)\b|\bno longer (?:applies|apply)\b", re.I)
_PREVIOUSLY = re.compile(r"\((?:previously|formerly|was|before)\s+([^)]+)\)", re.I)
_FROM_TO = re.compile(r"\b(?:reduced|increased|raised|lowered|changed|cut|extended|shortened|amended|moved)\s+from\s+(.+?)\s+to\s+(.+?)(?=[,;.]?\s*$|[,;]|\s+(?:per|for|a|an|each)\b)", re.I)
_ADDED = re.compile(r"\b(?:is|are)\s+added\s+to\s+the\s+(?:list\s+of\s+)?(?:markets|countries)\b", re.I)
_REMOVED = re.compile(r"\b(?:is|are)\s+removed\s+from\s+the\s+(?:list\s+of\s+)?(?:markets|countries)\b", re.I)


@dataclass(frozen=True)
class Value:
    """A number as an amendment states it, with its unit when it has one ("2 weeks", "£250")."""

    value: float
    unit: str | None


@dataclass(frozen=True)
class Amendment:
    """What one amendment sentence does to the clause(s) it names."""

    quote: str
    targets: tuple[str, ...]
    withdrawn: bool = False
    old: Value | None = None
    new: Value | None = None
    added: tuple[str, ...] = field(default_factory=tuple)
    removed: tuple[str, ...] = field(default_factory=tuple)

    @property
    def changes(self) -> bool:
        return self.withdrawn or (self.old is not None and self.new is not None) or bool(self.added or self.removed)


def _value(text: str) -> Value | None:
    """The number `text` states: with its unit when it has one, else a bare number (an age)."""
    found = read_quantities(text)
    if found:
        return Value(found[-1].value, found[-1].unit)
    bare = re.findall(_NUMBER, text)
    return Value(float(bare[-1]), None) if bare else None


def _targets(text: str) -> tuple[str, ...]:
    return tuple(n for m in _TARGET.finditer(text) for n in re.findall(_NUMBER, m.group(1)))


def read_amendment(sentence: str, targets: tuple[str, ...]) -> Amendment:
    """What `sentence` does to `targets` (the clauses it or its item names)."""
    quote = " ".join(sentence.split())
    if _WITHDRAWN.search(quote) and not _ADDED.search(quote) and not _REMOVED.search(quote):
        return Amendment(quote, targets, withdrawn=True)
    if m := _FROM_TO.search(quote):
        return Amendment(quote, targets, old=_value(m.group(1)), new=_value(m.group(2)))
    if m := _PREVIOUSLY.search(quote):
        old = _value(m.group(1))
        before = quote[: m.start()]
        new = None
        if old is not None and old.unit is not None:
            same = [q for q in read_quantities(before) if same_dimension(q.unit, old.unit)]
            new = Value(same[-1].value, same[-1].unit) if same else None
        elif old is not None:
            bare = re.findall(rf"(?<![\d.]){_NUMBER}(?!\s*(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)", before)
            new = Value(float(bare[-1]), None) if bare else None
        return Amendment(quote, targets, old=old, new=new)
    for pattern, key in ((_ADDED, "added"), (_REMOVED, "removed")):
        if m := pattern.search(quote):
            # What is added to "the markets" is a market: its subject's names and bare codes ("NZ").
            subject = quote[: m.start()]
            codes = tuple(dict.fromkeys([c for mention in find_mentions(subject) for c in mention.codes]
                                        + [c for c in re.findall(r"\b[A-Z]{2}\b", subject) if c in ISO_CODES]))
            return Amendment(quote, targets, **{key: codes})
    return Amendment(quote, targets)


def read_amendments(text: str) -> list[Amendment]:
    """The amendments a passage states, each with the clauses it amends: a sentence naming a
    clause by number amends it (and so do the sentences after it, until another names one)."""
    out: list[Amendment] = []
    current: tuple[str, ...] = ()
    for span in split_sentences(text):
        named = _targets(span.text)
        if named:
            current = named
        if not current:
            continue
        found = read_amendment(span.text, current)
        if found.changes:
            out.append(found)
    return out


_CLAUSE_START = re.compile(rf"^\s*({_NUMBER})[.)]?\s+(?=\S)", re.M)


def _clause_spans(chunk: Chunk) -> list[tuple[str, int, int]]:
    """(number, start, end) of each numbered clause the chunk's lines open ("6.1 A holding
    deposit …" up to "6.2 …")."""
    starts = [(m.group(1), m.start()) for m in _CLAUSE_START.finditer(chunk.text)]
    return [(n, s, starts[i + 1][1] if i + 1 < len(starts) else len(chunk.text)) for i, (n, s) in enumerate(starts)]


def _in_clause(number: str, target: str) -> bool:
    """Is clause `number` the target or part of it ("6.1" of "6", not "61")?"""
    return number == target or number.startswith(target + ".")


def _rule_clause(rule: Rule, chunk: Chunk, spans: list[tuple[str, int, int]]) -> str | None:
    """The number of the clause a rule's sentence sits in: the numbered clause whose text holds
    it, else the number of the chunk's own heading ("4. Early marketing")."""
    quote = " ".join(rule.quote.split())[:60]
    found = [n for n, s, e in spans if quote in " ".join(chunk.text[s:e].split())]
    return found[-1] if found else _section_number(chunk)


def _section_number(chunk: Chunk) -> str | None:
    heading = re.match(rf"\s*({_NUMBER})[.)]?\s", chunk.section.split(">")[-1])
    return heading.group(1) if heading else None


def _amended(rule: Rule, amendment: Amendment) -> Rule | None:
    """`rule` as `amendment` leaves it (None: withdrawn); the rule itself when it changes nothing."""
    if amendment.withdrawn:
        return None
    conditions = list(rule.conditions)
    except_markets = list(rule.except_markets)
    changed = False
    if amendment.old is not None and amendment.new is not None:
        old, new = amendment.old, amendment.new
        for i, text in enumerate(conditions):
            c = parse_condition(text)
            if c.kind not in ("max", "min", "min_age", "min_person_age") or c.value != old.value:
                continue
            if old.unit is not None and (c.unit is None or not same_dimension(c.unit, old.unit)):
                continue
            if old.unit is None and c.kind in ("max", "min") and c.unit is not None:
                continue
            conditions[i] = format_condition(c.model_copy(update={"value": new.value}))
            changed = True
    if amendment.added or amendment.removed:
        for i, text in enumerate(conditions):
            c = parse_condition(text)
            if c.kind == "only_markets":
                codes = [m for m in c.markets if m not in amendment.removed] + [m for m in amendment.added if m not in c.markets]
                conditions[i] = format_condition(c.model_copy(update={"markets": codes}))
                changed = True
        if except_markets:  # "Ads targeting any other market are not accepted": other than the list
            except_markets = [m for m in except_markets if m not in amendment.removed] + [m for m in amendment.added if m not in except_markets]
            changed = True
    if not changed:
        return rule
    return rule.model_copy(update={"conditions": conditions, "except_markets": except_markets, "amended_by": amendment.quote})


def apply_amendments(chunks: list[Chunk]) -> None:
    """Rewrite the rules of one document's clauses by the amendments its other clauses state
    (module docstring). A clause every rule of which is withdrawn is marked `withdrawn`, so the
    answerer neither executes nor quotes it; an amendment sentence applied to a clause states no
    rule of its own. Changes the chunks in place."""
    found: list[tuple[Chunk, Amendment]] = [(ch, a) for ch in chunks for a in read_amendments(ch.text)]
    if not found:
        return
    applied: set[str] = set()
    for ch in chunks:
        spans = _clause_spans(ch)
        section = _section_number(ch)
        logic: list[Rule] = []
        withdrawn_by: str | None = None
        for rule in ch.logic:
            where = _rule_clause(rule, ch, spans)
            current: Rule | None = rule
            for source, amendment in found:
                if source is ch or current is None or where is None:
                    continue
                if not any(_in_clause(where, t) for t in amendment.targets):
                    continue
                after = _amended(current, amendment)
                if after is not current:
                    applied.add(amendment.quote)
                if after is None:
                    withdrawn_by = amendment.quote
                current = after
            if current is not None:
                logic.append(current)
        if section and not ch.logic and any(a.withdrawn and any(_in_clause(section, t) for t in a.targets) for s, a in found if s is not ch):
            withdrawn_by = next(a.quote for s, a in found if s is not ch and a.withdrawn and any(_in_clause(section, t) for t in a.targets))
        ch.logic = logic
        if withdrawn_by and not logic:
            ch.withdrawn = withdrawn_by
    for ch, _ in found:
        ch.logic = [r for r in ch.logic if " ".join(r.quote.split()) not in applied]


__all__ = ["Amendment", "Value", "apply_amendments", "read_amendment", "read_amendments"]
