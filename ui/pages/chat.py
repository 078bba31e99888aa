"""Moderator chat: ask about an ad, get a verdict with cited policy text, give feedback."""

from datetime import date

import streamlit as st

from policydesk.assistant.chain import stream_ask
from policydesk.core import querylog
from policydesk.core.errors import PolicydeskError
from policydesk.core.store import load_catalog
from policydesk.ui import chatlogic as cl
from policydesk.ui import render, state

settings = state.settings()
session = state.session_id()
st.title("Ask policydesk")
reviewer = state.reviewer_name(settings)
settings = state.with_reviewer(settings, reviewer)

state.require_store(settings)

options = cl.filter_options(load_catalog(settings))
turns: list[cl.Turn] = st.session_state.setdefault("turns", [])

with st.sidebar:
    st.subheader("Filters")
    st.caption("They apply to your next question.")
    market = st.selectbox("Market", [cl.ANY, *options.markets], key="f_market")
    line = st.selectbox("Business line", [cl.ANY, *options.business_lines], key="f_line")
    policy_ids = [cl.ANY, *[pid for pid, _ in options.policies]]
    titles = dict(options.policies)
    policy = st.selectbox("Policy", policy_ids, key="f_policy", format_func=lambda p: titles.get(p, p))
    use_date = st.checkbox("As of a date", key="f_use_date", help="Answer from the policy versions in force on that date.")
    as_of = st.date_input("As of", value=date.today(), key="f_as_of", disabled=not use_date)
    if st.button("New conversation", icon=":material/refresh:", disabled=not turns):
        turns.clear()
        st.rerun()

for turn in turns:
    with st.chat_message("user"):
        st.markdown(render.md_escape(turn.question))
    with st.chat_message("assistant"):
        if turn.error:
            st.error(turn.error)
            continue
        render.answer_block(turn.answer)
        render.citations(turn.answer, key=str(turn.query_id))
        render.feedback(settings, turn, session)

if not reviewer:
    st.info("Enter your name in the sidebar first: every answer is logged with who asked.")
question = st.chat_input("Ask about an ad, e.g. “Can a casino advertise in Singapore?”", disabled=not reviewer)
if question:
    filters = cl.make_filters(market, line, as_of if use_date else None, policy)
    with st.chat_message("user"):
        st.markdown(render.md_escape(question))
    turn = cl.Turn(question=question, filters=filters.to_dict())
    with st.chat_message("assistant"):
        try:
            stream = cl.AnswerStream(stream_ask(question, filters, settings, history=cl.history_of(turns)))
            with st.spinner("Searching the policies…"):
                st.write_stream(render.md_escape(piece) for piece in stream.text())
            turn.answer = stream.answer
        except PolicydeskError as exc:
            turn.error = str(exc)
        except Exception as exc:  # an LLM back end can fail in many ways; the page must survive it
            turn.error = (
                f"The answer back end failed ({type(exc).__name__}: {exc}). Try again, or switch to the "
                "offline extractive back end (POLICYDESK_LLM=extractive)."
            )
    if turn.answer is not None:
        try:
            turn.query_id = querylog.log_answer(settings, turn.answer, session_id=session)
        except querylog.LogDeferred as exc:  # the database is down: spooled, written when it is back
            turn.extra["log_error"] = str(exc)
            st.toast(str(exc))
        except PolicydeskError as exc:
            turn.extra["log_error"] = str(exc)
            st.toast(f"Not logged: {exc}")
    turns.append(turn)
    st.rerun()
