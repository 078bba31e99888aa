"""A list nested by indentation is a tree: a nested item holds only where its parents hold.

Why: policies write decision trees as nested bullets ("- Battery above 100 Wh → check the
market: / - FR or a Nordic market → not allowed. / - JP → allowed up to 160 Wh. / - Any other
market → follow the FR rule."). Read item by item, each branch was a rule for every case: the
JP branch's outcome bound a case in FR, the FR branch refused an ad of 50 Wh (the parent's
"above 100 Wh" was lost), and "any other market" held in JP too. Read as a tree:

- a branch whose label (the words before its arrow, or a lead ending in a colon) names only
  markets ("FR or a Nordic market", "Market is JP or KR") holds in those markets; a label
  "any other market" / "all other markets" / "elsewhere" holds in every market but the ones
  its sibling branches name;
- a prohibition nested under a label that states a threshold ("Battery above 100 Wh") holds
  only where the threshold holds: the threshold, read as a prohibition reads it ("above 100 Wh
  → not allowed" leaves 100 Wh or less allowed), is one of its conditions. A permission keeps
  only its own limits: a parent's threshold says where a branch starts, not what it requires
  (a branch's own label is the trigger of its outcome: core/condition_reading.py
  `trigger_limits` reads "Battery at or below 100 Wh → allowed" as "If …, allowed");
- a branch whose label names a property of the case ("Refurbished units → allowed with a
  warranty") is a rule for cases with that property (its `scope`);
- branches asking what kind of thing the case is ("Is the product a consumer drone?" beside
  "Is the product a commercial drone?") are alternatives: the rules under one do not bind a
  case naming the kind another asks about (`Rule.excludes`).

- a "Yes" or "No" branch answers its parent's question ("No (it's a product) → is it a
  professional-use product?" / "- Yes → only to business audiences." / "- No → …"): when the
  question asks what kind of thing the case is, a rule under "Yes" holds only for cases naming
  that kind (its `scope`), a rule under "No" not for them (`Rule.excludes`); read as written,
  the "Yes" branch bound every case, the home-use products its sibling is for included;
- a branch whose outcome only points on ("→ check the concentration limits, the 18+ targeting
  and claims", "→ continue", "→ see Escalation") states no rule of its own: the rules it points
  at are read, and executed, where they are written.

By construction: only the indentation of list markers and the labels' own words are read; a
label naming anything besides markets (a product, a duty) binds no market.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policydesk.core.condition_reading import ARROW, executable_conditions, unit_comparisons
from policydesk.core.markets import find_mentions, markets_in
from policydesk.core.types import Rule

_ITEM = re.compile(r"^([ \t]*)(?:[-*\u2022+]|\d{1,3}[.)]|[a-z][.)])\s+(.*\S)\s*$")
# "Any other market", "All other countries", "Every other market, including …", "Elsewhere",
# "Rest of the world", "Other markets".
_OTHERS = re.compile(
    r"\s*(?:(?:in\s+)?(?:any|all|every)\s+other\s+(?:markets?|countries|regions|jurisdictions)|other\s+(?:markets|countries)"
    r"|(?:in\s+)?(?:all\s+)?(?:the\s+)?remaining\s+(?:markets|countries)|elsewhere|(?:the\s+)?rest\s+of\s+the\s+world)\b(?:\s*,\s*including\b.*)?\s*$",
    re.IGNORECASE,
)
# What a market label may hold besides the markets it names.
_MARKET_FILLER = re.compile(
    r"\b(?:the|an?|or|and|in|for|if|where|when|is|are|any|markets?|countries|country|member|states?|target(?:s|ed|ing)?|ads?|the ad)\b|[,/&():?]",
    re.IGNORECASE,
)
_THRESHOLD_KINDS = ("max:", "min:")


@dataclass(frozen=True)
class _Node:
    line: int  # index in the chunk's lines
    indent: int
    text: str  # the item's text, folded, without its marker
    label: str | None  # the words before its arrow, or a lead before a closing colon or question mark
    parent: int | None  # index into the node list


def _nodes(text: str) -> list[_Node]:
    nodes: list[_Node] = []
    for n, line in enumerate(text.splitlines()):
        m = _ITEM.match(line)
        if not m:
            if line.strip() and not line.startswith((" ", "\t")):
                nodes.append(_Node(n, -1, "", None, None))  # prose ends the list
            continue
        indent = len(m.group(1).expandtabs(4))
        body = " ".join(m.group(2).split())
        arrow = ARROW.search(body)
        if arrow:
            label = body[: arrow.start()]
        elif body.endswith((":", "?")):
            label = body[:-1]
        else:
            label = None
        parent = None
        for k in range(len(nodes) - 1, -1, -1):
            if nodes[k].indent < 0:
                break
            if nodes[k].indent < indent:
                parent = k
                break
        nodes.append(_Node(n, indent, body, label, parent))
    return nodes


def label_markets(label: str) -> list[str] | None:
    """The markets a branch label names when it names nothing else ("FR or a Nordic market",
    "Market is JP or KR"), else None."""
    codes = [c for m in find_mentions(label) for c in m.codes] + markets_in(label)
    if not codes:
        return None
    rest = label
    for m in sorted(find_mentions(label), key=lambda m: -m.start):
        rest = rest[: m.start] + " " + rest[m.end:]
    rest = re.sub(r"\b[A-Z]{2}\b", " ", rest)
    rest = re.sub(r"\b(?:" + "|".join(re.escape(c) for c in set(codes)) + r")\b", " ", rest)
    if re.search(r"[A-Za-z]{2,}", _MARKET_FILLER.sub(" ", rest)):
        return None
    return list(dict.fromkeys(codes))


def other_markets(label: str) -> bool:
    """Does the branch label stand for every market its siblings do not name ("Any other market")?"""
    return bool(_OTHERS.fullmatch(label))


def _markets_of(nodes: list[_Node], k: int) -> tuple[list[str], list[str]] | None:
    """(markets, except markets) of node k's own label, or None when it names no market."""
    label = nodes[k].label
    if label is None:
        return None
    if other_markets(label):
        named: list[str] = []
        for j, sib in enumerate(nodes):
            if j != k and sib.parent == nodes[k].parent and sib.indent == nodes[k].indent and sib.label:
                named += label_markets(sib.label) or []
        return ([], list(dict.fromkeys(named))) if named else None
    codes = label_markets(label)
    return (codes, []) if codes else None


# "Is the product a home-use product?": a branch asking what kind of thing the case is about.
_KIND_QUESTION = re.compile(r"(?:is|are)\s+(?:it|they|the\s+[\w-]+|this\s+[\w-]+)\s+(?:an?\s+)?([\w][\w -]{1,60}?)\s*\??", re.IGNORECASE)


def _asked_kind(label: str | None) -> str | None:
    m = _KIND_QUESTION.fullmatch(label or "")
    return m.group(1) if m else None


def _other_alternatives(nodes: list[_Node], k: int) -> list[str]:
    """The kinds node k's sibling branches ask about, when k asks about a kind too ("Is the
    product a home-use product?" beside "Is the product a professional product?"): the
    alternatives a case under k is not. A case naming one of them is no case of k's branch."""
    if _asked_kind(nodes[k].label) is None:
        return []
    return [kind for j, sib in enumerate(nodes)
            if j != k and sib.parent == nodes[k].parent and sib.indent == nodes[k].indent
            and (kind := _asked_kind(sib.label)) is not None]


# Labels that answer the parent's question or close it, naming no property of the case.
_NO_PROPERTY = re.compile(r"\s*(?:yes|no|otherwise|else|none|unknown|not sure|n/?a|both|either|neither)\s*", re.IGNORECASE)
_FILLER = frozenset({"the", "a", "an", "is", "are", "it", "of", "and", "or", "with", "its", "has", "have", "product", "ad", "ads"})


def _property_label(label: str | None) -> list[str]:
    """The words of a branch label that names what the case has or is ("Peroxide-free",
    "Refurbished units"), the subject its outcome is for; [] for a label naming markets, a
    threshold, a question or an answer to one ("Yes", "Otherwise")."""
    if not label or _NO_PROPERTY.fullmatch(label) or _asked_kind(label) or label.endswith("?"):
        return []
    if label_markets(label) is not None or other_markets(label) or unit_comparisons(label) or re.search(r"\d", label):
        return []
    words = [w.lower() for w in re.findall(r"[A-Za-z][\w-]*", label) if w.lower() not in _FILLER]
    return words if 0 < len(words) <= 4 else []


# An answer to the parent's question: "Yes", "No", "No (it's a product)", "Yes, …".
_ANSWER = re.compile(r"^\W*(yes|no)\b(?:\s*\([^)]*\))?\s*[,.]?\s*$", re.IGNORECASE)
# An outcome that only points on to other rules or questions.
_POINTER = re.compile(r"^\W*(?:check|continue|see|go\s+(?:on\s+)?to|follow|apply|move\s+on|proceed|refer\s+to|read|next\s+question)\b[^;?]*$", re.IGNORECASE)


def _question(node: _Node) -> str | None:
    """The question a node asks its branches: the words after its arrow, or its whole text,
    when they end in a question mark."""
    arrow = ARROW.search(node.text)
    asked = node.text[arrow.end():].strip() if arrow else node.text
    return asked[:-1].strip() if asked.endswith("?") else None


def _answer_kind(nodes: list[_Node], j: int) -> tuple[str, str] | None:
    """("yes" | "no", kind) when node j answers its parent's question about what kind of thing
    the case is ("is it a professional-use product?"), else None."""
    node = nodes[j]
    answer = _ANSWER.match(node.label or "")
    if answer is None or node.parent is None or (asked := _question(nodes[node.parent])) is None:
        return None
    kind = re.sub(r"^(?:for|about|of)\s+(?:an?\s+|the\s+)?", "", _asked_kind(asked) or "", flags=re.IGNORECASE)  # "is the ad for a service"
    return (answer.group(1).lower(), kind) if kind else None


def _points_on(node: _Node) -> bool:
    """Does the branch's outcome only point at other rules ("→ check the claims")?"""
    arrow = ARROW.search(node.text)
    if arrow is None:
        return False
    outcome = node.text[arrow.end():].strip()
    return bool(_POINTER.match(outcome)) and len(re.findall(r"[.!]\s+\S", outcome)) == 0


def _kind_words(kind: str) -> list[str]:
    """The words naming an asked kind ("professional-use product" -> ["professional-use"])."""
    return [w.lower() for w in re.findall(r"[A-Za-z][\w-]*", kind) if w.lower() not in _FILLER]


def _node_of(nodes: list[_Node], quote: str) -> int | None:
    folded = " ".join(quote.split()).lstrip("-*\u2022+ ")
    for k, node in enumerate(nodes):
        if node.text and folded and folded[:60] in node.text:
            return k
    return None


def _chain(nodes: list[_Node], k: int) -> list[int]:
    out = [k]
    while nodes[out[-1]].parent is not None:
        out.append(nodes[out[-1]].parent)  # type: ignore[arg-type]
    return out


def read_tree(text: str, rules: list[Rule]) -> list[Rule]:
    """The rules of a clause with each rule stated in a nested list item bound by its branch:
    the markets of the nearest label naming markets, and for a prohibition the thresholds of
    the labels above it (see the module doc). Rules outside a list come back unchanged."""
    if not rules or "\n" not in text:
        return rules
    nodes = _nodes(text)
    if not any(n.parent is not None for n in nodes):
        return rules
    out: list[Rule] = []
    for rule in rules:
        k = _node_of(nodes, rule.quote)
        if k is None:
            out.append(rule)
            continue
        if _points_on(nodes[k]):
            continue  # "→ check the claims": the rules it points at are read where they are written
        chain = _chain(nodes, k)
        update: dict = {}
        answers = [a for j in chain if (a := _answer_kind(nodes, j)) is not None]
        if answers and answers[0][0] == "yes" and not rule.scope and (asked := _kind_words(answers[0][1])):
            # The nearest question's kind: a scope binds a case naming any of its words, so the
            # kinds of questions further up (which the case must also be) would widen it.
            update["scope"] = asked
        if not rule.markets and not rule.except_markets:
            for j in chain:
                if (found := _markets_of(nodes, j)) is not None:
                    update["markets"], update["except_markets"] = found
                    break
        if not rule.scope and "scope" not in update and (own := _property_label(nodes[k].label)):
            update["scope"] = own
        others = [kind for j in chain for kind in _other_alternatives(nodes, j)] + [kind for answer, kind in answers if answer == "no"]
        if others := [kind for kind in dict.fromkeys(others) if kind not in rule.excludes]:
            update["excludes"] = list(rule.excludes) + others
        if rule.decision == "reject":
            extra = [c for j in chain[1:] if nodes[j].label
                     for c in executable_conditions(nodes[j].label, "reject") if c.startswith(_THRESHOLD_KINDS)]
            if extra := [c for c in dict.fromkeys(extra) if c not in rule.conditions]:
                update["conditions"] = list(rule.conditions) + extra
        out.append(rule.model_copy(update=update) if update else rule)
    return out


__all__ = ["label_markets", "other_markets", "read_tree"]
