"""mkgraph ingest: files -> validated graphs, exit codes, reports; the parser and ingest
never fail with anything but the project's InputError, whatever text they are given;
a build over two sources answers the saved queries across both."""

from __future__ import annotations

import csv
import io
import random
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph
from click.testing import CliRunner

from mkgraph.store import build, ingest
from mkgraph.text import structure
from mkgraph.cli import app
from mkgraph.errors import InputError
from mkgraph.rdf.iris import Iris

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "ingest"
SEED = ROOT / "sources" / "intmk-2017-top-2-1.txt"
GOOD = CORPUS / "gfmk-2017-top-7-2.txt"  # one TOP, conforms
MULTI = CORPUS / "jumiko-2018-top-i-ii-iii.txt"  # three TOPs
BAD = CORPUS / "not-a-resolution-agenda.txt"

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


# ---------------------------------------------------------------- the command


def test_one_file_one_graph_with_summary(tmp_path):
    r = run("ingest", GOOD, "--out", tmp_path)
    assert r.exit_code == 0, r.output
    assert "GFMK 2017 TOP 7.2" in r.stdout and "vote majority" in r.stdout and "demand 3" in r.stdout
    out = tmp_path / "gfmk-2017-top-7-2--top-7.2.ttl"
    g = Graph().parse(out)
    titles = {str(o) for o in g.objects(None, URIRefs.title)}
    assert "Entgeltgleichheit von Frauen und Männern" in titles


class URIRefs:
    from mkgraph.rdf.namespaces import ELI

    title = ELI.title


def test_protocol_with_three_tops_gives_three_graphs(tmp_path):
    r = run("ingest", MULTI, "--out", tmp_path, "--format", "nt")
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"jumiko-2018-top-i-ii-iii--top-2.{k}.nt" for k in (1, 2, 3)
    ]
    assert r.stdout.count("JuMiKo 2018 TOP") == 3


def test_not_a_resolution_exit_2_names_file_and_missing_element(tmp_path):
    r = run("ingest", BAD, "--out", tmp_path)
    assert r.exit_code == 2
    assert str(BAD) in r.stderr and "no decision formula" in r.stderr
    assert "Traceback" not in r.output
    assert not any(tmp_path.iterdir())


def test_batch_goes_on_after_a_bad_file_and_ends_with_exit_1(tmp_path):
    r = run("ingest", BAD, GOOD, "--out", tmp_path)
    assert r.exit_code == 1
    assert (tmp_path / "gfmk-2017-top-7-2--top-7.2.ttl").is_file()
    failed = r.stderr.split("failed:", 1)[1]
    assert str(BAD) in failed and str(GOOD) not in failed


def test_report_lists_found_and_missing_header_fields(tmp_path):
    r = run("ingest", GOOD, "--out", tmp_path, "--report")
    assert r.exit_code == 0
    lines = {ln.split()[1].rstrip(":"): ln.split()[0] for ln in r.stdout.splitlines() if ln.startswith("  ")}
    assert lines["conference"] == "found" and lines["session"] == "found"
    assert lines["subtitle"] == "MISSING" and lines["rapporteur"] == "MISSING"


def test_windows_1252_text_is_read(tmp_path):
    r = run("ingest", CORPUS / "wmk-2016-top-3-cp1252.txt", "--out", tmp_path)
    assert r.exit_code == 0, r.output
    assert "Breitbandausbau im ländlichen Raum" in r.stdout


def test_bad_parameters_exit_2(tmp_path):
    assert run("ingest", GOOD, "--out", tmp_path, "--conference", "XYZ").exit_code == 2
    r = run("ingest", GOOD, "--out", tmp_path, "--format", "rdfxml")
    assert r.exit_code == 2 and "--format" in r.stderr
    r = run("ingest", tmp_path / "missing.txt", "--out", tmp_path)
    assert r.exit_code == 2 and "no such file" in r.stderr


def test_conference_and_id_stand_in_where_the_text_names_none(tmp_path):
    text = GOOD.read_text(encoding="utf-8")
    text = text.replace("(GFMK)", "").replace("27. Konferenz der Gleichstellungs- und Frauenministerinnen", "Konferenz")
    text = text.replace("Die GFMK hat", "Sie hat").replace("TOP 7.2", "")
    src = tmp_path / "bare.txt"
    src.write_text(text, encoding="utf-8")
    bare = structure.parse_all(*structure.read_source(src))[0].header
    assert (bare.conference, bare.top) == (None, None)  # not stated, and not refused
    r = run("ingest", src, "--out", tmp_path / "out", "--conference", "gfmk", "--id", "7.2")
    assert r.exit_code == 0, r.output
    assert "GFMK 2017 TOP 7.2 “Entgeltgleichheit von Frauen und Männern”" in r.stdout
    report = dict((f, found) for f, found, _ in ingest.header_report(
        structure.parse_all(*structure.read_source(src), conference="GFMK", top="7.2")[0]))
    assert report["conference"] is False and report["top"] is False and report["title"] is True


def _pdf(lines: list[str]) -> bytes:
    """A minimal one-page PDF whose text layer holds the given ASCII lines."""
    ops = ["BT", "/F1 10 Tf", "12 TL", "40 800 Td"]
    for ln in lines:
        ops.append("(" + ln.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref))
    return out.getvalue()


def test_pdf_text_layer_is_ingested(tmp_path):
    pdf = tmp_path / "vmk-2019-top-4.pdf"
    pdf.write_bytes(_pdf([
        "Verkehrsministerkonferenz",
        "am 4. April 2019 in Saarbruecken",
        "TOP 4",
        "Sicherheit im Radverkehr",
        "Antragsteller: Berlin, Hamburg",
        "Die VMK hat einstimmig beschlossen:",
        "1. Die VMK fordert den Bund auf, die Mittel fuer Radwege zu erhoehen.",
        "2. Die Laender werden ihre Programme fortsetzen.",
    ]))
    r = run("ingest", pdf, "--out", tmp_path / "out")
    assert r.exit_code == 0, r.output
    assert "VMK 2019 TOP 4 “Sicherheit im Radverkehr”" in r.stdout and "demand 1" in r.stdout
    assert (tmp_path / "out" / "vmk-2019-top-4--top-4.ttl").is_file()


def test_damaged_pdf_is_an_input_error(tmp_path):
    pdf = tmp_path / "broken.pdf"
    pdf.write_bytes(b"%PDF-1.4\nthis is not a pdf")
    r = run("ingest", pdf, "--out", tmp_path)
    assert r.exit_code == 2 and str(pdf) in r.stderr and "Traceback" not in r.output


# ---------------------------------------------------------------- never anything but InputError


def _texts():
    return [structure.read_source(p)[1] for p in sorted(CORPUS.glob("*.txt"))] + [SEED.read_text(encoding="utf-8")]


TEXTS = _texts()
IRIS = Iris()


def _only_input_errors(text: str) -> None:
    try:
        docs = structure.parse_all("fuzz", text)
    except InputError as err:
        assert err.where == "fuzz" and "\n" not in str(err)
        return
    assert docs
    for doc in docs:
        from mkgraph.rdf import assemble
        from mkgraph.extract import statements as extract

        for p in doc.parts:
            assert p.text == structure.textmap.cut(text, p.start, p.end)
        statements = extract.extract(doc)
        assemble.resolution_graph(doc, statements, IRIS)


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_arbitrary_text(text):
    _only_input_errors(text)


@SETTINGS
@given(st.sampled_from(range(len(TEXTS))), st.floats(0, 1), st.floats(0, 1))
def test_truncated_texts(i, a, b):
    t = TEXTS[i]
    lo, hi = sorted((int(a * len(t)), int(b * len(t))))
    _only_input_errors(t[:hi])
    _only_input_errors(t[lo:])


@SETTINGS
@given(st.sampled_from(range(len(TEXTS))), st.integers(0, 2**32 - 1))
def test_shuffled_lines(i, seed):
    lines = TEXTS[i].split("\n")
    random.Random(seed).shuffle(lines)
    _only_input_errors("\n".join(lines))


@SETTINGS
@given(st.binary(max_size=300))
def test_ingest_of_arbitrary_bytes(data):
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "x.txt"
        path.write_bytes(data)
        try:
            build.resolve(path, IRIS)
        except InputError as err:
            assert err.where == str(path)


# ---------------------------------------------------------------- one dataset from two sources


def test_build_with_two_sources_answers_queries_across_both(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    for p in (SEED, SEED.with_name(SEED.stem + ".curation.yaml"), GOOD):
        shutil.copy(p, sources / p.name)
    out = tmp_path / "built"
    r = run("build", "--source", sources / SEED.name, "--source", sources / GOOD.name, "--out", out)
    assert r.exit_code == 0, r.output
    data = out / "graph" / "dataset.nt"
    r = run("query", "run", "resolution", "--data", data, "--format", "csv")
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert len(rows) == 2
    # a page of `statements` is one resolution: both pages together hold both
    pages = [run("query", "run", "statements", "--data", data, "--format", "csv", "--param", f"page={n}")
             for n in (1, 2)]
    assert [p.exit_code for p in pages] == [0, 0], [p.output for p in pages]
    assert "more rows: --param page=2" in pages[0].stderr
    text = pages[0].stdout + pages[1].stdout
    assert "/resolution/intmk/2017/top-2.1" in text and "/resolution/gfmk/2017/top-7.2" in text


# ---------------------------------------------------------------- not stated is not none


def test_applicants_not_stated_are_not_all_non_applicants(tmp_path):
    """A text without an applicants line says nothing about who moved it: the graph says
    mk:notStated mk:applicant, and non-applicants lists no Land for it (the README's
    'who did not move it' must not answer 'all 16')."""
    from mkgraph.api import run_query
    from mkgraph.rdf.namespaces import MK

    stated, unstated = CORPUS / "gfmk-2017-top-7-2.txt", CORPUS / "imk-2019-top-49.txt"
    files = []
    for src in (stated, unstated):
        (res,) = build.resolve(src, IRIS)[:1]
        assert ((MK.notStated, MK.applicant) in {(p, o) for _, p, o in res.graph}) is (src == unstated)
        path = tmp_path / f"{src.stem}.nt"
        path.write_bytes(res.graph.serialize(format="nt", encoding="utf-8"))
        files.append((path, res))
    shared = tmp_path / "shared.nt"
    shared.write_bytes(build.shared_graph(IRIS).serialize(format="nt", encoding="utf-8"))
    rows = run_query("non-applicants", data=[shared] + [p for p, _ in files]).records()
    by_resolution = {}
    for r in rows:
        by_resolution.setdefault(str(r["resolution"]), []).append(r["iso"])
    from mkgraph.rdf.assemble import resolution_iri

    stated_iri, unstated_iri = (str(resolution_iri(res.document, IRIS)) for _, res in files)
    assert len(by_resolution[stated_iri]) == 16 - len(files[0][1].document.header.applicants)
    assert unstated_iri not in by_resolution


def test_date_stands_in_where_the_text_names_none(tmp_path):
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import XSD

    src = CORPUS / "imk-top-31-ohne-jahr.txt"  # the text names no year at all
    assert structure.parse_all(*structure.read_source(src))[0].header.start_date is None
    r = run("ingest", src, "--out", tmp_path / "out", "--format", "nt", "--date", "2021-06-16")
    assert r.exit_code == 0, r.output
    (nt,) = (tmp_path / "out").glob("*.nt")
    g = Graph().parse(nt, format="nt")
    eli_date = URIRef("http://data.europa.eu/eli/ontology#date_document")
    assert set(g.objects(None, eli_date)) == {Literal("2021-06-16", datatype=XSD.date)}
    assert "/2021/" in str(next(g.subjects(eli_date, None)))  # the IRI's year follows the date
    bad = run("ingest", src, "--out", tmp_path / "out2", "--date", "16.06.2021")
    assert bad.exit_code == 2 and "--date" in bad.output and not (tmp_path / "out2").exists()
