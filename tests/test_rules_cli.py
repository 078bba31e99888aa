"""The shells: `annotate` table/--json/--write, `bench annotate` on the real corpus and truth files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from policydesk.cli.main import app
from policydesk.core.sidecar import read_sidecar, sidecar_path

FIXTURES = Path(__file__).parent / "fixtures" / "rules"


def test_annotate_json_and_write(tmp_path):
    doc = tmp_path / "pharmacy-ads.txt"
    shutil.copy(FIXTURES / "pharmacy-ads.txt", doc)
    runner = CliRunner()
    result = runner.invoke(app, ["annotate", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert list(rows[0]) == ["source", "id", "section", "quote", "decision", "markets", "except_markets", "conditions", "scope", "overrides", "confidence", "status"]
    assert [(r["decision"], r["markets"], r["except_markets"]) for r in rows[:2]] == [("reject", [], ["US", "NZ"]), ("restrict", ["US", "NZ"], [])]
    assert not sidecar_path(doc).exists()  # no --write, no file

    result = runner.invoke(app, ["annotate", str(doc), "--write"])
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output and "4 new" in result.output
    assert [r.id for r in read_sidecar(sidecar_path(doc)).rules] == [r["id"] for r in rows]


def test_annotate_rejects_missing_path_and_sidecar_argument(tmp_path):
    result = CliRunner().invoke(app, ["annotate", str(tmp_path / "nope.md")])
    assert result.exit_code == 2 and "no such file" in result.output
    side = tmp_path / "x.md.rules.yaml"
    side.write_text("rules: []\n")
    result = CliRunner().invoke(app, ["annotate", str(side)])
    assert result.exit_code == 2 and "not a policy document" in result.output


def test_bench_annotate_meets_target(tmp_path):
    out = tmp_path / "bench.json"
    result = CliRunner().invoke(app, ["bench", "annotate", "--out", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text())
    assert report["markdown"]["rules"] >= 90  # every clause marker of the sample corpus
    assert report["prose"]["rules"] >= 80 and len(report["prose_documents"]) >= 3
    assert report["markdown"]["decision_accuracy"] >= 0.9
    assert report["prose"]["decision_accuracy"] >= 0.9
    assert report["prose"]["condition_f1"] is not None and report["markdown"]["condition_f1"] is None
