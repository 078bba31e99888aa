"""`policydesk bench perf`: ingest and query benchmarks against plain LangChain (evals/perf.py)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from policydesk.cli.common import console, err_console, friendly_errors


def register(bench_app: typer.Typer) -> None:
    bench_app.command("perf")(perf)


def _fmt(v, nd: int = 1) -> str:
    return "n/a" if v is None else f"{v:,.{nd}f}"


def _ratio(a, b) -> str:
    return "n/a" if a is None or not b else f"{a / b:.2f}x"


@friendly_errors
def perf(
    out: Path = typer.Option(None, "--out", help="Write the figures as JSON here (details go to <stem>.details.json)."),
    sizes: str = typer.Option("10000,100000", "--sizes", help="Store sizes for the query benchmark, comma-separated."),
    server_sizes: str = typer.Option(
        "100000", "--server-sizes",
        help="Of --sizes, those also measured through a Chroma server (`chroma run` on loopback, empty local store); '' for none.",
    ),  # fmt: skip
    workdir: Path = typer.Option(None, "--workdir", help="Keep the benchmark's corpus and stores here (default: a temp dir, removed)."),
    reuse_ingest: bool = typer.Option(
        False, "--reuse-ingest", help="Take the ingest figures and store of an earlier run in --workdir instead of measuring them again."
    ),
    keep_stores: bool = typer.Option(
        False, "--keep-stores", help="Keep the synthetic stores in --workdir and reuse one an earlier run finished building (its build figures are reported as measured then)."
    ),
    ingest_pairs: int = typer.Option(
        3, "--ingest-pairs", min=1,
        help="Ingest runs, each followed by encode-only on the same texts; the pair with the median ratio is reported (the encoder's speed drifts between runs).",
    ),  # fmt: skip
    only: str = typer.Option(
        "all", "--only",
        help="'ingest': only the ingest phases (policydesk, encode-only, LangChain); no synthetic stores or queries.",
    ),  # fmt: skip
) -> None:
    """Ingest throughput, query latency, peak memory and store size per store size, vs plain LangChain; PNG cost curve."""
    from policydesk.evals.perf import parse_sizes, run_perf, write_outputs

    if only not in ("all", "ingest"):
        from policydesk.core.errors import InputError

        raise InputError(f"--only {only!r}: write --only ingest (or leave it out for every phase)")
    size_list = parse_sizes(sizes)
    server_list = parse_sizes(server_sizes, default=(), flag="--server-sizes")
    if set(server_list) - set(size_list):
        from policydesk.core.errors import InputError

        raise InputError(f"--server-sizes {server_sizes} must be among --sizes {sizes}: the server copy is made of the built store")
    checkpoint = None
    if out is not None:
        import json

        partial_path = out.with_name(out.stem + ".partial.json")
        out.parent.mkdir(parents=True, exist_ok=True)

        def checkpoint(figures: dict) -> None:  # a stopped run keeps what it measured
            partial_path.write_text(json.dumps(figures, indent=2, default=str) + "\n")

    if (reuse_ingest or keep_stores) and workdir is None:
        from policydesk.core.errors import InputError

        raise InputError("--reuse-ingest and --keep-stores need --workdir (the directory of the earlier run)")
    if only == "ingest":
        size_list, server_list = (), ()
    run = run_perf(
        sizes=size_list, log=lambda m: err_console.print(m, highlight=False), checkpoint=checkpoint,
        workdir=workdir, reuse_ingest=reuse_ingest, keep_stores=keep_stores, server_sizes=server_list,
        ingest_pairs=ingest_pairs,
    )  # fmt: skip
    r, d = run.result, run.details
    lc = r.langchain_baseline

    table = Table("measure", "policydesk", "LangChain", "policydesk / LangChain", title="policydesk bench perf")
    table.add_row("ingest chunks/s", _fmt(r.ingest.chunks_per_s), _fmt(lc.ingest_chunks_per_s), _ratio(r.ingest.chunks_per_s, lc.ingest_chunks_per_s))
    table.add_row("encode-only chunks/s (ONNX, the encoder in use)", _fmt(r.ingest.encode_only_chunks_per_s), "", "")
    torch_ref = d["ingest"]["encode_only"].get("torch_reference") or {}
    table.add_row("encode-only chunks/s (torch, reference)", _fmt(torch_ref.get("chunks_per_s")), "", "")
    table.add_row("ingest peak RSS MB", _fmt(r.ingest.peak_rss_mb, 0), _fmt(d["ingest"]["langchain"].get("peak_rss_mb"), 0), "")
    ratios = d.get("ratios", {})
    table.add_row(
        "ingest / encode-only by CPU time", _fmt(ratios.get("cpu_ingest_vs_encode_only"), 2), "",
        f"by CPU time {_fmt(ratios.get('cpu_ingest_vs_langchain'), 2)}x",
    )
    table.add_row("ingest chars/s vs LangChain", "", "", f"{_fmt(ratios.get('chars_per_s_ingest_vs_langchain'), 2)}x")
    table.add_row("unchanged re-ingest s", _fmt(d["ingest"]["policydesk"]["reingest_seconds"], 3), "", "")
    for label, q in d["query"].items():
        pd, lq = q["policydesk"], q["langchain"]
        table.add_row(
            f"retrieval p50 / p95 ms @{label}",
            f"{_fmt(pd['retrieval']['p50_ms'])} / {_fmt(pd['retrieval']['p95_ms'])}",
            f"{_fmt(lq['retrieval']['p50_ms'])} / {_fmt(lq['retrieval']['p95_ms'])}",
            _ratio(pd["retrieval"]["p95_ms"], lq["retrieval"]["p95_ms"]) + " (p95)",
        )
        table.add_row(f"answer p95 ms @{label}", _fmt(pd["answer"]["p95_ms"]), "", pd.get("answer_error") or "")
        table.add_row(f"query peak RSS MB @{label}", _fmt(pd.get("peak_rss_mb"), 0), _fmt(lq.get("peak_rss_mb"), 0), "")
        sv = q.get("policydesk_server")
        if sv:
            same = sv.get("answers_equal_embedded") or {}
            table.add_row(
                f"Chroma server: retrieval p50 / p95 ms @{label}", f"{_fmt(sv['retrieval']['p50_ms'])} / {_fmt(sv['retrieval']['p95_ms'])}",
                "", _ratio(sv["retrieval"]["p95_ms"], pd["retrieval"]["p95_ms"]) + " of embedded (p95)",
            )  # fmt: skip
            table.add_row(
                f"Chroma server: answer p95 ms @{label}", _fmt(sv["answer"]["p95_ms"]), "",
                f"answers equal embedded {same.get('equal')}/{same.get('of')}",
            )  # fmt: skip
            table.add_row(
                f"Chroma server: load s / first question s (sync) @{label}",
                f"{_fmt(sv['load']['seconds'])} / {_fmt(sv.get('first_query_seconds'))} ({_fmt(sv.get('sync_seconds'))})", "", "",
            )  # fmt: skip
    console.print(table)

    curve = Table(
        "chunks", "store MB", "retrieval p50 / p95 ms", "answer p50 / p95 ms", "peak RSS MB", "LangChain p50 / p95 ms",
        "server retrieval p50 / p95 ms", "server answer p50 / p95 ms", title="cost curve",
    )  # fmt: skip
    for row in d.get("curve", []):
        curve.add_row(
            f"{row['size']:,}", _fmt(row["store_mb"], 0),
            f"{_fmt(row['retrieval_p50_ms'])} / {_fmt(row['retrieval_p95_ms'])}",
            f"{_fmt(row['answer_p50_ms'])} / {_fmt(row['answer_p95_ms'])}",
            _fmt(row["peak_rss_mb"], 0), f"{_fmt(row['langchain_p50_ms'])} / {_fmt(row['langchain_p95_ms'])}",
            f"{_fmt(row['server_retrieval_p50_ms'])} / {_fmt(row['server_retrieval_p95_ms'])}",
            f"{_fmt(row['server_answer_p50_ms'])} / {_fmt(row['server_answer_p95_ms'])}",
        )  # fmt: skip
    console.print(curve)

    targets = Table("target", "measured", "limit", "result", title="targets")
    for t in run.targets:
        verdict = "[yellow]not measured[/]" if t.passed is None else ("[green]PASS[/]" if t.passed else "[red]MISS[/]")
        targets.add_row(t.name, _fmt(t.value, 3), t.limit, verdict)
    console.print(targets)
    m = r.machine
    console.print(
        f"machine: {m.get('cpu')} · {m.get('cores')} cores · {m.get('ram_gb')} GB · load {m.get('load_avg_at_start')} · "
        f"python {m.get('python')} · torch {m.get('torch')} · chromadb {m.get('chromadb')} · "
        f"sentence-transformers {m.get('sentence_transformers')}",
        highlight=False,
    )
    if out is not None:
        details = write_outputs(run, out)
        partial_path.unlink(missing_ok=True)
        console.print(f"wrote {out}, {details} and {out.with_suffix('.png')}", highlight=False)
