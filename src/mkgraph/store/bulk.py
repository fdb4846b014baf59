"""The cold store: a fresh pyoxigraph store bulk-loaded from the cache, then moved into place.

The load goes into a sibling folder (``<store>.new``) and replaces the store with two
renames only once it is complete and compacted, so a killed or refused build leaves the
old store or the new one under the store's name, never half of one.

For a record of BESIDE_MIN sources or more it runs in a child process (``Loader``) that
the parent feeds with (graph, cached N-Triples file) pairs as they become known: a cold
build starts it before the workers
extract, so Oxigraph's bulk loader works while the texts are still being extracted
instead of after them (docs/scale.md, "The store step"). A process, not a thread: the
worker pool is forked after it starts, and a fork must not copy a thread in the middle
of RocksDB's work. A spawned process, not a forked one: a process that has opened an
on-disk store once (a test, or a build whose store failed to agree with its state)
hands a forked child RocksDB's background thread pool without its threads, and the
child's load waits for them forever.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from mkgraph.store import cache
from mkgraph.store.state import write_state

CHUNK = 1 << 20  # bytes the loader reads at a time
_ABORT = "abort"


def fresh_folder(store_dir: Path) -> Path:
    return store_dir.with_name(store_dir.name + ".new")


class Aborted(Exception):
    """The parent gave up on the load (a source failed): the child stops reading."""


# Sources at least (more than one batch of build.BATCH = 8) for a load beside the
# extraction: a spawned loader takes ~0.3 s to start and competes for the cores; for the
# seed alone it cost more than it hid (extract+validate 0.45 -> 0.6 s), and a few texts
# leave no extraction to hide it behind.
BESIDE_MIN = 9


class Loader:
    """One bulk load into ``<store>.new`` in a spawned child process; ``add`` the graphs
    in any order, then ``finish`` (the store compacted, the set of graphs loaded) or
    ``abort`` (the folder removed). On one core, or not ``beside``, the load runs in
    ``finish``, in this process."""

    def __init__(self, store_dir: Path, beside: bool = True, cap: int | None = None):
        import multiprocessing as mp
        import os
        import threading

        self.fresh = fresh_folder(store_dir)
        if self.fresh.exists():
            shutil.rmtree(self.fresh)  # what a killed build left
        # made here only for the load: a refused build must leave no graph/ where there was none
        self._made = [] if self.fresh.parent.exists() else \
            [q for q in [self.fresh.parent, *self.fresh.parent.parents] if not q.exists()]
        self.fresh.parent.mkdir(parents=True, exist_ok=True)
        self.graphs: set[str] = set()
        self.timings: dict[str, float] = {}  # the child's own: load, compaction, CPU seconds
        self._done = False
        self.twice = False  # a graph was offered twice (the record refuses that anyway)
        self._pending: list[tuple[str, str]] = []
        self.cap = cap  # bytes per bulk_load call; None: BULK_BYTES; ONE_CALL: one call
        self._child = None
        if beside and (os.cpu_count() or 1) > 1:
            ctx = mp.get_context("spawn")
            self._conn, child_end = ctx.Pipe()
            kernel = threading.current_thread() is threading.main_thread()
            self._child = ctx.Process(target=_child, args=(child_end, str(self.fresh), os.getpid(), kernel, cap),
                                      name="mkgraph-bulk-load", daemon=True)
            self._child.start()
            child_end.close()

    def add(self, graph: str, path: Path) -> None:
        if graph in self.graphs:
            self.twice = True
            return
        self.graphs.add(graph)
        if self._child is None:
            self._pending.append((graph, str(path)))
        else:
            self._conn.send((graph, str(path)))

    def finish(self) -> set[str]:
        """Wait for the load and the compaction; the graphs loaded. Raises what the load raised."""
        self._done = True
        if self._child is None:
            self.timings = load(self.fresh, self._pending, self.cap)
            return self.graphs
        self._conn.send(None)
        try:
            kind, detail = self._conn.recv()
        except EOFError:
            kind, detail = "error", f"the bulk-load process ended with exit code {self._child.exitcode}"
        self._child.join()
        if kind != "ok":
            shutil.rmtree(self.fresh, ignore_errors=True)
            raise OSError(f"{self.fresh}: bulk load failed: {detail}")
        self.timings = detail
        return self.graphs

    def abort(self) -> None:
        """Stop the load and remove its folder; nothing once finish() was called."""
        if self._done:
            return
        self._done = True
        if self._child is not None:
            try:
                self._conn.send(_ABORT)
            except OSError:
                pass  # the child is gone already
            self._child.join(60)
            if self._child.is_alive():
                self._child.kill()
                self._child.join()
        shutil.rmtree(self.fresh, ignore_errors=True)
        for folder in self._made:
            try:
                folder.rmdir()
            except OSError:
                break  # something else was written there meanwhile


def _child(conn, fresh: str, parent: int, kernel: bool, cap: int | None) -> None:
    """The loader process: read pairs from the pipe into the bulk loader until None."""
    import queue
    import threading

    from mkgraph.lifeline import die_with_parent

    die_with_parent(parent, kernel)  # a killed build leaves no loader behind
    inbox: queue.SimpleQueue = queue.SimpleQueue()

    def receive():
        # drained at once, so that the parent never blocks on a full pipe while the
        # loader is busy with a batch
        while True:
            try:
                msg = conn.recv()
            except EOFError:
                msg = _ABORT
            inbox.put(msg)
            if msg is None or msg == _ABORT:
                return

    threading.Thread(target=receive, daemon=True).start()

    def pairs():
        while (msg := inbox.get()) is not None:
            if msg == _ABORT:
                raise Aborted()
            yield msg

    try:
        conn.send(("ok", load(Path(fresh), pairs(), cap)))
    except Aborted:
        pass
    except BaseException as err:  # sent back whole: the parent names the store and the cause
        conn.send(("error", f"{type(err).__name__}: {err}"))


def load(fresh: Path, named, cap: int | None = None) -> dict[str, float]:
    """Bulk-load (graph, N-Triples file) pairs into a new store at fresh and compact it;
    the seconds of each (wall, and the CPU of both, every thread of this process). cap:
    bytes per bulk_load call (None: BULK_BYTES; ONE_CALL: every pair in one call, read
    as the pairs arrive)."""
    import resource
    import time

    import pyoxigraph as ox

    def cpu():
        use = resource.getrusage(resource.RUSAGE_SELF)
        return use.ru_utime + use.ru_stime

    c0, t0 = cpu(), time.perf_counter()
    store = ox.Store(str(fresh))
    for group in [named] if cap == ONE_CALL else groups(named, cap):
        # lenient: no second IRI check. Every line was written by mkgraph's N-Triples writer
        # and parsed strictly once already when its batch was validated; the cache vouches
        # for the bytes by their SHA-256. The check was 15 % of the bulk load's CPU.
        store.bulk_load(io.BufferedReader(cache.TrigStream(group), CHUNK), format=ox.RdfFormat.TRIG, lenient=True)
    t1 = time.perf_counter()
    # The bulk loader leaves hundreds of unmerged table files (294 at 10,000 resolutions):
    # every read then probes them all, and the first writes stall until RocksDB has
    # compacted them (adding one resolution took 11 s, removing it again minutes).
    # Compacting here, once, is part of building the store.
    store.optimize()
    del store
    return {"bulk loader: load": t1 - t0, "bulk loader: compaction": time.perf_counter() - t1,
            "bulk loader: CPU": cpu() - c0}


# N-Triples bytes per bulk_load call. The loader holds all it reads in one call in memory
# until it writes its tables: one 2 MB text (a 111 MB file) took 460 MB in one call,
# ≈ 150 MB in 32 MB calls; the calls' tables cost the optimize() after them ≈ 1 s more
BULK_BYTES = 32 << 20
# … and for a record of many texts (a Loader given it: BESIDE_MIN sources or more): one
# call for the whole load, where the memory target is 4 GB. On the 10,000 cache (7.5 GB
# of N-Triples, 36 M quads; bulk.load alone, the same machine and hour, 2026-12-06): one
# call 674 CPU s (527 s load + 165 s compaction), 1.92 GB peak; 128 MB calls 895 CPU s
# (413 + 223 s), 0.87 GB. On the 1,000 cache (2026-12-05) the 128 MB calls had cost less
# (38.1 CPU s against 43.3; 32 MB 48.2, 256 MB 40.7): what the compaction after many calls
# costs grows faster than the record. The build is CPU-bound on 2 cores (the loader runs
# beside the workers) and its compaction comes last, so the record takes one call.
ONE_CALL = 0  # a cap: the whole load in one call, streamed as the pairs arrive
# A load after the extraction (no loader beside it) takes ONE_CALL only when it is
# bigger than this: the 2 MB protocol (one source, 247 resolutions, 111 MB)
# counted as a record by its 248 graphs and took 615 MB in one call, 450 in 32 MB calls.
RECORD_LOAD_BYTES = 256 << 20


def cap_for(files) -> int:
    """Bytes per bulk_load call for a load of these files, by their size."""
    total = sum(Path(f).stat().st_size for f in files)
    return ONE_CALL if total > RECORD_LOAD_BYTES else BULK_BYTES


def groups(named, cap: int | None = None):
    """The (graph, file) pairs as the (graph, file, start, end) byte ranges of each
    bulk_load call, at most BULK_BYTES each: whole files together, a bigger file split at
    line ends. Lazy: a group is yielded as soon as it is full (the pairs may still be
    arriving from the workers). cap: bytes per call instead of BULK_BYTES."""
    cap = cap or BULK_BYTES
    group, size = [], 0
    for graph, path in named:
        n = Path(path).stat().st_size
        for start, end in _line_ranges(Path(path), n, cap) if n > cap else [(0, n)]:
            if group and size + end - start > cap:
                yield group
                group, size = [], 0
            group.append((graph, path, start, end))
            size += end - start
    if group:
        yield group


def _line_ranges(path: Path, size: int, cap: int) -> list[tuple[int, int]]:
    """[start, end) ranges of about cap bytes that cover a file and end at line ends."""
    out, start = [], 0
    with open(path, "rb") as f:
        while start < size:
            f.seek(min(start + cap, size))
            f.readline()  # to the end of the line the cut falls in
            end = min(f.tell(), size)
            out.append((start, end))
            start = end
    return out


def install(fresh: Path, store_dir: Path) -> None:
    """Move the complete store at fresh into place (the old one, if any, removed)."""
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
