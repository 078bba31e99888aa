"""What the policy writer's review page does, as plain functions (the page only renders).

`save_review` applies a writer's decisions (confirm, edit, reject) to the sidecar: an edited
rule replaces its entry field by field so comments and order around it survive; a rule not
yet in the sidecar is appended. The result is validated before it replaces the file.
`highlight_quote` marks a rule's quote in the section text for display.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from policydesk.core.sidecar import parse_sidecar, sidecar_path
from policydesk.core.types import Rule
from policydesk.rules.annotate import DocumentRules, annotate_path
from policydesk.rules.lint import LintProblem, lint_paths
from policydesk.rules.sidecar_write import HEADER, _yaml, rule_to_map, write_sidecar


def load_for_review(doc_path: Path) -> DocumentRules:
    """The document's rules as annotate sees them (markers, sidecar, new proposals)."""
    return annotate_path(Path(doc_path), Path(doc_path).parent)


def save_review(doc_path: Path, policy_id: str, rules: list[Rule]) -> Path:
    """Write the reviewed `rules` into the sidecar beside `doc_path` (created if absent)."""
    path = sidecar_path(doc_path)
    y = _yaml()
    data = y.load(path.read_text(encoding="utf-8")) if path.is_file() else None
    if not isinstance(data, CommentedMap):
        data = CommentedMap()
        data["policy_id"] = policy_id
        data.yaml_set_start_comment(HEADER.format(doc=Path(doc_path).name).rstrip("\n"))
    seq = data.get("rules")
    if not isinstance(seq, CommentedSeq):
        seq = CommentedSeq()
        data["rules"] = seq
    index = {str(item.get("id")): item for item in seq if isinstance(item, CommentedMap)}
    for rule in rules:
        fresh = rule_to_map(rule)
        if rule.id in index:
            for key, value in fresh.items():
                index[rule.id][key] = value
        else:
            seq.append(fresh)
    buf = io.StringIO()
    y.dump(data, buf)
    text = buf.getvalue()
    parse_sidecar(path, text)
    tmp = path.with_name("." + path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path


def write_proposals(doc_path: Path) -> Path:
    """`annotate --write` for one document, from the page."""
    return write_sidecar(load_for_review(doc_path))


def lint_document(doc_path: Path) -> list[LintProblem]:
    return lint_paths([Path(doc_path)]).problems


def highlight_quote(text: str, quote: str) -> str:
    """Markdown of `text` with `quote` (whitespace/case-insensitive) wrapped in a highlight."""
    words = quote.split()
    if not words:
        return text
    pattern = r"\s+".join(re.escape(w) for w in words)
    m = re.search(pattern, text, re.IGNORECASE)
    if not m:
        return text
    return f"{text[: m.start()]}:orange-background[{m.group(0)}]{text[m.end():]}"


__all__ = ["highlight_quote", "lint_document", "load_for_review", "save_review", "write_proposals"]
