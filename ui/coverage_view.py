"""Coverage report for the policy-writer pages: computed once per change of its inputs.

The report embeds every section and every gap question, which takes a few seconds on a
large store, so it is cached on a fingerprint of what it reads: the catalog generation, the
query log's row counts, the golden files' mtimes and the newest eval run.
"""

from __future__ import annotations

import io
from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st

from policydesk.core import querylog
from policydesk.core.store import catalog_store
from policydesk.evals import coverage as cov
from policydesk.evals.coverage import CoverageReport

PACKAGED_GOLDEN = Path(cov.__file__).parent / "golden"


def report_or_stop(settings, golden: list[Path], runs_dir) -> CoverageReport:
    """The coverage report for a writer page, or the reason on the page and a stop."""
    from policydesk.core.errors import PolicydeskError

    try:
        return load_report(settings, golden, runs_dir)
    except PolicydeskError as exc:
        st.error(str(exc))
        st.stop()


def golden_defaults() -> list[Path]:
    return sorted(PACKAGED_GOLDEN.glob("*.jsonl")) if PACKAGED_GOLDEN.is_dir() else []


def _fingerprint(settings, golden: tuple[str, ...], runs_dir: str) -> tuple:
    run = cov.latest_run(Path(runs_dir))
    mt = lambda p: Path(p).stat().st_mtime if Path(p).exists() else None  # noqa: E731
    return (
        catalog_store(settings).current_generation(),
        tuple(querylog.count_rows(settings).values()),
        tuple((g, mt(g)) for g in golden),
        str(run) if run else None,
        mt(run / "results.jsonl") if run else None,
    )


@st.cache_data(show_spinner="Computing coverage…", max_entries=8)
def _report(store: str, golden: tuple[str, ...], runs_dir: str, _fp: tuple, fp_key: str) -> CoverageReport:
    from policydesk.core.settings import Settings

    return cov.coverage_report(Settings(store=store), golden=list(golden), runs_dir=runs_dir)


def load_report(settings, golden: list[Path], runs_dir: Path) -> CoverageReport:
    g = tuple(str(p) for p in golden)
    fp = _fingerprint(settings, g, str(runs_dir))
    return _report(str(settings.store_dir), g, str(runs_dir), fp, repr(fp))


def csv_bytes(rows: list[dict]) -> bytes:
    buf = io.StringIO()
    cov.to_csv(rows, buf)
    return buf.getvalue().encode("utf-8")


def heatmap_chart(report: CoverageReport, metric: str) -> alt.Chart | None:
    hm = cov.heatmap(report, metric)
    rows = [
        {"policy area": r, "market": c, "value": v}
        for r, line in zip(hm.rows, hm.values)
        for c, v in zip(hm.cols, line)
        if v is not None
    ]
    if not rows:
        return None
    df = pd.DataFrame(rows)
    base = alt.Chart(df).encode(
        x=alt.X("market:N", sort=hm.cols, axis=alt.Axis(orient="top", labelAngle=0)),
        y=alt.Y("policy area:N", sort=hm.rows),
    )
    scheme = "orangered" if metric == "uncovered" else "blues"
    rect = base.mark_rect().encode(
        color=alt.Color("value:Q", scale=alt.Scale(scheme=scheme), title=metric),
        tooltip=["policy area", "market", alt.Tooltip("value:Q", title=cov.HEATMAP_METRICS[metric])],
    )
    text = base.mark_text(fontSize=11).encode(text=alt.Text("value:Q", format=".2~f"))
    return (rect + text).properties(height=max(160, 28 * len(hm.rows)))
