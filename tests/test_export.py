"""Exports: every format, parsed again, is the same graph as the Turtle; the JSON-LD reads
as plain JSON and expands correctly with a second processor (pyld); the nested view
holds only true triples; output is byte-identical whatever the insertion order."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pyld import jsonld
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from mkgraph.publish import export
from mkgraph.rdf.context import build_context
from mkgraph.rdf.namespaces import MK

ROOT = Path(__file__).resolve().parents[1]
GRAPH = ROOT / "graph"
R = "https://w3id.org/mkgraph/id/resolution/intmk/2017/top-2.1"


@pytest.fixture(scope="module")
def turtle() -> Graph:
    return Graph().parse(GRAPH / "dataset.ttl", format="turtle")


@pytest.mark.parametrize("name,fmt", [("dataset.nt", "nt"), ("dataset.rdf", "xml"), ("dataset.jsonld", "json-ld")])
def test_export_round_trips_to_the_turtle(turtle, name, fmt):
    g = Graph().parse(GRAPH / name, format=fmt)
    assert len(g) == len(turtle) > 4000
    assert isomorphic(g, turtle)


def test_trig_has_one_named_graph_per_resolution_and_the_union_is_the_turtle(turtle):
    ds = Dataset()
    ds.parse(GRAPH / "dataset.trig", format="trig")
    names = sorted(str(c.identifier) for c in ds.contexts() if len(c))
    # one graph per resolution, the nodes resolutions share (session, conference, …), the vocabulary
    assert names == ["https://w3id.org/mkgraph/id/graph/resolution/intmk/2017/top-2.1",
                     "https://w3id.org/mkgraph/id/graph/shared",
                     "https://w3id.org/mkgraph/id/graph/vocabulary"]
    assert len(ds.default_graph) == 0
    union = Graph()
    for s, p, o, _ in ds.quads():
        union.add((s, p, o))
    assert isomorphic(union, turtle)
    res = ds.graph(URIRef(names[0]))
    assert (URIRef(R), RDF.type, MK.Resolution) in res
    assert not list(res.subjects(RDF.type, MK.Land))  # the Länder are vocabulary, not the resolution


def test_jsonld_expands_with_pyld_to_the_same_graph(turtle):
    doc = json.loads((GRAPH / "dataset.jsonld").read_text(encoding="utf-8"))
    nquads = jsonld.to_rdf(doc, {"format": "application/n-quads"})
    assert isomorphic(Graph().parse(data=nquads, format="nt"), turtle)


def test_context_file_is_the_documents_context():
    ctx = json.loads((GRAPH / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    doc = json.loads((GRAPH / "dataset.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"] == ctx
    assert ctx["@version"] == 1.1 and "@protected" not in ctx  # a user's context may add its own keys
    assert ctx["id"] == "@id" and ctx["type"] == "@type"
    assert ctx["addressee"]["@type"] == "@id"  # link property
    assert ctx["sameAs"]["@type"] == "@id"
    assert ctx["statementKind"]["@type"] == "@vocab"  # scheme value
    assert ctx["statementKind"]["@context"]["demand"].endswith("/concept/statement-kind/demand")  # scoped
    assert "demand" not in ctx and "language" not in ctx  # concept terms only where they are values
    assert ctx["prefLabel"]["@container"] == "@language"  # tags kept
    assert ctx["startDate"]["@type"] == "http://www.w3.org/2001/XMLSchema#date"


def test_jsonld_reads_as_plain_json():
    doc = json.loads((GRAPH / "dataset.jsonld").read_text(encoding="utf-8"))
    nodes = {n["id"]: n for n in doc["@graph"]}
    res = nodes[R]
    assert res["type"] == "Resolution"
    assert res["agendaItem"] == "TOP 2.1"
    assert res["title"]["de"].startswith("Integration schafft Zusammenhalt") or res["title"]["de"]
    bw = nodes["https://w3id.org/mkgraph/id/land/DE-BW"]
    assert bw["prefLabel"] == {"de": "Baden-Württemberg", "en": "Baden-Württemberg"}
    assert bw["sameAs"] == "http://www.wikidata.org/entity/Q985"
    demand = next(n for n in nodes.values() if n.get("type") == "Demand")
    assert demand["statementKind"] == "demand"
    assert isinstance(nodes[R + "/point/3"]["ordinal"], int)


def test_a_mixed_language_value_is_kept_when_the_context_was_built_elsewhere():
    """A context given from outside may not fit the data; the values then stay explicit
    and still round-trip (nothing is silently dropped)."""
    g = Graph()
    g.parse(data="""@prefix mk: <https://w3id.org/mkgraph/ontology#> .
        <https://w3id.org/mkgraph/id/x> mk:place "Friedrichshafen"@de, "plain", 7, true, "2017-03-16"^^<http://www.w3.org/2001/XMLSchema#date> ;
            mk:conference <https://w3id.org/mkgraph/id/conference/intmk> .""", format="turtle")
    data = export.to_jsonld(g, {"place": {"@id": str(MK.place), "@container": "@language"}})
    assert isomorphic(Graph().parse(data=data, format="json-ld"), g)
    assert isomorphic(Graph().parse(data=jsonld.to_rdf(json.loads(data), {"format": "application/n-quads"}),
                                    format="nt"), g)


def test_nested_view_resolution_parts_statements_actors(turtle):
    doc = json.loads((GRAPH / "resolutions" / "intmk-2017-top-2.1.json").read_text(encoding="utf-8"))
    assert doc["id"] == R
    parts = doc["has_part"]
    points = [p["number"] for p in parts if p["type"] == "Point"]
    assert points == [str(n) for n in range(1, 12)]  # reading order, not string order
    nested = [s for p in parts for s in p.get("statements", [])]
    statements = {str(s) for s in turtle.subjects(MK.statementKind, None)}
    assert {s["id"] for s in nested} == statements  # every statement, each once
    assert len(nested) == len(statements)
    demand = next(s for s in nested if s["type"] == "Demand")
    assert demand["speaker"]["prefLabel"]["de"] == "Integrationsministerkonferenz"
    # what the view says is true in the dataset (pyld expands it with the reverse term)
    view = Graph().parse(data=jsonld.to_rdf(doc, {"format": "application/n-quads"}), format="nt")
    assert len(view) > 1000
    assert len(view - turtle) == 0


def test_writers_do_not_depend_on_insertion_order(turtle):
    triples = sorted(turtle, key=lambda t: tuple(map(str, t)))
    a, b = Graph(), Graph()
    for t in triples:
        a.add(t)
    for t in reversed(triples):
        b.add(t)
    ctx = build_context(a)
    assert export.to_rdfxml(a) == export.to_rdfxml(b)
    assert export.to_jsonld(a, ctx) == export.to_jsonld(b, build_context(b))
    assert export.to_trig({URIRef("urn:g"): a}) == export.to_trig({URIRef("urn:g"): b})


def _mkgraph(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "mkgraph", *args], cwd=cwd, capture_output=True,
                          timeout=300, env={**os.environ})


def test_export_command_writes_the_built_file(tmp_path):
    out = tmp_path / "x.rdf"
    r = _mkgraph("export", "--format", "rdfxml", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert out.read_bytes() == (GRAPH / "dataset.rdf").read_bytes()


def test_export_command_refuses_an_unknown_format():
    r = _mkgraph("export", "--format", "n3")
    assert r.returncode == 2
    err = r.stderr.decode().strip()
    assert "--format" in err and "n3" in err and "Traceback" not in err and len(err.splitlines()) == 1
