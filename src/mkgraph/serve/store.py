"""Load the graph files named on the command line into an in-memory pyoxigraph Store."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from mkgraph.errors import InputError

FORMATS = {
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".ttl": ox.RdfFormat.TURTLE,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}


def load(paths: tuple[Path, ...] | list[Path]) -> ox.Store:
    """A fresh store holding every file; bad or missing files raise InputError naming them."""
    store = ox.Store()
    for p in paths:
        p = Path(p)
        fmt = FORMATS.get(p.suffix.lower())
        if fmt is None:
            raise InputError(str(p), f"unknown RDF file type {p.suffix!r} (use {', '.join(sorted(FORMATS))})")
        if not p.is_file():
            raise InputError(str(p), "no such file")
        try:
            store.bulk_load(path=str(p), format=fmt)
        except (SyntaxError, ValueError, OSError) as err:
            raise InputError(str(p), f"cannot parse: {str(err).splitlines()[0]}") from None
    # the whole-dataset counts of what is served (several files: the tallies of each file's
    # own dataset scope would be stale); the triples served are otherwise the files' own
    from mkgraph.query.complete import retally

    retally(store)
    return store


class UnionView:
    """A record build's on-disk store, read-only, whose default graph is the union of its
    named graphs (one per resolution, shared, vocabulary): what every query must read."""

    def __init__(self, store: ox.Store):
        self._store = store

    def query(self, query, **kw):
        return self._store.query(query, use_default_graph_as_union=True, **kw)

    def __len__(self) -> int:
        return len(self._store)

    def __getattr__(self, name):
        return getattr(self._store, name)


def open_record(path: Path | str) -> UnionView:
    """The store at path opened read-only; a missing/unreadable one is an InputError naming --store."""
    from mkgraph.query.local import open_record as open_read_only

    return UnionView(open_read_only(path))
