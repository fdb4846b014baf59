"""Load RDF files into an embedded pyoxigraph Store and run saved queries on it.

pyoxigraph answers our queries in milliseconds where rdflib's memory store takes
seconds to minutes (see DESIGN.md), so local runs use it. Parameter values are checked
terms (queries.to_term) written into the query as escaped SPARQL terms by the same
token-level substitution the remote runner uses (remote.substitute): each value is only
ever one term. pyoxigraph's own ``substitutions`` (SEP-0007) give the same rows, but
its planner then sees a variable where there is a constant and starts the joins from
the wrong end: `provenance` took 2.9 s instead of 1 ms on 3.8 M triples.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from mkgraph.errors import InputError
from mkgraph.query import safety
from mkgraph.query.catalogue import Query, Term, next_page_probe, paged_text
from mkgraph.query.remote import substitute
from mkgraph.query.results import Result, from_ox_solutions, from_ox_triples, paged

# By extension; what pyoxigraph cannot read (TriX, HexTuples …) goes through rdflib.
_OX_FORMATS = {
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".n3": ox.RdfFormat.N3,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
}
_RDFLIB_FORMATS = {".trix": "trix", ".hext": "hext"}


def _load_one(store: ox.Store, path: Path) -> None:
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError(str(path), "no such data file")
    try:
        if suffix in _OX_FORMATS:
            store.load(path=str(path), format=_OX_FORMATS[suffix])
        elif suffix in _RDFLIB_FORMATS:
            from rdflib import Dataset

            ds = Dataset()
            ds.parse(str(path), format=_RDFLIB_FORMATS[suffix])
            store.load(ds.serialize(format="nquads").encode("utf-8"), format=ox.RdfFormat.N_QUADS)
        else:
            known = ", ".join(sorted(_OX_FORMATS) + sorted(_RDFLIB_FORMATS))
            raise InputError(str(path), f"unknown RDF format {suffix or '(no extension)'!r}; known: {known}")
    except InputError:
        raise
    except (SyntaxError, ValueError, OSError, Exception) as err:  # noqa: BLE001 - any parser error is bad input
        msg = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise InputError(str(path), f"cannot read as RDF: {msg}") from None


def load(files: list[Path] | tuple[Path, ...], complete: bool = False) -> ox.Store:
    """A fresh in-memory store holding the triples of all files (default graph).

    complete: also the vocabulary, and the whole-dataset tallies counted from the files'
    statements (query.complete): files the user gives answer like the built graph.
    """
    store = ox.Store()
    for f in files:
        _load_one(store, Path(f))
    if complete:
        from mkgraph.query.complete import complete as add_vocabulary_and_tallies

        add_vocabulary_and_tallies(store)
    return store


@lru_cache(maxsize=4)
def _cached(key: tuple[tuple[str, int, int], ...], complete: bool) -> ox.Store:
    return load([Path(k[0]) for k in key], complete)


def load_cached(files: list[Path] | tuple[Path, ...], complete: bool = False) -> ox.Store:
    """Like load, but reuses a store for the same unchanged files (the Python API calls
    run_query repeatedly; re-parsing the graph each time would dominate)."""
    key = []
    for f in files:
        p = Path(f).resolve()
        if not p.is_file():
            raise InputError(str(f), "no such data file")
        st = p.stat()
        key.append((str(p), st.st_mtime_ns, st.st_size))
    return _cached(tuple(key), complete)


def _syntax_error(query: Query, err: Exception) -> InputError:
    msg = str(err).strip().splitlines()[0]
    # pyoxigraph reports "error at LINE:COLUMN: …"; keep it, it points into the file.
    return InputError(str(query.path), f"SPARQL syntax error {msg.removeprefix('error ')}")


def check_syntax(query: Query) -> None:
    """Raise InputError (with line and column) if the query does not parse.

    pyoxigraph has no parse-only call, and it calls a SERVICE endpoint as soon as the query is
    started, even on an empty store; so a text that may name SERVICE is parsed by rdflib instead.
    """
    if safety.might_name_service(query.text):
        try:
            safety.services(query.text)
        except safety.Unparseable as err:
            raise InputError(str(query.path), f"SPARQL syntax error: {err}") from None
        return
    try:
        ox.Store().query(query.text)
    except SyntaxError as err:
        raise _syntax_error(query, err) from None


@lru_cache(maxsize=2)
def _open_record(path: str, mtime_ns: int) -> ox.Store:
    return ox.Store.read_only(path)


def open_record(path: Path | str) -> ox.Store:
    """The on-disk store of a record build (`<out>/graph/store/`), opened read-only.

    Its triples are in named graphs (one per resolution, one shared, one vocabulary), so
    queries on it must read their union: run(…, union=True).
    """
    from mkgraph.store.state import unfinished

    p = Path(path)
    if not p.is_dir():
        raise InputError(f"--store {path}", "no such store folder")
    dirty = unfinished(p)
    if dirty:
        raise InputError(f"--store {path}", dirty)
    try:
        return _open_record(str(p.resolve()), p.stat().st_mtime_ns)
    except (OSError, ValueError, RuntimeError) as err:
        msg = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise InputError(f"--store {path}", f"cannot open as a pyoxigraph store: {msg}") from None


def run(store: ox.Store, query: Query, bindings: dict[str, Term], page: int = 1, union: bool = False,
        allow_services: Collection[str] = ()) -> Result:
    """Run a query on the store with the parameter values written in as terms.

    union: the default graph is the union of the named graphs (a record store).
    allow_services: the SERVICE endpoints the query may fetch from (none by default).
    """
    subst = substitute(query.text, bindings)
    text = paged_text(query, subst, page)
    probe = next_page_probe(query, subst, page) if query.pagination else None
    for t in (text, probe):
        if t is not None:
            safety.check(t, str(query.path), allow_services)
    try:
        answer = store.query(text, use_default_graph_as_union=union)
    except SyntaxError as err:
        raise _syntax_error(query, err) from None
    except (RuntimeError, OSError) as err:  # OSError: an allowed SERVICE that does not answer
        raise InputError(str(query.path), "query failed: " + (" ".join(str(err).split()) or type(err).__name__)) from None
    if isinstance(answer, ox.QueryBoolean):
        return Result(columns=("result",), rows=((bool(answer),),))
    try:  # solutions are computed as they are read
        result = from_ox_solutions(answer) if isinstance(answer, ox.QuerySolutions) else from_ox_triples(answer)
    except (RuntimeError, OSError) as err:
        raise InputError(str(query.path), "query failed: " + (" ".join(str(err).split()) or type(err).__name__)) from None
    if not query.pagination:
        return result
    more = bool(store.query(probe, use_default_graph_as_union=union))
    return paged(result, page, more)
