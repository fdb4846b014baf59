"""ingest validates and writes the N-Triples made from the assembled triples (issue 15):
what `--format nt` writes is what the record build caches for the same source, and what
the exporting path (an rdflib Graph of the triples) serialises; a protocol's resolutions
are checked in batches, and only the ones that break a shape are reported."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import bench_module
from mkgraph.cli import app
from mkgraph.errors import InputError
from mkgraph.publish import export
from mkgraph.rdf.assemble import resolution_iri
from mkgraph.rdf.iris import Iris
from mkgraph.store import build, cache, ingest, record

ROOT = Path(__file__).resolve().parents[1]
IRIS = Iris()
bigtext = bench_module("bigtext")


def _texts() -> list[Path]:
    """The seed and every tests/ingest text that holds a resolution."""
    out = sorted((ROOT / "sources").glob("*.txt"))
    for path in sorted((ROOT / "tests" / "ingest").glob("*.txt")):
        try:
            build.extracted(path)
        except InputError:
            continue  # the not-a-resolution texts
        out.append(path)
    return out


TEXTS = _texts()


def _merged(*documents: bytes) -> bytes:
    return b"".join(sorted({line + b"\n" for doc in documents for line in doc.splitlines()}))


def test_ingest_nt_is_the_record_builds_cached_ntriples(tmp_path):
    """Byte for byte, per resolution: `mkgraph ingest --format nt` and the record build's
    cache (each resolution's own and shared N-Triples files, merged)."""
    assert len(TEXTS) > 10
    folder = tmp_path / "sources"
    folder.mkdir()
    sources = [Path(shutil.copy(p, folder / p.name)) for p in TEXTS]
    for p in TEXTS:  # the curation files go with their texts
        if build.curation_path(p):
            shutil.copy(build.curation_path(p), folder / build.curation_path(p).name)
    out = tmp_path / "out"
    # unrelated texts: nodes several describe (a session) may disagree across them, which
    # the record's cross-document checks refuse; each text alone conforms (ingest exits 0)
    record.build_record(sources, out, jobs=1, keep_invalid=True)
    cached = {}
    for src in sources:
        entry = cache.lookup(out / cache.CACHE_DIR, src, cache.source_key(src, IRIS.base, cache.code_version(None)))
        assert entry is not None, src
        for part in entry.parts:
            own = (out / cache.CACHE_DIR / part.file).read_bytes()
            shared = (out / cache.CACHE_DIR / part.shared).read_bytes()
            cached[part.iri] = _merged(own, shared)
    r = CliRunner().invoke(app, ["ingest", "--out", str(tmp_path / "nt"), "--format", "nt", *map(str, sources)])
    assert r.exit_code == 0, r.output
    validator = build.Validator(IRIS)
    written = 0
    for src in sources:
        for res in ingest.ingest_file(src, IRIS, validator, fmt="nt"):
            data = (tmp_path / "nt" / f"{res.output_stem}.nt").read_bytes()
            assert data == res.ntriples == cached[str(resolution_iri(res.document, IRIS))], res.output_stem
            written += 1
    assert written == len(cached) > len(sources)  # some texts hold several resolutions


@pytest.mark.parametrize("path", TEXTS[:6], ids=lambda p: p.stem)
def test_ingest_writes_what_the_graph_of_the_triples_serialises(path):
    """The N-Triples bytes ingest validated and writes equal rdflib's Graph of the same
    triples written by export (the path ingest took before), and Turtle is still written
    from that Graph."""
    validator = build.Validator(IRIS)
    graphs = [res.graph for res in build.resolve(path, IRIS)]
    as_nt = ingest.ingest_file(path, IRIS, validator, fmt="nt")
    as_ttl = ingest.ingest_file(path, IRIS, validator, fmt="ttl")
    assert [r.ntriples for r in as_nt] == [export.to_ntriples(g) for g in graphs] == [r.ntriples for r in as_ttl]
    assert all(r.triples is None for r in as_nt) and all(r.triples for r in as_ttl)
    files = ingest.files_for(as_ttl, Path("out"), "ttl")
    assert list(files.values()) == [export.serialise(g, "ttl") for g in graphs]
    # a Graph asked of a result that kept no triples is read from its N-Triples
    assert [len(r.graph) for r in as_nt] == [len(g) for g in graphs]


STRICT = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix mk: <https://w3id.org/mkgraph/ontology#> .
@prefix mksh: <https://w3id.org/mkgraph/shapes#> .
mksh:OneDigitTop a sh:NodeShape ;
    sh:targetClass mk:Resolution ;
    sh:property [ sh:path mk:topNumber ; sh:maxLength 1 ; sh:message "one digit"@en ] .
"""


def test_a_protocol_is_checked_in_batches_and_only_breaking_resolutions_are_reported(tmp_path):
    """A protocol of more TOPs than a batch holds, with a shape that TOPs 10 and up break:
    exactly those do not conform, each with the report it gets when checked alone."""
    text = tmp_path / "protocol.txt"
    text.write_bytes(bigtext.generate("tops", 150_000).encode("utf-8"))
    shapes = tmp_path / "shapes"
    shutil.copytree(ROOT / "shapes", shapes)
    (shapes / "strict.ttl").write_text(STRICT, encoding="utf-8")
    validator = build.Validator(IRIS, shapes)
    results = ingest.ingest_file(text, IRIS, validator, fmt="nt")
    assert len(results) > 2 * build.BATCH
    tops = [r.document.header.top for r in results]
    assert [not r.conforms for r in results] == [len(t) > 1 for t in tops]
    for r in results:
        alone = validator(r.graph)  # the Graph path: every resolution checked on its own
        assert r.report.results == alone.results
        assert r.conforms == alone.conforms
    for r in (r for r in results if not r.conforms):
        ((found,),) = [r.report.results]
        assert (found.focus, found.message_en) == (str(resolution_iri(r.document, IRIS)), "one digit")
    with pytest.raises(ValueError):
        ingest.write(results, tmp_path / "out", "nt")
    assert not (tmp_path / "out").exists()


def test_a_record_of_more_triples_than_small_gets_no_exports(tmp_path, monkeypatch):
    """One source can be a big record: past record.SMALL_TRIPLES triples the build makes
    the store but none of rdflib's exports (which took 270 s for one 2 MB text)."""
    seed = ROOT / "sources" / "intmk-2017-top-2-1.txt"
    monkeypatch.setattr(record, "SMALL_TRIPLES", 1_000)
    out = tmp_path / "out"
    rec = record.build_record([seed], out, jobs=1)
    assert rec.triples > 1_000 and not rec.exported
    assert not (out / "graph" / "dataset.ttl").exists() and (out / "graph" / "store").is_dir()
    monkeypatch.setattr(record, "SMALL_TRIPLES", 10_000_000)
    rec = record.build_record([seed], out, jobs=1)
    assert rec.exported and (out / "graph" / "dataset.ttl").is_file()
