"""Policy writer: passages in force that say nearly the same thing with different decisions."""

import pandas as pd
import streamlit as st

from policydesk.evals import coverage as cov
from policydesk.ui import coverage_view as cv
from policydesk.ui import render, state

settings = state.settings()
st.title("Conflicts")
st.caption(
    "Pairs of passages from different documents or clauses, both in force and applying to a shared market, "
    "that say nearly the same thing with different decisions (or duplicate each other across documents). "
    "Superseded versions are left out."
)
state.require_store(settings)
report = cv.report_or_stop(settings, cv.golden_defaults(), state.runs_dir())

if not report.conflicts:
    st.success("No conflicting passages found among the documents in force.")
    st.stop()
rows = cov.conflict_rows(report)
st.dataframe(pd.DataFrame(rows)[["kind", "similarity", "shared_markets", "a_source", "a_clause_id", "a_decision", "b_source", "b_clause_id", "b_decision"]], hide_index=True, width="stretch")
st.download_button("Download conflicts.csv", cv.csv_bytes(rows), "conflicts.csv", "text/csv", icon=":material/download:")
for c in report.conflicts:
    with st.expander(f"{c.kind} · {c.a.key} ↔ {c.b.key} · similarity {c.similarity:.2f}"):
        st.caption(c.note)
        left, right = st.columns(2)
        for col, ref in ((left, c.a), (right, c.b)):
            with col:
                st.markdown(f"**{render.md_escape(ref.source)}** {ref.clause_id or ''} · {render.md_escape(ref.section)}")
                st.caption(f"decision {ref.decision} ({ref.decision_source}) · markets {', '.join(ref.markets) or 'all'} · v{ref.version or '—'}")
                st.markdown(render.md_escape(ref.text))
