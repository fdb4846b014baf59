"""SPARQLWrapper, as a user brings it, against the real `mkgraph serve` (uvicorn on 127.0.0.1)
over the built graph and the project's saved queries.

SPARQLWrapper guesses the query form with a regular expression after removing only every
other line of a run of comment lines, and it adds ``format=``/``output=`` parameters of its
own (``xml`` for a CONSTRUCT's default RDF/XML, ``n3``, ``rdf+xml`` …) beside the Accept
header. The saved queries must be read as the form they are, and a ``format`` value the
server cannot serve for the answer must leave the choice to Accept.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import httpx
import pytest
import rdflib
from rdflib.plugins.sparql.parser import parseQuery
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDFXML, TURTLE, XML, SPARQLWrapper
from test_serve import start_server, stop

ROOT = Path(__file__).resolve().parents[1]
QUERIES = sorted((ROOT / "queries").glob("*.rq"))
MK = "https://w3id.org/mkgraph/ontology#"
ID = "https://w3id.org/mkgraph/id/"
FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}
BUND = rdflib.URIRef(ID + "actor/bund")


def form_of(text: str) -> str:
    """The query form as a SPARQL parser (rdflib's) reads it."""
    return FORMS[parseQuery(text)[1].name]


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_sparqlwrapper_reads_each_saved_query_as_its_form(path):
    text = path.read_text(encoding="utf-8")
    w = SPARQLWrapper("http://127.0.0.1:1/sparql")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "unknown query type" would be a warning
        w.setQuery(text)
    assert w.queryType == form_of(text)
    assert w.isSparqlQueryRequest()  # not sent as an update (to the update endpoint, as update=)


@pytest.fixture(scope="module")
def server():
    proc, url = start_server(data=ROOT / "graph" / "dataset.nt", queries=ROOT / "queries")
    yield url
    stop(proc)


def wrapper(server: str, query: str, fmt=None, method="GET") -> SPARQLWrapper:
    w = SPARQLWrapper(server + "/sparql")
    w.setQuery(query)
    w.setMethod(method)
    if fmt is not None:
        w.setReturnFormat(fmt)
    return w


@pytest.mark.parametrize("path", [p for p in QUERIES if "SERVICE" not in p.read_text(encoding="utf-8")],
                         ids=lambda p: p.stem)
def test_each_saved_query_runs_as_is_through_sparqlwrapper(server, path):
    """The file's text, header and all, sent unchanged with SPARQLWrapper's defaults."""
    text = path.read_text(encoding="utf-8")
    w = wrapper(server, text)
    if form_of(text) == "SELECT":
        w.setReturnFormat(JSON)
        res = w.query().convert()
        # (the rows need not equal the API's: unbound parameters take no #+ defaults here; issue 14, item 6)
        assert set(res["head"]["vars"]) and "bindings" in res["results"]
    else:
        g = w.query().convert()  # default for CONSTRUCT: RDF/XML, format=xml
        assert isinstance(g, rdflib.Graph)


def test_select_json_xml_csv(server):
    q = f"PREFIX mk: <{MK}> SELECT ?s WHERE {{ ?s a mk:Demand ; mk:addressee <{BUND}> }} ORDER BY ?s"
    rows = wrapper(server, q, JSON).query().convert()["results"]["bindings"]
    assert len(rows) > 5
    doc = wrapper(server, q, XML).query().convert()
    assert len(doc.getElementsByTagName("result")) == len(rows)
    lines = wrapper(server, q, CSV, "POST").query().convert().decode().splitlines()
    assert lines[0] == "s" and len(lines) == len(rows) + 1


def test_ask(server):
    yes = f"PREFIX mk: <{MK}> ASK {{ ?s a mk:Demand }}"
    no = f"PREFIX mk: <{MK}> ASK {{ ?s a mk:NoSuchClass }}"
    assert wrapper(server, yes, JSON).query().convert()["boolean"] is True
    assert wrapper(server, no, JSON, "POST").query().convert()["boolean"] is False
    doc = wrapper(server, yes, XML).query().convert()
    assert doc.getElementsByTagName("boolean")[0].firstChild.data == "true"


CONSTRUCT = f"CONSTRUCT {{ <{BUND}> ?p ?o }} WHERE {{ <{BUND}> ?p ?o }}"


@pytest.mark.parametrize("fmt", [None, XML, RDFXML, TURTLE, N3, JSONLD], ids=str)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_construct_in_every_return_format(server, fmt, method):
    """None is SPARQLWrapper's default (XML: Accept RDF/XML, format=xml); N3 sends format=n3,
    which the server does not offer: Accept (Turtle first) decides."""
    w = wrapper(server, CONSTRUCT, fmt, method)
    res = w.query()
    media = res.info()["content-type"].split(";")[0]
    expected = {None: "application/rdf+xml", XML: "application/rdf+xml", RDFXML: "application/rdf+xml",
                TURTLE: "text/turtle", N3: "text/turtle", JSONLD: "application/ld+json"}[fmt]
    assert media == expected
    out = res.convert()
    g = out if isinstance(out, rdflib.Graph) else rdflib.Graph().parse(
        data=out, format={"text/turtle": "turtle", "application/ld+json": "json-ld"}[media])
    assert (BUND, rdflib.SKOS.prefLabel, rdflib.Literal("Bund", lang="de")) in g


def test_describe_default_format(server):
    g = wrapper(server, f"DESCRIBE <{BUND}>").query().convert()
    assert (BUND, rdflib.SKOS.prefLabel, rdflib.Literal("Bund", lang="de")) in g


@pytest.mark.parametrize("params,accept,media", [
    ({"format": "xml"}, "application/rdf+xml", "application/rdf+xml"),  # xml for a graph is RDF/XML
    ({"format": "n3"}, "text/turtle", "text/turtle"),  # unknown: Accept decides
    ({"format": "csv"}, "application/n-triples", "application/n-triples"),  # not for graphs: Accept decides
    ({"format": ["rdf+xml", "application/rdf+xml"]}, "*/*", "application/rdf+xml"),
    ({"format": ["json-ld", "application/ld+json"]}, "*/*", "application/ld+json"),
    ({"format": "json"}, "*/*", "application/ld+json"),
    ({"format": "nt"}, "text/turtle", "application/n-triples"),  # a format it offers still wins
])
def test_format_parameter_for_graphs(server, params, accept, media):
    r = httpx.get(server + "/sparql", params={"query": CONSTRUCT, **params}, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].split(";")[0] == media


def test_unknown_format_and_unacceptable_accept_is_406(server):
    r = httpx.get(server + "/sparql", params={"query": CONSTRUCT, "format": "n3"}, headers={"Accept": "image/png"})
    assert r.status_code == 406 and "text/turtle" in r.json()["error"]
    r = httpx.get(server + "/sparql", params={"query": "ASK {}", "format": "xml"}, headers={"Accept": "*/*"})
    assert r.headers["content-type"].split(";")[0] == "application/sparql-results+xml"
