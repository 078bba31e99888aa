"""Typed records that flow through every stage: Document -> Chunk -> ScoredChunk -> Answer.

These are contracts: the CLI's JSON, the eval harness and the UI all read these fields,
so rename nothing without updating the issues' interfaces.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Decision = Literal["approve", "restrict", "reject", "escalate"]
# A rule's decision: the three a clause can declare, and `escalate` for a sentence that sends
# its cases to people ("… are reviewed case by case"), executed as a prohibition is (its
# subject named, its threshold crossed) to decide which cases go to people.
RuleDecision = Literal["approve", "restrict", "reject", "escalate"]
ClauseDecision = Literal["approve", "restrict", "reject"]
VerdictSource = Literal["declared", "inferred", "none"]
RuleStatus = Literal["proposed", "confirmed", "rejected", "stale"]
ConditionResult = Literal["met", "unmet", "unknown"]
Route = Literal["auto", "review"]

DECISIONS: tuple[str, ...] = ("approve", "restrict", "reject", "escalate")
RULE_DECISIONS: tuple[str, ...] = ("approve", "restrict", "reject", "escalate")
CLAUSE_DECISIONS: tuple[str, ...] = ("approve", "restrict", "reject")  # what a clause marker may declare
GLOBAL_MARKET = "global"


class Rule(BaseModel):
    """One machine-executable reading of a policy sentence (see rules/ and the sidecar schema)."""

    model_config = ConfigDict(extra="forbid")

    id: str
    section: str = ""
    quote: str
    decision: RuleDecision
    markets: list[str] = Field(default_factory=list)  # empty = every market
    except_markets: list[str] = Field(default_factory=list)
    conditions: list[str] = Field(default_factory=list)  # vocabulary: core/conditions.py
    confidence: float = 1.0
    status: RuleStatus = "proposed"
    # Subject terms the rule governs ("payday loan", "vodka"); empty = the clause's own topic.
    scope: list[str] = Field(default_factory=list)
    # An exception names the rule it narrows; it wins over that parent wherever it applies.
    overrides: str | None = None
    # Kinds the policy says an exception does not cover ("This exception doesn't apply to prize
    # draws, sweepstakes or instant-win promotions"): a case naming one is not one it is for.
    excludes: list[str] = Field(default_factory=list)
    # A rule stated in a table row: the row's label (its first cell, "Contact lens solutions and
    # cases"), which names what the row governs, and the labels of the other rows of its table
    # (core/table_rows.py `link_rows`): a case about another row's thing is not one it decides.
    row: str | None = None
    rows: list[str] = Field(default_factory=list)
    # The amendment that rewrote this rule's conditions ("… is 1 week's rent (previously 2
    # weeks)"), quoted in the trace (core/amendments.py).
    amended_by: str | None = None
    # A credential requirement whose qualifying body is given market by market ("as follows: GB
    # …, US …", a market table's rows): market code -> the words of what qualifies there, and the
    # words that introduce them (core/market_bodies.py), executed for the case's market only.
    bodies: dict[str, str] = Field(default_factory=dict)
    bodies_lead: str = ""

    def applies_to(self, market: str | None) -> bool:
        """A rule applies to a market unless it names other markets or excludes this one."""
        if market is None:
            return True
        m = market.upper()
        if m in (x.upper() for x in self.except_markets):
            return False
        return not self.markets or m in (x.upper() for x in self.markets) or GLOBAL_MARKET in self.markets


class StatedConditions(BaseModel):
    """The conditions one sentence of a clause states, read (core/condition_reading.py) as a
    rule of `decision` would read them: stored at ingest so the answer can quote the sentence
    stating the condition a fact broke without re-reading the clause's prose per question."""

    quote: str  # the sentence, whitespace folded
    decision: ClauseDecision
    conditions: list[str] = Field(default_factory=list)


class Chunk(BaseModel):
    """A retrievable passage with everything needed to cite it and to filter on it."""

    id: str
    text: str
    source: str  # path relative to the ingested root, with forward slashes
    title: str = ""
    section: str = ""  # heading path, "Alcohol Advertising Policy > Age targeting"
    clause_id: str | None = None
    page: int | None = None  # 1-based, PDFs only
    policy_id: str = ""
    version: str | None = None
    effective_date: date | None = None
    markets: list[str] = Field(default_factory=list)  # [] = unset, ["global"] = everywhere
    business_line: str | None = None
    decision: ClauseDecision | None = None  # declared on the clause heading
    rules: list[Rule] = Field(default_factory=list)  # from the document's sidecar
    # The clause's executable logic, read from its prose at ingest (core/clause_logic.py):
    # the marker's rule with the conditions its wording states, or one rule per normative sentence.
    logic: list[Rule] = Field(default_factory=list)
    # Per sentence that states any, the conditions it states under each decision the clause's
    # rules have (core/clause_logic.py `stated_conditions`), read at ingest with `logic`.
    stated: list[StatedConditions] = Field(default_factory=list)
    # A marked clause's subject words (core/clause_logic.py `clause_subject`), read at ingest:
    # what its marker rule, the whole clause, is about.
    subject: list[str] = Field(default_factory=list)
    position: int = 0  # order of the chunk inside its document
    # Part of the document's introduction: the text before its first section heading, in a
    # document whose later sections have headings (ingest/loaders.py `introduction_sections`).
    introduction: bool = False
    # The amendment that withdrew this clause ("Clause 4 is withdrawn."): no rule of it is in
    # force, so it is neither executed nor quoted (core/amendments.py).
    withdrawn: str | None = None

    def matches_market(self, market: str | None) -> bool:
        """Contract: a chunk matches M when its markets include M, include global, or are unset."""
        if not market:
            return True
        if not self.markets:
            return True
        ms = {m.upper() for m in self.markets}
        return market.upper() in ms or GLOBAL_MARKET.upper() in ms


class DocumentRecord(BaseModel):
    """One ingested document as `policydesk sources` lists it."""

    source: str
    title: str = ""
    policy_id: str = ""
    version: str | None = None
    effective_date: date | None = None
    business_line: str | None = None
    markets: list[str] = Field(default_factory=list)
    format: str = ""
    file_hash: str = ""
    chunk_ids: list[str] = Field(default_factory=list)
    superseded: bool = False
    root: str = ""  # absolute folder it was ingested from; a file gone from there is removed

    @property
    def chunks(self) -> int:
        return len(self.chunk_ids)


class Filters(BaseModel):
    """What the moderator restricts a question to. Unset fields do not filter."""

    model_config = ConfigDict(extra="forbid")

    market: str | None = None
    business_line: str | None = None
    as_of: date | None = None
    policy_id: str | None = None

    def to_dict(self) -> dict:
        return self.model_dump(mode="json", exclude_none=True)


class ScoredChunk(BaseModel):
    """A chunk as retrieval ranked it; scores are kept apart so evals can explain ranking."""

    chunk: Chunk
    score: float  # fused score (higher is better)
    dense_score: float | None = None  # cosine similarity to the query
    keyword_score: float | None = None  # BM25
    rank: int = 0  # 1-based position after fusion and filtering


class Citation(BaseModel):
    """A numbered reference under an answer; `n` matches the [n] markers in the text."""

    n: int
    source: str
    title: str = ""
    section: str = ""
    clause_id: str | None = None
    page: int | None = None
    version: str | None = None
    text: str  # the full chunk text
    quote: str  # the sentence(s) the answer rests on, verbatim from `text`
    score: float = 0.0
    rule_ids: list[str] = Field(default_factory=list)
    chunk_id: str = ""


class ConditionCheck(BaseModel):
    """One condition of a rule executed against the case facts."""

    kind: str  # min_age | max | min | requires | only_markets | no_claim | during | not_during | other (core/conditions.py)
    requirement: str  # what the clause asks, in words: "18+ in SG", "APR at most 36%"
    fact: str | None = None  # the case fact used: "audience from 16"; None when the case does not say
    result: ConditionResult
    citation: int | None = None  # the [n] whose quote states the condition


class RuleCheck(BaseModel):
    """One rule the answerer considered, and what executing it gave."""

    rule_id: str
    source: str
    clause_id: str | None = None
    decision: RuleDecision  # the rule's own decision before its conditions ran
    origin: Literal["marker", "sidecar", "prose"] = "prose"
    applicable: bool
    reason: str  # why it applies or not: "market FR outside [GB, IE]", "scope covers 'payday loan'"
    conditions: list[ConditionCheck] = Field(default_factory=list)
    outcome: Decision | None = None  # the verdict this rule gives for the case
    citation: int | None = None


class Trace(BaseModel):
    """Why this verdict: the case facts read, the rules considered, and the one that decided."""

    facts: dict = Field(default_factory=dict)  # CaseFacts as JSON
    rules: list[RuleCheck] = Field(default_factory=list)
    decided_by: str | None = None  # rule id
    reason: str = ""  # one line a moderator can read


class Answer(BaseModel):
    """What every answerer returns; `to_json()` is the `ask --json` contract."""

    question: str
    verdict: Decision
    verdict_source: VerdictSource
    answer: str
    citations: list[Citation] = Field(default_factory=list)
    filters: dict = Field(default_factory=dict)
    latency_ms: float = 0.0
    backend: str = "extractive"
    model: str | None = None
    warnings: list[str] = Field(default_factory=list)
    conditions: list[str] = Field(default_factory=list)
    confidence: float = 0.0  # 0-1, calibrated by `policydesk eval --calibrate`
    route: Route = "review"  # auto: machine enforcement may act on it; review: a human decides
    trace: Trace | None = None
    retrieved: list[ScoredChunk] = Field(default_factory=list, exclude=True)
    # What confidence was computed from (assistant/confidence.py), for fitting its map; not part of the JSON.
    confidence_features: dict[str, float] = Field(default_factory=dict, exclude=True)

    def to_json(self) -> dict:
        return self.model_dump(mode="json")
