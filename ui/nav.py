"""The app's navigation: which pages exist, for whom, in what order.

Pages are grouped by the three kinds of users. A page another team owns plugs in by adding
its file under `pages/` with a name listed in `OPTIONAL` (for example the rules review page,
`pages/rules_review.py`): it appears in its section when the file exists, without edits here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

HERE = Path(__file__).parent
ENTRY = HERE / "pages" / "main.py"


def page_path(relative: str) -> str:
    """Absolute path of a page, as st.page_link / st.switch_page want it from any entry script."""
    return str(HERE / relative)


@dataclass(frozen=True)
class PageSpec:
    path: str  # relative to ui/
    title: str
    icon: str
    url: str
    default: bool = False
    visible: bool = True


SECTIONS: dict[str, list[PageSpec]] = {
    "Moderator": [
        PageSpec("pages/chat.py", "Ask policydesk", ":material/chat:", "chat", default=True),
        PageSpec("pages/document.py", "Policy documents", ":material/description:", "document"),
    ],
    "QA lead": [
        PageSpec("pages/eval_run.py", "Run an eval", ":material/play_circle:", "eval"),
        PageSpec("pages/eval_runs.py", "Eval runs", ":material/analytics:", "runs"),
        PageSpec("pages/eval_compare.py", "Compare runs", ":material/compare_arrows:", "compare"),
        PageSpec("pages/feedback_inbox.py", "Feedback inbox", ":material/inbox:", "inbox"),
    ],
    "Policy writer": [
        PageSpec("pages/coverage.py", "Coverage", ":material/grid_on:", "coverage"),
        PageSpec("pages/gaps.py", "Gaps", ":material/help_center:", "gaps"),
        PageSpec("pages/conflicts.py", "Conflicts", ":material/call_split:", "conflicts"),
    ],
}

# Pages owned by other issues; listed when their file exists.
OPTIONAL: dict[str, list[PageSpec]] = {
    "Policy writer": [PageSpec("pages/rules_review.py", "Rules review", ":material/gavel:", "rules")],
}


def page_specs() -> dict[str, list[PageSpec]]:
    out = {section: list(specs) for section, specs in SECTIONS.items()}
    for section, specs in OPTIONAL.items():
        out.setdefault(section, []).extend(s for s in specs if (HERE / s.path).exists())
    return out


def build_pages() -> dict[str, list]:
    return {
        section: [
            st.Page(
                str(HERE / s.path),
                title=s.title,
                icon=s.icon,
                url_path=s.url,
                default=s.default,
                visibility="visible" if s.visible else "hidden",
            )
            for s in specs
        ]
        for section, specs in page_specs().items()
    }
