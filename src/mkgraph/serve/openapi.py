"""The OpenAPI document: FastAPI's own routes plus one operation per saved query, from its #+ header."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from mkgraph.query.catalogue import shown_parameters
from mkgraph.serve import conneg
from mkgraph.serve.catalogue import SavedQuery

_SCHEMA = {"iri": {"type": "string", "format": "uri"}, "string": {"type": "string"},
           "literal": {"type": "string"}, "integer": {"type": "integer"}, "decimal": {"type": "number"},
           "boolean": {"type": "boolean"}, "date": {"type": "string", "format": "date"}}


# ?format= values per kind of answer (conneg.FORMAT_ALIASES names them all)
_FORMATS = {"results": ["json", "xml", "csv", "tsv"], "graph": ["ttl", "nt", "jsonld", "rdfxml"]}


def _typed(value: str, type_: str):
    """A header value (always text in the #+ YAML) as the JSON type its schema says."""
    try:
        if type_ == "integer":
            return int(value)
        if type_ == "decimal":
            return float(value)
    except ValueError:
        return value
    if type_ == "boolean" and str(value).lower() in ("true", "false"):
        return str(value).lower() == "true"
    return value


def _operation(q: SavedQuery) -> dict:
    params = []
    for p in shown_parameters(q):
        schema = dict(_SCHEMA.get(p.type, {"type": "string"}))
        if p.default is not None:
            schema["default"] = _typed(p.default, p.type)
        desc = p.description or ""
        if p.type == "iri":
            desc = (desc + " " if desc else "") + "(a full IRI, or a path under the id/ base such as actor/bund)"
        params.append({"name": p.name, "in": "query", "required": p.required, "schema": schema,
                       "description": desc,
                       **({"example": _typed(p.example, p.type)} if p.example is not None else {})})
    # what the operation answers in: results for SELECT/ASK, graphs for CONSTRUCT/DESCRIBE
    kind = "graph" if q.form in ("CONSTRUCT", "DESCRIBE") else "results"
    params.append({"name": "format", "in": "query", "required": False,
                   "schema": {"type": "string", "enum": _FORMATS[kind]},
                   "description": "overrides the Accept header"})
    media = {m: {} for m in (conneg.GRAPHS if kind == "graph" else conneg.RESULTS)}
    err = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    return {"get": {
        "operationId": "query_" + q.name.replace("-", "_"),
        "summary": q.summary or q.name, "description": q.description or "", "tags": list(q.tags) or ["queries"],
        "parameters": params,
        "responses": {"200": {"description": "results by content negotiation", "content": media},
                      "400": {"description": "bad parameter", "content": err},
                      "406": {"description": "no acceptable media type", "content": err},
                      "503": {"description": "timeout or busy", "content": err}}}}


def openapi_document(app: FastAPI, queries: dict[str, SavedQuery]) -> dict:
    doc = get_openapi(title="mkgraph API", version=app.version, routes=app.routes,
                      description="Saved SPARQL queries over the mkgraph knowledge graph; "
                                  "the SPARQL 1.1 endpoint is at /sparql.")
    for q in queries.values():
        doc.setdefault("paths", {})[f"/api/queries/{q.name}"] = _operation(q)
    doc.setdefault("components", {}).setdefault("schemas", {})["Error"] = {
        "type": "object", "required": ["error", "status"],
        "properties": {"error": {"type": "string"}, "status": {"type": "integer"},
                       "links": {"type": "array", "items": {"type": "object"}}}}
    return doc
