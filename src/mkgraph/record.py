"""The whole record: thousands of resolutions without an rdflib graph of all of them.

Work per source runs in worker processes and is cached (mkgraph.cache); see docs/scale.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef

from mkgraph import export, link
from mkgraph.build import discover, shared_graph
from mkgraph.errors import InputError
from mkgraph.iris import DEFAULT_BASE, Iris


@dataclass
class Record:
    """What build_record made (see docs/scale.md)."""

    resolutions: int
    triples: int  # lines of graph/dataset.nt
    rebuilt: list[str]  # sources processed this time (the rest came from the cache)
    violations: dict  # source name -> [fastcheck.Violation] (only with keep_invalid)
    cross: list  # violations of the cross-document checks
    timings: dict  # step -> seconds


class RecordNotConforming(Exception):
    def __init__(self, violations: dict):
        self.violations = violations
        first = min(violations)
        super().__init__(f"{first}: the graph does not conform to the shapes "
                         f"({sum(map(len, violations.values()))} violation(s) in {len(violations)} source(s))")


def build_record(
    sources: list[Path] | None = None,
    out: Path = Path("."),
    base: str = DEFAULT_BASE,
    cache_dir: Path | None = None,
    jobs: int | None = None,
    shapes_dir: Path | None = None,
    progress: bool = False,
    keep_invalid: bool = False,
) -> Record:
    """Build graph/dataset.nt and graph/dataset.nq (one named graph per resolution plus
    one for the vocabulary) from the cached, validated per-resolution N-Triples.

    Work per source runs in parallel and only for sources whose text, curation or the
    code changed (mkgraph.cache); the dataset is a streamed merge of sorted files, never
    an rdflib graph of the record. Nothing is written if a source does not conform
    (unless keep_invalid, for benchmarks).
    """
    import shutil
    import time

    from mkgraph import cache, fastcheck

    t0 = time.perf_counter()
    iris = Iris(base)
    sources = sources or discover()
    cache_dir = cache_dir or (out / cache.CACHE_DIR)
    done = cache.refresh(sources, base, cache_dir, jobs, shapes_dir, progress=progress,
                         keep_invalid=keep_invalid)
    if done.errors:
        name = min(done.errors)
        raise InputError(name, done.errors[name].split(": ", 1)[-1])
    if done.violations and not keep_invalid:
        raise RecordNotConforming(done.violations)
    t1 = time.perf_counter()
    seen: dict[str, str] = {}
    for entry in done.entries:
        for part in entry.parts:
            if part.iri in seen:
                raise InputError(entry.source, f"resolution {part.iri} is also in {seen[part.iri]}")
            seen[part.iri] = entry.source
    vocab_file, vocabulary = cache.vocabulary(
        cache_dir, base, lambda: export.to_ntriples(shared_graph(iris) + link.links_graph(iris)))
    parts = [p for e in done.entries for p in e.parts]
    graph_dir = out / "graph"
    outputs = (graph_dir / "dataset.nt", graph_dir / "dataset.nq")
    manifest = cache.outputs_key(base, [(p.iri, p.sha256) for p in parts], vocabulary)
    state = cache.read_outputs_state(cache_dir, manifest, outputs)
    if state is not None:  # nothing changed since the outputs were written: keep them
        t5 = time.perf_counter()
        return Record(len(seen), state["triples"], done.rebuilt, done.violations, state["cross"],
                      {"extract+validate": t1 - t0, "outputs (unchanged, kept)": t5 - t1})
    # written to a staging folder first: graph/ changes only once everything conforms
    stage = cache_dir / "staged"
    stage.mkdir(parents=True, exist_ok=True)
    cache.merge_files([cache_dir / p.file for p in parts] + [vocab_file], stage / "dataset.nt")
    t2 = time.perf_counter()
    named = [(str(export.named_graph(URIRef(p.iri), iris)), cache_dir / p.file) for p in parts]
    named.append((iris.base + "id/graph/vocabulary", vocab_file))
    cache.write_nquads(named, stage / "dataset.nq")
    t3 = time.perf_counter()
    store = record_store(stage / "dataset.nt", cache_dir / "store")
    t4 = time.perf_counter()
    cross = fastcheck.cross_check(store, str(shapes_dir) if shapes_dir else None)
    del store  # closes it: serve and the benchmarks open the folder next
    t5 = time.perf_counter()
    if cross and not keep_invalid:
        raise RecordNotConforming({"(cross-document checks)": cross})
    with open(stage / "dataset.nt", "rb") as f:
        triples = sum(1 for _ in f)
    graph_dir.mkdir(parents=True, exist_ok=True)
    for target in outputs:
        shutil.move(str(stage / target.name), str(target))
    cache.write_outputs_state(cache_dir, manifest, outputs, triples, cross)
    return Record(len(seen), triples, done.rebuilt, done.violations, cross,
                  {"extract+validate": t1 - t0, "write dataset.nt": t2 - t1, "write dataset.nq": t3 - t2,
                   "load store": t4 - t3, "cross-document checks": t5 - t4})


def record_store(ntriples: Path, location: Path):
    """A fresh on-disk pyoxigraph store holding the dataset in its default graph (what
    the saved queries and serve read); bulk loading keeps memory flat."""
    import shutil

    import pyoxigraph as ox

    if location.exists():
        shutil.rmtree(location)
    store = ox.Store(str(location))
    store.bulk_load(path=str(ntriples), format=ox.RdfFormat.N_TRIPLES)
    return store
