"""Deterministic serialisations of a graph: same triples, same bytes, on every run.

rdflib's own JSON-LD and N-Triples writers follow the store's iteration order, which
depends on Python's per-process hash seed; so N-Triples lines are sorted and JSON-LD
nodes and values are sorted here. There are no blank nodes (docs/model.md), so no
renaming is needed.
"""

from __future__ import annotations

import json

from rdflib import Graph

from mkgraph.namespaces import PREFIXES, bind_prefixes

FORMATS = {
    "ttl": ("turtle", "text/turtle"),
    "nt": ("nt", "application/n-triples"),
    "jsonld": ("json-ld", "application/ld+json"),
}


def to_ntriples(graph: Graph) -> bytes:
    lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    return ("\n".join(sorted(set(line for line in lines if line.strip()))) + "\n").encode("utf-8")


def to_turtle(graph: Graph) -> bytes:
    # Re-parse the sorted N-Triples so insertion order cannot leak into the output.
    g = bind_prefixes(Graph())
    g.parse(data=to_ntriples(graph), format="nt")
    return g.serialize(format="turtle", encoding="utf-8")


def default_context() -> dict:
    return {prefix: str(ns) for prefix, ns in sorted(PREFIXES.items())}


def _sorted_jsonld(node):
    if isinstance(node, dict):
        return {k: _sorted_jsonld(v) for k, v in sorted(node.items())}
    if isinstance(node, list):
        items = [_sorted_jsonld(v) for v in node]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return node


def to_jsonld(graph: Graph, context: dict | None = None) -> bytes:
    context = context or default_context()
    raw = graph.serialize(format="json-ld", context=context, auto_compact=True, encoding="utf-8")
    doc = json.loads(raw)
    body = {k: v for k, v in doc.items() if k != "@context"}
    if "@graph" not in body:
        body = {"@graph": [body]} if body else {"@graph": []}
    out = {"@context": context, "@graph": _sorted_jsonld(body["@graph"])}
    return (json.dumps(out, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def serialise(graph: Graph, fmt: str) -> bytes:
    if fmt == "ttl":
        return to_turtle(graph)
    if fmt == "nt":
        return to_ntriples(graph)
    if fmt == "jsonld":
        return to_jsonld(graph)
    raise ValueError(fmt)
