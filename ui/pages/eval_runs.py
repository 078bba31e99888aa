"""QA lead: past eval runs; open one to see metrics, confusion, tags, root causes, failing cases."""

import pandas as pd
import streamlit as st

from policydesk.core.errors import PolicydeskError
from policydesk.ui import evalview, render, state

runs_dir = state.runs_dir()
st.title("Eval runs")
runs = evalview.list_runs(runs_dir, state.settings())
if not runs:
    st.info(f"No eval runs under {runs_dir}/ yet. Start one on the Run an eval page or with `policydesk eval`.")
    st.stop()

st.dataframe(pd.DataFrame([r.row() for r in runs]), hide_index=True, width="stretch")
names = [r.name for r in runs]
paths = {r.name: r.path for r in runs}
wanted = st.session_state.get("open_run")
name = st.selectbox("Open run", names, index=names.index(wanted) if wanted in names else 0, key="runs_open")
try:
    run = evalview.load_run(paths[name])
except PolicydeskError as exc:
    st.error(str(exc))
    st.stop()

st.header(f"Run {name}")
st.caption(f"golden {run.metrics.get('golden_path', '')} · backend {run.metrics.get('backend', '')}")
cols = st.columns(len(evalview.HEADLINE))
for col, (metric, value) in zip(cols, run.headline()):
    col.metric(metric, "n/a" if value is None else (f"{value:.0f}" if metric.endswith("_ms") else f"{value:.3f}"))

left, right = st.columns(2)
with left:
    st.subheader("Decision confusion matrix")
    labels, matrix = run.confusion_rows()
    if labels:
        df = pd.DataFrame(matrix, index=[f"expected {x}" for x in labels], columns=[f"got {x}" for x in labels])
        st.dataframe(df, width="stretch")
with right:
    st.subheader("Root causes")
    rc = run.root_cause_rows()
    if rc:
        st.bar_chart(pd.DataFrame(rc).set_index("root_cause"), horizontal=True)
    else:
        st.caption("No misses.")

st.subheader("Routing: risk and coverage")
at = run.metrics.get("auto_threshold")
st.caption(
    (f"At the store's threshold {at:g}: " if at is not None else "At the store's threshold: ")
    + f"auto precision {evalview.fmt(run.metrics.get('auto_precision'))}, auto coverage {evalview.fmt(run.metrics.get('auto_coverage'))}. "
    "Per threshold: the share of answers routed auto and how often their verdict is right."
)
rows = run.risk_coverage_rows()
if rows:
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
else:
    st.caption("No answer in this run may be routed auto.")
deciders = run.decider_rows()
if deciders:
    with st.expander("Precision by what decided"):
        st.caption("A group with high mean confidence and low precision is what keeps auto routing from its target.")
        st.dataframe(pd.DataFrame(deciders), hide_index=True, width="stretch")

st.subheader("Per tag")
tag_metric = st.selectbox("Metric", ["decision_accuracy", "evidence_recall_at_5", "citation_recall", "unsafe_approve_rate"], key="runs_tag_metric")
tags = run.tag_rows(tag_metric)
if tags:
    st.bar_chart(pd.DataFrame(tags).set_index("tag")[[tag_metric]], horizontal=True)

with st.expander("All metrics"):
    st.dataframe(pd.DataFrame(run.metric_rows()), hide_index=True, width="stretch")

st.subheader(f"Failing cases ({len(run.failing)})")
for r in run.failing:
    actual = r.answer.verdict if r.answer else "error"
    with st.expander(f"{r.id} · expected {r.case.expected_decision}, got {actual} · {', '.join(r.root_causes) or r.error}"):
        st.markdown(f"**Question** {render.md_escape(r.case.question)}")
        if r.case.filters.model_dump(exclude_none=True):
            st.caption(f"filters {r.case.filters.model_dump(mode='json', exclude_none=True)}")
        if r.error:
            st.error(r.error)
        for h in r.scores.evidence:
            where = f"rank {h.rank}" if h.rank else "not retrieved"
            st.markdown(f"- expected `{h.source}`: “{render.md_escape(h.quote)}” — {where}{', cited' if h.cited else ''}")
        if r.answer:
            render.answer_block(r.answer)
            render.citations(r.answer, key=f"{name}-{r.id}")
        st.markdown("**Retrieved passages**")
        for p in r.retrieved[:5]:
            st.markdown(f"{p.rank}. `{p.source}` {render.md_escape(p.clause_id or p.section)} — score {p.score:.3f}")
            st.caption(render.md_escape(p.text[:400]))

report = paths[name] / "report.html"
if report.exists():
    st.download_button("Download report.html", report.read_bytes(), file_name=f"{name}-report.html", mime="text/html")
