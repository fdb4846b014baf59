"""Vocabularies the graph uses, in one place, bound to the same prefixes everywhere."""

from rdflib import Graph, Namespace
from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD

MK = Namespace("https://w3id.org/mkgraph/ontology#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
ELI_DL = Namespace("http://data.europa.eu/eli/eli-draft-legislation-ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
SH = Namespace("http://www.w3.org/ns/shacl#")
DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
WD = Namespace("http://www.wikidata.org/entity/")
NUTS = Namespace("http://data.europa.eu/nuts/code/")
STATE_KEY = Namespace("http://dcat-ap.de/def/politicalGeocoding/stateKey/")
EUROVOC = Namespace("http://eurovoc.europa.eu/")

PREFIXES = {
    "mk": MK,
    "eli": ELI,
    "eli-dl": ELI_DL,
    "org": ORG,
    "oa": OA,
    "prov": PROV,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "dcat": DCAT,
    "dcatde": DCATDE,
    "void": VOID,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "sh": SH,
    "wd": WD,
    # DCAT-AP 3 and vCard, used by the catalogue (publish/catalog.py)
    "dcatap": Namespace("http://data.europa.eu/r5r/"),
    "vcard": Namespace("http://www.w3.org/2006/vcard/ns#"),
}


class Terms:
    """A namespace whose terms are made once: rdflib's Namespace builds (and checks) a
    new URIRef on every attribute access, which hot loops such as assemble's paid for
    some 3,000 times per resolution. ``Terms(MK).anchor == MK.anchor``."""

    def __init__(self, namespace: Namespace):
        self._namespace = namespace

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        term = self._namespace[name]
        setattr(self, name, term)  # later lookups find the attribute and skip __getattr__
        return term

    def __getitem__(self, name: str):
        return getattr(self, name)


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes (replacing rdflib's defaults) and return the graph."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph
