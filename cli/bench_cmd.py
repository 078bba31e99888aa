"""`policydesk bench ...`: each benchmark registers itself from its own module."""

from __future__ import annotations

import typer

bench_app = typer.Typer(help="Benchmarks: performance, cold start, PolicyQA retrieval, rule annotation.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    from policydesk.cli import bench_annotate, bench_cold, bench_perf, bench_policyqa

    for module in (bench_perf, bench_cold, bench_policyqa, bench_annotate):
        module.register(bench_app)
    app.add_typer(bench_app, name="bench")
