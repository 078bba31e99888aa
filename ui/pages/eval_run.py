"""QA lead: run the golden set (or any golden file) through the assistant, with a progress bar."""

from pathlib import Path

import streamlit as st

from policydesk.core.errors import PolicydeskError
from policydesk.evals.calibrate import DEFAULT_MIN_AUTO, DEFAULT_TARGET_PRECISION
from policydesk.ui import coverage_view, evalview, state
from policydesk.ui.nav import page_path

settings = state.settings()
settings = state.with_reviewer(settings, state.reviewer_name(settings))
runs_dir = state.runs_dir()
st.title("Run an eval")
st.caption(f"Runs are written under {runs_dir}/ and listed on the Eval runs page.")

state.require_store(settings)

choices = evalview.golden_choices([*coverage_view.golden_defaults(), Path("evals/golden")])
OTHER = "other file…"
picked = st.selectbox("Golden set", [*map(str, choices), OTHER], key="eval_golden")
path = Path(st.text_input("Path to a golden JSONL file", key="eval_golden_path")) if picked == OTHER else Path(picked)
baseline_runs = evalview.list_runs(runs_dir, settings)
baseline = st.selectbox(
    "Compare with (optional)", [None, *[r.name for r in baseline_runs]], key="eval_baseline",
    format_func=lambda n: "no baseline" if n is None else n,
)  # fmt: skip

calibrate = st.checkbox(
    "Calibrate the auto-route threshold on this golden set", key="eval_calibrate",
    help="Stores the lowest threshold whose auto-routed answers reach the target precision in <store>/calibration.json.",
)  # fmt: skip
if calibrate:
    left, right = st.columns(2)
    target = left.number_input("Target auto precision", 0.5, 1.0, DEFAULT_TARGET_PRECISION, 0.01, key="eval_target")
    min_auto = right.number_input("Fewest auto answers to measure it on", 1, 10_000, DEFAULT_MIN_AUTO, 1, key="eval_min_auto")

if st.button("Run eval", type="primary", icon=":material/play_arrow:", disabled=not str(path) or str(path) == "."):
    from policydesk.evals.evaluate import default_out_dir, evaluate

    bar = st.progress(0.0, text="Checking the golden file…")

    def on_start(n: int, warnings: list[str]) -> None:
        bar.progress(0.0, text=f"0 / {n} cases")
        for w in warnings[:10]:
            st.caption(w)

    def on_progress(done: int, total: int, case_id: str) -> None:
        bar.progress(done / total, text=f"{done} / {total} cases · {case_id}")

    try:
        outcome = evaluate(
            path, settings, out_dir=default_out_dir(runs_dir),
            baseline={r.name: r.path for r in baseline_runs}[baseline] if baseline else None,
            progress=on_progress, on_start=on_start,
            calibrate=calibrate, target_precision=float(target) if calibrate else DEFAULT_TARGET_PRECISION,
            min_auto=int(min_auto) if calibrate else DEFAULT_MIN_AUTO,
        )  # fmt: skip
    except PolicydeskError as exc:
        bar.empty()
        st.error(str(exc))
        st.stop()
    except Exception as exc:  # an LLM back end failing mid-run must not take the page down
        bar.empty()
        st.error(f"The eval stopped: {type(exc).__name__}: {exc}")
        st.stop()
    bar.progress(1.0, text="Done")
    st.session_state["open_run"] = outcome.out_dir.name
    m = outcome.run.metrics
    st.success(f"Run {outcome.out_dir.name}: {m.get('n_cases')} cases, {len(outcome.run.failing)} failing.")
    cols = st.columns(4)
    for col, name in zip(cols, ("decision_accuracy", "evidence_recall_at_5", "citation_recall", "unsafe_approve_rate")):
        v = m.get(name)
        col.metric(name, "n/a" if v is None else f"{v:.3f}")
    if outcome.calibration is not None:
        if outcome.calibration_path is not None:
            st.success(f"Calibrated: stored {outcome.calibration.message()} in {outcome.calibration_path}.")
        else:
            st.warning(f"Calibration: {outcome.calibration.message()}")
    if outcome.comparison is not None:
        c = outcome.comparison
        st.info(f"Against {baseline}: {len(c.fixed)} fixed, {len(c.broken)} broken.")
    st.page_link(page_path("pages/eval_runs.py"), label="Open this run", icon=":material/analytics:")
