"""Every IRI and URL the data publishes resolves on `mkgraph serve` (uvicorn on 127.0.0.1 over
the built graph, base https://w3id.org/mkgraph/), and the w3id rules shipped in
w3id/mkgraph/.htaccess send each of them to where the server answers it."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import rdflib
from test_serve import start_server, stop

from mkgraph.serve.app import DOWNLOAD_TYPES

ROOT = Path(__file__).resolve().parents[1]
GRAPH = ROOT / "graph"
BASE = "https://w3id.org/mkgraph/"
CONTEXT_URL = BASE + "context.jsonld"  # docs/publish.md names it
HTACCESS = ROOT / "w3id" / "mkgraph" / ".htaccess"
HOST = "https://mkgraph.example.org/"
NT = "application/n-triples"


def iris_in(*graphs: rdflib.Graph) -> set[str]:
    out = set()
    for g in graphs:
        for quad in (g.quads((None, None, None, None)) if isinstance(g, rdflib.Dataset) else
                     ((s, p, o, None) for s, p, o in g)):
            out |= {str(t.identifier if isinstance(t, rdflib.Graph) else t) for t in quad
                    if isinstance(t, (rdflib.URIRef, rdflib.Graph))}
    return {i for i in out if i.startswith(BASE)}


def catalogue_iris() -> set[str]:
    return iris_in(rdflib.Graph().parse(GRAPH / "catalog.ttl"))


def published_iris() -> set[str]:
    """Every IRI under the base in the built graph, its catalogue, the TriG's graph names, the
    ontology and the shapes, and the context URL."""
    trig = rdflib.Dataset()
    trig.parse(GRAPH / "dataset.trig", format="trig")
    graphs = [trig, rdflib.Graph().parse(GRAPH / "catalog.ttl")]
    graphs += [rdflib.Graph().parse(p) for p in sorted((ROOT / "ontology").glob("*.ttl"))]
    graphs += [rdflib.Graph().parse(p) for p in sorted((ROOT / "shapes").glob("*.ttl"))]
    return iris_in(*graphs) | {CONTEXT_URL}


def expected_media(path: str) -> str:
    if path == "":  # the catalogue's foaf:homepage and contact URL: a page, HTML only
        return "text/html"
    if path.startswith("download/") or path == "context.jsonld":
        return DOWNLOAD_TYPES[Path(path).suffix]
    return NT


@pytest.fixture(scope="module")
def server():
    proc, url = start_server(data=GRAPH / "dataset.nt", queries=ROOT / "queries")
    yield url
    stop(proc)


def fetch(client: httpx.Client, url: str) -> tuple[int, str, bytes]:
    r = client.get(url, headers={"Accept": NT})
    return r.status_code, r.headers.get("content-type", "").split(";")[0], r.content


def test_every_catalogue_iri_resolves_with_its_media_type(server):
    iris = catalogue_iris()
    paths = sorted({i.split("#", 1)[0][len(BASE):] for i in iris} | {"context.jsonld"})
    # what the issue found missing: the downloads, the catalogue itself, the context
    assert {f"download/dataset.{s}" for s in ("ttl", "nt", "jsonld", "rdf", "trig")} <= set(paths)
    assert "id/catalog" in paths and "sparql" in paths and "shapes/" in paths
    with httpx.Client(timeout=60) as client:
        for path in paths:
            status, media, body = fetch(client, f"{server}/{path}")
            assert status == 200, path
            assert media == expected_media(path), path
            if path.startswith("download/"):
                assert body == (GRAPH / path.split("/", 1)[1]).read_bytes(), path
    # a catalogue node says what the catalogue says about it
    g = rdflib.Graph().parse(data=httpx.get(server + "/id/catalog", headers={"Accept": NT}).text, format="nt")
    assert (rdflib.URIRef(BASE + "id/catalog"), rdflib.RDF.type, rdflib.URIRef("http://www.w3.org/ns/dcat#Catalog")) in g
    html = httpx.get(server + "/id/catalog", headers={"Accept": "text/html"})
    assert html.status_code == 200 and "dcat:Catalog" in html.text


def test_context_url_is_the_context(server):
    r = httpx.get(server + "/context.jsonld", headers={"Origin": "https://example.org"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/ld+json"
    assert r.content == (GRAPH / "context.jsonld").read_bytes()
    assert r.headers["access-control-allow-origin"] == "*"  # a JSON-LD processor in a browser may load it


def test_named_graphs_resolve_to_their_triples(server):
    trig = rdflib.Dataset()
    trig.parse(GRAPH / "dataset.trig", format="trig")
    names = sorted(str(g.identifier) for g in trig.graphs() if str(g.identifier).startswith(BASE))
    assert BASE + "id/graph/vocabulary" in names
    for name in names:
        r = httpx.get(server + "/" + name[len(BASE):], headers={"Accept": NT}, timeout=60)
        assert r.status_code == 200, name
        got = rdflib.Graph().parse(data=r.text, format="nt")
        assert len(got) == len(trig.graph(rdflib.URIRef(name))), name


# ---- the w3id rules ---------------------------------------------------------------------------

def rules() -> list[tuple[re.Pattern, str, dict[str, str]]]:
    out = []
    for line in HTACCESS.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\s*RewriteRule\s+(\S+)\s+(\S+)\s+\[([^\]]*)\]\s*$", line)
        if m:
            flags = dict((f.split("=", 1) + [""])[:2] for f in m.group(3).split(","))
            out.append((re.compile(m.group(1)), m.group(2), flags))
    return out


def redirect(path: str) -> tuple[str, str] | None:
    """(target, status) of the first rule that matches the path (Apache with [L]: first match)."""
    for pattern, target, flags in rules():
        m = pattern.search(path)
        if m:
            return m.expand(target.replace("$", "\\")), flags.get("R", "302")
    return None


def test_htaccess_is_what_w3id_expects():
    text = HTACCESS.read_text(encoding="utf-8")
    assert "RewriteEngine on" in text and "Options +FollowSymLinks" in text
    assert (HTACCESS.parent / "README.md").is_file()
    assert all("L" in flags and flags.get("R") in ("302", "303", "307") for _, _, flags in rules())
    assert redirect("id/actor/bund") == (HOST + "id/actor/bund", "303")
    assert redirect("ontology") == (HOST + "ontology", "303")
    assert redirect("sparql")[1] == "307"  # a POSTed query stays a POST


def test_every_published_iri_has_a_rule_and_resolves_there(server):
    iris = published_iris()
    paths = sorted({i.split("#", 1)[0][len(BASE):] for i in iris})
    assert len(paths) > 500
    # each kind of published IRI (prefix) is among them
    for prefix in ("id/resolution/", "id/actor/", "id/land/", "id/concept/", "id/catalog", "id/dataset/",
                   "id/graph/vocabulary", "ontology", "ontology/0.1.0", "shapes", "download/", "context.jsonld",
                   "sparql"):
        assert any(p.startswith(prefix) for p in paths), prefix
    targets = {}
    for path in paths:
        hit = redirect(path)
        assert hit is not None, f"no w3id rule for {BASE}{path}"
        assert hit[0].startswith(HOST), path
        targets[path] = server + "/" + hit[0][len(HOST):]
    with httpx.Client(timeout=60) as client, ThreadPoolExecutor(4) as pool:
        answers = dict(zip(targets, pool.map(lambda u: fetch(client, u), targets.values())))
    failed = {p: a[0] for p, a in answers.items() if a[0] != 200}
    assert not failed, f"{len(failed)} published IRIs not answered: {sorted(failed.items())[:10]}"
    wrong = {p: a[1] for p, a in answers.items() if a[1] != expected_media(p)}
    assert not wrong, sorted(wrong.items())[:10]


def test_a_record_store_serves_its_dumps_and_named_graphs(tmp_path):
    """`mkgraph serve --store <out>/graph/store`: the record build's dumps beside the store
    (dataset.nt, dataset.nq) download, and its named graphs resolve from the store itself."""
    from mkgraph.store import record
    from test_serve import free_port

    out = tmp_path / "out"
    record.build_record([ROOT / "sources" / "intmk-2017-top-2-1.txt"], out, jobs=1, dumps=True)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "mkgraph.serve", "--port", str(port),
                             "--store", str(out / "graph" / "store"), "--queries", str(ROOT / "queries"),
                             "--workers", "1", "--no-access-log"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if proc.poll() is not None:
                raise RuntimeError(proc.stderr.read().decode())
            try:
                if httpx.get(url + "/api/queries", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        for name, media in (("dataset.nq", "application/n-quads"), ("dataset.nt", NT)):
            r = httpx.get(f"{url}/download/{name}")
            assert r.status_code == 200 and r.headers["content-type"].split(";")[0] == media
            assert r.content == (out / "graph" / name).read_bytes()
        r = httpx.get(url + "/id/graph/vocabulary", headers={"Accept": NT})
        assert r.status_code == 200 and len(r.text.splitlines()) > 100
        assert httpx.get(url + "/download/store").status_code == 404  # only the build's files by name
    finally:
        proc.terminate()
        proc.wait(10)


def test_void_lists_every_dump_and_each_downloads(server):
    g = rdflib.Graph().parse(data=httpx.get(server + "/.well-known/void", headers={"Accept": NT}).text, format="nt")
    dumps = sorted(str(o) for o in g.objects(None, rdflib.URIRef("http://rdfs.org/ns/void#dataDump")))
    names = [d.rsplit("/", 1)[1] for d in dumps]
    assert {"dataset.nt", "dataset.ttl", "dataset.jsonld", "dataset.rdf", "dataset.trig"} <= set(names)
    assert "catalog.ttl" not in names and "context.jsonld" not in names
    for d in dumps:
        assert httpx.get(d).status_code == 200, d
