"""`policydesk bench annotate`: how well the offline annotator reads policy prose.

Two measurements, both against rules written by people:
1. the sample corpus's Markdown policies with their clause markers stripped: each stripped
   marker is one rule (decision + markets); the annotator's reading of that section is its
   first normative unit (the clause's lead sentence). Markers carry no conditions, so there
   is no condition score here.
2. prose documents with hand-written truth files (benchmarks/annotate/manifest.yaml): each
   truth rule is matched to at most one proposed rule by quote overlap; an unmatched truth
   rule counts as wrong. Markets are scored as labels (+GB in markets, -GB in
   except_markets) and conditions by kind (`other:*` counts as `other`), micro-averaged.

Decision accuracy is correct decisions / truth rules. The truth files were written before
the annotator was tuned; improving the score means improving general wording rules.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import yaml
from pydantic import BaseModel

from policydesk.core.sidecar import read_sidecar
from policydesk.core.textfold import fold
from policydesk.core.types import Rule
from policydesk.ingest.loaders import load_document
from policydesk.rules.annotate import annotate_document, read_section
from policydesk.core.conditions import condition_kind
from policydesk.core.markets import collapse_regions, to_codes

REPO = Path(__file__).resolve().parents[1]
MARKER = re.compile(r"\s*\{#[^}]*\}\s*$")


class Score(BaseModel):
    rules: int = 0
    proposed: int = 0
    matched: int = 0
    decisions_correct: int = 0
    decision_accuracy: float = 0.0
    market_precision: float = 0.0
    market_recall: float = 0.0
    market_f1: float = 0.0
    condition_precision: float | None = None
    condition_recall: float | None = None
    condition_f1: float | None = None


class Miss(BaseModel):
    document: str
    truth_id: str
    quote: str
    expected: str
    got: str | None


class DocScore(BaseModel):
    document: str
    score: Score


class BenchReport(BaseModel):
    markdown: Score
    markdown_documents: list[DocScore]
    prose: Score
    prose_documents: list[DocScore]
    misses: list[Miss] = []


class _Counts:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, truth: set[str], pred: set[str]) -> None:
        self.tp += len(truth & pred)
        self.fp += len(pred - truth)
        self.fn += len(truth - pred)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return round(p, 3), round(r, 3), round(f, 3)


def _expand(codes: list[str]) -> list[str]:
    out: list[str] = []
    for c in codes:
        out.extend(to_codes(c) if c.upper() in ("EU", "EEA") else [c.upper()])
    return collapse_regions(out)


def market_labels(rule: Rule | None) -> set[str]:
    if rule is None:
        return set()
    return {f"+{m}" for m in _expand(rule.markets)} | {f"-{m}" for m in _expand(rule.except_markets)}


def condition_labels(rule: Rule | None) -> set[str]:
    return {condition_kind(c) for c in rule.conditions} if rule else set()


def _finish(score: Score, markets: _Counts, conditions: _Counts | None) -> Score:
    score.decision_accuracy = round(score.decisions_correct / score.rules, 3) if score.rules else 0.0
    score.market_precision, score.market_recall, score.market_f1 = markets.prf()
    if conditions is not None:
        score.condition_precision, score.condition_recall, score.condition_f1 = conditions.prf()
    return score


# --------------------------------------------------------------------------- markdown markers


def strip_markers(text: str) -> str:
    return "\n".join(MARKER.sub("", line) if line.lstrip().startswith("#") else line for line in text.split("\n"))


def bench_markdown(files: list[Path], misses: list[Miss]) -> tuple[Score, list[DocScore]]:
    total, tm = Score(), _Counts()
    per_doc = []
    with tempfile.TemporaryDirectory() as tmp:
        for f in files:
            marked = load_document(f, f.parent)
            truth = [s for s in marked.sections if s.clause_id and s.decision]
            if not truth:
                continue
            stripped_path = Path(tmp) / f.name
            stripped_path.write_text(strip_markers(f.read_text(encoding="utf-8")), encoding="utf-8")
            plain = load_document(stripped_path, Path(tmp))
            assert not any(s.clause_id for s in plain.sections)
            by_heading = {tuple(s.heading_path): s for s in plain.sections}
            score, dm = Score(), _Counts()
            for t in truth:
                section = by_heading.get(tuple(t.heading_path))
                readings = read_section(section) if section else []
                lead = readings[0] if readings else None
                pred = Rule(id="p", quote=lead.quote, decision=lead.decision, markets=lead.markets, except_markets=lead.except_markets) if lead else None  # type: ignore[arg-type]
                gold = Rule(id=t.clause_id or "", quote=t.text[:80], decision=t.decision, markets=t.markets)  # type: ignore[arg-type]
                for s in (score, total):
                    s.rules += 1
                    s.proposed += len(readings)
                    s.matched += 1 if lead else 0
                    s.decisions_correct += 1 if pred and pred.decision == gold.decision else 0
                # The clause's markets against the lead's own scope (except_markets are not declared by markers).
                gm, pm = {f"+{m}" for m in _expand(gold.markets)}, {f"+{m}" for m in _expand(pred.markets)} if pred else set()
                dm.add(gm, pm)
                tm.add(gm, pm)
                if not pred or pred.decision != gold.decision or gm != pm:
                    misses.append(Miss(document=f.name, truth_id=gold.id, quote=lead.quote if lead else t.text[:120],
                                       expected=f"{gold.decision} {sorted(gm)}", got=f"{pred.decision} {sorted(pm)}" if pred else None))
            per_doc.append(DocScore(document=f.name, score=_finish(score, dm, None)))
    return _finish(total, tm, None), per_doc


# --------------------------------------------------------------------------- prose with truth


def _overlap(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    if a in b or b in a:
        return 1.0
    ta, tb = set(re.findall(r"\w+", a)), set(re.findall(r"\w+", b))
    return len(ta & tb) / max(1, min(len(ta), len(tb)))


def match_rules(truth: list[Rule], proposed: list[Rule]) -> dict[int, int]:
    """truth index -> proposed index, one-to-one, best quote overlap then same decision."""
    pairs = []
    for i, t in enumerate(truth):
        ft = fold(t.quote)
        for j, p in enumerate(proposed):
            ov = _overlap(ft, fold(p.quote))
            if ov >= 0.6:
                same = 1 if p.decision == t.decision else 0
                mk = len(market_labels(t) & market_labels(p))
                pairs.append((ov, same, mk, -abs(len(ft) - len(fold(p.quote))), i, j))
    pairs.sort(reverse=True)
    out: dict[int, int] = {}
    used: set[int] = set()
    for *_, i, j in pairs:
        if i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out


def bench_prose(manifest: Path, misses: list[Miss]) -> tuple[Score, list[DocScore]]:
    entries = yaml.safe_load(manifest.read_text(encoding="utf-8"))["documents"]
    total, tm, tc = Score(), _Counts(), _Counts()
    per_doc = []
    for entry in entries:
        doc_path = REPO / entry["document"]
        truth = read_sidecar(manifest.parent / entry["truth"]).rules
        doc = load_document(doc_path, doc_path.parent)
        proposed = [a.rule for a in annotate_document(doc).rules if a.origin == "proposed"]
        matched = match_rules(truth, proposed)
        score, dm, dc = Score(), _Counts(), _Counts()
        for s in (score, total):
            s.rules += len(truth)
            s.proposed += len(proposed)
            s.matched += len(matched)
        for i, t in enumerate(truth):
            p = proposed[matched[i]] if i in matched else None
            ok = p is not None and p.decision == t.decision
            for s in (score, total):
                s.decisions_correct += 1 if ok else 0
            for c in (dm, tm):
                c.add(market_labels(t), market_labels(p))
            for c in (dc, tc):
                c.add(condition_labels(t), condition_labels(p))
            if not ok or market_labels(t) != market_labels(p) or condition_labels(t) != condition_labels(p):
                got = f"{p.decision} {sorted(market_labels(p))} {sorted(condition_labels(p))}" if p else None
                misses.append(Miss(document=entry["document"], truth_id=t.id, quote=t.quote[:120],
                                   expected=f"{t.decision} {sorted(market_labels(t))} {sorted(condition_labels(t))}", got=got))
        used = set(matched.values())
        for j, p in enumerate(proposed):
            if j not in used:  # a reading with no truth rule: its labels are false positives
                for c in (dm, tm):
                    c.add(set(), market_labels(p))
                for c in (dc, tc):
                    c.add(set(), condition_labels(p))
        per_doc.append(DocScore(document=entry["document"], score=_finish(score, dm, dc)))
    return _finish(total, tm, tc), per_doc


def run_bench(corpus: Path | None = None, manifest: Path | None = None) -> BenchReport:
    corpus = corpus or REPO / "corpus"
    manifest = manifest or REPO / "benchmarks" / "annotate" / "manifest.yaml"
    misses: list[Miss] = []
    md_files = sorted(f for f in corpus.glob("*.md") if "{#" in f.read_text(encoding="utf-8"))
    md, md_docs = bench_markdown(md_files, misses)
    prose, prose_docs = bench_prose(manifest, misses)
    return BenchReport(markdown=md, markdown_documents=md_docs, prose=prose, prose_documents=prose_docs, misses=misses)


__all__ = ["BenchReport", "Score", "match_rules", "run_bench", "strip_markers"]
