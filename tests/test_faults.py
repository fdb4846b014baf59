"""Trust under faults and attack (issue 13): each reproduction of the issue, as a test.

Servers and listeners bind 127.0.0.1; kills and concurrent runs use real subprocesses.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from conftest import stop_process, wait_for_server

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "graph" / "dataset.nt"
MKGRAPH = [sys.executable, "-m", "mkgraph"]

ATTACK = r"PREFIX e: <http://e/> SELECT * WHERE { VALUES ?v { e:a\# } SERVICE <URL> { ?x ?y ?z } }"


def mkgraph(*args, cwd=None, timeout=300, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*MKGRAPH, *map(str, args)], capture_output=True, text=True, timeout=timeout,
                          cwd=cwd or ROOT, **kw)


def one_line_error(p: subprocess.CompletedProcess, needle: str = "") -> None:
    """Exit 2, one line on stderr starting with "mkgraph:", no traceback."""
    assert p.returncode == 2, (p.returncode, p.stderr)
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mkgraph: "), p.stderr
    assert "Traceback" not in p.stderr
    assert needle in p.stderr, p.stderr


class Listener:
    """A TCP listener on 127.0.0.1 that counts the connections made to it (and closes them)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(50)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.connections = 0
        self._stop = False
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()

    def close(self):
        self._stop = True
        self.sock.close()


@pytest.fixture
def listener():
    ls = Listener()
    yield ls
    ls.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(*extra: str):
    port = free_port()
    cmd = [*MKGRAPH, "serve", "--port", str(port), "--workers", "1", "--no-access-log", *extra]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    return wait_for_server(proc, f"http://127.0.0.1:{port}", 600)


stop = stop_process


# ---- 1. SERVICE refused by parsing the query; limits before any parser -----------------------

@pytest.mark.parametrize("query", [
    ATTACK.replace("URL", "http://127.0.0.1:9999/"),
    "SELECT * WHERE { service <http://127.0.0.1:9999/> { ?s ?p ?o } }",
    r"SELECT * WHERE { \u0053ERVICE <http://127.0.0.1:9999/> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9999/> { ?s ?p ?o } }",
    "PREFIX e: <http://127.0.0.1:9999/> SELECT * WHERE { SERVICE e:x { ?s ?p ?o } }",
    "BASE <http://127.0.0.1:9999/> SELECT * WHERE { SERVICE <x> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <http://127.0.0.1:9999/> { ?s ?p ?o } } }",
    "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <http://127.0.0.1:9999/> { ?s ?p ?o } } } }",
    "SELECT * WHERE { OPTIONAL { GRAPH ?g { MINUS { SERVICE <http://127.0.0.1:9999/> { ?s ?p ?o } } } } }",
    "SELECT * WHERE { BIND(<http://127.0.0.1:9999/> AS ?u) SERVICE ?u { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE <file:///etc/passwd> { ?s ?p ?o } }",
    "ASK { SERVICE <http://127.0.0.1:9999/> { ?s ?p ?o } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9999/> { ?s ?p ?o } }",
])
def test_service_is_found_by_parsing_and_refused(query):
    from mkgraph.query.safety import problem

    status, message = problem(query)
    assert status == 400 and "SERVICE" in message
    assert "\n" not in message


def test_service_allowed_only_as_named():
    from mkgraph.query.safety import problem

    q = "SELECT * WHERE { SERVICE <http://127.0.0.1:9999/a> { ?s ?p ?o } }"
    assert problem(q, ["http://127.0.0.1:9999/a"]) is None
    assert problem(q, ["http://127.0.0.1:9999/"])[0] == 400  # exact IRIs, not prefixes
    var = "SELECT * WHERE { VALUES ?u { <http://127.0.0.1:9999/a> } SERVICE ?u { ?s ?p ?o } }"
    assert problem(var, ["http://127.0.0.1:9999/a"])[0] == 400  # a variable is never checked


def test_service_as_text_is_not_a_service_clause():
    from mkgraph.query.safety import problem

    for q in ('SELECT ("SERVICE" AS ?x) WHERE {}',
              "SELECT * WHERE { ?s <http://x/service> ?o } # SERVICE <http://127.0.0.1:9999/> {}",
              "PREFIX service: <http://x/> SELECT * WHERE { ?s service:p ?o }"):
        assert problem(q) is None, q


def test_limits_come_before_any_parser(monkeypatch):
    from mkgraph.query import safety

    def no_parser(*_a):
        raise AssertionError("a parser was called")

    monkeypatch.setattr(safety, "_parse_services", no_parser)
    deep = "SELECT * WHERE { FILTER(" + "(" * 10_000 + "1" + ")" * 10_000 + ") SERVICE <http://a/> {} }"
    status, message = safety.problem(deep)
    assert status == 400 and "nested too deeply" in message
    status, message = safety.problem("SELECT * WHERE { ?s ?p ?o }" + " " * safety.MAX_CHARS)
    assert status == 400 and "too long" in message
    ok = "SELECT * WHERE { FILTER(" + "(" * 150 + "1" + ")" * 150 + ") }"
    assert safety.problem(ok) is None


def test_a_long_query_naming_service_is_refused_unparsed(monkeypatch):
    from mkgraph.query import safety

    def no_parser(*_a):
        raise AssertionError("a parser was called")

    monkeypatch.setattr(safety, "_parse_services", no_parser)
    filler = " ".join(f"?s <http://x/p> ?o{i} ." for i in range(600))
    status, message = safety.problem(f'SELECT * WHERE {{ {filler} FILTER(?o0 != "service") }}')
    assert status == 400 and "at most" in message
    assert safety.problem(f"SELECT * WHERE {{ {filler} }}") is None  # no "service": not parsed at all


def test_cli_refuses_service_and_deep_nesting_without_fetching(tmp_path, listener):
    attack = tmp_path / "attack.rq"
    attack.write_text(ATTACK.replace("URL", listener.url) + "\n", encoding="utf-8")
    one_line_error(mkgraph("query", "run", attack, "--data", SEED), "attack.rq")
    p = mkgraph("query", "run", "federated-records", "-p", f"service={listener.url}", "--data", SEED)
    one_line_error(p, "SERVICE")
    p = mkgraph("query", "run", "federated-records", "-p", f"service={listener.url}", "--store", tmp_path / "none")
    assert p.returncode == 2 and listener.connections == 0
    # The 10,000 nested brackets that crashed pyoxigraph's parser (exit 139, no message).
    deep = tmp_path / "deep.rq"
    deep.write_text("SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 10_000 + "1" + ")" * 10_000 + ") }\n",
                    encoding="utf-8")
    one_line_error(mkgraph("query", "run", deep, "--data", SEED), "nested too deeply")
    assert listener.connections == 0
    # Named explicitly, the endpoint is asked (the listener hangs up: one line, exit 2).
    p = mkgraph("query", "run", "federated-records", "-p", f"service={listener.url}", "--data", SEED,
                "--allow-service", listener.url)
    one_line_error(p, "federated-records.rq")
    assert listener.connections >= 1
    one_line_error(mkgraph("query", "run", "federated-records", "-p", f"service={listener.url}",
                           "--allow-service", "file:///etc/passwd"), "--allow-service")


def test_server_refuses_service_on_every_route(listener):
    proc, url = start_server("--data", str(SEED), "--queries", str(ROOT / "queries"))
    try:
        attack = ATTACK.replace("URL", listener.url)
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        answers = [
            httpx.get(url + "/sparql", params={"query": attack}, timeout=30),
            httpx.post(url + "/sparql", data={"query": attack}, headers=form, timeout=30),
            httpx.post(url + "/sparql", content=attack, headers={"Content-Type": "application/sparql-query"},
                       timeout=30),
            httpx.get(url + "/api/queries/federated-records", params={"service": listener.url}, timeout=30),
        ]
        for r in answers:
            assert r.status_code == 400, (r.status_code, r.text)
            assert "SERVICE" in r.json()["error"]
        for params in ({"query": attack}, {"service": listener.url, "run": "1"}):
            path = "/query" if "query" in params else "/query/federated-records"
            r = httpx.get(url + path, params=params, timeout=30)
            error = r.text.split('id="error">', 1)[1].split("</p>", 1)[0]
            assert r.status_code == 200 and "SERVICE" in error and "<table" not in r.text
        deep = "SELECT * WHERE { FILTER(" + "(" * 10_000 + "1" + ")" * 10_000 + ") }"
        r = httpx.post(url + "/sparql", content=deep, headers={"Content-Type": "application/sparql-query"},
                       timeout=30)
        assert r.status_code == 400 and "nested too deeply" in r.json()["error"]
        assert listener.connections == 0
        assert httpx.get(url + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=30).status_code == 200
    finally:
        stop(proc)


def test_server_asks_an_allowed_endpoint(listener):
    proc, url = start_server("--data", str(SEED), "--queries", str(ROOT / "queries"),
                             "--allow-service", listener.url)
    try:
        r = httpx.get(url + "/api/queries/federated-records", params={"service": listener.url}, timeout=30)
        assert r.status_code == 400 and "query failed" in r.json()["error"]  # the listener hung up
        assert listener.connections >= 1
        r = httpx.get(url + "/api/queries/federated-records", params={"service": listener.url + "x"}, timeout=30)
        assert r.status_code == 400 and "not an allowed endpoint" in r.json()["error"]
    finally:
        stop(proc)


# ---- 3. one writer per store (and per graph/) -------------------------------------------------

def start_holding_lock(*args, out: Path) -> subprocess.Popen:
    """Start `mkgraph ARGS` and freeze it (SIGSTOP) as soon as it holds the build lock of out."""
    import signal

    lock = out / ".mkgraph.lock"
    proc = subprocess.Popen([*MKGRAPH, *map(str, args)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if lock.read_text().strip() == str(proc.pid):
                os.kill(proc.pid, signal.SIGSTOP)
                return proc
        except OSError:
            pass
        if proc.poll() is not None:
            raise AssertionError(f"finished before it could be frozen: {proc.returncode} {proc.stderr.read()}")
        time.sleep(0.002)
    proc.kill()
    raise AssertionError("never took the lock")


def resume(proc: subprocess.Popen) -> subprocess.CompletedProcess:
    import signal

    os.kill(proc.pid, signal.SIGCONT)
    out, err = proc.communicate(timeout=300)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def test_two_builds_one_refused_store_intact(tmp_path):
    out = tmp_path / "out"
    first = start_holding_lock("build", "--out", out, "--jobs", "2", out=out)
    try:
        second = mkgraph("build", "--out", out)
        one_line_error(second, f"{out / 'graph'}: in use by PID {first.pid}")
    finally:
        done = resume(first)
    assert done.returncode == 0, done.stderr
    p = mkgraph("query", "run", "resolution", "--store", out / "graph" / "store", "-f", "csv")
    assert p.returncode == 0 and "Integration schafft Zusammenhalt" in p.stdout, p.stderr
    again = mkgraph("build", "--out", out)  # the lock went with the first build
    assert again.returncode == 0 and "unchanged" in again.stdout, again.stderr


def test_a_killed_builds_lock_does_not_block(tmp_path):
    import signal

    out = tmp_path / "out"
    first = start_holding_lock("build", "--out", out, "--jobs", "1", out=out)
    os.kill(first.pid, signal.SIGKILL)
    first.wait(30)
    p = mkgraph("build", "--out", out)
    assert p.returncode == 0, p.stderr


def _child_that_lingers(parent: int, ready) -> None:
    from mkgraph.lifeline import die_with_parent

    die_with_parent(parent)
    ready.set()
    time.sleep(60)


def test_a_forked_worker_does_not_keep_the_build_lock(tmp_path):
    import multiprocessing as mp

    from mkgraph import lock

    with lock.exclusive(tmp_path, "out", "in use"):
        ctx = mp.get_context("fork")
        ready = ctx.Event()
        child = ctx.Process(target=_child_that_lingers, args=(os.getpid(), ready), daemon=True)
        child.start()
        assert ready.wait(60)  # the child has run die_with_parent (it closes its copy of the lock)
    try:
        assert child.is_alive()
        p = mkgraph("build", "--out", tmp_path)  # the lock went with its holder, not with the worker
        assert p.returncode == 0, p.stderr
    finally:
        child.kill()
        child.join()


def test_two_graph_builds_one_refused_graph_valid(tmp_path):
    out = tmp_path / "out"
    first = start_holding_lock("build", "--out", out, "--base", "https://example.org/a/", out=out)
    try:
        second = mkgraph("build", "--out", out, "--base", "https://example.org/b/")
        one_line_error(second, f"{out / 'graph'}: in use by PID {first.pid}")
    finally:
        done = resume(first)
    assert done.returncode == 0, done.stderr
    p = mkgraph("build", "--check", "--out", out, "--base", "https://example.org/a/")
    assert p.returncode == 0, p.stdout + p.stderr


# ---- 4. readers refuse a store whose last update did not finish ---------------------------------

def test_readers_refuse_a_dirty_store_and_name_the_fix(tmp_path):
    from mkgraph.store import record

    out = tmp_path / "out"
    assert mkgraph("build", "--out", out).returncode == 0
    store = out / "graph" / "store"
    fix = f"mkgraph build --out {out.resolve()}"
    proc, url = start_server("--store", str(store))
    try:
        assert httpx.get(url + "/api/queries/resolution", timeout=30).status_code == 200
        # What a build killed between marking the state and writing the new one leaves
        # (the build's own function; a kill -9 there left 16 of 40 resolutions served).
        record._mark_dirty(store, record.read_state(store))
        for path, params in (("/api/queries/resolution", {}), ("/sparql", {"query": "ASK { ?s ?p ?o }"})):
            r = httpx.get(url + path, params=params, timeout=30)
            assert r.status_code == 503 and fix in r.json()["error"], r.text
    finally:
        stop(proc)
    one_line_error(mkgraph("query", "run", "resolution", "--store", store), fix)
    one_line_error(mkgraph("serve", "--store", store, "--port", free_port()), fix)
    rebuilt = mkgraph(*fix.split()[1:])
    assert rebuilt.returncode == 0, rebuilt.stderr
    p = mkgraph("query", "run", "resolution", "--store", store, "-f", "csv")
    assert p.returncode == 0 and "Integration schafft Zusammenhalt" in p.stdout


KILL_AFTER_MARKING_DIRTY = r"""
import os, signal, sys
from mkgraph.store import record
real = record._mark_dirty
def mark(store_dir, state):
    real(store_dir, state)
    os.kill(os.getpid(), signal.SIGKILL)  # kill -9 in the middle of the in-place update
record._mark_dirty = mark
from mkgraph.cli import main
sys.argv = ["mkgraph", "build", "--jobs", "1", "--out", sys.argv[1]]
main()
"""


def test_a_build_killed_mid_update_leaves_a_store_readers_refuse(tmp_path):
    folder = corpus_sources(tmp_path, 3)
    out = tmp_path / "out"
    assert mkgraph("build", "--out", out, cwd=folder).returncode == 0
    store = out / "graph" / "store"
    sorted((folder / "sources").glob("*.txt"))[-1].unlink()  # an update in place: one graph dropped
    killed = subprocess.run([sys.executable, "-c", KILL_AFTER_MARKING_DIRTY, str(out)], cwd=folder,
                            capture_output=True, text=True, timeout=300)
    assert killed.returncode == -9, killed.stderr
    fix = f"mkgraph build --out {out.resolve()}"
    one_line_error(mkgraph("query", "run", "resolution", "--store", store), fix)
    one_line_error(mkgraph("serve", "--store", store, "--port", free_port()), fix)
    assert mkgraph("build", "--out", out, cwd=folder).returncode == 0
    p = mkgraph("query", "run", "resolution", "--store", store, "-f", "csv")
    assert p.returncode == 0, p.stderr


# ---- 5. child processes die with their parent ------------------------------------------------------

def children(pid: int) -> list[int]:
    """PIDs whose parent is pid (from /proc)."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            out.append(int(entry.name))
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def kill_when_children(cmd: list, n: int, sig, cwd: Path) -> list[int]:
    """Start cmd, wait until it has n child processes, send it sig; return the children."""
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    kids: list[int] = []
    while time.monotonic() < deadline and proc.poll() is None:
        kids = children(proc.pid)
        if len(kids) >= n:
            break
        time.sleep(0.005)
    assert len(kids) >= n, f"the build never had {n} child process(es)"
    os.kill(proc.pid, sig)
    proc.wait(30)
    return kids


def wait_gone(pids: list[int], seconds: float = 30) -> list[int]:
    """The pids still alive after a while (killed then, so that a failing test leaves none)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.05)
    left = [p for p in pids if alive(p)]
    for p in left:
        os.kill(p, 9)
    return left


def corpus_sources(folder: Path, n: int) -> Path:
    """folder/sources with the seed and n generated texts."""
    import shutil

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import corpus

    src = folder / "sources"
    src.mkdir(parents=True)
    for f in (ROOT / "sources").iterdir():
        shutil.copy(f, src / f.name)
    for name, text in corpus.generate(n, 7):
        (src / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("sig", ["SIGKILL", "SIGTERM"])
def test_build_workers_die_with_the_build(tmp_path, sig):
    import signal

    folder = corpus_sources(tmp_path, 12)
    kids = kill_when_children([*MKGRAPH, "build", "--jobs", "2", "--out", tmp_path / "out"], 2,
                              getattr(signal, sig), folder)
    assert wait_gone(kids) == []


def test_query_workers_die_with_the_server():
    import signal

    cmd = [*MKGRAPH, "serve", "--port", str(free_port()), "--workers", "2", "--no-access-log", "--data", str(SEED)]
    kids = kill_when_children(cmd, 2, signal.SIGKILL, ROOT)
    assert wait_gone(kids) == []


# ---- 6. graph/ replaced as a whole (or finished by the next build); no stale .tmp ------------------

KILL_AT_RENAME = r"""
import os, signal, sys
real, seen, at = os.replace, [0], int(sys.argv[1])
out = os.path.abspath(sys.argv[2])
def replace(src, dst, *a, **k):
    rel = os.path.relpath(os.path.abspath(dst), out)
    # the renames of graph/'s replacement: the cache and the store's state come before them
    if not rel.startswith((".mkgraph-cache", os.path.join("graph", "store"))):
        seen[0] += 1  # the 1st is the journal's own rename, the 2nd the first file's
    if seen[0] == at:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(src, dst, *a, **k)
os.replace = replace
from mkgraph.cli import main
sys.argv = ["mkgraph", "build", "--out", sys.argv[2], "--base", sys.argv[3]]
main()
"""

OLD_BASE, NEW_BASE = "https://example.org/old/", "https://example.org/new/"


def built_files(base: str) -> dict[str, bytes]:
    from mkgraph.store import record

    return record.exports_of(None, base=base).files


def temporaries(out: Path) -> list[Path]:
    return [p for p in out.rglob("*.tmp")]


def test_a_kill_during_the_renames_is_finished_by_the_next_build(tmp_path, monkeypatch):
    from mkgraph import api, atomic
    from mkgraph.errors import InputError
    from mkgraph.store import build

    out = tmp_path / "out"
    assert mkgraph("build", "--out", out, "--base", OLD_BASE).returncode == 0
    killed = subprocess.run([sys.executable, "-c", KILL_AT_RENAME, "6", out, NEW_BASE], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert killed.returncode == -9, killed.stderr
    new = built_files(NEW_BASE)
    mixed = build.stale(new, out)
    assert 0 < len(mixed) < len(new)  # the kill left a mix: the "4 new and 7 old"
    assert atomic.interrupted(out) and temporaries(out)
    check = mkgraph("build", "--check", "--out", out, "--base", NEW_BASE)
    assert check.returncode == 1 and atomic.JOURNAL in check.stderr
    monkeypatch.chdir(out)  # a reader of this graph/ refuses it rather than read a mix
    with pytest.raises(InputError, match="interrupted"):
        api.default_data()
    # What the journal finishes is exactly the new graph (before the build writes anything).
    assert sorted(atomic.recover(out, build.folders(new))) == sorted(mixed)
    assert build.stale(new, out) == [] and not temporaries(out) and not atomic.interrupted(out)


def test_the_next_build_repairs_a_killed_one_and_removes_its_temporaries(tmp_path):
    from mkgraph import atomic

    out = tmp_path / "out"
    assert mkgraph("build", "--out", out, "--base", OLD_BASE).returncode == 0
    for at in ("1", "8"):  # before the first rename (only staged files), and in the middle
        killed = subprocess.run([sys.executable, "-c", KILL_AT_RENAME, at, out, NEW_BASE], cwd=ROOT,
                                capture_output=True, text=True, timeout=300)
        assert killed.returncode == -9 and temporaries(out)
        check = mkgraph("build", "--check", "--out", out, "--base", NEW_BASE)
        assert check.returncode == 1 and ".tmp" in check.stderr
        again = mkgraph("build", "--out", out, "--base", OLD_BASE)
        assert again.returncode == 0, again.stderr
        assert not temporaries(out) and not atomic.interrupted(out)
        assert mkgraph("build", "--check", "--out", out, "--base", OLD_BASE).returncode == 0


# ---- 7. no tracebacks: one line naming the file or parameter, exit 2 ----------------------------------

def test_out_that_cannot_be_written_is_one_line(tmp_path):
    a_file = tmp_path / "afile"
    a_file.write_text("x", encoding="utf-8")
    seed = ROOT / "sources" / "intmk-2017-top-2-1.txt"
    for args, needle in ((["build", "--out", a_file], "afile: not a folder"),
                         (["build", "--out", "/proc/x"], "/proc/x"),
                         (["ingest", seed, "--out", "/proc/x"], "/proc/x"),
                         (["docs", "--out", "/proc/x"], "/proc/x"),
                         (["export", "--format", "ttl", "--out", tmp_path], f"{tmp_path}: Is a directory")):
        one_line_error(mkgraph(*args), needle)
    assert a_file.read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize("args, needle", [
    (["build", "--jobs", "x"], "'--jobs'"),
    (["build", "--no-such-option"], "--no-such-option"),
    (["load", "--endpoint", "http://127.0.0.1:9/query", "--retries", "-1"], "'--retries'"),
    (["query", "show"], "'NAME'"),
    (["frobnicate"], "'frobnicate'"),
])
def test_a_usage_error_is_one_line_naming_the_parameter(args, needle):
    p = mkgraph(*args)
    one_line_error(p, needle)
    assert "--help" in p.stderr  # where to look next


@pytest.mark.parametrize("content", ["latin-1", "binary"])
def test_a_curation_file_that_is_not_utf8_is_one_line(tmp_path, content):
    import shutil

    seed = ROOT / "sources" / "intmk-2017-top-2-1.txt"
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(seed, src / seed.name)
    curation = src / "intmk-2017-top-2-1.curation.yaml"
    text = (ROOT / "sources" / curation.name).read_text(encoding="utf-8")
    curation.write_bytes(text.encode("latin-1", "replace") if content == "latin-1" else bytes(range(256)) * 4)
    out = tmp_path / "out"
    args = ["build", "--source", src / seed.name, "--out", out]
    one_line_error(mkgraph(*args), f"{curation}: not UTF-8 text")
    assert not (out / "graph").exists()


DISK_FULL = r"""
import errno, os, sys
real = os.fdopen
class Full:
    def __init__(self, f): self.f = f
    def write(self, data): raise OSError(errno.ENOSPC, "No space left on device")
    def __enter__(self): return self
    def __exit__(self, *a): self.f.close()
    def __getattr__(self, name): return getattr(self.f, name)
def fdopen(fd, mode="r", *a, **k):
    f = real(fd, mode, *a, **k)
    return Full(f) if "w" in mode else f
os.fdopen = fdopen  # every atomic write (graph/, ontology/, the cache, the state) finds the disk full
from mkgraph.cli import main
sys.argv = ["mkgraph", *sys.argv[1:]]
main()
"""


def test_a_full_disk_is_one_line_and_leaves_the_old_files(tmp_path):
    out = tmp_path / "out"
    kind = ["--jobs", "1"]
    assert mkgraph("build", *kind, "--out", out).returncode == 0
    before = {p: p.read_bytes() for p in (out / "graph").rglob("*") if p.is_file() and "store" not in p.parts}
    p = subprocess.run([sys.executable, "-c", DISK_FULL, "build", *kind, "--out", str(out), "--base",
                        NEW_BASE], cwd=ROOT, capture_output=True, text=True, timeout=300)
    one_line_error(p, "No space left on device")
    assert str(out) in p.stderr
    after = {p: p.read_bytes() for p in (out / "graph").rglob("*") if p.is_file() and "store" not in p.parts}
    assert after == before and not temporaries(out)
    # and the store still answers
    q = mkgraph("query", "run", "resolution", "--store", out / "graph" / "store", "-f", "csv")
    assert q.returncode == 0 and "Integration schafft Zusammenhalt" in q.stdout


def test_service_to_a_closed_port_or_a_file_is_one_line(tmp_path):
    closed = f"http://127.0.0.1:{free_port()}/sparql"
    for text in (f"SELECT * WHERE {{ SERVICE <{closed}> {{ ?s ?p ?o }} }}",
                 "SELECT * WHERE { SERVICE <file:///etc/passwd> { ?s ?p ?o } }"):
        rq = tmp_path / "q.rq"
        rq.write_text(text + "\n", encoding="utf-8")
        one_line_error(mkgraph("query", "run", rq, "--data", SEED), "SERVICE")
        one_line_error(mkgraph("query", "run", rq, "--data", SEED, "--allow-service", closed), "q.rq")


# ---- 8. shapes that catch untyped nodes --------------------------------------------------------------

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
DEMAND = "<https://w3id.org/mkgraph/id/resolution/intmk/2017/top-2.1/statement/demand-8440-8545>"


@pytest.mark.parametrize("node, shape", [
    (DEMAND, "mksh:StatementTyped"),
    (DEMAND[:-1] + "/anchor/quote>", "mksh:QuoteSelectorTyped"),
    (DEMAND[:-1] + "/anchor/position>", "mksh:PositionSelectorTyped"),
    (DEMAND[:-1] + "/anchor>", "mksh:AnchorTyped"),
])
def test_a_graph_with_an_untyped_node_does_not_conform(tmp_path, node, shape):
    lines = SEED.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [ln for ln in lines if not ln.startswith(f"{node} {RDF_TYPE} ")]
    assert len(kept) == len(lines) - 1  # exactly its rdf:type is gone; kind, anchor … stay
    mutated = tmp_path / "mutated.nt"
    mutated.write_text("".join(kept), encoding="utf-8")
    assert mkgraph("validate", SEED).returncode == 0
    p = mkgraph("validate", mutated)
    assert p.returncode == 1, p.stdout + p.stderr
    assert shape in p.stdout and node.strip("<>") in p.stdout


def test_fastcheck_targets_by_property_and_node_as_pyshacl_does():
    from rdflib import Graph

    from mkgraph.validate import fastcheck, shacl

    shapes = Graph().parse(format="turtle", data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetSubjectsOf ex:p ; sh:class ex:C .
        ex:O a sh:NodeShape ; sh:targetObjectsOf ex:p ; sh:class ex:D .
        ex:N a sh:NodeShape ; sh:targetNode ex:n ; sh:property [ sh:path ex:q ; sh:minCount 1 ] .
    """)
    data = Graph().parse(format="turtle", data="""
        @prefix ex: <http://example.org/> .
        ex:a ex:p ex:b . ex:a a ex:C .
        ex:c ex:p ex:d . ex:d a ex:D .
        ex:n ex:r 1 .
    """)
    report = shacl.validate(data, shapes, Graph())
    want = {(r.focus, r.component) for r in report.results}
    checks = fastcheck.compile_shapes(shapes)
    got = {(v.focus, "sh:" + v.component.rsplit("#", 1)[1])
           for v in fastcheck.run(checks, fastcheck.load([data.serialize(format="nt", encoding="utf-8")], checks))}
    assert want == got == {("http://example.org/c", "sh:ClassConstraintComponent"),
                           ("http://example.org/b", "sh:ClassConstraintComponent"),
                           ("http://example.org/n", "sh:MinCountConstraintComponent")}


# ---- 9. input size: refused by the file's size before it is read -----------------------------

def sparse(path: Path, size: int) -> Path:
    """A file of `size` bytes that takes no disk space (all NUL: read, it would be "binary")."""
    with open(path, "wb") as f:
        f.truncate(size)
    return path


@pytest.mark.parametrize("name", ["huge.txt", "huge.pdf"])
def test_a_50mb_text_is_refused_by_its_size_unread(tmp_path, name):
    huge = sparse(tmp_path / name, 50_000_000)
    out = tmp_path / "out"
    for args in (["ingest", huge, "--out", out], ["build", "--source", huge, "--out", out],
                 ["build", "--check", "--source", huge, "--out", out]):
        p = mkgraph(*args)
        # the size message, not "binary file": the NUL bytes were never read
        one_line_error(p, f"{name}: 50,000,000 bytes is larger than the 10,000,000-byte limit")
        assert "--max-source-bytes" in p.stderr
    assert not [f for f in out.rglob("*") if f.suffix in (".ttl", ".nt", ".jsonld")]


def test_the_source_size_limit_can_be_raised_and_lowered(tmp_path):
    from mkgraph.text.sourcefile import DEFAULT_MAX_BYTES, check_size

    seed = ROOT / "sources" / "intmk-2017-top-2-1.txt"
    check_size(sparse(tmp_path / "two-mb.txt", 2_000_000))  # a 2 MB text is well inside the default
    assert seed.stat().st_size * 50 < DEFAULT_MAX_BYTES
    small = str(seed.stat().st_size - 1)
    one_line_error(mkgraph("ingest", seed, "--out", tmp_path, "--max-source-bytes", small), f"{int(small):,}-byte limit")
    p = mkgraph("ingest", seed, "--out", tmp_path, env={**os.environ, "MKGRAPH_MAX_SOURCE_BYTES": small})
    one_line_error(p, str(seed))
    assert not list(tmp_path.glob("*.ttl"))
    big = sparse(tmp_path / "big.txt", 11_000_000)
    p = mkgraph("ingest", big, "--out", tmp_path, "--max-source-bytes", "20000000")
    one_line_error(p, "binary file")  # past the size check: read, and refused for what it holds
    one_line_error(mkgraph("ingest", seed, "--out", tmp_path, env={**os.environ, "MKGRAPH_MAX_SOURCE_BYTES": "lots"}),
                   "MKGRAPH_MAX_SOURCE_BYTES")
    one_line_error(mkgraph("build", "--source", seed, "--out", tmp_path, "--max-source-bytes", "0"),
                   "--max-source-bytes")
