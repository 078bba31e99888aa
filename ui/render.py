"""Streamlit rendering shared by pages: an answer, its verdict badge, citations and feedback.

Rendering only; every decision (what to show, how to highlight, what to log) is made in
chatlogic.py, documents.py or the library.
"""

from __future__ import annotations

import re

import streamlit as st

from policydesk.assistant.why import NO_TRACE, RESULT_WORD, why_rows
from policydesk.core import querylog
from policydesk.core.errors import PolicydeskError
from policydesk.core.types import Answer
from policydesk.ui import chatlogic as cl
from policydesk.ui.documents import anchor_for
from policydesk.ui.nav import page_path

DOCUMENT_PAGE = page_path("pages/document.py")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+!|$~])")


def md_escape(text: str) -> str:
    """Show text literally in st.markdown (`$` would start LaTeX, `*` emphasis, `<` HTML)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def verdict_badge(answer: Answer) -> None:
    st.html(cl.badge_html(answer))
    st.html(cl.route_badge_html(answer))


def why_this_verdict(answer: Answer) -> None:
    """The trace under the answer: the rules considered and, per condition, what it asks,
    the case fact it was checked against, the result and the citation stating it."""
    with st.expander("Why this verdict", icon=":material/account_tree:"):
        if answer.trace is None:
            st.caption(NO_TRACE)
            return
        if answer.trace.reason:
            st.markdown(md_escape(answer.trace.reason))
        rows = why_rows(answer.trace)
        if not rows:
            st.caption("No policy rule was considered for this case.")
        for row in rows:
            status = "applies" if row.applicable else "does not apply"
            head = f"**{md_escape(row.rule_id)}** · {md_escape(row.where)} · {row.origin} · {row.decision} · {status}"
            if row.outcome:
                head += f" → **{row.outcome}**"
            if row.citation is not None:
                head += f" \\[{row.citation}\\]"
            if row.decided:
                head += " · :green-badge[decided]"
            st.markdown(head)
            st.caption(md_escape(row.reason))
            if row.conditions:
                st.table(
                    [
                        {
                            "condition": c.kind,
                            "requirement": c.requirement,
                            "fact used": c.fact,
                            "result": RESULT_WORD.get(c.result, c.result),
                            "cited": f"[{c.citation}]" if c.citation is not None else "",
                        }
                        for c in row.conditions
                    ]
                )


def answer_block(answer: Answer) -> None:
    verdict_badge(answer)
    st.markdown(md_escape(answer.answer))
    why_this_verdict(answer)
    if answer.verdict == "escalate":
        st.warning(cl.ESCALATION_ADVICE, icon=":material/forward_to_inbox:")
    if answer.conditions and "Conditions:" not in answer.answer:
        st.markdown("**Conditions**\n" + "\n".join(f"- {md_escape(c)}" for c in answer.conditions))
    for w in answer.warnings:
        st.caption(md_escape(w))
    backend = answer.backend + (f" ({answer.model})" if answer.model else "")
    st.caption(f"{cl.filters_caption(answer.filters)} · {backend} · {answer.latency_ms:.0f} ms")


def citations(answer: Answer, key: str, link_documents: bool = True) -> None:
    """Each citation as an expander: full passage with the quote highlighted, and where it comes from."""
    if not answer.citations:
        return
    st.markdown("**Sources**")
    for c in answer.citations:
        with st.expander(cl.citation_label(c), expanded=False):
            facts = [f"**Source** {md_escape(c.source)}"]
            if c.title:
                facts.append(f"**Policy** {md_escape(c.title)}")
            if c.section:
                facts.append(f"**Section** {md_escape(c.section)}")
            facts.append(f"**Clause** {md_escape(c.clause_id) if c.clause_id else '—'}")
            facts.append(f"**Page** {c.page if c.page else '—'}")
            facts.append(f"**Version** {md_escape(c.version) if c.version else '—'}")
            st.markdown(" · ".join(facts))
            body, found = cl.highlight_html(c.text, c.quote)
            st.html(body)
            if not found and c.quote:
                st.caption("The quoted sentence is not verbatim in this passage: " + md_escape(c.quote))
            if link_documents:
                st.page_link(
                    DOCUMENT_PAGE,
                    label="Open in the policy document",
                    icon=":material/description:",
                    query_params={"source": c.source, "at": anchor_for(c.section, c.clause_id)}
                    | ({"page": str(c.page)} if c.page else {}),
                )


def _on_thumbs(settings, turn: cl.Turn, key: str, session_id: str) -> None:
    value = st.session_state.get(key)
    if value is None or turn.query_id is None:
        return
    score = "up" if value == 1 else "down"
    try:
        querylog.log_feedback(settings, turn.query_id, score, session_id=session_id)
    except PolicydeskError as exc:  # e.g. the database is down: the feedback is spooled, say so once
        st.toast(str(exc))
    turn.feedback = {"score": score, "reason": None, "text": ""}


def feedback(settings, turn: cl.Turn, session_id: str) -> None:
    """Thumbs on every answer (logged on click); after a thumbs-down, an optional reason and note."""
    if turn.query_id is None:
        st.caption("This answer was not logged, so it cannot take feedback.")
        return
    key = f"fb-{turn.query_id}"
    st.feedback("thumbs", key=key, on_change=_on_thumbs, args=(settings, turn, key, session_id))
    fb = turn.feedback
    if not fb:
        return
    if fb["score"] == "down" and not fb.get("detailed"):
        with st.form(key=f"fbform-{turn.query_id}", border=True):
            st.caption("What was wrong? (optional, helps QA turn this into a test case)")
            reason = st.selectbox("Reason", querylog.FEEDBACK_REASONS, index=None, placeholder="choose a reason", key=f"fbr-{turn.query_id}")
            text = st.text_input("Note", key=f"fbt-{turn.query_id}", placeholder="e.g. the right clause is GAM-3")
            if st.form_submit_button("Send"):
                try:
                    querylog.log_feedback(settings, turn.query_id, "down", reason=reason, text=text, session_id=session_id)
                except PolicydeskError as exc:
                    st.toast(str(exc))
                turn.feedback = {"score": "down", "reason": reason, "text": text, "detailed": True}
                st.rerun()
    else:
        st.caption("Feedback recorded. Thank you.")
