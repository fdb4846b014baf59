"""Tallies (mkgraph.rdf.tally): the counting queries read counts kept at build time, and
give exactly the rows the raw counting formulations (tests/oracles/*.rq, the queries as
they were before issue #8) give, over the whole record and per resolution: on the seed,
on every ingest corpus text and on a small generated record, all merged into one
dataset built as the exporting build builds it."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from mkgraph.rdf import assemble, tally
from mkgraph.store import build
from mkgraph.publish import export, link
from mkgraph.api import run_query
from mkgraph.rdf.iris import Iris
from conftest import bench_module

ROOT = Path(__file__).resolve().parents[1]
ORACLES = Path(__file__).parent / "oracles"
COUNTING = ("actors", "demands-by-addressee", "demands-by-addressee-and-field", "statements-by-field", "concerned")
R = "https://w3id.org/mkgraph/id/resolution/intmk/2017/top-2.1"


def _corpus():
    mod = bench_module("corpus")
    return mod


def _dataset(resolutions, iris: Iris) -> Graph:
    """What the build puts into graph/dataset.nt: the resolutions, the vocabulary, and the
    whole record's tallies (the sum of the resolutions' own)."""
    from mkgraph.rdf import assemble

    g = Graph()
    for r in resolutions:
        g += r.graph
    record = assemble.to_graph(tally.triples(tally.total(r.counts for r in resolutions), iris.dataset(), iris))
    g += build.shared_graph(iris) + link.links_graph(iris) + record
    return g


@pytest.fixture(scope="module")
def merged(tmp_path_factory):
    """The seed, every ingest corpus text and five generated texts as one record: the
    dataset file, the file of each resolution's own graph (with the vocabulary), and the
    resolutions."""
    tmp = tmp_path_factory.mktemp("tally")
    gen = tmp / "generated"
    gen.mkdir()
    for name, text in _corpus().generate(5):
        (gen / name).write_text(text, encoding="utf-8")
    sources = build.discover() + sorted(p for p in (ROOT / "tests" / "ingest").glob("*.txt") if not p.name.startswith("not-a-resolution")) + sorted(gen.glob("*.txt"))
    iris = Iris()
    resolutions = [res for src in sources for res in build.resolve(src, iris)]
    keys = [str(assemble.resolution_iri(r.document, iris)) for r in resolutions]
    assert len(set(keys)) == len(keys) > 20
    data = tmp / "merged.nt"
    data.write_bytes(export.to_ntriples(_dataset(resolutions, iris)))
    vocabulary = build.shared_graph(iris) + link.links_graph(iris)
    alone = {}
    for key, r in zip(keys, resolutions):
        alone[key] = tmp / f"alone-{len(alone)}.nt"
        alone[key].write_bytes(export.to_ntriples(r.graph + vocabulary))
    return data, alone


@pytest.mark.parametrize("name", COUNTING)
def test_whole_record_equals_the_raw_count(name, merged):
    data, _ = merged
    kept = run_query(name, data=[data])
    raw = run_query(str(ORACLES / f"{name}.rq"), data=[data])
    assert kept.columns == raw.columns
    assert kept.rows == raw.rows
    # real counts, summed (concerned ends in the citation: its count is the fourth column)
    assert len(kept.rows) > 10 and any(r[3 if name == "concerned" else -1] > 5 for r in kept.rows)


@pytest.mark.parametrize("name", COUNTING)
def test_each_resolution_equals_the_raw_count_of_its_own_graph(name, merged):
    data, alone = merged
    counted = 0
    for key, own in alone.items():
        kept = run_query(name, data=[data], resolution=key).rows
        counted += bool(kept)
        raw = run_query(str(ORACLES / f"{name}.rq"), data=[own]).rows
        if name == "actors":  # every actor of the record is listed; the oracle saw one resolution's
            listed = {r[0] for r in raw}
            assert [r for r in kept if r[0] in listed] == list(raw), key
            assert all(r[2:] == (0, 0, 0) for r in kept if r[0] not in listed), key
        else:
            # some resolutions have no action-field sections, or name no target group or instrument
            assert kept == raw and (kept or name in ("statements-by-field", "concerned")), key
    assert counted >= 5  # and some do


@pytest.mark.parametrize("name", COUNTING)
def test_seed_equals_the_raw_count(name, seed_graph):
    assert run_query(name, data=[seed_graph]).rows == run_query(str(ORACLES / f"{name}.rq"), data=[seed_graph]).rows
    if name != "actors":  # the oracle of actors has no resolution parameter
        assert run_query(name, data=[seed_graph], resolution=R).rows == \
            run_query(str(ORACLES / f"{name}.rq"), data=[seed_graph], resolution=R).rows


def test_an_unknown_scope_has_no_counts(seed_graph):
    assert run_query("demands-by-addressee", data=[seed_graph], resolution=R + "-nowhere").rows == ()
    rows = run_query("actors", data=[seed_graph], resolution=R + "-nowhere").records()
    assert rows and all(r["speaks"] == r["addressed"] == r["applies"] == 0 for r in rows)


# -- the arithmetic ---------------------------------------------------------------------
A, B = "https://w3id.org/mkgraph/id/actor/bund", "https://w3id.org/mkgraph/id/land/DE-BW"
K = "https://w3id.org/mkgraph/id/concept/statement-kind/demand"
F = "https://w3id.org/mkgraph/id/concept/action-field/language"
C = "https://w3id.org/mkgraph/id/concept/target-group/migrants"


def test_add_sums_every_cell_and_keeps_both_inputs():
    tg = "https://w3id.org/mkgraph/ontology#targetGroup"
    one = {"actors": {A: [1, 2, 0]}, "addressees": {A: {F: {K: 2}}}, "fields": {"a": {F: {K: 3}}},
           "concerned": {tg: {C: [2, ["point 10", "field a"]]}}}
    two = {"actors": {A: [0, 1, 1], B: [0, 0, 1]}, "addressees": {A: {"": {K: 1}, F: {K: 1}}},
           "fields": {"a": {"": {K: 1}}}, "concerned": {tg: {C: [1, ["point 2", "field a"]]}}}
    got = tally.add(one, two)
    assert got == {"actors": {A: [1, 3, 1], B: [0, 0, 1]}, "addressees": {A: {"": {K: 1}, F: {K: 3}}},
                   "fields": {"a": {"": {K: 1}, F: {K: 3}}},
                   # statements add up; the places are the union, points (by number) before fields
                   "concerned": {tg: {C: [3, ["point 2", "point 10", "field a"]]}}}
    assert one["actors"][A] == [1, 2, 0] and one["concerned"][tg][C] == [2, ["point 10", "field a"]]  # not changed
    assert tally.total([one, two, one])["addressees"][A][F][K] == 5
    assert tally.total([]) == tally.empty()


def test_applies_counts_each_applicant_once_per_resolution():
    res = URIRef(R)
    from mkgraph.rdf.namespaces import MK

    triples = [(res, MK.applicant, URIRef(B))] * 3  # repeated: a graph holds it once
    assert tally.of_resolution(triples)["actors"] == {B: [0, 0, 1]}
    assert tally.total([tally.of_resolution(triples)] * 4)["actors"][B] == [0, 0, 4]


def test_observations_are_iris_under_the_scope_and_read_back(seed_graph):
    iris = Iris()
    doc, statements = build.extracted(build.discover()[0])[0]
    triples = assemble.resolution_triples(doc, statements, iris)
    counts = tally.of_resolution(triples)
    obs = {s for s, _, _ in triples if "/tally/" in str(s)}
    assert obs and all(str(s).startswith(R + "/tally/") for s in obs)
    assert len(obs) == len(counts["actors"]) + sum(
        len(c) for key in ("addressees", "fields") for row in counts[key].values() for c in row.values()) + sum(
        map(len, counts["concerned"].values()))
    assert counts["concerned"] and counts["addressees"]
    from mkgraph.rdf import ntriples

    nt = ntriples.document(triples)
    assert tally.of_ntriples(nt, R) == counts
    # the whole record's lines, from the counts alone, are the exporting build's
    whole = tally.record_ntriples([counts], iris)
    committed = set(seed_graph.read_bytes().splitlines())
    lines = whole.splitlines()
    assert lines and all(line in committed for line in lines)
    assert len([ln for ln in committed if b"/id/dataset/mkgraph/tally/" in ln.split(b" ")[0]]) == len(lines)


def test_counted_ntriples_are_the_record_builds_bytes_with_their_counts():
    from mkgraph.publish import export

    iris = Iris()
    src = build.discover()[0]
    ((iri, nt, counts),) = build.ntriples_of(src, iris)
    assert [nt] == [export.to_ntriples(r.graph) for r in build.resolve(src, iris)]
    assert counts == tally.of_ntriples(nt, iri) and counts["actors"]
    import json

    assert json.loads(json.dumps(counts)) == counts  # cacheable as JSON
