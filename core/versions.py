"""Which version of a policy is in force on a date: one pure rule shared by every stage."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from policydesk.core.types import DocumentRecord


def policy_key(doc: DocumentRecord) -> str:
    """Documents without a policy id are their own policy."""
    return doc.policy_id or f"source:{doc.source}"


def in_force(documents: Iterable[DocumentRecord], as_of: date | None = None) -> set[str]:
    """Sources of the documents in force on `as_of` (default today).

    Of several versions of one policy id, the one with the latest effective date not after
    `as_of` wins. A version dated after `as_of` is not in force yet. Undated documents are in
    force unless a dated version of the same policy already is.
    """
    as_of = as_of or date.today()
    by_policy: dict[str, list[DocumentRecord]] = {}
    for doc in documents:
        by_policy.setdefault(policy_key(doc), []).append(doc)
    sources: set[str] = set()
    for docs in by_policy.values():
        dated = [d for d in docs if d.effective_date is not None and d.effective_date <= as_of]
        if dated:
            best = max(dated, key=lambda d: (d.effective_date, d.version or "", d.source))
            sources.add(best.source)
        else:
            sources.update(d.source for d in docs if d.effective_date is None)
    return sources


def mark_superseded(documents: list[DocumentRecord], as_of: date | None = None) -> list[DocumentRecord]:
    """Copies of `documents` with `superseded` set for those not in force today."""
    current = in_force(documents, as_of)
    out = []
    for d in documents:
        sup = d.source not in current and not (d.effective_date and d.effective_date > (as_of or date.today()))
        out.append(d.model_copy(update={"superseded": sup}))
    return out
