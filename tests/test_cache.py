"""The incremental record build (mkgraph.store.cache, record.build_record): same bytes as the
exporting build, only changed sources redone, corrupt entries rebuilt, invalid ones refused."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from mkgraph.store import build, cache, record
from mkgraph.publish.export import to_ntriples

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "sources" / "intmk-2017-top-2-1.txt"
sys.path.insert(0, str(ROOT / "benchmarks"))


def _sources(tmp_path: Path, n: int) -> list[Path]:
    """The seed (with its curation) and n generated texts."""
    import corpus

    folder = tmp_path / "sources"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    cur = SEED.with_name(SEED.stem + ".curation.yaml")
    if cur.is_file():
        shutil.copy(cur, folder / cur.name)
    for name, text in corpus.generate(n, 7):
        (folder / name).write_text(text, encoding="utf-8")
    return sorted(folder.glob("*.txt"))


def test_merged_ntriples_is_the_union_sorted():
    a = b"<urn:a> <urn:p> \"1\" .\n<urn:c> <urn:p> <urn:x> .\n"
    b = b"<urn:a> <urn:p> \"1\" .\n<urn:b> <urn:p> \"\xc3\xa4\" .\n"
    got = cache.merged_ntriples([a, b])
    lines = got.decode().splitlines()
    assert lines == sorted(set(a.decode().splitlines()) | set(b.decode().splitlines()))


def test_streamed_dumps_equal_the_exports(tmp_path):
    """graph/dataset.nt as --dumps streams it from the cache (a record too big for the
    exports) is byte-identical to the exports' dataset.nt; dataset.nq holds the TriG's quads."""
    rec = record.build_record([SEED], tmp_path / "out", jobs=1, dumps=True, exports=False)
    full = record.exports_of([SEED])
    assert (tmp_path / "out" / "graph" / "dataset.nt").read_bytes() == full.files["graph/dataset.nt"]
    assert rec.resolutions == 1 and rec.rebuilt == [SEED.name] and rec.cross == []
    assert rec.triples == len(full.dataset)
    assert rec.written == ["graph/dataset.nt", "graph/dataset.nq"] and rec.exports is None
    # and dataset.nq holds the same named graphs as the exporting build's TriG
    import pyoxigraph as ox

    nq = {str(q) for q in ox.parse((tmp_path / "out" / "graph" / "dataset.nq").read_bytes(), ox.RdfFormat.N_QUADS)}
    trig = {str(q) for q in ox.parse(full.files["graph/dataset.trig"], ox.RdfFormat.TRIG)}
    assert nq == trig


def _entry(out: Path, source: Path) -> dict:
    return json.loads(next((out / cache.CACHE_DIR).glob(source.stem + "-*.json")).read_text())


def test_only_changed_or_corrupt_sources_are_redone(tmp_path):
    sources = [s for s in _sources(tmp_path, 3)]
    out = tmp_path / "out"
    first = record.build_record(sources, out, jobs=1, keep_invalid=True, dumps=True)
    assert sorted(first.rebuilt) == sorted(s.name for s in sources)
    nt = (out / "graph" / "dataset.nt").read_bytes()
    nq = (out / "graph" / "dataset.nq").read_bytes()
    assert first.triples == nt.count(b"\n")

    # a warm run touches nothing: no entry is re-hashed, no graph loaded, no dump written
    hashed = []
    real = cache._sha
    cache._sha = lambda data: hashed.append(len(data)) or real(data)
    try:
        again = record.build_record(sources, out, jobs=1, keep_invalid=True)
    finally:
        cache._sha = real
    assert again.rebuilt == [] and again.loaded == [] and again.written == []
    # the source texts are hashed (content hashes are the contract), the entries are not:
    # their size and mtime_ns still match what their JSON recorded
    assert {s.stat().st_size for s in sources} <= set(hashed)
    entry_sizes = {size for src in sources for size, _ in _entry(out, src)["stamps"].values()}
    assert not entry_sizes & set(hashed)
    assert again.triples == first.triples

    # the dumps are written again on demand, the same bytes
    (out / "graph" / "dataset.nq").unlink()
    record.build_record(sources, out, jobs=1, keep_invalid=True, dumps=True)
    assert (out / "graph" / "dataset.nq").read_bytes() == nq

    # a corrupt entry (truncated: its size no longer matches) is detected and rebuilt
    victim = sources[1]
    part = out / cache.CACHE_DIR / _entry(out, victim)["parts"][0]["file"]
    part.write_bytes(part.read_bytes()[:-200])
    repaired = record.build_record(sources, out, jobs=1, keep_invalid=True, dumps=True)
    assert repaired.rebuilt == [victim.name]
    assert (out / "graph" / "dataset.nt").read_bytes() == nt
    assert (out / "graph" / "dataset.nq").read_bytes() == nq

    # an edit of the same size is caught too: its mtime changed, so it is hashed again
    part = out / cache.CACHE_DIR / _entry(out, victim)["parts"][0]["shared"]
    data = bytearray(part.read_bytes())
    data[10] = ord("X") if data[10] != ord("X") else ord("Y")
    import os
    import time

    time.sleep(0.01)
    part.write_bytes(bytes(data))
    os.utime(part, ns=(part.stat().st_atime_ns, part.stat().st_mtime_ns + 1_000_000))
    assert record.build_record(sources, out, jobs=1, keep_invalid=True).rebuilt == [victim.name]

    # an edited text is redone, the others come from the cache
    edited = sources[2]
    edited.write_text(edited.read_text(encoding="utf-8").replace("fordert", "bittet", 1), encoding="utf-8")
    changed = record.build_record(sources, out, jobs=1, keep_invalid=True)
    assert changed.rebuilt == [edited.name]

    # another base IRI changes every key
    other = record.build_record(sources, out, base="https://example.org/mk/", jobs=1, keep_invalid=True, dumps=True)
    assert sorted(other.rebuilt) == sorted(s.name for s in sources)
    assert b"https://example.org/mk/id/" in (out / "graph" / "dataset.nt").read_bytes()


def test_parallel_equals_serial(tmp_path):
    sources = _sources(tmp_path, 4)
    a = record.build_record(sources, tmp_path / "a", jobs=1, keep_invalid=True, dumps=True)
    b = record.build_record(sources, tmp_path / "b", jobs=2, keep_invalid=True, dumps=True)
    assert (tmp_path / "a" / "graph" / "dataset.nq").read_bytes() == (tmp_path / "b" / "graph" / "dataset.nq").read_bytes()
    assert a.violations.keys() == b.violations.keys()


def test_invalid_source_is_refused_and_never_reused(tmp_path):
    # the project's shapes plus one that every resolution breaks (an IRI pattern)
    shapes = tmp_path / "shapes"
    shutil.copytree(ROOT / "shapes", shapes)
    (shapes / "zz-strict.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "<urn:x:Strict> a sh:NodeShape ; sh:targetClass <https://w3id.org/mkgraph/ontology#Resolution> ;\n"
        '  sh:pattern "^urn:never" ; sh:message "never"@en .\n', encoding="utf-8")
    sources = _sources(tmp_path, 2)
    out = tmp_path / "out"
    # a benchmark run keeps invalid entries in the cache …
    kept = record.build_record(sources, out, jobs=1, shapes_dir=shapes, keep_invalid=True)
    assert set(kept.violations) == {s.name for s in sources}
    assert all(v[0].shape == "urn:x:Strict" for v in kept.violations.values())
    # … a real build does not take them from there: it checks again and refuses
    shutil.rmtree(out / "graph")
    with pytest.raises(record.RecordNotConforming) as err:
        record.build_record(sources, out, jobs=1, shapes_dir=shapes)
    assert set(err.value.violations) == {s.name for s in sources}
    assert not (out / "graph").exists()


def test_entry_layout_names_hashes(tmp_path):
    rec = record.build_record([SEED], tmp_path, jobs=1)
    metas = [p for p in (tmp_path / cache.CACHE_DIR).glob("*.json") if p.name != "exports.json"]
    assert len(metas) == 1 and rec.rebuilt == [SEED.name]
    doc = json.loads(metas[0].read_text())
    part = doc["parts"][0]
    own = (tmp_path / cache.CACHE_DIR / part["file"]).read_bytes()
    shared = (tmp_path / cache.CACHE_DIR / part["shared"]).read_bytes()
    assert cache._sha(own) == part["sha256"] and cache._sha(shared) == part["shared_sha256"]
    assert part["iri"] == "https://w3id.org/mkgraph/id/resolution/intmk/2017/top-2.1"
    # the two halves are the resolution's sorted N-Triples, split by subject
    assert cache.merged_ntriples([own, shared]) == to_ntriples(build.resolve(SEED, build.Iris())[0].graph)
    assert all(line.startswith(b"<" + part["iri"].encode()) for line in own.splitlines())
    assert not any(line.startswith(b"<" + part["iri"].encode() + b">") for line in shared.splitlines())
    assert doc["stamps"][part["file"]] == [len(own), (tmp_path / cache.CACHE_DIR / part["file"]).stat().st_mtime_ns]


def test_a_warm_build_makes_no_exports_unless_a_file_changed(tmp_path, monkeypatch):
    """The exports are made again only when their inputs changed or graph/ no longer holds
    what was written (exports.json in the cache: their key and each file's SHA-256)."""
    from mkgraph.store import exports

    out = tmp_path / "out"
    first = record.build_record([SEED], out, jobs=1)
    assert first.exports is not None and first.exported and first.statements == 90
    made = []
    real = exports.exported
    monkeypatch.setattr(exports, "exported", lambda *a: made.append(1) or real(*a))
    warm = record.build_record([SEED], out, jobs=1)
    assert made == [] and warm.exported and warm.written == [] and warm.statements == 90
    ttl = out / "graph" / "dataset.ttl"
    ttl.write_bytes(ttl.read_bytes() + b"# edited\n")
    repaired = record.build_record([SEED], out, jobs=1)
    assert made == [1] and repaired.written == ["graph/dataset.ttl"]
    assert ttl.read_bytes() == first.exports.files["graph/dataset.ttl"]
    # asked for the files (mkgraph export, record.exports_of), they are always made
    assert record.build_record([SEED], out, jobs=1, exports=True, check=True).exports is not None


def test_a_record_too_big_for_exports_removes_an_earlier_records(tmp_path, monkeypatch):
    """graph/ never shows a smaller record's exports as the current record's: past
    record.SMALL resolutions the build removes the exports it wrote before (an edited file
    is left alone) and says so."""
    from click.testing import CliRunner

    from mkgraph.cli import app

    sources = _sources(tmp_path, 3)
    out = tmp_path / "out"
    record.build_record(sources[:2], out, jobs=1, keep_invalid=True)
    assert (out / "graph" / "dataset.ttl").is_file() and (out / "graph" / "dataset.trig").is_file()
    (out / "graph" / "dataset.rdf").write_bytes(b"<!-- kept: edited by hand -->\n")
    monkeypatch.setattr(record, "SMALL", 2)
    args = ["build", "-j", "1", "--out", str(out), *[a for s in sources for a in ("--source", str(s))]]
    r = CliRunner().invoke(app, args)
    assert r.exit_code == 0, r.output
    assert "no exports for a record of more than 2 resolutions" in r.stdout
    assert "removed graph/dataset.ttl" in r.stdout and "graph/dataset.rdf" not in r.stdout
    assert not (out / "graph" / "dataset.ttl").exists() and not (out / "graph" / "dataset.trig").exists()
    assert not (out / "ontology").exists() or not any((out / "ontology").iterdir())
    assert (out / "graph" / "dataset.rdf").read_bytes().startswith(b"<!-- kept")
    assert (out / "graph" / "store").is_dir()
