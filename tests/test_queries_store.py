"""`--store` / `store=`: a record build's on-disk store (one named graph per resolution,
one shared, one vocabulary; each triple in exactly one graph), opened read-only and
queried as the union of its named graphs, gives the rows the file-based run gives, for
every saved query; a missing or unreadable store is a one-line input error naming --store."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from test_queries_expected import CASES
from click.testing import CliRunner

from mkgraph.api import run_query
from mkgraph.cli import app
from mkgraph.errors import InputError
from conftest import bench_module

ROOT = Path(__file__).resolve().parents[1]
@pytest.mark.parametrize("name,params", CASES["seed"], ids=lambda x: x if isinstance(x, str) else "")
def test_store_equals_files(name, params, record_store, seed_graph):
    on_disk = run_query(name, store=record_store, **params)
    files = run_query(name, data=[seed_graph], **params)
    assert on_disk.columns == files.columns
    assert on_disk.rows == files.rows
    assert on_disk == files


def test_without_union_the_named_graphs_are_invisible(record_store):
    # the reason for use_default_graph_as_union: the default graph itself is empty
    st = ox.Store.read_only(str(record_store))
    assert not list(st.query("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"))
    assert list(st.query("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1", use_default_graph_as_union=True))


def test_missing_store(tmp_path):
    with pytest.raises(InputError, match="--store") as err:
        run_query("parts", store=tmp_path / "nowhere")
    assert "\n" not in str(err.value)


def test_not_a_store(tmp_path):
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / "CURRENT").write_text("garbage\n")
    with pytest.raises(InputError, match="--store"):
        run_query("parts", store=tmp_path / "junk")


def test_store_and_data_together(record_store, seed_graph):
    with pytest.raises(InputError, match="one of --data, --endpoint, --store"):
        run_query("parts", store=record_store, data=[seed_graph])


def test_cli_store(record_store):
    runner = CliRunner()
    ok = runner.invoke(app, ["query", "run", "parts", "--store", str(record_store), "-f", "csv"])
    assert ok.exit_code == 0, ok.output
    assert ok.output.splitlines()[0] == "part,kind,number,title,start,end"
    bad = runner.invoke(app, ["query", "run", "parts", "--store", "/nonexistent/store"])
    assert bad.exit_code == 2
    assert "--store" in bad.output and "Traceback" not in bad.output


def test_cli_says_there_is_a_next_page(tmp_path, seed_graph):

    bench = bench_module("queries")
    record = tmp_path / "record.nt"
    record.write_text(bench.copies(seed_graph.read_text(encoding="utf-8"), 2), encoding="utf-8")
    runner = CliRunner()
    first = runner.invoke(app, ["query", "run", "statements", "-d", str(record), "-f", "csv"])
    assert first.exit_code == 0
    assert "--param page=2" in first.output
    last = runner.invoke(app, ["query", "run", "statements", "-d", str(record), "-f", "csv", "-p", "page=2"])
    assert last.exit_code == 0 and "--param page=" not in last.output
    after = runner.invoke(app, ["query", "run", "statements", "-d", str(record), "-p", "page=3"])
    assert after.exit_code == 1
