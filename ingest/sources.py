"""What is in the store, as `policydesk sources` lists it."""

from __future__ import annotations

from datetime import date

from policydesk.core.store import load_catalog
from policydesk.core.types import DocumentRecord
from policydesk.core.versions import mark_superseded


def list_sources(settings, as_of: date | None = None) -> list[DocumentRecord]:
    catalog = load_catalog(settings)
    docs = mark_superseded(list(catalog.documents.values()), as_of)
    return sorted(docs, key=lambda d: (d.policy_id, d.effective_date or date.min, d.source))
