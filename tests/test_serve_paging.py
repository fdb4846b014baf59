"""The HTTP API pages listings like grlc (`page` parameter, `Link: <…>; rel="next"` while
there is more), with the same pages as `mkgraph query run`; and it serves a record
build's on-disk store (named graphs queried as their union) with the file-based rows."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from mkgraph.api import run_query
from mkgraph.serve.app import create_app
from mkgraph.serve.config import ServeConfig
from conftest import bench_module

ROOT = Path(__file__).resolve().parents[1]


def _copies(seed: Path, n: int, out: Path) -> Path:
    bench = bench_module("queries")
    out.write_text(bench.copies(seed.read_text(encoding="utf-8"), n), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def record(seed_graph, tmp_path_factory) -> Path:
    return _copies(seed_graph, 2, tmp_path_factory.mktemp("rec") / "record.nt")


@pytest.fixture(scope="module")
def client(record):
    cfg = ServeConfig((record,), queries=ROOT / "queries", sources=ROOT / "sources", workers=1)
    with TestClient(create_app(cfg)) as c:
        yield c


def _rows(body: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body)))[1:]


def test_link_next_while_there_is_more(client, record):
    first = client.get("/api/queries/statements", params={"format": "csv"})
    assert first.status_code == 200
    assert first.headers["link"] == '</api/queries/statements?format=csv&page=2>; rel="next"'
    second = client.get("/api/queries/statements", params={"format": "csv", "page": "2"})
    assert second.status_code == 200 and "link" not in second.headers
    # the same pages as the command line and Python API
    for page, answer in ((1, first), (2, second)):
        local = run_query("statements", data=[record], page=page)
        assert _rows(answer.text) == _rows(local.to_csv())
    assert _rows(first.text) != _rows(second.text)
    third = client.get("/api/queries/statements", params={"format": "csv", "page": "3"})
    assert third.status_code == 200 and _rows(third.text) == [] and "link" not in third.headers


def test_bad_page_is_400(client):
    r = client.get("/api/queries/statements", params={"page": "0"})
    assert r.status_code == 400 and "page" in r.text


def test_page_on_unpaginated_query_is_400(client):
    assert client.get("/api/queries/links", params={"page": "2"}).status_code == 400


def test_catalogue_lists_page(client):
    cat = {q["name"]: q for q in client.get("/api/queries").json()["queries"]}
    assert "page" in [p["name"] for p in cat["statements"]["parameters"]]
    assert "page" not in [p["name"] for p in cat["links"]["parameters"]]


@pytest.mark.parametrize("name", ["parts", "statements", "resolution", "actors"])
def test_store_served_as_union(name, record_store, seed_graph):
    cfg = ServeConfig((), queries=ROOT / "queries", sources=ROOT / "sources", workers=1, store=record_store)
    with TestClient(create_app(cfg)) as c:
        r = c.get(f"/api/queries/{name}", params={"format": "csv"})
        assert r.status_code == 200, r.text
        assert _rows(r.text) == _rows(run_query(name, data=[seed_graph]).to_csv())
        assert r.text.splitlines()[0].split(",") == list(run_query(name, data=[seed_graph]).columns)


def test_serve_command_on_a_store_over_real_http(record_store, seed_graph):
    """`mkgraph serve --store DIR` (a real server process): the saved-query API answers from
    the store as the union of its named graphs, with the file-based rows."""
    import subprocess
    import sys

    import httpx
    from test_serve import free_port, stop

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "mkgraph.serve", "--port", str(port), "--store", str(record_store),
                             "--workers", "1", "--no-access-log"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if proc.poll() is not None:
                raise AssertionError(proc.stderr.read().decode())
            try:
                r = httpx.get(url + "/api/queries/statements", params={"format": "csv"}, timeout=5)
                break
            except httpx.HTTPError:
                import time

                time.sleep(0.1)
        assert r.status_code == 200, r.text
        assert _rows(r.text) == _rows(run_query("statements", data=[seed_graph]).to_csv())
    finally:
        stop(proc)


def test_serve_command_refuses_store_and_data(record_store, seed_graph):
    import subprocess
    import sys

    p = subprocess.run([sys.executable, "-m", "mkgraph.serve", "--store", str(record_store), "--data", str(seed_graph)],
                       capture_output=True, text=True, timeout=60, check=False)
    assert p.returncode == 2
    assert "--store" in p.stderr and "Traceback" not in p.stderr and len(p.stderr.strip().splitlines()) == 1
