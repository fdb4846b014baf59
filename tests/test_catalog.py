"""graph/catalog.ttl: meets DCAT-AP.de 3.0 (every MUSS and SOLL of tests/link/dcat-ap-de-3.ttl,
no deprecated property), and every number in it is the one counted from the built files."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, RDF, SKOS, VOID, XSD

from mkgraph.publish import catalog
from mkgraph.rdf.iris import Iris
from mkgraph.rdf.namespaces import MK

ROOT = Path(__file__).resolve().parents[1]
SHAPES = ROOT / "tests" / "link" / "dcat-ap-de-3.ttl"
DS = URIRef("https://w3id.org/mkgraph/id/dataset/mkgraph")


@pytest.fixture(scope="module")
def cat() -> Graph:
    return Graph().parse(ROOT / "graph" / "catalog.ttl")


@pytest.fixture(scope="module")
def data() -> Graph:
    return Graph().parse(ROOT / "graph" / "dataset.nt")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES)


SH = "http://www.w3.org/ns/shacl#"
DCATDE_GEO = URIRef("http://dcat-ap.de/def/dcatde/politicalGeocodingURI")
SERVICE = URIRef(str(DS) + "/service/sparql")


def results(graph: Graph, shapes: Graph) -> list[tuple[str, str, str]]:
    """(severity, focus node, path) of every result, warnings included."""
    _, report, _ = validate(graph, shacl_graph=shapes)
    # top-level results only: pySHACL also reports why a value failed an sh:node (sh:detail)
    q = f"""SELECT ?sev ?focus ?path WHERE {{ ?r a <{SH}ValidationResult> ; <{SH}resultSeverity> ?sev ;
            <{SH}focusNode> ?focus . OPTIONAL {{ ?r <{SH}resultPath> ?path }}
            FILTER NOT EXISTS {{ ?up <{SH}detail> ?r }} }}"""
    return sorted((str(r[0]).rsplit("#", 1)[-1], str(r[1]), str(r[2])) for r in report.query(q))


def test_catalogue_meets_every_muss_and_soll_of_dcat_ap_de_3(cat, shapes):
    assert results(cat, shapes) == []


def test_the_data_service_needs_a_publisher(cat, shapes):
    # DCAT-AP.de 3.0 §8: DataService dcterms:publisher "Nutzung verpflichtend gemacht"
    broken = Graph() + cat
    broken.remove((SERVICE, DCTERMS.publisher, None))
    assert results(broken, shapes) == [("Violation", str(SERVICE), str(DCTERMS.publisher))]


def test_a_deprecated_property_and_a_missing_recommendation_warn(cat, shapes):
    broken = Graph() + cat
    broken.add((DS, DCATDE_GEO, URIRef("http://dcat-ap.de/def/politicalGeocoding/stateKey/01")))
    broken.remove((SERVICE, DCAT.endpointDescription, None))
    broken.remove((DS, DCTERMS.spatial, None))
    broken.add((DS, DCTERMS.spatial, URIRef("http://www.wikidata.org/entity/Q183")))  # not a §5 vocabulary
    assert results(broken, shapes) == sorted([
        ("Warning", str(DS), str(DCATDE_GEO)), ("Warning", str(DS), str(DCTERMS.spatial)),
        ("Warning", str(SERVICE), str(DCAT.endpointDescription))])


def test_recommended_properties_are_given(cat):
    catalog_iri = URIRef("https://w3id.org/mkgraph/id/catalog")
    assert cat.value(catalog_iri, DCTERMS.issued) == Literal("2026-11-25", datatype=XSD.date)
    assert cat.value(catalog_iri, DCTERMS.modified) == Literal("2017-03-17", datatype=XSD.date)  # newest session
    assert str(cat.value(catalog_iri, URIRef("http://xmlns.com/foaf/0.1/homepage"))) == "https://w3id.org/mkgraph/"
    assert {str(x).rsplit("/", 1)[-1] for x in cat.objects(catalog_iri, DCTERMS.language)} == {"DEU", "ENG"}
    contact = cat.value(DS, DCAT.contactPoint)
    assert cat.value(contact, URIRef("http://www.w3.org/2006/vcard/ns#hasURL")) is not None
    for dist in cat.objects(DS, DCAT.distribution):
        assert {d.language for d in cat.objects(dist, DCTERMS.description)} == {"de", "en"}
        assert cat.value(dist, URIRef("http://data.europa.eu/r5r/availability")) is not None
    assert cat.value(SERVICE, DCTERMS.publisher) == URIRef("https://w3id.org/mkgraph/id/agent/mkgraph")
    assert cat.value(SERVICE, DCAT.endpointDescription) == URIRef("https://w3id.org/mkgraph/sparql")


def test_the_shapes_catch_a_distribution_without_licence(cat, shapes):
    broken = Graph() + cat
    dist = URIRef(str(DS) + "/distribution/ttl")
    broken.remove((dist, DCTERMS.license, None))
    conforms, _, text = validate(broken, shacl_graph=shapes)
    assert not conforms and "license" in text


def test_no_blank_nodes(cat):
    assert not any(isinstance(t, BNode) for triple in cat for t in triple)


def test_one_distribution_per_export_with_its_size_and_media_type(cat):
    dists = sorted(cat.objects(DS, DCAT.distribution), key=str)
    assert len(dists) == 5
    media = set()
    for d in dists:
        url = str(cat.value(d, DCAT.downloadURL))
        name = url.rsplit("/", 1)[-1]
        assert int(cat.value(d, DCAT.byteSize)) == (ROOT / "graph" / name).stat().st_size
        media.add(str(cat.value(d, DCAT.mediaType)).rsplit("media-types/", 1)[-1])
    assert media == {"text/turtle", "application/n-triples", "application/ld+json",
                     "application/rdf+xml", "application/trig"}


def test_void_counts_are_the_datasets(cat, data):
    assert int(cat.value(DS, VOID.triples)) == len(data)
    assert int(cat.value(DS, VOID.classes)) == len(set(data.objects(None, RDF.type)))
    assert str(cat.value(DS, VOID.uriSpace)) == "https://w3id.org/mkgraph/id/"
    vocabs = {str(v) for v in cat.objects(DS, VOID.vocabulary)}
    assert {"https://w3id.org/mkgraph/ontology#", "http://data.europa.eu/eli/ontology#",
            "http://www.w3.org/2004/02/skos/core#", "http://www.w3.org/ns/oa#"} <= vocabs


def test_linksets_count_what_the_data_link(cat, data):
    def count(pred, space):
        return sum(1 for o in data.objects(None, pred) if str(o).startswith(space))

    got = {}
    for ls in cat.subjects(RDF.type, VOID.Linkset):
        target = cat.value(ls, VOID.objectsTarget)
        got[(str(target).rsplit("/", 1)[-1], cat.value(ls, VOID.linkPredicate))] = int(cat.value(ls, VOID.triples))
        assert cat.value(ls, VOID.subjectsTarget) == DS
        assert (DS, VOID.subset, ls) in cat
    assert got == {
        ("wikidata", OWL.sameAs): count(OWL.sameAs, "http://www.wikidata.org/entity/"),
        ("wikidata", SKOS.closeMatch): count(SKOS.closeMatch, "http://www.wikidata.org/entity/"),
        ("nuts", MK.nuts): 16,
        ("ags-state-key", MK.stateKey): 16,
        ("eurovoc", SKOS.closeMatch): count(SKOS.closeMatch, "http://eurovoc.europa.eu/"),
    }
    assert got[("wikidata", OWL.sameAs)] == 22  # 16 Länder + 6 countries
    assert got[("eurovoc", SKOS.closeMatch)] == 7


def test_coverage_and_conformance(cat):
    period = cat.value(DS, DCTERMS.temporal)
    assert cat.value(period, DCAT.startDate) == Literal("2017-03-16", datatype=XSD.date)
    assert cat.value(period, DCAT.endDate) == Literal("2017-03-17", datatype=XSD.date)
    assert not list(cat.objects(DS, DCATDE_GEO))  # deprecated in DCAT-AP.de 3.0
    assert set(cat.objects(DS, DCTERMS.spatial)) == {
        URIRef("http://publications.europa.eu/resource/authority/country/DEU"), URIRef("http://sws.geonames.org/2921044/")}
    assert URIRef("https://w3id.org/mkgraph/ontology") in set(cat.objects(DS, DCTERMS.conformsTo))
    svc = cat.value(predicate=DCAT.servesDataset, object=DS)
    assert (svc, RDF.type, DCAT.DataService) in cat


def test_counts_follow_the_data():
    """A smaller dataset gives smaller counts: nothing is typed in."""
    g = Graph()
    land = URIRef("https://w3id.org/mkgraph/id/land/DE-BW")
    g.add((land, RDF.type, MK.Land))
    g.add((land, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q985")))
    c = catalog.catalog_graph(g, Iris(), {"graph/dataset.nt": b"x" * 10})
    assert int(c.value(DS, VOID.triples)) == 2
    sets = list(c.subjects(RDF.type, VOID.Linkset))
    assert len(sets) == 1 and int(c.value(sets[0], VOID.triples)) == 1
    dist = c.value(DS, DCAT.distribution)
    assert int(c.value(dist, DCAT.byteSize)) == 10
    assert c.value(DS, DCTERMS.temporal) is None  # no session dates, no period
