"""Two files claiming the same policy id and version: say so, and say which one answers.

Both would otherwise be indexed without a word, and which one a moderator's answer quotes
would depend on the version rule's tie-breaks (core/versions.py). Lint reports the same
pair as `duplicate-version`; ingest, where the files enter the store, names it too.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations

from policydesk.core.types import DocumentRecord
from policydesk.core.versions import in_force, policy_key


def duplicate_version_warnings(documents: Iterable[DocumentRecord]) -> list[tuple[str, str]]:
    """(source, message) for every pair of documents sharing policy id and version."""
    docs = sorted(documents, key=lambda d: d.source)
    current = in_force(docs)
    groups: dict[tuple[str, str], list[DocumentRecord]] = {}
    for d in docs:
        if d.policy_id:
            groups.setdefault((policy_key(d), d.version or ""), []).append(d)
    out: list[tuple[str, str]] = []
    for (_, version), group in groups.items():
        for a, b in combinations(group, 2):
            if not version and a.effective_date != b.effective_date:
                continue  # unnumbered versions told apart by their dates
            shown = f"version {version}" if version else "no version"
            answering = [d.source for d in (a, b) if d.source in current]
            if len(answering) == 2:
                who = "both are in force and both answer"
            elif answering:
                who = f"{answering[0]} answers (in force today)"
            else:
                who = "neither is in force today"
            out.append(
                (b.source, f"same policy_id {b.policy_id} and {shown} as {a.source}; {who}; give each version its own number and effective date")
            )
    return out


__all__ = ["duplicate_version_warnings"]
