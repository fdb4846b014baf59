"""Push the built dataset into any SPARQL 1.1 store through the Graph Store Protocol.

One named graph per resolution, one for what resolutions share and one for the
vocabulary (mkgraph.rdf.partition; the graph names of graph/dataset.nq, graph/dataset.trig
or the record's on-disk store graph/store), each sent as ``PUT <graph-store>?graph=<name>``
with an N-Triples body: PUT replaces the graph, so loading twice leaves the store as
loading once, and a load that stopped halfway is completed by running it again.

Every request is retried with exponential backoff on connection errors, 5xx and 429.
When a graph still fails, the load stops (the endpoint is down or refuses us), and the
report names the graphs that were loaded and those that were not.

The saved queries read the default graph, so the store must answer them over the union
of its named graphs (Oxigraph: ``serve --union-default-graph``; see docs/scale.md for
Fuseki, GraphDB, QLever and Virtuoso).
"""

from __future__ import annotations

import base64
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from mkgraph.errors import InputError

FORMATS = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG}
RETRY_STATUS = {429, 500, 502, 503, 504}
TIMEOUT = 60.0


@dataclass
class LoadReport:
    loaded: list[str] = field(default_factory=list)  # graph names, in the order sent
    failed: list[str] = field(default_factory=list)  # the graph that failed and every one not sent
    error: str | None = None
    triples: int = 0  # triples sent in loaded graphs

    @property
    def complete(self) -> bool:
        return not self.failed


def graph_store_url(endpoint: str, graph_store: str | None) -> str:
    """The Graph Store Protocol URL: given, or derived from a query endpoint whose
    layout is known (Oxigraph …/query -> …/store, Fuseki …/sparql or …/query -> …/data
    is not guessed: Oxigraph's is)."""
    if graph_store:
        return graph_store
    if endpoint.rstrip("/").endswith("/query"):
        return endpoint.rstrip("/")[: -len("query")] + "store"
    raise InputError("--graph-store", f"cannot derive the Graph Store URL from {endpoint}; pass --graph-store")


def auth_header(auth: str | None) -> dict[str, str]:
    if not auth:
        return {}
    user, sep, password = auth.partition(":")
    if not sep or not user:
        raise InputError("--auth", "expected user:password")
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def graphs(path: Path) -> Iterator[tuple[str, bytes, int]]:
    """(graph name, N-Triples body, triple count) per named graph of an N-Quads or TriG
    file, in file order (record.build_record and export write each graph in one run), or
    of the record's store (a folder), in name order."""
    if path.is_dir():
        yield from store_graphs(path)
        return
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(str(path), "load needs N-Quads (.nq) or TriG (.trig): one named graph per resolution")
    if not path.is_file():
        raise InputError(str(path), "no such file (run 'mkgraph build' first)")
    current, triples = None, []
    try:
        for quad in ox.parse(path=str(path), format=fmt):
            if isinstance(quad.graph_name, ox.DefaultGraph):
                raise InputError(str(path), f"a triple outside any named graph: {quad.subject} {quad.predicate} …")
            name = quad.graph_name.value
            if name != current:
                if current is not None:
                    yield current, _ntriples(triples), len(triples)
                current, triples = name, []
            triples.append(ox.Triple(quad.subject, quad.predicate, quad.object))
    except SyntaxError as err:
        raise InputError(str(path), f"cannot read: {str(err).splitlines()[0]}") from None
    if current is not None:
        yield current, _ntriples(triples), len(triples)


def store_graphs(folder: Path) -> Iterator[tuple[str, bytes, int]]:
    """The named graphs of the record's on-disk store (record.build_record's), in name
    order: the cached N-Triples files it was loaded from, as record.store_files names
    them (the store would hand back canonicalised literals), each checked against the
    hash the store's state recorded."""
    import hashlib

    from mkgraph.store.record import store_files

    for name, path, sha in store_files(folder):
        try:
            body = path.read_bytes()
        except OSError:
            body = None
        if body is None or hashlib.sha256(body).hexdigest() != sha:
            raise InputError(str(path), f"the cached graph <{name}> changed since the store was built "
                             "(run 'mkgraph build')")
        yield name, body, body.count(b"\n")


def _ntriples(triples: list) -> bytes:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


def put_graph(url: str, graph: str, body: bytes, headers: dict[str, str], retries: int = 4,
              backoff: float = 0.5, sleep: Callable[[float], None] = time.sleep) -> None:
    """PUT one graph; raises OSError (connection) or urllib.error.HTTPError after the retries."""
    target = f"{url}{'&' if '?' in url else '?'}{urllib.parse.urlencode({'graph': graph})}"
    for attempt in range(retries + 1):
        req = urllib.request.Request(target, data=body, method="PUT",
                                     headers={"Content-Type": "application/n-triples", **headers})
        try:
            with urllib.request.urlopen(req, timeout=TIMEOUT) as resp:
                resp.read()
                return
        except urllib.error.HTTPError as err:
            if err.code not in RETRY_STATUS or attempt == retries:
                raise
        except (urllib.error.URLError, OSError):
            if attempt == retries:
                raise
        sleep(backoff * 2 ** attempt)


def load(path: Path, endpoint: str, graph_store: str | None = None, auth: str | None = None,
         retries: int = 4, backoff: float = 0.5, progress: bool = False,
         sleep: Callable[[float], None] = time.sleep) -> LoadReport:
    """Send every named graph of path to the store; see the module docstring."""
    url = graph_store_url(endpoint, graph_store)
    headers = auth_header(auth)
    names = _graph_names(path)
    report = LoadReport()
    bar = _bar(progress, len(names))
    with bar:
        task = bar.add_task("load", total=len(names)) if progress else None
        for name, body, n in graphs(path):
            try:
                put_graph(url, name, body, headers, retries, backoff, sleep)
            except urllib.error.HTTPError as err:
                report.error = f"{url}: HTTP {err.code} {err.reason} for graph <{name}>"
            except (urllib.error.URLError, OSError) as err:
                reason = getattr(err, "reason", err)
                report.error = f"{url}: {reason} for graph <{name}>"
            if report.error:
                report.failed = names[len(report.loaded):]
                break
            report.loaded.append(name)
            report.triples += n
            if progress:
                bar.advance(task)
    return report


def _graph_names(path: Path) -> list[str]:
    """The graph names in file order (a first pass: the report lists what was not sent)."""
    if path.is_dir():
        from mkgraph.store.record import store_files

        return [name for name, _, _ in store_files(path)]
    if path.suffix.lower() == ".nq" and path.is_file():
        out, last = [], None
        with open(path, "rb") as f:
            for line in f:
                line = line.rstrip()
                if not line or line.startswith(b"#"):
                    continue
                name = line[line.rstrip(b" .").rfind(b"<") + 1: line.rstrip(b" .").rfind(b">")]
                if name != last:
                    out.append(name.decode("utf-8"))
                    last = name
        return out
    return [name for name, _, _ in graphs(path)]


def _bar(enabled: bool, total: int):
    from mkgraph.store.cache import _progress

    return _progress(enabled, total)


def remote_count(endpoint: str, auth: str | None = None) -> int:
    """Triples in the store's named graphs (what a load put there)."""
    q = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"})
    req = urllib.request.Request(f"{endpoint}?{q}", headers={"Accept": "application/sparql-results+json",
                                                             **auth_header(auth)})
    import json

    with urllib.request.urlopen(req, timeout=TIMEOUT) as resp:
        return int(json.load(resp)["results"]["bindings"][0]["n"]["value"])
