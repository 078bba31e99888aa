"""Policy coverage for policy writers: what is tested, what is asked, what is missing, what clashes.

Four questions about the documents in force, answered from the store, the golden sets, the
latest eval run and the query log:

- coverage  per section/clause: golden cases resting on it (through `expected_evidence`, with
            the same evidence matching as the eval metrics), citations in the latest eval run,
            citations in the query log. `uncovered` = sections no golden case rests on.
- gaps      questions from the log that ended in `escalate` or got a thumbs-down, grouped by
            embedding similarity: what moderators ask that the policies do not answer well.
- conflicts pairs of in-force passages from different documents or clauses that say nearly
            the same thing with different decisions for a shared market, or that both cover a
            market with near-duplicate wording in different documents (guidance that can drift).
            Superseded versions are excluded because only documents in force are read.
- heat map  policy area x market for any per-section count.

Pure functions over typed inputs (`build_report` gets everything passed in) plus one loader
(`coverage_report`) that does the I/O, so the page and the CLI share the same numbers.
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timezone
from pathlib import Path

import numpy as np
from pydantic import BaseModel, Field

from policydesk.core.errors import InputError
from policydesk.core.types import GLOBAL_MARKET, Chunk, DocumentRecord
from policydesk.core.versions import in_force

UNCOVERED_TEXT_CHARS = 200
DEFAULT_GAP_SIMILARITY = 0.6
DEFAULT_CONFLICT_SIMILARITY = 0.82
DEFAULT_OVERLAP_SIMILARITY = 0.9
ALL_MARKETS = "global"

# --------------------------------------------------------------------------- records


class SectionCoverage(BaseModel):
    """One section/clause of a document in force, with how it is tested and used."""

    key: str  # "<source>#<clause id or section path>", stable while the document is unchanged
    source: str
    title: str = ""
    policy_id: str = ""
    version: str | None = None
    section: str = ""
    clause_id: str | None = None
    page: int | None = None
    markets: list[str] = Field(default_factory=list)  # [] or ["global"] = every market
    decision: str | None = None
    decision_source: str = "none"  # declared | inferred | none
    text: str = ""
    chunk_ids: list[str] = Field(default_factory=list)
    golden_cases: int = 0
    golden_ids: list[str] = Field(default_factory=list)
    eval_citations: int = 0
    log_citations: int = 0

    @property
    def covered(self) -> bool:
        return self.golden_cases > 0

    @property
    def area(self) -> str:
        return self.title or self.policy_id or self.source

    @property
    def market_columns(self) -> list[str]:
        ms = [m.upper() for m in self.markets if m.lower() != GLOBAL_MARKET]
        return ms if ms and len(ms) == len(self.markets) else [ALL_MARKETS]


class UncoveredSection(BaseModel):
    """The `uncovered` contract of `policydesk coverage --json`."""

    source: str
    section: str
    clause_id: str | None = None
    text: str  # the first 200 characters of the section text


class GapGroup(BaseModel):
    """Similar unanswered (or badly answered) questions: one thing the policies lack."""

    representative: str
    count: int
    questions: list[str]
    query_ids: list[int]
    escalated: int = 0
    thumbs_down: int = 0
    markets: list[str] = Field(default_factory=list)
    last_ts: str = ""
    nearest_section: str | None = None  # key of the closest in-force section
    nearest_similarity: float | None = None


class PassageRef(BaseModel):
    key: str
    source: str
    section: str = ""
    clause_id: str | None = None
    version: str | None = None
    markets: list[str] = Field(default_factory=list)
    decision: str | None = None
    decision_source: str = "none"
    text: str = ""


class Conflict(BaseModel):
    """Two in-force passages a policy writer should reconcile."""

    kind: str  # different_decision | market_overlap
    similarity: float
    shared_markets: list[str]
    a: PassageRef
    b: PassageRef
    note: str = ""


class CoverageReport(BaseModel):
    generated_at: str
    store: str
    as_of: str
    golden_files: list[str] = Field(default_factory=list)
    golden_cases: int = 0
    eval_run: str | None = None
    log_entries: int = 0
    n_sections: int = 0
    n_covered: int = 0
    coverage_share: float | None = None
    sections: list[SectionCoverage] = Field(default_factory=list)
    uncovered: list[UncoveredSection] = Field(default_factory=list)
    gaps: list[GapGroup] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    unmatched_evidence: list[dict] = Field(default_factory=list)  # golden evidence found in no in-force section

    def to_json(self) -> dict:
        return self.model_dump(mode="json")


# --------------------------------------------------------------------------- sections


def section_key(source: str, section: str, clause_id: str | None) -> str:
    return f"{source}#{clause_id or section}"


def sections_in_force(documents: Iterable[DocumentRecord], chunks: Iterable[Chunk], as_of: date | None = None) -> list[SectionCoverage]:
    """Group the chunks of documents in force into their sections, in document order."""
    docs = list(documents)
    current = in_force(docs, as_of)
    by_doc = {d.source: d for d in docs}
    groups: dict[str, list[Chunk]] = {}
    for c in sorted(chunks, key=lambda c: (c.source, c.position)):
        if c.source in current:
            groups.setdefault(section_key(c.source, c.section, c.clause_id), []).append(c)
    out = []
    for key, cs in groups.items():
        first = cs[0]
        doc = by_doc.get(first.source)
        text = join_pieces([c.text for c in cs])
        decision, decision_source = _decision_of(first, text)
        out.append(
            SectionCoverage(
                key=key,
                source=first.source,
                title=first.title or (doc.title if doc else ""),
                policy_id=first.policy_id,
                version=first.version,
                section=first.section,
                clause_id=first.clause_id,
                page=first.page,
                markets=list(first.markets),
                decision=decision,
                decision_source=decision_source,
                text=text,
                chunk_ids=[c.id for c in cs],
            )
        )
    return out


def join_pieces(pieces: list[str]) -> str:
    """Rejoin the size-split pieces of one section, dropping the splitter's overlap."""
    text = pieces[0] if pieces else ""
    for nxt in pieces[1:]:
        overlap = 0
        for n in range(min(len(text), len(nxt), 400), 20, -1):
            if text.endswith(nxt[:n]):
                overlap = n
                break
        text = text + ("" if overlap else "\n\n") + nxt[overlap:]
    return text


def _decision_of(chunk: Chunk, text: str) -> tuple[str | None, str]:
    """Declared on the clause heading, else read from the wording the same way the answerer does
    (core.reading through assistant.verdict, which skips sentences that give orders to an AI)."""
    if chunk.decision:
        return chunk.decision, "declared"
    try:
        from policydesk.core.sentences import split_sentences
        from policydesk.assistant.verdict import read_passage
    except ImportError:  # pragma: no cover - assistant is a dependency of evals
        return None, "none"
    reading = read_passage([s.text for s in split_sentences(text)])
    return (reading.decision, "inferred") if reading.decision else (None, "none")


# --------------------------------------------------------------------------- golden cases


def match_golden(sections: list[SectionCoverage], chunks: Sequence[Chunk], cases: Iterable) -> list[dict]:
    """Count, per section, the golden cases whose expected evidence lies in it.

    Matching is the eval harness's (`metrics.evidence_in_chunk`, with neighbour chunks for
    quotes that straddle a split), so a section counts as covered exactly when an eval case
    would find its evidence there. Returns the evidence items that matched no section in
    force (a superseded version, a renamed file, a quote edited since).
    """
    from policydesk.evals.metrics import Neighbours, evidence_in_chunk

    all_chunks = list(chunks)
    neighbours = Neighbours(all_chunks)
    by_chunk = {cid: s for s in sections for cid in s.chunk_ids}
    by_source: dict[str, list[Chunk]] = defaultdict(list)
    for c in all_chunks:
        if c.id in by_chunk:
            by_source[c.source].append(c)
    unmatched = []
    for case in cases:
        hit: set[str] = set()
        for ev in case.expected_evidence:
            found = [c for c in by_source.get(ev.source, []) if evidence_in_chunk(ev.source, ev.quote, c, neighbours)]
            if not found:
                unmatched.append({"case_id": case.id, "source": ev.source, "quote": ev.quote})
            hit.update(by_chunk[c.id].key for c in found)
        for s in sections:
            if s.key in hit:
                s.golden_cases += 1
                s.golden_ids.append(case.id)
    return unmatched


# --------------------------------------------------------------------------- citations


def _citation_key(cite: dict, sections_by_chunk: dict[str, str], keys: set[str]) -> str | None:
    """The section a citation points at: by chunk id when the store still has it, else by name."""
    cid = cite.get("chunk_id")
    if cid and cid in sections_by_chunk:
        return sections_by_chunk[cid]
    key = section_key(cite.get("source", ""), cite.get("section", "") or "", cite.get("clause_id"))
    return key if key in keys else None


def count_citations(sections: list[SectionCoverage], citation_lists: Iterable[list[dict]], field: str) -> int:
    """Add each answer's citations to `field` of the cited sections; returns answers counted.

    An answer citing two passages of one section counts once for it: the measure is how
    many answers rest on the section, not how many markers it got.
    """
    by_chunk = {cid: s.key for s in sections for cid in s.chunk_ids}
    by_key = {s.key: s for s in sections}
    n = 0
    for cites in citation_lists:
        n += 1
        for key in {_citation_key(c, by_chunk, set(by_key)) for c in cites} - {None}:
            setattr(by_key[key], field, getattr(by_key[key], field) + 1)
    return n


def latest_run(runs_dir: Path) -> Path | None:
    """The newest run directory (by its results.jsonl time) under `runs_dir`, or None."""
    if not runs_dir.is_dir():
        return None
    runs = [p.parent for p in runs_dir.glob("*/results.jsonl")]
    if (runs_dir / "results.jsonl").exists():
        runs.append(runs_dir)
    return max(runs, key=lambda p: ((p / "results.jsonl").stat().st_mtime, p.name), default=None)


def run_citations(run_dir: Path) -> list[list[dict]]:
    """The citations of every case answer in a run's results.jsonl."""
    out = []
    path = run_dir / "results.jsonl"
    with open(path, encoding="utf-8") as fh:
        for no, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{no}: not valid JSON ({exc.msg}); is this an eval run directory?") from exc
            out.append(_find_citations(obj))
    return out


def _find_citations(obj: dict) -> list[dict]:
    answer = obj.get("answer")
    if isinstance(answer, dict) and isinstance(answer.get("citations"), list):
        return [c for c in answer["citations"] if isinstance(c, dict)]
    if isinstance(obj.get("citations"), list):
        return [c for c in obj["citations"] if isinstance(c, dict)]
    return []


# --------------------------------------------------------------------------- gaps


def _cos_groups(vecs: np.ndarray, threshold: float) -> list[list[int]]:
    """Greedy single pass: each row joins the most similar group centroid above `threshold`."""
    groups: list[list[int]] = []
    centroids: list[np.ndarray] = []
    for i, v in enumerate(vecs):
        if centroids:
            sims = np.stack(centroids) @ v
            j = int(np.argmax(sims))
            if sims[j] >= threshold:
                groups[j].append(i)
                c = vecs[groups[j]].mean(axis=0)
                centroids[j] = c / (np.linalg.norm(c) or 1.0)
                continue
        groups.append([i])
        centroids.append(v)
    return groups


def find_gaps(
    entries: Sequence,
    encode,
    sections: Sequence[SectionCoverage] = (),
    section_vecs: np.ndarray | None = None,
    threshold: float = DEFAULT_GAP_SIMILARITY,
) -> list[GapGroup]:
    """Group log entries that escalated or got a thumbs-down by question similarity.

    `encode(texts) -> normalised rows`. The nearest in-force section of each group tells the
    writer where the missing guidance would most likely belong.
    """
    gaps = [e for e in entries if e.is_gap]
    if not gaps:
        return []
    vecs = encode([e.question for e in gaps])
    out = []
    for idx in _cos_groups(vecs, threshold):
        members = [gaps[i] for i in idx]
        centroid = vecs[idx].mean(axis=0)
        rep = members[int(np.argmax(vecs[idx] @ centroid))]
        nearest, nearest_sim = None, None
        if section_vecs is not None and len(sections):
            c = centroid / (np.linalg.norm(centroid) or 1.0)
            sims = section_vecs @ c
            j = int(np.argmax(sims))
            nearest, nearest_sim = sections[j].key, round(float(sims[j]), 3)
        out.append(
            GapGroup(
                representative=rep.question,
                count=len(members),
                questions=[m.question for m in members],
                query_ids=[m.id for m in members],
                escalated=sum(1 for m in members if m.verdict == "escalate"),
                thumbs_down=sum(1 for m in members if m.thumbs_down),
                markets=sorted({str(m.filters.get("market")).upper() for m in members if m.filters.get("market")}),
                last_ts=max(m.ts for m in members),
                nearest_section=nearest,
                nearest_similarity=nearest_sim,
            )
        )
    return sorted(out, key=lambda g: (-g.count, g.representative))


# --------------------------------------------------------------------------- conflicts


def _market_set(markets: list[str]) -> set[str] | None:
    """None = applies everywhere (unset or global)."""
    ms = {m.upper() for m in markets}
    if not ms or GLOBAL_MARKET.upper() in ms:
        return None
    return ms


def shared_markets(a: list[str], b: list[str]) -> list[str]:
    sa, sb = _market_set(a), _market_set(b)
    if sa is None and sb is None:
        return [ALL_MARKETS]
    if sa is None:
        return sorted(sb)
    if sb is None:
        return sorted(sa)
    return sorted(sa & sb)


def _ref(s: SectionCoverage, chars: int = 300) -> PassageRef:
    return PassageRef(
        key=s.key,
        source=s.source,
        section=s.section,
        clause_id=s.clause_id,
        version=s.version,
        markets=s.markets,
        decision=s.decision,
        decision_source=s.decision_source,
        text=s.text[:chars],
    )


def _similar_pairs(vecs: np.ndarray, threshold: float, block: int = 1024) -> list[tuple[int, int, float]]:
    """All i<j with cosine >= threshold, in blocks so a large corpus never builds an n x n matrix."""
    pairs = []
    n = len(vecs)
    for start in range(0, n, block):
        sims = vecs[start : start + block] @ vecs.T
        rows, cols = np.nonzero(sims >= threshold)
        for r, c in zip(rows.tolist(), cols.tolist()):
            i = start + r
            if i < c:
                pairs.append((i, c, float(sims[r, c])))
    return pairs


def find_conflicts(
    sections: Sequence[SectionCoverage],
    vecs: np.ndarray,
    decision_threshold: float = DEFAULT_CONFLICT_SIMILARITY,
    overlap_threshold: float = DEFAULT_OVERLAP_SIMILARITY,
) -> list[Conflict]:
    """Pairs of in-force sections to reconcile (see the module docstring for the two kinds).

    Different decisions for disjoint markets are the normal way to write market rules, so a
    decision conflict needs a market both passages apply to.
    """
    out = []
    for i, j, sim in _similar_pairs(vecs, min(decision_threshold, overlap_threshold)):
        a, b = sections[i], sections[j]
        if a.source == b.source and (a.clause_id or a.section) == (b.clause_id or b.section):
            continue
        shared = shared_markets(a.markets, b.markets)
        if not shared:
            continue
        if sim >= decision_threshold and a.decision and b.decision and a.decision != b.decision:
            out.append(
                Conflict(
                    kind="different_decision",
                    similarity=round(sim, 3),
                    shared_markets=shared,
                    a=_ref(a),
                    b=_ref(b),
                    note=f"{a.decision} ({a.decision_source}) vs {b.decision} ({b.decision_source}) for {', '.join(shared)}",
                )
            )
        elif sim >= overlap_threshold and a.source != b.source:
            out.append(
                Conflict(
                    kind="market_overlap",
                    similarity=round(sim, 3),
                    shared_markets=shared,
                    a=_ref(a),
                    b=_ref(b),
                    note=f"near-duplicate guidance in two documents both applying to {', '.join(shared)}",
                )
            )
    kind_rank = {"different_decision": 0, "market_overlap": 1}
    return sorted(out, key=lambda c: (kind_rank[c.kind], -c.similarity, c.a.key, c.b.key))


class CachedEncoder:
    """Remember vectors by text: section texts rarely change, yet the report is rebuilt every
    time the log grows (the app recomputes it per new question), so only new texts are encoded."""

    def __init__(self, encode, max_items: int = 50_000):
        self._encode = encode
        self._cache: dict[str, np.ndarray] = {}
        self._max = max_items

    def __call__(self, texts: list[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            if len(self._cache) + len(missing) > self._max:
                self._cache.clear()
            for t, v in zip(missing, self._encode(missing)):
                self._cache[t] = v
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])


_encoders: dict[str, CachedEncoder] = {}


def cached_encoder(embedder) -> CachedEncoder:
    """One text->vector cache per embedding model per process."""
    key = getattr(embedder, "name", str(id(embedder)))
    if key not in _encoders:
        _encoders[key] = CachedEncoder(embedder.encode)
    return _encoders[key]


def section_embedding_text(s: SectionCoverage) -> str:
    """The heading names the subject; the text says what is decided about it."""
    head = s.section.split(" > ")[-1] if s.section else s.title
    return f"{head}\n{s.text}"


# --------------------------------------------------------------------------- report


def build_report(
    documents: Sequence[DocumentRecord],
    chunks: Sequence[Chunk],
    cases: Sequence = (),
    run_citation_lists: Sequence[list[dict]] | None = None,
    log_entries: Sequence = (),
    encode=None,
    as_of: date | None = None,
    store: str = "",
    golden_files: Sequence[str] = (),
    eval_run: str | None = None,
    gap_threshold: float = DEFAULT_GAP_SIMILARITY,
    conflict_threshold: float = DEFAULT_CONFLICT_SIMILARITY,
    overlap_threshold: float = DEFAULT_OVERLAP_SIMILARITY,
) -> CoverageReport:
    """Everything the coverage pages and `policydesk coverage` show, from data already loaded.

    `encode` (texts -> normalised rows) is needed for gaps and conflicts; without it those
    lists stay empty.
    """
    as_of = as_of or date.today()
    sections = sections_in_force(documents, chunks, as_of)
    unmatched = match_golden(sections, chunks, cases)
    if run_citation_lists:
        count_citations(sections, run_citation_lists, "eval_citations")
    count_citations(sections, (e.citations for e in log_entries), "log_citations")
    gaps: list[GapGroup] = []
    conflicts: list[Conflict] = []
    if encode is not None and sections:
        # Conflicts compare what the passages say (headings differ between documents that say
        # the same thing); gaps look for the subject a question belongs to, so headings help.
        conflicts = find_conflicts(sections, encode([s.text for s in sections]), conflict_threshold, overlap_threshold)
        if any(e.is_gap for e in log_entries):
            vecs = encode([section_embedding_text(s) for s in sections])
            gaps = find_gaps(log_entries, encode, sections, vecs, gap_threshold)
    covered = sum(1 for s in sections if s.covered)
    return CoverageReport(
        generated_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        store=store,
        as_of=as_of.isoformat(),
        golden_files=list(golden_files),
        golden_cases=len(cases),
        eval_run=eval_run,
        log_entries=len(log_entries),
        n_sections=len(sections),
        n_covered=covered,
        coverage_share=round(covered / len(sections), 4) if sections else None,
        sections=sections,
        uncovered=[
            UncoveredSection(source=s.source, section=s.section, clause_id=s.clause_id, text=s.text[:UNCOVERED_TEXT_CHARS])
            for s in sections
            if not s.covered
        ],
        gaps=gaps,
        conflicts=conflicts,
        unmatched_evidence=unmatched,
    )


def coverage_report(
    settings,
    golden: Sequence[str | Path] = (),
    runs_dir: str | Path | None = "runs",
    as_of: date | None = None,
    use_log: bool = True,
    **thresholds,
) -> CoverageReport:
    """Load the store, golden files, newest eval run and query log, then `build_report`."""
    from policydesk.core import querylog
    from policydesk.core.embedding import embedder_for
    from policydesk.core.store import load_catalog
    from policydesk.evals.golden import load_golden

    catalog = load_catalog(settings)
    cases: list = []
    for path in golden:
        cases.extend(load_golden(path))
    run = latest_run(Path(runs_dir)) if runs_dir else None
    entries = list(querylog.iter_log(settings)) if use_log else []
    embedder = embedder_for(settings)
    return build_report(
        list(catalog.documents.values()),
        list(catalog.chunks.values()),
        cases=cases,
        run_citation_lists=run_citations(run) if run else None,
        log_entries=entries,
        encode=cached_encoder(embedder),
        as_of=as_of,
        store=str(settings.store_dir),
        golden_files=[str(p) for p in golden],
        eval_run=str(run) if run else None,
        **thresholds,
    )


# --------------------------------------------------------------------------- heat map and export

HEATMAP_METRICS: dict[str, str] = {
    "golden_cases": "golden cases resting on the area's sections",
    "uncovered": "sections with no golden case",
    "coverage_share": "share of sections with a golden case",
    "eval_citations": "citations in the latest eval run",
    "log_citations": "citations in the query log",
    "sections": "sections in force",
}


class HeatMap(BaseModel):
    metric: str
    rows: list[str]  # policy areas
    cols: list[str]  # markets, "global" first
    values: list[list[float | None]]


def heatmap(report: CoverageReport, metric: str = "golden_cases") -> HeatMap:
    """Policy area x market: a section counts under each market it names, else under `global`."""
    if metric not in HEATMAP_METRICS:
        raise InputError(f"unknown heat-map metric {metric!r}; use one of {', '.join(HEATMAP_METRICS)}")
    cells: dict[tuple[str, str], list[SectionCoverage]] = defaultdict(list)
    for s in report.sections:
        for m in s.market_columns:
            cells[(s.area, m)].append(s)
    rows = sorted({r for r, _ in cells})
    cols = sorted({c for _, c in cells}, key=lambda c: (c != ALL_MARKETS, c))
    values: list[list[float | None]] = []
    for r in rows:
        line: list[float | None] = []
        for c in cols:
            ss = cells.get((r, c), [])
            if not ss:
                line.append(None)
            elif metric == "golden_cases":
                line.append(float(sum(s.golden_cases for s in ss)))
            elif metric == "uncovered":
                line.append(float(sum(1 for s in ss if not s.covered)))
            elif metric == "coverage_share":
                line.append(round(sum(1 for s in ss if s.covered) / len(ss), 3))
            elif metric == "sections":
                line.append(float(len(ss)))
            else:
                line.append(float(sum(getattr(s, metric) for s in ss)))
        values.append(line)
    return HeatMap(metric=metric, rows=rows, cols=cols, values=values)


SECTION_COLUMNS = ["source", "title", "policy_id", "version", "section", "clause_id", "page", "markets", "decision",
                   "decision_source", "golden_cases", "golden_ids", "eval_citations", "log_citations"]  # fmt: skip


def section_rows(report: CoverageReport) -> list[dict]:
    return [
        {
            **{k: getattr(s, k) for k in SECTION_COLUMNS if k not in ("markets", "golden_ids")},
            "markets": ",".join(s.markets),
            "golden_ids": ",".join(s.golden_ids),
        }
        for s in report.sections
    ]


def gap_rows(report: CoverageReport) -> list[dict]:
    return [
        {
            "representative": g.representative,
            "count": g.count,
            "escalated": g.escalated,
            "thumbs_down": g.thumbs_down,
            "markets": ",".join(g.markets),
            "nearest_section": g.nearest_section or "",
            "nearest_similarity": g.nearest_similarity,
            "last_ts": g.last_ts,
            "questions": " | ".join(g.questions),
        }
        for g in report.gaps
    ]


def conflict_rows(report: CoverageReport) -> list[dict]:
    rows = []
    for c in report.conflicts:
        row = {"kind": c.kind, "similarity": c.similarity, "shared_markets": ",".join(c.shared_markets), "note": c.note}
        for side, ref in (("a", c.a), ("b", c.b)):
            row.update(
                {
                    f"{side}_source": ref.source,
                    f"{side}_section": ref.section,
                    f"{side}_clause_id": ref.clause_id or "",
                    f"{side}_decision": ref.decision or "",
                    f"{side}_markets": ",".join(ref.markets),
                    f"{side}_text": ref.text,
                }
            )
        rows.append(row)
    return rows


def uncovered_rows(report: CoverageReport) -> list[dict]:
    return [u.model_dump() for u in report.uncovered]


TABLES = {"sections": section_rows, "uncovered": uncovered_rows, "gaps": gap_rows, "conflicts": conflict_rows}


def to_csv(rows: list[dict], out) -> None:
    if not rows:
        return
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def write_outputs(report: CoverageReport, out_dir: Path) -> list[Path]:
    """`--out DIR`: coverage.json plus one CSV per table (header-only when a table is empty)."""
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create --out directory {out_dir}: {exc.strerror}") from exc
    written = []
    path = out_dir / "coverage.json"
    path.write_text(json.dumps(report.to_json(), indent=2, ensure_ascii=False), encoding="utf-8")
    written.append(path)
    headers = {
        "sections": SECTION_COLUMNS,
        "uncovered": list(UncoveredSection.model_fields),
        "gaps": list(GapGroup.model_fields),
        "conflicts": ["kind", "similarity", "shared_markets", "note"],
    }
    for name, fn in TABLES.items():
        path = out_dir / f"{name}.csv"
        rows = fn(report)
        with open(path, "w", encoding="utf-8", newline="") as fh:
            if rows:
                to_csv(rows, fh)
            else:
                fh.write(",".join(headers[name]) + "\n")
        written.append(path)
    return written


def summary_counts(report: CoverageReport) -> dict[str, int | float | None]:
    return {
        "sections": report.n_sections,
        "covered": report.n_covered,
        "uncovered": len(report.uncovered),
        "coverage_share": report.coverage_share,
        "gaps": len(report.gaps),
        "gap_questions": sum(g.count for g in report.gaps),
        "conflicts": len(report.conflicts),
        "golden_cases": report.golden_cases,
        "unmatched_evidence": len(report.unmatched_evidence),
    }


def decision_counts(sections: Sequence[SectionCoverage]) -> Counter:
    return Counter(s.decision or "none" for s in sections)
