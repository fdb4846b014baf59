"""The whole catalogue against a real Oxigraph server gives what the embedded store gives;
injection attempts stay literals; endpoint failures are one-line input errors."""

from __future__ import annotations

import pytest
from test_queries_expected import CASES, MINI

from mkgraph.query import remote
from mkgraph.api import run_query
from mkgraph.errors import InputError
from conftest import bench_module


@pytest.mark.parametrize("name,params", CASES["seed"], ids=lambda x: x if isinstance(x, str) else "")
def test_remote_equals_local_seed(name, params, seed_graph, oxigraph_server):
    server = oxigraph_server([seed_graph])
    local = run_query(name, data=[seed_graph], **params)
    far = run_query(name, endpoint=server.query, **params)
    assert far.columns == local.columns
    assert far.rows == local.rows
    assert far.to_csv() == local.to_csv()


@pytest.mark.parametrize("name,params", CASES["mini"], ids=lambda x: x if isinstance(x, str) else "")
def test_remote_equals_local_mini(name, params, oxigraph_server):
    server = oxigraph_server([MINI])
    assert run_query(name, endpoint=server.query, **params) == run_query(name, data=[MINI], **params)


@pytest.mark.parametrize("evil", ['x" } ; DROP ALL ; #', "x' } DELETE WHERE { ?s ?p ?o } #", 'a\\" }\n#', "\u00e4\"\"\" }"])
def test_injection_stays_a_literal(evil, oxigraph_server):
    server = oxigraph_server([MINI])
    before = run_query("statements", endpoint=server.query)
    for where in ({"endpoint": server.query}, {"data": [MINI]}):
        assert len(run_query("search", word=evil, **where)) == 0
        assert len(run_query("demands", addressee=evil, **where)) == 0
    assert run_query("statements", endpoint=server.query) == before
    # the substituted text holds exactly one string literal where the variable was
    from mkgraph.query.catalogue import bind, find

    q = find("search")
    text = remote.substitute(q.text, bind(q, {"word": evil}))
    assert "?_word" not in text and "DROP ALL ;" not in text.replace('DROP ALL ; #"', "")


def test_quote_in_value_matches_remote(oxigraph_server):
    server = oxigraph_server([MINI])
    # the mini graph has a quote with "Netzwerke" in double quotes
    word = '"Netzwerke"'
    assert len(run_query("search", word=word, endpoint=server.query)) == 1
    assert len(run_query("search", word=word, data=[MINI])) == 1


def test_unreachable_endpoint():
    with pytest.raises(InputError) as err:
        run_query("parts", endpoint="http://127.0.0.1:9/query")
    assert "127.0.0.1:9" in str(err.value) and "unreachable" in str(err.value)


def test_endpoint_error(oxigraph_server, tmp_path):
    server = oxigraph_server([MINI])
    with pytest.raises(InputError) as err:
        run_query("parts", endpoint=server.base + "/no-such-path")
    assert server.base in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize("name", ["statements", "target-groups", "demands"])
def test_remote_pages_equal_store_pages(name, seed_graph, oxigraph_server, tmp_path):
    # A page is a slice of the store's scan order of resolutions (no ORDER BY: that is
    # what makes a page cheap, docs/queries.md). Every on-disk Oxigraph store scans in
    # the same order (by a hash of the IRI), so an Oxigraph server and `--store` give the
    # same page, and the next-page ASK agrees. (An in-memory store scans in another
    # order: its pages are complete and disjoint too, tests/test_queries_paging.py.)

    import pyoxigraph as ox

    bench = bench_module("queries")
    record = tmp_path / "record.nt"
    record.write_text(bench.copies(seed_graph.read_text(encoding="utf-8"), 7), encoding="utf-8")
    disk = ox.Store(str(tmp_path / "store"))
    disk.bulk_load(path=str(record), format=ox.RdfFormat.N_TRIPLES)
    disk.flush()
    del disk
    server = oxigraph_server([record])
    page, seen = 1, 0
    while page:
        local = run_query(name, store=tmp_path / "store", page=page)
        far = run_query(name, endpoint=server.query, page=page)
        assert far == local and far.page == page
        seen += 1
        page = local.next_page
    assert seen > 1
