"""The optional `resolution` parameter pages the listing queries: on a record of several
resolutions, the pages together are exactly the whole listing, each page holds only its
own resolution's rows, and an unknown resolution gives no rows.

The record is three copies of the seed with rewritten resolution IRIs (the copies that
benchmarks/queries.py measures), so every page has the same shape and the test can
compare a page with the seed's own result row for row.
"""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

from mkgraph.api import run_query
from mkgraph.queries import catalogue

ROOT = Path(__file__).resolve().parents[1]
R = "https://w3id.org/mkgraph/id/resolution/intmk/2017/top-2.1"
PARAMS = {"search": {"word": "Geflüchtete"}, "text": {"part": "a"}, "demands": {"addressee": "Bund"}}


def _bench():
    spec = importlib.util.spec_from_file_location("bench_queries", ROOT / "benchmarks" / "queries.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def record(seed_graph, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("record") / "record.nt"
    out.write_text(_bench().copies(seed_graph.read_text(encoding="utf-8"), 3), encoding="utf-8")
    return out


PAGED = sorted(n for n, q in catalogue().items()
               if any(p.name == "resolution" and not p.required for p in q.parameters))


def test_the_listings_are_paged():
    assert {"statements", "demands", "parts", "search", "text", "non-applicants", "applicants",
            "demands-by-addressee", "statements-by-field", "instruments", "target-groups"} <= set(PAGED)


@pytest.mark.parametrize("name", PAGED)
def test_pages_make_up_the_whole(name, record):
    params = PARAMS.get(name, {})
    whole = run_query(name, data=[record], **params).rows
    pages = [run_query(name, data=[record], resolution=f"{R}-copy{i}", **params).rows for i in range(3)]
    assert all(pages), name
    if name in ("demands-by-addressee", "statements-by-field"):
        # counts: the page counts add up to the whole-record counts
        total = Counter()
        for page in pages:
            for row in page:
                total[row[:-1]] += row[-1]
        assert total == Counter({row[:-1]: row[-1] for row in whole})
    elif name == "applicants":
        # one row per Land either way; a Land moved some resolution iff it moved a copy
        assert [r[:-1] for r in whole] == [r[:-1] for p in pages for r in p][: len(whole)]
        assert [r[-1] for r in whole] == [any(p[i][-1] for p in pages) for i in range(len(whole))]
    elif name in ("instruments", "target-groups"):
        # rows with a statement: the pages together; a concept named nowhere: empty everywhere
        named = lambda rows: sorted(repr(r) for r in rows if r[3] is not None)  # noqa: E731
        assert named(whole) == sorted(x for p in pages for x in named(p))
        empty = lambda rows: {r[0] for r in rows if r[3] is None}  # noqa: E731
        assert empty(whole) == set.intersection(*(empty(p) for p in pages))
    else:
        assert sorted(map(repr, whole)) == sorted(repr(r) for p in pages for r in p)


@pytest.mark.parametrize("name", ["statements", "demands", "parts", "search", "text", "instruments", "target-groups"])
def test_a_page_is_its_resolution_only(name, record, seed_graph):
    params = PARAMS.get(name, {})
    page = run_query(name, data=[record], resolution=f"{R}-copy1", **params).rows
    seed = run_query(name, data=[seed_graph], **params).rows
    # the same rows as the seed itself, with the copy's IRIs, and nothing of the other copies
    renamed = [tuple(v.replace(R, R + "-copy1") if isinstance(v, str) else v for v in row) for row in seed]
    assert page == tuple(renamed)


def test_unknown_resolution_gives_nothing(record):
    assert run_query("statements", data=[record], resolution=R + "-nowhere").rows == ()
