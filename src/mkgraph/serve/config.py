"""Settings of one running server (from the command line or a test)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkgraph.rdf.iris import DEFAULT_BASE


@dataclass(frozen=True)
class ServeConfig:
    data: tuple[Path, ...]
    base_url: str = DEFAULT_BASE  # the base of the IRIs in the data; /id/x answers for <base>id/x
    queries: Path | None = None  # saved queries (*.rq); None: the project's queries/ folder
    sources: Path | None = None  # source texts; None: the project's sources/ folder
    query_timeout: float = 10.0  # seconds a query may run before 503
    max_results: int = 10_000  # rows (or triples) per answer; more are cut, with a header saying so
    max_body: int = 1_000_000  # bytes of a request body; more gets 413
    workers: int = 2  # query worker processes
    store: Path | None = None  # a record build's on-disk store instead of data: read-only, named graphs as one
    allow_services: tuple[str, ...] = ()  # SERVICE endpoints queries may name (exact IRIs); none by default
    limit_concurrency: int = 200  # requests answered at once (not connections); more get 503
    body_timeout: float = 30.0  # seconds a request body may take to arrive; then 408
