"""What the build publishes beside the graph being served, so that every IRI and URL the data
names resolves on `mkgraph serve` (and behind the w3id redirects in w3id/mkgraph/.htaccess):

- the downloads the catalogue lists (``<base>download/dataset.ttl`` …) and the JSON-LD context
  (``<base>context.jsonld``): the build's files next to the served one (``graph/``), by their
  fixed names only, never any other file of that folder;
- the catalogue's own IRIs (``<base>id/catalog``, ``<base>id/dataset/…``, ``<base>id/agent/…``):
  from ``graph/catalog.ttl`` when the served data does not hold them;
- the named graphs of the TriG (``<base>id/graph/vocabulary``, ``…/graph/shared``,
  ``…/graph/resolution/…``): their triples, from the served store when it has named graphs (a
  record store), else from the build's ``dataset.trig``.

The extra files are read on first use, so start-up does not grow.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pyoxigraph as ox

from mkgraph.serve.store import FORMATS

# the files an exporting or record build writes into graph/ (the catalogue lists the dataset.* ones)
BUILD_FILES = ("dataset.ttl", "dataset.nt", "dataset.jsonld", "dataset.rdf", "dataset.trig", "dataset.nq",
               "catalog.ttl", "context.jsonld")


def files(data: tuple[Path, ...], store_dir: Path | None = None) -> dict[str, Path]:
    """Download name -> file: the served files, and the build's files beside a served build file
    (or beside a record store's folder)."""
    out = {Path(p).name: Path(p) for p in data}
    folders = [Path(p).parent for p in data if Path(p).name in BUILD_FILES]
    if store_dir is not None:
        folders.append(Path(store_dir).parent)
    for folder in folders:
        for name in BUILD_FILES:
            if (folder / name).is_file():
                out.setdefault(name, folder / name)
    return out


class Extra:
    """The triples about a published IRI that the served store does not answer itself.

    The catalogue (small) is read on the first question; the TriG only for a named graph's
    IRI (``<base>id/graph/…``), so an unknown IRI never loads a large dump.
    """

    def __init__(self, store, published: dict[str, Path], id_base: str):
        self.store = store
        self.published = published
        self.graph_base = id_base + "graph/"
        self._files: dict[str, ox.Store] = {}
        self._lock = threading.Lock()

    def _load(self, name: str) -> ox.Store:
        with self._lock:
            if name not in self._files:
                extra = ox.Store()
                path = self.published.get(name)
                if path is not None:
                    extra.bulk_load(path=str(path), format=FORMATS[path.suffix])
                self._files[name] = extra
            return self._files[name]

    def triples(self, iri: str) -> list:
        """The named graph called iri, else what the catalogue says about iri; [] if neither."""
        node = ox.NamedNode(iri)
        if iri.startswith(self.graph_base):
            graph = [q.triple for q in self.store.quads_for_pattern(None, None, None, node)]
            return graph or [q.triple for q in self._load("dataset.trig").quads_for_pattern(None, None, None, node)]
        return [q.triple for q in self._load("catalog.ttl").quads_for_pattern(node, None, None)]
