"""The Python API: run a saved query (or your own .rq file) and get rows back.

    >>> from mkgraph.api import run_query
    >>> rows = run_query("demands", addressee="Bund")
    >>> rows.columns, rows.records()[0]["quote"], rows.to_csv()

Keyword arguments are the query's parameters (see ``mkgraph query show NAME``).
"""

from __future__ import annotations

from pathlib import Path

from mkgraph import queries, remote, store
from mkgraph.errors import InputError
from mkgraph.resources import locate
from mkgraph.results import Result

DEFAULT_DATA = "dataset.nt"


def default_data() -> list[Path]:
    path = locate("graph") / DEFAULT_DATA
    if not path.is_file():
        raise InputError(str(path), "no built graph; run `mkgraph build` or pass data files")
    return [path]


def run_query(
    name: str,
    *,
    data: list[str | Path] | None = None,
    endpoint: str | None = None,
    queries_folder: Path | None = None,
    **params: object,
) -> Result:
    """Run a saved query by name (or a .rq path) and return its Result.

    data: RDF files to query (default: the committed graph/dataset.nt); endpoint: a SPARQL
    endpoint URL instead of local files. Parameter values are bound, never pasted.
    """
    return run(name, params, data=data, endpoint=endpoint, queries_folder=queries_folder)


def run(
    name: str,
    params: dict[str, object],
    *,
    data: list[str | Path] | None = None,
    endpoint: str | None = None,
    queries_folder: Path | None = None,
) -> Result:
    """run_query with the parameters as a dict (any name, even "data" or "endpoint")."""
    query = queries.find(name, queries_folder)
    values = {k: ("true" if v is True else "false" if v is False else str(v)) for k, v in params.items()}
    bindings = queries.bind(query, values)
    store.check_syntax(query)
    if endpoint:
        if data:
            raise InputError("--data", "give either data files or an endpoint, not both")
        return remote.run(endpoint, query, bindings)
    files = [Path(d) for d in data] if data else default_data()
    return store.run(store.load_cached(files), query, bindings)
