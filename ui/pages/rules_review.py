"""Policy writer: review rules beside the document text (decision, scope, conditions), confirm/edit/reject, save the sidecar."""

from pathlib import Path

import streamlit as st

from policydesk.core.conditions import VOCABULARY_HELP, ConditionSyntaxError, parse_condition
from policydesk.core.errors import PolicydeskError
from policydesk.core.types import RULE_DECISIONS, Rule
from policydesk.ingest.loaders import load_document
from policydesk.rules.annotate import document_paths
from policydesk.rules.review import edit_rule, highlight_quote, lint_document, load_for_review, save_review
from policydesk.ui.render import md_escape

st.title("Rules review")
st.caption(
    "Rules beside the policy text: the decision, the subjects each one governs (scope) and the conditions the "
    "answerer executes. Confirm, edit or reject each one; saving writes `<file>.rules.yaml`."
)

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
known_ids = {item.rule.id for item in result.rules}


def show_conditions(rule: Rule) -> None:
    """Each condition in its sidecar form and in words (or the parser's complaint)."""
    if not rule.conditions:
        st.caption("No conditions.")
    for cond in rule.conditions:
        try:
            st.markdown(f"- `{cond}`: {md_escape(parse_condition(cond).describe())}")
        except ConditionSyntaxError as exc:
            st.markdown(f"- `{cond}`: :red[{md_escape(str(exc))}]")


edited: list[Rule] = []
problems_by_rule: dict[str, list[str]] = {}
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
            st.markdown("**Scope** " + (", ".join(f"`{t}`" for t in rule.scope) if rule.scope else "the clause's own topic"))
            show_conditions(rule)
            continue
        key = f"{result.source}:{item.origin}:{rule.id}"
        decision = st.selectbox("Decision", list(RULE_DECISIONS), index=list(RULE_DECISIONS).index(rule.decision), key=key + ":d")
        markets = st.text_input("Markets (ISO codes, empty = all)", ", ".join(rule.markets), key=key + ":m")
        excepted = st.text_input("Except markets", ", ".join(rule.except_markets), key=key + ":x")
        scope = st.text_input(
            "Scope (subjects it governs, comma-separated; empty = the clause's topic)", ", ".join(rule.scope), key=key + ":scope"
        )
        overrides = st.text_input("Overrides (the rule this exception narrows)", rule.overrides or "", key=key + ":o")
        conditions = st.text_area(
            "Conditions, one a line", "\n".join(rule.conditions), key=key + ":c", help=f"Vocabulary: {VOCABULARY_HELP}"
        )
        statuses = ["proposed", "confirmed", "rejected", "stale"]
        status = st.radio("Status", statuses, index=statuses.index(rule.status), horizontal=True, key=key + ":s")
        new_rule, problems = edit_rule(
            rule, decision=decision, markets=markets, except_markets=excepted, scope=scope, overrides=overrides,
            conditions=conditions, status=status, known_ids=known_ids,
        )
        for p in problems:
            st.error(p, icon=":material/error:")
        if problems:
            problems_by_rule[rule.id] = problems
        show_conditions(new_rule)
        edited.append(new_rule)
    st.divider()

if st.button("Save sidecar", type="primary", icon=":material/save:"):
    if problems_by_rule:
        st.error(
            "Not saved: fix the conditions or exception links marked above first ("
            + "; ".join(f"{rid}: {len(ps)} problem(s)" for rid, ps in problems_by_rule.items())
            + "). Your edits are kept on this page."
        )
        st.stop()
    try:
        path = save_review(doc_path, result.policy_id, edited)
    except PolicydeskError as exc:
        st.error(str(exc))
    else:
        st.success(f"Saved {path}. Re-run ingest to put the rules in force.")
