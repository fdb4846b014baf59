"""The mk: ontology, generated from ``tables/terms.yaml`` and checked before it is written.

Brick-style: the table is the single source of the terms' prose and alignments; this module
turns it into OWL, checks the result (``check_ontology``) and serialises it together with the
SKOS schemes and the actors (``ontology_files``). Nothing is written while a check fails.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, VANN, XSD

from mkgraph.atomic import write_all
from mkgraph.errors import InputError
from mkgraph.rdf.iris import DEFAULT_BASE, Iris
from mkgraph.rdf.namespaces import MK, PREFIXES, bind_prefixes
from mkgraph.resources import tables
from mkgraph.rdf.terms import (
    ALIGNMENT_PREFIXES, HEADER_REQUIRED, KINDS, REQUIRED, TERMS_TABLE, expand, load_terms, statement_classes,
)

ONTOLOGY_FILES = ("mkgraph.ttl", "schemes.ttl", "actors.ttl")


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def ontology_graph(iris: Iris | None = None, terms: dict | None = None) -> Graph:
    """The OWL ontology: header plus every term of the table.

    ``iris`` decides the statement-kind concept IRIs the statement classes point to;
    ``terms`` (a parsed table) lets tests build from a modified copy.
    """
    iris = iris or Iris()
    data = terms or load_terms()
    head = data["ontology"]
    g = bind_prefixes(Graph())
    g.bind("vann", VANN)
    onto = URIRef(head["iri"])

    g.add((onto, RDF.type, OWL.Ontology))
    g.add((onto, OWL.versionIRI, URIRef(f"{head['iri']}/{head['version']}")))
    g.add((onto, OWL.versionInfo, Literal(str(head["version"]))))
    for lang in ("de", "en"):
        g.add((onto, DCTERMS.title, Literal(head[f"title_{lang}"], lang=lang)))
        g.add((onto, DCTERMS.description, Literal(head[f"description_{lang}"], lang=lang)))
    g.add((onto, DCTERMS.license, URIRef(head["license"])))
    g.add((onto, DCTERMS.creator, Literal(head["creator"])))
    g.add((onto, VANN.preferredNamespacePrefix, Literal(head["prefix"])))
    g.add((onto, VANN.preferredNamespaceUri, Literal(head["namespace"], datatype=XSD.anyURI)))

    for name, term in data["terms"].items():
        t = MK[name]
        g.add((t, RDF.type, KINDS[term["kind"]]))
        if term.get("functional"):
            g.add((t, RDF.type, OWL.FunctionalProperty))
        g.add((t, RDFS.isDefinedBy, onto))
        for lang in ("de", "en"):
            if term.get(f"label_{lang}"):
                g.add((t, RDFS.label, Literal(term[f"label_{lang}"], lang=lang)))
            if term.get(f"definition_{lang}"):
                g.add((t, SKOS.definition, Literal(term[f"definition_{lang}"], lang=lang)))
        if term.get("example"):
            g.add((t, SKOS.example, Literal(str(term["example"]), lang="de")))
        for sup in _as_list(term.get("subClassOf")):
            g.add((t, RDFS.subClassOf, expand(sup)))
        for sup in _as_list(term.get("subPropertyOf")):
            g.add((t, RDFS.subPropertyOf, expand(sup)))
        for key, pred in (("domain", RDFS.domain), ("range", RDFS.range)):
            for value in _as_list(term.get(key)):
                g.add((t, pred, expand(value)))
        if term.get("statement_kind"):
            g.add((t, RDFS.seeAlso, iris.concept("statement-kind", term["statement_kind"])))
    return g


def _curie(node) -> str:
    text = str(node)
    for prefix, ns in PREFIXES.items():
        if text.startswith(str(ns)):
            return f"{prefix}:{text[len(str(ns)):]}"
    return f"<{text}>"


def _langs(g: Graph, s, p) -> list[str]:
    return [o.language for o in g.objects(s, p) if isinstance(o, Literal)]


def check_ontology(g: Graph) -> list[str]:
    """Problems that make the ontology unfit to publish; an empty list means it is fine."""
    problems: list[str] = []
    if any(isinstance(n, BNode) for triple in g for n in triple):
        problems.append("graph has blank nodes")

    heads = list(g.subjects(RDF.type, OWL.Ontology))
    if len(heads) != 1:
        problems.append(f"expected one owl:Ontology, found {len(heads)}")
    for onto in heads:
        for pred in (OWL.versionIRI, OWL.versionInfo, DCTERMS.license, DCTERMS.creator,
                     VANN.preferredNamespacePrefix, VANN.preferredNamespaceUri):
            if g.value(onto, pred) is None:
                problems.append(f"ontology header: no {_curie(pred)}")
        for pred in (DCTERMS.title, DCTERMS.description):
            for lang in ("de", "en"):
                if lang not in _langs(g, onto, pred):
                    problems.append(f"ontology header: no {_curie(pred)} @{lang}")

    declared = {
        s for kind in KINDS.values() for s in g.subjects(RDF.type, kind) if str(s).startswith(str(MK))
    }
    for t in sorted(declared):
        name = _curie(t)
        types = set(g.objects(t, RDF.type)) & set(KINDS.values())
        if len(types) > 1:
            problems.append(f"{name}: declared as more than one of class/object/datatype property")
        for pred, what in ((RDFS.label, "rdfs:label"), (SKOS.definition, "skos:definition")):
            langs = _langs(g, t, pred)
            for lang, language in (("de", "German"), ("en", "English")):
                count = langs.count(lang)
                if count == 0:
                    problems.append(f"{name}: no {what} in {language} (@{lang})")
                elif count > 1:
                    problems.append(f"{name}: {count} {what} values in {language} (@{lang})")
        if g.value(t, SKOS.example) is None:
            problems.append(f"{name}: no skos:example")
        if g.value(t, RDFS.isDefinedBy) is None:
            problems.append(f"{name}: no rdfs:isDefinedBy")
        for rng in g.objects(t, RDFS.range):
            is_literal = str(rng).startswith(str(XSD)) or rng == RDFS.Literal
            if OWL.DatatypeProperty in types and not is_literal:
                problems.append(f"{name}: datatype property with non-literal range {_curie(rng)}")
            if OWL.ObjectProperty in types and is_literal:
                problems.append(f"{name}: object property with literal range {_curie(rng)}")
        if (t, RDFS.subClassOf, MK.Statement) in g and g.value(t, RDFS.seeAlso) is None:
            problems.append(f"{name}: statement class names no statement-kind concept (rdfs:seeAlso)")

    used = {n for triple in g for n in triple if isinstance(n, URIRef) and str(n).startswith(str(MK))}
    for t in sorted(used - declared):
        problems.append(f"{_curie(t)}: used but not declared")
    return problems


def check_vocabulary(g: Graph) -> list[str]:
    """Problems in the schemes/actors graphs: concepts and actors need notation/labels."""
    problems: list[str] = []
    if any(isinstance(n, BNode) for triple in g for n in triple):
        problems.append("graph has blank nodes")
    for c in sorted(set(g.subjects(RDF.type, SKOS.Concept))):
        if g.value(c, SKOS.notation) is None:
            problems.append(f"{c}: no skos:notation")
        if g.value(c, SKOS.inScheme) is None:
            problems.append(f"{c}: no skos:inScheme")
    labelled = set(g.subjects(RDF.type, SKOS.Concept)) | set(g.subjects(RDF.type, SKOS.ConceptScheme))
    labelled |= set(g.subjects(RDF.type, MK.Actor)) | set(g.subjects(RDF.type, MK.Country))
    for s in sorted(labelled):
        langs = _langs(g, s, SKOS.prefLabel)
        for lang in ("de", "en"):
            if langs.count(lang) != 1:
                problems.append(f"{s}: {langs.count(lang)} skos:prefLabel @{lang} (need exactly one)")
    for land in sorted(set(g.subjects(RDF.type, MK.Land))):
        if len(list(g.objects(land, OWL.sameAs))) != 1:
            problems.append(f"{land}: needs exactly one owl:sameAs")
    return problems


def _turtle(g: Graph) -> bytes:
    from mkgraph.rdf import ntriples, writers

    return writers.turtle(ntriples.document(g))


def ontology_files(base: str = DEFAULT_BASE) -> dict[str, bytes]:
    """The deterministic contents of ``ontology/``: file name → Turtle bytes.

    Raises ``InputError`` naming the table when any check fails, so no caller can write a
    broken ontology.
    """
    from mkgraph.rdf.vocab import actors_graph, schemes_graph

    iris = Iris(base)
    onto = ontology_graph(iris)
    problems = check_ontology(onto)
    if problems:
        raise InputError(TERMS_TABLE, f"{len(problems)} problem(s), first: {problems[0]}")
    schemes, actors = schemes_graph(iris), actors_graph(iris)
    for name, g in (("tables/concepts", schemes), ("tables/actors.csv", actors)):
        problems = check_vocabulary(g)
        if problems:
            raise InputError(name, f"{len(problems)} problem(s), first: {problems[0]}")
    return {
        "mkgraph.ttl": _turtle(onto),
        "schemes.ttl": _turtle(schemes),
        "actors.ttl": _turtle(actors),
    }


def write_ontology(folder: Path, base: str = DEFAULT_BASE) -> list[Path]:
    """Write ``ontology_files`` into ``folder`` atomically; return the paths written."""
    files = {Path(folder) / name: data for name, data in ontology_files(base).items()}
    write_all(files)
    return sorted(files)
