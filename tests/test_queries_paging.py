"""The optional `resolution` parameter pages the listing queries: on a record of several
resolutions, the pages together are exactly the whole listing, each page holds only its
own resolution's rows, and an unknown resolution gives no rows.

The record is three copies of the seed with rewritten resolution IRIs (the copies that
benchmarks/queries.py measures), so every page has the same shape and the test can
compare a page with the seed's own result row for row.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from mkgraph.api import run_query
from mkgraph.errors import InputError
from mkgraph.query.catalogue import catalogue
from conftest import bench_module

ROOT = Path(__file__).resolve().parents[1]
R = "https://w3id.org/mkgraph/id/resolution/intmk/2017/top-2.1"
PARAMS = {"search": {"word": "Geflüchtete"}, "search-text": {"word": "Integration"}, "text": {"part": "a"}, "demands": {"addressee": "Bund"},
          "describe": {"resource": "https://w3id.org/mkgraph/id/land/DE-BW"},
          "statements-by-kind": {"kind": "acknowledgement,criticism"}}


def _bench():
    mod = bench_module("queries")
    return mod


@pytest.fixture(scope="module")
def record(seed_graph, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("record") / "record.nt"
    out.write_text(_bench().copies(seed_graph.read_text(encoding="utf-8"), 3), encoding="utf-8")
    return out


BY_RESOLUTION = sorted(n for n, q in catalogue().items()
                       if any(p.name == "resolution" and not p.required for p in q.parameters))
PAGINATED = sorted(n for n, q in catalogue().items() if q.pagination)
# pages of resolutions; `describe` pages the arcs pointing at its resource instead
BY_RESOLUTION_PAGES = sorted(n for n, q in catalogue().items() if q.pagination and "?__resolution_iri" in q.text)
RESOLUTIONS = [f"{R}-copy{i}" for i in range(3)]


def test_the_listings_take_a_resolution():
    assert {"statements", "demands", "parts", "search", "text", "non-applicants", "applicants",
            "demands-by-addressee", "statements-by-field", "instruments", "target-groups"} <= set(BY_RESOLUTION)


def test_the_listings_are_paginated():
    # every listing that grows with the record has pages (grlc's `#+ pagination`)
    assert {"resolution", "statements", "demands", "parts", "search", "text", "non-applicants",
            "instruments", "target-groups"} <= set(PAGINATED)


def _one_per_page(tmp: Path) -> Path:
    """The catalogue with every page one resolution long, so that 3 copies make 3 pages."""
    folder = tmp / "queries"
    folder.mkdir(exist_ok=True)
    for name, q in catalogue().items():
        text = q.text
        if q.pagination:
            n = q.pagination
            text = text.replace(f"#+ pagination: {n}\n", "#+ pagination: 1\n").replace(f"LIMIT {n} ", "LIMIT 1 ")
        (folder / f"{name}.rq").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def single(tmp_path_factory) -> Path:
    return _one_per_page(tmp_path_factory.mktemp("single"))


def _pages(name, record, folder, **params):
    pages, page = [], 1
    while page:
        result = run_query(name, data=[record], queries_folder=folder, page=page, **params)
        assert result.page == page
        pages.append(result.rows)
        page = result.next_page
        assert len(pages) <= 20, "more pages than expected"
    return pages


def test_describe_pages_the_arcs_pointing_at_the_resource(record, single):
    land = "https://w3id.org/mkgraph/id/land/DE-BW"  # moved all three copies
    whole = run_query("describe", data=[record], resource=land).rows
    incoming = {t for t in whole if t[2] == land}
    outgoing = {t for t in whole if t[0] == land}
    applied = {t[0] for t in incoming if t[1].endswith("#applicant")}
    assert applied == set(RESOLUTIONS) and outgoing
    pages = _pages("describe", record, single, resource=land)
    assert len(pages) == len(incoming)
    for page in pages:  # one arc per page, the resource's own triples on every page
        assert len({t for t in page if t[2] == land}) == 1 and outgoing <= set(page)
    assert set().union(*map(set, pages)) == set(whole)


@pytest.mark.parametrize("name", BY_RESOLUTION_PAGES)
def test_each_page_is_one_resolution_and_the_pages_are_all(name, record, single):
    params = PARAMS.get(name, {})
    pages = _pages(name, record, single, **params)
    assert len(pages) == 3, name  # exactly: the probe says there is no 4th page
    after = run_query(name, data=[record], queries_folder=single, page=4, **params).rows
    if name in ("instruments", "target-groups"):
        assert after and all(r[3] is None for r in after)  # every concept, no statement
    else:
        assert after == ()
    if name == "resolution":
        by_res = {res: [r for r in pages[0] + pages[1] + pages[2] if r[0] == res] for res in RESOLUTIONS}
        assert sorted(p[0][0] for p in pages) == RESOLUTIONS
        assert all(len(v) == 1 for v in by_res.values())
        return
    singles = [run_query(name, data=[record], resolution=res, **params).rows for res in RESOLUTIONS]
    assert all(singles), name
    # each page is the listing of one resolution, and each resolution is one page
    assert sorted(map(repr, pages)) == sorted(map(repr, singles))


@pytest.mark.parametrize("name", PAGINATED)
def test_the_real_page_size_keeps_the_seed_whole(name, seed_graph):
    # one page holds at least one resolution: the seed (one resolution) is one page
    params = PARAMS.get(name, {})
    result = run_query(name, data=[seed_graph], **params)
    assert result.rows and result.page == 1 and result.next_page is None


def test_a_given_resolution_is_one_page(record):
    r = run_query("statements", data=[record], resolution=RESOLUTIONS[1])
    assert r.rows and r.next_page is None
    assert run_query("statements", data=[record], resolution=RESOLUTIONS[1], page=2).rows == ()


@pytest.mark.parametrize("bad", ["0", "-1", "x", "1.5", ""])
def test_a_bad_page_is_input_error(bad, record):
    with pytest.raises(InputError, match="--param page"):
        run_query("statements", data=[record], page=bad)


def test_page_on_an_unpaginated_query_is_input_error(record):
    with pytest.raises(InputError, match="no parameter 'page'"):
        run_query("links", data=[record], page=2)


def test_pagination_header_needs_its_limit(tmp_path, record):
    bad = tmp_path / "bad.rq"
    bad.write_text("#+ pagination: 10\nSELECT ?s WHERE { ?s ?p ?o } LIMIT 5\n", encoding="utf-8")
    with pytest.raises(InputError, match="LIMIT 10"):
        run_query(str(bad), data=[record])


@pytest.mark.parametrize("name", ["demands-by-addressee", "statements-by-field", "applicants"])
def test_resolution_pages_of_counts_add_up(name, record):
    params = PARAMS.get(name, {})
    whole = run_query(name, data=[record], **params).rows
    pages = [run_query(name, data=[record], resolution=res, **params).rows for res in RESOLUTIONS]
    assert all(pages), name
    if name == "applicants":
        # one row per Land either way; a Land moved some resolution iff it moved a copy
        assert [r[:-1] for r in whole] == [r[:-1] for p in pages for r in p][: len(whole)]
        assert [r[-1] for r in whole] == [any(p[i][-1] for p in pages) for i in range(len(whole))]
        return
    total = Counter()
    for page in pages:
        for row in page:
            total[row[:-1]] += row[-1]
    assert total == Counter({row[:-1]: row[-1] for row in whole})


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
