"""Reading what a chat model replied, whatever shape it came in.

Models, small ones above all, do not keep to a format: JSON arrives inside code fences,
with chatter around it, with `"decision"` instead of `"verdict"`, numbers as strings;
plain-text replies say "Verdict: **Reject**." The parser accepts all of that and reports
what it could not read, but it never judges: whether the verdict is in the vocabulary and
the citations are real is llm_validate's job, so every reply goes through the same checks.
"""

from __future__ import annotations

import json
import re

from pydantic import BaseModel, Field

from policydesk.core.types import DECISIONS


class ModelReply(BaseModel):
    """What the model said, as read; nothing here is trusted yet."""

    verdict: str = ""
    answer: str = ""
    cited: list[int] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)  # how the reply had to be read


_VERDICT_KEYS = ("verdict", "decision", "ruling", "outcome", "result")
_ANSWER_KEYS = ("answer", "short_answer", "explanation", "reason", "reasoning", "text", "response")
_CITED_KEYS = ("cited", "citations", "cites", "passages", "used", "numbers", "sources", "references", "relied_on")

_FENCE_RE = re.compile(r"```(?:json|JSON)?\s*(.*?)```", re.DOTALL)
_INT_RE = re.compile(r"\d{1,4}")
_MARKER_RE = re.compile(r"\[(\d{1,4})\]")
_LABEL = r"^[ \t>*_#-]*\**\s*{name}\s*\**\s*[:=\-–]\s*\**"
_VERDICT_LINE = re.compile(_LABEL.format(name=r"(?:final\s+)?(?:verdict|decision)") + r"\s*([A-Za-z_\-]+)", re.IGNORECASE | re.MULTILINE)
_ANSWER_LINE = re.compile(_LABEL.format(name=r"(?:short\s+)?answer"), re.IGNORECASE | re.MULTILINE)
_CITED_LINE = re.compile(
    _LABEL.format(name=r"(?:cited|citations?|passages(?:\s+used)?|used|numbers|sources|relied\s+on)") + r"(.*)$",
    re.IGNORECASE | re.MULTILINE,
)
_ANY_LABEL = re.compile(
    _LABEL.format(name=r"(?:(?:final\s+)?verdict|decision|(?:short\s+)?answer|cited|citations?|passages(?:\s+used)?|used|numbers|sources|relied\s+on)"),
    re.IGNORECASE | re.MULTILINE,
)

_INFLECTIONS = {
    "approved": "approve", "approves": "approve",
    "restricted": "restrict", "restricts": "restrict",
    "rejected": "reject", "rejects": "reject",
    "escalated": "escalate", "escalates": "escalate",
}


def normalise_verdict(raw: str) -> str:
    """Lower-case, strip markup, fold inflections; anything else is returned as is (and later refused)."""
    word = re.sub(r"[^a-z]", "", (raw or "").strip().lower())
    return _INFLECTIONS.get(word, word)


def cited_numbers(value) -> list[int]:
    """Numbers from whatever the model put under `cited`: 2, "2", "[2]", "passage 2", {"n": 2}."""
    out: list[int] = []
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, bool):
            continue
        if isinstance(item, int):
            out.append(item)
        elif isinstance(item, float) and item.is_integer():
            out.append(int(item))
        elif isinstance(item, str):
            out.extend(int(x) for x in _INT_RE.findall(item))
        elif isinstance(item, dict):
            for key in ("n", "number", "id", "passage", "index"):
                if key in item:
                    out.extend(cited_numbers(item[key]))
                    break
    return out


def markers(text: str) -> list[int]:
    """The [n] markers in answer text, in order of appearance."""
    return [int(x) for x in _MARKER_RE.findall(text or "")]


def _json_candidates(text: str) -> list[str]:
    cands = [m.group(1) for m in _FENCE_RE.finditer(text)]
    start = text.find("{")
    while start != -1:
        depth, in_str, esc = 0, False, False
        for i in range(start, len(text)):
            c = text[i]
            if in_str:
                if esc:
                    esc = False
                elif c == "\\":
                    esc = True
                elif c == '"':
                    in_str = False
            elif c == '"':
                in_str = True
            elif c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    cands.append(text[start : i + 1])
                    break
        start = text.find("{", start + 1) if not cands else -1
    return cands


def _from_mapping(data: dict) -> ModelReply | None:
    lowered = {str(k).strip().lower(): v for k, v in data.items()}
    verdict = next((lowered[k] for k in _VERDICT_KEYS if k in lowered), None)
    answer = next((lowered[k] for k in _ANSWER_KEYS if k in lowered), None)
    cited = next((lowered[k] for k in _CITED_KEYS if k in lowered), None)
    if verdict is None and answer is None:
        return None
    return ModelReply(
        verdict=normalise_verdict(str(verdict)) if verdict is not None else "",
        answer=str(answer).strip() if answer is not None else "",
        cited=cited_numbers(cited) if cited is not None else [],
    )


def parse_json_reply(text: str) -> ModelReply | None:
    for cand in _json_candidates(text):
        try:
            data = json.loads(cand)
        except ValueError:
            continue
        if isinstance(data, dict):
            reply = _from_mapping(data)
            if reply is not None:
                return reply
    return None


def parse_text_reply(text: str) -> ModelReply:
    """Labelled lines ("Verdict: reject", "Answer: ...", "Cited: 1, 3"), else free prose."""
    reply = ModelReply()
    vm = _VERDICT_LINE.search(text)
    if vm:
        reply.verdict = normalise_verdict(vm.group(1))
    else:
        # A reply that opens with a vocabulary word ("Reject. Ads for ...") says its verdict.
        first = re.match(r"\W*([A-Za-z]+)", text)
        if first and normalise_verdict(first.group(1)) in DECISIONS:
            reply.verdict = normalise_verdict(first.group(1))
    am = _ANSWER_LINE.search(text)
    if am:
        rest = text[am.end() :]
        nxt = _ANY_LABEL.search(rest)
        reply.answer = (rest[: nxt.start()] if nxt else rest).strip().strip("*").strip()
    else:
        kept = [ln for ln in text.splitlines() if not _ANY_LABEL.match(ln)]
        reply.answer = "\n".join(kept).strip()
        if reply.answer:
            reply.notes.append("reply had no ANSWER label; its prose was taken as the answer")
    for cm in _CITED_LINE.finditer(text):
        reply.cited.extend(int(x) for x in _INT_RE.findall(cm.group(1)))
    return reply


def parse_reply(text: str) -> ModelReply:
    """JSON first (fenced or bare), then labelled text, then prose."""
    text = (text or "").strip()
    if not text:
        return ModelReply(notes=["the model returned an empty reply"])
    reply = parse_json_reply(text)
    if reply is not None:
        return reply
    if text.lstrip().startswith("{") or "```" in text:
        salvaged = _salvage_json(text)
        if salvaged is not None:
            return salvaged
    return parse_text_reply(text)


_JSON_VERDICT = re.compile(r'"(?:%s)"\s*:\s*"([^"]*)"' % "|".join(_VERDICT_KEYS), re.IGNORECASE)
_JSON_ANSWER = re.compile(r'"(?:%s)"\s*:\s*"((?:[^"\\]|\\.)*)' % "|".join(_ANSWER_KEYS), re.IGNORECASE)
_JSON_CITED = re.compile(r'"(?:%s)"\s*:\s*\[([^\]]*)' % "|".join(_CITED_KEYS), re.IGNORECASE)


def _salvage_json(text: str) -> ModelReply | None:
    """Broken JSON (cut off at the token limit, a stray quote): read the fields one by one."""
    v, a, c = _JSON_VERDICT.search(text), _JSON_ANSWER.search(text), _JSON_CITED.search(text)
    if not (v or a):
        return None
    answer = ""
    if a:
        try:
            answer = json.loads('"' + a.group(1) + '"')
        except ValueError:
            answer = a.group(1)
    return ModelReply(
        verdict=normalise_verdict(v.group(1)) if v else "",
        answer=answer.strip(),
        cited=[int(x) for x in _INT_RE.findall(c.group(1))] if c else [],
        notes=["reply was broken JSON; its fields were read one by one"],
    )


class AnswerTextStream:
    """Turns streamed model text in the labelled-lines format into the answer text alone.

    The moderator should see the answer grow, not "VERDICT:" headers or the citation list.
    A label can be split across chunks, so a few characters are held back until it is
    clear they are not the start of the next label. A model that ignores the format and
    writes prose is passed through as it comes.
    """

    HOLD = 16

    def __init__(self) -> None:
        self.buf = ""
        self.sent = 0  # characters of the answer section already emitted
        self.mode: str | None = None  # None = undecided, "labelled", "prose"

    def feed(self, piece: str) -> str:
        self.buf += piece or ""
        return self._emit(final=False)

    def flush(self) -> str:
        return self._emit(final=True)

    def _emit(self, final: bool) -> str:
        if self.mode is None:
            if _ANY_LABEL.search(self.buf):
                self.mode = "labelled"
            elif len(self.buf.strip()) > 40 or final:
                self.mode = "prose"
            else:
                return ""
        if self.mode == "prose":
            section, done = self.buf.lstrip(), final
        else:
            am = _ANSWER_LINE.search(self.buf)
            if not am:
                return ""
            rest = self.buf[am.end() :]
            nxt = _ANY_LABEL.search(rest)
            section, done = (rest[: nxt.start()], True) if nxt else (rest, final)
            section = section.lstrip()  # stable once the first visible character has arrived
        if done:
            section = section.rstrip()
        upto = len(section) if done else max(0, len(section) - self.HOLD)
        out = section[self.sent : upto] if upto > self.sent else ""
        self.sent = max(self.sent, upto)
        return out
