"""Policy writer: what moderators ask that the policies do not answer (escalations, thumbs-down)."""

import pandas as pd
import streamlit as st

from policydesk.evals import coverage as cov
from policydesk.ui import coverage_view as cv
from policydesk.ui import render, state

settings = state.settings()
st.title("Gaps")
st.caption("Questions from the query log that ended in escalate or got a thumbs-down, grouped by similarity.")
state.require_store(settings)
report = cv.report_or_stop(settings, cv.golden_defaults(), state.runs_dir())

if not report.gaps:
    st.info("No gaps: no logged answer escalated or got a thumbs-down.")
    st.stop()
rows = cov.gap_rows(report)
st.dataframe(pd.DataFrame(rows).drop(columns=["questions"]), hide_index=True, width="stretch")
st.download_button("Download gaps.csv", cv.csv_bytes(rows), "gaps.csv", "text/csv", icon=":material/download:")
for g in report.gaps:
    with st.expander(f"{g.count} × {g.representative}"):
        st.caption(
            f"{g.escalated} escalated · {g.thumbs_down} thumbs-down · markets {', '.join(g.markets) or 'any'} · last {g.last_ts}"
        )
        for q in g.questions:
            st.markdown(f"- {render.md_escape(q)}")
        if g.nearest_section:
            st.caption(f"Closest section in force: {g.nearest_section} (similarity {g.nearest_similarity})")
