"""Deterministic serialisations of a graph: same triples, same bytes, on every run.

rdflib's own writers follow the store's iteration order, which depends on Python's
per-process hash seed; so every writer here sorts. There are no blank nodes
(docs/model.md), so no renaming is needed.

- N-Triples: sorted lines.
- Turtle, RDF/XML: Oxigraph's writers over the sorted N-Triples (mkgraph.rdf.writers).
- TriG: one named graph per resolution (its own triples), one for what resolutions share
  (session, conference …) and one for the vocabulary (mkgraph.rdf.partition: no triple is in
  two graphs); written like the Turtle file (mkgraph.rdf.writers).
- JSON-LD: compacted against the context of ``mkgraph.rdf.context`` (JSON-LD 1.1 containers,
  which rdflib's writer does not apply), with native numbers and booleans, nodes sorted
  by id; the tests read it back with rdflib and with pyld. The nested view nests one
  resolution.
"""

from __future__ import annotations

import json

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

# format key -> (file name in graph/, rdflib parser name, media type)
FORMATS = {
    "ttl": ("dataset.ttl", "turtle", "text/turtle"),
    "nt": ("dataset.nt", "nt", "application/n-triples"),
    "jsonld": ("dataset.jsonld", "json-ld", "application/ld+json"),
    "rdf": ("dataset.rdf", "xml", "application/rdf+xml"),
    "trig": ("dataset.trig", "trig", "application/trig"),
}
ALIASES = {"turtle": "ttl", "ntriples": "nt", "n-triples": "nt", "json-ld": "jsonld",
           "rdfxml": "rdf", "xml": "rdf", "rdf/xml": "rdf"}


def fmt_key(name: str) -> str:
    """The format key for a user-given name (``turtle`` -> ``ttl``), or ValueError."""
    key = ALIASES.get(name.lower(), name.lower())
    if key not in FORMATS:
        raise ValueError(name)
    return key


def to_ntriples(graph: Graph) -> bytes:
    """Sorted, de-duplicated N-Triples (mkgraph.rdf.ntriples; rdflib's writer for blank nodes)."""
    from mkgraph.rdf import ntriples

    try:
        return ntriples.document(graph)
    except TypeError:  # a blank node: fixtures and foreign data, never the built graph
        lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").split("\n")
        return ("\n".join(sorted({line for line in lines if line.strip()})) + "\n").encode("utf-8")


def to_turtle(graph: Graph) -> bytes:
    from mkgraph.rdf import writers

    return writers.turtle(to_ntriples(graph))


def to_rdfxml(graph: Graph) -> bytes:
    from mkgraph.rdf import writers

    return writers.rdfxml(to_ntriples(graph))


def _okey(o) -> tuple:
    if isinstance(o, Literal):
        return (1, str(o), o.language or "", str(o.datatype or ""))
    return (0, str(o), "", "")


# -- TriG ----------------------------------------------------------------------------------------
def to_trig(graphs: dict[URIRef, Graph]) -> bytes:
    """One named graph per key; the default graph stays empty."""
    from mkgraph.rdf import writers

    return writers.trig([(str(name), to_ntriples(graphs[name])) for name in sorted(graphs, key=str)])


# -- JSON-LD -------------------------------------------------------------------------------------
# Compaction is written here for the one shape of context that mkgraph.rdf.context builds:
# pyld's general compaction takes ~13 s for the seed graph (2 cores), this takes well
# under a second; the tests prove both rdflib and pyld read the result back to the
# same triples.
def _sorted_jsonld(node):
    if isinstance(node, dict):
        return {k: _sorted_jsonld(v) for k, v in sorted(node.items(), key=lambda kv: _key_order(kv[0]))}
    if isinstance(node, list):
        items = [_sorted_jsonld(v) for v in node]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return node


def _key_order(key: str) -> tuple:
    # id and type first, as a reader expects; then the rest alphabetically
    return ({"@context": 0, "id": 1, "@id": 1, "type": 2, "@type": 2}.get(key, 3), key)


def _dump(doc) -> bytes:
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


class _Compactor:
    """Turns triples into compact JSON-LD nodes for a context of mkgraph.rdf.context's shape."""

    def __init__(self, context: dict):
        self.terms: dict[str, tuple[str, dict]] = {}  # property IRI -> (term, definition)
        self.names: dict[str, str] = {}  # IRI -> term, for classes and concepts
        # the keywords' aliases, when the context defines them (ours does: id, type)
        self.id_key = "id" if context.get("id") == "@id" else "@id"
        self.type_key = "type" if context.get("type") == "@type" else "@type"
        for name, value in context.items():
            if name.startswith("@") or name in ("id", "type"):
                continue
            if isinstance(value, dict) and "@id" in value and "@reverse" not in value:
                self.terms[value["@id"]] = (name, value)
            elif isinstance(value, str) and not value.endswith(("/", "#")):
                self.names[value] = name

    def value(self, o, definition: dict | None):
        dtype = (definition or {}).get("@type")
        if isinstance(o, URIRef):
            if dtype == "@vocab":  # a concept term of the property's scoped context
                scoped = {iri: name for name, iri in ((definition or {}).get("@context") or {}).items()}
                return scoped.get(str(o), self.names.get(str(o), str(o)))
            if dtype == "@id":
                return str(o)
            return {self.id_key: str(o)}
        if o.language:
            return {"@value": str(o), "@language": o.language}
        lexical, datatype = str(o), (str(o.datatype) if o.datatype else None)
        if datatype in (None, XSD_STRING) and dtype is None:
            return lexical
        if datatype == XSD_INTEGER and dtype is None and _canonical_int(lexical):
            return int(lexical)
        if datatype == XSD_BOOLEAN and dtype is None and lexical in ("true", "false"):
            return lexical == "true"
        if datatype == XSD_DOUBLE and dtype == datatype:
            try:
                return float(lexical)  # a JSON number; the term's xsd:double keeps 1.0 a double
            except ValueError:
                return {"@value": lexical, "@type": datatype}
        if datatype is not None and dtype == datatype:
            return lexical
        return {"@value": lexical, "@type": datatype or XSD_STRING}

    def node(self, graph: Graph, s) -> dict:
        out: dict = {self.id_key: str(s)}
        by_pred: dict = {}
        for p, o in sorted(graph.predicate_objects(s), key=lambda po: (str(po[0]), _okey(po[1]))):
            by_pred.setdefault(p, []).append(o)
        for p, values in by_pred.items():
            if p == RDF.type:
                types = [self.names.get(str(o), str(o)) for o in values]
                out[self.type_key] = types[0] if len(types) == 1 else types
                continue
            name, definition = self.terms.get(str(p), (str(p), {}))
            if definition.get("@container") == "@language":
                if all(isinstance(o, Literal) and o.language for o in values):
                    lang_map: dict = {}
                    for o in values:
                        lang_map.setdefault(o.language, []).append(str(o))
                    out[name] = {k: (v[0] if len(v) == 1 else v) for k, v in sorted(lang_map.items())}
                    continue
                # values a language map cannot hold: written under the full IRI, explicit
                name, definition = str(p), {}
            compact = [self.value(o, definition) for o in values]
            out[name] = compact[0] if len(compact) == 1 else compact
        return _sorted_jsonld(out)


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
XSD_DOUBLE = "http://www.w3.org/2001/XMLSchema#double"


def _canonical_int(lexical: str) -> bool:
    try:
        return str(int(lexical)) == lexical
    except ValueError:
        return False


def to_jsonld(graph: Graph, context: dict | None = None) -> bytes:
    """The graph compacted against ``context`` (default: built from the graph itself)."""
    from mkgraph.rdf.context import build_context

    context = context if context is not None else build_context(graph)
    c = _Compactor(context)
    nodes = [c.node(graph, s) for s in sorted(set(graph.subjects()), key=str)]
    return _dump({"@context": context, "@graph": nodes})


STATEMENTS = "statements"  # the reverse term of the nested view: part <- is_part_of - statement


def nested_context(context: dict) -> dict:
    ctx = dict(context)
    ctx[STATEMENTS] = {"@reverse": "http://data.europa.eu/eli/ontology#is_part_of"}
    return ctx


def to_nested(graph: Graph, resolution: URIRef, context: dict, statement_classes: set) -> bytes:
    """The nested JSON view of one resolution (graph/resolutions/<id>.json):
    resolution -> parts -> statements -> actors, as a JSON-LD frame with @embed would give
    it, but written directly: pyld's compaction alone took ~13 s on the seed (framing
    compacts too), and a direct walk keeps the reading order of the parts.

    Every node is embedded at the place a reader looks for it; the same actor may appear
    under several statements. A statement carries its anchor with both selectors (offsets
    and quote) and its action field and target groups with their labels, so a web developer
    reads a demand without looking anything up; a part's paragraphs and anchors stay IRIs.
    """
    from rdflib.namespace import SKOS

    from mkgraph.rdf.namespaces import ELI, MK, OA

    c = _Compactor(context)

    def brief(node) -> dict:
        out = {"id": str(node)}
        types = sorted(c.names.get(str(t), str(t)) for t in graph.objects(node, RDF.type))
        if types:
            out["type"] = types[0] if len(types) == 1 else types
        labels = {o.language: str(o) for o in graph.objects(node, SKOS.prefLabel) if o.language}
        if labels:
            out[c.terms[str(SKOS.prefLabel)][0]] = dict(sorted(labels.items()))
        return out

    def statement(st) -> dict:
        out = c.node(graph, st)
        for prop in (MK.speaker, MK.addressee, MK.actionField, MK.targetGroup):
            name = c.terms[str(prop)][0] if str(prop) in c.terms else None
            targets = sorted(graph.objects(st, prop), key=str)
            if name and targets:
                out[name] = [brief(t) for t in targets] if len(targets) > 1 else brief(targets[0])
        anchor = c.terms.get(str(MK.anchor), (None,))[0]
        selector = c.terms.get(str(OA.hasSelector), (None,))[0]
        anchors = sorted(graph.objects(st, MK.anchor), key=str)
        if anchor and selector and len(anchors) == 1:
            a = c.node(graph, anchors[0])
            a[selector] = [c.node(graph, x) for x in sorted(graph.objects(anchors[0], OA.hasSelector), key=str)]
            out[anchor] = _sorted_jsonld(a)
        return _sorted_jsonld(out)

    def part(p) -> dict:
        out = c.node(graph, p)
        sts = sorted((s for s in graph.subjects(ELI.is_part_of, p)
                      if any(t in statement_classes for t in graph.objects(s, RDF.type))), key=str)
        if sts:
            out[STATEMENTS] = [statement(s) for s in sts]
        return _sorted_jsonld(out)

    doc = c.node(graph, resolution)
    has_part = c.terms[str(ELI.has_part)][0]
    def order(p) -> tuple:  # points 1, 2 … 10 in reading order, not string order
        ordinal = graph.value(p, MK.ordinal)
        return (sorted(str(t) for t in graph.objects(p, RDF.type)), int(ordinal) if ordinal is not None else 0, str(p))

    doc[has_part] = [part(p) for p in sorted(graph.objects(resolution, ELI.has_part), key=order)]
    applicant = c.terms.get(str(MK.applicant), (None,))[0]
    if applicant:
        apps = sorted(graph.objects(resolution, MK.applicant), key=str)
        if apps:
            doc[applicant] = [brief(a) for a in apps]
    # keys in reader order; lists keep the order given above (parts in reading order)
    ordered = {k: doc[k] for k in sorted(doc, key=_key_order)}
    return _dump({"@context": nested_context(context), **ordered})


def serialise(graph: Graph, fmt: str) -> bytes:
    """One graph in one format (TriG: everything in one named graph; use to_trig for more)."""
    fmt = fmt_key(fmt)
    if fmt == "ttl":
        return to_turtle(graph)
    if fmt == "nt":
        return to_ntriples(graph)
    if fmt == "jsonld":
        return to_jsonld(graph)
    if fmt == "rdf":
        return to_rdfxml(graph)
    return to_trig({URIRef("urn:x-mkgraph:all"): graph})


# -- everything graph/ holds -------------------------------------------------------------------
def resolution_file(iri: URIRef, iris) -> str:
    """graph/resolutions/<id>.json for a resolution IRI (``intmk-2017-top-2.1.json``)."""
    rest = str(iri)[len(iris.base + "id/resolution/"):]
    return f"graph/resolutions/{rest.replace('/', '-')}.json"


def graph_files(nt: bytes, dataset: Graph, resolutions: list[URIRef], named: list[tuple[str, bytes]],
                iris, extra=None, beside=None) -> dict[str, bytes]:
    """Every file of graph/: the exports, the context, one nested view per resolution,
    and the catalogue (last: it counts the others' bytes).

    ``nt`` is the sorted N-Triples of the whole dataset and ``dataset`` its rdflib graph;
    ``resolutions`` the resolution IRIs; ``named`` the TriG's graphs as (name, sorted
    N-Triples): one per resolution (its own triples), the shared graph and the vocabulary,
    no triple in two of them (mkgraph.rdf.partition). ``extra``, if given, returns more
    files to add (and list in the catalogue). ``beside(job)`` runs job (the JSON-LD and
    ``extra``) elsewhere and returns a function that waits for its files
    (mkgraph.lifeline.beside); default: here, first.
    """
    from mkgraph.publish import catalog
    from mkgraph.rdf import writers
    from mkgraph.rdf.context import build_context
    from mkgraph.rdf.terms import statement_classes

    context = build_context(dataset)

    def job() -> dict[str, bytes]:
        out = {"graph/dataset.jsonld": to_jsonld(dataset, context)}
        out.update(extra() if extra else {})
        return out

    if beside:
        later = beside(job)
    else:
        made = job()

        def later() -> dict[str, bytes]:
            return made
    files = {
        "graph/dataset.ttl": writers.turtle(nt),
        "graph/dataset.nt": nt,
        "graph/dataset.trig": writers.trig(named),
        "graph/dataset.rdf": writers.rdfxml(nt),
        "graph/context.jsonld": _dump({"@context": context}),
    }
    classes = set(statement_classes().values())
    # the whole dataset for each view: a resolution's walk reaches only its own nodes and
    # the shared ones, so the union answers as its own graph and the vocabulary would
    for iri in sorted(resolutions, key=str):
        files[resolution_file(iri, iris)] = to_nested(dataset, iri, context, classes)
    files.update(later())
    files["graph/catalog.ttl"] = to_turtle(catalog.catalog_graph(dataset, iris, files))
    return files
