"""Create or update `<document>.rules.yaml` without disturbing what a writer already did.

Round-trips through ruamel.yaml so comments, key order and quoting in an existing sidecar
survive. The update is deliberately narrow: new proposals are appended as `proposed`;
confirmed and rejected rules are never touched; a proposed rule whose quote vanished becomes
`stale` (and back to `proposed` if the quote returns). Nothing is ever deleted.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from policydesk.core.sidecar import parse_sidecar, sidecar_path
from policydesk.core.types import Rule
from policydesk.rules.annotate import DocumentRules

HEADER = (
    "# Rules for {doc}: proposed by `policydesk annotate`, reviewed by a policy writer.\n"
    "# status: proposed | confirmed | rejected | stale. Confirmed and rejected rules are never\n"
    "# changed by annotate. Format: docs/rules.md; schema: rules/schema.json.\n"
)


def sidecar_yaml() -> YAML:
    """The one YAML writer for sidecars (round trip, so a writer's comments and quoting survive)."""
    y = YAML()  # round-trip mode
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 4096  # never fold a quote: it must stay verbatim
    y.preserve_quotes = True
    return y


def _flow(items: list[str]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def rule_to_map(rule: Rule) -> CommentedMap:
    m = CommentedMap()
    m["id"] = rule.id
    m["section"] = rule.section
    m["quote"] = rule.quote
    m["decision"] = rule.decision
    m["markets"] = _flow(list(rule.markets))
    m["except_markets"] = _flow(list(rule.except_markets))
    m["conditions"] = _flow(list(rule.conditions))
    m["scope"] = _flow(list(rule.scope))
    if rule.overrides:
        m["overrides"] = rule.overrides  # written only when set: the sidecar reads no null
    m["confidence"] = round(float(rule.confidence), 2)
    m["status"] = rule.status
    return m


def render_sidecar(result: DocumentRules, existing_text: str | None) -> str:
    """The new sidecar text for `result` (which already merged any existing sidecar)."""
    y = sidecar_yaml()
    if existing_text and existing_text.strip():
        data = y.load(existing_text)
    else:
        data = None
    if not isinstance(data, CommentedMap):
        data = CommentedMap()
        data["policy_id"] = result.policy_id
        data.yaml_set_start_comment(HEADER.format(doc=result.path.name).rstrip("\n"))
    if "policy_id" not in data:
        data.insert(0, "policy_id", result.policy_id)
    rules = data.get("rules")
    if not isinstance(rules, CommentedSeq):
        rules = CommentedSeq()
        data["rules"] = rules
    by_id = {str(item.get("id")): item for item in rules if isinstance(item, CommentedMap)}
    changed_status = {r.rule.id: r.rule.status for r in result.rules if r.origin == "sidecar"}
    for rid in (*result.stale_ids, *result.revived_ids):
        item = by_id.get(rid)
        if item is not None and item.get("status") not in ("confirmed", "rejected"):
            item["status"] = changed_status[rid]
    new = set(result.new_ids)
    for r in result.rules:
        if r.origin == "proposed" and r.rule.id in new:
            rules.append(rule_to_map(r.rule))
    buf = io.StringIO()
    y.dump(data, buf)
    return buf.getvalue()


def write_sidecar(result: DocumentRules) -> Path:
    """Write the sidecar beside the document atomically; validate before replacing."""
    path = sidecar_path(result.path)
    existing = path.read_text(encoding="utf-8") if path.is_file() else None
    text = render_sidecar(result, existing)
    parse_sidecar(path, text)  # never leave a sidecar that ingest would refuse
    fd, tmp = tempfile.mkstemp(prefix=".", suffix=".rules.yaml.tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


__all__ = ["render_sidecar", "rule_to_map", "write_sidecar"]
