"""validate.batch.BatchChecker (the record build's validator) reports what fastcheck.check
over the same documents plus the context reports, and so what pySHACL reports: on every
invalid fixture, on generated texts with faults put in, and when the data extends the
class hierarchy; checks whose target terms the batch does not use are not run, and run
again as soon as it does."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from mkgraph.publish.export import to_ntriples
from mkgraph.rdf.iris import Iris
from mkgraph.store import build
from mkgraph.validate import fastcheck
from mkgraph.validate.batch import BatchChecker

import test_scale
import test_shapes as ts

ROOT = Path(__file__).resolve().parents[1]
SHAPES = str(ROOT / "shapes")
MK = "https://w3id.org/mkgraph/ontology#"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


@pytest.fixture(scope="module")
def checker() -> BatchChecker:
    return BatchChecker([test_scale.ontology_nt()], SHAPES)


def _rows(violations) -> set[tuple]:
    nm = ts._nm()
    return {(v.focus, URIRef(v.shape).n3(nm), "sh:" + v.component.rsplit("#", 1)[1]) for v in violations}


def _plain(documents: list[bytes], context: list[bytes]) -> list:
    checks = fastcheck.compiled(SHAPES)
    return fastcheck.check(fastcheck.load(documents + context, checks), checks)


@pytest.mark.parametrize("path", ts.INVALID, ids=lambda p: p.stem)
def test_every_invalid_fixture_as_pyshacl_reports_it(checker, path):
    want = {(str(row[0]), row[3], row[1]) for row in ts.expected(path)}
    assert _rows(checker.violations([to_ntriples(ts.compose(path))])) == want


def test_fixtures_side_by_side_in_one_batch(checker):
    """Several broken resolutions in one batch: each violation still found (the record
    build attributes them to their resolutions by focus node)."""
    paths = [p for p in ts.INVALID if p.stem in ("point-gap", "anchor-two", "country-iso-missing")]
    docs = [to_ntriples(ts.compose(p)) for p in paths]
    found = checker.violations(docs)
    assert found == _plain(docs, checker.context)
    for path in paths:
        assert {(str(row[0]), row[3], row[1]) for row in ts.expected(path)} <= _rows(found)


def test_the_checks_take_the_hierarchy_as_given(checker):
    fixed = "\n".join(c.query for c in checker.fixed)
    assert "subClassOf>*" not in fixed  # rdf:type tested directly
    assert "subClassOf>*" in "\n".join(c.query for c in checker.plain)
    statement = next(c for c in checker.fixed if c.target == MK + "Statement")
    assert MK + "Demand" in statement.needs  # a subclass counts as the class


def test_a_subclass_stated_by_the_data_is_followed(checker):
    """A batch that adds rdfs:subClassOf is checked with the plain rdf:type/rdfs:subClassOf*
    checks: a country of a new subclass is still a country (and misses its ISO code)."""
    doc = (f"<urn:x:Sub> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <{MK}Country> .\n"
           f"<https://w3id.org/mkgraph/id/country/XX> {TYPE} <urn:x:Sub> .\n").encode()
    found = checker.violations([doc])
    assert found == _plain([doc], checker.context)
    assert ("https://w3id.org/mkgraph/id/country/XX", "mksh:CountryIso", "sh:MinCountConstraintComponent") \
        in _rows(found)


def test_checks_of_absent_terms_are_skipped_and_run_when_present(checker):
    session_checks = [c for c in checker.fixed if c.needs == frozenset({MK + "Session"})]
    assert session_checks and MK + "Session" not in checker.terms  # the ontology has none
    point = f"<https://w3id.org/mkgraph/id/x/point/1> {TYPE} <{MK}Point> .\n".encode()
    checker.stats.clear()
    checker.violations([point])
    skipped = checker.stats["skipped"]
    assert skipped >= len(session_checks)
    assert checker.stats["queries"] + skipped + checker.stats.get("in Python", 0) == len(checker.fixed)
    # a session of no conference: its checks run, and one fires
    session = f"<https://w3id.org/mkgraph/id/conference/x/session/1> {TYPE} <{MK}Session> .\n".encode()
    checker.stats.clear()
    found = checker.violations([point, session])
    assert checker.stats["skipped"] == skipped - len(session_checks)
    assert found == _plain([point, session], checker.context)
    assert ("https://w3id.org/mkgraph/id/conference/x/session/1", "mksh:SessionConference",
            "sh:MinCountConstraintComponent") in _rows(found)


def test_one_query_for_both_bounds_of_a_property(checker):
    """sh:minCount 1 and sh:maxCount 1 of mksh:HasOneAnchor: one check, which reports
    either component (fixtures anchor-missing and anchor-two prove both above)."""
    both = [c for c in checker.plain if c.bounds]
    assert both and all(c.component == fastcheck.MIN_MAX for c in both)
    shapes = {c.shape for c in both}
    assert not [c for c in checker.plain if c.shape in shapes and c.component in
                ("MinCountConstraintComponent", "MaxCountConstraintComponent")]


def test_generated_texts_with_faults_as_one_call(tmp_path):
    """The record build's batches: generated resolutions, some broken (a selector's start
    and a point's number removed, an anchor doubled), with the shared vocabulary."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import corpus

    iris = Iris()
    validator = build.Validator(iris)
    docs = []
    for name, text in corpus.generate(6, 5):
        src = tmp_path / name
        src.write_text(text, encoding="utf-8")
        docs += [nt for _, nt, _ in build.ntriples_of(src, iris)]
    lines = docs[1].splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if b"<http://www.w3.org/ns/oa#start>" in line)
    number = next(i for i, line in enumerate(lines) if b"/point/2> <" + MK.encode() + b"number>" in line)
    docs[1] = b"".join(line for i, line in enumerate(lines) if i not in (start, number))
    anchor = next(line for line in docs[4].splitlines() if b"> <" + MK.encode() + b"anchor> <" in line)
    docs[4] += anchor.replace(b"/anchor>", b"/anchor2>") + b"\n"
    for size in (1, 3, 6):
        for i in range(0, len(docs), size):
            batch = docs[i:i + size]
            assert validator.violations_nt(batch) == _plain(batch, validator.context)
    components = {v.component.rsplit("#", 1)[1] for v in validator.violations_nt(docs)}
    assert {"MinCountConstraintComponent", "MaxCountConstraintComponent", "SPARQLConstraintComponent"} <= components
