"""The record build's fast path (triples -> mkgraph.rdf.ntriples, no rdflib Graph) writes the
same bytes as the rdflib path (assemble.resolution_graph -> export.to_ntriples)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from mkgraph.store import build
from mkgraph.publish import export
from mkgraph.rdf import ntriples
from mkgraph.errors import InputError
from mkgraph.rdf.iris import Iris
from conftest import bench_module

ROOT = Path(__file__).resolve().parents[1]
IRIS = Iris()
CORPUS = sorted((ROOT / "tests" / "ingest").glob("*.txt")) + sorted((ROOT / "sources").glob("*.txt"))


def _generated(n: int, out: Path) -> list[Path]:
    mod = bench_module("corpus")
    paths = []
    for name, text in mod.generate(n, seed=3):
        (out / name).write_text(text, encoding="utf-8")
        paths.append(out / name)
    return paths


def _both(source: Path, iris: Iris = IRIS):
    fast = [(iri, nt) for iri, nt, _ in build.ntriples_of(source, iris)]
    slow = [export.to_ntriples(r.graph) for r in build.resolve(source, iris)]
    return fast, slow


@pytest.mark.parametrize("source", CORPUS, ids=lambda p: p.stem)
def test_corpus_text_same_bytes(source):
    try:
        build.resolve(source, IRIS)
    except InputError as err:  # a text the corpus keeps to be refused: refused the same way
        with pytest.raises(InputError) as fast_error:
            build.ntriples_of(source, IRIS)
        assert (fast_error.value.where, fast_error.value.what) == (err.where, err.what)
        return
    fast, slow = _both(source)
    assert [nt for _, nt in fast] == slow
    assert all(nt.count(b"\n") > 100 for nt in slow)  # a real graph, not two empty ones


def test_generated_texts_same_bytes(tmp_path):
    sources = _generated(20, tmp_path)
    assert len(sources) == 20
    for source in sources:
        fast, slow = _both(source)
        assert [nt for _, nt in fast] == slow, source.name


def test_other_base_same_bytes():
    iris = Iris("http://example.org/x/")
    fast, slow = _both(CORPUS[0], iris)
    assert [nt for _, nt in fast] == slow
    assert b"<http://example.org/x/id/" in slow[0]


def test_awkward_literals_as_rdflib_writes_them():
    s, p = URIRef("http://example.org/s"), URIRef("http://example.org/p")
    objects = [
        Literal('quote " backslash \\ newline \n return \r tab \t'),
        Literal("Grüße ünd ß", lang="de"),
        Literal("03", datatype=XSD.nonNegativeInteger),
        Literal("0.90", datatype=XSD.decimal),
        Literal(True),
        Literal(7, datatype=XSD.integer),
        Literal("line\u2028separator and form\x0cfeed"),  # str.splitlines would break here
        Literal(""),
        URIRef("http://example.org/o"),
    ]
    triples = [(s, p, o) for o in objects] + [(s, p, objects[0])]  # a duplicate
    g = Graph()
    for t in triples:
        g.add(t)
    data = ntriples.document(triples)
    # rdflib's own writer, lines split at "\n" only, is the oracle
    lines = g.serialize(format="nt", encoding="utf-8").decode("utf-8").split("\n")
    assert data == ("\n".join(sorted({x for x in lines if x.strip()})) + "\n").encode("utf-8")
    assert data.count(b"\n") == len(objects)  # one line per triple: U+2028 and \x0c stay inside theirs
    back = Graph().parse(data=data.decode("utf-8"), format="nt")
    assert set(back) == set(g)
    assert export.to_ntriples(g) == data  # the exporting build writes with the same writer


def test_blank_nodes_are_refused():
    from rdflib import BNode

    with pytest.raises(TypeError):
        ntriples.document([(URIRef("http://example.org/s"), URIRef("http://example.org/p"), BNode())])
