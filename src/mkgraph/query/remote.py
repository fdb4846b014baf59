"""Run a saved query against any SPARQL 1.1 endpoint (SPARQLWrapper).

A remote endpoint offers no standard way to bind variables, so parameter values are
written into the query as SPARQL terms: each value was checked and converted by
queries.to_term (an IRI against RFC 3987, a typed literal) and is escaped by
Term.sparql, so it is only ever one term. ``x" } ; DROP ALL ; #`` becomes the string
literal "x\\" } ; DROP ALL ; #". Substitution replaces variable tokens only (never text
inside strings, IRIs or comments), which is SEP-0007's semantics: the same rows as the
embedded store's bound run.
"""

from __future__ import annotations

import socket
import urllib.error

from mkgraph.errors import InputError
from mkgraph.query.catalogue import Query, Term, next_page_probe, paged_text, tokens
from mkgraph.query.results import Result, from_json_results, graph_result, paged

TIMEOUT = 10.0  # seconds, for connecting and for the answer


def substitute(text: str, bindings: dict[str, Term]) -> str:
    """The query text with each bound variable replaced by its escaped term.

    In a SELECT projection a bare variable becomes ``(term AS ?var)`` so the column stays.
    """
    out: list[str] = []
    in_projection = False
    depth = 0
    for t in tokens(text):
        if t.kind == "word":
            w = t.text.upper()
            if w == "SELECT":
                in_projection, depth = True, 0
            elif w in ("WHERE", "FROM"):
                in_projection = False
        elif t.kind == "other":
            if t.text == "{":
                in_projection = False
            elif t.text == "(":
                depth += 1
            elif t.text == ")":
                depth -= 1
        if t.kind == "var" and t.text[1:] in bindings:
            term = bindings[t.text[1:]].sparql()
            out.append(f"({term} AS {t.text})" if in_projection and depth == 0 else term)
        else:
            out.append(t.text)
    return "".join(out)


def _wrapper(endpoint: str):
    from SPARQLWrapper import POST, SPARQLWrapper

    sw = SPARQLWrapper(endpoint)
    sw.setMethod(POST)
    sw.setTimeout(int(TIMEOUT))
    return sw


def _fail(endpoint: str, err: BaseException) -> InputError:
    from SPARQLWrapper import SPARQLExceptions as E

    if isinstance(err, urllib.error.HTTPError):
        body = err.read().decode("utf-8", "replace").strip().splitlines()
        return InputError(endpoint, f"endpoint answered HTTP {err.code}: {(body or [err.reason])[0]}")
    if isinstance(err, urllib.error.URLError):
        return InputError(endpoint, f"endpoint unreachable (timeout {TIMEOUT:g} s): {err.reason}")
    if isinstance(err, (socket.timeout, TimeoutError)):
        return InputError(endpoint, f"endpoint did not answer within {TIMEOUT:g} s")
    if isinstance(err, E.SPARQLWrapperException):
        lines = [ln.strip() for ln in str(err).splitlines() if ln.strip()]
        # SPARQLWrapper prefixes a generic sentence; the server's own words come after.
        detail = next((ln for ln in lines if ln.startswith("Response:")), None)
        i = lines.index(detail) if detail else -1
        msg = lines[i + 1] if detail and i + 1 < len(lines) else lines[0]
        return InputError(endpoint, f"endpoint error ({type(err).__name__}): {msg}")
    return InputError(endpoint, f"endpoint error: {type(err).__name__}: {err}")


def run(endpoint: str, query: Query, bindings: dict[str, Term], page: int = 1) -> Result:
    """Run the query on the endpoint; the same Result the embedded store gives."""
    import pyoxigraph as ox
    from SPARQLWrapper import JSON, TURTLE

    if not endpoint.startswith(("http://", "https://")):
        raise InputError(f"--endpoint {endpoint}", "not an http(s) URL")
    subst = substitute(query.text, bindings)
    text = paged_text(query, subst, page)
    sw = _wrapper(endpoint)
    sw.setQuery(text)
    # SPARQLWrapper guesses the query form with a regex that takes a variable such as
    # ?addressees for the update keyword ADD and then POSTs "update=…"; our lexer knows.
    sw.queryType = query.form
    try:
        if query.form in ("CONSTRUCT", "DESCRIBE"):
            sw.setReturnFormat(TURTLE)
            raw = sw.query().response.read()
            try:
                triples = list(ox.parse(raw, format=ox.RdfFormat.TURTLE))
            except SyntaxError as err:
                raise InputError(endpoint, f"endpoint answer is not Turtle: {str(err).splitlines()[0]}") from None
            result = graph_result(sorted({f"{t.subject} {t.predicate} {t.object} ." for t in triples}))
        else:
            sw.setReturnFormat(JSON)
            data = sw.query().convert()
            if not isinstance(data, dict) or ("results" not in data and "boolean" not in data):
                raise InputError(endpoint, "endpoint answer is not SPARQL JSON results")
            result = from_json_results(data)
    except InputError:
        raise
    except Exception as err:  # noqa: BLE001 - every transport/server failure is reported in one line
        raise _fail(endpoint, err) from None
    if not query.pagination:
        return result
    probe = _wrapper(endpoint)
    probe.setQuery(next_page_probe(query, subst, page))
    probe.queryType = "ASK"
    probe.setReturnFormat(JSON)
    try:
        more = probe.query().convert()
    except Exception as err:  # noqa: BLE001 - as above
        raise _fail(endpoint, err) from None
    if not isinstance(more, dict) or "boolean" not in more:
        raise InputError(endpoint, "endpoint answer to the next-page ASK is not SPARQL JSON results")
    return paged(result, page, bool(more["boolean"]))
