"""Entry point of `policydesk ui` (`streamlit run ui/app.py`): page setup and navigation only."""

import streamlit as st

from policydesk.ui.nav import build_pages

st.set_page_config(page_title="policydesk", page_icon=":material/policy:", layout="wide")
page = st.navigation(build_pages(), position="sidebar", expanded=True)
page.run()
