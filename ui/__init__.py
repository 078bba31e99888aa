"""The Streamlit app: pages under `pages/` only render; logic lives in the helpers here and in
the library (core.querylog, evals.coverage, evals.run). See docs/architecture.md."""
