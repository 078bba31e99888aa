"""QA lead: compare two eval runs — metric deltas and the cases that flipped."""

import pandas as pd
import streamlit as st

from policydesk.core.errors import PolicydeskError
from policydesk.ui import evalview, state

runs_dir = state.runs_dir()
st.title("Compare runs")
runs = evalview.list_runs(runs_dir)
if len(runs) < 2:
    st.info("Comparing needs two eval runs; run another on the Run an eval page.")
    st.stop()
names = [r.name for r in runs]
c1, c2 = st.columns(2)
before = c1.selectbox("Baseline (before)", names, index=1, key="cmp_before")
after = c2.selectbox("Candidate (after)", names, index=0, key="cmp_after")
if before == after:
    st.warning("Pick two different runs.")
    st.stop()
try:
    cmp = evalview.compare_runs(runs_dir / before, runs_dir / after)
except PolicydeskError as exc:
    st.error(str(exc))
    st.stop()

if cmp.golden_changed:
    st.warning("The two runs used different golden files; deltas compare different case sets.")
rows = [
    {"metric": d.name, "before": d.before, "after": d.after, "delta": d.delta,
     "": "better" if d.better else ("worse" if d.better is False else "")}
    for d in cmp.deltas
]  # fmt: skip
st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
a, b = st.columns(2)
a.metric("Fixed cases", len(cmp.fixed))
b.metric("Broken cases", len(cmp.broken))
if cmp.fixed:
    a.write(", ".join(cmp.fixed))
if cmp.broken:
    b.write(", ".join(cmp.broken))
if cmp.added or cmp.removed:
    st.caption(f"added cases: {', '.join(cmp.added) or '—'} · removed cases: {', '.join(cmp.removed) or '—'}")
