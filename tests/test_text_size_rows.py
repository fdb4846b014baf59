"""benchmarks/scale.py's text-size rows (issue 15) on small texts: each form through the
real `mkgraph ingest --format nt` and `mkgraph build --source` processes and the timed
child, with what they made counted (times and memory are printed, never asserted)."""

from __future__ import annotations

from conftest import bench_module

scale = bench_module("scale")


def test_text_size_rows_count_what_each_step_made(tmp_path):
    r = scale.text_size_rows(tmp_path, sizes=(40_000,), timeout=300, corpus_texts=3)
    rows = {row["form"]: row for row in r["rows"]}
    assert set(rows) == {"long", "tops"}
    assert rows["long"]["resolutions"] == 1 and rows["tops"]["resolutions"] > 3
    for row in rows.values():
        assert row["conforms"] is True and row["triples"] > 1_000 and row["statements"] > 10
        assert set(row["stages"]) >= {"parse (text/)", "extract", "assemble (N-Triples)", "validate (fastcheck)"}
        assert {"extract+validate", "store (bulk load)"} <= set(row["build_steps"])
        assert row["ingest_rss_mb"] > 0 and row["build_rss_mb"] > 0
    # what ingest wrote is every resolution's N-Triples, one file each, with the child's triples
    written = sorted((tmp_path / "text-size" / "out-tops-40000").glob("*.nt"))
    assert len(written) == rows["tops"]["resolutions"]
    assert sum(p.read_bytes().count(b"\n") for p in written) == rows["tops"]["triples"]
    table = scale.text_size_table(r)
    assert table.count("\n| long |") == 1 and "corpus texts (n = 3" in table
