"""Shared fixtures: the real embedding model, real Chroma, the sample corpus ingested once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture
def make_settings(tmp_path):
    """Settings for a fresh store under this test's tmp dir; keyword overrides allowed."""
    from policydesk.core.settings import Settings

    def _make(**overrides):
        overrides.setdefault("store", tmp_path / "store")
        return Settings(**overrides)

    return _make


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory):
    """Settings for a store holding the whole sample corpus, ingested once per test session.

    Tests must treat it as read-only; a test that changes the store builds its own.
    """
    from policydesk.core.settings import Settings
    from policydesk.ingest.pipeline import ingest_paths

    store = tmp_path_factory.mktemp("sample-store")
    settings = Settings(store=store)
    report = ingest_paths([CORPUS], settings)
    assert not report.failed, report.failed
    return settings
