"""Shared fixtures: a real Oxigraph SPARQL server, and the seed graph to query.

``oxigraph_server`` is a factory (session scope): ``oxigraph_server([file, ...])`` loads
the files into a fresh on-disk store with the ``oxigraph`` CLI (PyPI package
``oxigraph``), serves it on 127.0.0.1 at a free port, waits until it answers, and
returns a ``Server`` (``.query`` is the SPARQL query endpoint). The same list of files
gives the same server; every server is stopped at the end of the session.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def oxigraph_exe() -> str | None:
    """The Oxigraph server CLI: the one installed beside this Python (a venv run as
    .venv/bin/python, without the venv on PATH, as CI runs it), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


STARTUP_TIMEOUT = 30.0  # seconds; the server normally answers within a second


@dataclass(frozen=True)
class Server:
    base: str  # http://127.0.0.1:PORT
    files: tuple[Path, ...]

    @property
    def query(self) -> str:
        return self.base + "/query"

    @property
    def store(self) -> str:
        return self.base + "/store"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(url: str) -> bool:
    q = urllib.parse.urlencode({"query": "ASK {}"})
    try:
        with urllib.request.urlopen(f"{url}?{q}", timeout=1) as resp:
            return resp.status == 200
    except (urllib.error.URLError, OSError):
        return False


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    exe = oxigraph_exe()
    if exe is None:
        pytest.skip("the oxigraph server CLI (pip install oxigraph) is not installed")
    running: dict[tuple[Path, ...], tuple[subprocess.Popen, Server]] = {}

    def start(files=None) -> Server:
        paths = tuple(Path(f).resolve() for f in (files or [ROOT / "graph" / "dataset.nt"]))
        if paths in running:
            return running[paths][1]
        for p in paths:
            if not p.is_file():
                raise FileNotFoundError(p)
        location = tmp_path_factory.mktemp("oxigraph")
        subprocess.run(
            [exe, "load", "--location", str(location), "--file", *map(str, paths)],
            check=True, capture_output=True, timeout=120,
        )
        port = _free_port()
        proc = subprocess.Popen(
            [exe, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        server = Server(f"http://127.0.0.1:{port}", paths)
        running[paths] = (proc, server)
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not _answers(server.query):
            if proc.poll() is not None:
                raise RuntimeError(f"oxigraph serve exited: {proc.stderr.read().decode(errors='replace')}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"oxigraph serve did not answer within {STARTUP_TIMEOUT} s")
            time.sleep(0.1)
        return server

    yield start
    for proc, _ in running.values():
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def seed_graph(tmp_path_factory) -> Path:
    """The committed graph/dataset.nt; until the build has committed one, a fresh
    in-process build of sources/ (unvalidated) written to a temporary file."""
    committed = ROOT / "graph" / "dataset.nt"
    if committed.is_file():
        return committed
    from mkgraph.store import record

    built = record.exports_of(validate=False)
    out = tmp_path_factory.mktemp("graph") / "dataset.nt"
    out.write_bytes(built.files["graph/dataset.nt"])
    return out


@pytest.fixture(scope="session")
def record_store(tmp_path_factory) -> Path:
    """The seed's graph/dataset.trig bulk-loaded into an on-disk store: what a record
    build's store holds (named graphs only), for the --store paths."""
    import pyoxigraph as ox

    trig = Path(__file__).resolve().parents[1] / "graph" / "dataset.trig"
    if not trig.is_file():
        pytest.skip("no committed graph/dataset.trig")
    path = tmp_path_factory.mktemp("record") / "store"
    st = ox.Store(str(path))
    st.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
    st.flush()
    # the premise: everything is in named graphs, nothing in the default graph
    assert len(st) > 0
    assert not list(st.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    assert len({q.graph_name for q in st}) > 2
    del st
    return path


def bench_module(name: str):
    """benchmarks/<name>.py as a module (loaded once; the corpus generator and the query
    benchmark's copies() are used by tests too)."""
    import importlib.util
    import sys

    key = f"mkgraph_bench_{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, Path(__file__).resolve().parents[1] / "benchmarks" / f"{name}.py")
        mod = importlib.util.module_from_spec(spec)
        sys.modules[key] = mod  # dataclasses need the module registered
        spec.loader.exec_module(mod)
    return sys.modules[key]


def assemble_without(monkeypatch, dropped) -> None:
    """Every resolution assembled without the triples for which dropped(resolution IRI,
    s, p, o) is true: on every path (the rdflib Graph's triples, and the N-Triples lines
    the record build and ingest write as the triples are made), which all add through a
    builder of mkgraph.rdf.assemble."""
    from mkgraph.rdf import assemble

    for cls in (assemble._Builder, assemble._LineBuilder):
        def add(self, s, p, o, real=cls.add):
            if not dropped(self.resolution, s, p, o):
                real(self, s, p, o)

        monkeypatch.setattr(cls, "add", add)


def wait_for_server(proc: subprocess.Popen, url: str, tries: int = 300) -> tuple[subprocess.Popen, str]:
    """Wait until a started `mkgraph serve` answers /api/queries; (proc, url), or raise
    with its stderr."""
    import httpx

    for _ in range(tries):
        if proc.poll() is not None:
            raise RuntimeError(proc.stderr.read().decode())
        try:
            if httpx.get(url + "/api/queries", timeout=1).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("server did not start")


def stop_process(proc: subprocess.Popen) -> None:
    """Terminate, then kill if it does not end within 10 s."""
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
