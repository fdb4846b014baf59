"""The whole record: thousands of resolutions without an rdflib graph of all of them.

Work per source runs in worker processes and is cached (mkgraph.store.cache); see docs/scale.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import URIRef

from mkgraph.publish import export, link
from mkgraph.rdf import partition
from mkgraph.store.build import discover, shared_graph
from mkgraph.store.exports import Exports
from mkgraph.errors import InputError
from mkgraph.rdf.iris import DEFAULT_BASE, Iris

from mkgraph.store.state import read_state, write_state

if TYPE_CHECKING:
    from mkgraph.store import bulk


SMALL = 50  # a record of at most this many resolutions gets every export on every build
# … and of at most this many triples: the exports go through rdflib, and one 2 MB text
# (510,000 triples) took 270 s there where its store and validation take seconds
SMALL_TRIPLES = 200_000
EXPORT_FOLDERS = ("graph", "graph/resolutions", "ontology")  # where the exports go, under out


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
    written: list[str] = field(default_factory=list)  # files of graph/ and ontology/ written (changed
    # ones), and "removed <file>" for an earlier record's exports this one has none of
    exports: "Exports | None" = None  # the files of graph/ and ontology/ and the dataset, when made
    exported: bool = False  # graph/ and ontology/ hold the exports (made now, or found current)
    statements: int | None = None  # statements in the record (known where the exports are)


class RecordNotConforming(Exception):
    """A source (or the cross-document checks) breaks a shape; nothing was changed.
    sources maps a source's name to its path, so that a report can name the offending
    nodes by their labels (mkgraph.store.build.labelled_report)."""

    def __init__(self, violations: dict, sources: dict | None = None):
        self.violations = violations
        self.sources = sources or {}
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
    exports: bool | None = None,
    check: bool = False,
) -> Record:
    """_build_record under the build lock of out (mkgraph.lock): one writer per store and
    per graph/ (two builds at once corrupted RocksDB for good, and two with different
    --base left graph/ mixed); a second build raises InputError("<out>/graph", "in use
    by PID N …")."""
    from mkgraph import lock

    store_dir = store_dir or (out / "graph" / "store")
    with lock.exclusive(out, str(out / "graph"), "in use"):
        from mkgraph import atomic
        from mkgraph.store import cache

        # what a killed build left: temporary files in the cache, and (unless only checking,
        # which reports them as stale) its half-done replacement of graph/, finished from
        # its journal, and its temporary files beside the state
        for folder in (cache_dir or (out / cache.CACHE_DIR),):
            atomic.remove_temporaries(folder)
            atomic.remove_temporaries(folder / "staged")
        if not check:
            atomic.recover(out, list(EXPORT_FOLDERS))
            atomic.remove_temporaries(store_dir.parent)
        # the N-Quads copy an earlier version bulk-loaded from (gigabytes), left by a killed build
        store_dir.with_name(store_dir.name + ".load.nq").unlink(missing_ok=True)
        return _build_record(sources, out, base, cache_dir, jobs, shapes_dir, progress, keep_invalid, dumps,
                             store_dir, exports, check)


@dataclass
class Prepared:
    """A record extracted, validated and checked, before anything outside the cache
    changes: what the store update, the exports and the dumps start from."""

    iris: Iris
    cache_dir: Path
    rebuilt: list[str]
    violations: dict
    parts: list  # cache.Part of every resolution, in source order
    vocab_file: Path
    vocabulary: bytes
    state: dict | None  # the store's state as the last build left it
    shared_key: str
    new_shared: Path  # the shared graph this build wants (staged, or the current file)
    current_shared: Path  # the shared graph the store was loaded from
    shared_lines: int
    cross: list
    timings: dict
    loader: "bulk.Loader | None" = None  # a cold store's load, begun while the workers extract


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
    exports: bool | None,
    check: bool,
) -> Record:
    """Bring the record's on-disk store (default ``<out>/graph/store``) up to date with the
    sources: one named graph per resolution (its own triples), one shared graph, one
    vocabulary graph (mkgraph.rdf.partition); queries read the union of the named graphs.

    Work per source runs in parallel and only for sources whose text, curation or the
    code changed (mkgraph.store.cache). The store is updated in place: only the graphs of
    changed, new or removed resolutions are dropped or loaded. Then the files of graph/
    and ontology/ (mkgraph.store.exports, from the cache): for a small record (``small``)
    or when exports is true; with dumps, graph/dataset.nt and dataset.nq
    streamed from the cache (any size). Nothing changes if a source or the
    cross-document checks do not conform (unless keep_invalid, for benchmarks). With
    check, the files are made but neither written nor the store touched.
    """
    prep = _prepare(sources, out, base, cache_dir, jobs, shapes_dir, progress, keep_invalid, store_dir,
                    preload=not check)
    try:
        return _finish(prep, out, shapes_dir, dumps, store_dir, exports, check)
    finally:
        if prep.loader is not None:
            prep.loader.abort()  # a failed export or write: the half-loaded store goes (no-op once used)


def _finish(prep: Prepared, out: Path, shapes_dir: Path | None, dumps: bool, store_dir: Path,
            exports: bool | None, check: bool) -> Record:
    """The exports (if any), the store and the dumps of a prepared record."""
    import time

    from mkgraph.store import exports as ex

    t0 = time.perf_counter()
    made, current = None, None
    if exports or (exports is None and small(prep.parts)):
        wanted = ex.key(prep.parts, prep.vocabulary, prep.iris, str(shapes_dir) if shapes_dir else None)
        # asked for the files (exports=True), they are made; else a warm build whose
        # exports are those graph/ holds makes none
        current = None if exports else ex.unchanged(out, prep.cache_dir, wanted)
        if current is None:
            made = ex.exported(prep.parts, prep.cache_dir, prep.vocabulary, prep.new_shared, prep.iris)
        prep.timings["exports"] = time.perf_counter() - t0
    statements = made.statements if made else current["statements"] if current else None
    exported = made is not None or current is not None
    if check:
        return Record(len(prep.parts), 0, prep.rebuilt, prep.violations, prep.cross, prep.timings,
                      exports=made, exported=exported, statements=statements)
    change, triples = _apply(prep, store_dir)
    t1 = time.perf_counter()
    # with a load begun during extraction, what is left of it after the exports
    prep.timings["store (bulk load)" if change.cold else "store (update)"] = t1 - t0 - prep.timings.get("exports", 0)
    prep.timings.update(change.timings)
    files = made.files if made else {}
    written = []
    if made:
        from mkgraph.store.build import write

        written = write(files, out)
        ex.remember(out, prep.cache_dir, wanted, made)
    elif not exported:
        # graph/ must not show an earlier, smaller record's exports as this record's
        written = [f"removed {rel}" for rel in ex.forget(out, prep.cache_dir)]
    if dumps:
        written += _dumps(prep, out, skip=set(files) | (set(current["files"]) if current else set()))
    if made or dumps:
        prep.timings["write"] = time.perf_counter() - t1
    return Record(len(prep.parts), triples, prep.rebuilt, prep.violations, prep.cross, prep.timings,
                  change.loaded, change.dropped, store_dir, change.cold, written, made, exported, statements)


def small(parts) -> bool:
    """Whether a record (its cache.Part list) gets every export on every build: at most
    SMALL resolutions and SMALL_TRIPLES triples."""
    return len(parts) <= SMALL and sum(p.triples + p.shared_triples for p in parts) <= SMALL_TRIPLES


def _prepare(sources, out: Path, base: str, cache_dir: Path | None, jobs: int | None,
             shapes_dir: Path | None, progress: bool, keep_invalid: bool, store_dir: Path,
             preload: bool = False) -> Prepared:
    """Extract and validate what changed (into the cache), then the vocabulary, the
    shared graph and the cross-document checks: all that can refuse the record, before
    the store or graph/ is touched. With preload, a store that will be bulk-loaded
    (none, or its state untrusted) is loaded into a sibling folder meanwhile, each
    resolution as its entry is ready (mkgraph.store.bulk); a refused record removes it."""
    from mkgraph.store import bulk

    state = read_state(store_dir)
    state = state if state and state.get("base") == base else None
    sources = sources or discover()  # once: the loader's placement and the extraction read it
    preload = preload and len(sources) >= bulk.BESIDE_MIN
    loader = bulk.Loader(store_dir, cap=bulk.ONE_CALL) if preload and _cold(state, store_dir) else None
    try:
        prep = _prepare_record(sources, out, base, cache_dir, jobs, shapes_dir, progress, keep_invalid, state,
                               loader)
    except BaseException:
        if loader is not None:
            loader.abort()
        raise
    prep.loader = loader
    return prep


def _cold(state: dict | None, store_dir: Path) -> bool:
    """Whether update_store will bulk-load, as far as the state tells without opening the
    store (a store that fails to open or to agree with its state is found there)."""
    return state is None or state.get("graphs") is None or not store_dir.is_dir()


def _feeder(loader, iris: Iris, cache_dir: Path):
    """cache.refresh's on_entry: each resolution's cached file to the loader."""
    if loader is None:
        return None

    def feed(entry) -> None:
        for p in entry.parts:
            loader.add(str(partition.named_graph(URIRef(p.iri), iris)), cache_dir / p.file)

    return feed


def _prepare_record(sources, out: Path, base: str, cache_dir: Path | None, jobs: int | None,
                    shapes_dir: Path | None, progress: bool, keep_invalid: bool, state: dict | None,
                    loader) -> Prepared:
    import time

    from mkgraph.store import cache

    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    iris = Iris(base)
    cache_dir = cache_dir or (out / cache.CACHE_DIR)
    done = cache.refresh(sources, base, cache_dir, jobs, shapes_dir, progress=progress,
                         keep_invalid=keep_invalid, on_entry=_feeder(loader, iris, cache_dir))
    if done.errors:
        name = min(done.errors)
        where, _, what = done.errors[name].partition(": ")
        raise InputError(where, what)  # the path as given: the text's, or its curation file's
    if done.violations and not keep_invalid:
        raise RecordNotConforming(done.violations, {Path(s).name: Path(s) for s in sources})
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

    shared_key = _shared_key(parts, vocabulary)
    current_shared = cache_dir / "shared.nt"
    if state and state.get("shared_key") == shared_key and current_shared.is_file() \
            and cache._intact(current_shared, state["shared_sha"], state["shared_stamp"]):
        # the shared parts and the vocabulary are those of the last build: so are the
        # shared graph and the cross-document checks' result
        new_shared, shared_lines, cross = current_shared, state["shared_triples"], _violations(state["cross"])
    else:
        stage = cache_dir / "staged"
        stage.mkdir(parents=True, exist_ok=True)
        new_shared = stage / "shared.nt"
        shared_lines = cache.shared_file([cache_dir / p.shared for p in parts], vocabulary, new_shared)
        t2 = time.perf_counter()
        cross = shared_cross_check(new_shared, vocabulary, shapes_dir)
        timings["shared graph"] = t2 - t1
        timings["cross-document checks"] = time.perf_counter() - t2
    if cross and not keep_invalid:
        # checked before the store is touched: it still holds the last good record
        raise RecordNotConforming({"(cross-document checks)": cross})
    if loader is not None:
        loader.add(partition.vocabulary_name(base), vocab_file)
        loader.add(partition.shared_name(base), new_shared)
    return Prepared(iris, cache_dir, done.rebuilt, done.violations, parts, vocab_file, vocabulary, state,
                    shared_key, new_shared, current_shared, shared_lines, cross, timings)


def _wanted(prep: Prepared) -> dict[str, tuple[Path, str]]:
    """Named graph -> (its N-Triples file in the cache, SHA-256): every graph the store
    must hold besides the shared graph."""
    from mkgraph.store import cache

    base = prep.iris.base
    want = {str(partition.named_graph(URIRef(p.iri), prep.iris)): (prep.cache_dir / p.file, p.sha256)
            for p in prep.parts}
    want[partition.vocabulary_name(base)] = (prep.vocab_file, cache._sha(prep.vocabulary))
    return want


def _apply(prep: Prepared, store_dir: Path) -> tuple[StoreChange, int]:
    """Update the store and write its state; (what changed, the record's triples)."""
    import os

    from mkgraph.store import cache

    base, state, current_shared = prep.iris.base, prep.state, prep.current_shared
    want = _wanted(prep)
    shared_sha = cache.file_sha(prep.new_shared) if prep.new_shared != current_shared else state["shared_sha"]
    change = update_store(store_dir, state, want,
                          (partition.shared_name(base), prep.new_shared, shared_sha, current_shared), prep.loader)
    if prep.new_shared != current_shared:
        os.replace(prep.new_shared, current_shared)
    triples = sum(p.triples for p in prep.parts) + prep.shared_lines + prep.vocabulary.count(b"\n")
    root = prep.cache_dir.resolve()  # once: resolving 10,000 paths one by one took seconds
    files = {g: str(root / path.name) for g, (path, _) in want.items()}
    if prep.shared_lines:
        files[partition.shared_name(base)] = str(root / current_shared.name)
    write_state(store_dir, {"base": base, "graphs": {g: sha for g, (_, sha) in want.items()}, "files": files,
                            "shared_key": prep.shared_key, "shared_sha": shared_sha,
                            "shared_stamp": cache._stamp(current_shared), "shared_triples": prep.shared_lines,
                            "triples": triples, "cross": [v.__dict__ for v in prep.cross]})
    return change, triples


def _dumps(prep: Prepared, out: Path, skip: set[str]) -> list[str]:
    """graph/dataset.nt and graph/dataset.nq of the whole record, streamed from the cache
    (those among skip were written with the exports, the same bytes)."""
    import shutil

    from mkgraph.store import cache

    graph_dir, stage = out / "graph", prep.cache_dir / "staged"
    stage.mkdir(parents=True, exist_ok=True)
    written = []
    if "graph/dataset.nt" not in skip:
        cache.merge_files([prep.cache_dir / p.file for p in prep.parts] + [prep.current_shared, prep.vocab_file],
                          stage / "dataset.nt")
    named = [(g, path) for g, (path, _) in _wanted(prep).items()] + \
        [(partition.shared_name(prep.iris.base), prep.current_shared)]
    cache.write_nquads(named, stage / "dataset.nq")
    graph_dir.mkdir(parents=True, exist_ok=True)
    for name in ("dataset.nt", "dataset.nq"):
        if (stage / name).is_file():
            shutil.move(str(stage / name), str(graph_dir / name))
            written.append(f"graph/{name}")
    return written


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
    timings: dict = field(default_factory=dict)  # the bulk loader's own, when cold


def _mark_dirty(store_dir: Path, state: dict) -> None:
    # a crash between here and the next write_state leaves the store half-updated; the
    # next build sees "dirty" and rebuilds the store from the cache
    write_state(store_dir, {**state, "dirty": True})


def update_store(store_dir: Path, state: dict | None, want: dict[str, tuple[Path, str]],
                 shared: tuple[str, Path, str, Path], loader=None) -> StoreChange:
    """Make the store hold exactly the graphs of want (graph -> (N-Triples file, sha)) and
    the shared graph (name, new file, its sha, the file the store was loaded from).
    Incremental when the state is trusted and matches the store, else a bulk load (the
    one loader, a bulk.Loader, began, if it was fed exactly these graphs)."""
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
        return _bulk(store_dir, want, shared_name, new_shared, loader)
    if loader is not None:
        loader.abort()
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


def _bulk(store_dir: Path, want: dict[str, tuple[Path, str]], shared_name: str, shared: Path,
          loader=None) -> StoreChange:
    """A fresh store from the cache (mkgraph.store.bulk): the loader begun during the
    extraction if it holds exactly these graphs, else a load of them now."""
    from mkgraph.store import bulk

    named = sorted([(g, path) for g, (path, _) in want.items()] + [(shared_name, shared)])
    if loader is None or loader.twice or loader.graphs != {g for g, _ in named}:
        if loader is not None:
            loader.abort()
        # nothing left to overlap with
        loader = bulk.Loader(store_dir, beside=False, cap=bulk.cap_for(path for _, path in named))
        for g, path in named:
            loader.add(g, path)
    loader.finish()
    bulk.install(loader.fresh, store_dir)
    return StoreChange(sorted(want) + [shared_name], [], True, loader.timings)


def store_files(store_dir: Path) -> list[tuple[str, Path, str]]:
    """(graph name, N-Triples file in the cache, its sha) for every named graph the store
    holds, in name order. The store itself returns literals canonicalised (Oxigraph keeps
    "486"^^xsd:nonNegativeInteger as "486"^^xsd:integer), so whoever copies the record
    elsewhere (mkgraph load --store) sends these files: the triples as written."""
    state = read_state(store_dir) if store_dir.is_dir() else None
    if state is None or "files" not in state:
        raise InputError(str(store_dir), "no record store here, or its last update did not finish "
                         "(run 'mkgraph build')")
    shas = {**state["graphs"], partition.shared_name(state["base"]): state["shared_sha"]}
    return [(g, Path(path), shas[g]) for g, path in sorted(state["files"].items())]


def exports_of(sources: list[Path] | None = None, base: str = DEFAULT_BASE, validate: bool = True,
               jobs: int | None = 1) -> Exports:
    """The files of graph/ and ontology/ (and the dataset) for sources, as `mkgraph build`
    writes them, with no store and no graph/ written: the one build in check mode, its
    cache in a temporary folder. validate=False keeps what breaks a shape (for tests of
    data the rules do not yet handle)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="mkgraph-") as tmp:
        rec = build_record(sources, out=Path(tmp), base=base, jobs=jobs, keep_invalid=not validate,
                           exports=True, check=True)
    return rec.exports
