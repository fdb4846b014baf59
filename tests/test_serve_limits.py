"""Serving limits under abuse (issue 13): abandoned queries, half-open connections, a SERVICE
endpoint that answers garbage. Each against a real `mkgraph serve` subprocess over real HTTP
on 127.0.0.1.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import urllib.parse
from pathlib import Path

import httpx
import pytest
from conftest import stop_process, wait_for_server

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "graph" / "dataset.nt"
# a cross product of the graph with itself three times: runs far longer than any test
LONG = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ASK = {"query": "ASK { ?s ?p ?o }"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(*extra: str, store: Path | None = None):
    port = free_port()
    data = ["--store", str(store)] if store else ["--data", str(SEED)]
    cmd = [sys.executable, "-m", "mkgraph", "serve", "--port", str(port), *data, "--no-access-log", *extra]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    return wait_for_server(proc, f"http://127.0.0.1:{port}", 600)


def query_workers(pid: int) -> set[int]:
    """The server's query worker processes (its children running mkgraph's worker)."""
    kids = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            cmd = (entry / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue
        if ppid == pid and b"resource_tracker" not in cmd:
            kids.add(int(entry.name))
    return kids


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def read_all(s: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection."""
    data = b""
    while chunk := s.recv(4096):
        data += chunk
    return data


def send_and_leave(port: int, path: str) -> None:
    """A client that sends a request and goes away before the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())


@pytest.mark.parametrize("source", ["data", "store"])
def test_abandoned_queries_free_their_workers(source, request):
    # a 600 s timeout: without cancellation, 8 abandoned queries would hold the 2 workers for 40 min
    store = request.getfixturevalue("record_store") if source == "store" else None
    proc, url = start_server("--workers", "2", "--timeout", "600", store=store)
    port = int(url.rsplit(":", 1)[1])
    try:
        before = query_workers(proc.pid)
        assert len(before) == 2
        for i in range(8):  # distinct texts, as eight different clients would send
            send_and_leave(port, "/sparql?query=" + urllib.parse.quote(f"{LONG} # {i}"))
        send_and_leave(port, "/api/queries/statements")  # the saved-query route too
        r = httpx.get(url + "/sparql", params=ASK, timeout=120)
        assert r.status_code == 200 and r.json()["boolean"] is True
        # the workers that ran abandoned queries were killed and replaced, none is left over
        assert not any(alive(p) for p in before)
        after = query_workers(proc.pid)
        assert len(after) == 2 and not after & before
    finally:
        stop_process(proc)


def test_half_open_connections_do_not_lock_clients_out():
    proc, url = start_server("--limit-concurrency", "200", "--header-timeout", "3")
    port = int(url.rsplit(":", 1)[1])
    half = []
    try:
        for _ in range(200):  # TCP open, headers begun, never finished
            s = socket.create_connection(("127.0.0.1", port), timeout=30)
            s.sendall(b"GET /api/queries HTTP/1.1\r\nHost: x\r\n")
            half.append(s)
        for _ in range(5):
            r = httpx.get(url + "/sparql", params=ASK, timeout=30)
            assert r.status_code == 200, r.text
        # the header deadline: each half-open connection gets 408 and is closed, trickling or not
        half[0].sendall(b"X-Slow: 1\r\n")
        for s in half[:20]:
            assert read_all(s).startswith(b"HTTP/1.1 408 Request Timeout")
    finally:
        for s in half:
            s.close()
        stop_process(proc)


def test_slow_bodies_get_408_and_free_their_request_slots():
    proc, url = start_server("--limit-concurrency", "20", "--body-timeout", "3")
    port = int(url.rsplit(":", 1)[1])
    slow = []
    try:
        for _ in range(20):  # headers complete, the announced body never completes: a request slot each
            s = socket.create_connection(("127.0.0.1", port), timeout=30)
            s.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                      b"Content-Length: 100\r\n\r\nASK {")
            slow.append(s)
        for s in slow:
            answer = read_all(s)
            assert answer.startswith(b"HTTP/1.1 408") and b"not complete within 3 s" in answer, answer
        r = httpx.post(url + "/sparql", content="ASK { ?s ?p ?o }", timeout=30,
                       headers={"Content-Type": "application/sparql-query"})
        assert r.status_code == 200 and r.json()["boolean"] is True
    finally:
        for s in slow:
            s.close()
        stop_process(proc)


def test_connections_beyond_the_cap_make_room_for_new_clients():
    proc, url = start_server("--max-connections", "100", "--header-timeout", "600")
    port = int(url.rsplit(":", 1)[1])
    idle = []
    try:
        for _ in range(150):  # more idle connections than the cap, and no header deadline to clear them
            idle.append(socket.create_connection(("127.0.0.1", port), timeout=30))
        for _ in range(5):
            r = httpx.get(url + "/sparql", params=ASK, timeout=30)
            assert r.status_code == 200, r.text
        # the oldest idle connections were the ones closed
        idle[0].settimeout(10)
        assert idle[0].recv(10) == b""
    finally:
        for s in idle:
            s.close()
        stop_process(proc)


def test_requests_beyond_the_limit_get_a_clean_503():
    proc, url = start_server("--limit-concurrency", "2", "--workers", "1", "--timeout", "600")
    port = int(url.rsplit(":", 1)[1])
    held = []
    try:
        for i in range(2):  # two requests being answered (their query runs) fill the limit
            s = socket.create_connection(("127.0.0.1", port), timeout=30)
            s.sendall(f"GET /sparql?query={urllib.parse.quote(f'{LONG} # {i}')} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            held.append(s)
        for _ in range(100):
            r = httpx.get(url + "/api/queries", timeout=30)
            if r.status_code == 503:
                break
        assert r.status_code == 503 and "requests at once" in r.json()["error"]
        assert r.headers["retry-after"] == "1"
        for s in held:  # the clients go: their queries stop, the limit frees
            s.close()
        for _ in range(100):
            r = httpx.get(url + "/sparql", params=ASK, timeout=120)
            if r.status_code == 200:
                break
        assert r.status_code == 200
    finally:
        for s in held:
            s.close()
        stop_process(proc)


class PlainEndpoint:
    """An HTTP server on 127.0.0.1 that answers every request 200 with a text/plain body."""

    def __init__(self, media: bytes = b"text/plain"):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(20)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/sparql"
        self.media = media
        self.requests = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.recv(65536)
                self.requests += 1
                body = b"hello, this is not a SPARQL result\n"
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: " + self.media + b"\r\nContent-Length: "
                             + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body)


@pytest.mark.parametrize("media", [b"text/plain", b"text/csv", b"application/sparql-results+json"])
def test_an_allowed_service_answering_garbage_is_a_clean_502(media):
    endpoint = PlainEndpoint(media)
    proc, url = start_server("--workers", "1", "--queries", str(ROOT / "queries"), "--allow-service", endpoint.url)
    try:
        workers = query_workers(proc.pid)
        r = httpx.get(url + "/api/queries/federated-records", params={"service": endpoint.url}, timeout=60)
        assert endpoint.requests >= 1
        assert r.status_code == 502, r.text
        error = r.json()["error"]
        assert error.startswith("query failed: ") and "\n" not in error
        q = f"SELECT * WHERE {{ SERVICE <{endpoint.url}> {{ ?s ?p ?o }} }}"
        r = httpx.get(url + "/sparql", params={"query": q}, timeout=60)
        assert r.status_code == 502, r.text
        # the worker survived (not killed and replaced), and answers the next query
        assert query_workers(proc.pid) == workers
        assert httpx.get(url + "/sparql", params=ASK, timeout=60).json()["boolean"] is True
    finally:
        endpoint.sock.close()
        stop_process(proc)


def test_serve_limits_must_be_positive():
    for option in ("--header-timeout", "--body-timeout", "--max-connections", "--limit-concurrency"):
        p = subprocess.run([sys.executable, "-m", "mkgraph", "serve", "--data", str(SEED), option, "0"],
                           capture_output=True, text=True, timeout=120, cwd=ROOT, env={**os.environ})
        assert p.returncode == 2 and option in p.stderr and len(p.stderr.strip().splitlines()) == 1, p.stderr
