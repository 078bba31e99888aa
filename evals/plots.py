"""Report figures as PNG bytes (matplotlib, headless), so the HTML report can embed them."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buf, format="png", dpi=110)
    plt.close(fig)
    return buf.getvalue()


def confusion_png(labels: list[str], matrix: list[list[int]]) -> bytes:
    """Expected decisions down, actual across; counts written in the cells."""
    fig, ax = plt.subplots(figsize=(4.8, 4.0))
    ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(len(labels)), labels, rotation=30, ha="right")
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlabel("actual")
    ax.set_ylabel("expected")
    top = max((v for row in matrix for v in row), default=0)
    for i, row in enumerate(matrix):
        for j, v in enumerate(row):
            ax.text(j, i, str(v), ha="center", va="center", color="white" if top and v > top / 2 else "black")
    ax.set_title("Decision confusion matrix")
    return _png(fig)


MAX_TAGS = 30


def per_tag_png(per_tag: dict[str, dict], metrics: tuple[str, ...] = ("decision_accuracy", "evidence_recall_at_5")) -> bytes:
    """Grouped horizontal bars per tag (the MAX_TAGS largest); undefined values are empty bars."""
    tags = sorted(per_tag, key=lambda t: (-per_tag[t]["n_cases"], t))[:MAX_TAGS]
    fig, ax = plt.subplots(figsize=(7.0, 1.2 + 0.32 * len(tags)))
    h = 0.8 / max(1, len(metrics))
    for k, name in enumerate(metrics):
        vals = [per_tag[t].get(name) or 0.0 for t in tags]
        ax.barh([i + k * h for i in range(len(tags))], vals, height=h, label=name)
    ax.set_yticks([i + h * (len(metrics) - 1) / 2 for i in range(len(tags))], [f"{t} ({per_tag[t]['n_cases']})" for t in tags])
    ax.margins(y=0.01)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=len(metrics), fontsize=8, frameon=False)
    more = len(per_tag) - len(tags)
    ax.set_xlabel("share" + (f" ({more} smaller tags in the table)" if more > 0 else ""))
    return _png(fig)


def root_causes_png(counts: dict[str, int]) -> bytes:
    fig, ax = plt.subplots(figsize=(6.0, 2.8))
    names = list(counts)
    ax.barh(names, [counts[n] for n in names], color="#c0504d")
    ax.invert_yaxis()
    for i, n in enumerate(names):
        ax.text(counts[n], i, f" {counts[n]}", va="center")
    ax.set_xlabel("cases")
    ax.set_title("Root causes of misses")
    return _png(fig)
