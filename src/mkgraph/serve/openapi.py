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


def _operation(q: SavedQuery) -> dict:
    params = []
    for p in shown_parameters(q):
        schema = dict(_SCHEMA.get(p.type, {"type": "string"}))
        if p.example is not None:
            schema["example"] = p.example
        if p.default is not None:
            schema["default"] = p.default
        desc = p.description or ""
        if p.type == "iri":
            desc = (desc + " " if desc else "") + "(a full IRI, or a path under the id/ base such as actor/bund)"
        params.append({"name": p.name, "in": "query", "required": p.required, "schema": schema,
                       "description": desc})
    params.append({"name": "format", "in": "query", "required": False,
                   "schema": {"type": "string", "enum": ["json", "xml", "csv", "tsv", "ttl", "nt", "jsonld"]},
                   "description": "overrides the Accept header"})
    media = {m: {} for m in conneg.RESULTS + conneg.GRAPHS}
    err = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    return {"get": {
        "operationId": "query_" + q.name.replace("-", "_"),
        "summary": q.summary or q.name, "description": q.description, "tags": list(q.tags) or ["queries"],
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
