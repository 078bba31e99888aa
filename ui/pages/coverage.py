"""Policy writer: which sections are tested by golden cases, cited in evals, asked about in the log."""

import pandas as pd
import streamlit as st

from policydesk.evals import coverage as cov
from policydesk.ui import coverage_view as cv
from policydesk.ui import state

settings = state.settings()
st.title("Policy coverage")
state.require_store(settings)

golden = st.sidebar.multiselect("Golden sets", cv.golden_defaults(), default=cv.golden_defaults(), format_func=lambda p: p.name, key="cov_golden")
report = cv.report_or_stop(settings, golden, state.runs_dir())

counts = cov.summary_counts(report)
c = st.columns(5)
c[0].metric("Sections in force", counts["sections"])
c[1].metric("With a golden case", counts["covered"], help="Sections some golden case's expected evidence lies in.")
c[2].metric("Uncovered", counts["uncovered"])
c[3].metric("Gap groups", counts["gaps"])
c[4].metric("Conflicts", counts["conflicts"])
st.caption(
    f"as of {report.as_of} · {report.golden_cases} golden cases · latest eval run: {report.eval_run or 'none'} · "
    f"{report.log_entries} logged answers"
)

st.subheader("Policy area × market")
metric = st.selectbox("Show", list(cov.HEATMAP_METRICS), format_func=lambda m: cov.HEATMAP_METRICS[m], key="cov_metric")
chart = cv.heatmap_chart(report, metric)
if chart is not None:
    st.altair_chart(chart, width="stretch")
st.caption("A section counts under each market it names; sections for every market count under “global”.")

st.subheader("Sections")
rows = cov.section_rows(report)
st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
st.download_button("Download sections.csv", cv.csv_bytes(rows), "sections.csv", "text/csv", icon=":material/download:")

st.subheader(f"Uncovered sections ({len(report.uncovered)})")
unc = cov.uncovered_rows(report)
if unc:
    st.dataframe(pd.DataFrame(unc), hide_index=True, width="stretch")
    st.download_button("Download uncovered.csv", cv.csv_bytes(unc), "uncovered.csv", "text/csv", icon=":material/download:")
if report.unmatched_evidence:
    with st.expander(f"{len(report.unmatched_evidence)} golden evidence items match no section in force"):
        st.caption("They rest on a superseded version, a removed file or a quote that was edited since.")
        st.dataframe(pd.DataFrame(report.unmatched_evidence), hide_index=True, width="stretch")
