"""A store whose clause logic was read by another reader version says so in every answer:
answers execute the logic stored at ingest, and only `policydesk ingest` re-reads it."""

from __future__ import annotations

import json

from policydesk.core.clause_logic import LOGIC_VERSION, stale_logic_warning


def test_the_warning_reads_the_recorded_version():
    assert stale_logic_warning({"bm25_ids": ["a"], "logic": LOGIC_VERSION}) is None
    assert "version 3," in stale_logic_warning({"bm25_ids": ["a"], "logic": "3"})
    assert "before it was recorded" in stale_logic_warning({"bm25_ids": ["a"]})
    assert stale_logic_warning({"bm25_ids": []}) is None  # nothing ingested, nothing stale
    assert stale_logic_warning({}) is None


def test_an_ingested_store_records_it_and_an_older_one_warns(tmp_path):
    from policydesk.assistant.chain import ask
    from policydesk.core.settings import Settings
    from policydesk.ingest.pipeline import ingest_paths

    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "kites.txt").write_text("Kites\n\nAds for stunt kites are allowed only if they target people aged 16 or older.\n")
    settings = Settings(store=tmp_path / "store")
    assert not ingest_paths([tmp_path / "p"], settings).failed
    fresh = ask("Can we advertise stunt kites to 14 year olds?", settings=settings)
    assert not any("clause logic was read" in w for w in fresh.warnings), fresh.warnings

    metas = list((tmp_path / "store").rglob("meta.json"))
    assert metas and all(json.loads(m.read_text()).get("logic") == LOGIC_VERSION for m in metas)
    for m in metas:
        meta = json.loads(m.read_text())
        meta["logic"] = "1"
        m.write_text(json.dumps(meta))
    from policydesk.core import store as store_mod

    store_mod._catalog_stores.clear()  # as a new process would read it
    old = ask("Can we advertise stunt kites to 14 year olds again?", settings=settings)
    assert any("read by version 1, not " + LOGIC_VERSION in w for w in old.warnings), old.warnings
