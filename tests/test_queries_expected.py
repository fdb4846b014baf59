"""Every saved query over the seed graph and the mini fixture, compared exactly with the
reviewed CSV files in tests/queries/expected/, plus facts checked by hand.

Regenerate the CSV files after a deliberate change (then read the diff!):
    python tests/test_queries_expected.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mkgraph.api import run_query
from mkgraph.query.catalogue import catalogue

HERE = Path(__file__).resolve().parent
EXPECTED = HERE / "queries" / "expected"
MINI = HERE / "queries" / "mini.ttl"
R = "https://w3id.org/mkgraph/id/resolution/intmk/2017/top-2.1"
MR = "https://w3id.org/mkgraph/id/resolution/mini/2020/top-1.1"

# (dataset, query, parameters): every query at least once per dataset, filters both ways.
CASES = {
    "seed": [
        ("resolution", {}), ("applicants", {}), ("applicants", {"resolution": R}), ("parts", {}),
        ("statements", {}), ("demands", {}), ("demands", {"addressee": "Bund"}),
        ("demands", {"field": "a", "targetGroup": "asylum-seekers"}),
        ("demands-by-addressee", {}), ("statements-by-field", {}), ("non-applicants", {}),
        ("actors", {}), ("instruments", {}), ("target-groups", {}), ("text", {"part": "3"}),
        ("text", {"part": "a"}), ("provenance", {"statement": R + "/statement/demand-8440-8545"}),
        ("links", {}), ("search", {"word": "WOHNRAUMFOERDERUNG"}), ("search", {"word": "Geflüchtete"}),
        ("describe", {"resource": "https://w3id.org/mkgraph/id/land/DE-BY"}),
        ("demands-by-addressee-and-field", {}), ("search-text", {"word": "Wohlstand"}),
        ("statements-by-kind", {"kind": "acknowledgement,criticism"}), ("concerned", {}),
    ],
    "mini": [
        ("resolution", {}), ("applicants", {}), ("parts", {}), ("statements", {}), ("demands", {}),
        ("demands", {"addressee": "https://w3id.org/mkgraph/id/actor/laender"}),
        ("demands", {"addressee": "Kommunen"}), ("demands", {"field": "language"}),
        ("demands", {"targetGroup": 'x" } ; DROP ALL ; #'}),
        ("demands-by-addressee", {}), ("statements-by-field", {}), ("non-applicants", {}),
        ("actors", {}), ("instruments", {}), ("target-groups", {}), ("text", {"part": "2"}),
        ("provenance", {"statement": MR + "/statement/finding-103-160"}), ("links", {}),
        ("search", {"word": "netzwerke"}), ("describe", {"resource": MR + "/statement/demand-280-390"}),
        ("demands-by-addressee-and-field", {}), ("search-text", {"word": "netzwerke"}),
        ("statements-by-kind", {"kind": "Forderung, finding"}), ("concerned", {}),
    ],
}


def fixture_name(dataset: str, name: str, params: dict) -> Path:
    tail = "".join(f"--{k}={v}" for k, v in sorted(params.items()))
    safe = "".join(c if c.isalnum() or c in "-=._" else "_" for c in tail)
    return EXPECTED / dataset / f"{name}{safe}.csv"


def ids():
    return [(d, n, p) for d, cases in CASES.items() for n, p in cases]


# The catalogue of issue #4; queries other engineers add (linked-records,
# federated-records …) carry their own tests.
ISSUE_4 = {
    "resolution", "applicants", "parts", "statements", "demands", "demands-by-addressee",
    "statements-by-field", "non-applicants", "actors", "instruments", "target-groups", "text",
    "provenance", "links", "search", "describe",
}
# the researcher's queries of issue 14
ISSUE_14 = {"demands-by-addressee-and-field", "search-text", "statements-by-kind", "concerned"}


def test_every_query_has_a_case():
    names = set(catalogue())
    assert ISSUE_4 | ISSUE_14 <= names
    for dataset, cases in CASES.items():
        assert {n for n, _ in cases} == ISSUE_4 | ISSUE_14, dataset


@pytest.mark.parametrize("dataset,name,params", ids(), ids=lambda x: x if isinstance(x, str) else "")
def test_expected(dataset, name, params, seed_graph):
    data = seed_graph if dataset == "seed" else MINI
    got = run_query(name, data=[data], **params).to_csv()
    assert got == fixture_name(dataset, name, params).read_text(encoding="utf-8")


# -- facts checked by hand against the source text ---------------------------------------
def test_applicants_seed(seed_graph):
    rows = run_query("applicants", data=[seed_graph]).records()
    assert len(rows) == 16
    assert sum(r["applicant"] for r in rows) == 15
    assert [r["label"] for r in rows if not r["applicant"]] == ["Bayern"]
    by = next(r for r in rows if r["iso"] == "DE-BY")
    assert by["wikidata"] == "http://www.wikidata.org/entity/Q980"
    none = run_query("applicants", data=[seed_graph], resolution="https://example.org/other").records()
    assert len(none) == 16 and not any(r["applicant"] for r in none)


def test_resolution_seed(seed_graph):
    (row,) = run_query("resolution", data=[seed_graph]).records()
    assert row["applicantCount"] == 15
    assert row["vote"] == "mehrheitlich"
    assert row["title"] == "Integration schafft Zusammenhalt"
    assert (row["startDate"], row["endDate"], row["place"]) == ("2017-03-16", "2017-03-17", "Friedrichshafen")
    assert row["top"] == "TOP 2.1" and row["documentType"] == "Leitantrag"


def test_parts_seed(seed_graph):
    rows = run_query("parts", data=[seed_graph]).records()
    assert len(rows) == 17
    assert [r["number"] for r in rows] == [str(i) for i in range(1, 12)] + list("abcdef")
    assert all(r["start"] < r["end"] for r in rows)
    assert all(a["end"] <= b["start"] for a, b in zip(rows, rows[1:]))


def test_quotes_are_the_original_characters(seed_graph):
    from mkgraph.text.textmap import cut

    original = (HERE.parent / "sources" / "intmk-2017-top-2-1.txt").read_text(encoding="utf-8")
    rows = run_query("statements", data=[seed_graph]).records()
    assert rows
    for r in rows:
        assert cut(original, r["start"], r["end"]) == r["quote"]


def test_filters_narrow(seed_graph):
    everything = run_query("demands", data=[seed_graph])
    bund = run_query("demands", data=[seed_graph], addressee="bund")
    assert 0 < len(bund) <= len(everything)
    assert all("Bund" in r["addressees"].split("; ") for r in bund)
    assert len(run_query("demands", data=[seed_graph], addressee="Niemand")) == 0


def test_search_is_case_and_umlaut_insensitive(seed_graph):
    a = run_query("search", data=[seed_graph], word="Geflüchtete").rows
    b = run_query("search", data=[seed_graph], word="GEFLUECHTETE").rows
    assert a and a == b


def regenerate() -> None:
    from mkgraph.store import record

    seed = HERE.parent / "graph" / "dataset.nt"
    if not seed.is_file():
        import tempfile

        seed = Path(tempfile.mkdtemp()) / "dataset.nt"
        seed.write_bytes(record.exports_of(validate=False).files["graph/dataset.nt"])
    for dataset, name, params in ids():
        path = fixture_name(dataset, name, params)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(run_query(name, data=[seed if dataset == "seed" else MINI], **params).to_csv(), encoding="utf-8")
        print(path.relative_to(HERE))


if __name__ == "__main__":
    sys.exit(regenerate())
