"""The cold store (mkgraph.store.bulk): loaded in a child process while the workers extract,
holding exactly the quads of a plain, strict bulk load of the same files; a refused or
killed build leaves the old store or the new one, and no half-loaded folder behind."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from mkgraph.store.state import STATE
from mkgraph.store import bulk, cache, record

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "sources" / "intmk-2017-top-2-1.txt"


def _corpus(folder: Path, n: int) -> list[Path]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import corpus

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in corpus.generate(n, 11):
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    return [SEED] + sorted(paths)


def _quads(store_dir: Path) -> set[str]:
    return {str(q) for q in ox.Store.read_only(str(store_dir))}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bulk")
    sources = _corpus(folder / "src", 9)
    out = folder / "out"
    calls = []
    real = cache.refresh

    def refresh(*args, **kwargs):
        # which graphs the loader had been given when each entry was reported
        feed = kwargs["on_entry"]

        def spy(entry):
            feed(entry)
            calls.append(len(entry.parts))

        done = real(*args, **{**kwargs, "on_entry": spy})
        calls.append("refresh returned")
        return done

    cache.refresh = refresh
    try:
        rec = record.build_record(sources, out, jobs=2)
    finally:
        cache.refresh = real
    return folder, sources, out, rec, calls


def test_streamed_store_holds_the_quads_of_a_strict_serial_load(built):
    folder, _, out, rec, _ = built
    assert rec.cold and rec.resolutions == 10
    state = json.loads((out / "graph" / STATE).read_text())
    # the old way: one strict bulk load (IRIs checked) of the same files as N-Quads, in this process
    nq = folder / "all.nq"
    cache.write_nquads([(g, Path(p)) for g, p in state["files"].items()], nq)
    reference = ox.Store(str(folder / "reference"))
    reference.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    reference.optimize()
    expected = {str(q) for q in reference}
    del reference
    assert len(expected) > 30_000
    assert _quads(out / "graph" / "store") == expected
    assert not bulk.fresh_folder(out / "graph" / "store").exists()


def test_the_loader_is_fed_while_the_entries_are_made(built):
    *_, rec, calls = built
    # every resolution reached the loader inside cache.refresh, one entry at a time
    assert calls[-1] == "refresh returned" and sum(calls[:-1]) == rec.resolutions == len(calls) - 1
    assert {"bulk loader: load", "bulk loader: compaction", "bulk loader: CPU"} <= set(rec.timings)


def test_a_refused_cold_build_leaves_the_old_store_and_no_new_folder(built, tmp_path):
    _, sources, out, _, _ = built
    store = out / "graph" / "store"
    before = _quads(store)
    state_file = out / "graph" / STATE
    doc = json.loads(state_file.read_text())
    state_file.write_text(json.dumps({**doc, "dirty": True}))  # forces a cold load
    bad = tmp_path / SEED.name.replace("2-1", "2-9")
    bad.write_text(SEED.read_text(encoding="utf-8").replace("TOP 2.1", "TOP 2.9", 1)
                   .replace("am 16. und 17. März 2017", "am 18. und 19. März 2017", 1), encoding="utf-8")
    with pytest.raises(record.RecordNotConforming):
        record.build_record(sources + [bad], out, jobs=2)
    assert not bulk.fresh_folder(store).exists()
    assert _quads(store) == before
    # a duplicate resolution (an input error during extraction) likewise
    twin = tmp_path / "twin" / SEED.name
    twin.parent.mkdir()
    twin.write_bytes(SEED.read_bytes())
    with pytest.raises(Exception, match="also in"):
        record.build_record(sources + [twin], out, jobs=2)
    assert not bulk.fresh_folder(store).exists() and _quads(store) == before
    again = record.build_record(sources, out, jobs=2)
    assert again.cold and _quads(store) == before


KILL_WHILE_LOADING = r"""
import os, signal, sys
from mkgraph.store import bulk, record
real, n = bulk.Loader.add, [0]
def add(self, graph, path):
    real(self, graph, path)
    n[0] += 1
    if n[0] == 4:
        os.kill(os.getpid(), signal.SIGKILL)  # kill -9 while the child loads
bulk.Loader.add = add
record.build_record([__import__("pathlib").Path(p) for p in sys.argv[2:]], __import__("pathlib").Path(sys.argv[1]),
                    jobs=2)
"""


def test_a_build_killed_while_loading_leaves_the_old_store_and_the_next_one_cleans_up(built, tmp_path):
    _, sources, out, _, _ = built
    store = out / "graph" / "store"
    before = _quads(store)
    state_file = out / "graph" / STATE
    doc = json.loads(state_file.read_text())
    state_file.write_text(json.dumps({**doc, "dirty": True}))
    shutil_cache = out / cache.CACHE_DIR
    for p in shutil_cache.glob("*.json"):
        p.unlink()  # every entry made again: the kill comes while the workers extract
    killed = subprocess.run([sys.executable, "-c", KILL_WHILE_LOADING, str(out), *map(str, sources)],
                            capture_output=True, text=True, timeout=300)
    assert killed.returncode == -9, killed.stderr
    assert _quads(store) == before  # the old store, under its name
    again = record.build_record(sources, out, jobs=2)
    assert again.cold and _quads(store) == before
    assert not bulk.fresh_folder(store).exists()


def test_a_small_record_loads_in_this_process(tmp_path, monkeypatch):
    """Below bulk.BESIDE_MIN sources no loader process is started (for the seed it cost
    more than it hid); the store holds the same quads as the streamed path's load would."""
    made = []
    real = bulk.Loader.__init__

    def spy(self, *args, **kwargs):
        real(self, *args, **kwargs)
        made.append(self._child)

    monkeypatch.setattr(bulk.Loader, "__init__", spy)
    rec = record.build_record([SEED], tmp_path / "out", jobs=2)
    assert rec.cold and made == [None]
    store = tmp_path / "out" / "graph" / "store"
    graphs = {q.graph_name.value for q in ox.Store.read_only(str(store))}
    assert any(g.endswith("/graph/resolution/intmk/2017/top-2.1") for g in graphs)
    assert len(_quads(store)) == rec.triples  # one triple, one graph: every triple loaded once
