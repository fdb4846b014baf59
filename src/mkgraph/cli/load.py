"""mkgraph load: the built dataset into an external SPARQL store (Graph Store Protocol)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from mkgraph.cli._common import EXIT_NOT_OK, fail, guarded


def register(app: typer.Typer) -> None:
    app.command("load")(load_command)


def _default_data() -> Path:
    from mkgraph.resources import locate

    graph = locate("graph")
    for name in ("dataset.nq", "dataset.trig"):
        if (graph / name).is_file():
            return graph / name
    return graph / "dataset.nq"


@guarded
def load_command(
    endpoint: str = typer.Option(..., "--endpoint", help="SPARQL query endpoint of the store (Oxigraph: …/query)."),
    graph_store: Optional[str] = typer.Option(
        None, "--graph-store", help="Graph Store Protocol URL (default: derived for Oxigraph, …/store)."),
    auth: Optional[str] = typer.Option(None, "--auth", help="user:password for HTTP Basic authentication."),
    data: Optional[Path] = typer.Option(
        None, "--data", help="N-Quads or TriG with one named graph per resolution (default: graph/dataset.nq or .trig)."),
    store: Optional[Path] = typer.Option(
        None, "--store", help="Read the named graphs from the record's on-disk store instead (mkgraph build: graph/store)."),
    retries: int = typer.Option(4, "--retries", min=0, help="Retries per graph, with exponential backoff."),
) -> None:
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
