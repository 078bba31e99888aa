"""Draft golden cases made in the feedback inbox, kept in the shared database.

A QA lead's drafts must outlive the browser session and be seen by the other QA leads of a
team deployment, so they are rows, not session state. The table is append-only like the
log: saving a draft again adds a row, clearing adds a `cleared` row, and the latest row of
each draft id is the draft's state.
"""

from __future__ import annotations

import json

import sqlalchemy as sa

from policydesk.core.database import golden_drafts, log_exists, run_write, transaction, utc_now


def _row(draft_id: str, case: dict, status: str, query_id: int | None, reviewer: str) -> dict:
    return {
        "draft_id": draft_id,
        "query_id": query_id,
        "ts": utc_now(),
        "reviewer": reviewer or "",
        "status": status,
        "case_json": json.dumps(case, ensure_ascii=False, sort_keys=True),
    }


def save_draft(settings, case: dict, query_id: int | None = None, reviewer: str | None = None) -> int:
    """Save (or replace) the draft `case["id"]`; returns the row id."""
    row = _row(case["id"], case, "saved", query_id, reviewer if reviewer is not None else settings.reviewer or "")
    return run_write(settings, lambda conn: conn.execute(sa.insert(golden_drafts).values(**row)).inserted_primary_key[0])


def clear_drafts(settings, draft_ids: list[str], reviewer: str | None = None) -> int:
    """Mark these drafts cleared (they stay in the table, as every row of the log does)."""
    rows = [_row(d, {}, "cleared", None, reviewer if reviewer is not None else settings.reviewer or "") for d in draft_ids]
    if not rows:
        return 0
    run_write(settings, lambda conn: conn.execute(sa.insert(golden_drafts), rows))
    return len(rows)


def list_drafts(settings) -> dict[str, dict]:
    """Current drafts by id (latest row of each id, cleared ones left out), oldest first."""
    if not log_exists(settings):
        return {}
    t = golden_drafts
    latest = sa.select(sa.func.max(t.c.id)).group_by(t.c.draft_id).scalar_subquery()
    with transaction(settings, create=False) as conn:
        rows = conn.execute(sa.select(t).where(t.c.id.in_(latest), t.c.status == "saved").order_by(t.c.id)).fetchall()
    return {r.draft_id: json.loads(r.case_json) for r in rows}
