"""Sidecar loading: structure errors carry file:line; rules land on the chunks holding their quotes."""

from __future__ import annotations

import pytest

from policydesk.core.errors import DocumentError
from policydesk.core.sidecar import attach_rules, load_sidecar, parse_sidecar, sidecar_bytes, sidecar_path
from policydesk.core.types import Chunk, Rule

GOOD = """policy_id: GAMBLING   # a comment
rules:
  - id: GAMBLING-2
    section: Real-money gambling
    quote: "may advertise in that market once the platform has granted written permission"
    decision: restrict
    markets: [GB, IE, NO]
    except_markets: []
    conditions: [licence, permission, "min_age:18", disclosure]
    confidence: 0.82
    status: proposed
"""


def test_good_sidecar_parses_with_lines_and_keeps_norway():
    sc = parse_sidecar("g.md.rules.yaml", GOOD)
    assert sc.policy_id == "GAMBLING"
    (rule,) = sc.rules
    assert rule.markets == ["GB", "IE", "NO"]  # YAML 1.1 would have read NO as false
    assert rule.conditions == ["licence", "permission", "min_age:18", "disclosure"]
    assert rule.confidence == pytest.approx(0.82)
    assert sc.rule_lines == [3]
    assert sc.line_of(0, "status") == 11


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (GOOD.replace("status: proposed", "statu: proposed"), 11, "unknown field 'statu'"),
        (GOOD + "owner: me\n", 12, "unknown top-level field 'owner'"),
        (GOOD.replace("[GB, IE, NO]", "[GB, IE"), 8, "malformed YAML"),
        (GOOD.replace("decision: restrict", "decision: maybe"), 6, "decision 'maybe'"),
        (GOOD.replace("status: proposed", "status: done"), 11, "status 'done'"),
        (GOOD.replace("confidence: 0.82", "confidence: 3"), 10, "between 0 and 1"),
        (GOOD.replace("markets: [GB, IE, NO]", "markets: GB"), 7, "must be a list"),
        (GOOD.replace("    decision: restrict\n", ""), 3, "has no 'decision'"),
        (GOOD + GOOD.split("rules:\n")[1], 12, "duplicate rule id 'GAMBLING-2'"),
        ("rules:\n  - id: A-1\n    quote: x\n    decision: reject\n    id: A-2\n", 5, "duplicate key 'id'"),
        ("- just\n- a list\n", 1, "must be a mapping"),
    ],
)
def test_bad_sidecar_names_file_and_line(text, line, words):
    with pytest.raises(DocumentError) as info:
        parse_sidecar("g.md.rules.yaml", text)
    msg = str(info.value)
    assert msg.startswith(f"g.md.rules.yaml:{line}: "), msg
    assert words in msg


def test_load_sidecar_reads_file_beside_document(tmp_path):
    doc = tmp_path / "gambling.md"
    doc.write_text("# G\n\nOperators may advertise in that market once the platform has granted written permission.\n")
    assert load_sidecar(doc) == []
    assert sidecar_bytes(doc) == b""
    sidecar_path(doc).write_text(GOOD)
    assert sidecar_path(doc).name == "gambling.md.rules.yaml"
    assert [r.id for r in load_sidecar(doc)] == ["GAMBLING-2"]
    assert sidecar_bytes(doc) == GOOD.encode()
    sidecar_path(doc).write_text(GOOD.replace("status: proposed", "colour: red"))
    with pytest.raises(DocumentError, match=r"gambling\.md\.rules\.yaml:11: unknown field 'colour'"):
        load_sidecar(doc)


def _chunk(i: int, text: str, rules=()) -> Chunk:
    return Chunk(id=str(i), text=text, source="g.md", rules=list(rules))


def test_attach_rules_folds_case_and_whitespace_and_skips_inactive():
    chunks = [
        _chunk(0, "Operators MAY advertise in that   market once the platform has granted\nwritten permission."),
        _chunk(1, "Ads must not target minors."),
        _chunk(2, "…once the platform has granted written permission. Overlap repeats it: may advertise in that market once the platform has granted written permission"),
    ]
    quote = "may advertise in that market once the platform has granted written permission"
    rules = [
        Rule(id="G-1", quote=quote, decision="restrict", status="confirmed"),
        Rule(id="G-2", quote="ads must not target minors", decision="reject", status="rejected"),
        Rule(id="G-3", quote="Ads must not target \u201cminors\u201d", decision="reject"),
        Rule(id="G-4", quote="not in the document", decision="reject"),
    ]
    out = attach_rules(chunks, rules)
    assert [[r.id for r in c.rules] for c in out] == [["G-1"], [], ["G-1"]]
    rules[2] = Rule(id="G-3", quote="Ads must not target minors", decision="reject")
    out = attach_rules([_chunk(1, "Ads must not target minors.", [Rule(id="G-3", quote="x", decision="reject")])], rules)
    assert [r.id for r in out[0].rules] == ["G-3"]  # existing rule with that id is not duplicated
    assert chunks[0].rules == []  # inputs are not mutated
