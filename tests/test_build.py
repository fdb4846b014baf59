"""The build: reproducible, validated, atomic, and honest about stale output."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from conftest import assemble_without
from mkgraph.store import build as b, record
from mkgraph.text import textmap
from mkgraph.rdf.namespaces import MK, OA

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "sources" / "intmk-2017-top-2-1.txt"


@pytest.fixture(scope="module")
def built():
    return record.exports_of([SEED])


def mkgraph(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkgraph", *args], cwd=cwd, capture_output=True, text=True,
        env={**os.environ, **(env or {})}, timeout=300,
    )


def test_committed_graph_is_current():
    """graph/ and ontology/ in the repo are what the build produces now."""
    r = mkgraph("build", "--check")
    assert r.returncode == 0, r.stderr


def test_check_names_the_stale_file(tmp_path):
    shutil.copytree(ROOT / "graph", tmp_path / "graph")
    shutil.copytree(ROOT / "ontology", tmp_path / "ontology")
    r = mkgraph("build", "--check", "--source", str(SEED), "--out", str(tmp_path))
    assert r.returncode == 0, r.stderr
    ttl = tmp_path / "graph" / "dataset.ttl"
    ttl.write_text(ttl.read_text(encoding="utf-8") + "\n# edited by hand\n", encoding="utf-8")
    (tmp_path / "ontology" / "schemes.ttl").unlink()
    r = mkgraph("build", "--check", "--source", str(SEED), "--out", str(tmp_path))
    assert r.returncode == 1
    assert "graph/dataset.ttl" in r.stderr and "ontology/schemes.ttl" in r.stderr
    assert "graph/dataset.nt" not in r.stderr


def test_build_is_byte_identical_across_processes(tmp_path):
    """Same inputs, same bytes, whatever Python's hash seed."""
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        r = mkgraph("build", "--source", str(SEED), "--out", str(out), env={"PYTHONHASHSEED": seed})
        assert r.returncode == 0, r.stderr
        # the published files; the store's own files (RocksDB) and the cache hold ids and times
        outs.append({p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*"))
                     if p.is_file() and p.parts[len(out.parts)] in ("graph", "ontology")
                     and not p.relative_to(out).as_posix().startswith(("graph/store", "graph/.mkgraph"))})
    assert outs[0].keys() == outs[1].keys()
    assert set(map(str, outs[0])) >= {"graph/dataset.ttl", "graph/dataset.nt", "graph/dataset.jsonld"}
    for k in outs[0]:
        assert outs[0][k] == outs[1][k], k


def test_exports_hold_the_same_graph(built):
    ttl = Graph().parse(data=built.files["graph/dataset.ttl"], format="turtle")
    nt = Graph().parse(data=built.files["graph/dataset.nt"], format="nt")
    jl = Graph().parse(data=built.files["graph/dataset.jsonld"], format="json-ld")
    assert len(ttl) == len(nt) == len(jl) == len(built.dataset) > 1000
    assert set(ttl) == set(nt) == set(jl)


def test_every_anchor_cuts_its_quote_from_the_original(built):
    original = SEED.read_text(encoding="utf-8")
    g = built.dataset
    checked = 0
    for anchor in g.subjects(RDF.type, OA.SpecificResource):
        sels = list(g.objects(anchor, OA.hasSelector))
        pos = next(s for s in sels if (s, RDF.type, OA.TextPositionSelector) in g)
        quote = next(s for s in sels if (s, RDF.type, OA.TextQuoteSelector) in g)
        start, end = int(g.value(pos, OA.start)), int(g.value(pos, OA.end))
        assert 0 <= start < end <= len(original)
        assert textmap.cut(original, start, end) == str(g.value(quote, OA.exact)), anchor
        checked += 1
    statements = set(g.subjects(MK.statementKind, None))
    assert checked > len(statements) >= 40


def test_statement_iris_come_from_content(built):
    """Kind and offsets name a statement; a counter would rename them all on an insert."""
    for st in built.dataset.subjects(MK.statementKind, None):
        kind, start, end = str(st).rsplit("/", 1)[1].rsplit("-", 2)
        anchor = built.dataset.value(st, MK.anchor)
        pos = URIRef(str(anchor) + "/position")
        assert int(built.dataset.value(pos, OA.start)) == int(start)
        assert int(built.dataset.value(pos, OA.end)) == int(end)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary\xff\xfe", "binary"),
        ("Ein Brief an die Nachbarn.\n\nLiebe Nachbarn, am Samstag ist Hoffest.\n".encode(), "no decision formula"),
    ],
)
def test_bad_source_is_one_line_exit_2_and_nothing_written(tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    out = tmp_path / "out"
    r = mkgraph("build", "--source", str(bad), "--out", str(out))
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert str(bad) in lines[0] and message in lines[0].lower()
    assert "Traceback" not in r.stderr
    assert not out.exists()


def test_missing_source_file_is_exit_2(tmp_path):
    r = mkgraph("build", "--source", str(tmp_path / "nope.txt"), "--out", str(tmp_path))
    assert r.returncode == 2 and "nope.txt" in r.stderr and "Traceback" not in r.stderr


def test_failed_build_leaves_old_graph_untouched(tmp_path):
    shutil.copytree(ROOT / "graph", tmp_path / "graph")
    before = {p.relative_to(tmp_path): p.read_bytes() for p in (tmp_path / "graph").rglob("*") if p.is_file()}
    bad = tmp_path / "bad.txt"
    bad.write_text("nichts", encoding="utf-8")
    r = mkgraph("build", "--source", str(SEED), "--source", str(bad), "--out", str(tmp_path))
    assert r.returncode == 2
    after = {p.relative_to(tmp_path): p.read_bytes() for p in (tmp_path / "graph").rglob("*") if p.is_file()}
    assert before == after


def test_non_conforming_graph_is_refused(tmp_path, monkeypatch):
    """A graph that breaks a shape is reported and not written."""
    # the resolution loses its title, type, everything, but for its type
    assemble_without(monkeypatch, lambda r, s, p, o: s == r and (p, o) != (RDF.type, MK.Resolution))
    out = tmp_path / "out"
    with pytest.raises(record.RecordNotConforming) as err:
        record.build_record([SEED], out=out, jobs=1)
    report = b.labelled_report(err.value.violations[SEED.name], err.value.sources[SEED.name])
    assert not report.conforms
    assert not (out / "graph").exists()
