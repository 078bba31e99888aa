"""The offline annotator: exception splitting, market normalisation, scope, ids, sidecar round-trip."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from policydesk.core.sidecar import read_sidecar, sidecar_path
from policydesk.rules.annotate import JSON_FIELDS, annotate_path
from policydesk.core.markets import EU_MEMBERS, collapse_regions, find_mentions, to_codes
from policydesk.core.reading import read_unit, scope_markets
from policydesk.rules.sidecar_write import write_sidecar

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
ISSUE_SENTENCE = (
    "Ads promoting prescription-only medicines to the public are prohibited, with one exception: "
    "certified online pharmacies may advertise in the United States and New Zealand."
)


def test_exception_gives_two_rules_reject_elsewhere_restrict_there():
    main, exc = read_unit(ISSUE_SENTENCE)
    assert (main.decision, main.markets, main.except_markets) == ("reject", [], ["US", "NZ"])
    assert (exc.decision, exc.markets, exc.conditions) == ("restrict", ["US", "NZ"], ["certification"])
    # Both quotes are verbatim slices of the sentence.
    assert ISSUE_SENTENCE[main.start : main.end] == main.quote
    assert ISSUE_SENTENCE[exc.start : exc.end] == exc.quote == "certified online pharmacies may advertise in the United States and New Zealand."


def test_except_that_clause_splits_too():
    rules = read_unit("Swords are never accepted, except that Japanese swords may be advertised in Japan by dealers registered with the board.")
    assert [(r.decision, r.markets, r.except_markets) for r in rules] == [("reject", [], ["JP"]), ("restrict", ["JP"], [])]
    assert rules[1].conditions == ["licence"]


@pytest.mark.parametrize(
    ("name", "codes"),
    [
        ("United Kingdom", ["GB"]), ("UK", ["GB"]), ("British", ["GB"]), ("Britain", ["GB"]), ("U.K.", ["GB"]),
        ("U.S.", ["US"]), ("USA", ["US"]), ("American", ["US"]), ("United States of America", ["US"]),
        ("German", ["DE"]), ("Germany", ["DE"]), ("Brazilian", ["BR"]), ("the Netherlands", ["NL"]), ("Dutch", ["NL"]),
        ("Swiss", ["CH"]), ("Côte d'Ivoire", ["CI"]), ("Norway", ["NO"]), ("gb", ["GB"]), ("Narnia", []),
    ],
)  # fmt: skip
def test_market_names_to_iso(name, codes):
    assert to_codes(name) == codes


def test_eu_expands_to_member_states_and_collapses_back():
    assert to_codes("European Union") == list(EU_MEMBERS) and len(EU_MEMBERS) == 27
    assert collapse_regions([*EU_MEMBERS, "GB"]) == ["EU", "GB"]


def test_common_words_are_not_countries():
    found = [m.surface for m in find_mentions("Let us cook turkey in a chad of paper for US users in Turkey.")]
    assert found == ["US", "Turkey"]


def test_scope_ignores_regulator_names_and_examples():
    assert scope_markets("Brazilian residents may be shown ads only from firms authorised by the Central Bank of Brazil.") == (["BR"], [])
    assert scope_markets("Brokers may advertise if authorised, for example by the FCA in the United Kingdom or BaFin in Germany.") == ([], [])
    assert scope_markets("Ads of any kind, including lotteries, are not accepted in Singapore or Thailand.") == (["SG", "TH"], [])
    assert scope_markets("Ads must not name a medicine outside the United States and New Zealand.") == ([], ["US", "NZ"])


@pytest.mark.parametrize(
    ("sentence", "decision"),
    [
        ("Ads for cigarettes are prohibited in all markets.", "reject"),
        ("We don't permit ads for affair services.", "reject"),
        ("No supplement may be advertised as a cure.", "reject"),
        ("Lotteries may advertise to users aged 18 and over.", "restrict"),
        ("Body armour is restricted to advertisers with prior written permission.", "restrict"),
        ("Ads must include a disclosure of the risks.", "restrict"),
        ("Fitness apps are allowed in all markets as long as they make no health claims.", "approve"),
        ("Kitchen knives are allowed in all markets.", "approve"),
        ("Social casino games, in which players cannot win money, may be advertised without certification.", "approve"),
    ],
)
def test_decision_from_wording(sentence, decision):
    (rule,) = read_unit(sentence)
    assert rule.decision == decision


def test_descriptions_and_quoted_warnings_are_not_rules():
    assert read_unit("Pharmacies have sold medicines online since the late 1990s.") == []
    assert read_unit("This policy explains how medicines may be advertised.") == []
    assert read_unit('This includes peptides labelled "for research use only".') == []


def _copy_fixture(tmp_path: Path) -> Path:
    dst = tmp_path / "pharmacy-ads.txt"
    shutil.copy(FIXTURES / "pharmacy-ads.txt", dst)
    return dst


def test_annotate_document_json_fields_and_stable_ids(tmp_path):
    doc = _copy_fixture(tmp_path)
    first = annotate_path(doc, tmp_path)
    again = annotate_path(doc, tmp_path)
    rows = [a.to_json() for a in first.rules]
    assert [tuple(r) for r in rows] == [JSON_FIELDS] * len(rows)
    assert [r["id"] for r in rows] == ["PHARMACY-ADS-1", "PHARMACY-ADS-2", "PHARMACY-ADS-3", "PHARMACY-ADS-4"]
    assert [r["id"] for r in rows] == [a.rule.id for a in again.rules]
    by_id = {r["id"]: r for r in rows}
    assert by_id["PHARMACY-ADS-3"]["markets"] == ["GB"]
    assert set(by_id["PHARMACY-ADS-3"]["conditions"]) == {"requires:licence", "requires:disclosure"}  # what the answerer executes
    assert by_id["PHARMACY-ADS-4"]["decision"] == "approve"
    assert {r["source"] for r in rows} == {"pharmacy-ads.txt"} and {r["status"] for r in rows} == {"proposed"}


def test_sidecar_round_trip_keeps_confirmed_and_marks_stale(tmp_path):
    doc = _copy_fixture(tmp_path)
    sc = write_sidecar(annotate_path(doc, tmp_path))
    assert sc == sidecar_path(doc)
    text = sc.read_text()
    # A writer confirms rule 3 after editing it, rejects rule 4, and leaves a comment.
    lines = text.splitlines()
    out, current = [], None
    for line in lines:
        if line.strip().startswith("- id:"):
            current = line.split(":", 1)[1].strip()
            if current == "PHARMACY-ADS-3":
                out.append("  # checked with legal, 2025-02-01")
        if current == "PHARMACY-ADS-3" and line.strip().startswith("conditions:"):
            line = "    conditions: [licence, disclosure, \"other:GPhC logo\"]"
        if current in ("PHARMACY-ADS-3", "PHARMACY-ADS-4") and line.strip() == "status: proposed":
            line = line.replace("proposed", "confirmed" if current == "PHARMACY-ADS-3" else "rejected")
        out.append(line)
    sc.write_text("\n".join(out) + "\n")
    before = {r.id: r for r in read_sidecar(sc).rules}

    # The document changes: rule 1's sentence is reworded, rule 3's and 4's stay, a new rule appears.
    body = doc.read_text()
    body = body.replace("Ads promoting prescription-only medicines to the public are prohibited", "Ads that promote prescription-only medicines to the public are prohibited")
    body = body.replace("4. Background", "4. Homeopathy\n\nHomeopathic remedies must not claim to cure any disease.\n\n5. Background")
    doc.write_text(body)
    result = annotate_path(doc, tmp_path)
    write_sidecar(result)
    after_text = sc.read_text()
    after = {r.id: r for r in read_sidecar(sc).rules}

    assert "# checked with legal, 2025-02-01" in after_text
    assert after["PHARMACY-ADS-3"] == before["PHARMACY-ADS-3"]  # confirmed: untouched, edits kept
    assert after["PHARMACY-ADS-4"] == before["PHARMACY-ADS-4"]  # rejected: untouched, not re-proposed
    assert after["PHARMACY-ADS-1"].status == "stale"  # its quote no longer occurs; kept, not deleted
    assert after["PHARMACY-ADS-2"].status == "proposed"
    new = [r for rid, r in after.items() if rid not in before]
    assert [r.id for r in new] == ["PHARMACY-ADS-5", "PHARMACY-ADS-6"]  # numbered after the existing ones
    assert {r.decision for r in new} == {"reject"}
    assert any("Homeopathic" in r.quote for r in new)

    # Restoring the sentence revives the stale proposal instead of adding a duplicate.
    doc.write_text(body.replace("Ads that promote", "Ads promoting"))
    write_sidecar(annotate_path(doc, tmp_path))
    final = {r.id: r for r in read_sidecar(sc).rules}
    assert final["PHARMACY-ADS-1"].status == "proposed"
    assert len(final) == len(after)


def test_review_save_confirms_edits_and_keeps_comments(tmp_path):
    from policydesk.rules.review import highlight_quote, load_for_review, save_review

    doc = _copy_fixture(tmp_path)
    sc = write_sidecar(annotate_path(doc, tmp_path))
    sc.write_text(sc.read_text().replace("  - id: PHARMACY-ADS-4", "  # vitamins: ask legal\n  - id: PHARMACY-ADS-4"))
    result = load_for_review(doc)
    rule = next(a.rule for a in result.rules if a.rule.id == "PHARMACY-ADS-4")
    save_review(doc, result.policy_id, [rule.model_copy(update={"status": "confirmed", "markets": ["GB"]})])
    saved = {r.id: r for r in read_sidecar(sc).rules}
    assert (saved["PHARMACY-ADS-4"].status, saved["PHARMACY-ADS-4"].markets) == ("confirmed", ["GB"])
    assert saved["PHARMACY-ADS-1"].status == "proposed"
    assert "# vitamins: ask legal" in sc.read_text()
    assert highlight_quote("A b.\nVitamin  supplements are ok.", "vitamin supplements") == "A b.\n:orange-background[Vitamin  supplements] are ok."
