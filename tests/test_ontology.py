"""The generated OWL ontology: complete against docs/model.md, checked, deterministic."""

from __future__ import annotations

import copy
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from mkgraph.rdf import ontology
from mkgraph.errors import InputError
from mkgraph.rdf.iris import Iris
from mkgraph.rdf.namespaces import ELI, ELI_DL, MK, ORG, PROV

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "docs" / "model.md"
STATEMENT_CLASSES = ("Demand", "Appeal", "Offer", "Commitment", "Acknowledgement",
                     "Thanks", "Criticism", "Goal", "Finding")


@pytest.fixture(scope="module")
def onto() -> Graph:
    return ontology.ontology_graph()


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return ontology.ontology_files()


def model_terms() -> set[str]:
    """Local names of every mk: term docs/model.md uses, minus those it says are not used."""
    text = MODEL.read_text(encoding="utf-8")
    used = set(re.findall(r"\bmk:([A-Za-z][A-Za-z0-9]*)", text))
    unused = set(re.findall(r"`mk:([A-Za-z][A-Za-z0-9]*)` is NOT used", text))
    return used - unused


def test_model_md_yields_the_terms_we_expect():
    # guards the parser: if it found nothing, the next test would pass vacuously
    terms = model_terms()
    assert {"Resolution", "Demand", "speaker", "addressee", "iso3166", "sha256"} <= terms
    assert "quote" not in terms  # model.md: "`mk:quote` is NOT used"


def test_every_model_term_is_declared_with_labels_and_definitions(onto):
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}
    for name in sorted(model_terms() | set(STATEMENT_CLASSES)):
        term = MK[name]
        assert set(onto.objects(term, RDF.type)) & kinds, f"mk:{name} not declared"
        for pred in (RDFS.label, SKOS.definition):
            langs = sorted(o.language for o in onto.objects(term, pred))
            assert langs == ["de", "en"], f"mk:{name} {pred}: {langs}"
        assert onto.value(term, SKOS.example) is not None, f"mk:{name} has no example"


def test_header(onto):
    head = URIRef("https://w3id.org/mkgraph/ontology")
    assert (head, RDF.type, OWL.Ontology) in onto
    assert onto.value(head, OWL.versionIRI) == URIRef("https://w3id.org/mkgraph/ontology/0.1.0")
    assert onto.value(head, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert onto.value(head, DCTERMS.creator) is not None
    assert {t.language for t in onto.objects(head, DCTERMS.title)} == {"de", "en"}
    assert ontology.check_ontology(onto) == []


@pytest.mark.parametrize("sub, sup", [
    (MK.Resolution, ELI.LegalResource),
    (MK.Part, ELI.LegalResourceSubdivision),
    (MK.Paragraph, ELI.LegalResourceSubdivision),
    (MK.Sentence, ELI.LegalResourceSubdivision),
    (MK.Point, MK.Part),
    (MK.Actor, ORG.Organization),
    (MK.Land, MK.Actor),
    (MK.Conference, MK.Actor),
    (MK.Session, ELI_DL.Activity),
    (MK.Statement, PROV.Entity),
    (MK.SourceText, PROV.Entity),
])
def test_alignments(onto, sub, sup):
    assert (sub, RDFS.subClassOf, sup) in onto


def test_statement_classes_name_their_kind(onto):
    iris = Iris()
    assert ontology.statement_classes() == {c.lower(): MK[c] for c in STATEMENT_CLASSES}
    for cls in STATEMENT_CLASSES:
        assert (MK[cls], RDFS.subClassOf, MK.Statement) in onto
        assert onto.value(MK[cls], RDFS.seeAlso) == iris.concept("statement-kind", cls.lower())


def test_property_characteristics(onto):
    assert (MK.speaker, RDF.type, OWL.FunctionalProperty) in onto
    assert (MK.addressee, RDF.type, OWL.FunctionalProperty) not in onto  # 0..n addressees
    assert (MK.speaker, RDFS.range, MK.Actor) in onto
    assert (MK.sessionNumber, RDF.type, OWL.DatatypeProperty) in onto
    assert (MK.stateKey, RDF.type, OWL.ObjectProperty) in onto


def _broken_term_graph(onto: Graph) -> Graph:
    g = Graph()
    for triple in onto:
        g.add(triple)
    g.remove((MK.Demand, RDFS.label, Literal("Demand", lang="en")))
    return g


def test_check_reports_missing_english_label(onto):
    problems = ontology.check_ontology(_broken_term_graph(onto))
    assert problems == ["mk:Demand: no rdfs:label in English (@en)"]


def test_check_reports_undeclared_term_in_alignment(onto):
    g = _broken_term_graph(onto)
    g.add((MK.Demand, RDFS.subClassOf, MK.Request))
    assert "mk:Request: used but not declared" in ontology.check_ontology(g)


def test_check_reports_bad_ranges_and_header(onto):
    g = Graph()
    for triple in onto:
        g.add(triple)
    g.remove((None, OWL.versionIRI, None))
    g.add((MK.ags, RDFS.range, MK.Land))
    problems = ontology.check_ontology(g)
    assert "ontology header: no owl:versionIRI" in problems
    assert "mk:ags: datatype property with non-literal range mk:Land" in problems


def test_files_refuse_a_broken_table(monkeypatch, tmp_path):
    broken = copy.deepcopy(ontology.load_terms())
    del broken["terms"]["Offer"]["label_en"]
    monkeypatch.setattr(ontology, "load_terms", lambda path=None: broken)
    with pytest.raises(InputError) as err:
        ontology.write_ontology(tmp_path / "ontology")
    assert err.value.where == "tables/terms.yaml"
    assert "mk:Offer: no rdfs:label in English" in err.value.what
    assert not (tmp_path / "ontology").exists()


def test_unknown_prefix_is_refused():
    with pytest.raises(InputError, match="tables/terms.yaml"):
        ontology.expand("foo:Bar")


def test_files_are_byte_identical_over_two_calls(files):
    assert files == ontology.ontology_files()
    assert sorted(files) == ["actors.ttl", "mkgraph.ttl", "schemes.ttl"]


def test_files_are_byte_identical_across_processes(files):
    # set iteration order changes with the hash seed; the output must not
    code = ("import sys, mkgraph.rdf.ontology as o; "
            "sys.stdout.buffer.write(o.ontology_files()['schemes.ttl'])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True,
                         env={"PYTHONHASHSEED": "12345", "PATH": ""}).stdout
    assert out == files["schemes.ttl"]


def test_files_parse_back_to_the_same_graphs(files):
    g = Graph().parse(data=files["mkgraph.ttl"], format="turtle")
    assert isomorphic(g, ontology.ontology_graph())


def test_committed_ontology_folder_is_current(files):
    for name, data in files.items():
        path = ROOT / "ontology" / name
        assert path.read_bytes() == data, f"ontology/{name} is stale: regenerate with write_ontology"


def test_base_changes_resource_iris_not_terms():
    other = ontology.ontology_files("https://example.org/kg/")
    assert b"https://example.org/kg/id/concept/statement-kind/demand" in other["mkgraph.ttl"]
    assert b"https://w3id.org/mkgraph/id/" not in other["actors.ttl"]
    g = Graph().parse(data=other["mkgraph.ttl"], format="turtle")
    assert (MK.Demand, RDFS.subClassOf, MK.Statement) in g
