"""Facts about a whole catalog generation the answerer needs, computed once when it commits.

Which sources declare decisions, which markets a clause id names (to resolve "the markets
listed in GAM-3"), how rare each word is (to weigh subject overlap), each policy's general
position (its first clause whose rule is not a prohibition and names no market), and which
documents are privacy notices rather than ad or content policies. The answerer
used to compute these on the first question of a process by reading every chunk: 12.7 s at
100k chunks under load, minutes and gigabytes at 1M. Now the catalog commit writes them beside
the chunks (`corpus_facts.json`) and a reader loads the file.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from policydesk.core.clause_logic import CLAUSE_REF, read_clause_logic
from policydesk.core.definitions import policy_definitions, stated_scope_definitions
from policydesk.core.exclusion_lists import listed_exclusions
from policydesk.core.literal_guard import guarded
from policydesk.core.reading import data_practice_statements, describes_data_practice
from policydesk.core.terms import terms
from policydesk.core.types import GLOBAL_MARKET, Chunk, Rule

FACTS_FILE = "corpus_facts.json"
# A document is a privacy notice when at least this share of its normative statements (and at
# least DATA_PRACTICE_MIN of them) describe what its operator does with personal data
# (`reading.data_practice_statements`; the rest are counted as the rules read from it).
# Measured 2026-11-29: none of the ~250 rules of the sample corpus's ad policies; 17 of the 20
# PolicyQA privacy policies at 27-75%, while the other three state at most one such rule
# (evals/distractors/README.md). A privacy notice's "we may share your information" or "does
# not knowingly collect data from children under 13" says nothing about which ads may run, yet
# read as approve or as a 13+ floor it answered ad questions it shares words with.
DATA_PRACTICE_SHARE = 0.25
DATA_PRACTICE_MIN = 2

_POLICY_SCOPE = guarded(r"\b(?:this|the)\s+(?:policy|standard|guidelines?)\s+covers\s+([^.;]+)", re.I)


# What a policy says it does not govern: "Gambling and lottery products are not covered by this
# policy", "This policy does not apply to X", "X fall outside (the scope of) this policy". Only a
# statement about the policy itself: "The ban ... doesn't apply to X" is an exception to one rule.
# The document names itself in many ways ("this checklist", "this Notice", "the guidance below",
# "these rules"), and a sentence after the one saying what it covers may name it by a pronoun
# ("It covers ads for fertility clinics … It does not cover home test kits"; "The rules below
# cover … They do not cover mopeds"): a pronoun counts only after such a statement.
_DOC_NOUN = r"(?:policy|policies|standard|guidelines?|guidance|page|checklist|notice|rules\s+below|document|code|handbook|guide)"
_POLICY_DOC = r"(?:this|the|these|our)\s+" + _DOC_NOUN + r"(?:\s+below)?"
_EXCLUDED_SUBJECT = guarded(
    r"(?:^|(?<=[.!?:])\s+|\n)([A-Z][^.!?:;\n]{2,300}?)\s+(?:(?:is|are)\s+(?:also\s+)?(?:not\s+covered\s+by|outside(?:\s+the\s+scope\s+of)?|"
    r"not\s+(?:with)?in\s+the\s+scope\s+of|excluded\s+from)|falls?\s+outside(?:\s+the\s+scope\s+of)?)\s+" + _POLICY_DOC + r"\b", re.I)
# "X are also not covered here": "here" is the document speaking of itself.
_EXCLUDED_HERE = guarded(r"(?:^|(?<=[.!?:])\s+|\n)([A-Z][^.!?:;\n]{2,300}?)\s+(?:is|are)\s+(?:also\s+)?not\s+covered\s+here\b", re.I)
# A line break inside a sentence (a PDF's or a wrapped text's line end between two words).
_WRAP = guarded(r"(?<=[a-z,])\n(?=[a-z])")
_EXCLUDED_OBJECT = guarded(
    _POLICY_DOC + r"\s+(?:also\s+)?(?:does\s+not|doesn't|do\s+not|don't)\s+(?:apply\s+to|cover|govern)\s+([^.!?;:\n]{2,300})", re.I)
_COVERS_SAID = guarded(r"\b(?:(?:this|the|these|our)\s+" + _DOC_NOUN + r"(?:\s+below)?|it|they)\s+(?:covers?|applies\s+to|apply\s+to|governs?)\b", re.I)
_PRONOUN_EXCLUDES = guarded(
    r"(?:^|(?<=[.!?])\s+|\n)(?:It|They)\s+(?:also\s+)?(?:does\s+not|doesn't|do\s+not|don't)\s+(?:apply\s+to|cover|govern)\s+([^.!?;:\n]{2,300})")


def policy_exclusions(text: str, heading: str = "") -> list[str]:
    """What a policy says it does not govern: the phrase naming it in each statement of `text`
    excluding something from the policy itself ("Gambling and lottery products are not covered
    by this policy" -> "Gambling and lottery products"). Read at commit, like the scope
    statements, since such a statement sits in the introduction; the answerer's exclusion gate
    (assistant/policy_exclusion.py) asks whether the advertised thing is one of them."""
    text = _WRAP.sub(" ", text)
    out = [m.group(1).strip() for m in _EXCLUDED_SUBJECT.finditer(text)]
    out += [m.group(1).strip() for m in _EXCLUDED_HERE.finditer(text)]
    out += [m.group(1).strip() for m in _EXCLUDED_OBJECT.finditer(text)]
    for m in _PRONOUN_EXCLUDES.finditer(text):
        # "It does not cover X" names the document only after the text (or the heading it sits
        # under: "What does this page cover?") said what it covers.
        if _COVERS_SAID.search(heading + "\n" + text[: m.start()]):
            out.append(m.group(1).strip())
    # "If a product is not listed, it is not covered by this policy": a condition ending in a
    # pronoun names no thing; "The following are … not covered here:" names the list after it.
    out = [p for p in out if not _NO_THING.search(p)]
    # "The following are out of scope: (a) …", "**Out of scope**" and a list: each item.
    return out + [p for p in listed_exclusions(text, heading) if p not in out]


_NO_THING = guarded(r"^(?:if|when|where|unless|whether|whatever|anything|the\s+following)\b|\b(?:it|they|them|those|these|this|that)\s*$", re.I)


_POLICY_APPLIES = guarded(_POLICY_DOC + r"\s+(?:applies\s+to|covers|governs)\s+([^.;]+)", re.I)


def policy_reach(text: str) -> list[str]:
    """What a policy says it applies to ("This policy applies to ads for sweepstakes and prize
    draws ..."): the exclusion gate leaves alone a thing the policy names as its own, even when
    it is also a kind of what the policy excludes (WordNet's sweepstakes is a lottery)."""
    return [m.group(1).strip() for m in _POLICY_APPLIES.finditer(_WRAP.sub(" ", text))]


def policy_scope_statements(text: str) -> list[str]:
    """What a policy says it governs ("This policy covers lending, credit and debt services,
    ..."): the object of each such statement in `text`. Read here, at commit, because the
    statement sits in the policy's introduction, which is seldom a retrieved candidate; the
    answerer's scope evidence (assistant/scope_evidence.py) reads it per source."""
    return [m.group(1).strip() for m in _POLICY_SCOPE.finditer(text)]


@dataclass
class CorpusFacts:
    declaring_sources: set[str] = field(default_factory=set)
    clause_markets: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (source, clause id), referenced ones
    doc_freq: dict[str, int] = field(default_factory=dict)
    n_chunks: int = 0
    general: dict[str, str] = field(default_factory=dict)  # source -> chunk id of its general position
    # Sources that describe their operator's handling of personal data (privacy notices):
    # their clauses are context, never the clause that decides a case.
    data_practice_sources: set[str] = field(default_factory=set)
    scope: dict[str, list[str]] = field(default_factory=dict)  # source -> what its "This policy covers ..." statements name
    exclusions: dict[str, list[str]] = field(default_factory=dict)  # source -> what it says it does not cover (`policy_exclusions`)
    reach: dict[str, list[str]] = field(default_factory=dict)  # source -> what it says it applies to (`policy_reach`), where it excludes
    # source -> each category the policy defines -> the members it lists (core/definitions.py):
    # "Caffeine supplements are tablets, capsules, chewing gum, …" read wherever it stands.
    definitions: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    def idf(self, term: str) -> float:
        """Rarity of a word in the store; words the store never uses are the rarest."""
        n = max(self.n_chunks, 1)
        return math.log((n + 1) / (self.doc_freq.get(term, 0) + 0.5))

    def to_json(self) -> dict:
        return {
            "declaring_sources": sorted(self.declaring_sources),
            "clause_markets": [[s, c, ms] for (s, c), ms in self.clause_markets.items()],
            "doc_freq": self.doc_freq,
            "n_chunks": self.n_chunks,
            "general": self.general,
            "data_practice_sources": sorted(self.data_practice_sources),
            "scope": self.scope,
            "exclusions": self.exclusions,
            "reach": self.reach,
            "definitions": self.definitions,
        }

    @classmethod
    def from_json(cls, data: dict) -> CorpusFacts:
        return cls(
            declaring_sources=set(data.get("declaring_sources", [])),
            clause_markets={(s, c): ms for s, c, ms in data.get("clause_markets", [])},
            doc_freq=dict(data.get("doc_freq", {})),
            n_chunks=int(data.get("n_chunks", 0)),
            general=dict(data.get("general", {})),
            data_practice_sources=set(data.get("data_practice_sources", [])),
            scope={k: list(v) for k, v in data.get("scope", {}).items()},
            exclusions={k: list(v) for k, v in data.get("exclusions", {}).items()},
            reach={k: list(v) for k, v in data.get("reach", {}).items()},
            definitions={k: {t: list(ms) for t, ms in v.items()} for k, v in data.get("definitions", {}).items()},
        )


def is_general(chunk: Chunk, declaring: bool, rules: list[Rule] | None = None) -> bool:
    """Can this clause state its policy's general position? `rules`: its logic when the caller
    has it (the answerer's cached reading), else the stored logic or a fresh reading."""
    if declaring and not chunk.decision:
        return False  # a document that marks its clauses states its position in them, not in the intro
    if chunk.markets and GLOBAL_MARKET not in chunk.markets and len(chunk.markets) <= 5:
        return False
    if rules is None:
        rules = chunk.logic or read_clause_logic(chunk)
    return any(r.decision not in ("reject", "escalate") and not r.markets and not r.overrides for r in rules)


def compute_corpus_facts(chunks: Iterable[Chunk], logic_read: bool = False) -> CorpusFacts:
    """One pass over the chunks. Whether a source declares decisions is only known at the end,
    so the earliest general clause is kept both ways and chosen per source afterwards.

    `logic_read`: every chunk's `logic` was read by this version of the reader (ingest's
    commit), so an empty one means "no rules" and is not read again; otherwise (a catalog
    written before logic was stored) an empty one is read here."""
    facts = CorpusFacts()
    first: dict[tuple[str, bool], tuple[int, str]] = {}  # (source, declaring?) -> (position, id)
    # Only clauses some sentence of their policy points at ("the markets listed in GAM-3") need
    # their markets kept: at a million chunks keeping every clause's took ~250 MB of memory.
    referenced: set[tuple[str, str]] = set()
    rules_read: dict[str, int] = {}
    data_practices: dict[str, int] = {}
    doc_freq: Counter[str] = Counter()  # counted in C: one update per chunk
    for ch in chunks:
        rules = ch.logic if logic_read else (ch.logic or read_clause_logic(ch))
        rules = [r for r in rules if r.decision != "escalate"]  # a referral states no rule of its own
        practices = data_practice_statements(ch.text)
        others = sum(1 for r in rules if not describes_data_practice(r.quote)) if practices else len(rules)
        rules_read[ch.source] = rules_read.get(ch.source, 0) + practices + others
        if practices:
            data_practices[ch.source] = data_practices.get(ch.source, 0) + practices
        heading = ch.section.split(" > ")[-1] if ch.section else ""
        referenced.update((ch.source, m.group(1).upper()) for m in CLAUSE_REF.finditer(f"{heading} {ch.text}"))
        facts.n_chunks += 1
        doc_freq.update(terms(f"{ch.title}\n{ch.section}\n{ch.text}"))
        if ch.decision:
            facts.declaring_sources.add(ch.source)
        statements = policy_scope_statements(ch.text)
        if statements:
            facts.scope.setdefault(ch.source, []).extend(statements)
        if excluded := policy_exclusions(ch.text, ch.section or ""):
            facts.exclusions.setdefault(ch.source, []).extend(excluded)
        reach = policy_reach(ch.text)
        if reach:
            facts.reach.setdefault(ch.source, []).extend(reach)
        # What a scope statement says a category of the policy takes in ("applies to … surgical
        # cosmetic procedures, including … liposuction") is the policy's definition of it.
        stated = [(t.lower(), ms) for st in statements + reach for t, ms in stated_scope_definitions(st)]
        for term, members in [*policy_definitions(ch.text, ch.section).items(), *stated]:
            have = facts.definitions.setdefault(ch.source, {}).setdefault(term, [])
            have.extend(m for m in members if m not in have)
        if ch.clause_id and ch.markets and GLOBAL_MARKET not in ch.markets:
            facts.clause_markets.setdefault((ch.source, ch.clause_id.upper()), [m.upper() for m in ch.markets])
        for declaring in (False, True):
            key = (ch.source, declaring)
            seen = first.get(key)
            if (seen is None or ch.position < seen[0]) and is_general(ch, declaring, rules):
                first[key] = (ch.position, ch.id)
    facts.doc_freq = dict(doc_freq)
    facts.reach = {source: r for source, r in facts.reach.items() if source in facts.exclusions}
    facts.clause_markets = {key: ms for key, ms in facts.clause_markets.items() if key in referenced}
    facts.data_practice_sources = {
        source for source, n in data_practices.items()
        if source not in facts.declaring_sources and n >= DATA_PRACTICE_MIN and n >= DATA_PRACTICE_SHARE * rules_read[source]
    }
    for (source, declaring), (_, cid) in first.items():
        if declaring == (source in facts.declaring_sources):
            facts.general[source] = cid
    return facts


def save_corpus_facts(facts: CorpusFacts, directory: Path) -> None:
    (Path(directory) / FACTS_FILE).write_text(json.dumps(facts.to_json()), encoding="utf-8")


def load_corpus_facts(directory: Path) -> CorpusFacts | None:
    """None for a generation written before the file existed (the caller computes them)."""
    try:
        return CorpusFacts.from_json(json.loads((Path(directory) / FACTS_FILE).read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None
