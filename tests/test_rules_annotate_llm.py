"""`annotate --llm`: a model's proposals pass the same validation as offline ones, and only add.

The model is LangChain's FakeListChatModel (a real BaseChatModel replaying fixed replies), so
the prompt -> parse -> validate -> merge path and the CLI wiring run for real without a server.
"""

from __future__ import annotations

import json

from langchain_core.language_models.fake_chat_models import FakeListChatModel
from typer.testing import CliRunner

from policydesk.cli.main import app
from policydesk.core.sidecar import read_sidecar, sidecar_path
from policydesk.ingest.loaders import load_document
from policydesk.rules.annotate import annotate_document
from policydesk.rules.annotate_llm import merge_llm, parse_proposals, propose_with_llm

POLICY = """# Alcohol

Brewery ads are welcome in Germany. Spirits adverts are fine for French shoppers who have confirmed their age. \
Cider ads are fine in Ireland. Gin ads are fine for Spanish shoppers with a shop licence. Contact us for help.
"""

REPLY = """Here are the rules:
```json
{"rules": [
  {"quote": "Spirits adverts are fine for French shoppers who have confirmed their age", "decision": "restrict",
   "markets": ["France"], "except_markets": [], "conditions": ["verification", "min age 18"], "confidence": 1.7},
  {"quote": "Spirit adverts are OK for French shoppers", "decision": "restrict", "markets": ["FR"], "conditions": [], "confidence": 0.9},
  {"quote": "Cider ads are fine in Ireland.", "decision": "maybe", "markets": ["IE"], "conditions": [], "confidence": 0.6},
  {"quote": "Gin ads are fine for Spanish shoppers with a shop licence.", "decision": "RESTRICT",
   "markets": ["Narnia", "ES"], "except_markets": ["XX"], "conditions": ["vibes", "license"], "confidence": -3},
  {"quote": "Brewery ads are welcome in Germany.", "decision": "reject", "markets": [], "conditions": [], "confidence": 0.9}
]}
```"""


def _doc(tmp_path):
    f = tmp_path / "alcohol.md"
    f.write_text(POLICY, encoding="utf-8")
    return f, load_document(f, tmp_path)


def test_only_valid_and_cleaned_proposals_survive(tmp_path):
    _, doc = _doc(tmp_path)
    offline = annotate_document(doc)
    assert [a.rule.quote for a in offline.rules] == ["Brewery ads are welcome in Germany."]
    chat = FakeListChatModel(responses=[REPLY])
    got = propose_with_llm(doc, chat, [a.rule for a in offline.rules], offline.policy_id)

    assert [r.quote for r in got.rules] == [
        "Spirits adverts are fine for French shoppers who have confirmed their age",
        "Gin ads are fine for Spanish shoppers with a shop licence.",
    ]
    spirits, gin = got.rules
    assert (spirits.decision, spirits.markets, spirits.conditions, spirits.confidence) == (
        "restrict", ["FR"], ["verification", "min_age:18"], 1.0,
    )
    assert (gin.decision, gin.markets, gin.except_markets, gin.conditions, gin.confidence) == (
        "restrict", ["ES"], [], ["licence"], 0.0,
    )
    assert all(r.status == "proposed" and r.section == "Alcohol" for r in got.rules)
    # Non-verbatim quote and unknown decision are dropped and counted; the covered quote is
    # simply not added (not a validation failure).
    assert len(got.dropped) == 2
    assert any("not verbatim" in d for d in got.dropped) and any("'maybe'" in d for d in got.dropped)
    assert sorted(got.cleaned) == sorted(
        ["unknown market 'Narnia' removed from markets", "unknown market 'XX' removed from except_markets", "unknown condition 'vibes' removed"]
    )


def test_merge_keeps_offline_reading_and_numbers_new_rules(tmp_path):
    _, doc = _doc(tmp_path)
    offline = annotate_document(doc)
    chat = FakeListChatModel(responses=[REPLY])
    merged, report = merge_llm(offline, doc, lambda existing: propose_with_llm(doc, chat, existing, offline.policy_id))
    rules = [a.rule for a in merged.rules]
    assert [(r.id, r.decision) for r in rules] == [("ALCOHOL-1", "approve"), ("ALCOHOL-2", "restrict"), ("ALCOHOL-3", "restrict")]
    assert merged.new_ids == ["ALCOHOL-1", "ALCOHOL-2", "ALCOHOL-3"]
    assert all(r.status == "proposed" for r in rules)
    assert len(report.rules) == 2


def test_parse_proposals_tolerates_bare_list_and_rejects_prose():
    assert parse_proposals('[{"quote": "a b c", "decision": "reject"}] trailing') == [{"quote": "a b c", "decision": "reject"}]
    assert parse_proposals('{"quote": "x", "decision": "approve"}') == [{"quote": "x", "decision": "approve"}]
    assert parse_proposals("I cannot help with that.") is None


def test_cli_llm_writes_validated_rules(tmp_path, monkeypatch):
    from policydesk.assistant import llm_backends

    f, _ = _doc(tmp_path)
    built = {}

    def fake_make(settings, env=None):
        built["settings"] = settings
        return llm_backends.ChatBackend(FakeListChatModel(responses=[REPLY]), settings.llm, settings.llm_model or "")

    monkeypatch.setattr(llm_backends, "make_chat_model", fake_make)
    result = CliRunner().invoke(app, ["annotate", str(f), "--llm", "ollama", "--model", "tiny", "--write", "--json"])
    assert result.exit_code == 0, result.output
    assert (built["settings"].llm, built["settings"].llm_model) == ("ollama", "tiny")
    rows = json.loads(result.output)
    assert [r["id"] for r in rows] == ["ALCOHOL-1", "ALCOHOL-2", "ALCOHOL-3"]
    assert {r["status"] for r in rows} == {"proposed"}
    assert [r.quote for r in read_sidecar(sidecar_path(f)).rules] == [r["quote"] for r in rows]


def test_cli_llm_unreachable_is_one_line(tmp_path, monkeypatch):
    f, _ = _doc(tmp_path)
    monkeypatch.setenv("OLLAMA_HOST", "http://127.0.0.1:9")  # discard port: nothing listens
    monkeypatch.setenv("POLICYDESK_LLM_TIMEOUT_S", "5")
    result = CliRunner().invoke(app, ["annotate", str(f), "--llm", "ollama", "--model", "tiny"])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert "cannot reach OLLAMA_HOST=http://127.0.0.1:9" in result.output
