"""Federation: the saved query joins our graph with a second SPARQL endpoint via SERVICE,
run against two real Oxigraph servers on 127.0.0.1 (ours, and one holding the invented
example dataset shipped in src/mkgraph/examples/link/)."""

from __future__ import annotations

from pathlib import Path

from mkgraph.api import run

ROOT = Path(__file__).resolve().parents[1]
GOVDATA = ROOT / "src" / "mkgraph" / "examples" / "link" / "govdata-example.ttl"


def test_federated_query_joins_two_live_servers(oxigraph_server, seed_graph):
    ours = oxigraph_server([seed_graph])
    theirs = oxigraph_server([GOVDATA])
    assert ours.base != theirs.base
    rows = run("federated-records", {"service": theirs.query}, endpoint=ours.query).records()
    got = [(r["iso"], r["record"].rsplit("/", 1)[-1], r["title"]) for r in rows]
    # the two invented records with the state keys 08 and 09; the record with key 99 matches no Land
    assert got == [
        ("DE-BW", "integrationskurse-bw", "Teilnahmen an Integrationskursen in Baden-Württemberg (erfunden)"),
        ("DE-BY", "sprachkitas-by", "Sprach-Kitas in Bayern (erfunden)"),
    ]


def test_the_join_needs_the_second_server(oxigraph_server, seed_graph):
    """Against an endpoint without those records the same query finds nothing: the rows
    above come from the SERVICE call, not from our own store."""
    ours = oxigraph_server([seed_graph])
    rows = run("federated-records", {"service": ours.query}, endpoint=ours.query).records()
    assert rows == []
