"""The whole catalogue against a real Oxigraph server gives what the embedded store gives;
injection attempts stay literals; endpoint failures are one-line input errors."""

from __future__ import annotations

import pytest

from mkgraph import remote
from mkgraph.api import run_query
from mkgraph.errors import InputError
from test_queries_expected import CASES, MINI


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
    from mkgraph.queries import find, bind

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
