"""The JSON-LD 1.1 @context of graph/context.jsonld, derived from the data it describes.

Why derived and not hand-written: every property, class and concept that the graph uses
gets a short term, and nothing else does, so the context cannot drift from the data. The
rules that make the compacted JSON read like plain JSON:

- ``id``/``type`` alias ``@id``/``@type``. Not ``@protected``: a web developer's document
  that adds its own keys (``language``, ``source`` …) may define them in its own context.
- properties get their local name (``prefLabel``, ``is_part_of``); if two vocabularies
  share a local name, both get ``prefix_local`` (never first-come-first-served).
- link properties (IRI objects) are typed ``@id``; properties whose values are SKOS
  concepts of our schemes are typed ``@vocab`` so the value compacts to a concept term
  (``"statementKind": "demand"``). The concept terms live in that property's scoped
  ``@context`` only (JSON-LD 1.1), so a plain key such as ``language`` at the top of a
  document is not read as the concept "language" of the action fields.
- language-tagged properties use a ``@language`` container (``{"de": …, "en": …}``): the
  tags stay, and a reader picks a language by key.
- integers and booleans stay untyped in the term, because the JSON is written with
  native numbers and booleans; doubles (``confidence``) are JSON numbers too, with
  ``xsd:double`` named in the term (an integral number such as 1.0 would otherwise read
  back as an xsd:integer); other datatypes (dates) are named in the term.
"""

from __future__ import annotations

import re
from collections import defaultdict

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from mkgraph.rdf.namespaces import PREFIXES

NATIVE = {XSD.integer, XSD.boolean}  # written as JSON numbers / booleans (pyld native types)
RESERVED = {"id", "type"}


def _split(iri: str) -> tuple[str, str]:
    """(namespace, local name) by the project's prefixes, else at the last / or #."""
    for ns in sorted((str(n) for n in PREFIXES.values()), key=len, reverse=True):
        if iri.startswith(ns) and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_\-]*", iri[len(ns):]):
            return ns, iri[len(ns):]
    m = re.match(r"^(.*[/#])([^/#]+)$", iri)
    return (m.group(1), m.group(2)) if m else (iri, iri)


def _prefix_of(ns: str) -> str | None:
    for prefix, value in PREFIXES.items():
        if str(value) == ns:
            return prefix
    return None


def _names(iris: set[str], taken: set[str]) -> dict[str, str]:
    """A unique, readable term for each IRI: the local name, or prefix_local on a clash."""
    by_local: dict[str, list[str]] = defaultdict(list)
    for iri in iris:
        by_local[_split(iri)[1]].append(iri)
    out = {}
    for local, group in by_local.items():
        if len(group) == 1 and local not in taken and local not in RESERVED:
            out[group[0]] = local
            continue
        for iri in group:
            ns, loc = _split(iri)
            out[iri] = f"{_prefix_of(ns) or 'x'}_{loc}"
    return out


def _concept_terms(graph: Graph, taken: set[str]) -> dict[str, str]:
    """Concept IRI -> term: its notation, or scheme-notation when two schemes share one."""
    rows = []
    for c in graph.subjects(RDF.type, SKOS.Concept):
        notation = graph.value(c, SKOS.notation)
        scheme = graph.value(c, SKOS.inScheme)
        if notation is None or scheme is None:
            continue
        rows.append((str(c), str(notation), str(scheme).rstrip("/").rsplit("/", 1)[-1]))
    count = defaultdict(int)
    for _, n, _ in rows:
        count[n] += 1
    return {c: (n if count[n] == 1 and n not in taken and n not in RESERVED else f"{s}-{n}") for c, n, s in rows}


def build_context(graph: Graph) -> dict:
    """The @context (the value of the "@context" key) for the given graph."""
    objects: dict[str, set] = defaultdict(set)  # predicate -> kinds of object
    concept_values: dict[str, set] = defaultdict(set)  # predicate -> the concepts it points to
    concepts = {str(c) for c in graph.subjects(RDF.type, SKOS.Concept)}
    for _, p, o in graph:
        if p == RDF.type:
            continue
        if isinstance(o, URIRef):
            objects[str(p)].add("concept" if str(o) in concepts else "iri")
            if str(o) in concepts:
                concept_values[str(p)].add(str(o))
        elif isinstance(o, Literal):
            objects[str(p)].add(("lang", None) if o.language else ("lit", o.datatype))
    classes = {str(o) for o in graph.objects(None, RDF.type)}
    prefixes = set(PREFIXES)
    prop_names = _names(set(objects), prefixes)
    class_names = _names(classes, prefixes | set(prop_names.values()))
    concept_names = _concept_terms(graph, prefixes | set(prop_names.values()) | set(class_names.values()))

    ctx: dict = {"@version": 1.1, "id": "@id", "type": "@type"}
    for prefix, ns in sorted(PREFIXES.items()):
        ctx[prefix] = str(ns)
    for iri, name in class_names.items():
        ctx[name] = iri
    for iri, name in prop_names.items():
        kinds = objects[iri]
        term: dict = {"@id": iri}
        if kinds == {"concept"}:
            term["@type"] = "@vocab"
            term["@context"] = dict(sorted((concept_names[c], c) for c in concept_values[iri] if c in concept_names))
        elif kinds <= {"iri", "concept"}:
            term["@type"] = "@id"
        elif kinds == {("lang", None)}:
            term["@container"] = "@language"
        elif len(kinds) == 1:
            (_, datatype), = kinds
            if datatype is not None and datatype not in NATIVE and datatype != XSD.string:
                term["@type"] = str(datatype)
        ctx[name] = term
    return dict(sorted(ctx.items(), key=lambda kv: (not kv[0].startswith("@"), kv[0])))


def context_document(graph: Graph) -> dict:
    """What graph/context.jsonld holds: {"@context": …}."""
    return {"@context": build_context(graph)}
