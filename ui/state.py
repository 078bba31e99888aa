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


def store_problem(s: Settings) -> str | None:
    """Why the store cannot answer yet, as a sentence for the page; None when it can."""
    from policydesk.core.errors import PolicydeskError
    from policydesk.core.store import load_catalog

    try:
        load_catalog(s)
    except PolicydeskError as exc:
        return str(exc)
    return None
