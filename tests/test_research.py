"""A policy researcher's use with only the docs (issue 14, items 10-12): counts true for the
data queried, an ingested graph answering alone, `--data A B`, a readable terminal, filters
as people type them, the target-group hierarchy, search over the whole text, the cross count
of demands by addressee and field, and a DataFrame."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mkgraph.api import run_query

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "graph" / "dataset.nt"
IMK = ROOT / "tests" / "ingest" / "imk-2021-top-12.txt"  # one demand to the Bund, one to the BKA


def mkgraph(*args, cwd=ROOT, columns: int | None = None):
    env = {**os.environ}
    env.pop("COLUMNS", None)
    if columns:
        env["COLUMNS"] = str(columns)
    return subprocess.run([sys.executable, "-m", "mkgraph", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, env=env)


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("ingested")
    r = mkgraph("ingest", str(IMK), "--out", str(out))
    assert r.returncode == 0, r.stderr
    (graph,) = out.glob("*.ttl")
    return graph


def _count(rows, addressee, kind="demand"):
    return sum(r["count"] for r in rows if r["addressee"] == addressee and r["kind"] == kind)


# -- 10: counts of the data queried -------------------------------------------------------------
def test_adding_an_ingested_resolution_counts_its_demands(ingested):
    seed = run_query("demands-by-addressee").records()
    both = run_query("demands-by-addressee", data=[SEED, ingested]).records()
    assert _count(seed, "Bund") == 6
    assert _count(both, "Bund") == 7 and _count(both, "Bundeskriminalamt") == 1
    actors = {r["label"]: r for r in run_query("actors", data=[SEED, ingested]).records()}
    assert actors["Innenministerkonferenz"]["speaks"] > 0 and actors["Bund"]["addressed"] > \
        {r["label"]: r for r in run_query("actors").records()}["Bund"]["addressed"]
    fields = run_query("statements-by-field", data=[SEED, ingested]).records()
    seed_fields = run_query("statements-by-field").records()
    assert sum(r["count"] for r in fields) == sum(r["count"] for r in seed_fields) + \
        sum(r["count"] for r in run_query("statements-by-field", data=[ingested]).records())


@pytest.mark.parametrize("name", ["actors", "demands-by-addressee", "demands-by-addressee-and-field",
                                  "statements-by-field", "concerned"])
def test_counts_of_several_files_are_what_counting_them_finds(name, ingested):
    """The tallies counted on load give the rows of the raw counting queries (tests/oracles/)."""
    oracle = ROOT / "tests" / "oracles" / f"{name}.rq"
    data = [SEED, ingested]
    assert run_query(name, data=data).rows == run_query(str(oracle), data=data).rows
    alone = run_query(name, data=[ingested]).rows
    assert alone == run_query(str(oracle), data=[ingested]).rows
    assert alone or name == "concerned"  # the IMK text names no target group or instrument


def test_the_cross_count_filtered_by_addressee_is_the_raw_count(ingested):
    oracle = str(ROOT / "tests" / "oracles" / "demands-by-addressee-and-field.rq")
    for data in ([SEED], [SEED, ingested]):
        for typed in ("bund", "https://w3id.org/mkgraph/id/actor/bund", "Bundeskriminalamt"):
            rows = run_query("demands-by-addressee-and-field", data=data, addressee=typed).rows
            assert rows == run_query(oracle, data=data, addressee=typed).rows, (typed, data)
            assert rows or (typed == "Bundeskriminalamt" and len(data) == 1)


def test_the_seed_given_with_data_counts_what_the_build_counted():
    for name in ("demands-by-addressee", "demands-by-addressee-and-field", "statements-by-field", "actors",
                 "concerned"):
        assert run_query(name, data=[SEED]).rows == run_query(name).rows, name


def test_an_ingested_graph_alone_answers_with_labels(ingested):
    demands = run_query("demands", data=[ingested]).records()
    assert sorted(d["addressees"] for d in demands) == ["Bund", "Bundeskriminalamt"]
    rows = run_query("demands-by-addressee", data=[ingested]).records()
    assert {(r["addressee"], r["kind"], r["count"]) for r in rows} == {("Bund", "demand", 1),
                                                                       ("Bundeskriminalamt", "demand", 1)}


def test_data_takes_several_files_after_one_flag(ingested):
    r = mkgraph("query", "run", "demands-by-addressee", "--data", str(SEED), str(ingested), "-f", "csv")
    assert r.returncode == 0, r.stderr
    assert "Bund,demand,7" in r.stdout.splitlines()
    r = mkgraph("query", "run", "demands", str(ingested))
    assert r.returncode == 2
    assert r.stderr.strip() == f"mkgraph: {ingested}: unexpected extra argument; data files follow --data"


# -- 11: the terminal ---------------------------------------------------------------------------
def test_the_readme_command_is_readable_at_80_columns():
    r = mkgraph("query", "run", "demands", columns=80)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines and max(len(line) for line in lines) <= 80
    assert all(line == line.rstrip() for line in lines)
    # the quote reads as words, not 8-character cells
    text = " ".join(line.strip() for line in lines)
    assert "quote: Die IntMK fordert den Bund auf, Sprach- und Integrationskurse bedarfsgerecht bundesweit " \
           "bereitzustellen" in text
    assert sum(line.startswith(tuple(f"{n}. " for n in range(1, 10))) for line in lines) == 7


def test_a_narrow_result_stays_a_table_and_wide_terminals_get_one():
    r = mkgraph("query", "run", "non-applicants", columns=80)
    assert "┃" in r.stdout or "│" in r.stdout  # 4 short columns fit
    r = mkgraph("query", "run", "demands", columns=400)
    assert "│" in r.stdout


def test_demands_in_action_fields_have_a_position():
    rows = run_query("demands").records()
    assert rows and all(r["position"] for r in rows)
    by_start = {r["start"]: r["position"] for r in rows}
    assert by_start[8440] == "field a ¶2" and by_start[9198] == "field a ¶3"


# -- 12: what a researcher asks ---------------------------------------------------------------------
@pytest.mark.parametrize("typed,letter", [("Sprache", "a"), ("sprachförderung", "a"), ("language", "a"),
                                          ("Engagement", "e")])
def test_field_filter_takes_a_word_of_the_label(typed, letter):
    rows = run_query("demands", field=typed).records()
    assert rows and {r["field"] for r in rows} == {letter}


def test_a_letter_is_not_read_as_a_word_of_every_label():
    assert {r["field"] for r in run_query("demands", field="a").records()} == {"a"}


def test_target_group_filter_follows_the_hierarchy():
    refugees = {r["demand"] for r in run_query("demands", targetGroup="Geflüchtete").records()}
    asylum = {r["demand"] for r in run_query("demands", targetGroup="Asylbewerber").records()}
    tolerated = {r["demand"] for r in run_query("demands", targetGroup="tolerated-persons").records()}
    assert asylum and tolerated and asylum | tolerated <= refugees
    rows = {r["label"]: r for r in run_query("target-groups").records() if r["statement"]}
    assert rows["Asylbewerberinnen und Asylbewerber"]["within"] == "Geflüchtete"
    assert all(r["position"].startswith(("point ", "field ")) for r in rows.values())


def test_search_text_finds_sentences_no_statement_quotes():
    word = "Wohlstand"
    assert run_query("search", word=word).rows == ()
    rows = run_query("search-text", word=word).records()
    assert len(rows) == 1 and rows[0]["statements"] == 0 and rows[0]["position"] == "field b ¶1"
    text = (ROOT / "sources" / "intmk-2017-top-2-1.txt").read_text(encoding="utf-8")
    assert word in text[rows[0]["start"]:rows[0]["end"]]
    chapeau = run_query("search-text", word="Handlungsfelder").records()
    assert [(r["position"], r["statements"]) for r in chapeau] == [("chapeau 1 ¶1", 1)]
    quoted = run_query("search-text", word="Wohnraumfoerderung").records()
    assert quoted and all(r["statements"] >= 1 for r in quoted)


def test_demands_by_addressee_and_field_counts_the_demands_query():
    counts = run_query("demands-by-addressee-and-field").records()
    demands = run_query("demands").records()
    for c in counts:
        assert c["demands"] == sum(1 for d in demands if c["addressee"] in d["addressees"].split("; ")
                                   and d["actionField"] == c["actionField"]), c
    assert ("Bund", "Integration durch Sprache und Sprachförderung", 6) in {tuple(c.values()) for c in counts}


def test_to_pandas():
    pd = pytest.importorskip("pandas")
    import mkgraph

    frame = mkgraph.to_pandas("demands-by-addressee-and-field")
    assert isinstance(frame, pd.DataFrame) and str(frame["demands"].dtype) == "Int64"
    table = frame.pivot_table(index="addressee", columns="actionField", values="demands", fill_value=0)
    assert table.loc["Bund", "Integration durch Sprache und Sprachförderung"] == 6
    frame = run_query("demands", addressee="Bund").to_pandas()
    assert list(frame.columns) == list(run_query("demands", addressee="Bund").columns) and len(frame) == 6


# -- 13: pages -------------------------------------------------------------------------------------
def _serve(*data: Path):
    import socket

    from conftest import wait_for_server

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "mkgraph", "serve", "--port", str(port), "--data", *map(str, data),
                             "--sources", str(ROOT / "sources"), "--workers", "1", "--no-access-log"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return wait_for_server(proc, f"http://127.0.0.1:{port}", 300)


@pytest.fixture(scope="module")
def pages():
    from conftest import stop_process

    proc, url = _serve(SEED)
    yield url
    stop_process(proc)


def test_serve_takes_several_files_and_counts_them(ingested):
    import httpx

    from conftest import stop_process

    proc, url = _serve(SEED, ingested)  # `--data A B`, as the docs write it
    try:
        r = httpx.get(url + "/api/queries/demands-by-addressee", headers={"Accept": "text/csv"})
        assert r.status_code == 200 and "Bund,demand,7" in r.text.splitlines()
    finally:
        stop_process(proc)


def _html(url: str) -> str:
    import httpx

    r = httpx.get(url, headers={"Accept": "text/html"})
    assert r.status_code == 200
    return r.text


def test_home_page_lists_only_actors_that_occur_in_one_language(pages):
    import re

    html = _html(pages + "/")
    assert '<html lang="en">' in html and "<h1>Resolutions of German minister conferences" in html
    chips = re.search(r'<p class="chips" lang="de" id="actors">(.*?)</p>', html, re.S).group(1)
    shown = set(re.findall(r">([^<]+)</a>", chips))
    occurring = {r["label"] for r in run_query("actors").records() if r["speaks"] or r["addressed"] or r["applies"]}
    assert shown == occurring and len(shown) < 57
    assert "Bund" in shown and "Bayern" not in shown  # Bayern neither moved TOP 2.1 nor is addressed
    kinds = re.findall(r"<tr><th>([^<]+)</th><td>\d+</td></tr>", html)
    assert "Demand" in kinds and "Forderung" not in kinds


def test_actor_page_says_what_was_addressed_to_it(pages):
    html = _html(pages + "/id/actor/bund")
    assert "Asked" not in html and "<h2>Statements addressed to it</h2>" in html
    assert '>Demand</a>: <q lang="de">Die IntMK fordert den Bund auf' in html
