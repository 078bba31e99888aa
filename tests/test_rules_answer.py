"""End to end: a sidecar's confirmed rule reaches the answer through ingest (real model, real Chroma)."""

from __future__ import annotations

import pytest

from policydesk.assistant.chain import ask
from policydesk.core.types import Filters
from policydesk.ingest.pipeline import ingest_paths

DOC = """SUPPLEMENT ADVERTISING POLICY

1. Protein powders

Protein powders and sports nutrition products need a review of their health claims before the first campaign runs.

2. Vitamins

Vitamin supplements are welcome in all markets.
"""
QUOTE = "Protein powders and sports nutrition products need a review of their health claims before the first campaign runs."
SIDECAR = f"""policy_id: SUPP
rules:
  - id: SUPP-7
    section: 1. Protein powders
    quote: "{QUOTE}"
    decision: restrict
    markets: []
    except_markets: [DE]
    conditions: [permission, "min_age:16"]
    confidence: 0.8
    status: {{status}}
"""


@pytest.mark.slow
def test_confirmed_rule_is_declared_then_proposed_is_inferred(tmp_path, make_settings):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "supplements.txt").write_text(DOC)
    side = docs / "supplements.txt.rules.yaml"
    side.write_text(SIDECAR.format(status="confirmed"))
    settings = make_settings()
    report = ingest_paths([docs], settings)
    assert not report.failed, report.failed
    question = "Can we advertise protein powders?"

    answer = ask(question, Filters(market="GB"), settings=settings)
    cited = [c for c in answer.citations if "SUPP-7" in c.rule_ids]
    assert cited, answer.to_json()
    assert answer.verdict == "restrict"
    assert answer.verdict_source == "declared"
    assert "permission" in answer.conditions and "min_age:16" in answer.conditions

    # except_markets: in DE the rule does not apply, so no citation carries it.
    answer_de = ask(question, Filters(market="DE"), settings=settings)
    assert not [c for c in answer_de.citations if "SUPP-7" in c.rule_ids]

    # Editing the sidecar re-indexes the document: a proposed rule is only inferred.
    side.write_text(SIDECAR.format(status="proposed"))
    ingest_paths([docs], settings)
    answer = ask(question, Filters(market="GB"), settings=settings)
    assert [c for c in answer.citations if "SUPP-7" in c.rule_ids]
    assert answer.verdict_source == "inferred"
