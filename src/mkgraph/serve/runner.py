"""Run SPARQL queries in worker processes with a deadline.

pyoxigraph cannot interrupt a running query, so a query that runs past the timeout, or
whose client has gone away (``cancel``), is stopped by killing its worker process; a fresh
worker takes its place and the server keeps serving. Each worker loads the (read-only)
graph once when it starts.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import threading
import time
from dataclasses import dataclass, field

from mkgraph.serve import conneg, results

_CTX = mp.get_context("spawn")  # no fork of a threaded server
POLL = 0.1  # seconds between looks at the client while a query waits or runs


@dataclass(frozen=True)
class Job:
    query: str
    accept: str | None = None
    fmt: str | tuple[str, ...] | None = None  # the ?format= value(s)
    substitutions: tuple[tuple[str, str, str, str], ...] = ()  # (var, kind, value, datatype/lang)
    max_results: int = 10000
    prefixes: tuple[tuple[str, str], ...] = ()
    hide: tuple[str, ...] = ()  # parameter columns added only so that they can be substituted


@dataclass(frozen=True)
class Answer:
    status: int  # 200 or an HTTP error status
    media: str = "text/plain"
    body: bytes = b""
    truncated: bool = False
    rows: int = 0
    message: str = ""


def _term(kind: str, value: str, extra: str):
    import pyoxigraph as ox

    if kind == "iri":
        return ox.NamedNode(value)
    if extra.startswith("@"):
        return ox.Literal(value, language=extra[1:])
    return ox.Literal(value, datatype=ox.NamedNode(extra)) if extra else ox.Literal(value)


def execute(store, job: Job) -> Answer:
    """Run one job on a store (in a worker, or directly in tests)."""
    import pyoxigraph as ox

    subs = {ox.Variable(v): _term(k, val, x) for v, k, val, x in job.substitutions}
    try:
        res = store.query(job.query, substitutions=subs or None)
    except SyntaxError as err:
        return Answer(400, message="malformed query: " + " ".join(str(err).split()))
    except (OSError, ValueError, TypeError, RuntimeError) as err:
        return Answer(400, message="query failed: " + " ".join(str(err).split()))
    try:
        if isinstance(res, ox.QueryBoolean):
            media = conneg.negotiate(job.accept, conneg.RESULTS, job.fmt)
            return Answer(200, media, results.boolean(bool(res), media), rows=1)
        if isinstance(res, ox.QuerySolutions):
            media = conneg.negotiate(job.accept, conneg.RESULTS, job.fmt)
            variables = [v.value for v in res.variables if v.value not in job.hide]
            rows = []
            for sol in res:
                if len(rows) == job.max_results:
                    return Answer(200, media, results.select(variables, rows, media), True, len(rows))
                rows.append([sol[v] for v in variables])
            return Answer(200, media, results.select(variables, rows, media), False, len(rows))
        media = conneg.negotiate(job.accept, conneg.GRAPHS, job.fmt)
        triples, truncated = [], False
        for t in res:
            if len(triples) == job.max_results:
                truncated = True
                break
            triples.append(t)
        return Answer(200, media, results.graph(triples, media, dict(job.prefixes)), truncated, len(triples))
    except conneg.NotAcceptable as err:
        return Answer(406, message="not acceptable; " + str(err))
    except (OSError, ValueError, SyntaxError) as err:
        return Answer(400, message="query failed: " + " ".join(str(err).split()))
    except RuntimeError as err:
        # pyoxigraph evaluates lazily: a SERVICE endpoint's unreadable answer (text/plain, CSV,
        # garbage) surfaces here, while the rows are read; it is the remote's fault
        status = 502 if "service" in job.query.lower() else 400
        return Answer(status, message="query failed: " + " ".join(str(err).split()))


def _worker_main(conn, paths, store_dir=None, parent=None):
    from mkgraph.lifeline import die_with_parent
    from mkgraph.serve.store import load, open_record

    if parent is not None:
        # watch only: the worker is started from a thread pool's thread, whose end must not kill it
        die_with_parent(parent, kernel=False)

    store = open_record(store_dir) if store_dir else load(paths)
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        try:
            answer = execute(store, job)
        except Exception as err:  # noqa: BLE001 - whatever a query raises must not end the worker
            answer = Answer(500, message=f"query failed: {type(err).__name__}: " + " ".join(str(err).split()))
        conn.send(answer)


class _Worker:
    def __init__(self, paths, store_dir=None):
        self.conn, child = _CTX.Pipe()
        self.proc = _CTX.Process(target=_worker_main, args=(child, list(map(str, paths)), store_dir, os.getpid()),
                                 daemon=True)
        self.proc.start()
        child.close()
        self.ready = False

    def wait_ready(self, timeout: float) -> bool:
        try:
            if not self.ready and self.conn.poll(timeout):
                self.ready = self.conn.recv() == "ready"
        except (EOFError, OSError):  # the worker died while loading
            return False
        return self.ready

    def kill(self):
        self.proc.kill()
        self.proc.join(5)
        self.conn.close()


@dataclass
class Runner:
    """A fixed number of query workers; ``run`` blocks (call it from a thread)."""

    paths: tuple
    workers: int = 2
    timeout: float = 10.0
    _idle: queue.Queue = field(default_factory=queue.Queue, init=False)
    _all: list = field(default_factory=list, init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False)
    startup_grace: float = 30.0
    restarts: int = field(default=0, init=False)
    cancelled: int = field(default=0, init=False)  # queries stopped because their client went away
    store_dir: str | None = None  # a record store (read-only handles) instead of paths

    def start(self, ready_timeout: float = 120.0) -> None:
        ws = [_Worker(self.paths, self.store_dir) for _ in range(self.workers)]
        for w in ws:
            if not w.wait_ready(ready_timeout):
                for x in ws:
                    x.kill()
                raise RuntimeError("a query worker did not start (see its stderr)")
            self._idle.put(w)
        self._all = ws

    def stop(self) -> None:
        with self._lock:
            for w in self._all:
                w.kill()
            self._all = []

    def _replace(self, dead: _Worker) -> None:
        dead.kill()
        fresh = _Worker(self.paths, self.store_dir)
        with self._lock:
            self.restarts += 1
            self._all = [w for w in self._all if w is not dead] + [fresh]
        fresh.wait_ready(120.0)
        self._idle.put(fresh)

    def _take(self, cancel: threading.Event) -> _Worker | None:
        """An idle worker, or None when the client went away or none came free in time."""
        # Waiting for a worker may include a replacement's start-up after a timeout.
        wait_until = time.monotonic() + self.timeout + self.startup_grace
        while not cancel.is_set():
            left = wait_until - time.monotonic()
            if left <= 0:
                return None
            try:
                return self._idle.get(timeout=min(POLL, left))
            except queue.Empty:
                pass
        return None

    def run(self, job: Job, cancel: threading.Event | None = None) -> Answer:
        """The job's answer; setting ``cancel`` (the client went away) stops it within POLL s."""
        cancel = cancel or threading.Event()
        w = self._take(cancel)
        if w is None:
            if cancel.is_set():
                return Answer(499, message="the client went away before the query started")
            return Answer(503, message="all query workers are busy; try again later")
        deadline = time.monotonic() + self.timeout
        died = False
        try:
            w.conn.send(job)
            # short polls, so that a client that goes away frees its worker at once
            while True:
                left = deadline - time.monotonic()
                if left > 0 and w.conn.poll(min(POLL, left)):
                    answer = w.conn.recv()
                    self._idle.put(w)
                    return answer
                if left <= 0 or cancel.is_set():
                    break
        except (EOFError, OSError, BrokenPipeError):
            died = True
        # Past the deadline, abandoned, or the worker died: replace it in the background.
        threading.Thread(target=self._replace, args=(w,), daemon=True).start()
        with self._lock:
            if cancel.is_set() and not died:
                self.cancelled += 1
        if died:
            return Answer(502, message="the query worker ended while running this query; it has been replaced")
        if cancel.is_set():
            return Answer(499, message="the client went away; its query was stopped")
        return Answer(503, message=f"query did not finish within the {self.timeout:g} s timeout")
