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


def cost_curve_png(rows: list[dict]) -> bytes:
    """`bench perf` cost curve: latency (left) and peak RSS (right) against store size, log x,
    policydesk beside LangChain's retriever; the issue's targets drawn as dotted lines."""
    rows = sorted((r for r in rows if r.get("size")), key=lambda r: r["size"])
    sizes = [r["size"] for r in rows]
    fig, (lat, mem) = plt.subplots(1, 2, figsize=(10, 4))
    series = [
        ("retrieval_p50_ms", "policydesk retrieval p50", "-o"),
        ("retrieval_p95_ms", "policydesk retrieval p95", "-s"),
        ("answer_p95_ms", "policydesk answer p95", "-^"),
        ("langchain_p95_ms", "LangChain retriever p95", "--x"),
    ]
    for key, label, style in series:
        pts = [(s, r[key]) for s, r in zip(sizes, rows) if r.get(key) is not None]
        if pts:
            lat.plot(*zip(*pts), style, label=label)
    for y, text in ((20, "20 ms (retrieval, 100k)"), (50, "50 ms (retrieval, 1M)"), (100, "100 ms (answer, 100k)")):
        lat.axhline(y, color="grey", linestyle=":", linewidth=0.8)
        lat.annotate(text, (sizes[0] if sizes else 1, y), fontsize=7, color="grey", va="bottom")
    lat.set(xscale="log", yscale="log", xlabel="chunks in store", ylabel="ms", title="latency")
    lat.legend(fontsize=7)
    for key, label, style in (("peak_rss_mb", "policydesk query process", "-o"), ("langchain_peak_rss_mb", "LangChain query process", "--x"), ("store_mb", "store on disk", "-.d")):
        pts = [(s, r[key]) for s, r in zip(sizes, rows) if r.get(key) is not None]
        if pts:
            mem.plot(*zip(*pts), style, label=label)
    mem.axhline(4096, color="grey", linestyle=":", linewidth=0.8)
    mem.annotate("4 GB (RSS, 1M)", (sizes[0] if sizes else 1, 4096), fontsize=7, color="grey", va="bottom")
    mem.set(xscale="log", xlabel="chunks in store", ylabel="MB", title="peak RSS and store size")
    mem.legend(fontsize=7)
    return _png(fig)
