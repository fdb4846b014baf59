"""The compiled checks (mkgraph.validate.fastcheck) find what pySHACL finds.

tests/test_shapes.py pins pySHACL's report on every fixture of tests/shapes/invalid/ to
the fixture's "# expect:" lines; here the compiled checks must give the same (focus
node, source shape, constraint component) rows on every fixture, nothing on the valid
ones, and the same results as pySHACL itself on generated resolutions.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from mkgraph.store import build
from mkgraph.validate import fastcheck, shacl as validate
from mkgraph.rdf import ontology
from mkgraph.publish.export import to_ntriples
from mkgraph.rdf.iris import Iris

import test_shapes as ts

ROOT = Path(__file__).resolve().parents[1]
MKSH = "https://w3id.org/mkgraph/shapes#"


@lru_cache(maxsize=1)
def ontology_nt() -> bytes:
    return validate.load_ontology(ROOT / "ontology").serialize(format="nt", encoding="utf-8")


def compiled_rows(graph: Graph) -> set[tuple]:
    checks = fastcheck.compiled(str(ROOT / "shapes"))
    data = fastcheck.load([graph.serialize(format="nt", encoding="utf-8"), ontology_nt()], checks)
    nm = ts._nm()
    return {(v.focus, URIRef(v.shape).n3(nm), "sh:" + v.component.rsplit("#", 1)[1])
            for v in fastcheck.check(data, checks)}


@pytest.mark.parametrize("path", ts.INVALID, ids=lambda p: p.stem)
def test_compiled_checks_find_what_pyshacl_finds(path):
    want = {(str(row[0]), row[3], row[1]) for row in ts.expected(path)}
    assert compiled_rows(ts.compose(path)) == want


@pytest.mark.parametrize("path", ts.VALID, ids=lambda p: p.stem)
def test_valid_fixture_passes_compiled_checks(path):
    assert compiled_rows(Graph().parse(path)) == set()


def test_same_results_as_pyshacl_on_generated_resolutions(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import corpus

    iris = Iris()
    shared = build.shared_graph(iris)
    ont = ontology.ontology_graph(iris)
    shapes = validate.load_shapes(ROOT / "shapes")
    checks = fastcheck.compiled(str(ROOT / "shapes"))
    nm = ts._nm()
    seen_violation = False
    for name, text in corpus.generate(3, 11):
        src = tmp_path / name
        src.write_text(text, encoding="utf-8")
        for res in build.resolve(src, iris):
            ref = validate.validate(res.graph + shared, shapes, ont)
            want = {(r.focus, r.shape, r.component) for r in ref.results}
            data = fastcheck.load([to_ntriples(res.graph), to_ntriples(shared), to_ntriples(ont)], checks)
            got = {(v.focus, URIRef(v.shape).n3(nm), "sh:" + v.component.rsplit("#", 1)[1])
                   for v in fastcheck.check(data, checks)}
            assert got == want
            seen_violation |= bool(want)
    # either way the comparison ran on real output; note whether it covered a violation
    print("generated texts with violations:", seen_violation)


def test_unknown_constraint_is_refused_not_skipped():
    g = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:S> a sh:NodeShape ; sh:targetClass <urn:C> ;
            sh:property [ sh:path <urn:p> ; sh:closed true ; sh:someNewThing 1 ] .
    """, format="turtle")
    with pytest.raises(fastcheck.Unsupported):
        fastcheck.compile_shapes(g)


def test_cross_document_check_sees_conflicts_between_resolutions():
    """Each resolution alone names one start date of the session; together they name two."""
    import pyoxigraph as ox

    mk = "https://w3id.org/mkgraph/ontology#"
    xsd = "http://www.w3.org/2001/XMLSchema#"
    sess = "https://w3id.org/mkgraph/id/conference/intmk/session/12"
    nt = (f'<{sess}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{mk}Session> .\n'
          f'<{sess}> <{mk}startDate> "2017-03-16"^^<{xsd}date> .\n'
          f'<{sess}> <{mk}startDate> "2017-03-17"^^<{xsd}date> .\n')
    store = ox.Store()
    store.load(nt.encode(), ox.RdfFormat.N_TRIPLES)
    found = {(v.focus, v.shape.rsplit("#", 1)[1], v.component.rsplit("#", 1)[1])
             for v in fastcheck.cross_check(store, str(ROOT / "shapes"))}
    assert (sess, "SessionStartDate", "MaxCountConstraintComponent") in found
