"""What the policy writer's review page does, as plain functions (the page only renders).

`save_review` applies a writer's decisions (confirm, edit, reject) to the sidecar: an edited
rule replaces its entry field by field so comments and order around it survive; a rule not
yet in the sidecar is appended. The result is validated before it replaces the file, and a
condition outside the vocabulary (core/conditions.py) refuses the whole save with the
parser's message: a sidecar the answerer cannot execute must not be confirmed.
`edit_rule` turns the page's text fields into a Rule plus the problems to show beside them.
`highlight_quote` marks a rule's quote in the section text for display.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from policydesk.core.conditions import ConditionSyntaxError, parse_condition
from policydesk.core.errors import InputError
from policydesk.core.sidecar import parse_sidecar, sidecar_path
from policydesk.core.types import Rule
from policydesk.rules.annotate import DocumentRules, annotate_path
from policydesk.rules.lint import LintProblem, lint_paths
from policydesk.rules.sidecar_write import HEADER, rule_to_map, sidecar_yaml, write_sidecar


def load_for_review(doc_path: Path) -> DocumentRules:
    """The document's rules as annotate sees them (markers, sidecar, new proposals)."""
    return annotate_path(Path(doc_path), Path(doc_path).parent)


def split_list(text: str) -> list[str]:
    """Comma- or line-separated values, stripped, empty ones and repeats dropped, order kept."""
    out: list[str] = []
    for part in re.split(r"[,\n]", text or ""):
        v = part.strip()
        if v and v not in out:
            out.append(v)
    return out


def conditions_from_text(text: str) -> tuple[list[str], list[str]]:
    """One condition a line (those the parser accepts); and the parser's message for each bad one.

    Lines, not commas, separate conditions: `min_age:21@US,MY` and `only_markets:GB,IE` hold commas.
    """
    good: list[str] = []
    problems: list[str] = []
    for no, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        cond = " ".join(line.split())  # kept as the writer typed it, so a save does not rewrite every rule
        try:
            parse_condition(cond)
        except ConditionSyntaxError as exc:
            problems.append(f"condition line {no}: {exc}")
            continue
        if cond not in good:
            good.append(cond)
    return good, problems


def condition_problems(rule: Rule) -> list[str]:
    """The parser's message for every condition of `rule` outside the vocabulary."""
    out = []
    for cond in rule.conditions:
        try:
            parse_condition(cond)
        except ConditionSyntaxError as exc:
            out.append(f"{rule.id}: {exc}")
    return out


def edit_rule(
    rule: Rule,
    *,
    decision: str,
    markets: str,
    except_markets: str,
    scope: str,
    overrides: str,
    conditions: str,
    status: str,
    known_ids: set[str] | frozenset[str] = frozenset(),
) -> tuple[Rule, list[str]]:
    """The rule as the writer edited it on the page, and what is wrong with the edit.

    Bad conditions are left out of the returned rule and named in the problems, so the page
    can show the parser's message and `save_review` is never handed them.
    """
    conds, problems = conditions_from_text(conditions)
    over = overrides.strip() or None
    if over is not None and over == rule.id:
        problems.append(f"overrides: {over} is this rule; name the broader rule this exception narrows")
        over = None
    elif over is not None and known_ids and over not in known_ids:
        problems.append(f"overrides: {over} is not a rule of this document; use one of {', '.join(sorted(known_ids))}")
        over = None
    edited = rule.model_copy(
        update={
            "decision": decision,
            "markets": [m.upper() for m in split_list(markets)],
            "except_markets": [m.upper() for m in split_list(except_markets)],
            "scope": split_list(scope),
            "overrides": over,
            "conditions": conds,
            "status": status,
        }
    )
    return edited, problems


def save_review(doc_path: Path, policy_id: str, rules: list[Rule]) -> Path:
    """Write the reviewed `rules` into the sidecar beside `doc_path` (created if absent).

    Raises InputError, writing nothing, when a rule carries a condition outside the vocabulary.
    """
    bad = [p for rule in rules for p in condition_problems(rule)]
    if bad:
        raise InputError("not saved: " + "; ".join(bad))
    path = sidecar_path(doc_path)
    y = sidecar_yaml()
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
            if "overrides" not in fresh and "overrides" in index[rule.id]:
                del index[rule.id]["overrides"]  # the writer removed the exception link
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


__all__ = [
    "condition_problems",
    "conditions_from_text",
    "edit_rule",
    "highlight_quote",
    "lint_document",
    "load_for_review",
    "save_review",
    "split_list",
    "write_proposals",
]
