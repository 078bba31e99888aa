"""Rule sidecars: `<document>.rules.yaml` beside a policy document (the rules issue's contract).

Ingest reads a sidecar with `load_sidecar(doc_path)` and pins its rules onto the chunks their
quotes fall in with `attach_rules(chunks, rules)`. A broken sidecar must never be silently
ignored, because a writer who confirmed a rule expects it to be in force: every structural
problem is a `DocumentError` whose message starts `<sidecar>:<line>:` so an editor can jump
there. Vocabulary problems (unknown market codes, unknown condition names, quotes that no
longer occur) are *not* errors here; `policydesk lint` reports those, so one typo does not
take a whole document out of the index.

PyYAML's composer is used instead of `safe_load` because it keeps the line of every node.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from policydesk.core.errors import DocumentError
from policydesk.core.textfold import fold
from policydesk.core.types import RULE_DECISIONS, Chunk, Rule

SIDECAR_SUFFIX = ".rules.yaml"
RULE_STATUSES: tuple[str, ...] = ("proposed", "confirmed", "rejected", "stale")
TOP_LEVEL_KEYS: tuple[str, ...] = ("policy_id", "rules")
RULE_KEYS: tuple[str, ...] = tuple(Rule.model_fields)
LIST_KEYS = ("markets", "except_markets", "conditions", "scope")
# Rules that the answerer may use; a rejected reading is wrong and a stale one has lost its text.
ACTIVE_STATUSES = ("proposed", "confirmed")


def sidecar_path(doc_path: str | Path) -> Path:
    """`gambling.md` -> `gambling.md.rules.yaml` (the full name, so `x.md` and `x.txt` never collide)."""
    p = Path(doc_path)
    return p.with_name(p.name + SIDECAR_SUFFIX)


def is_sidecar(path: str | Path) -> bool:
    return Path(path).name.endswith(SIDECAR_SUFFIX)


@dataclass
class Sidecar:
    """A parsed sidecar with the line of each rule and field, for lint messages and editors."""

    path: Path
    policy_id: str | None
    rules: list[Rule]
    rule_lines: list[int] = field(default_factory=list)  # 1-based line of each rule's first key
    field_lines: list[dict[str, int]] = field(default_factory=list)  # per rule: field -> line

    def line_of(self, index: int, key: str | None = None) -> int:
        if key and index < len(self.field_lines) and key in self.field_lines[index]:
            return self.field_lines[index][key]
        return self.rule_lines[index] if index < len(self.rule_lines) else 1


def _err(path: Path, line: int, problem: str) -> DocumentError:
    return DocumentError(f"{path}:{line}", problem)


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _scalar(path: Path, node: yaml.Node, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise _err(path, _line(node), f"{what} must be a single value, not a list or mapping")
    return node.value


def _string_list(path: Path, node: yaml.Node, key: str) -> list[str]:
    if isinstance(node, yaml.ScalarNode):
        if node.value in ("", "~", "null") and node.tag.endswith(":null"):
            return []
        raise _err(path, _line(node), f"'{key}' must be a list, e.g. {key}: [GB, IE]")
    if not isinstance(node, yaml.SequenceNode):
        raise _err(path, _line(node), f"'{key}' must be a list, e.g. {key}: [GB, IE]")
    out = []
    for item in node.value:
        out.append(_scalar(path, item, f"each entry of '{key}'").strip())
    return out


def _mapping_items(path: Path, node: yaml.MappingNode, what: str) -> list[tuple[str, yaml.Node, int]]:
    seen: dict[str, int] = {}
    items = []
    for knode, vnode in node.value:
        key = _scalar(path, knode, f"a key in {what}")
        if key in seen:
            raise _err(path, _line(knode), f"duplicate key '{key}' in {what} (first on line {seen[key]})")
        seen[key] = _line(knode)
        items.append((key, vnode, _line(knode)))
    return items


def _parse_rule(path: Path, node: yaml.Node, index: int) -> tuple[Rule, int, dict[str, int]]:
    where = f"rule #{index + 1}"
    if not isinstance(node, yaml.MappingNode):
        raise _err(path, _line(node), f"{where} must be a mapping with id, quote, decision, ...")
    data: dict[str, object] = {}
    lines: dict[str, int] = {}
    for key, vnode, kline in _mapping_items(path, node, where):
        lines[key] = kline
        if key not in RULE_KEYS:
            raise _err(path, kline, f"unknown field '{key}' in {where}; allowed: {', '.join(RULE_KEYS)}")
        if key in LIST_KEYS:
            data[key] = _string_list(path, vnode, key)
            continue
        value = _scalar(path, vnode, f"'{key}'")
        if key == "decision" and value not in RULE_DECISIONS:
            raise _err(path, kline, f"decision '{value}' is not one of {' | '.join(RULE_DECISIONS)}")
        if key == "status" and value not in RULE_STATUSES:
            raise _err(path, kline, f"status '{value}' is not one of {' | '.join(RULE_STATUSES)}")
        if key == "confidence":
            try:
                conf = float(value)
            except ValueError:
                raise _err(path, kline, f"confidence '{value}' must be a number between 0 and 1") from None
            if not 0.0 <= conf <= 1.0:
                raise _err(path, kline, f"confidence {conf} must be between 0 and 1")
            data[key] = conf
            continue
        data[key] = value
    for required in ("id", "quote", "decision"):
        if not str(data.get(required) or "").strip():
            raise _err(path, _line(node), f"{where} has no '{required}'; every rule needs id, quote and decision")
    try:
        rule = Rule(**data)
    except Exception as exc:  # pydantic's message is multi-line; keep the first useful line
        raise _err(path, _line(node), f"{where} is invalid: {str(exc).splitlines()[-1].strip()}") from None
    return rule, _line(node), lines


def parse_sidecar(path: str | Path, text: str) -> Sidecar:
    """Validate sidecar text; raise `DocumentError('<path>:<line>', problem)` on the first problem."""
    path = Path(path)
    try:
        root = yaml.compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise _err(path, line, f"malformed YAML: {exc.problem or exc.context}; fix the syntax there") from None
    except yaml.YAMLError as exc:
        raise _err(path, 1, f"malformed YAML: {exc}") from None
    if root is None:
        return Sidecar(path=path, policy_id=None, rules=[])
    if not isinstance(root, yaml.MappingNode):
        raise _err(path, _line(root), "a sidecar must be a mapping with 'policy_id' and 'rules'")
    policy_id: str | None = None
    rules: list[Rule] = []
    rule_lines: list[int] = []
    field_lines: list[dict[str, int]] = []
    for key, vnode, kline in _mapping_items(path, root, "the sidecar"):
        if key not in TOP_LEVEL_KEYS:
            raise _err(path, kline, f"unknown top-level field '{key}'; allowed: {', '.join(TOP_LEVEL_KEYS)}")
        if key == "policy_id":
            value = _scalar(path, vnode, "'policy_id'")
            policy_id = None if vnode.tag.endswith(":null") else (value.strip() or None)
            continue
        if isinstance(vnode, yaml.ScalarNode) and vnode.tag.endswith(":null"):
            continue
        if not isinstance(vnode, yaml.SequenceNode):
            raise _err(path, _line(vnode), "'rules' must be a list of rules (each item starts with '- id:')")
        ids: dict[str, int] = {}
        for i, rnode in enumerate(vnode.value):
            rule, rline, lines = _parse_rule(path, rnode, i)
            if rule.id in ids:
                raise _err(path, rline, f"duplicate rule id '{rule.id}' (first on line {ids[rule.id]})")
            ids[rule.id] = rline
            rules.append(rule)
            rule_lines.append(rline)
            field_lines.append(lines)
    return Sidecar(path=path, policy_id=policy_id, rules=rules, rule_lines=rule_lines, field_lines=field_lines)


def read_sidecar(path: str | Path) -> Sidecar:
    """Parse the sidecar file at `path` (the sidecar itself, not the document)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise _err(path, 1, f"not UTF-8 text ({exc.reason}); save it as UTF-8") from None
    except OSError as exc:
        raise DocumentError(str(path), f"cannot read sidecar: {exc.strerror or exc}") from None
    return parse_sidecar(path, text)


def load_sidecar(doc_path: str | Path) -> list[Rule]:
    """The rules beside `doc_path`, or [] when it has no sidecar. Raises DocumentError if broken."""
    sp = sidecar_path(doc_path)
    if not sp.is_file():
        return []
    return read_sidecar(sp).rules


def sidecar_bytes(doc_path: str | Path) -> bytes:
    """The sidecar's raw bytes (b'' when absent), for ingest to fold into the document hash."""
    sp = sidecar_path(doc_path)
    return sp.read_bytes() if sp.is_file() else b""


def attach_rules(chunks: list[Chunk], rules: list[Rule]) -> list[Chunk]:
    """Copies of `chunks` with each active rule on every chunk whose text contains its quote.

    A quote inside the overlap of two chunks lands on both, so whichever one retrieval finds
    carries the rule. Rejected and stale rules are left off: the writer has said they do not
    hold, or their text is gone. A chunk's existing rules are kept (Markdown clause markers
    may already have produced some) and never duplicated by id.
    """
    active = [r for r in rules if r.status in ACTIVE_STATUSES]
    if not active:
        return list(chunks)
    folded = [fold(c.text) for c in chunks]
    out: list[Chunk] = []
    for chunk, text in zip(chunks, folded):
        have = {r.id for r in chunk.rules}
        extra = [r for r in active if r.id not in have and (q := fold(r.quote)) and q in text]
        out.append(chunk.model_copy(update={"rules": [*chunk.rules, *extra]}) if extra else chunk)
    return out


__all__ = [
    "ACTIVE_STATUSES",
    "RULE_STATUSES",
    "SIDECAR_SUFFIX",
    "Sidecar",
    "attach_rules",
    "is_sidecar",
    "load_sidecar",
    "parse_sidecar",
    "read_sidecar",
    "sidecar_bytes",
    "sidecar_path",
]
