"""One triple, one graph: how a resolution's triples are split between named graphs.

A resolution's graph also describes nodes that other resolutions describe too (its
session, conference, source file, the curation and rules activities). Put whole into the
resolution's named graph, such a triple sits in several graphs, and a store that answers
over the union of its named graphs without de-duplicating (Oxigraph, and others) returns
every row about it once per resolution. So:

- a triple whose subject is the resolution or under ``<resolution>/`` is the resolution's
  own and stays in its named graph (``named_graph``);
- every other triple goes to ONE shared graph (``<base>id/graph/shared``), the set-union
  over all resolutions, minus what the vocabulary graph already holds;
- the vocabulary keeps ``<base>id/graph/vocabulary``.

The record's store, its N-Quads and the TriG export (from the store's files) use this module.
"""

from __future__ import annotations

import re

from rdflib import URIRef

SHARED = "id/graph/shared"
VOCABULARY = "id/graph/vocabulary"


def shared_name(base: str) -> str:
    return base + SHARED


def vocabulary_name(base: str) -> str:
    return base + VOCABULARY


def split_ntriples(nt: bytes, resolution: str) -> tuple[bytes, bytes]:
    """(own, shared) lines of an N-Triples document, each in the order given (so sorted
    input gives sorted halves); blank lines dropped. Subjects are IRIs: the model has no
    blank nodes."""
    # compared as bytes: the subject IRI as written is the resolution's or under it.
    # Only the lines that are not the resolution's own (a few: its session, conference …)
    # are visited; its own are copied once, as the runs between them (a 2 MB text's
    # 510,000 lines as objects took 120 MB beside the document)
    if b"\r" in nt:  # a line break N-Triples allows that the pattern does not see
        return _split_lines(nt, resolution)
    own_line = b"<" + re.escape(resolution.encode()) + b"[>/]"
    starts = [m.end() for m in re.finditer(b"\n(?!" + own_line + b")", nt) if m.end() < len(nt)]
    if nt and not re.match(own_line, nt):
        starts.insert(0, 0)
    if not starts:
        return nt, b""
    view = memoryview(nt)
    own, shared, pos = [], [], 0
    for start in starts:
        end = nt.find(b"\n", start) + 1 or len(nt)
        own.append(view[pos:start])
        if nt[start:end].strip():
            shared.append(nt[start:end])
        pos = end
    own.append(view[pos:])
    return b"".join(own), b"".join(shared)


def _split_lines(nt: bytes, resolution: str) -> tuple[bytes, bytes]:
    exact, under = f"<{resolution}>".encode(), f"<{resolution}/".encode()
    own, shared = [], []
    for line in nt.splitlines(keepends=True):
        if not line.strip():
            continue
        (own if line.startswith(exact) or line.startswith(under) else shared).append(line)
    return b"".join(own), b"".join(shared)


def named_graph(iri: URIRef, iris) -> URIRef:
    """The TriG graph name of a resolution: its IRI with ``id/`` -> ``id/graph/``."""
    prefix = iris.base + "id/"
    return URIRef(prefix + "graph/" + str(iri)[len(prefix):])
