"""What the moderator chat needs besides rendering: filter choices, turns, badges, highlighting.

Kept free of Streamlit so it can be tested directly and reused by other front ends.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from policydesk.core.calibration import route_reason
from policydesk.core.store import Catalog
from policydesk.core.types import GLOBAL_MARKET, Answer, Citation, Filters
from policydesk.core.versions import in_force

ANY = "(any)"

VERDICT_STYLE: dict[str, tuple[str, str, str]] = {
    # verdict: (label, background colour, what it means for the moderator)
    "approve": ("APPROVE", "#2e7d32", "can run as is"),
    "restrict": ("RESTRICT", "#e65100", "can run only under the conditions below"),
    "reject": ("REJECT", "#c62828", "cannot run"),
    "escalate": ("ESCALATE", "#6a1b9a", "no clear guidance: send to the policy team"),
}
SOURCE_TEXT = {"declared": "declared in the policy", "inferred": "inferred from the policy wording"}

ESCALATION_ADVICE = (
    "No clear guidance in the policies for this case. Do not decide it yourself: send it to the "
    "policy team (with the ad, the market and this question). It has been recorded as a coverage "
    "gap for the policy writers."
)


@dataclass
class FilterOptions:
    """Choices for the sidebar filters, read from the documents in the store."""

    markets: list[str]
    business_lines: list[str]
    policies: list[tuple[str, str]]  # (policy_id, title)


def filter_options(catalog: Catalog) -> FilterOptions:
    docs = list(catalog.documents.values())
    markets: set[str] = set()
    for c in catalog.chunks.values():
        markets.update(m.upper() for m in c.markets if m.lower() != GLOBAL_MARKET)
    for d in docs:
        markets.update(m.upper() for m in d.markets if m.lower() != GLOBAL_MARKET)
    lines = sorted({d.business_line for d in docs if d.business_line})
    current = in_force(docs)
    titles: dict[str, str] = {}
    for d in sorted(docs, key=lambda d: d.source not in current):
        if d.policy_id and d.policy_id not in titles:
            titles[d.policy_id] = d.title or d.policy_id
    return FilterOptions(sorted(markets), lines, sorted(titles.items(), key=lambda kv: kv[1].lower()))


def make_filters(market: str | None, business_line: str | None, as_of: date | None, policy_id: str | None) -> Filters:
    """Sidebar values to `Filters`; the "(any)" choice and empty values mean no filter."""

    def clean(v):
        return None if v in (None, "", ANY) else v

    return Filters(market=clean(market), business_line=clean(business_line), as_of=as_of, policy_id=clean(policy_id))


@dataclass
class Turn:
    """One question in the conversation with what came back (an answer or an error)."""

    question: str
    filters: dict
    answer: Answer | None = None
    error: str | None = None
    query_id: int | None = None
    feedback: dict | None = None  # what the moderator sent, once sent
    extra: dict = field(default_factory=dict)


def history_of(turns: list[Turn]) -> list[tuple[str, str]]:
    """(question, answer text) pairs for follow-ups; failed turns carry no context."""
    return [(t.question, t.answer.answer) for t in turns if t.answer is not None]


class AnswerStream:
    """Wrap `stream_ask` so the page can `st.write_stream` the text and keep the final Answer."""

    def __init__(self, pieces: Iterator):
        self._pieces = pieces
        self.answer: Answer | None = None

    def text(self) -> Iterator[str]:
        for piece in self._pieces:
            if isinstance(piece, Answer):
                self.answer = piece
            elif piece:
                yield piece


def badge(answer: Answer) -> tuple[str, str, str]:
    """(label, colour, caption): the label says whether the verdict was declared or inferred."""
    label, colour, meaning = VERDICT_STYLE.get(answer.verdict, (answer.verdict.upper(), "#616161", ""))
    source = SOURCE_TEXT.get(answer.verdict_source, "")
    return label, colour, " · ".join(x for x in (meaning, source) if x)


def badge_html(answer: Answer) -> str:
    label, colour, caption = badge(answer)
    return (
        '<div class="pd-verdict" style="display:flex;gap:.6rem;align-items:center;flex-wrap:wrap">'
        f'<span class="pd-verdict-label" style="background:{colour};color:#fff;font-weight:700;padding:.2rem .75rem;'
        f'border-radius:999px;letter-spacing:.05em;font-size:1rem">{html.escape(label)}</span>'
        f'<span class="pd-verdict-source" style="color:#555;font-size:.9rem">{html.escape(caption)}</span></div>'
    )


ROUTE_STYLE: dict[str, tuple[str, str]] = {
    # route: (label, colour)
    "auto": ("AUTO", "#1b5e20"),
    "review": ("REVIEW", "#455a64"),
}


def route_badge_html(answer: Answer) -> str:
    """The route (auto: enforcement may act; review: a human decides), the confidence and why."""
    label, colour = ROUTE_STYLE.get(answer.route, (answer.route.upper(), "#616161"))
    return (
        '<div class="pd-route" style="display:flex;gap:.6rem;align-items:center;flex-wrap:wrap;margin-top:.3rem">'
        f'<span class="pd-route-label" style="border:2px solid {colour};color:{colour};font-weight:700;padding:.05rem .6rem;'
        f'border-radius:999px;letter-spacing:.05em;font-size:.85rem">{html.escape(label)}</span>'
        f'<span class="pd-confidence" style="color:#555;font-size:.85rem">confidence {answer.confidence:.2f} · '
        f"{html.escape(route_reason(answer))}</span></div>"
    )


def _fold_index(text: str, quote: str) -> tuple[int, int] | None:
    """Where `quote` sits in `text`, ignoring case and whitespace runs (for LLM-echoed quotes)."""
    words = quote.split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words)
    m = re.search(pattern, text, re.I)
    return (m.start(), m.end()) if m else None


def highlight_html(text: str, quote: str) -> tuple[str, bool]:
    """The passage as escaped HTML with the quoted sentence(s) marked; False if the quote is not in it.

    Policy text is never trusted as markup: everything is escaped before the <mark> is added.
    """
    span = None
    if quote:
        i = text.find(quote)
        span = (i, i + len(quote)) if i >= 0 else _fold_index(text, quote)
    if span is None:
        return _block(html.escape(text)), False
    a, b = span
    body = html.escape(text[:a]) + "<mark>" + html.escape(text[a:b]) + "</mark>" + html.escape(text[b:])
    return _block(body), True


def _block(body: str) -> str:
    return (
        '<div class="pd-passage" style="white-space:pre-wrap;line-height:1.5;font-size:0.95rem">'
        f"{body}</div>"
    )


def citation_label(c: Citation) -> str:
    """`[n] source · clause · section · p. N · v1.2`, the line on an expander."""
    parts = [c.source]
    if c.clause_id:
        parts.append(c.clause_id)
    if c.section:
        parts.append(c.section)
    if c.page:
        parts.append(f"p. {c.page}")
    if c.version:
        parts.append(f"v{c.version}")
    return f"[{c.n}] " + " · ".join(parts)


def filters_caption(filters: dict) -> str:
    if not filters:
        return "no filters"
    names = {"market": "market", "business_line": "business line", "as_of": "as of", "policy_id": "policy"}
    return " · ".join(f"{names.get(k, k)} {v}" for k, v in filters.items())
