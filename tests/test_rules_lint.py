"""`policydesk lint`: each problem the issue lists, the clean case, and unreadable input."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from policydesk.cli.main import app
from policydesk.rules.lint import lint_paths

CLEAN_MD = """---
policy_id: ALC
version: "1.0"
effective_date: 2025-01-01
---
# Alcohol policy

## Age {#ALC-1 decision=reject}

Alcohol ads must not be shown to users under 18.

## Help {#ALC-2 decision=approve}

Ads for alcohol support services are welcome in every market.
"""


def _write(tmp: Path, name: str, text: str) -> Path:
    p = tmp / name
    p.write_text(text, encoding="utf-8")
    return p


def _kinds(tmp: Path) -> list[tuple[str, int, str]]:
    return [(Path(p.file).name, p.line, p.kind) for p in lint_paths([tmp]).problems]


def test_clean_policy_exits_zero_with_summary(tmp_path):
    _write(tmp_path, "alcohol.md", CLEAN_MD)
    result = CliRunner().invoke(app, ["lint", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "2 rules: no problems" in result.output


def test_declared_decision_contradicting_wording(tmp_path):
    _write(tmp_path, "alcohol.md", CLEAN_MD.replace("## Help {#ALC-2 decision=approve}\n\nAds for alcohol support services are welcome in every market.",
                                                  "## Spirits {#ALC-2 decision=approve}\n\nAds for spirits are prohibited in all markets."))
    assert _kinds(tmp_path) == [("alcohol.md", 12, "contradiction")]
    result = CliRunner().invoke(app, ["lint", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{tmp_path / 'alcohol.md'}:12: clause ALC-2 declares decision=approve but its wording prohibits" in result.output


SIDECAR = """policy_id: PHARM
rules:
  - id: PHARM-1
    quote: "Vitamin supplements are permitted in all markets."
    decision: approve
    markets: {markets}
    conditions: {conditions}
    status: confirmed
"""
DOC = "PHARMACY POLICY\n\n1. Vitamins\n\nVitamin supplements are permitted in all markets.\n"


def test_unknown_market_and_condition_names_point_at_their_lines(tmp_path):
    _write(tmp_path, "pharm.txt", DOC)
    _write(tmp_path, "pharm.txt.rules.yaml", SIDECAR.format(markets="[UK, XX, DE]", conditions='[licence, "min_age:eighteen", vibes]'))
    problems = lint_paths([tmp_path]).problems
    assert [(p.line, p.kind) for p in problems] == [(6, "unknown-market"), (6, "unknown-market"), (7, "unknown-condition"), (7, "unknown-condition")]
    assert "unknown market code 'UK' in markets; did you mean GB?" in problems[0].problem
    assert problems[0].file.endswith("pharm.txt.rules.yaml")


def test_sidecar_quote_not_found(tmp_path):
    _write(tmp_path, "pharm.txt", DOC.replace("Vitamin supplements are permitted", "Vitamins are permitted") + "Minerals must not be sold.\n")
    _write(tmp_path, "pharm.txt.rules.yaml", SIDECAR.format(markets="[]", conditions="[]"))
    kinds = _kinds(tmp_path)
    assert ("pharm.txt.rules.yaml", 4, "quote-missing") in kinds
    # With the rule's quote gone the section has no rule left either.
    assert ("pharm.txt", 5, "unruled-section") in kinds  # the line of its first sentence


def test_section_with_normative_wording_and_no_rule(tmp_path):
    _write(tmp_path, "pharm.txt", DOC + "\n2. Minerals\n\nMineral supplements must not claim to cure disease.\n\n3. History\n\nPharmacies opened in 1850.\n")
    _write(tmp_path, "pharm.txt.rules.yaml", SIDECAR.format(markets="[]", conditions="[]"))
    assert _kinds(tmp_path) == [("pharm.txt", 9, "unruled-section")]


def test_two_versions_with_same_version_or_date(tmp_path):
    _write(tmp_path, "alcohol.md", CLEAN_MD)
    _write(tmp_path, "alcohol-copy.md", CLEAN_MD)
    kinds = sorted(k for *_, k in _kinds(tmp_path))
    assert kinds.count("duplicate-version") == 2  # same version and same effective date


def test_conflicting_rules_in_force_same_market_similar_wording(tmp_path):
    _write(tmp_path, "alcohol.md", CLEAN_MD)
    _write(tmp_path, "beer.md", "---\npolicy_id: BEER\n---\n# Beer\n\n## Age {#BEER-1 decision=restrict}\n\nAlcohol ads must not be shown to users under 18!\n")
    problems = [p for p in lint_paths([tmp_path]).problems if p.kind == "conflict"]
    assert len(problems) == 1
    assert "BEER-1 (restrict) conflicts with ALC-1 (reject)" in problems[0].problem
    # Different markets: no conflict.
    _write(tmp_path, "beer.md", "---\npolicy_id: BEER\n---\n# Beer\n\n## Age {#BEER-1 decision=restrict markets=\"JP\"}\n\nAlcohol ads must not be shown to users under 18!\n")
    _write(tmp_path, "alcohol.md", CLEAN_MD.replace("{#ALC-1 decision=reject}", '{#ALC-1 decision=reject markets="GB"}'))
    assert not [p for p in lint_paths([tmp_path]).problems if p.kind == "conflict"]


def test_unreadable_input_exits_two(tmp_path):
    result = CliRunner().invoke(app, ["lint", str(tmp_path / "missing")])
    assert result.exit_code == 2
    _write(tmp_path, "pharm.txt", DOC)
    _write(tmp_path, "pharm.txt.rules.yaml", "rules:\n  - id: A\n    quote: [unclosed\n")
    result = CliRunner().invoke(app, ["lint", str(tmp_path), "--json"])
    assert result.exit_code == 2
    assert '"kind": "unreadable"' in result.output and "pharm.txt.rules.yaml" in result.output


def test_a_limit_in_a_unit_the_answerer_cannot_compare_is_named(tmp_path):
    """`max:30 dyas` parses, but a typo'd unit equals no question's unit, so the condition
    would stay unknown for every case; lint says which unit and which ones work."""
    _write(tmp_path, "pharm.txt", DOC)
    _write(tmp_path, "pharm.txt.rules.yaml", SIDECAR.format(markets="[]", conditions='["max:30 dyas", "max:5 km", "min:2 business days"]'))
    problems = [p for p in lint_paths([tmp_path]).problems if p.kind == "unknown-unit"]
    # km converts; a typo and "business days" (not a fixed length) cannot be compared
    assert [(p.line, p.problem.split(":")[0]) for p in problems] == [(7, "rule PHARM-1"), (7, "rule PHARM-1")]
    assert "unit 'dyas' in 'max:30 dyas'" in problems[0].problem and "days" in problems[0].problem
    assert "unit 'business days'" in problems[1].problem
