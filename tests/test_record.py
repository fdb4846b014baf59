"""The record's store as the artefact (record.build_record): one triple in one named graph,
updated in place (only changed graphs dropped and loaded), all-or-nothing when the
cross-document checks fail, rebuilt from the cache when its state cannot be trusted."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from mkgraph.store.state import STATE
from mkgraph.store import build, record
from mkgraph.rdf import partition

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "sources" / "intmk-2017-top-2-1.txt"
BASE = "https://w3id.org/mkgraph/"


def _item(folder: Path, n: int, dates: str | None = None) -> Path:
    """The seed's text as another item (TOP 2.n) of the same session; with dates, one that
    describes the session with other dates (a conflict only the union shows)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = SEED.read_text(encoding="utf-8").replace("TOP 2.1", f"TOP 2.{n}", 1)
    if dates:
        text = text.replace("am 16. und 17. März 2017", dates, 1)
    path = folder / f"intmk-2017-top-2-{n}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _quads(store_dir: Path) -> set[str]:
    store = ox.Store.read_only(str(store_dir))
    return {str(q) for q in store}


def _graphs_of(quads) -> dict[str, set[str]]:
    """triple -> graphs holding it."""
    out: dict[str, set[str]] = {}
    for q in quads:
        out.setdefault(str(ox.Triple(q.subject, q.predicate, q.object)), set()).add(q.graph_name.value)
    return out


@pytest.fixture(scope="module")
def three(tmp_path_factory):
    folder = tmp_path_factory.mktemp("three")
    sources = [SEED, _item(folder / "src", 2), _item(folder / "src", 3)]
    return folder, sources


def test_one_triple_one_graph_and_the_union_is_the_dataset(three):
    folder, sources = three
    out = folder / "a"
    rec = record.build_record(sources, out, jobs=1, keep_invalid=True, dumps=True)
    nq = list(ox.parse((out / "graph" / "dataset.nq").read_bytes(), ox.RdfFormat.N_QUADS))
    where = _graphs_of(nq)
    assert all(len(g) == 1 for g in where.values()), [t for t, g in where.items() if len(g) > 1][:3]
    nt = {str(t) for t in ox.parse((out / "graph" / "dataset.nt").read_bytes(), ox.RdfFormat.N_TRIPLES)}
    assert set(where) == nt and rec.triples == len(nt)
    shared = partition.shared_name(BASE)
    names = {g for gs in where.values() for g in gs}
    assert names == {shared, partition.vocabulary_name(BASE)} | {
        f"{BASE}id/graph/resolution/intmk/2017/top-2.{n}" for n in (1, 2, 3)}
    # the session is described once, in the shared graph
    sessions = {t.split(" ", 1)[0] for t in where if t.endswith("<https://w3id.org/mkgraph/ontology#Session>")}
    assert len(sessions) == 1
    about = [t for t in where if t.split(" ", 1)[0] in sessions]
    assert len(about) > 3 and all(where[t] == {shared} for t in about)
    # the store holds the same quads (up to Oxigraph's canonical literals: compare counts per graph)
    store = ox.Store.read_only(str(out / "graph" / "store"))
    for name in names:
        assert len(list(store.quads_for_pattern(None, None, None, ox.NamedNode(name)))) == \
            sum(1 for q in nq if q.graph_name.value == name), name


def test_trig_has_no_triple_twice(three):
    _, sources = three
    full = record.exports_of(sources[:2], validate=False)
    where = _graphs_of(ox.parse(full.files["graph/dataset.trig"], ox.RdfFormat.TRIG))
    assert all(len(g) == 1 for g in where.values())
    assert len(where) == len(full.dataset)
    assert any(g == {partition.shared_name(BASE)} for g in where.values())


def test_add_remove_in_place_equals_a_cold_build(three):
    folder, sources = three
    out, cold = folder / "inc", folder / "cold"
    first = record.build_record(sources[:2], out, jobs=1, keep_invalid=True)
    assert first.cold
    added = record.build_record(sources, out, jobs=1, keep_invalid=True)
    assert not added.cold and added.dropped == []
    # the new resolution's graph; the shared graph gains its source file, curation …; the
    # vocabulary graph's whole-record tallies change (mkgraph.rdf.tally)
    assert added.loaded == [f"{BASE}id/graph/resolution/intmk/2017/top-2.3", partition.vocabulary_name(BASE),
                            partition.shared_name(BASE)]
    record.build_record(sources, cold, jobs=1, keep_invalid=True)
    assert _quads(out / "graph" / "store") == _quads(cold / "graph" / "store")

    removed = record.build_record(sources[:2], out, jobs=1, keep_invalid=True)
    assert removed.dropped == [f"{BASE}id/graph/resolution/intmk/2017/top-2.3"] and not removed.cold
    assert removed.loaded == [partition.vocabulary_name(BASE), partition.shared_name(BASE)]
    shutil.rmtree(cold)
    record.build_record(sources[:2], cold, jobs=1, keep_invalid=True)
    assert _quads(out / "graph" / "store") == _quads(cold / "graph" / "store")


def test_conflict_leaves_the_store_as_it_was(three, tmp_path):
    _, sources = three
    out = tmp_path / "out"
    record.build_record(sources, out, jobs=1, keep_invalid=True)
    before = _quads(out / "graph" / "store")
    state = (out / "graph" / STATE).read_bytes()
    bad = _item(tmp_path / "src", 4, dates="am 18. und 19. März 2017")
    with pytest.raises(record.RecordNotConforming) as err:
        record.build_record(sources + [bad], out, jobs=1)
    assert "(cross-document checks)" in err.value.violations
    assert any("session" in v.focus for v in err.value.violations["(cross-document checks)"])
    assert _quads(out / "graph" / "store") == before
    assert (out / "graph" / STATE).read_bytes() == state
    # and the next good build still updates in place (nothing was left half-done)
    again = record.build_record(sources, out, jobs=1, keep_invalid=True)
    assert not again.cold and again.loaded == []


def test_shared_cross_check_sees_what_the_whole_record_sees(three, tmp_path):
    """The cross-document checks run on shared graph + vocabulary only; on a record with
    a conflict they find exactly what they find over the union of every graph."""
    from mkgraph.validate import fastcheck

    _, sources = three
    bad = _item(tmp_path / "src", 4, dates="am 18. und 19. März 2017")
    out = tmp_path / "out"
    rec = record.build_record(sources + [bad], out, jobs=1, keep_invalid=True, dumps=True)
    whole = ox.Store()
    whole.load(path=str(out / "graph" / "dataset.nt"), format=ox.RdfFormat.N_TRIPLES)
    expected = fastcheck.cross_check(whole)
    assert expected and rec.cross == expected


def test_untrusted_state_or_missing_store_rebuilds(three, tmp_path):
    _, sources = three
    out = tmp_path / "out"
    record.build_record(sources, out, jobs=1, keep_invalid=True)
    good = _quads(out / "graph" / "store")
    state_file = out / "graph" / STATE
    # an update that did not finish (state marked dirty): the store is rebuilt from the cache
    doc = json.loads(state_file.read_text())
    state_file.write_text(json.dumps({**doc, "dirty": True}))
    assert record.build_record(sources, out, jobs=1, keep_invalid=True).cold
    # a state that names a graph the store does not hold
    doc = json.loads(state_file.read_text())
    doc["graphs"]["urn:x:ghost"] = "0"
    state_file.write_text(json.dumps(doc))
    assert record.build_record(sources, out, jobs=1, keep_invalid=True).cold
    # no store at all
    shutil.rmtree(out / "graph" / "store")
    rebuilt = record.build_record(sources, out, jobs=1, keep_invalid=True)
    assert rebuilt.cold and _quads(out / "graph" / "store") == good
    assert not record.build_record(sources, out, jobs=1, keep_invalid=True).cold


def test_cli_reports_store_changes(three, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from mkgraph.cli import app

    _, sources = three
    monkeypatch.chdir(tmp_path)
    args = ["build", "-j", "1", *[a for s in sources[:2] for a in ("--source", str(s))]]
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "bulk-loaded 4 graph(s)" in first.output and "graph/dataset.nt" in first.output
    again = CliRunner().invoke(app, args + ["--dumps"])
    assert again.exit_code == 0 and "unchanged" in again.output
    # a small record has every export already: --dumps adds the N-Quads
    assert "wrote 1 file(s): graph/dataset.nq" in again.output
    more = CliRunner().invoke(app, args + ["--source", str(sources[2])])
    assert more.exit_code == 0 and "loaded 3 graph(s) (resolution/intmk/2017/top-2.3, vocabulary, shared)" in more.output


def test_a_folder_as_source_is_its_texts(three, tmp_path):
    """`--source DIR` builds every *.txt of DIR, in name order: the same store as naming
    them; a folder with no text is bad input, named."""
    from click.testing import CliRunner

    from mkgraph.cli import app

    _, sources = three
    folder = sources[1].parent
    assert sorted(folder.glob("*.txt")) == sorted(sources[1:])
    by_files = CliRunner().invoke(app, ["build", "-j", "1", "--out", str(tmp_path / "files"),
                                        *[a for s in sources[1:] for a in ("--source", str(s))]])
    by_folder = CliRunner().invoke(app, ["build", "-j", "1", "--out", str(tmp_path / "folder"),
                                         "--source", str(folder), "--source", str(sources[1])])
    assert by_files.exit_code == 0 and by_folder.exit_code == 0, by_folder.output
    assert "built 2 resolution(s)" in by_folder.output
    assert _quads(tmp_path / "folder" / "graph" / "store") == _quads(tmp_path / "files" / "graph" / "store")
    (tmp_path / "empty").mkdir()
    empty = CliRunner().invoke(app, ["build", "--out", str(tmp_path / "e"), "--source", str(tmp_path / "empty")])
    assert empty.exit_code == 2 and "empty" in empty.stderr and "no resolution texts" in empty.stderr
    assert not (tmp_path / "e").exists()
