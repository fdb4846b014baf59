"""mkgraph serve: the graph as a SPARQL endpoint, a saved-query API and pages, on uvicorn."""

from __future__ import annotations

from pathlib import Path

import click

from mkgraph.cli._common import PATH, Command, fail, guarded
from mkgraph.errors import InputError


def _default_data() -> list[Path]:
    from mkgraph import resources

    from mkgraph import atomic

    graph = resources.locate("graph")
    if atomic.interrupted(graph.parent):
        raise InputError(str(graph), "a build was interrupted while replacing these files; "
                         "run `mkgraph build` to finish it")
    for name in ("dataset.nt", "dataset.ttl"):
        if (graph / name).is_file():
            return [graph / name]
    raise InputError("--data", f"no graph file given and none built in {graph} (run mkgraph build)")


def _enough_files(connections: int) -> None:
    """Raise the open-files limit to fit the connections (+ room for workers, data, logs)."""
    import resource

    need = connections + 128
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < need:
        if hard != resource.RLIM_INFINITY and hard < need:
            raise InputError("--max-connections", f"{connections} connections need {need} open files; "
                             f"the limit is {hard} (ulimit -n)")
        resource.setrlimit(resource.RLIMIT_NOFILE, (need, hard))


def register(app: click.Group) -> None:
    app.add_command(serve)


@click.command("serve", cls=Command, context_settings={"show_default": True})
@click.argument("more_data", nargs=-1, type=PATH, metavar="[FILE]...")
@click.option("--host", default="127.0.0.1", help="interface to listen on")
@click.option("--port", type=int, default=8000, help="TCP port")
@click.option("--data", type=PATH, multiple=True, help="RDF file(s) to serve (default: graph/dataset.nt)")
@click.option("--store", type=PATH, default=None, help="serve a record build's on-disk store (graph/store/) instead, "
              "read-only, its named graphs as one")
@click.option("--base-url", default="https://w3id.org/mkgraph/",
              help="base of the IRIs in the data; /id/... answers for <base>id/...")
@click.option("--queries", type=PATH, default=None, help="folder of saved queries (default: queries/)")
@click.option("--sources", type=PATH, default=None, help="folder of source texts (default: sources/)")
@click.option("--timeout", type=float, default=10.0, help="seconds a query may run before 503")
@click.option("--max-results", type=int, default=10_000, help="rows or triples per answer")
@click.option("--max-body", type=int, default=1_000_000, help="bytes of a request body")
@click.option("--workers", type=int, default=2, help="query worker processes")
@click.option("--limit-concurrency", type=int, default=200, help="requests answered at once; more get 503")
@click.option("--max-connections", type=int, default=1000,
              help="open connections; beyond, the oldest one not being answered is closed")
@click.option("--header-timeout", type=float, default=10.0,
              help="seconds a connection has to send a request's headers; then 408 and closed")
@click.option("--body-timeout", type=float, default=30.0, help="seconds a request's body may take to arrive; then 408")
@click.option("--access-log/--no-access-log", default=True, help="log every request")
@click.option("--allow-service", multiple=True, help="a SERVICE endpoint (exact IRI) queries may name; repeat for "
              "several; default none: SERVICE refused")
@guarded
def serve(more_data: tuple[Path, ...], host: str, port: int, data: tuple[Path, ...], store: Path | None,
          base_url: str, queries: Path | None, sources: Path | None, timeout: float, max_results: int,
          max_body: int, workers: int, limit_concurrency: int, max_connections: int, header_timeout: float,
          body_timeout: float, access_log: bool, allow_service: tuple[str, ...]) -> None:
    """Serve the graph: SPARQL at /sparql, saved queries at /api/queries, pages at /."""
    import uvicorn

    from mkgraph.query.safety import check_allowed
    from mkgraph.rdf.iris import Iris
    from mkgraph.serve.app import create_app
    from mkgraph.serve.config import ServeConfig
    from mkgraph.serve.connguard import protocol

    Iris(base_url)  # validates --base-url
    for name, value in (("--timeout", timeout), ("--max-results", max_results), ("--max-body", max_body),
                        ("--workers", workers), ("--limit-concurrency", limit_concurrency),
                        ("--max-connections", max_connections), ("--header-timeout", header_timeout),
                        ("--body-timeout", body_timeout)):
        if value <= 0:
            raise InputError(name, "must be positive")
    if not 0 < port < 65536:
        raise InputError("--port", f"{port} is not a TCP port")
    for folder, name in ((queries, "--queries"), (sources, "--sources")):
        if folder is not None and not folder.is_dir():
            raise InputError(name, f"{folder} is not a folder")
    if more_data and not data:
        raise InputError(str(more_data[0]), "unexpected extra argument; data files follow --data")
    data = list(data or []) + list(more_data or [])
    if store is not None and data:
        raise InputError("--store", "give either --data or --store, not both")
    files = () if store is not None else tuple(Path(p).resolve() for p in (data or _default_data()))
    cfg = ServeConfig(files, base_url, queries, sources, timeout, max_results, max_body, workers,
                      store=store.resolve() if store is not None else None,
                      allow_services=check_allowed(list(allow_service)), limit_concurrency=limit_concurrency,
                      body_timeout=body_timeout)
    _enough_files(max_connections)
    app_ = create_app(cfg)  # loads and checks the data before the port is taken
    try:
        # uvicorn's own limit_concurrency counts connections (half-open ones too): off;
        # RequestLimit counts requests, the protocol bounds connections and header time
        uvicorn.run(app_, host=host, port=port, http=protocol(header_timeout, max_connections),
                    access_log=access_log, timeout_keep_alive=5, log_level="info")
    except OSError as err:
        fail(f"--port: cannot listen on {host}:{port}: {err.strerror}")
