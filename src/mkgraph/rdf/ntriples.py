"""Sorted N-Triples written straight from triples of rdflib terms, without a Graph.

The record build serialises every resolution (≈3,300 triples) once; going through an
rdflib Graph and its N-Triples serializer cost more than assembling the triples. This
writer is ``export.to_ntriples`` for every graph without blank nodes (tests/test_fastpath.py
compares it with rdflib's serializer on every corpus text and on generated ones): each term
as rdflib's N-Triples serializer writes it, lines sorted and unique.
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


def term(t) -> str:
    if isinstance(t, Literal):
        return literal(t)
    if isinstance(t, URIRef):
        return f"<{t}>"
    raise TypeError(f"no N-Triples form for {t!r} (the graph has no blank nodes)")


def document(triples: Iterable[tuple]) -> bytes:
    """Sorted, de-duplicated N-Triples of (subject, predicate, object) rdflib terms."""
    lines = set()
    add = lines.add
    # a subject and predicate is always an IRI here; objects that recur (an IRI, a small
    # number) are formatted once
    seen: dict = {}
    for s, p, o in triples:
        obj = seen.get(o)
        if obj is None:
            obj = seen[o] = term(o)
        add(f"<{s}> <{p}> {obj} .")
    # only "\n" and "\r" are escaped: other line separators (U+2028, \x0c …) are legal in
    # an N-Triples string and stay inside their line
    return ("\n".join(sorted(lines)) + "\n").encode("utf-8")
