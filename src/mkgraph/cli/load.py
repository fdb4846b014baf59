"""mkgraph load: the built dataset into an external SPARQL store (Graph Store Protocol)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from mkgraph.cli._common import EXIT_NOT_OK, PATH, fail, guarded


def register(app: click.Group) -> None:
    app.add_command(load_command)


def _default_data() -> Path:
    from mkgraph.resources import locate

    graph = locate("graph")
    for name in ("dataset.nq", "dataset.trig"):
        if (graph / name).is_file():
            return graph / name
    return graph / "dataset.nq"


@click.command("load")
@click.option("--endpoint", required=True, help="SPARQL query endpoint of the store (Oxigraph: …/query).")
@click.option("--graph-store", default=None, help="Graph Store Protocol URL (default: derived for Oxigraph, …/store).")
@click.option("--auth", default=None, help="user:password for HTTP Basic authentication.")
@click.option("--data", type=PATH, default=None,
              help="N-Quads or TriG with one named graph per resolution (default: graph/dataset.nq or .trig).")
@click.option("--store", type=PATH, default=None,
              help="Read the named graphs from the record's on-disk store instead (mkgraph build: graph/store).")
@click.option("--retries", type=click.IntRange(min=0), default=4, help="Retries per graph, with exponential backoff.")
@guarded
def load_command(endpoint: str, graph_store: str | None, auth: str | None, data: Path | None, store: Path | None,
                 retries: int) -> None:
    """Load the dataset into a store, one named graph per resolution, replacing what is there.

    Exit 1 if the store stopped answering: the loaded and the missing graphs are listed,
    and running the same command again completes the load (PUT replaces, so nothing doubles)."""
    from mkgraph.store import load as loader

    if not endpoint.startswith(("http://", "https://")):
        fail(f"--endpoint: {endpoint!r} is not an http(s) URL")
    if store is not None and data is not None:
        fail("--store: not with --data (one source of graphs)")
    if store is not None and not store.is_dir():
        fail(f"--store: {store} is not a store folder (run 'mkgraph build' first)")
    report = loader.load(store or data or _default_data(), endpoint, graph_store, auth, retries=retries,
                         progress=sys.stderr.isatty())
    print(f"loaded {len(report.loaded)} graph(s), {report.triples} triples")
    if not report.complete:
        print(f"mkgraph: {report.error}", file=sys.stderr)
        print(f"not loaded ({len(report.failed)}): " + " ".join(report.failed), file=sys.stderr)
        if report.loaded:
            print(f"loaded ({len(report.loaded)}): " + " ".join(report.loaded), file=sys.stderr)
        fail("the load is incomplete; run the same command again to complete it", EXIT_NOT_OK)
