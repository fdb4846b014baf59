"""The files of graph/ and ontology/, made from the record's cache.

The one build (mkgraph.store.record) keeps every resolution as sorted N-Triples in the
cache: its own triples and its triples about shared nodes (mkgraph.rdf.partition). The
exports (Turtle, N-Triples, RDF/XML, JSON-LD, TriG, the nested views, the catalogue:
mkgraph.publish.export.graph_files) are made from the store's named graphs as those
files hold them, so a graph/ is always the serialisation of exactly what the store
holds: N-Triples, Turtle, TriG and RDF/XML straight from the bytes (mkgraph.rdf.writers),
JSON-LD, the nested views and the catalogue from an rdflib graph of them (the cache holds
literals as written, and the graph keeps their lexical forms).

For a big record this is not done on every build (rdflib holds ≈ 1.6 kB per triple);
``mkgraph build --dumps`` streams dataset.nt and dataset.nq from the cache instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef

from mkgraph.rdf.iris import Iris
from mkgraph.rdf.namespaces import MK, bind_prefixes


@dataclass(frozen=True)
class Exports:
    dataset: Graph  # the union of the resolutions and the vocabulary
    files: dict[str, bytes]  # path relative to the output root -> content
    statements: int  # statements in the dataset


def exported(parts, cache_dir: Path, vocabulary: bytes, shared: Path | None, iris: Iris) -> Exports:
    """Every file of graph/ and ontology/ for the resolutions of the cache parts
    (mkgraph.store.cache.Part), the record's shared graph (None: nothing is shared) and
    its vocabulary graph (schemes, actors, links, tallies): the store's named graphs."""
    from mkgraph import lifeline
    from mkgraph.publish import export
    from mkgraph.rdf import ntriples, ontology, partition
    from mkgraph.store import cache

    own = [(URIRef(p.iri), (cache_dir / p.file).read_bytes()) for p in parts]
    shared_nt = shared.read_bytes() if shared is not None and shared.is_file() else b""
    named = [(str(partition.named_graph(iri, iris)), data) for iri, data in own]
    if shared_nt.strip():
        named.append((partition.shared_name(iris.base), shared_nt))
    named.append((partition.vocabulary_name(iris.base), vocabulary))
    nt = cache.merged_ntriples([data for _, data in named])
    dataset = bind_prefixes(ntriples.graph(nt))

    def onto() -> dict[str, bytes]:
        return {f"ontology/{name}": data for name, data in ontology.ontology_files(iris.base).items()}

    # the JSON-LD and the ontology (its tables read and checked) in a second process
    # beside the rest: 2 cores, the seed's cold build ≈ 0.1 s faster
    files = export.graph_files(nt, dataset, [iri for iri, _ in own], sorted(named), iris,
                               extra=onto, beside=lifeline.beside)
    statements = len(set(dataset.subjects(MK.statementKind, None)))
    return Exports(dataset, files, statements)


# -- a warm build does not make the exports again ------------------------------------------------
MANIFEST = "exports.json"  # in the cache: the key of the exports last written, their files' SHA-256


def key(parts, vocabulary: bytes, iris: Iris, shapes_dir: str | None = None) -> str:
    """What the exports depend on: the code (and shapes, tables), the base IRI, every
    resolution's cached triples (by their SHA-256) and the vocabulary graph."""
    import hashlib

    from mkgraph.store import cache

    h = hashlib.sha256(f"{cache.code_version(shapes_dir)}\n{iris.base}\n".encode())
    h.update(hashlib.sha256(vocabulary).hexdigest().encode())
    for p in parts:
        h.update(f"\n{p.iri} {p.sha256} {p.shared_sha256}".encode())
    return h.hexdigest()


def _manifest(cache_dir: Path) -> dict | None:
    """The manifest the last build that wrote the exports left (None: none, or unreadable)."""
    import json

    try:
        doc = json.loads((Path(cache_dir) / MANIFEST).read_text(encoding="utf-8"))
        return doc if isinstance(doc, dict) and isinstance(doc.get("files"), dict) else None
    except (OSError, ValueError):
        return None


def _holds(out: Path, doc: dict, rel: str) -> bool:
    """Whether out/rel still holds the bytes written: trusted while its size and mtime are
    those recorded, hashed otherwise (cache._intact, as the cache's own files are)."""
    from mkgraph.store import cache

    return cache._intact(Path(out) / rel, doc["files"][rel], doc.get("stamps", {}).get(rel))


def unchanged(out: Path, cache_dir: Path, wanted: str) -> dict | None:
    """The manifest of the exports last written, if they are those of the key wanted and
    every file under out still holds the bytes written; else None."""
    doc = _manifest(cache_dir)
    if doc is None or doc.get("key") != wanted or not all(_holds(out, doc, rel) for rel in doc["files"]):
        return None
    return doc


def remember(out: Path, cache_dir: Path, made_key: str, made: Exports) -> None:
    """Record the exports just written under out with their key (see unchanged)."""
    import hashlib
    import json

    from mkgraph import atomic
    from mkgraph.store import cache

    doc = {"key": made_key, "statements": made.statements,
           "files": {rel: hashlib.sha256(data).hexdigest() for rel, data in sorted(made.files.items())},
           "stamps": {rel: cache._stamp(Path(out) / rel) for rel in sorted(made.files)}}
    atomic.write_all({Path(cache_dir) / MANIFEST: (json.dumps(doc, indent=1) + "\n").encode()})


def forget(out: Path, cache_dir: Path) -> list[str]:
    """Remove the exports the manifest lists (files under out that still hold what was
    written) and the manifest: a record too big for exports must not leave an earlier,
    smaller record's graph/dataset.ttl looking like its own. Returns the files removed."""
    doc = _manifest(cache_dir)
    if doc is None:
        return []
    removed = []
    for rel in sorted(doc["files"]):
        if _holds(out, doc, rel):  # an edited file is not ours to remove
            (Path(out) / rel).unlink(missing_ok=True)
            removed.append(rel)
    (Path(cache_dir) / MANIFEST).unlink(missing_ok=True)
    return removed
