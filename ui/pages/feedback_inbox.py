"""QA lead: thumbs-down answers from the query log, turned into draft golden cases."""

import streamlit as st

from policydesk.core import golden_drafts, querylog
from policydesk.core.errors import PolicydeskError
from policydesk.core.types import DECISIONS
from policydesk.ui import drafts, render, state

settings = state.settings()
settings = state.with_reviewer(settings, state.reviewer_name(settings))
st.title("Feedback inbox")
try:
    entries = querylog.thumbs_down(settings)
    saved: dict[str, dict] = golden_drafts.list_drafts(settings)  # shared by every QA lead of the deployment
except PolicydeskError as exc:
    st.error(str(exc))
    st.stop()
st.caption(f"{len(entries)} answers with a thumbs-down · {len(saved)} draft golden cases")
if not entries:
    st.info("No thumbs-down answers in the query log.")

for e in entries:
    fb = e.last_feedback
    head = f"#{e.id} · {e.verdict} · {e.question[:90]}"
    with st.expander(head, expanded=False):
        st.markdown(f"**Question** {render.md_escape(e.question)}")
        st.caption(f"{e.ts} · filters {e.filters or 'none'} · verdict {e.verdict} ({e.verdict_source})")
        st.markdown(render.md_escape(e.answer))
        if fb:
            st.markdown(f"**Reviewer** {fb.reason or 'no reason given'}" + (f" — {render.md_escape(fb.text)}" if fb.text else ""))
        for c in e.citations:
            st.caption(f"[{c.get('n')}] {c.get('source')} {c.get('clause_id') or c.get('section', '')}: {render.md_escape(c.get('quote', ''))}")
        did = drafts.draft_id(e)
        with st.form(f"draft-{e.id}", border=False):
            verdict = st.selectbox("Right verdict", DECISIONS, index=DECISIONS.index(e.verdict) if e.verdict in DECISIONS else 0, key=f"dv-{e.id}")
            if st.form_submit_button("Make draft golden case" if did not in saved else "Update draft", icon=":material/add_task:"):
                golden_drafts.save_draft(settings, drafts.draft_case(e, verdict), query_id=e.id)
                st.rerun()

st.subheader("Drafts")
if saved:
    st.json(list(saved.values()), expanded=False)
    try:
        data = drafts.drafts_jsonl(list(saved.values()))
        st.download_button("Download drafts (golden JSONL)", data, file_name="drafts.jsonl", mime="application/jsonl", icon=":material/download:")
    except PolicydeskError as exc:
        st.error(str(exc))
    st.caption("Check each draft's evidence quotes before adding it to the golden set.")
    if st.button("Clear drafts"):
        golden_drafts.clear_drafts(settings, list(saved))
        st.rerun()
else:
    st.caption("No drafts yet: open an answer above and pick the right verdict.")
