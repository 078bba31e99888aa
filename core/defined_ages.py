"""An age group the policy defines, with its age per market, read into the rules that use it.

"Minor: A person under 18 years of age. For ads targeted at users in CA, a Minor is a person
under 19 years of age." then "Ads for UV tanning sessions must not be shown to Minors." The
definition is no rule (core/definition_sentence.py); the rule names the group as its audience
and states no age of its own. Read alone, "must not be shown to Minors" is a bare ban (every
case rejected, however it is targeted) or, with a "18+" quoted elsewhere in its sentence, a
floor of 18 in every market. The policy's own statement gives it the floor per market: the
audience must be 18+, and 19+ in CA (`min_age:18`, `min_age:19@CA`), executed as every age
floor is (assistant/rule_markets.py picks the market's).

By construction, per document (the definition sits in its glossary, the rule in a clause):
- a definition of a group of people by an upper age: "Term: a person under N", "(a|the) Term
  means / is / refers to a person (aged) under N", "For this policy, a Term is anyone under
  N"; a later "under M" in the same sentence or the next one, with a market named beside it
  ("or under 19 in South Korea", "For ads targeted at users in CA, a Minor is … under 19"), is
  that market's age;
- a rule naming the group as its audience: "shown to / targeted at / aimed at / directed at /
  advertised to / marketed to / appeal to / exclude" + the group's word (its plural too). Its
  audience floors become the defined ones, and a ban on reaching the group becomes a
  restriction whose condition is that floor (met, the ban is not broken; unmet, it is).
A group defined without an age, or a rule naming the group otherwise ("people who appear to
be Minors", the age of people shown), is left as read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policydesk.core.content_ban import banned_content
from policydesk.core.markets import ISO_CODES, find_mentions
from policydesk.core.sentences import split_sentences
from policydesk.core.terms import stem, terms
from policydesk.core.types import Chunk

_PERSON = r"(?:an?\s+|any\s+)?(?:person|people|individual|individuals|user|users|someone|anyone|child|children|consumer|consumers)"
_UNDER = r"(?:aged\s+)?(?:under|below|younger than|less than)\s+(?:the\s+age\s+of\s+)?(\d{1,2})\b"
_TERM = r"[\"“']?([A-Za-z][\w-]*(?:\s+[\w-]+){0,2}?)[\"”']?"
# "Minor: A person under 18 years of age."
_GLOSSARY = re.compile(r"^\s*(?:[-*•]\s+)?(?:\*\*)?" + _TERM + r"(?:\*\*)?\s*[:\u2013\u2014]\s+" + _PERSON + r"\s+(?:who is\s+|who are\s+)?" + _UNDER, re.I)
# "A Minor means a person under 18", "For this policy, a minor is anyone under 18", "… a Minor is a person under 19".
_SENTENCE = re.compile(r"(?:^|,\s*|\bpolicy,?\s+)(?:an?\s+|the\s+)?" + _TERM + r"\s+(?:means|is|are|refers to|shall mean)\s+" + _PERSON + r"\s+(?:who is\s+|who are\s+)?" + _UNDER, re.I)
_ANY_UNDER = re.compile(_UNDER, re.I)
_AUDIENCE_VERB = r"(?:(?:shown|show(?:n|ing)?|displayed|served|sold|available)\s+to|target(?:s|ed|ing)?(?:\s+at)?|aimed\s+at|directed\s+(?:at|to)|advertised\s+to|marketed\s+to|appeal(?:s|ing)?\s+to|exclude[sd]?|excluding|reach(?:es|ing)?)"
_AGE_COND = re.compile(r"^min_age:")
# Groups English names by an age without the policy defining them: a minor is a person under
# the age of majority, 18 (a policy defining it otherwise, per market, is read instead).
ORDINARY_GROUPS = {"minor": 18}
# "We don't allow ads for kites to be shown to Minors": the platform's refusal governs the
# reaching as a modal does.
_MODAL = re.compile(r"\b(?:must|may|should|shall|cannot|can't|can|need to|needs to|is not|are not|will not|won't|never"
                    r"|(?:do|does) not (?:allow|accept|permit)|(?:don't|doesn't) (?:allow|accept|permit))\b", re.I)


@dataclass
class AgeGroup:
    term: str
    under: int | None = None
    by_market: dict[str, int] = field(default_factory=dict)

    def conditions(self) -> list[str]:
        out = [f"min_age:{self.under}"] if self.under else []
        return out + [f"min_age:{age}@{code}" for code, age in self.by_market.items()]


def _codes(text: str) -> list[str]:
    codes = [c for m in find_mentions(text) for c in m.codes if c != "global"]
    codes += [c for c in re.findall(r"(?<![\w.(])([A-Z]{2})(?![\w')])", text) if c in ISO_CODES]
    return list(dict.fromkeys(codes))


def _word(term: str) -> str:
    return term.strip().lower()


def age_groups(text: str) -> dict[str, AgeGroup]:
    """The age groups a document's text defines, by their term in lower case."""
    groups: dict[str, AgeGroup] = {}
    for span in split_sentences(text):
        s = " ".join(span.text.split())
        m = _GLOSSARY.match(s) or _SENTENCE.search(s)
        if m is None or not 10 <= int(m.group(2)) <= 25:
            continue
        term = _word(re.sub(r"^(?:for this policy,?\s+)", "", m.group(1), flags=re.I))
        if term in {"it", "this", "that", "they", "he", "she", "who"}:
            continue
        group = groups.setdefault(term, AgeGroup(term))
        lead = _codes(s[: m.start(2)]) if m.re is _SENTENCE else []
        ages = list(_ANY_UNDER.finditer(s))
        for i, age in enumerate(ages):
            if age.start() < m.start(2) - 40:
                continue
            end = ages[i + 1].start() if i + 1 < len(ages) else len(s)
            codes = _codes(s[age.end(): end]) or (lead if age.start(1) == m.start(2) else [])
            n = int(age.group(1))
            if codes:
                for c in codes:
                    group.by_market[c] = n
            elif group.under is None:
                group.under = n
    return groups


def _names_as_audience(quote: str, term: str) -> bool:
    words = r"\s+".join(map(re.escape, term.split()))
    plural = r"(?:s|es)?" if not term.endswith("s") else ""
    m = re.search(rf"\b{_AUDIENCE_VERB}\s+(?:(?:the|any|all|users|people|audiences?|who\s+are)\s+){{0,2}}{words}{plural}\b", quote, re.I)
    # What the rule forbids or requires is reaching the group: the phrase follows the modal
    # ("must not be shown to Minors"). "Ads shown to minors must not urge them to buy" names the
    # group in its subject, where it says which ads the ban is for, not a floor.
    modal = _MODAL.search(quote)
    return m is not None and modal is not None and modal.start() < m.start()


def apply_defined_ages(chunks: list[Chunk]) -> None:
    """Give the rules of one document that name a defined age group as their audience the
    group's age floors (module docstring). Changes the chunks' rules in place."""
    groups: dict[str, AgeGroup] = {}
    for ch in chunks:
        for term, group in age_groups(ch.text).items():
            have = groups.setdefault(term, AgeGroup(term))
            have.under = have.under or group.under
            have.by_market.update(group.by_market)
    groups = {t: g for t, g in groups.items() if g.under}
    for term, under in ORDINARY_GROUPS.items():
        # "must not be shown to minors" in a policy that does not define minors: the word's
        # ordinary meaning, a person under the age of majority; the policy's own definition
        # (with its ages per market) wins.
        groups.setdefault(term, AgeGroup(term, under))
    for ch in chunks:
        for rule in ch.logic:
            if rule.decision not in ("reject", "restrict"):
                continue
            group = next((g for t, g in groups.items() if _names_as_audience(rule.quote, t)), None)
            if group is None:
                continue
            rule.conditions = [c for c in rule.conditions if not _AGE_COND.match(c)] + group.conditions()
            if banned_content(rule.quote) is None:
                rule.decision = "restrict"
            # else "… must not be shown to minors, and ads must not feature children": the
            # sentence also keeps content out of its ads, so it stays a prohibition whose age
            # floor is a threshold; met, its content ban is still executed
            # (assistant/prohibition_outcome.py `prohibition_outcome`).
            # The group is who the ad must not reach, not what the rule governs: a case need not
            # name minors for "Ads for UV sessions must not be shown to Minors" to be about it.
            group_stems = {stem(w) for w in terms(group.term)}
            rule.scope = [w for w in rule.scope if stem(w) not in group_stems]


__all__ = ["AgeGroup", "age_groups", "apply_defined_ages"]
