"""The document page's header and its Markdown download name the same facts
(ui/documents.py `document_facts`): one list, two renderings."""

from datetime import date

from policydesk.core.types import DocumentRecord
from policydesk.ui.documents import DocSection, document_facts, document_markdown


def test_facts_in_reading_order_and_only_when_set():
    doc = DocumentRecord(source="kites.md", title="Kites", policy_id="KITE", version="3", effective_date=date(2026, 5, 1), markets=["GB", "DE"])
    assert document_facts(doc) == [("policy", "KITE"), ("version", "3"), ("effective", "2026-05-01"), ("markets", "GB, DE")]
    assert document_facts(DocumentRecord(source="bare.txt")) == []


def test_download_header_carries_every_fact():
    doc = DocumentRecord(source="kites.md", title="Kites", policy_id="KITE", version="3", markets=["GB"])
    md = document_markdown(doc, "kites.md", [DocSection(anchor="scope", heading="Scope", clause_id=None, page=None, decision=None, markets=[], text="Kites.")])
    assert md.startswith("# Kites\n\n_source: kites.md · policy: KITE · version: 3 · markets: GB_\n")
    assert "## Scope\n\nKites." in md
