"""grlc runs every saved query unchanged (issue 14, item 6).

grlc's own code does the work: gquery.get_metadata parses the file and its `#+` header,
rewrite_query writes the parameter values in (textually, `?__resolution_iri` -> `<…>`),
paginate_query strips every `LIMIT n`/`OFFSET n` and appends `LIMIT N OFFSET …` for
`#+ pagination: N`, and utils.dispatchSPARQLQuery sends the result to an endpoint over
HTTP. The rows grlc gets must be the rows `mkgraph query run` gives:

* parameters grlc leaves out (it applies no default itself) mean what our defaults mean;
* an IRI written into a key subquery still parses (`SELECT *`, not `SELECT ?__…`);
* grlc's pages are N rows of the whole ordered answer (its meaning of `pagination`),
  ours N resolutions; all pages together are the same rows (docs/queries.md, Paging).
"""

from __future__ import annotations

import json
import logging
import shutil
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from grlc import fileLoaders, gquery
from grlc import utils as grlc_utils

from mkgraph.api import run_query
from mkgraph.query.catalogue import Query, catalogue
from mkgraph.query.results import Result, from_json_results, from_ox_solutions, from_ox_triples
from conftest import bench_module

logging.getLogger("grlc").setLevel(logging.ERROR)

ROOT = Path(__file__).resolve().parents[1]
R = "https://w3id.org/mkgraph/id/resolution/intmk/2017/top-2.1"
NO_ENDPOINT = "http://127.0.0.1:9/unused"  # get_metadata wants one; enumerations are off
# Typical values; every query also runs with only its required parameters (the header's
# examples) and, if it has one, with `resolution`.
TYPICAL = {
    "demands": [{"addressee": "Bund"}, {"field": "a", "targetGroup": "asylum-seekers"}],
    "search": [{"word": "Geflüchtete"}],
    "text": [{"part": "a"}],
    "describe": [{"resource": "https://w3id.org/mkgraph/id/land/DE-BW"}],
}
# needs a second endpoint behind SERVICE (tests/test_federation.py runs it)
NOT_RUN = {"federated-records"}
# our pages repeat the concepts no statement names (empty statement columns) on every
# page; grlc's row pages hold each row once
EVERY_CONCEPT_ON_EVERY_PAGE = {"instruments", "target-groups"}


def _required(q: Query) -> dict[str, str]:
    return {p.name: p.example for p in q.parameters if p.required}


def cases() -> list[tuple[str, dict[str, str]]]:
    out = []
    for name, q in catalogue().items():
        if name in NOT_RUN:
            continue
        base = _required(q)
        out.append((name, base))
        out += [(name, {**base, **extra}) for extra in TYPICAL.get(name, [])]
        if any(p.name == "resolution" for p in q.parameters):
            out.append((name, {**base, "resolution": R}))
    return out


def grlc_text(q: Query, params: dict[str, str], page: int = 1, per_page: int | None = None) -> tuple[str, dict]:
    """The text grlc sends for these request arguments, and grlc's metadata. per_page
    overrides the header's page size (to get every row in one page)."""
    md = gquery.get_metadata(q.text, NO_ENDPOINT)
    text = gquery.rewrite_query(md["original_query"], md["parameters"], params)
    if md["type"] == "SelectQuery" and "pagination" in md:
        text = gquery.paginate_query(text, per_page or md["pagination"], {"page": page})
    return text, md


def run_on(store: ox.Store, text: str) -> Result:
    answer = store.query(text)
    return from_ox_solutions(answer) if isinstance(answer, ox.QuerySolutions) else from_ox_triples(answer)


def rows(result: Result) -> Counter:
    return Counter(result.triples) if result.triples is not None else Counter(result.rows)


ALL = 10**9  # a page larger than any answer: grlc's query without the LIMITs it strips


def check_grlc_pages(store: ox.Store, q: Query, params: dict[str, str]) -> Result:
    """Every row grlc can get (one page of ALL rows); its pages 1, 2 and the last are the
    slices of that ordered answer it promises. Returns the whole answer."""
    whole = run_on(store, grlc_text(q, params, per_page=ALL)[0])
    n = q.pagination
    if n and q.form == "SELECT":
        last = max(1, -(-len(whole.rows) // n))
        for page in sorted({1, 2, last, last + 1}):
            got = run_on(store, grlc_text(q, params, page)[0]).rows
            assert got == whole.rows[(page - 1) * n: page * n], (q.name, page)
    return whole


def ours_all(q: Query, params: dict[str, str], data: Path) -> Counter:
    got, page = Counter(), 1
    while True:
        result = run_query(q.name, data=[data], **({**params, "page": page} if q.pagination else params))
        got += rows(result)
        if not q.pagination or not result.next_page:
            return got
        page = result.next_page


@pytest.fixture(scope="module")
def seed_store(seed_graph) -> ox.Store:
    st = ox.Store()
    st.load(path=str(seed_graph), format=ox.RdfFormat.N_TRIPLES)
    return st


def test_grlc_reads_our_parameters():
    for name, q in catalogue().items():
        md = gquery.get_metadata(q.text, NO_ENDPOINT)
        assert md["type"] in ("SelectQuery", "ConstructQuery"), name
        theirs = {k: (p["required"], p.get("format") == "iri") for k, p in md["parameters"].items()}
        ours = {p.name: (p.required, p.type == "iri") for p in q.parameters}
        assert theirs == ours, name
        assert md.get("pagination") == q.pagination, name


@pytest.mark.parametrize("name,params", cases(), ids=lambda x: x if isinstance(x, str) else "-".join(x) or "defaults")
def test_same_rows_as_mkgraph(name, params, seed_store, seed_graph):
    q = catalogue()[name]
    whole = check_grlc_pages(seed_store, q, params)
    assert rows(whole) == ours_all(q, params, seed_graph)


def test_without_defaults_actors_counts_the_whole_dataset(seed_store):
    # grlc sends nothing for an empty parameter: the query itself must mean the dataset
    q = catalogue()["actors"]
    text, _ = grlc_text(q, {})
    assert "?__resolution_iri" in text
    got = run_on(seed_store, text)
    assert got.rows == run_query("actors").rows
    assert len(got.rows) == len({r[0] for r in got.rows})  # one row per actor


def test_an_iri_in_a_key_subquery_parses(seed_store):
    for name, q in catalogue().items():
        if "resolution" not in {p.name for p in q.parameters}:
            continue
        text, _ = grlc_text(q, {**_required(q), "resolution": R})
        assert "?__resolution_iri" not in text, name
        seed_store.query(text)  # raises SyntaxError if grlc's rewrite broke the query


@pytest.fixture(scope="module")
def record(seed_graph, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("grlc-record") / "record.nt"
    out.write_text(bench_module("queries").copies(seed_graph.read_text(encoding="utf-8"), 7), encoding="utf-8")
    return out


@pytest.mark.parametrize("name", sorted(n for n, q in catalogue().items() if q.pagination and n != "describe"))
def test_grlc_pages_cover_the_record(name, record):
    """On 7 resolutions our pages and grlc's differ in size, but together hold the same rows."""
    q = catalogue()[name]
    params = {**_required(q), **(TYPICAL.get(name) or [{}])[0]}
    st = ox.Store()
    st.load(path=str(record), format=ox.RdfFormat.N_TRIPLES)
    got = rows(check_grlc_pages(st, q, params))
    ours = ours_all(q, params, record)
    if name in EVERY_CONCEPT_ON_EVERY_PAGE:
        assert set(got) == set(ours) and max(got.values()) == 1
    else:
        assert got == ours
    assert sum(got.values()) > 0


def test_grlc_dispatches_to_the_oxigraph_server(oxigraph_server, tmp_path):
    """grlc end to end: its local loader reads queries/ (endpoint.txt names the endpoint),
    its dispatcher rewrites, pages and POSTs to the real Oxigraph server."""
    server = oxigraph_server()
    folder = tmp_path / "queries"
    shutil.copytree(ROOT / "queries", folder)
    (folder / "endpoint.txt").write_text(server.query + "\n", encoding="utf-8")
    loader = fileLoaders.LocalLoader(str(folder))
    for name, params in [("actors", {}), ("statements-by-field", {}), ("demands", {"resolution": R}),
                         ("statements", {"resolution": R, "page": "1"}), ("parts", {"page": "2"})]:
        text, _ = loader.getTextForName(name)
        body, status, headers = grlc_utils.dispatchSPARQLQuery(
            text, loader, params, "application/sparql-results+json", None, {}, "http://127.0.0.1/api-local/" + name)
        assert status == 200, (name, body)
        got = from_json_results(json.loads(body))
        q = catalogue()[name]
        page = int(params.pop("page", 1))
        # The seed is one resolution, so our page 1 is the whole answer in the query's
        # order, and grlc's page p is its rows (p-1)·N … p·N.
        ours = run_query(name, **params).rows
        n = q.pagination or len(ours)
        assert got.rows == ours[(page - 1) * n: page * n], name
        assert got.rows, name

