"""A policy written for a test, ingested into a real store, and questions asked of it.

Many end-to-end tests need exactly this (one or more policy files, the real ingest pipeline,
the real model and Chroma, `chain.ask` with at most a market filter); they shared a copied
fixture body until session 12.
"""

from __future__ import annotations


def ingest_policy(tmp_path_factory, name: str, files: dict[str, str]):
    """Settings of a fresh store holding `files` (file name -> text), ingested by the real pipeline."""
    from policydesk.core.settings import Settings
    from policydesk.ingest.pipeline import ingest_paths

    root = tmp_path_factory.mktemp(name)
    (root / "policies").mkdir()
    for filename, text in files.items():
        (root / "policies" / filename).write_text(text)
    settings = Settings(store=root / "store")
    report = ingest_paths([root / "policies"], settings)
    assert not report.failed, report.failed
    return settings


def ask_in(question: str, settings, market: str | None = None):
    """The extractive answer to `question` in the store, for `market` if given."""
    from policydesk.assistant.chain import ask
    from policydesk.core.types import Filters

    return ask(question, filters=Filters(market=market), settings=settings)
