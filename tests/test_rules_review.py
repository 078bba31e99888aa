"""Writers own the logic: scope, conditions and exception links edited on the Rules review
page, validated by core.conditions, confirmed into the sidecar; lint reads the same parser."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from policydesk.core.errors import InputError
from policydesk.core.sidecar import read_sidecar, sidecar_path
from policydesk.rules.annotate import annotate_path
from policydesk.rules.lint import lint_paths
from policydesk.rules.review import conditions_from_text, edit_rule, load_for_review, save_review
from policydesk.rules.sidecar_write import write_sidecar

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
PAGE = Path(__file__).resolve().parents[1] / "ui" / "pages" / "rules_review.py"
GOOD = ["min_age:21@US,MY", "only_markets:GB,IE", "max:36%", "requires:licence", "licence"]


@pytest.fixture
def doc(tmp_path) -> Path:
    dst = tmp_path / "pharmacy-ads.txt"
    shutil.copy(FIXTURES / "pharmacy-ads.txt", dst)
    write_sidecar(annotate_path(dst, tmp_path))
    return dst


def _rule(doc: Path, rid: str):
    return next(a.rule for a in load_for_review(doc).rules if a.rule.id == rid)


def test_conditions_from_text_keeps_what_parses_and_reports_the_rest():
    good, problems = conditions_from_text("\n".join(GOOD) + "\n  requires:passport \nmin_age:  \n\nmax:36%\n")
    assert good == GOOD  # one a line (commas belong to the condition), repeats dropped
    assert len(problems) == 2
    assert problems[0].startswith("condition line 6: unknown credential 'passport'")
    assert problems[1].startswith("condition line 7: unknown condition 'min_age:'") and "min_age:N" in problems[1]


def test_edit_rule_reads_scope_markets_and_checks_the_exception_link(doc):
    rule = _rule(doc, "PHARMACY-ADS-2")
    fields = dict(decision="restrict", markets="us, nz", except_markets="", scope="online pharmacy,\nprescription medicine, online pharmacy",
                  overrides="PHARMACY-ADS-1", conditions="requires:certification", status="confirmed")
    edited, problems = edit_rule(rule, **fields, known_ids={"PHARMACY-ADS-1", "PHARMACY-ADS-2"})
    assert problems == []
    assert (edited.markets, edited.scope, edited.overrides) == (["US", "NZ"], ["online pharmacy", "prescription medicine"], "PHARMACY-ADS-1")
    _, problems = edit_rule(rule, **{**fields, "overrides": "PHARMACY-ADS-9"}, known_ids={"PHARMACY-ADS-1"})
    assert problems == ["overrides: PHARMACY-ADS-9 is not a rule of this document; use one of PHARMACY-ADS-1"]
    _, problems = edit_rule(rule, **{**fields, "overrides": "PHARMACY-ADS-2"})
    assert "is this rule" in problems[0]


def test_save_review_writes_scope_overrides_and_conditions_and_refuses_bad_ones(doc):
    rule = _rule(doc, "PHARMACY-ADS-2")
    sc = sidecar_path(doc)
    save_review(doc, "PHARMACY-ADS", [rule.model_copy(update={
        "scope": ["online pharmacy"], "overrides": "PHARMACY-ADS-1", "conditions": GOOD, "status": "confirmed"})])
    saved = {r.id: r for r in read_sidecar(sc).rules}["PHARMACY-ADS-2"]
    assert (saved.scope, saved.overrides, saved.conditions, saved.status) == (["online pharmacy"], "PHARMACY-ADS-1", GOOD, "confirmed")
    # removing the exception link removes the key (the sidecar reads no null)
    save_review(doc, "PHARMACY-ADS", [saved.model_copy(update={"overrides": None})])
    assert {r.id: r for r in read_sidecar(sc).rules}["PHARMACY-ADS-2"].overrides is None
    assert "overrides" not in sc.read_text()
    before = sc.read_text()
    with pytest.raises(InputError, match=r"not saved: PHARMACY-ADS-2: unknown credential 'passport'"):
        save_review(doc, "PHARMACY-ADS", [saved.model_copy(update={"conditions": ["requires:passport"]})])
    assert sc.read_text() == before


def test_new_proposals_carry_the_scope_read_from_their_subject(doc):
    text = sidecar_path(doc).read_text()
    rules = read_sidecar(sidecar_path(doc)).rules
    assert text.count("scope:") == len(rules) > 0  # every proposal shows the writer its scope
    assert any(r.scope == ["vitamin", "supplements"] for r in rules)  # "Vitamin and supplement ads may …"


def test_lint_flags_conditions_the_parser_cannot_read(doc):
    sc = sidecar_path(doc)
    lines = sc.read_text().splitlines()
    i = next(n for n, line in enumerate(lines) if "conditions:" in line and "certification" in line)
    lines[i] = lines[i].split("conditions:")[0] + 'conditions: ["min_age:21@US,MY", "max:36%", "requires:passport"]'
    sc.write_text("\n".join(lines) + "\n")
    problems = [p for p in lint_paths([doc]).problems if p.kind == "unknown-condition"]
    assert len(problems) == 1 and problems[0].line == i + 1
    assert "unknown credential 'passport'" in problems[0].problem and "PHARMACY-ADS-2" in problems[0].problem


# --------------------------------------------------------------------------- the page


def _page(doc: Path) -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=120)
    at.query_params["path"] = str(doc)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_page_edits_scope_and_conditions_refuses_a_bad_one_and_confirms_into_the_sidecar(doc):
    at = _page(doc)
    key = "pharmacy-ads.txt:sidecar:PHARMACY-ADS-3"
    assert at.text_area(key=key + ":c").value == "requires:licence\nrequires:disclosure"
    assert any("`requires:licence`: the advertiser holds the required licence" in m.value for m in at.markdown)
    sc = sidecar_path(doc)
    before = sc.read_text()

    at.text_area(key=key + ":c").input("requires:licence\nrequires:passport").run()
    assert any("unknown credential 'passport'" in e.value for e in at.error)
    [save] = [b for b in at.button if b.label == "Save sidecar"]
    save.click().run()
    assert any(e.value.startswith("Not saved") for e in at.error) and sc.read_text() == before

    at.text_area(key=key + ":c").input("requires:licence\nmin_age:18@GB").run()
    at.text_input(key=key + ":scope").input("pharmacy, online pharmacy").run()
    at.radio(key=key + ":s").set_value("confirmed").run()
    [save] = [b for b in at.button if b.label == "Save sidecar"]
    save.click().run()
    assert not at.exception and any("Saved" in s.value for s in at.success), [e.value for e in at.error]
    saved = {r.id: r for r in read_sidecar(sc).rules}["PHARMACY-ADS-3"]
    assert (saved.conditions, saved.scope, saved.status) == (["requires:licence", "min_age:18@GB"], ["pharmacy", "online pharmacy"], "confirmed")


def test_lint_flags_an_exception_link_to_no_rule(doc):
    rule = _rule(doc, "PHARMACY-ADS-2")
    save_review(doc, "PHARMACY-ADS", [rule.model_copy(update={"overrides": "PHARMACY-ADS-1"})])
    assert not [p for p in lint_paths([doc]).problems if p.kind == "unknown-override"]
    save_review(doc, "PHARMACY-ADS", [rule.model_copy(update={"overrides": "PHARMACY-ADS-9"})])
    [p] = [p for p in lint_paths([doc]).problems if p.kind == "unknown-override"]
    lines = sidecar_path(doc).read_text().splitlines()
    assert lines[p.line - 1].strip() == "overrides: PHARMACY-ADS-9"
    assert "rule PHARMACY-ADS-2 overrides 'PHARMACY-ADS-9', which is no rule or clause of pharmacy-ads.txt" in p.problem


def test_annotate_table_shows_scope_and_conditions(doc, monkeypatch):
    from rich.console import Console
    from typer.testing import CliRunner

    from policydesk.cli import rules_cmd
    from policydesk.cli.main import app

    monkeypatch.setattr(rules_cmd, "console", Console(width=300))  # one table row a line

    rule = _rule(doc, "PHARMACY-ADS-3")
    save_review(doc, "PHARMACY-ADS", [rule.model_copy(update={"scope": ["pharmacy"], "conditions": ["min_age:21@US,MY", "licence"]})])
    res = CliRunner().invoke(app, ["annotate", str(doc)])
    assert res.exit_code == 0, res.output
    row = next(line for line in res.output.splitlines() if "PHARMACY-ADS-3" in line)
    assert "pharmacy" in row and "min_age:21@US,MY; licence" in row
