"""Sorted N-Triples written straight from triples of rdflib terms, without a Graph (and,
for the exports that need one, an rdflib Graph read back from them: ``graph``).

The record build serialises every resolution (≈3,300 triples) once; going through an
rdflib Graph and its N-Triples serializer cost more than assembling the triples. This
writer is ``export.to_ntriples`` for every graph without blank nodes (tests/test_fastpath.py
compares it with rdflib's serializer on every corpus text and on generated ones): each term
as rdflib's N-Triples serializer writes it, lines sorted and unique.

Lines are kept as UTF-8 bytes, each with its newline: sorting UTF-8 bytes gives the code
point order of the strings, no line is a prefix of another (each ends with " ."), and a
2 MB text's 500,000 lines then cost their bytes once instead of as strings, a joined
string and its encoding (0.9 GB where the triples themselves take 0.13 GB).
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Literal, URIRef


def literal(term: Literal) -> str:
    """A literal as rdflib's N-Triples serializer writes it (nt._quoteLiteral)."""
    text = '"' + str(term).replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r") + '"'
    if term.language:
        return f"{text}@{term.language}"
    if term.datatype:
        return f"{text}^^<{term.datatype}>"
    return text


class Rendered(str):
    """A term already written as N-Triples writes it: a builder that makes only lines
    (mkgraph.rdf.assemble) need not make an rdflib Literal first (108,000 offsets of a
    2 MB text took 0.4 s as Literals)."""

    __slots__ = ()


def term(t) -> str:
    if isinstance(t, Literal):
        return literal(t)
    if isinstance(t, URIRef):
        return f"<{t}>"
    if isinstance(t, Rendered):
        return str(t)
    raise TypeError(f"no N-Triples form for {t!r} (the graph has no blank nodes)")


def line(s, p, o) -> bytes:
    """One triple's line (UTF-8, ending in a newline); a subject and a predicate is always an IRI here."""
    # only "\n" and "\r" are escaped: other line separators (U+2028, \x0c …) are legal in
    # an N-Triples string and stay inside their line
    kind = type(o)  # the usual two first, without isinstance's walk
    obj = f"<{o}>" if kind is URIRef else o if kind is Rendered else term(o)
    return f"<{s}> <{p}> {obj} .\n".encode("utf-8")


def lines(triples: Iterable[tuple]) -> list[bytes]:
    """The sorted, unique N-Triples lines (UTF-8, each ending in a newline) of
    (subject, predicate, object) rdflib terms."""
    return sorted({line(s, p, o) for s, p, o in triples})


def join_unique(lines: list) -> bytes:
    """Sorted lines (bytes or bytearrays, each ending in a newline) as one document,
    each line once."""
    return b"".join([line for line, before in zip(lines, [None, *lines]) if line != before])


def document(triples: Iterable[tuple]) -> bytes:
    """Sorted, de-duplicated N-Triples of (subject, predicate, object) rdflib terms."""
    return b"".join(lines(triples))


def graph(data: bytes):
    """The rdflib Graph of N-Triples bytes, parsed by Oxigraph: half the time of rdflib's
    own parser (0.11 against 0.21 s for the seed's 6,266 triples), the same triples. A
    literal without language tag or datatype, and one of xsd:string, both come back
    without a datatype (Oxigraph does not tell them apart, N-Triples 1.1 does not either)."""
    import pyoxigraph as ox
    from rdflib import BNode, Graph
    from rdflib.namespace import XSD

    g = Graph()
    xsd_string = str(XSD.string)
    iris: dict[str, URIRef] = {}  # one URIRef per IRI: the same node recurs in many triples

    def node(t):
        if type(t) is ox.NamedNode:
            r = iris.get(t.value)
            if r is None:
                r = iris[t.value] = URIRef(t.value)
            return r
        if type(t) is ox.BlankNode:
            return BNode(t.value)
        if t.language:
            return Literal(t.value, lang=t.language)
        dt = t.datatype.value
        return Literal(t.value, datatype=None if dt == xsd_string else node(t.datatype))

    add, context = g.store.add, g
    for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES, lenient=True):
        add((node(t.subject), node(t.predicate), node(t.object)), context)
    return g

