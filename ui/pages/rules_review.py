"""Policy writer: review proposed rules beside the document text, confirm/edit/reject, save the sidecar."""

from pathlib import Path

import streamlit as st

from policydesk.core.errors import PolicydeskError
from policydesk.core.types import Rule
from policydesk.rules.annotate import document_paths
from policydesk.core.conditions import VOCABULARY_HELP
from policydesk.rules.review import highlight_quote, lint_document, load_for_review, save_review
from policydesk.ingest.loaders import load_document

st.title("Rules review")
st.caption("Proposed rules beside the policy text. Confirm, edit or reject each one; saving writes `<file>.rules.yaml`.")

folder = st.text_input("Policy folder or file", value=st.query_params.get("path", "corpus"))
try:
    files = [f for f, _ in document_paths([Path(folder)])]
except PolicydeskError as exc:
    st.error(str(exc))
    st.stop()
if not files:
    st.info("No policy documents (.md, .pdf, .html, .txt) found there.")
    st.stop()
doc_path = st.selectbox("Document", files, format_func=lambda p: p.name)
try:
    result = load_for_review(doc_path)
    doc = load_document(doc_path, doc_path.parent)
except PolicydeskError as exc:
    st.error(str(exc))
    st.stop()

problems = lint_document(doc_path)
with st.expander(f"Lint: {len(problems)} problem(s)", expanded=bool(problems), icon=":material/rule:"):
    for p in problems:
        st.markdown(f"`{Path(p.file).name}:{p.line}` {p.problem}")
    if not problems:
        st.write("No problems.")

section_text = {(s.heading_path[-1] if s.heading_path else ""): s.text for s in doc.sections}
edited: list[Rule] = []
for item in result.rules:
    rule = item.rule
    left, right = st.columns([3, 2], gap="medium")
    with left:
        st.markdown(f"**{rule.section or '(untitled)'}**")
        st.markdown(highlight_quote(section_text.get(rule.section, rule.quote), rule.quote))
    with right:
        st.markdown(f"`{rule.id}` · {item.origin} · confidence {rule.confidence:.2f}")
        if item.origin == "marker":
            st.info(f"Declared in the document: decision={rule.decision}" + (f", markets={','.join(rule.markets)}" if rule.markets else ""))
            continue
        key = f"{result.source}:{rule.id}"
        decision = st.selectbox("Decision", ["approve", "restrict", "reject"], index=["approve", "restrict", "reject"].index(rule.decision), key=key + ":d")
        markets = st.text_input("Markets (ISO codes, empty = all)", ", ".join(rule.markets), key=key + ":m")
        excepted = st.text_input("Except markets", ", ".join(rule.except_markets), key=key + ":x")
        conditions = st.text_input(f"Conditions ({VOCABULARY_HELP})", ", ".join(rule.conditions), key=key + ":c")
        statuses = ["proposed", "confirmed", "rejected", "stale"]
        status = st.radio("Status", statuses, index=statuses.index(rule.status), horizontal=True, key=key + ":s")
        split = lambda s: [x.strip() for x in s.split(",") if x.strip()]  # noqa: E731
        edited.append(rule.model_copy(update={
            "decision": decision, "markets": [m.upper() for m in split(markets)], "except_markets": [m.upper() for m in split(excepted)],
            "conditions": split(conditions), "status": status,
        }))
    st.divider()

if st.button("Save sidecar", type="primary", icon=":material/save:"):
    try:
        path = save_review(doc_path, result.policy_id, edited)
    except PolicydeskError as exc:
        st.error(str(exc))
    else:
        st.success(f"Saved {path}. Re-run ingest to put the rules in force.")
