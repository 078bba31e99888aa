"""Which files a run over some paths looks at: one walk for ingest, annotate and lint.

Each command used to walk folders its own way, and all of them passed over a symbolic link
that points nowhere without a word, so a policy that a moderator expected to be indexed was
simply missing. Here such a link is a `broken` entry every caller reports as an ERROR.
Hidden files and folders (names starting with ".") are not policy and are never walked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from policydesk.core.sidecar import is_sidecar
from policydesk.ingest.loaders import is_supported


@dataclass
class Walk:
    documents: list[tuple[Path, Path]] = field(default_factory=list)  # (file, root the source is named from)
    sidecars: list[Path] = field(default_factory=list)
    unsupported: list[Path] = field(default_factory=list)
    broken: list[tuple[Path, str]] = field(default_factory=list)  # (path, reason): dangling links
    missing: list[Path] = field(default_factory=list)  # named paths that do not exist
    roots: list[Path] = field(default_factory=list)  # folders walked (resolved)


def dangling_reason(path: Path) -> str | None:
    """Why `path` cannot be read when it is a symbolic link to nothing, else None."""
    if path.is_symlink() and not path.exists():
        try:
            target = path.readlink()
        except OSError:
            target = Path("?")
        return f"symbolic link to {target}, which does not exist; fix the link or remove it"
    return None


def walk(paths: Iterable[Path]) -> Walk:
    """Sort everything under `paths` into documents, sidecars, unsupported and broken files."""
    out = Walk()
    for p in paths:
        p = Path(p)
        reason = dangling_reason(p)
        if reason:
            out.broken.append((p, reason))
            continue
        if not p.exists():
            out.missing.append(p)
            continue
        if p.is_dir():
            out.roots.append(p.resolve())
            for f in sorted(p.rglob("*")):
                if any(part.startswith(".") for part in f.relative_to(p).parts):
                    continue
                reason = dangling_reason(f)
                if reason:
                    out.broken.append((f, reason))
                elif f.is_file():
                    _sort(f, p, out)
        else:
            _sort(p, p.parent, out)
    return out


def _sort(f: Path, root: Path, out: Walk) -> None:
    if is_sidecar(f):
        out.sidecars.append(f)
    elif is_supported(f):
        out.documents.append((f, root))
    else:
        out.unsupported.append(f)


__all__ = ["Walk", "dangling_reason", "walk"]
