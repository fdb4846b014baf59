"""The Python API: run a saved query (or your own .rq file) and get rows back.

    >>> from mkgraph.api import run_query
    >>> rows = run_query("demands", addressee="Bund")
    >>> rows.columns, rows.records()[0]["quote"], rows.to_csv()
    >>> rows.to_pandas()                      # a DataFrame (pip install 'mkgraph[pandas]')

Keyword arguments are the query's parameters (see ``mkgraph query show NAME``).
"""

from __future__ import annotations

from pathlib import Path

from mkgraph.query import catalogue as queries, remote
from mkgraph.query import local as oxstore, safety
from mkgraph.errors import InputError
from mkgraph.resources import locate
from mkgraph.query.results import Result

DEFAULT_DATA = "dataset.nt"


def default_data() -> list[Path]:
    from mkgraph import atomic

    path = locate("graph") / DEFAULT_DATA
    if atomic.interrupted(path.parent.parent):
        raise InputError(str(path.parent), "a build was interrupted while replacing these files; "
                         "run `mkgraph build` to finish it")
    if not path.is_file():
        raise InputError(str(path), "no built graph; run `mkgraph build` or pass data files")
    return [path]


def run_query(
    name: str,
    *,
    data: list[str | Path] | None = None,
    endpoint: str | None = None,
    store: str | Path | None = None,
    queries_folder: Path | None = None,
    allow_services: tuple[str, ...] = (),
    **params: object,
) -> Result:
    """Run a saved query by name (or a .rq path) and return its Result.

    data: RDF files to query (default: the committed graph/dataset.nt); endpoint: a SPARQL
    endpoint URL instead of local files; store: the on-disk store of a record build
    (`<out>/graph/store/`), read-only, its named graphs queried as one. A paginated
    listing takes ``page=N`` (1-based); ``result.next_page`` says whether there is more.
    Parameter values are checked and written in as terms (docs/queries.md). A query run on
    local data or a store may name in SERVICE only the endpoints in allow_services (exact
    IRIs; none by default): mkgraph.query.safety.
    """
    return run(name, params, data=data, endpoint=endpoint, store=store, queries_folder=queries_folder,
               allow_services=allow_services)


def to_pandas(name: str, **kwargs: object):
    """run_query(name, **kwargs) as a pandas DataFrame (optional extra ``mkgraph[pandas]``):

        >>> mkgraph.to_pandas("demands-by-addressee-and-field").pivot_table(
        ...     index="addressee", columns="actionField", values="demands", fill_value=0)
    """
    return run_query(name, **kwargs).to_pandas()


def run(
    name: str,
    params: dict[str, object],
    *,
    data: list[str | Path] | None = None,
    endpoint: str | None = None,
    store: str | Path | None = None,
    queries_folder: Path | None = None,
    allow_services: tuple[str, ...] | list[str] = (),
) -> Result:
    """run_query with the parameters as a dict (any name, even "data" or "endpoint")."""
    query = queries.find(name, queries_folder)
    values = {k: ("true" if v is True else "false" if v is False else str(v)) for k, v in params.items()}
    values, page = queries.page_number(query, values)
    bindings = queries.bind(query, values)
    allowed = safety.check_allowed(allow_services)
    too_big = safety.limit_problem(query.text)  # before any parser: deep nesting crashes pyoxigraph's
    if too_big:
        raise InputError(str(query.path), too_big)
    oxstore.check_syntax(query)
    given = [n for n, v in (("--data", data), ("--endpoint", endpoint), ("--store", store)) if v]
    if len(given) > 1:
        raise InputError(given[1], f"give one of --data, --endpoint, --store, not {' and '.join(given)}")
    if endpoint:
        return remote.run(endpoint, query, bindings, page)
    # On an endpoint, SERVICE is that server's business; here it would be ours to fetch.
    if store:
        return oxstore.run(oxstore.open_record(store), query, bindings, page, union=True, allow_services=allowed)
    if data:  # the user's files: with the vocabulary, and counts of what they hold
        store = oxstore.load_cached([Path(d) for d in data], complete=True)
    else:  # the built graph carries both
        store = oxstore.load_cached(default_data())
    return oxstore.run(store, query, bindings, page, allow_services=allowed)
