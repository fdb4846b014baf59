"""The whole record: thousands of resolutions without an rdflib graph of all of them.

Work per source runs in worker processes and is cached (mkgraph.store.cache); see docs/scale.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from mkgraph.publish import export, link
from mkgraph.rdf import partition
from mkgraph.store.build import discover, shared_graph
from mkgraph.errors import InputError
from mkgraph.rdf.iris import DEFAULT_BASE, Iris

from mkgraph.store.state import STATE  # next to the store folder: graph name -> sha of what it holds


@dataclass
class Record:
    """What build_record made (see docs/scale.md)."""

    resolutions: int
    triples: int  # triples in the record (the lines dataset.nt has)
    rebuilt: list[str]  # sources processed this time (the rest came from the cache)
    violations: dict  # source name -> [fastcheck.Violation] (only with keep_invalid)
    cross: list  # violations of the cross-document checks
    timings: dict  # step -> seconds
    loaded: list[str] = field(default_factory=list)  # named graphs (re)loaded into the store
    dropped: list[str] = field(default_factory=list)  # named graphs dropped (source gone)
    store: Path | None = None  # the on-disk pyoxigraph store
    cold: bool = False  # the store was bulk-loaded from scratch
    dumps: list[str] = field(default_factory=list)  # whole-record files written (dumps=True)


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
    dumps: bool = False,
    store_dir: Path | None = None,
) -> Record:
    """_build_record under the build lock of out (mkgraph.lock): one writer per store (two
    builds at once corrupted RocksDB for good); a second build raises
    InputError("<store>", "store in use by PID N …")."""
    from mkgraph import lock

    store_dir = store_dir or (out / "graph" / "store")
    with lock.exclusive(out, str(store_dir), "store in use"):
        from mkgraph import atomic
        from mkgraph.store import cache

        # what a killed build left: temporary files beside the state and in the cache
        for folder in (store_dir.parent, cache_dir or (out / cache.CACHE_DIR)):
            atomic.remove_temporaries(folder)
            atomic.remove_temporaries(folder / "staged")
        # a bulk load's N-Quads (gigabytes at 10,000 resolutions), left by a killed build
        store_dir.with_name(store_dir.name + ".load.nq").unlink(missing_ok=True)
        return _build_record(sources, out, base, cache_dir, jobs, shapes_dir, progress, keep_invalid, dumps,
                             store_dir)


def _build_record(
    sources: list[Path] | None,
    out: Path,
    base: str,
    cache_dir: Path | None,
    jobs: int | None,
    shapes_dir: Path | None,
    progress: bool,
    keep_invalid: bool,
    dumps: bool,
    store_dir: Path,
) -> Record:
    """Bring the record's on-disk store (default ``<out>/graph/store``) up to date with the
    sources: one named graph per resolution (its own triples), one shared graph, one
    vocabulary graph (mkgraph.rdf.partition); queries read the union of the named graphs.

    Work per source runs in parallel and only for sources whose text, curation or the
    code changed (mkgraph.store.cache). The store is updated in place: only the graphs of
    changed, new or removed resolutions are dropped or loaded. With dumps, also
    graph/dataset.nt and graph/dataset.nq of the whole record, from the cache. Nothing
    changes if a source or the cross-document checks do not conform (unless
    keep_invalid, for benchmarks).
    """
    import shutil
    import time

    from mkgraph.store import cache

    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    iris = Iris(base)
    sources = sources or discover()
    cache_dir = cache_dir or (out / cache.CACHE_DIR)
    store_dir = store_dir or (out / "graph" / "store")
    done = cache.refresh(sources, base, cache_dir, jobs, shapes_dir, progress=progress,
                         keep_invalid=keep_invalid)
    if done.errors:
        name = min(done.errors)
        where, _, what = done.errors[name].partition(": ")
        # the text's own errors are named by its file name; others (its curation file) by theirs
        raise InputError(where if where.endswith(".curation.yaml") else name, what)
    if done.violations and not keep_invalid:
        raise RecordNotConforming(done.violations)
    seen: dict[str, str] = {}
    for entry in done.entries:
        for part in entry.parts:
            if part.iri in seen:
                raise InputError(entry.source, f"resolution {part.iri} is also in {seen[part.iri]}")
            seen[part.iri] = entry.source
    parts = [p for e in done.entries for p in e.parts]
    vocab_file, vocabulary = _vocabulary(cache_dir, base, iris, parts)
    t1 = time.perf_counter()
    timings["extract+validate"] = t1 - t0

    state = read_state(store_dir)
    shared_key = _shared_key(parts, vocabulary)
    current_shared = cache_dir / "shared.nt"
    if state and state.get("shared_key") == shared_key and state.get("base") == base \
            and current_shared.is_file() and cache._intact(current_shared, state["shared_sha"], state["shared_stamp"]):
        # the shared parts and the vocabulary are those of the last build: so are the
        # shared graph and the cross-document checks' result
        new_shared, shared_lines, cross = current_shared, state["shared_triples"], _violations(state["cross"])
        t2 = t3 = time.perf_counter()
    else:
        stage = cache_dir / "staged"
        stage.mkdir(parents=True, exist_ok=True)
        new_shared = stage / "shared.nt"
        shared_lines = cache.shared_file([cache_dir / p.shared for p in parts], vocabulary, new_shared)
        t2 = time.perf_counter()
        cross = shared_cross_check(new_shared, vocabulary, shapes_dir)
        t3 = time.perf_counter()
        timings["shared graph"] = t2 - t1
        timings["cross-document checks"] = t3 - t2
    if cross and not keep_invalid:
        # checked before the store is touched: it still holds the last good record
        raise RecordNotConforming({"(cross-document checks)": cross})

    want = {str(partition.named_graph(URIRef(p.iri), iris)): (cache_dir / p.file, p.sha256) for p in parts}
    vocab_name = partition.vocabulary_name(base)
    want[vocab_name] = (vocab_file, cache._sha(vocabulary))
    shared_sha = cache.file_sha(new_shared) if new_shared != current_shared else state["shared_sha"]
    change = update_store(store_dir, state if state and state.get("base") == base else None, want,
                          (partition.shared_name(base), new_shared, shared_sha, current_shared))
    if new_shared != current_shared:
        import os

        os.replace(new_shared, current_shared)
    triples = sum(p.triples for p in parts) + shared_lines + vocabulary.count(b"\n")
    root = cache_dir.resolve()  # once: resolving 10,000 paths one by one took seconds
    files = {g: str(root / path.name) for g, (path, _) in want.items()}
    if shared_lines:
        files[partition.shared_name(base)] = str(root / current_shared.name)
    write_state(store_dir, {"base": base, "graphs": {g: sha for g, (_, sha) in want.items()}, "files": files,
                            "shared_key": shared_key, "shared_sha": shared_sha,
                            "shared_stamp": cache._stamp(current_shared), "shared_triples": shared_lines,
                            "triples": triples, "cross": [v.__dict__ for v in cross]})
    t4 = time.perf_counter()
    timings["store (bulk load)" if change.cold else "store (update)"] = t4 - t3

    written = []
    if dumps:
        graph_dir = out / "graph"
        stage = cache_dir / "staged"
        stage.mkdir(parents=True, exist_ok=True)
        cache.merge_files([cache_dir / p.file for p in parts] + [current_shared, vocab_file], stage / "dataset.nt")
        named = [(g, path) for g, (path, _) in want.items()] + [(partition.shared_name(base), current_shared)]
        cache.write_nquads(named, stage / "dataset.nq")
        graph_dir.mkdir(parents=True, exist_ok=True)
        for name in ("dataset.nt", "dataset.nq"):
            shutil.move(str(stage / name), str(graph_dir / name))
            written.append(f"graph/{name}")
        timings["dumps"] = time.perf_counter() - t4
    return Record(len(seen), triples, done.rebuilt, done.violations, cross, timings,
                  change.loaded, change.dropped, store_dir, change.cold, written)


def _vocabulary(cache_dir: Path, base: str, iris: Iris, parts) -> tuple[Path, bytes]:
    """The vocabulary graph of the record: schemes, actors, links, and the whole record's
    tallies (the sum of the cached per-resolution counts, as the exporting build puts
    them into its vocabulary graph). Rewritten only when it changed, so that the store
    replaces the graph only then."""
    from mkgraph import atomic
    from mkgraph.store import cache
    from mkgraph.rdf import tally

    _, static = cache.vocabulary(cache_dir, base, lambda: export.to_ntriples(shared_graph(iris) + link.links_graph(iris)))
    data = cache.merged_ntriples([static, tally.record_ntriples([p.counts or tally.empty() for p in parts], iris)])
    path = cache_dir / "vocabulary-record.nt"
    if not path.is_file() or path.read_bytes() != data:
        atomic.write_all({path: data})
    return path, data


def _shared_key(parts, vocabulary: bytes) -> str:
    import hashlib

    h = hashlib.sha256(hashlib.sha256(vocabulary).hexdigest().encode())
    for iri, sha in sorted((p.iri, p.shared_sha256) for p in parts):
        h.update(f"\n{iri} {sha}".encode())
    return h.hexdigest()


def _violations(docs: list) -> list:
    from mkgraph.validate.fastcheck import Violation

    return [Violation(**v) for v in docs]


def shared_cross_check(shared: Path, vocabulary: bytes, shapes_dir: Path | None = None) -> list:
    """The cross-document checks over the shared graph and the vocabulary, in memory.

    Their targets (mk:Session, mk:Conference, prov:Activity: fastcheck.SHARED_TARGETS)
    are shared nodes, and every triple about a shared node is in the shared graph (that is
    how mkgraph.rdf.partition splits); the values they constrain (a session's conference, a
    conference's members) are shared or vocabulary nodes. So this sees what a check over
    the whole record sees (tests/test_record.py proves it on a record with a conflict)
    and runs BEFORE the store is touched, which keeps the update all-or-nothing without
    a copy of the store or a roll-back."""
    import pyoxigraph as ox

    from mkgraph.validate import fastcheck

    store = ox.Store()
    store.load(path=str(shared), format=ox.RdfFormat.N_TRIPLES)
    store.load(vocabulary, format=ox.RdfFormat.N_TRIPLES)
    return fastcheck.cross_check(store, str(shapes_dir) if shapes_dir else None)


# -- the store: the record's artefact, updated in place ---------------------------------------
@dataclass
class StoreChange:
    loaded: list[str]
    dropped: list[str]
    cold: bool


def read_state(store_dir: Path) -> dict | None:
    """What the store holds, as the last build recorded it; None if unknown, unreadable,
    or left by an update that did not finish (then the store is rebuilt)."""
    import json

    try:
        doc = json.loads((store_dir.parent / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(doc, dict) or doc.get("dirty") or doc.get("store") != store_dir.name:
        return None
    return doc


def write_state(store_dir: Path, doc: dict) -> None:
    import json

    from mkgraph import atomic

    doc = {**doc, "store": store_dir.name}
    atomic.write_all({store_dir.parent / STATE: (json.dumps(doc, indent=1, sort_keys=True) + "\n").encode()})


def _mark_dirty(store_dir: Path, state: dict) -> None:
    # a crash between here and the next write_state leaves the store half-updated; the
    # next build sees "dirty" and rebuilds the store from the cache
    write_state(store_dir, {**state, "dirty": True})


def update_store(store_dir: Path, state: dict | None, want: dict[str, tuple[Path, str]],
                 shared: tuple[str, Path, str, Path]) -> StoreChange:
    """Make the store hold exactly the graphs of want (graph -> (N-Triples file, sha)) and
    the shared graph (name, new file, its sha, the file the store was loaded from).
    Incremental when the state is trusted and matches the store, else a bulk load."""
    import pyoxigraph as ox

    shared_name, new_shared, shared_sha, old_shared = shared
    held = (state or {}).get("graphs")
    store = None
    dropped = sorted(g for g in (held or ()) if g not in want)
    loaded = sorted(g for g, (_, sha) in want.items() if (held or {}).get(g) != sha)
    if held is not None and store_dir.is_dir():
        try:
            store = ox.Store(str(store_dir))
        except OSError as err:
            if "lock" in str(err).lower():
                # another process has it open for writing: rebuilding would pull it away
                raise InputError(str(store_dir), "the store is in use by another process "
                                 f"({str(err).splitlines()[0]})") from None
            store = None  # corrupt: rebuilt from the cache
        if store is not None and not _agrees(store, held, dropped + loaded, shared_name if state.get("shared_triples") else None):
            store = None
    if store is None:
        return _bulk(store_dir, want, shared_name, new_shared)
    _mark_dirty(store_dir, state)
    for g in dropped + loaded:
        store.remove_graph(ox.NamedNode(g))
    for g in loaded:
        store.load(path=str(want[g][0]), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(g))
    if state.get("shared_sha") != shared_sha:
        _replace_shared(store, ox.NamedNode(shared_name), old_shared, state, new_shared)
        loaded.append(shared_name)
    # no flush(): the writes are durable in the store's log; forcing them into its table
    # files cost a quarter of a second per build
    del store
    return StoreChange(loaded, dropped, False)


SAMPLE = 64


def _agrees(store, held: dict, touched: list[str], shared: str | None) -> bool:
    """Whether the store holds what the state says: every graph this build touches that
    the state lists, the shared graph, and an even sample of the rest. Listing every
    named graph costs ≈0.17 ms each (1.7 s at 10,000 resolutions, on every build); a
    store that was replaced, emptied or is another record's fails the sample."""
    import pyoxigraph as ox

    rest = sorted(held)
    step = max(1, len(rest) // SAMPLE)
    names = {g for g in touched if g in held} | set(rest[::step]) | ({shared} if shared else set())
    return all(store.contains_named_graph(ox.NamedNode(g)) for g in names)


def _replace_shared(store, name, old: Path, state: dict, new: Path) -> None:
    """Apply the difference of two sorted shared-graph files: at 10,000 resolutions the
    shared graph has hundreds of thousands of triples, and one new resolution changes a
    few of them."""
    import pyoxigraph as ox

    from mkgraph.store import cache

    if not (old.is_file() and cache._intact(old, state.get("shared_sha", ""), state.get("shared_stamp"))):
        store.remove_graph(name)
        store.load(path=str(new), format=ox.RdfFormat.N_TRIPLES, to_graph=name)
        return
    gone, added = _diff(old, new)
    for t in ox.parse(b"".join(gone), ox.RdfFormat.N_TRIPLES):
        store.remove(ox.Quad(t.subject, t.predicate, t.object, name))
    store.extend([ox.Quad(t.subject, t.predicate, t.object, name)
                  for t in ox.parse(b"".join(added), ox.RdfFormat.N_TRIPLES)])


def _diff(old: Path, new: Path) -> tuple[list[bytes], list[bytes]]:
    """(lines only in old, lines only in new) of two sorted files, streamed."""
    gone, added = [], []
    with open(old, "rb") as a, open(new, "rb") as b:
        x, y = a.readline(), b.readline()
        while x or y:
            if x and (not y or x < y):
                gone.append(x)
                x = a.readline()
            elif y and (not x or y < x):
                added.append(y)
                y = b.readline()
            else:
                x, y = a.readline(), b.readline()
    return gone, added


def _bulk(store_dir: Path, want: dict[str, tuple[Path, str]], shared_name: str, shared: Path) -> StoreChange:
    """A fresh store from the cache, bulk-loaded in a sibling folder and then moved into
    place, so a failed load leaves no half-filled store under the store's name."""
    import shutil

    import pyoxigraph as ox

    from mkgraph.store import cache

    fresh = store_dir.with_name(store_dir.name + ".new")
    if fresh.exists():
        shutil.rmtree(fresh)
    fresh.parent.mkdir(parents=True, exist_ok=True)
    nq = store_dir.with_name(store_dir.name + ".load.nq")
    named = [(g, path) for g, (path, _) in want.items()] + [(shared_name, shared)]
    cache.write_nquads(named, nq)
    store = ox.Store(str(fresh))
    store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    # The bulk loader leaves hundreds of unmerged table files (294 at 10,000 resolutions):
    # every read then probes them all, and the first writes stall until RocksDB has
    # compacted them (adding one resolution took 11 s, removing it again minutes).
    # Compacting here, once, is part of building the store.
    store.optimize()
    del store
    nq.unlink()
    if store_dir.exists():
        # readers refuse the store from here until the build writes the new state
        write_state(store_dir, {"dirty": True})
        old = store_dir.with_name(store_dir.name + ".old")
        if old.exists():
            shutil.rmtree(old)
        store_dir.rename(old)
        fresh.rename(store_dir)
        shutil.rmtree(old)
    else:
        fresh.rename(store_dir)
    return StoreChange(sorted(want) + [shared_name], [], True)


def store_files(store_dir: Path) -> list[tuple[str, Path, str]]:
    """(graph name, N-Triples file in the cache, its sha) for every named graph the store
    holds, in name order. The store itself returns literals canonicalised (Oxigraph keeps
    "486"^^xsd:nonNegativeInteger as "486"^^xsd:integer), so whoever copies the record
    elsewhere (mkgraph load --store) sends these files: the triples as written."""
    state = read_state(store_dir) if store_dir.is_dir() else None
    if state is None or "files" not in state:
        raise InputError(str(store_dir), "no record store here, or its last update did not finish "
                         "(run 'mkgraph build --record')")
    shas = {**state["graphs"], partition.shared_name(state["base"]): state["shared_sha"]}
    return [(g, Path(path), shas[g]) for g, path in sorted(state["files"].items())]
