"""Sorted N-Triples written straight from triples of rdflib terms, without a Graph.

The record build serialises every resolution (≈3,300 triples) once; going through an
rdflib Graph and its N-Triples serializer cost more than assembling the triples. This
writer gives the same bytes as ``export.to_ntriples(graph)`` for a graph holding the same
triples (tests/test_fastpath.py compares them on every corpus text and on generated
ones): each term as rdflib's N-Triples serializer writes it, lines sorted and unique.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Literal, URIRef

# str.splitlines breaks at these besides "\n" and "\r"; export.to_ntriples splits the
# serializer's output with it, so a literal holding one is split there too (see document).
# Looked for in the UTF-8 bytes: `in` on bytes is a memchr, a regex over the text was a
# fifth of the writer's time.
_OTHER_BREAKS = tuple(c.encode("utf-8") for c in "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


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
    data = ("\n".join(sorted(lines)) + "\n").encode("utf-8")
    if any(b in data for b in _OTHER_BREAKS):  # rare: do exactly what export.to_ntriples does
        text = data.decode("utf-8")
        data = ("\n".join(sorted({line for line in text.splitlines() if line.strip()})) + "\n").encode("utf-8")
    return data
