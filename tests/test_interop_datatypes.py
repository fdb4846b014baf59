"""Served data validates like the dumps: the built graph, read back from a store, passes the
project's own shapes under `mkgraph validate`.

Oxigraph keeps integer subtypes as xsd:integer (and decimals canonical), so a datatype the
store does not keep would make what /sparql, /id/… or a user's own Oxigraph server answer
differ from graph/dataset.nt. Both the real `mkgraph serve` (uvicorn on 127.0.0.1) and the
real Oxigraph server (tests/conftest.py) are asked for everything back, and the answer is
validated with the real CLI.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest
import rdflib
from test_serve import start_server, stop

ROOT = Path(__file__).resolve().parents[1]
GRAPH = ROOT / "graph" / "dataset.nt"
XSD = "http://www.w3.org/2001/XMLSchema#"
OA = "http://www.w3.org/ns/oa#"
EVERYTHING = "CONSTRUCT WHERE { ?s ?p ?o }"


def validate(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkgraph", "validate", str(path)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)


def same_as_dump(answer: rdflib.Graph):
    """The store's answer holds the dump's triples, literal for literal (value and datatype)."""
    dump = rdflib.Graph().parse(GRAPH, format="nt")
    assert len(answer) == len(dump)
    offsets = [(p, o) for _, p, o in answer if str(p) in (OA + "start", OA + "end")]
    assert offsets and {str(o.datatype) for _, o in offsets} == {XSD + "integer"}
    # decimals come back canonical ("0.90" as "0.9"): literals compare by value and datatype
    def norm(g):
        return {(s, p, (o.toPython(), o.datatype, o.language) if isinstance(o, rdflib.Literal) else o)
                for s, p, o in g}
    assert norm(answer) == norm(dump)


@pytest.fixture(scope="module")
def served():
    proc, url = start_server(data=GRAPH, queries=ROOT / "queries")
    yield url
    stop(proc)


def test_graph_offsets_are_xsd_integer():
    nt = GRAPH.read_text(encoding="utf-8")
    assert "nonNegativeInteger" not in nt
    assert f"<{OA}start> " in nt


def test_construct_from_mkgraph_serve_conforms(served, tmp_path):
    r = httpx.post(served + "/sparql", data={"query": EVERYTHING},
                   headers={"Accept": "application/n-triples"}, timeout=60)
    assert r.status_code == 200 and "MKGraph-Results-Truncated" not in r.headers
    out = tmp_path / "served.nt"
    out.write_bytes(r.content)
    same_as_dump(rdflib.Graph().parse(out, format="nt"))
    p = validate(out)
    assert p.returncode == 0, p.stdout[-2000:] + p.stderr


def test_resource_answer_conforms_for_its_selectors(served, tmp_path):
    """An /id/… answer carries a statement's anchor; its selector validates."""
    stmt = httpx.get(served + "/api/queries/statements", params={"format": "json"}, timeout=60).json()
    iri = next(b["statement"]["value"] for b in stmt["results"]["bindings"] if "statement" in b)
    r = httpx.get(served + "/id/" + iri.split("/id/", 1)[1], headers={"Accept": "text/turtle"}, timeout=60)
    assert r.status_code == 200
    g = rdflib.Graph().parse(data=r.text, format="turtle")
    starts = list(g.objects(None, rdflib.URIRef(OA + "start")))
    assert starts and all(str(o.datatype) == XSD + "integer" for o in starts)
    # the answer and the dump say the same about the selector, datatype included
    dump = rdflib.Graph().parse(GRAPH, format="nt")
    for s, p, o in g.triples((None, rdflib.URIRef(OA + "start"), None)):
        assert (s, p, o) in dump


def test_construct_from_the_oxigraph_server_conforms(oxigraph_server, tmp_path):
    server = oxigraph_server([GRAPH])
    r = httpx.post(server.query, data={"query": EVERYTHING}, headers={"Accept": "application/n-triples"},
                   timeout=60)
    assert r.status_code == 200
    out = tmp_path / "oxigraph.nt"
    out.write_bytes(r.content)
    same_as_dump(rdflib.Graph().parse(out, format="nt"))
    p = validate(out)
    assert p.returncode == 0, p.stdout[-2000:] + p.stderr
