"""The index of eval runs in the shared database: which runs exist, where, by whom, headline figures.

Run directories hold the full reports; the index lets every app process of a team list the
runs the others made (a shared runs folder, or at least their names and figures).
"""

from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa

from policydesk.core.database import eval_runs, log_exists, run_write, transaction, utc_now

HEADLINE_KEYS = ("decision_accuracy", "evidence_recall_at_5", "citation_recall", "unsafe_approve_rate", "n_failing")


def record_run(settings, out_dir: Path, metrics: dict, reviewer: str | None = None) -> int:
    """Index one written run; returns the row id."""
    row = {
        "ts": utc_now(),
        "name": Path(out_dir).name,
        "path": str(Path(out_dir).resolve()),
        "golden_path": str(metrics.get("golden_path") or ""),
        "backend": str(metrics.get("backend") or ""),
        "reviewer": (reviewer if reviewer is not None else settings.reviewer or "").strip(),
        "n_cases": metrics.get("n_cases"),
        "metrics": json.dumps({k: metrics.get(k) for k in HEADLINE_KEYS}, sort_keys=True),
    }
    return run_write(settings, lambda conn: conn.execute(sa.insert(eval_runs).values(**row)).inserted_primary_key[0])


def list_indexed_runs(settings) -> list[dict]:
    """Indexed runs newest first, each with its headline metrics."""
    if not log_exists(settings):
        return []
    with transaction(settings, create=False) as conn:
        rows = conn.execute(sa.select(eval_runs).order_by(eval_runs.c.id.desc())).fetchall()
    return [{**{k: v for k, v in r._mapping.items() if k != "metrics"}, "metrics": json.loads(r.metrics or "{}")} for r in rows]
