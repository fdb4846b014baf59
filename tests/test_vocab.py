"""SKOS schemes, actors, Länder and countries built from the tables."""

from __future__ import annotations

import csv
import re
import shutil

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from mkgraph.rdf import vocab
from mkgraph.errors import InputError
from mkgraph.rdf.iris import Iris
from mkgraph.rdf.namespaces import MK, ORG, WD
from mkgraph.rdf.ontology import check_vocabulary, ontology_graph
from mkgraph.resources import tables

IRIS = Iris()

EXPECTED = {
    "action-field": {"language", "training-and-work", "municipalities", "housing",
                     "civic-engagement", "political-education"},
    "statement-kind": {"demand", "appeal", "offer", "commitment", "acknowledgement",
                       "thanks", "criticism", "goal", "finding"},
    "document-type": {"leitantrag", "antrag", "beschlussvorschlag", "bericht", "beschluss",
                      "entschliessung", "stellungnahme"},
    "vote-outcome": {"unanimous", "majority", "unknown"},
    "target-group": {"refugees", "asylum-seekers", "asylum-seekers-safe-countries",
                     "tolerated-persons", "migrants", "women-and-girls", "young-people",
                     "children", "teachers", "volunteers", "resident-population",
                     "people-with-labour-market-access", "employers"},
    "instrument": {"integration-course", "language-course", "gesamtprogramm-sprache",
                   "integrationsgesetz", "vorrangpruefung", "three-plus-two-rule",
                   "housing-promotion", "recognition-of-qualifications", "grundgesetz"},
}
ACTOR_KEYS = {"bund", "bundesregierung", "bmi", "bmas", "bmg", "bmbf", "bmfsfj", "laender",
              "kommunen", "landkreise", "staat", "zivilgesellschaft", "buergerinnen-und-buerger",
              "bevoelkerung", "aufnahmegesellschaft", "gefluechtete", "arbeitgeber",
              "arbeitsmarktakteure", "kurstraeger", "politik", "unternehmen", "behoerden"}


@pytest.fixture(scope="module")
def schemes() -> Graph:
    return vocab.schemes_graph(IRIS)


@pytest.fixture(scope="module")
def actors() -> Graph:
    return vocab.actors_graph(IRIS)


def _langs(g, s, p):
    return sorted(o.language for o in g.objects(s, p))


@pytest.mark.parametrize("scheme", sorted(EXPECTED))
def test_scheme_has_exactly_the_expected_concepts(schemes, scheme):
    s = IRIS.scheme(scheme)
    assert (s, RDF.type, SKOS.ConceptScheme) in schemes
    members = set(schemes.subjects(SKOS.inScheme, s))
    assert {str(schemes.value(c, SKOS.notation)) for c in members} == EXPECTED[scheme]
    for c in members:
        notation = str(schemes.value(c, SKOS.notation))
        assert c == IRIS.concept(scheme, notation)
        assert _langs(schemes, c, SKOS.prefLabel) == ["de", "en"], c
        assert _langs(schemes, c, SKOS.definition) == ["de", "en"], c
        # top concepts: all but the narrower ones (target groups: Geflüchtete ⊃ Asylbewerber …)
        assert ((c, SKOS.topConceptOf, s) in schemes) == (schemes.value(c, SKOS.broader) is None), c


def test_statement_kinds_point_to_declared_classes(schemes):
    onto = ontology_graph(IRIS)
    for c in schemes.subjects(SKOS.inScheme, IRIS.scheme("statement-kind")):
        cls = schemes.value(c, RDFS.seeAlso)
        assert (cls, RDFS.subClassOf, MK.Statement) in onto, c


def test_eurovoc_links_are_only_well_formed_and_sourced():
    for row in vocab.concepts("action-field"):
        for target in filter(None, row["close_match"].split("|")):
            assert re.fullmatch(r"http://eurovoc\.europa\.eu/\d+", target)
        assert row["match_source"], f"{row['notation']}: say where the link (or its absence) comes from"


def test_sixteen_laender_with_identifiers(actors):
    lands = sorted(actors.subjects(RDF.type, MK.Land))
    assert len(lands) == 16
    for land in lands:
        iso = str(actors.value(land, MK.iso3166))
        ags = str(actors.value(land, MK.ags))
        assert re.fullmatch(r"DE-[A-Z]{2}", iso) and land == IRIS.land(iso)
        assert re.fullmatch(r"\d{2}", ags)
        assert actors.value(land, MK.stateKey) == URIRef(
            f"http://dcat-ap.de/def/politicalGeocoding/stateKey/{ags}")
        assert str(actors.value(land, MK.nuts)).startswith("http://data.europa.eu/nuts/code/DE")
        same = list(actors.objects(land, OWL.sameAs))
        assert len(same) == 1 and str(same[0]).startswith(str(WD)), land
        assert _langs(actors, land, SKOS.prefLabel) == ["de", "en"]
    bw = IRIS.land("DE-BW")
    assert actors.value(bw, OWL.sameAs) == WD.Q985 and str(actors.value(bw, MK.ags)) == "08"


def test_no_wikidata_id_used_twice_as_same_as(actors):
    targets = [o for o in actors.objects(None, OWL.sameAs)]
    assert len(targets) == 16 + 6
    assert len(set(targets)) == len(targets)


def test_bund_is_close_to_germany_but_not_the_same(actors):
    bund = IRIS.actor("bund")
    assert (bund, SKOS.closeMatch, WD.Q183) in actors
    assert actors.value(bund, OWL.sameAs) is None
    assert (IRIS.country("DE"), OWL.sameAs, WD.Q183) in actors


def test_actors_and_their_organisation(actors):
    keys = {str(a).rsplit("/", 1)[1] for a in actors.subjects(RDF.type, MK.Actor)
            if "/actor/" in str(a)}
    assert keys >= ACTOR_KEYS  # the seed needs these; ingest adds more
    for key in ("bundesregierung", "bmi", "bmas", "bmg", "bmbf", "bmfsfj"):
        assert (IRIS.actor(key), ORG.subOrganizationOf, IRIS.actor("bund")) in actors
    members = set(actors.objects(IRIS.actor("laender"), ORG.hasMember))
    assert members == set(actors.subjects(RDF.type, MK.Land))
    assert str(actors.value(IRIS.actor("bmi"), SKOS.prefLabel)) in {
        "Bundesministerium des Innern", "Federal Ministry of the Interior"}
    for actor in actors.subjects(RDF.type, MK.Actor):
        assert (actor, RDF.type, ORG.Organization) in actors


def test_countries(actors):
    expected = {"SY": WD.Q858, "IR": WD.Q794, "IQ": WD.Q796, "ER": WD.Q986,
                "SO": WD.Q1045, "DE": WD.Q183}
    for iso2, q in expected.items():
        c = IRIS.country(iso2)
        assert (c, RDF.type, MK.Country) in actors
        assert actors.value(c, OWL.sameAs) == q
        assert str(actors.value(c, MK.iso3166)) == iso2
    assert len(set(actors.subjects(RDF.type, MK.Country))) == 6


def test_graphs_pass_the_vocabulary_check(schemes, actors):
    assert check_vocabulary(schemes) == []
    assert check_vocabulary(actors) == []


def test_other_base():
    g = vocab.actors_graph(Iris("https://example.org/kg/"))
    assert (URIRef("https://example.org/kg/id/land/DE-BY"), RDF.type, MK.Land) in g


def test_loaders_return_copies():
    rows = vocab.laender()
    rows[0]["iso"] = "XX"
    assert vocab.laender()[0]["iso"] != "XX"
    assert {r["key"] for r in vocab.actors()} >= ACTOR_KEYS


@pytest.fixture
def table_copy(tmp_path, monkeypatch):
    """A writable copy of the tables, used instead of the packaged ones."""
    shutil.copytree(tables(), tmp_path / "tables")
    monkeypatch.setattr(vocab, "tables", lambda: tmp_path / "tables")
    vocab.clear_caches()
    yield tmp_path / "tables"
    vocab.clear_caches()


def test_duplicate_notation_is_named(table_copy):
    path = table_copy / "concepts" / "vote-outcome.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines + [lines[1]]) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        vocab.concepts("vote-outcome")
    assert err.value.where == "tables/concepts/vote-outcome.csv"
    assert "'unanimous' appears twice" in err.value.what


def test_malformed_match_link_is_refused(table_copy):
    path = table_copy / "concepts" / "action-field.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    rows[0]["close_match"] = "eurovoc:123"  # a CURIE nobody can dereference
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(InputError, match="is not a EuroVoc or Wikidata IRI"):
        vocab.concepts("action-field")


def test_bad_land_row_is_named(table_copy):
    path = table_copy / "laender.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("DE-BW,08,", "DE-BW,8,"),
                    encoding="utf-8")
    with pytest.raises(InputError) as err:
        vocab.laender()
    assert err.value.where == "tables/laender.csv" and "DE-BW" in err.value.what


def test_unknown_scheme_is_refused():
    with pytest.raises(InputError) as err:
        vocab.concepts("colours")
    assert err.value.where == "scheme"


def test_target_groups_form_a_hierarchy(schemes):
    """Geflüchtete ⊃ Asylbewerber, Geduldete (skos:broader/narrower), and only those."""
    def concept(n):
        return IRIS.concept("target-group", n)

    assert set(schemes.objects(concept("refugees"), SKOS.narrower)) == {concept("asylum-seekers"),
                                                                     concept("tolerated-persons")}
    assert schemes.value(concept("asylum-seekers-safe-countries"), SKOS.broader) == concept("asylum-seekers")
    assert schemes.value(concept("refugees"), SKOS.broader) is None
