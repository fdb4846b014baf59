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
    return store
