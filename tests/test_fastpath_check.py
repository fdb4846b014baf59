"""fastcheck's datatype checks read the literals as written by regex when a document is
written one triple per line (and parse it otherwise): both ways must report what
pySHACL reports, value included."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from mkgraph.store import build as b
from mkgraph.validate import fastcheck
from mkgraph.rdf.iris import Iris

import test_shapes as ts

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "sources" / "intmk-2017-top-2-1.txt"
IRIS = Iris()
START = "<http://www.w3.org/ns/oa#start>"
DATATYPE_FIXTURES = [p for p in ts.INVALID if "DatatypeConstraintComponent" in p.read_text(encoding="utf-8")]


@pytest.fixture(scope="module")
def validator() -> b.Validator:
    return b.Validator(IRIS)


@pytest.fixture(scope="module")
def seed_nt() -> bytes:
    [(_, nt, _)] = b.ntriples_of(SEED, IRIS)
    return nt


def _rows(violations):
    return sorted((v.focus, v.shape, v.component, v.value or "") for v in violations)


def _with_start(nt: bytes, new_object: str) -> tuple[bytes, str]:
    """The seed with the first oa:start's object replaced; returns the selector too."""
    lines = nt.decode().splitlines()
    i = next(k for k, line in enumerate(lines) if f" {START} " in line)
    subject = lines[i].split(" ", 1)[0]
    lines[i] = f"{subject} {START} {new_object} ."
    return ("\n".join(lines) + "\n").encode(), subject[1:-1]


def test_datatype_fixtures_report_pyshacls_values(validator):
    assert len(DATATYPE_FIXTURES) >= 8
    shacl = b.Validator(IRIS, engine="shacl")
    for path in DATATYPE_FIXTURES:
        g = ts.compose(path)
        fast = {(r.focus, r.component, r.value) for r in validator(g).results}
        ref = {(r.focus, r.component, r.value) for r in shacl(g).results}
        assert fast == ref, path.name
        assert any(c == "sh:DatatypeConstraintComponent" for _, c, _ in fast), path.name


NNI = "^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>"


@pytest.mark.parametrize("written, shown", [
    ('"-1"' + NNI, '"-1"' + NNI),  # outside the lexical space
    ('"5"^^<http://www.w3.org/2001/XMLSchema#decimal>', '"5"^^<http://www.w3.org/2001/XMLSchema#decimal>'),
    ('"5"', '"5"'),  # a string
    ('"\\u0035x"' + NNI, '"5x"' + NNI),  # an escape: the value as pyoxigraph shows it
    ("<http://example.org/not-a-literal>", "<http://example.org/not-a-literal>"),
])
def test_an_ill_typed_start_is_found(validator, seed_nt, written, shown):
    broken, selector = _with_start(seed_nt, written)
    found = [v for v in validator.violations_nt([broken]) if v.component.endswith("#DatatypeConstraintComponent")]
    assert [(v.focus, v.value) for v in found] == [(selector, shown)]


def test_an_escaped_valid_start_passes(validator, seed_nt):
    ok, _ = _with_start(seed_nt, '"\\u0035"^^<http://www.w3.org/2001/XMLSchema#integer>')
    assert validator.violations_nt([ok]) == []


def test_a_document_not_one_triple_per_line_is_parsed(validator, seed_nt):
    broken, selector = _with_start(seed_nt, '"x"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>')
    # tabs between the terms: the regex does not see these lines, the parser does
    loose = broken.replace(b"> <", b">\t<").replace(b'> "', b'>\t"')
    assert loose != broken
    assert _rows(validator.violations_nt([loose])) == _rows(validator.violations_nt([broken]))
    assert [v.focus for v in validator.violations_nt([loose])
            if v.component.endswith("#DatatypeConstraintComponent")] == [selector]
    assert validator.violations_nt([seed_nt.replace(b"> <", b">  <")]) == []


def test_a_watched_predicate_inside_a_literal_is_not_mistaken(validator, seed_nt):
    # a quote that spells an oa:start triple: the regex sees it, the parse decides
    # (typed as a quote selector: an untyped node with oa:exact breaks mksh:QuoteSelectorTyped)
    fake = (f'<http://example.org/x> <http://www.w3.org/ns/oa#exact> "a> {START} \\"x\\" ." .\n'
            f'<http://example.org/x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> '
            f'<http://www.w3.org/ns/oa#TextQuoteSelector> .\n').encode()
    assert validator.violations_nt([seed_nt, fake]) == validator.violations_nt([seed_nt + fake]) == []


def test_blank_nodes_keep_their_labels_across_documents(validator, seed_nt):
    broken, selector = _with_start(seed_nt, '"-3"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>')
    doc = broken.replace(f"<{selector}>".encode(), b"_:sel")
    found = validator.violations_nt([doc])
    assert [(v.focus, v.component.rsplit("#", 1)[1]) for v in found
            if v.component.endswith("DatatypeConstraintComponent")] == [("_:sel", "DatatypeConstraintComponent")]


def test_store_holds_every_triple_of_the_documents(validator, seed_nt):
    data = fastcheck.load([seed_nt] + validator.context, validator.checks)
    g = Graph()
    for doc in [seed_nt] + validator.context:
        g.parse(data=doc, format="nt")
    assert len(data.store) == len(g)


def test_violations_each_are_each_documents_own(validator, seed_nt, monkeypatch):
    """Validator.violations_each (ingest's call) batches as violations_nt does: per
    document, exactly what checking it alone finds (here the same resolution several
    times, whose copies would meet in one store); report_nt gives the report __call__
    gives, making the graph for the labels only when there are violations."""
    monkeypatch.setattr(b, "BATCH", 3)
    bad = [_with_start(seed_nt, w)[0] for w in ('"-1"' + NNI, '"5"', "<http://example.org/x>")]
    docs = [seed_nt, bad[0], seed_nt, seed_nt, seed_nt, seed_nt, bad[1], bad[2]]  # batches: 1 bad, 0 bad, 2 bad
    each = validator.violations_each(docs)
    assert each == [validator.violations_nt([d]) for d in docs]
    assert [bool(v) for v in each] == [d is not seed_nt for d in docs]
    graph = Graph().parse(data=bad[0], format="nt")
    made = []
    via_nt = validator.report_nt(bad[0], lambda: made.append(1) or graph, each[1])
    assert via_nt.results == validator(graph).results and not via_nt.conforms and made == [1]
    assert validator.report_nt(seed_nt, lambda: made.append(2) or graph, []).conforms and made == [1]
