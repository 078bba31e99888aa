"""Entry point of `policydesk ui` (`streamlit run ui/pages/main.py`): page setup and navigation only.

It lives inside `pages/` on purpose: Streamlit treats a `pages/` folder *next to* the entry
script as an old-style (v1) multipage app, and a first visit to a deep link such as
`/coverage` would then run that page without this navigation. With the entry script here,
there is no such sibling folder and `st.navigation` is always in charge.
"""

import streamlit as st

from policydesk.ui import state
from policydesk.ui.nav import build_pages

st.set_page_config(page_title="policydesk", page_icon=":material/policy:", layout="wide")
state.warm_up(state.settings())
state.drain_spool_once(state.settings())
page = st.navigation(build_pages(), position="sidebar", expanded=True)
state.ask_reviewer_name(state.settings())
page.run()
