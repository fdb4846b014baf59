"""graph/catalog.ttl: DCAT 3 / DCAT-AP.de 3.0 catalogue and VoID description of the dataset.

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
LANGUAGE = Namespace("http://publications.europa.eu/resource/authority/language/")
DATA_THEME_SCHEME = URIRef("http://publications.europa.eu/resource/authority/data-theme")
DCATAP = Namespace("http://data.europa.eu/r5r/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
# the EU planned-availability table (DCAT-AP.de 3.0 §5, kv-availability): kept for the medium term
AVAILABILITY = URIRef("http://publications.europa.eu/resource/authority/planned-availability/AVAILABLE")
# Germany in the two vocabularies DCAT-AP.de 3.0 allows for dcterms:spatial (§5, kv-spatial)
SPATIAL = (COUNTRY.DEU, URIRef("http://sws.geonames.org/2921044/"))
LANGUAGES = (LANGUAGE.DEU, LANGUAGE.ENG)  # labels and descriptions are German and English
# The day graph/catalog.ttl was first published (its first commit): a fact, not the clock.
ISSUED = Literal("2026-11-25", datatype=XSD.date)
IANA = "https://www.iana.org/assignments/media-types/"
GEO_LEVEL = URIRef("http://dcat-ap.de/def/politicalGeocodingLevel/federal")
# DCAT-AP.de's licence vocabulary; the data are CC BY 4.0 like the ontology (ontology/mkgraph.ttl)
LICENSE = URIRef("http://dcat-ap.de/def/licenses/cc-by/4.0")
SPARQL_PROTOCOL = URIRef("https://www.w3.org/TR/sparql11-protocol/")

FORMAT_LABELS = {"RDF_TURTLE": "Turtle", "RDF_N_TRIPLES": "N-Triples", "JSON_LD": "JSON-LD",
                 "RDF_XML": "RDF/XML", "RDF_TRIG": "TriG"}
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
    g.bind("vcard", VCARD)
    g.bind("dcatap", DCATAP)
    nodes = _Nodes(iris)
    g.add((nodes.publisher, RDF.type, FOAF.Agent))
    g.add((nodes.publisher, FOAF.name, Literal("mkgraph contributors")))
    g.add((nodes.contact, RDF.type, VCARD.Organization))
    g.add((nodes.contact, VCARD.fn, Literal("mkgraph contributors")))
    g.add((nodes.contact, VCARD.hasURL, URIRef(iris.base)))
    period = _period(dataset)
    _catalogue(g, nodes, period)
    _dataset(g, nodes, dataset, period)
    _distributions(g, nodes, files)
    _service(g, nodes)
    _void(g, nodes, dataset)
    return g


@dataclass(frozen=True)
class _Nodes:
    """The catalogue's own IRIs, all under the dataset's base (no blank nodes)."""

    iris: Iris

    @property
    def base(self) -> str:
        return self.iris.base

    @property
    def ds(self) -> URIRef:
        return self.iris.dataset()

    @property
    def cat(self) -> URIRef:
        return URIRef(self.base + "id/catalog")

    @property
    def publisher(self) -> URIRef:
        return URIRef(self.base + "id/agent/mkgraph")

    @property
    def contact(self) -> URIRef:
        return URIRef(self.base + "id/agent/mkgraph/contact")

    @property
    def service(self) -> URIRef:
        return URIRef(str(self.ds) + "/service/sparql")


def _catalogue(g: Graph, n: _Nodes, period: tuple[Literal, Literal] | None) -> None:
    cat = n.cat
    g.add((cat, RDF.type, DCAT.Catalog))
    g.add((cat, DCTERMS.title, Literal("mkgraph-Katalog", lang="de")))
    g.add((cat, DCTERMS.title, Literal("mkgraph catalogue", lang="en")))
    g.add((cat, DCTERMS.description, Literal(
        "Katalog der Beschlüsse deutscher Fachministerkonferenzen als Linked Data.", lang="de")))
    g.add((cat, DCTERMS.description, Literal(
        "Catalogue of the resolutions of German minister conferences as linked data.", lang="en")))
    g.add((cat, DCTERMS.publisher, n.publisher))
    g.add((cat, DCTERMS.license, LICENSE))
    g.add((cat, FOAF.homepage, URIRef(n.base)))
    g.add((cat, DCTERMS.issued, ISSUED))
    if period:  # the data change when resolutions are added: the newest one's date
        g.add((cat, DCTERMS.modified, period[1]))
    for lang in LANGUAGES:
        g.add((cat, DCTERMS.language, lang))
    g.add((cat, DCAT.themeTaxonomy, DATA_THEME_SCHEME))
    g.add((cat, DCATAP.availability, AVAILABILITY))
    g.add((cat, DCTERMS.spatial, COUNTRY.DEU))
    g.add((cat, DCAT.dataset, n.ds))
    g.add((cat, DCAT.service, n.service))


def _dataset(g: Graph, n: _Nodes, dataset: Graph, period: tuple[Literal, Literal] | None) -> None:
    ds = n.ds
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
    g.add((ds, DCTERMS.publisher, n.publisher))
    g.add((ds, DCAT.contactPoint, n.contact))
    g.add((ds, DCTERMS.license, LICENSE))
    g.add((ds, DCATAP.availability, AVAILABILITY))
    for theme in ("GOVE", "SOCI"):
        g.add((ds, DCAT.theme, DATA_THEME[theme]))
    for kw in ("Integration", "Fachministerkonferenz", "Beschluss", "Föderalismus"):
        g.add((ds, DCAT.keyword, Literal(kw, lang="de")))
    for lang in LANGUAGES:
        g.add((ds, DCTERMS.language, lang))
    g.add((ds, DCTERMS.conformsTo, ONTOLOGY))
    g.add((ds, DCTERMS.conformsTo, URIRef(n.base + "shapes/")))
    # DCAT-AP.de 3.0 deprecates dcatde:politicalGeocodingURI; dcterms:spatial takes its
    # place, with values from the EU country table or GeoNames only (spec §5, kv-spatial):
    # Germany, at the federal level. The Länder's state keys stay on the Länder (mk:stateKey).
    for place in SPATIAL:
        g.add((ds, DCTERMS.spatial, place))
    g.add((ds, DCATDE.politicalGeocodingLevelURI, GEO_LEVEL))
    if period:
        node = URIRef(str(ds) + "/temporal")
        g.add((ds, DCTERMS.temporal, node))
        g.add((node, RDF.type, DCTERMS.PeriodOfTime))
        g.add((node, DCAT.startDate, period[0]))
        g.add((node, DCAT.endDate, period[1]))


def _distributions(g: Graph, n: _Nodes, files: dict[str, bytes]) -> None:
    for name, (ftype, media) in sorted(DIST_FORMATS.items()):
        if f"graph/{name}" not in files:
            continue
        dist = URIRef(f"{n.ds}/distribution/{name.rsplit('.', 1)[1]}")
        url = URIRef(n.base + "download/" + name)
        label = FORMAT_LABELS[ftype]
        g.add((n.ds, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(f"mkgraph ({name})", lang="en")))
        g.add((dist, DCTERMS.description, Literal(f"Der ganze Graph als eine {label}-Datei.", lang="de")))
        g.add((dist, DCTERMS.description, Literal(f"The whole graph as one {label} file.", lang="en")))
        g.add((dist, DCAT.accessURL, url))
        g.add((dist, DCAT.downloadURL, url))
        g.add((dist, DCAT.mediaType, URIRef(IANA + media)))
        g.add((dist, DCTERMS["format"], FILE_TYPE[ftype]))
        g.add((dist, DCTERMS.license, LICENSE))
        g.add((dist, DCATAP.availability, AVAILABILITY))
        g.add((dist, DCAT.byteSize, Literal(len(files[f"graph/{name}"]), datatype=XSD.nonNegativeInteger)))
        g.add((n.ds, VOID.dataDump, url))


def _service(g: Graph, n: _Nodes) -> None:
    service, endpoint = n.service, URIRef(n.base + "sparql")
    g.add((service, RDF.type, DCAT.DataService))
    g.add((service, DCTERMS.title, Literal("mkgraph-SPARQL-Endpunkt", lang="de")))
    g.add((service, DCTERMS.title, Literal("mkgraph SPARQL endpoint", lang="en")))
    g.add((service, DCTERMS.publisher, n.publisher))  # MUSS since DCAT-AP.de 3.0
    g.add((service, DCAT.endpointURL, endpoint))
    # The endpoint answers a GET without query with its SPARQL 1.1 Service Description
    # (serve/app.py), the machine-readable description DCAT-AP 3 names for this property.
    g.add((service, DCAT.endpointDescription, endpoint))
    g.add((service, DCTERMS.conformsTo, SPARQL_PROTOCOL))
    g.add((service, DCAT.servesDataset, n.ds))
    g.add((service, DCTERMS.license, LICENSE))
    g.add((service, DCATAP.availability, AVAILABILITY))
    g.add((n.ds, VOID.sparqlEndpoint, endpoint))


def _void(g: Graph, n: _Nodes, dataset: Graph) -> None:
    ds, base = n.ds, n.base
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
