"""mkgraph serve against a real uvicorn process on 127.0.0.1, with SPARQLWrapper, rdflib and httpx as clients."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from conftest import stop_process, wait_for_server
import rdflib
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

HERE = Path(__file__).parent
MINI = HERE / "serve" / "mini.ttl"
QUERIES = HERE / "serve" / "queries"
ROOT = HERE.parent
RES = "/id/resolution/intmk/2017/top-2.1"
ID = "https://w3id.org/mkgraph/id/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(*extra: str, data: Path = MINI, queries: Path = QUERIES):
    port = free_port()
    cmd = [sys.executable, "-m", "mkgraph.serve", "--port", str(port), "--data", str(data),
           "--queries", str(queries), "--sources", str(ROOT / "sources"), "--workers", "1",
           "--no-access-log", *extra]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return wait_for_server(proc, f"http://127.0.0.1:{port}", 300)


stop = stop_process


@pytest.fixture(scope="module")
def server():
    proc, url = start_server("--timeout", "2", "--max-results", "50", "--max-body", "100000")
    yield url
    stop(proc)


def sparql(url, query, accept="application/sparql-results+json", **params):
    return httpx.get(url + "/sparql", params={"query": query, **params}, headers={"Accept": accept}, timeout=30)


COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def triple_count(url) -> int:
    return int(sparql(url, COUNT).json()["results"]["bindings"][0]["n"]["value"])


# ---- SPARQL protocol with real clients ---------------------------------------------------------

def test_sparqlwrapper_select_json_and_xml(server):
    w = SPARQLWrapper(server + "/sparql")
    w.setQuery("PREFIX mk: <https://w3id.org/mkgraph/ontology#> SELECT ?s WHERE { ?s a mk:Demand } ORDER BY ?s")
    w.setReturnFormat(JSON)
    rows = w.query().convert()["results"]["bindings"]
    assert [r["s"]["value"].rsplit("/", 1)[1] for r in rows] == [
        "demand-13839-14051", "demand-14678-14900", "demand-8440-8837", "demand-8923-9028"]
    w.setReturnFormat(XML)
    doc = w.query().convert()  # an xml.dom document
    assert len(doc.getElementsByTagName("result")) == 4
    w.setReturnFormat(CSV)
    assert w.query().convert().decode().splitlines()[0] == "s"


def test_sparqlwrapper_construct_and_post(server):
    w = SPARQLWrapper(server + "/sparql")
    w.setMethod("POST")
    w.setQuery(f"CONSTRUCT {{ <{ID}actor/bund> ?p ?o }} WHERE {{ <{ID}actor/bund> ?p ?o }}")
    w.setReturnFormat(TURTLE)
    g = rdflib.Graph().parse(data=w.query().convert(), format="turtle")
    assert (rdflib.URIRef(ID + "actor/bund"), rdflib.SKOS.prefLabel, rdflib.Literal("Bund", lang="de")) in g


def test_rdflib_sparqlstore(server):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    g = rdflib.Graph(SPARQLStore(server + "/sparql"))
    rows = list(g.query("PREFIX mk: <https://w3id.org/mkgraph/ontology#> "
                        "SELECT ?a WHERE { ?s a mk:Demand ; mk:addressee ?a } ORDER BY ?a"))
    assert {str(r.a).rsplit("/", 1)[1] for r in rows} == {"bund", "laender", "kommunen"}
    assert len(rows) == 6


@pytest.mark.parametrize("accept,fmt,check", [
    ("application/sparql-results+json", "json", lambda b: json.loads(b)["results"]["bindings"][0]["n"]["value"]),
    ("application/sparql-results+xml", "xml", lambda b: b.split(b"<literal")[1].split(b">")[1].split(b"<")[0].decode()),
    ("text/csv", "csv", lambda b: b.decode().splitlines()[1]),
    ("text/tab-separated-values", "tsv", lambda b: b.decode().splitlines()[1].split('"')[1]),
])
def test_results_by_accept_and_format(server, accept, fmt, check):
    n = str(triple_count(server))
    for r in (sparql(server, COUNT, accept), sparql(server, COUNT, "*/*", format=fmt)):
        assert r.status_code == 200
        assert r.headers["content-type"].split(";")[0] == accept
        assert check(r.content) == n


@pytest.mark.parametrize("accept,fmt,parser", [
    ("text/turtle", "ttl", "turtle"), ("application/n-triples", "nt", "nt"), ("application/ld+json", "jsonld", "json-ld")])
def test_graphs_by_accept_and_format(server, accept, fmt, parser):
    q = f"CONSTRUCT WHERE {{ <{ID}land/DE-BW> ?p ?o }}"
    for r in (sparql(server, q, accept), sparql(server, q, "*/*", format=fmt)):
        assert r.headers["content-type"].split(";")[0] == accept
        g = rdflib.Graph().parse(data=r.content, format=parser)
        assert (rdflib.URIRef(ID + "land/DE-BW"), rdflib.OWL.sameAs,
                rdflib.URIRef("http://www.wikidata.org/entity/Q985")) in g
        assert len(g) == 9  # 2 types, 2 labels, iso, ags, state key, NUTS, Wikidata


def test_post_form_and_direct(server):
    a = httpx.post(server + "/sparql", data={"query": COUNT}, headers={"Accept": "text/csv"})
    b = httpx.post(server + "/sparql", content=COUNT, headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert a.status_code == b.status_code == 200 and a.text == b.text


def test_service_description(server):
    r = httpx.get(server + "/sparql", headers={"Accept": "text/turtle"})
    g = rdflib.Graph().parse(data=r.text, format="turtle")
    SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    assert (None, SD.supportedLanguage, SD.SPARQL11Query) in g


def test_not_acceptable(server):
    r = sparql(server, COUNT, "image/png")
    assert r.status_code == 406 and "application/sparql-results+json" in r.json()["error"]


def test_update_is_refused_and_changes_nothing(server):
    before = triple_count(server)
    upd = "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }"
    assert httpx.post(server + "/sparql", data={"update": upd}).status_code == 403
    assert httpx.post(server + "/sparql", content=upd, headers={"Content-Type": "application/sparql-update"}).status_code == 403
    r = sparql(server, upd)
    assert r.status_code in (400, 403)
    assert sparql(server, "PREFIX x: <http://x/>\nDELETE WHERE { ?s ?p ?o }").status_code == 403
    assert triple_count(server) == before


def test_malformed_query_gives_parser_message(server):
    r = sparql(server, "SELECT ?s WHERE { ?s ?p }")
    assert r.status_code == 400
    assert r.json()["error"].startswith("malformed query: error at 1:")
    assert "Traceback" not in r.text


def test_service_is_refused(server):
    r = sparql(server, "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }")
    assert r.status_code == 400 and "SERVICE" in r.json()["error"]


def test_result_cap_truncates_and_says_so(server):
    r = sparql(server, "SELECT * WHERE { ?s ?p ?o }")
    assert r.headers["MKGraph-Results-Truncated"] == "50"
    assert len(r.json()["results"]["bindings"]) == 50
    assert "MKGraph-Results-Truncated" not in sparql(server, COUNT).headers


def test_timeout_gives_503_and_server_keeps_serving(server):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    t0 = time.monotonic()
    r = sparql(server, slow)
    assert r.status_code == 503 and "timeout" in r.json()["error"]
    assert time.monotonic() - t0 < 10
    assert triple_count(server) > 300  # a fresh worker answers


def test_cors_on_get(server):
    r = httpx.get(server + "/api/queries", headers={"Origin": "https://example.org"})
    assert r.headers["access-control-allow-origin"] == "*"


# ---- saved queries API --------------------------------------------------------------------------

def test_catalogue_and_openapi(server):
    cat = httpx.get(server + "/api/queries").json()["queries"]
    assert [q["name"] for q in cat] == ["demands", "statements_by_kind"]
    assert cat[0]["parameters"] == [{"name": "addressee", "type": "iri", "required": False,
                                     "description": "IRI of an actor (e.g. actor/bund); only demands addressed to it"}]
    doc = httpx.get(server + "/openapi.json").json()
    op = doc["paths"]["/api/queries/demands"]["get"]
    assert op["summary"] == "Demands and the actors they are addressed to"
    assert op["parameters"][0]["name"] == "addressee" and op["parameters"][0]["schema"]["format"] == "uri"
    assert "text/csv" in op["responses"]["200"]["content"]
    assert "/api/queries" in doc["paths"]


def test_saved_query_with_bound_parameter(server):
    r = httpx.get(server + "/api/queries/demands", params={"addressee": "actor/bund"}, headers={"Accept": "text/csv"})
    rows = r.text.splitlines()[1:]
    assert [row.split(",")[2] for row in rows] == ["8440", "8923"]
    full = httpx.get(server + "/api/queries/demands", params={"addressee": ID + "actor/kommunen", "format": "json"}).json()
    assert len(full["results"]["bindings"]) == 2
    # a value that tries to escape the binding is just an IRI that matches nothing / is refused
    r = httpx.get(server + "/api/queries/demands", params={"addressee": "x> } ; DROP ALL #"})
    assert r.status_code == 400 and r.json()["error"].startswith("addressee:")


def test_saved_query_errors(server):
    r = httpx.get(server + "/api/queries/nope")
    assert r.status_code == 404 and {ln["href"] for ln in r.json()["links"]} == {
        "/api/queries/demands", "/api/queries/statements_by_kind"}
    r = httpx.get(server + "/api/queries/demands", params={"who": "x"})
    assert r.status_code == 400 and r.json()["error"].startswith("who: not a parameter")


# ---- linked data --------------------------------------------------------------------------------

@pytest.mark.parametrize("accept,parser", [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                                           ("application/ld+json", "json-ld")])
def test_dereference_by_accept(server, accept, parser):
    stmt = RES + "/statement/demand-8440-8837"
    r = httpx.get(server + stmt, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept) and "Accept" in r.headers["vary"]
    g = rdflib.Graph().parse(data=r.content, format=parser)
    s = rdflib.URIRef("https://w3id.org/mkgraph" + stmt)
    assert (s, rdflib.URIRef("https://w3id.org/mkgraph/ontology#addressee"), rdflib.URIRef(ID + "actor/bund")) in g
    assert (rdflib.URIRef(str(s) + "/anchor/position"), rdflib.URIRef("http://www.w3.org/ns/oa#start"),
            rdflib.Literal(8440)) in g  # the anchor travels with the statement


def test_dereference_html_and_404(server):
    r = httpx.get(server + "/id/land/DE-BW", headers={"Accept": "text/html,application/xhtml+xml"})
    assert "text/html" in r.headers["content-type"]
    assert "http://www.wikidata.org/entity/Q985" in r.text and "Integration schafft Zusammenhalt" in r.text
    r = httpx.get(server + "/id/land/DE-XX", headers={"Accept": "text/html"})
    assert r.status_code == 404 and RES in r.text
    assert httpx.get(server + "/id/land/DE-XX").json()["status"] == 404


def test_void_and_downloads(server):
    g = rdflib.Graph().parse(data=httpx.get(server + "/.well-known/void").text, format="turtle")
    VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
    assert set(g.objects(None, VOID.sparqlEndpoint)) == {rdflib.URIRef(server + "/sparql")}
    dump = str(next(g.objects(None, VOID.dataDump)))
    assert httpx.get(dump).content == MINI.read_bytes()



DOWNLOADS = {"mini.nt": ("nt", "application/n-triples"), "mini.rdf": ("xml", "application/rdf+xml"),
             "mini.trig": ("trig", "application/trig"), "mini.nq": ("nquads", "application/n-quads"),
             "mini.jsonld": ("json-ld", "application/ld+json"), "mini.json": ("json-ld", "application/ld+json"),
             "catalog.ttl": ("turtle", "text/turtle")}


def test_downloads_have_their_media_types(tmp_path):
    g = rdflib.Dataset()
    g.parse(MINI, format="turtle")
    files = []
    for name, (fmt, _media) in DOWNLOADS.items():
        (tmp_path / name).write_text(g.serialize(format=fmt), encoding="utf-8")
        files += ["--data", str(tmp_path / name)]
    proc, url = start_server(*files)
    try:
        void = httpx.get(url + "/.well-known/void", headers={"Accept": "application/n-triples"}).text
        for name, (fmt, media) in DOWNLOADS.items():
            r = httpx.get(f"{url}/download/{name}")
            assert r.status_code == 200, name
            assert r.headers["content-type"].split(";")[0] == media, name
            assert r.content == (tmp_path / name).read_bytes()
            assert len(rdflib.Dataset().parse(data=r.text, format=fmt)) == len(g), name
            assert f"/download/{name}>" in void
        assert httpx.get(url + "/download/nothing.ttl").status_code == 404
    finally:
        stop(proc)


# ---- pages --------------------------------------------------------------------------------------

def test_home_page(server):
    r = httpx.get(server + "/", headers={"Accept": "text/html"})
    assert f'<td id="count-triples">{triple_count(server)}</td>' in r.text
    assert '<td id="count-statements">8</td>' in r.text
    assert 'href="/query/demands"' in r.text and "/static/style.css" in r.text and "https://cdn" not in r.text


def test_resolution_page_marks_the_exact_characters(server):
    r = httpx.get(server + RES, headers={"Accept": "text/html"})
    assert r.status_code == 200
    original = (ROOT / "sources" / "intmk-2017-top-2-1.txt").read_text(encoding="utf-8")
    import html as h
    import re
    def chars(fragment: str) -> str:  # the characters an element holds, hidden ones included
        return h.unescape(re.sub(r"<[^>]+>", "", fragment))

    marks = re.findall(r'<mark class="hl k-(\w+)" data-s="([\d ]+)">(.*?)</mark>', r.text, re.S)
    assert {m[0] for m in marks} >= {"demand", "offer", "thanks"}
    first = [chars(t) for k, ids, t in marks if ids.split() == ["0"]]
    assert "".join(first) == original[489:565]
    assert r.text.count('class="statement k-') == 8
    # the whole article holds the file character for character; the PDF's empty lines are only hidden
    article = re.search(r'<article id="text" class="source">(.*?)</article>', r.text, re.S).group(1)
    assert chars(article) == original
    shown = chars(re.sub(r'<span class="gap">.*?</span>', "", article, flags=re.S))
    assert shown.count("\n\n") < original.count("\n\n") / 4


def test_blank_lines_hidden_paragraph_breaks_kept():
    from mkgraph.serve.pagedata import Mark, segments

    text = "Kopf 2017 \n\nZeile zwei\n\n \n\n1. Erster Ab-\n\nsatz geht weiter.\n\n2. Zweiter\n\nAbsatz.\n"
    p1 = (text.index("Erster"), text.index("weiter.") + 7)
    p2 = (text.index("Zweiter"), text.index("Absatz.") + 7)
    mark = Mark("s", "demand", "Forderung", text.index("Ab-"), text.index("geht"), "", (), "")
    segs = segments(text, [mark], [p1, p2])
    assert "".join(t for pieces, _ in segs for _, t in pieces) == text
    inside = "".join(t for pieces, ids in segs if ids for _, t in pieces)
    assert inside == text[mark.start:mark.end]  # the highlight keeps its characters, blank line included
    shown = "".join({"para": "¶"}.get(k, t) for pieces, _ in segs for k, t in pieces if k != "gap")
    assert shown == "Kopf 2017 \nZeile zwei\n¶1. Erster Ab-\nsatz geht weiter.\n¶2. Zweiter\nAbsatz."
    kinds = [k for pieces, _ in segs for k, _ in pieces]
    assert kinds.count("hyph") == 1 and kinds.count("line") == 1 and kinds.count("para") == 2


def test_query_page_runs_a_query(server):
    r = httpx.get(server + "/query", params={"query": COUNT})
    assert '<span id="row-count">1</span>' in r.text
    r = httpx.get(server + "/query/demands", params={"run": "1", "addressee": "actor/bund"})
    assert '<span id="row-count">2</span>' in r.text
    r = httpx.get(server + "/query", params={"query": "SELECT nonsense"})
    assert 'id="error"' in r.text


# ---- limits ---------------------------------------------------------------------------------------

def raw(url: str, request: bytes, read: int = 4096) -> bytes:
    host, port = url.rsplit(":", 1)
    with socket.create_connection(("127.0.0.1", int(port)), timeout=10) as s:
        s.sendall(request)
        return s.recv(read)


def test_100mb_body_is_rejected(server):
    head = (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: 104857600\r\n\r\n" + b"S" * 65536)
    assert raw(server, head).startswith(b"HTTP/1.1 413")

    def chunks():  # no Content-Length: the guard counts as it reads
        for _ in range(20):
            yield b"#" * 10000
    r = httpx.post(server + "/sparql", content=chunks(), headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413
    assert triple_count(server) > 0


def test_many_connections_are_refused_not_fatal():
    proc, url = start_server("--limit-concurrency", "20")
    try:
        port = int(url.rsplit(":", 1)[1])
        socks = []
        for _ in range(1000):
            s = socket.create_connection(("127.0.0.1", port), timeout=20)
            s.sendall(b"GET /api/queries HTTP/1.1\r\nHost: x\r\n\r\n")
            socks.append(s)
        codes = []
        for s in socks:
            try:
                codes.append(s.recv(12)[9:12])
            except OSError:
                codes.append(b"err")
            s.close()
        # uvicorn counts open connections: with 1000 open, requests get a clean 503, none is dropped
        assert codes.count(b"503") > 0 and set(codes) <= {b"200", b"503"}
        assert proc.poll() is None
        assert httpx.get(url + "/api/queries").status_code == 200
    finally:
        stop(proc)


def test_cli_bad_input_exits_2(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    for args, needle in ((["--data", str(bad)], "bad.ttl"), (["--data", str(tmp_path / "none.nt")], "none.nt"),
                         (["--data", str(MINI), "--base-url", "ftp://x"], "--base")):
        p = subprocess.run([sys.executable, "-m", "mkgraph.serve", *args], capture_output=True, text=True, timeout=60)
        assert p.returncode == 2, p.stderr
        assert needle in p.stderr and "Traceback" not in p.stderr and len(p.stderr.strip().splitlines()) == 1


def test_guard_is_linear_on_long_prologues():
    from mkgraph.query.safety import problem

    prologue = "".join(f"PREFIX p{i}: <http://x/{i}#>\n" for i in range(200))
    t0 = time.monotonic()
    assert problem(prologue + "SELECT * WHERE { ?s ?p ?o }") is None
    assert problem(prologue + "# comment\nINSERT DATA { <a:b> <a:c> <a:d> }")[0] == 403
    assert problem('SELECT ("SERVICE" AS ?x) WHERE {}') is None
    assert time.monotonic() - t0 < 1
