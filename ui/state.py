"""Per-process and per-session state for the app: settings, runs folder, session id.

`policydesk ui` passes the store through `POLICYDESK_STORE` (and the runs folder through
`POLICYDESK_RUNS_DIR`); settings are re-read from the environment on every call rather than
through the process-wide cached `get_settings()`, so tests can point pages at any store.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import streamlit as st

from policydesk.core.settings import Settings


def settings() -> Settings:
    return Settings()


def runs_dir() -> Path:
    return Path(os.environ.get("POLICYDESK_RUNS_DIR", "runs"))


def session_id() -> str:
    """A random id per browser session, written to the query log to tell users' sessions apart."""
    if "policydesk_session" not in st.session_state:
        st.session_state["policydesk_session"] = uuid.uuid4().hex[:12]
    return st.session_state["policydesk_session"]


def ask_reviewer_name(s: Settings) -> None:
    """Who is asking: asked once per browser session in the sidebar (the entry script shows it
    on every page), recorded on every log row. Prefilled from POLICYDESK_REVIEWER."""
    if "policydesk_reviewer" not in st.session_state:
        st.session_state["policydesk_reviewer"] = (s.reviewer or "").strip()
    with st.sidebar:
        st.text_input("Your name", key="policydesk_reviewer", placeholder="who is asking?", help="Recorded with your questions and feedback.")


def reviewer_name(s: Settings) -> str:
    """The name given in the sidebar this session (POLICYDESK_REVIEWER until one is typed)."""
    if "policydesk_reviewer" not in st.session_state:
        return (s.reviewer or "").strip()
    return (st.session_state.get("policydesk_reviewer") or "").strip()


@st.cache_resource(show_spinner=False)
def _drain_spool(store: str, database_url: str | None) -> int:
    """Rows spooled while the database was down go in when the app starts (then on each write)."""
    from policydesk.core import querylog
    from policydesk.core.errors import PolicydeskError

    try:
        return querylog.drain_spool(Settings(store=store, database_url=database_url))
    except PolicydeskError:
        return 0  # still down: the next write tries again


def drain_spool_once(s: Settings) -> None:
    _drain_spool(str(s.store_dir), s.database_url)


def with_reviewer(s: Settings, name: str) -> Settings:
    return s.model_copy(update={"reviewer": name or None})


def store_problem(s: Settings) -> str | None:
    """Why the store cannot answer yet, as a sentence for the page; None when it can."""
    from policydesk.core.errors import PolicydeskError
    from policydesk.core.store import load_catalog

    try:
        load_catalog(s)
    except PolicydeskError as exc:
        return str(exc)
    return None


def require_store(s: Settings) -> None:
    """Show why the store cannot answer yet and stop the page; every page starts with this."""
    problem = store_problem(s)
    if problem:
        st.error(problem)
        st.stop()


@st.cache_resource(show_spinner=False)
def _warm(store: str, llm: str) -> bool:
    """Load the embedding model and build the chain in the background once per server, so the
    first moderator's first question does not pay the model load."""
    import threading

    def go():
        try:
            from policydesk.assistant.chain import build_chain
            from policydesk.core.embedding import embedder_for

            s = Settings(store=store)
            embedder_for(s).encode(["warm up"])
            build_chain(s)
        except Exception:  # noqa: BLE001 - warming is best effort; the page reports real errors
            pass

    threading.Thread(target=go, name="policydesk-warmup", daemon=True).start()
    return True


def warm_up(s: Settings) -> None:
    _warm(str(s.store_dir), s.llm)
