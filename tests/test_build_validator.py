"""The build's validator (fastcheck behind build.Validator) reports what pySHACL reports,
and `mkgraph build` runs the one build from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF
from click.testing import CliRunner

from conftest import assemble_without
from mkgraph.rdf import assemble
from mkgraph.store import build as b
from mkgraph.cli import app
from mkgraph.rdf.iris import Iris
from mkgraph.rdf.namespaces import ELI, MK

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "sources" / "intmk-2017-top-2-1.txt"
IRIS = Iris()


@pytest.fixture(scope="module")
def seed() -> b.Resolution:
    return b.resolve(SEED, IRIS)[0]


def broken_graph(res: b.Resolution):
    """The seed with three faults: no title, a second date, a point without ordinal text."""
    g = res.graph + b.Graph()
    r = assemble.resolution_iri(res.document, IRIS)
    g.remove((r, ELI.title, None))
    g.add((r, ELI.date_document, Literal("kein Datum")))
    g.add((URIRef(str(r) + "/bogus"), RDF.type, MK.Resolution))
    return g


def _comparable(report):
    # pySHACL names a SPARQL constraint's blank node, fastcheck does not: compare the rest
    return sorted(tuple("" if v is None else v for v in
                        (x.focus, x.path, x.value, x.component, x.shape, x.message_en, x.message_de, x.label))
                  for x in report.results)


def test_seed_conforms_under_both_engines(seed):
    for engine in ("fast", "shacl"):
        report = b.Validator(IRIS, engine=engine)(seed.graph)
        assert report.conforms, engine


def test_fast_report_equals_the_pyshacl_report(seed):
    g = broken_graph(seed)
    fast = b.Validator(IRIS)(g)
    ref = b.Validator(IRIS, engine="shacl")(g)
    assert not fast.conforms and not ref.conforms
    assert len(fast.results) >= 3
    assert _comparable(fast) == _comparable(ref)
    # the report graph names every result with a stable IRI
    assert len(list(fast.graph.objects(None, b.URIRef("http://www.w3.org/ns/shacl#result")))) == len(fast.results)


@pytest.fixture
def untitled(monkeypatch):
    """Every assembled resolution loses its title: a graph the shapes must refuse."""
    assemble_without(monkeypatch, lambda r, s, p, o: (s, p) == (r, ELI.title))


def test_build_refuses_and_prints_a_human_report(tmp_path, untitled):
    r = CliRunner().invoke(app, ["build", "--source", str(SEED), "--out", str(tmp_path)])
    assert r.exit_code == 1
    assert "Does not conform" in r.stderr and "eli:title" in r.stderr
    assert "nothing was written" in r.stderr
    assert not (tmp_path / "graph").exists()


def test_build_on_the_command_line(tmp_path):
    run = CliRunner()
    r = run.invoke(app, ["build", "--jobs", "1", "--source", str(SEED), "--out", str(tmp_path), "--dumps"])
    assert r.exit_code == 0, r.output
    triples = sum(1 for line in (ROOT / "graph" / "dataset.nt").read_bytes().splitlines() if line.strip())
    assert f"1 resolution(s), 90 statements, {triples} triples; 1 source(s) extracted" in r.stdout
    # the same bytes as the committed files; --dumps adds the N-Quads of the store
    assert (tmp_path / "graph" / "dataset.nt").read_bytes() == (ROOT / "graph" / "dataset.nt").read_bytes()
    assert (tmp_path / "graph" / "dataset.nq").is_file() and (tmp_path / "graph" / "store").is_dir()
    again = run.invoke(app, ["build", "--source", str(SEED), "--out", str(tmp_path)])
    assert again.exit_code == 0 and "0 source(s) extracted" in again.stdout and "unchanged" in again.stdout
    assert "wrote 0 file(s) (all current)" in again.stdout


def test_build_names_the_source_that_does_not_conform(tmp_path, untitled):
    r = CliRunner().invoke(app, ["build", "--source", str(SEED), "--out", str(tmp_path)])
    assert r.exit_code == 1
    assert "intmk-2017-top-2-1.txt:" in r.stderr and "eli:title" in r.stderr
    # the report names the resolution by its label, as pySHACL's report does
    assert "Beschluss" in r.stderr or "IntMK" in r.stderr
    assert not (tmp_path / "graph").exists()  # no store, no state, no dump


@pytest.mark.parametrize("args", [["--jobs", "0"], ["--check", "--dumps"], ["--source", "no-such.txt"]])
def test_build_bad_parameters_exit_2(args, tmp_path):
    r = CliRunner().invoke(app, ["build", *args, "--out", str(tmp_path)])
    assert r.exit_code == 2
    assert r.stderr.startswith("mkgraph: ") and len(r.stderr.strip().splitlines()) == 1
