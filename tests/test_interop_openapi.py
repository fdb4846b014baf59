"""/openapi.json as served by the real `mkgraph serve` (uvicorn on 127.0.0.1, the built graph and
the project's queries) is a valid OpenAPI document (openapi-spec-validator), and it says only
what the server does: every media type and `format` value an operation lists is answered with
200 in that type, never 406."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from openapi_spec_validator import validate
from test_serve import start_server, stop

ROOT = Path(__file__).resolve().parents[1]
JSON_TYPES = {"integer": int, "number": (int, float), "boolean": bool, "string": str}


@pytest.fixture(scope="module")
def served():
    proc, url = start_server(data=ROOT / "graph" / "dataset.nt", queries=ROOT / "queries")
    yield url, httpx.get(url + "/openapi.json", timeout=30).json()
    stop(proc)


def test_the_served_document_is_valid(served):
    _, doc = served
    assert doc["openapi"].startswith("3.1")
    validate(doc)  # raises on any error


def test_defaults_and_examples_have_their_schema_type(served):
    _, doc = served
    seen = 0
    for path, item in doc["paths"].items():
        for p in item.get("get", {}).get("parameters", []):
            schema = p["schema"]
            for value in (schema.get("default"), p.get("example")):
                if value is not None and schema.get("type") in JSON_TYPES:
                    assert isinstance(value, JSON_TYPES[schema["type"]]), (path, p["name"], value)
                    seen += 1
            if p["name"] == "page":
                assert schema["type"] == "integer" and schema["default"] == 1 and p["example"] == 2
    assert seen > 10


def operations(doc):
    for path, item in sorted(doc["paths"].items()):
        if path.startswith("/api/queries/"):
            yield path, item["get"]


def arguments(op) -> dict:
    """The examples of the required parameters (what a client generated from the document sends)."""
    return {p["name"]: p["example"] for p in op["parameters"] if p["required"]}


def test_every_listed_media_type_and_format_is_answered(served):
    url, doc = served
    checked = 0
    for path, op in operations(doc):
        if "SERVICE" in (ROOT / "queries" / (path.rsplit("/", 1)[1] + ".rq")).read_text(encoding="utf-8"):
            continue  # federated: runs against an endpoint it names, not this server's data
        args = arguments(op)
        media = list(op["responses"]["200"]["content"])
        assert media
        for m in media:
            r = httpx.get(url + path, params=args, headers={"Accept": m}, timeout=60)
            assert r.status_code == 200, (path, m, r.text[:200])
            assert r.headers["content-type"].split(";")[0] == m
            checked += 1
        fmt = next(p for p in op["parameters"] if p["name"] == "format")["schema"]["enum"]
        assert len(fmt) == len(media)
        for f in fmt:
            r = httpx.get(url + path, params={**args, "format": f}, timeout=60)
            assert r.status_code == 200 and r.headers["content-type"].split(";")[0] in media, (path, f)
    assert checked >= 4 * 16


def test_select_and_construct_list_their_own_media_types(served):
    _, doc = served
    describe = doc["paths"]["/api/queries/describe"]["get"]["responses"]["200"]["content"]
    demands = doc["paths"]["/api/queries/demands"]["get"]["responses"]["200"]["content"]
    assert "text/turtle" in describe and "text/csv" not in describe
    assert "text/csv" in demands and "text/turtle" not in demands
