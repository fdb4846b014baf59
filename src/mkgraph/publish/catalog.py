"""graph/catalog.ttl: DCAT 3 / DCAT-AP.de catalogue and VoID description of the dataset.

Everything that can be counted is counted from the built graph and the built files
(triples, classes, linksets, byte sizes); dates come from the data (the sessions'
dates), never from the clock, so the catalogue is as reproducible as the graph.
Every node has an IRI under the dataset's IRI (no blank nodes, docs/model.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, SKOS, VOID, XSD

from mkgraph.rdf.iris import Iris
from mkgraph.rdf.namespaces import DCATDE, MK, NUTS, STATE_KEY, WD, bind_prefixes

ONTOLOGY = URIRef("https://w3id.org/mkgraph/ontology")
DATA_THEME = Namespace("http://publications.europa.eu/resource/authority/data-theme/")
FILE_TYPE = Namespace("http://publications.europa.eu/resource/authority/file-type/")
COUNTRY = Namespace("http://publications.europa.eu/resource/authority/country/")
IANA = "https://www.iana.org/assignments/media-types/"
GEO_LEVEL = URIRef("http://dcat-ap.de/def/politicalGeocodingLevel/federal")
# DCAT-AP.de's licence vocabulary; the data are CC BY 4.0 like the ontology (ontology/mkgraph.ttl)
LICENSE = URIRef("http://dcat-ap.de/def/licenses/cc-by/4.0")
SPARQL_PROTOCOL = URIRef("https://www.w3.org/TR/sparql11-protocol/")

# export file -> (EU file type, media type)
DIST_FORMATS = {
    "dataset.ttl": ("RDF_TURTLE", "text/turtle"),
    "dataset.nt": ("RDF_N_TRIPLES", "application/n-triples"),
    "dataset.jsonld": ("JSON_LD", "application/ld+json"),
    "dataset.rdf": ("RDF_XML", "application/rdf+xml"),
    "dataset.trig": ("RDF_TRIG", "application/trig"),
}


@dataclass(frozen=True)
class Target:
    """An external dataset we link to, recognised by the IRIs its identifiers start with."""

    key: str
    title: str
    uri_space: str
    homepage: str


TARGETS = (
    Target("wikidata", "Wikidata", str(WD), "https://www.wikidata.org/"),
    Target("nuts", "NUTS (Eurostat, EU Publications Office)", str(NUTS), "https://ec.europa.eu/eurostat/web/nuts"),
    Target("ags-state-key", "DCAT-AP.de political geocoding: state keys (AGS)", str(STATE_KEY),
           "https://www.dcat-ap.de/def/politicalGeocoding/stateKey/"),
    Target("eurovoc", "EuroVoc", "http://eurovoc.europa.eu/", "https://op.europa.eu/en/web/eu-vocabularies"),
    Target("eli", "European Legislation Identifier (ELI)", "http://data.europa.eu/eli/",
           "https://eur-lex.europa.eu/eli-register/about.html"),
)
LINK_PREDICATES = (OWL.sameAs, SKOS.exactMatch, SKOS.closeMatch, MK.nuts, MK.stateKey)


def _local(iri: URIRef) -> str:
    return str(iri).rstrip("/#").replace("#", "/").rsplit("/", 1)[-1]


def linksets(dataset: Graph) -> list[tuple[Target, URIRef, int]]:
    """(target, link predicate, number of links) for every pair that occurs, sorted."""
    counts: dict[tuple[str, URIRef], int] = {}
    for p in LINK_PREDICATES:
        for _, o in dataset.subject_objects(p):
            for t in TARGETS:
                if isinstance(o, URIRef) and str(o).startswith(t.uri_space):
                    counts[(t.key, p)] = counts.get((t.key, p), 0) + 1
    by_key = {t.key: t for t in TARGETS}
    return [(by_key[k], p, n) for (k, p), n in sorted(counts.items(), key=lambda kv: (kv[0][0], str(kv[0][1])))]


def vocabularies(dataset: Graph) -> list[URIRef]:
    """Namespaces of the predicates and classes the data use."""
    used = {p for p in dataset.predicates()} | set(dataset.objects(None, RDF.type))
    out = set()
    for iri in used:
        s = str(iri)
        cut = max(s.rfind("#"), s.rfind("/")) + 1
        out.add(URIRef(s[:cut]))
    return sorted(out, key=str)


def _period(dataset: Graph) -> tuple[Literal, Literal] | None:
    starts = sorted(str(o) for o in dataset.objects(None, MK.startDate))
    ends = sorted(str(o) for o in dataset.objects(None, MK.endDate))
    if not starts:
        return None
    return Literal(starts[0], datatype=XSD.date), Literal((ends or starts)[-1], datatype=XSD.date)


def catalog_graph(dataset: Graph, iris: Iris, files: dict[str, bytes]) -> Graph:
    """The catalogue of ``dataset``; ``files`` are the built files (for byte sizes)."""
    g = bind_prefixes(Graph())
    g.bind("foaf", FOAF)
    base = iris.base
    ds = iris.dataset()
    cat = URIRef(base + "id/catalog")
    publisher = URIRef(base + "id/agent/mkgraph")
    service = URIRef(str(ds) + "/service/sparql")

    g.add((publisher, RDF.type, FOAF.Agent))
    g.add((publisher, FOAF.name, Literal("mkgraph contributors")))

    g.add((cat, RDF.type, DCAT.Catalog))
    g.add((cat, DCTERMS.title, Literal("mkgraph-Katalog", lang="de")))
    g.add((cat, DCTERMS.title, Literal("mkgraph catalogue", lang="en")))
    g.add((cat, DCTERMS.description, Literal(
        "Katalog der Beschlüsse deutscher Fachministerkonferenzen als Linked Data.", lang="de")))
    g.add((cat, DCTERMS.description, Literal(
        "Catalogue of the resolutions of German minister conferences as linked data.", lang="en")))
    g.add((cat, DCTERMS.publisher, publisher))
    g.add((cat, DCTERMS.license, LICENSE))
    g.add((cat, DCAT.dataset, ds))
    g.add((cat, DCAT.service, service))

    g.add((ds, RDF.type, DCAT.Dataset))
    g.add((ds, RDF.type, VOID.Dataset))
    n_res = len(set(dataset.subjects(RDF.type, MK.Resolution)))
    g.add((ds, DCTERMS.title, Literal("mkgraph: Beschlüsse von Fachministerkonferenzen", lang="de")))
    g.add((ds, DCTERMS.title, Literal("mkgraph: resolutions of German minister conferences", lang="en")))
    g.add((ds, DCTERMS.description, Literal(
        f"{n_res} Beschluss/Beschlüsse deutscher Fachministerkonferenzen als Wissensgraph: Gliederung, "
        "Aussagen (Forderungen, Angebote, Zusagen …) mit Sprecher, Adressat, Handlungsfeld und "
        "Textanker im Originaltext.", lang="de")))
    g.add((ds, DCTERMS.description, Literal(
        f"{n_res} resolution(s) of German minister conferences as a knowledge graph: structure, "
        "statements (demands, offers, commitments …) with speaker, addressee, action field and an "
        "anchor in the original text.", lang="en")))
    g.add((ds, DCTERMS.publisher, publisher))
    g.add((ds, DCTERMS.license, LICENSE))
    for theme in ("GOVE", "SOCI"):
        g.add((ds, DCAT.theme, DATA_THEME[theme]))
    for kw in ("Integration", "Fachministerkonferenz", "Beschluss", "Föderalismus"):
        g.add((ds, DCAT.keyword, Literal(kw, lang="de")))
    g.add((ds, DCTERMS.conformsTo, ONTOLOGY))
    g.add((ds, DCTERMS.conformsTo, URIRef(base + "shapes/")))
    g.add((ds, DCTERMS.spatial, COUNTRY.DEU))
    g.add((ds, DCTERMS.spatial, WD.Q183))
    g.add((ds, DCATDE.politicalGeocodingLevelURI, GEO_LEVEL))
    for key in sorted(set(dataset.objects(None, MK.stateKey)), key=str):
        g.add((ds, DCATDE.politicalGeocodingURI, key))
    period = _period(dataset)
    if period:
        node = URIRef(str(ds) + "/temporal")
        g.add((ds, DCTERMS.temporal, node))
        g.add((node, RDF.type, DCTERMS.PeriodOfTime))
        g.add((node, DCAT.startDate, period[0]))
        g.add((node, DCAT.endDate, period[1]))

    for name, (ftype, media) in sorted(DIST_FORMATS.items()):
        if f"graph/{name}" not in files:
            continue
        dist = URIRef(f"{ds}/distribution/{name.rsplit('.', 1)[1]}")
        url = URIRef(base + "download/" + name)
        g.add((ds, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(f"mkgraph ({name})", lang="en")))
        g.add((dist, DCAT.accessURL, url))
        g.add((dist, DCAT.downloadURL, url))
        g.add((dist, DCAT.mediaType, URIRef(IANA + media)))
        g.add((dist, DCTERMS["format"], FILE_TYPE[ftype]))
        g.add((dist, DCTERMS.license, LICENSE))
        g.add((dist, DCAT.byteSize, Literal(len(files[f"graph/{name}"]), datatype=XSD.nonNegativeInteger)))
        g.add((ds, VOID.dataDump, url))

    g.add((service, RDF.type, DCAT.DataService))
    g.add((service, DCTERMS.title, Literal("mkgraph SPARQL endpoint", lang="en")))
    g.add((service, DCAT.endpointURL, URIRef(base + "sparql")))
    g.add((service, DCTERMS.conformsTo, SPARQL_PROTOCOL))
    g.add((service, DCAT.servesDataset, ds))
    g.add((service, DCTERMS.license, LICENSE))
    g.add((ds, VOID.sparqlEndpoint, URIRef(base + "sparql")))

    # VoID statistics
    g.add((ds, VOID.triples, Literal(len(dataset))))
    g.add((ds, VOID.distinctSubjects, Literal(len(set(dataset.subjects())))))
    g.add((ds, VOID.properties, Literal(len(set(dataset.predicates())))))
    g.add((ds, VOID.classes, Literal(len(set(dataset.objects(None, RDF.type))))))
    g.add((ds, VOID.uriSpace, Literal(base + "id/")))
    for vocab in vocabularies(dataset):
        g.add((ds, VOID.vocabulary, vocab))
    for res in sorted(set(dataset.subjects(RDF.type, MK.Resolution)), key=str)[:1]:
        g.add((ds, VOID.exampleResource, res))

    for target, predicate, count in linksets(dataset):
        tds = URIRef(f"{base}id/dataset/{target.key}")
        g.add((tds, RDF.type, VOID.Dataset))
        g.add((tds, DCTERMS.title, Literal(target.title)))
        g.add((tds, VOID.uriSpace, Literal(target.uri_space)))
        g.add((tds, FOAF.homepage, URIRef(target.homepage)))
        ls = URIRef(f"{ds}/linkset/{target.key}-{_local(predicate).lower()}")
        g.add((ds, VOID.subset, ls))
        g.add((ls, RDF.type, VOID.Linkset))
        g.add((ls, DCTERMS.title, Literal(f"mkgraph → {target.title} ({_local(predicate)})", lang="en")))
        g.add((ls, VOID.subjectsTarget, ds))
        g.add((ls, VOID.objectsTarget, tds))
        g.add((ls, VOID.linkPredicate, predicate))
        g.add((ls, VOID.triples, Literal(count)))
    return g
