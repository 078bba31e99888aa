"""A question that names several markets is answered once per market, then combined.

Why: a clause's markets are executed against the case's market, and a case has one. "One
campaign across the UK, Germany and France" is three cases: the policy may allow it in two and
forbid it in the third. Answering for the first market named alone (what happened before)
gives that market's verdict for all three. The combination is right by construction:

- the same verdict in every market is that verdict (with the first market's answer);
- different verdicts mean the ad may run only in some of the markets: `restrict`, naming
  which market gets which verdict and why, with every market's evidence cited.

Only when the moderator has not filtered on a market (a filter is the case's market) and the
question lists two to `MAX_MARKETS` countries together ("the UK, Germany and France", "Ireland
or Germany"); markets named apart ("a US company advertising in France") are the advertiser's
home and the case's market, one case; a longer list or a region reads as a region, not a plan.
"""

from __future__ import annotations

import re
from typing import Callable

from policydesk.assistant.rule_run import STRICTNESS
from policydesk.core.markets import find_mentions
from policydesk.core.types import Answer, Citation, Filters

MAX_MARKETS = 5
VERDICT_WORDS = {"approve": "allowed", "restrict": "allowed under conditions", "reject": "not allowed", "escalate": "needs the policy team"}


# What may stand between two countries of one list: commas, "and", "or", "&", "/", "the".
_JOINER = re.compile(r"(?:\s|,|/|&|\+|\band\b|\bor\b|\bthe\b)*", re.IGNORECASE)


def markets_to_split(filters: Filters, question: str) -> list[str]:
    """The markets to answer for one by one, or [] when the question is one case."""
    if filters.market:
        return []
    runs: list[list[str]] = []
    last_end = None
    for m in find_mentions(question):
        if len(m.codes) != 1 or m.codes[0] == "global":
            last_end = None  # a region ("the EU") is not one market of a list
            continue
        if last_end is not None and _JOINER.fullmatch(question[last_end:m.start]):
            runs[-1].append(m.codes[0])
        else:
            runs.append([m.codes[0]])
        last_end = m.end
    listed = [list(dict.fromkeys(r)) for r in runs if len(set(r)) >= 2]
    if len(listed) != 1 or len(listed[0]) > MAX_MARKETS:
        return []
    return listed[0]


def answer_per_market(markets: list[str], filters: Filters, answer_one: Callable[[Filters], Answer]) -> Answer:
    """Answer for each market (`answer_one` with the market set) and combine the answers."""
    answers = [(m, answer_one(filters.model_copy(update={"market": m}))) for m in markets]
    return combine(answers, filters)


def combine(answers: list[tuple[str, Answer]], filters: Filters) -> Answer:
    verdicts = {a.verdict for _, a in answers}
    first = answers[0][1]
    if len(verdicts) == 1:
        out = first.model_copy(deep=True)
        out.filters = filters.to_dict()
        out.answer = f"The same in {_names([m for m, _ in answers])}. {out.answer}"
        out.confidence = min(a.confidence for _, a in answers)
        return out
    # The strictest market's answer is the base: its trace is the one a reviewer must see.
    strictest = max(answers, key=lambda ma: STRICTNESS.get(ma[1].verdict, 1))[1]
    out = strictest.model_copy(deep=True)
    out.filters = filters.to_dict()
    out.verdict = "restrict"
    out.verdict_source = "inferred"
    citations, lines = _merged(answers)
    out.citations = citations
    out.answer = "Depends on the market: " + " ".join(lines)
    out.conditions = [f"only in {_names([m for m, a in answers if a.verdict in ('approve', 'restrict')])}"] + [
        c for _, a in answers if a.verdict == "restrict" for c in a.conditions
    ]
    out.conditions = list(dict.fromkeys(out.conditions))
    out.confidence = min(a.confidence for _, a in answers)
    out.warnings = list(dict.fromkeys(w for _, a in answers for w in a.warnings))
    if out.trace is not None:
        out.trace.reason = "; ".join(f"{m}: {a.verdict}" + (f" ({a.trace.reason})" if a.trace and a.trace.reason else "") for m, a in answers)
    return out


def _merged(answers: list[tuple[str, Answer]]) -> tuple[list[Citation], list[str]]:
    """Every market's citations, renumbered once (a chunk cited for two markets is one
    citation), and one line per market whose [n] markers point at the merged list."""
    merged: list[Citation] = []
    by_chunk: dict[tuple[str, str], int] = {}
    lines: list[str] = []
    for market, a in answers:
        renumber: dict[int, int] = {}
        for c in a.citations:
            key = (c.chunk_id or c.source, c.quote)
            if key not in by_chunk:
                by_chunk[key] = len(merged) + 1
                merged.append(c.model_copy(update={"n": by_chunk[key]}))
            renumber[c.n] = by_chunk[key]
        why = (a.trace.reason if a.trace and a.trace.reason else "").strip() or _first_cited(a.answer)
        why = re.sub(r"\[(\d+)\]", lambda m: f"[{renumber.get(int(m.group(1)), m.group(1))}]", why)
        line = f"{market}: {VERDICT_WORDS.get(a.verdict, a.verdict)}"
        line += f" ({why.rstrip('.')})" if why else ""
        if not re.search(r"\[\d+\]", line) and a.citations:
            line += f" [{renumber[a.citations[0].n]}]"
        lines.append(re.sub(r"\s+", " ", line).strip() + ".")
    return merged, lines


def _first_cited(text: str) -> str:
    """The first sentence of an answer that cites, without the verdict's lead words."""
    for sentence in re.split(r"(?<=[.\]])\s+(?=[A-Z-])", text):
        if re.search(r"\[\d+\]", sentence):
            return sentence.strip(" -")[:240]
    return ""


def _names(markets: list[str]) -> str:
    return ", ".join(markets) if markets else "none of the markets"


__all__ = ["MAX_MARKETS", "answer_per_market", "combine", "markets_to_split"]
