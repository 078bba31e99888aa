"""Write a run to disk: metrics.json, results.jsonl, report.md and a self-contained report.html.

The HTML has no external references (figures are base64 PNGs, CSS inline) so it can be
attached to a ticket or a CI artefact and opened anywhere. Every bit of case or corpus text
is escaped: golden questions and policy passages are data, never markup.
"""

from __future__ import annotations

import base64
import html
import json
from pathlib import Path

from policydesk.evals.compare import Comparison
from policydesk.evals.metrics import DECISIONS, METRIC_DOCS, METRIC_NAMES
from policydesk.evals.run import EvalResult, EvalRun

HEADLINE = (
    "n_cases",
    "decision_accuracy",
    "cohen_kappa",
    "unsafe_approve_rate",
    "evidence_recall_at_5",
    "evidence_mrr",
    "citation_recall",
    "citation_precision",
    "escalation_precision",
    "escalation_recall",
    "auto_precision",
    "auto_coverage",
    "confidence_auc",
    "quote_fidelity",
    "answer_similarity",
    "latency_p50_ms",
    "latency_p95_ms",
)
GROUP_COLUMNS = ("n_cases", "decision_accuracy", "evidence_recall_at_5", "citation_recall", "unsafe_approve_rate")
PASSAGES_SHOWN = 5
MD_PASSAGE_CHARS = 400


def _rate(meta) -> str:
    return f" ({meta.cases_per_s:.1f} cases/s)" if getattr(meta, "cases_per_s", None) else ""


def fmt(value, name: str = "") -> str:
    if value is None:
        return "n/a"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if name.endswith("_ms"):
        return f"{value:.1f}"
    return f"{value:.3f}"


def fmt_delta(value: float | None, name: str = "") -> str:
    if value is None:
        return "n/a"
    return f"{value:+.1f}" if name.endswith("_ms") else f"{value:+.3f}"


def write_run(run: EvalRun, out_dir: str | Path, comparison: Comparison | None = None) -> list[Path]:
    """Write the four report files (plus comparison.json with a baseline) and return their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    metrics = run.metrics_json()
    if comparison is not None:
        metrics["baseline"] = {"dir": comparison.baseline_dir, "fixed": comparison.fixed, "broken": comparison.broken}
    p = out / "metrics.json"
    p.write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    paths.append(p)
    p = out / "results.jsonl"
    with open(p, "w", encoding="utf-8") as fh:
        for r in run.results:
            fh.write(r.model_dump_json() + "\n")
    paths.append(p)
    if comparison is not None:
        p = out / "comparison.json"
        p.write_text(comparison.model_dump_json(indent=2) + "\n", encoding="utf-8")
        paths.append(p)
    p = out / "report.md"
    p.write_text(render_markdown(run, comparison), encoding="utf-8")
    paths.append(p)
    p = out / "report.html"
    p.write_text(render_html(run, comparison), encoding="utf-8")
    paths.append(p)
    return paths


# --------------------------------------------------------------------------- markdown


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _md_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


RISK_COVERAGE_HEADER = ["threshold", "auto answers", "auto coverage", "auto precision"]


def risk_coverage_rows(run: EvalRun) -> list[list[str]]:
    """The risk-coverage table as text cells, the store's threshold marked."""
    at = run.meta.auto_threshold
    return [
        [
            f"{row.threshold:g}" + (" (store)" if at is not None and abs(row.threshold - at) < 1e-9 else ""),
            str(row.n_auto),
            fmt(row.auto_coverage),
            fmt(row.auto_precision),
        ]
        for row in run.risk_coverage
    ]


DECIDER_HEADER = ["verdict", "source", "decided", "answers", "mean confidence", "precision"]
DECIDER_INTRO = (
    "Answers grouped by what decided them. Confidence should be high where precision is high: a group with "
    "a high mean confidence and a low precision is what keeps the auto route from reaching its target."
)


def decider_rows(run: EvalRun) -> list[list[str]]:
    return [
        [r.verdict, r.verdict_source, r.decided, str(r.n), fmt(r.mean_confidence), fmt(r.precision)]
        for r in run.by_decider
    ]


def risk_coverage_intro(run: EvalRun) -> str:
    m, at = run.metrics, run.meta.auto_threshold
    where = f"the store's threshold {at:g}" if at is not None else "the store's threshold"
    return (
        f"At {where}: auto precision {fmt(m.get('auto_precision'))}, auto coverage {fmt(m.get('auto_coverage'))}; "
        f"confidence AUC {fmt(m.get('confidence_auc'))} (0.5: confidence does not tell right from wrong). "
        "Per threshold below: the share of answers routed auto (confidence at or above it; escalations and inferred "
        "approvals never are) and how often their verdict is right. `policydesk eval GOLDEN --calibrate` stores the "
        "lowest threshold that reaches the target precision."
    )


def _expected_vs_actual(r: EvalResult) -> str:
    actual = r.scores.actual_decision
    return f"expected **{r.scores.expected_decision}**, got **{actual}**"


def render_markdown(run: EvalRun, comparison: Comparison | None = None) -> str:
    m, meta = run.metrics, run.meta
    parts = [
        "# policydesk eval report",
        "",
        f"Golden set `{meta.golden_path}` (sha256 `{meta.golden_sha256[:12]}`), {m['n_cases']} cases; "
        f"back end `{meta.backend}`{f' model `{meta.model}`' if meta.model else ''}; store `{meta.store}`; "
        f"started {meta.started_at}, {meta.seconds:.1f} s{_rate(meta)}. Failing cases: {len(run.failing)}; errors: {meta.n_errors}; "
        f"answered offline because the model was unavailable: {meta.n_fallback}.",
        "",
        "## Headline metrics",
        "",
        _md_table(["metric", "value", "definition"], [[n, fmt(m.get(n), n), METRIC_DOCS[n]] for n in HEADLINE]),
        "",
        "### Per decision",
        "",
        _md_table(
            ["decision", "precision", "recall"],
            [[d, fmt(m.get(f"precision_{d}")), fmt(m.get(f"recall_{d}"))] for d in DECISIONS],
        ),
        "",
        "## Decision confusion matrix (rows expected, columns actual)",
        "",
        _md_table(
            ["expected \\ actual", *run.confusion["labels"]],
            [[lab, *map(str, row)] for lab, row in zip(run.confusion["labels"], run.confusion["matrix"])],
        ),
        "",
        "## Root causes (cases carrying each label)",
        "",
        _md_table(["label", "cases"], [[k, str(v)] for k, v in run.root_causes.items()]),
        "",
        "## Risk-coverage (routing)",
        "",
        risk_coverage_intro(run),
        "",
        _md_table(RISK_COVERAGE_HEADER, risk_coverage_rows(run)) if run.risk_coverage else "No answer may be routed auto.",
        "",
        "### Precision by what decided",
        "",
        DECIDER_INTRO,
        "",
        _md_table(DECIDER_HEADER, decider_rows(run)),
        "",
    ]
    if comparison is not None:
        parts += [render_comparison_md(comparison), ""]
    for title, groups in (("Per tag", run.per_tag), ("Per source", run.per_source)):
        parts += [
            f"## {title}",
            "",
            _md_table(["group", *GROUP_COLUMNS], [[g, *(fmt(v.get(c), c) for c in GROUP_COLUMNS)] for g, v in groups.items()]),
            "",
        ]
    parts += ["## Failing cases", ""]
    if not run.failing:
        parts.append("None.")
    for r in run.failing:
        parts += _md_case(r)
    return "\n".join(parts).rstrip() + "\n"


def render_comparison_md(c: Comparison) -> str:
    lines = [f"## Comparison with baseline `{c.baseline_dir}`", ""]
    if c.golden_changed:
        lines += ["**The golden file changed since the baseline; deltas compare different case sets.**", ""]
    lines.append(
        _md_table(
            ["metric", "baseline", "now", "delta", ""],
            [
                [d.name, fmt(d.before, d.name), fmt(d.after, d.name), fmt_delta(d.delta, d.name),
                 {True: "better", False: "worse", None: ""}[d.better]]
                for d in c.deltas
            ],
        )
    )
    lines += [
        "",
        f"Fixed ({len(c.fixed)}): {', '.join(c.fixed) or 'none'}",
        "",
        f"Broken ({len(c.broken)}): {', '.join(c.broken) or 'none'}",
    ]
    if c.added or c.removed:
        lines += ["", f"New cases: {', '.join(c.added) or 'none'}; removed cases: {', '.join(c.removed) or 'none'}"]
    return "\n".join(lines)


def _evidence_line(h) -> str:
    where = "not in corpus" if h.in_corpus is False else (f"rank {h.rank}" if h.rank else "not retrieved")
    return f"`{h.source}`: \"{h.quote}\" ({where}{', cited' if h.cited else ', not cited'})"


def _md_case(r: EvalResult) -> list[str]:
    c = r.case
    filt = c.filters.model_dump(mode="json", exclude_none=True)
    out = [
        f"### {c.id}: {', '.join(r.root_causes) or 'error'}",
        "",
        f"**Question:** {c.question}",
        "",
        f"Filters: `{json.dumps(filt)}`; tags: {', '.join(c.tags) or 'none'}; {_expected_vs_actual(r)}.",
        "",
    ]
    if r.error:
        out += [f"**Error:** {r.error}", ""]
    if c.expected_evidence:
        out += ["Expected evidence:", ""] + [f"- {_evidence_line(h)}" for h in r.scores.evidence] + [""]
    if c.reference_answer:
        out += [f"Reference answer: {c.reference_answer}", ""]
    if r.answer is not None:
        out += [f"Answer: {r.answer.answer}", "", f"Route: {r.answer.route} (confidence {r.answer.confidence:.2f})", ""]
        if r.answer.trace is not None and r.answer.trace.reason:
            out += [f"Why: {r.answer.trace.reason}", ""]
        for cit in r.answer.citations:
            out.append(f"- [{cit.n}] `{cit.source}` {cit.section}: \"{cit.quote}\"")
        out.append("")
    out += ["Passages (top 5 of the candidates):", ""]
    for p in r.retrieved[:PASSAGES_SHOWN]:
        text = p.text if len(p.text) <= MD_PASSAGE_CHARS else p.text[:MD_PASSAGE_CHARS] + " ..."
        out.append(f"{p.rank}. `{p.source}` {p.section}: {' '.join(text.split())}")
    out.append("")
    return out


# --------------------------------------------------------------------------- html

CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:70rem;color:#222;padding:0 1rem}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums}.better{color:#1a7f37}.worse{color:#c62828}
.case{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}.label{background:#fdecea;color:#8a1c1c;
border-radius:4px;padding:0 .4rem;margin-right:.3rem;font-size:.85em}blockquote{margin:.3rem 0;padding:.3rem .7rem;
border-left:3px solid #bbb;background:#fafafa;white-space:pre-wrap}img{max-width:100%}.muted{color:#666}
"""


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _img(png: bytes, alt: str) -> str:
    return f'<img alt="{_e(alt)}" src="data:image/png;base64,{base64.b64encode(png).decode()}">'


def _html_table(header: list[str], rows: list[list[str]], raw: bool = False) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(c if raw else f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def render_html(run: EvalRun, comparison: Comparison | None = None) -> str:
    from policydesk.evals.plots import confusion_png, per_tag_png, root_causes_png

    m, meta = run.metrics, run.meta
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'><title>policydesk eval report</title>",
        f"<style>{CSS}</style></head><body>",
        "<h1>policydesk eval report</h1>",
        f"<p class='muted'>Golden set <code>{_e(meta.golden_path)}</code> (sha256 <code>{_e(meta.golden_sha256[:12])}</code>), "
        f"{m['n_cases']} cases; back end <code>{_e(meta.backend)}</code>"
        f"{f' model <code>{_e(meta.model)}</code>' if meta.model else ''}; store <code>{_e(meta.store)}</code>; "
        f"started {_e(meta.started_at)}, {meta.seconds:.1f} s{_e(_rate(meta))}. Failing cases: {len(run.failing)}; errors: {meta.n_errors}; "
        f"answered offline because the model was unavailable: {meta.n_fallback}.</p>",
        "<h2>Headline metrics</h2>",
        _html_table(
            ["metric", "value", "definition"],
            [[f"<td>{_e(n)}</td>", f"<td class='num'>{_e(fmt(m.get(n), n))}</td>", f"<td>{_e(METRIC_DOCS[n])}</td>"] for n in HEADLINE],
            raw=True,
        ),
        "<h3>Per decision</h3>",
        _html_table(["decision", "precision", "recall"], [[d, fmt(m.get(f"precision_{d}")), fmt(m.get(f"recall_{d}"))] for d in DECISIONS]),
        "<h2>Decision confusion matrix</h2>",
        _img(confusion_png(run.confusion["labels"], run.confusion["matrix"]), "decision confusion matrix"),
        "<h2>Root causes</h2>",
        _img(root_causes_png(run.root_causes), "root-cause counts"),
        "<h2>Risk-coverage (routing)</h2>",
        f"<p>{_e(risk_coverage_intro(run))}</p>",
        _html_table(RISK_COVERAGE_HEADER, risk_coverage_rows(run)) if run.risk_coverage else "<p>No answer may be routed auto.</p>",
        "<h3>Precision by what decided</h3>",
        f"<p>{_e(DECIDER_INTRO)}</p>",
        _html_table(DECIDER_HEADER, decider_rows(run)),
    ]
    if comparison is not None:
        parts.append(render_comparison_html(comparison))
    if run.per_tag:
        parts += ["<h2>Per tag</h2>", _img(per_tag_png(run.per_tag), "per-tag metrics")]
        parts.append(_group_table(run.per_tag))
    parts += ["<h2>Per source</h2>", _group_table(run.per_source)]
    parts.append(f"<h2>Failing cases ({len(run.failing)})</h2>")
    if not run.failing:
        parts.append("<p>None.</p>")
    parts += [_html_case(r) for r in run.failing]
    parts.append("</body></html>")
    return "\n".join(parts)


def _group_table(groups: dict[str, dict]) -> str:
    return _html_table(["group", *GROUP_COLUMNS], [[g, *(fmt(v.get(c), c) for c in GROUP_COLUMNS)] for g, v in groups.items()])


def render_comparison_html(c: Comparison) -> str:
    rows = []
    for d in c.deltas:
        cls = {True: "better", False: "worse", None: ""}[d.better]
        rows.append(
            [f"<td>{_e(d.name)}</td>", f"<td class='num'>{_e(fmt(d.before, d.name))}</td>",
             f"<td class='num'>{_e(fmt(d.after, d.name))}</td>",
             f"<td class='num {cls}'>{_e(fmt_delta(d.delta, d.name))}</td>"]
        )
    warn = "<p><b>The golden file changed since the baseline; deltas compare different case sets.</b></p>" if c.golden_changed else ""
    return (
        f"<h2>Comparison with baseline <code>{_e(c.baseline_dir)}</code></h2>{warn}"
        + _html_table(["metric", "baseline", "now", "delta"], rows, raw=True)
        + f"<p>Fixed ({len(c.fixed)}): {_e(', '.join(c.fixed) or 'none')}</p>"
        + f"<p>Broken ({len(c.broken)}): {_e(', '.join(c.broken) or 'none')}</p>"
        + (f"<p>New cases: {_e(', '.join(c.added) or 'none')}; removed: {_e(', '.join(c.removed) or 'none')}</p>" if c.added or c.removed else "")
    )


def _html_case(r: EvalResult) -> str:
    c = r.case
    filt = json.dumps(c.filters.model_dump(mode="json", exclude_none=True))
    labels = "".join(f"<span class='label'>{_e(x)}</span>" for x in (r.root_causes or ["error"]))
    out = [
        f"<div class='case' id='case-{_e(c.id)}'><h3>{_e(c.id)} {labels}</h3>",
        f"<p><b>Question:</b> {_e(c.question)}</p>",
        f"<p>Filters <code>{_e(filt)}</code>; tags {_e(', '.join(c.tags) or 'none')}; expected <b>{_e(r.scores.expected_decision)}</b>, "
        f"got <b>{_e(r.scores.actual_decision)}</b>.</p>",
    ]
    if r.error:
        out.append(f"<p><b>Error:</b> {_e(r.error)}</p>")
    if r.scores.evidence:
        out.append("<p>Expected evidence:</p><ul>" + "".join(f"<li>{_e(_evidence_line(h))}</li>" for h in r.scores.evidence) + "</ul>")
    if c.reference_answer:
        out.append(f"<p><b>Reference answer:</b> {_e(c.reference_answer)}</p>")
    if r.answer is not None:
        out.append(f"<p><b>Answer:</b> {_e(r.answer.answer)}</p>")
        out.append(f"<p>Route <b>{_e(r.answer.route)}</b> (confidence {r.answer.confidence:.2f})</p>")
        if r.answer.trace is not None and r.answer.trace.reason:
            out.append(f"<p><b>Why:</b> {_e(r.answer.trace.reason)}</p>")
        if r.answer.citations:
            out.append(
                "<ol class='cites'>"
                + "".join(f"<li value='{cit.n}'><code>{_e(cit.source)}</code> {_e(cit.section)}: &ldquo;{_e(cit.quote)}&rdquo;</li>" for cit in r.answer.citations)
                + "</ol>"
            )
    out.append("<details><summary>Passages (top 5 of the candidates)</summary>")
    for p in r.retrieved[:PASSAGES_SHOWN]:
        out.append(f"<p>{p.rank}. <code>{_e(p.source)}</code> {_e(p.section)}</p><blockquote>{_e(p.text)}</blockquote>")
    out.append("</details></div>")
    return "\n".join(out)


__all__ = ["METRIC_NAMES", "render_html", "render_markdown", "write_run"]
