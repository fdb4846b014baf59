"""Serialise query results (a capped list of solutions, a boolean, or triples) to bytes.

Our own writers for SELECT/ASK because a capped result is a plain list, which pyoxigraph's
writers do not take; graphs go through pyoxigraph's serialiser.
"""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


def term_json(t) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        d = {"type": "literal", "value": t.value}
        if t.language:
            d["xml:lang"] = t.language
        elif t.datatype.value != XSD_STRING:
            d["datatype"] = t.datatype.value
        return d
    return {"type": "triple", "value": {k: term_json(getattr(t, k)) for k in ("subject", "predicate", "object")}}


def term_xml(t) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{escape(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            return f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value)}</literal>"
        if t.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(t.datatype.value)}>{escape(t.value)}</literal>"
        return f"<literal>{escape(t.value)}</literal>"
    return f"<literal>{escape(str(t))}</literal>"


def term_csv(t) -> str:
    if t is None:
        return ""
    if isinstance(t, ox.BlankNode):
        return "_:" + t.value
    if isinstance(t, (ox.NamedNode, ox.Literal)):
        return t.value
    return str(t)


def select(variables: list[str], rows: list[list], media: str) -> bytes:
    """rows: one list of terms (or None) per solution, in the order of variables."""
    if media == "application/sparql-results+json":
        bindings = [{v: term_json(t) for v, t in zip(variables, row) if t is not None} for row in rows]
        return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                          ensure_ascii=False).encode()
    if media == "application/sparql-results+xml":
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
        out += [f"<variable name={quoteattr(v)}/>" for v in variables]
        out.append("</head><results>")
        for row in rows:
            out.append("<result>")
            out += [f"<binding name={quoteattr(v)}>{term_xml(t)}</binding>"
                    for v, t in zip(variables, row) if t is not None]
            out.append("</result>")
        out.append("</results></sparql>\n")
        return "".join(out).encode()
    if media == "text/csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(variables)
        for row in rows:
            w.writerow([term_csv(t) for t in row])
        return buf.getvalue().encode()
    if media == "text/tab-separated-values":
        # TSV carries terms in their Turtle/N-Triples form, as the SPARQL 1.1 TSV format says.
        lines = ["\t".join("?" + v for v in variables)]
        for row in rows:
            lines.append("\t".join("" if t is None else str(t) for t in row))
        return ("\n".join(lines) + "\n").encode()
    raise ValueError(media)


def boolean(value: bool, media: str) -> bytes:
    if media == "application/sparql-results+json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if media == "application/sparql-results+xml":
        v = "true" if value else "false"
        return (f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{v}</boolean></sparql>\n").encode()
    if media == "text/csv":
        return f"_askResult\r\n{'true' if value else 'false'}\r\n".encode()
    if media == "text/tab-separated-values":
        return f"?_askResult\n{'true' if value else 'false'}\n".encode()
    raise ValueError(media)


def graph(triples: list, media: str, prefixes: dict[str, str] | None = None) -> bytes:
    # Sorted so the same question gives byte-identical answers.
    triples = sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    fmt = GRAPH_FORMATS[media]
    if fmt is ox.RdfFormat.TURTLE:
        return ox.serialize(triples, format=fmt, prefixes=prefixes or {})
    return ox.serialize(triples, format=fmt)
