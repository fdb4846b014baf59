"""mkgraph load: the built dataset into a real Oxigraph server over the Graph Store
Protocol; the saved queries then answer there as they do locally. A store that drops
the connection halfway leaves a report of what was and was not loaded, exit 1, and a
second run completes the load without duplicates."""

from __future__ import annotations

import http.server
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import oxigraph_exe
from click.testing import CliRunner

from mkgraph.store import load as loader, record
from mkgraph.api import run_query
from mkgraph.cli import app
from test_queries_expected import CASES

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "sources" / "intmk-2017-top-2-1.txt"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Oxigraph:
    """An empty in-memory Oxigraph server answering over the union of its named graphs."""

    def __init__(self):
        exe = oxigraph_exe()
        if exe is None:
            pytest.skip("the oxigraph server CLI (pip install oxigraph) is not installed")
        port = _free_port()
        self.base = f"http://127.0.0.1:{port}"
        self.proc = subprocess.Popen([exe, "serve", "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{self.base}/query?query=ASK%7B%7D", timeout=1):
                    break
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("oxigraph serve did not start")
                time.sleep(0.1)

    query = property(lambda self: self.base + "/query")
    store = property(lambda self: self.base + "/store")

    def clear(self) -> None:
        req = urllib.request.Request(self.base + "/update", data=b"CLEAR ALL", method="POST",
                                     headers={"Content-Type": "application/sparql-update"})
        urllib.request.urlopen(req, timeout=10).read()

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


@pytest.fixture(scope="module")
def server():
    s = Oxigraph()
    yield s
    s.stop()


@pytest.fixture(scope="module")
def seed_record(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("record")
    record.build_record([SEED], out, jobs=1, dumps=True)
    return out / "graph"


@pytest.fixture(scope="module")
def many_graphs(tmp_path_factory) -> Path:
    """A dataset of seven named graphs (the seed and four generated texts, shared, vocabulary)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import corpus

    folder = tmp_path_factory.mktemp("many")
    paths = [SEED]
    for name, text in corpus.generate(4, 3):
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    record.build_record(paths, folder / "out", jobs=1, keep_invalid=True, dumps=True)  # the loader does not judge
    return folder / "out" / "graph" / "dataset.nq"


def _count(server, union: bool = False) -> int:
    import json
    import urllib.parse

    q = ("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }" if union
         else "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    url = f"{server.query}?{urllib.parse.urlencode({'query': q})}"
    req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return int(json.load(resp)["results"]["bindings"][0]["n"]["value"])


def _lines(path: Path) -> int:
    return sum(1 for line in path.read_bytes().splitlines() if line.strip())


def test_round_trip_counts_and_every_saved_query(server, seed_record):
    server.clear()
    report = loader.load(seed_record / "dataset.nq", server.query)
    assert report.complete and len(report.loaded) == 3  # the resolution, the shared graph, the vocabulary
    assert sorted(name.rsplit("/", 1)[-1] for name in report.loaded) == ["shared", "top-2.1", "vocabulary"]
    assert _count(server) == _lines(seed_record / "dataset.nq") == report.triples
    assert _count(server, union=True) == _lines(seed_record / "dataset.nt")
    for name, params in CASES["seed"]:
        local = run_query(name, data=[seed_record / "dataset.nt"], **params)
        far = run_query(name, endpoint=server.query, **params)
        assert (far.columns, far.rows) == (local.columns, local.rows), name


def test_reloading_is_idempotent(server, seed_record):
    server.clear()
    loader.load(seed_record / "dataset.nq", server.query)
    first = _count(server)
    loader.load(seed_record / "dataset.nq", server.query)
    assert _count(server) == first


class _Dropper(http.server.BaseHTTPRequestHandler):
    """Forwards the first `allow` PUTs to the real store, then hangs up without answering."""

    upstream = ""
    allow = 0
    seen = 0
    lock = threading.Lock()

    def do_PUT(self):  # noqa: N802 - http.server's naming
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with self.lock:
            type(self).seen += 1
            ok = type(self).seen <= self.allow
        if not ok:
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        query = self.path.split("?", 1)[1]
        req = urllib.request.Request(f"{self.upstream}?{query}", data=body, method="PUT",
                                     headers={"Content-Type": self.headers["Content-Type"]})
        with urllib.request.urlopen(req, timeout=30) as resp:
            status = resp.status
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def dropper(server):
    port = _free_port()
    handler = type("Dropper", (_Dropper,), {"upstream": server.store, "allow": 2, "seen": 0})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}/store", handler
    httpd.shutdown()
    httpd.server_close()


def test_dropped_connection_reports_loaded_and_missing_then_rerun_completes(server, many_graphs, dropper):
    url, handler = dropper
    server.clear()
    names = [name for name, _, _ in loader.graphs(many_graphs)]
    assert len(names) == 7  # five resolutions, the shared graph, the vocabulary
    result = CliRunner().invoke(app, ["load", "--endpoint", server.query, "--graph-store", url,
                                      "--data", str(many_graphs), "--retries", "1"])
    assert result.exit_code == 1, result.output
    # two graphs went through, the third was retried once and refused, the rest not sent
    assert handler.seen == 4
    err = result.stderr if hasattr(result, "stderr") else result.output
    assert f"not loaded ({len(names) - 2}): " + " ".join(names[2:]) in err
    assert "loaded (2): " + " ".join(names[:2]) in err
    assert "run the same command again" in err
    # what was reported as loaded is in the store, the rest is not
    loaded_triples = sum(n for name, _, n in loader.graphs(many_graphs) if name in names[:2])
    assert _count(server) == loaded_triples

    # the re-run (the store answers again) completes the load: nothing lost, nothing doubled
    again = CliRunner().invoke(app, ["load", "--endpoint", server.query, "--data", str(many_graphs)])
    assert again.exit_code == 0, again.output
    assert _count(server) == _lines(many_graphs)
    assert _count(server, union=True) == _lines(many_graphs.with_name("dataset.nt"))


def test_retries_with_backoff_then_success(server, seed_record):
    """A store that fails twice with 503 and then answers: the load completes."""
    calls, pauses = [], []

    class Flaky(http.server.BaseHTTPRequestHandler):
        def do_PUT(self):  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            calls.append(self.path)
            if len(calls) <= 2:
                self.send_response(503)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            req = urllib.request.Request(f"{server.store}?{self.path.split('?', 1)[1]}", data=body, method="PUT",
                                         headers={"Content-Type": self.headers["Content-Type"]})
            urllib.request.urlopen(req, timeout=30).read()
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    port = _free_port()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), Flaky)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        server.clear()
        report = loader.load(seed_record / "dataset.nq", server.query, f"http://127.0.0.1:{port}/store",
                             retries=3, backoff=0.25, sleep=pauses.append)
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert report.complete
    assert pauses == [0.25, 0.5]
    assert _count(server) == _lines(seed_record / "dataset.nq")


@pytest.mark.parametrize("args,needle", [
    (["--endpoint", "ftp://x/query"], "--endpoint"),
    (["--endpoint", "http://127.0.0.1:9/query", "--auth", "nocolon"], "--auth"),
    (["--endpoint", "http://127.0.0.1:9/sparql"], "--graph-store"),
    (["--endpoint", "http://127.0.0.1:9/query", "--data", "nowhere.nq"], "nowhere.nq"),
    (["--endpoint", "http://127.0.0.1:9/query", "--data", "x.ttl"], "x.ttl"),
])
def test_bad_input_is_one_line_and_exit_2(args, needle):
    result = CliRunner().invoke(app, ["load", *args])
    assert result.exit_code == 2, result.output
    err = result.stderr if hasattr(result, "stderr") else result.output
    assert needle in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_unreachable_store_exits_1_and_names_every_graph(seed_record):
    result = CliRunner().invoke(app, ["load", "--endpoint", "http://127.0.0.1:9/query",
                                      "--data", str(seed_record / "dataset.nq"), "--retries", "0"])
    assert result.exit_code == 1
    err = result.stderr if hasattr(result, "stderr") else result.output
    assert "not loaded (3)" in err and "127.0.0.1:9" in err


def _same_session_sources(folder: Path) -> list[Path]:
    """The seed and two copies as other items of the same session (TOP 2.2, 2.3): three
    resolutions that all describe one session, conference, and rules activity."""
    folder.mkdir(parents=True, exist_ok=True)
    text = SEED.read_text(encoding="utf-8")
    paths = [SEED]
    for n in (2, 3):
        path = folder / f"intmk-2017-top-2-{n}.txt"
        path.write_text(text.replace("TOP 2.1", f"TOP 2.{n}", 1), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def shared_session_record(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("session")
    record.build_record(_same_session_sources(folder / "sources"), folder / "out", jobs=1, keep_invalid=True,
                        dumps=True)
    return folder / "out" / "graph"


def _sorted(rows):
    # an unbound value (None) beside a string in one column, e.g. a demand outside the action fields
    return sorted(rows, key=lambda row: [(v is not None, str(v)) for v in row])


def test_union_of_named_graphs_has_no_duplicate_rows(server, shared_session_record):
    """A store answering over the union of the named graphs (Oxigraph's union does not
    de-duplicate) gives the rows of a local run for every saved query: no triple is in
    two graphs."""
    server.clear()
    report = loader.load(shared_session_record / "dataset.nq", server.query)
    assert report.complete
    from mkgraph.query.catalogue import catalogue

    cases = CASES["seed"]
    # every saved query that reads this graph alone (federated-records asks other endpoints)
    cases = cases + [("linked-records", {})]
    assert {name for name, _ in cases} == set(catalogue()) - {"federated-records"}
    differ = []
    for name, params in cases:
        local = run_query(name, data=[shared_session_record / "dataset.nt"], **params)
        far = run_query(name, endpoint=server.query, **params)
        if (far.columns, _sorted(far.rows)) != (local.columns, _sorted(local.rows)):
            differ.append((name, params))
    assert differ == []
    assert _count(server) == _count(server, union=True) == _lines(shared_session_record / "dataset.nt")


def test_load_from_the_record_store_equals_loading_its_dump(server, shared_session_record):
    """--store reads the named graphs straight from graph/store: the server then holds the
    same quads as after loading dataset.nq, and answers every saved query as locally."""
    server.clear()
    result = CliRunner().invoke(app, ["load", "--endpoint", server.query,
                                      "--store", str(shared_session_record / "store")])
    assert result.exit_code == 0, result.output
    names = [name for name, _, _ in loader.graphs(shared_session_record / "dataset.nq")]
    assert f"loaded {len(names)} graph(s), {_lines(shared_session_record / 'dataset.nq')} triples" in result.output
    assert _count(server) == _count(server, union=True) == _lines(shared_session_record / "dataset.nt")
    for name, params in CASES["seed"]:
        local = run_query(name, data=[shared_session_record / "dataset.nt"], **params)
        far = run_query(name, endpoint=server.query, **params)
        assert (far.columns, _sorted(far.rows)) == (local.columns, _sorted(local.rows)), name


def test_store_option_bad_input(tmp_path, shared_session_record):
    for args, needle in ((["--store", str(tmp_path / "none")], "none"),
                         (["--store", str(shared_session_record / "store"), "--data", "x.nq"], "--store")):
        result = CliRunner().invoke(app, ["load", "--endpoint", "http://127.0.0.1:9/query", *args])
        err = result.stderr if hasattr(result, "stderr") else result.output
        assert result.exit_code == 2 and needle in err and len(err.strip().splitlines()) == 1, err
