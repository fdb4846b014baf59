"""Links: the link tables are justified and consistent; `mkgraph link` finds the expected
links in the invented example datasets of tests/link/, writes a linkset and a merged
graph, and fails cleanly on bad input."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, SKOS, VOID

from mkgraph.publish import link
from mkgraph.api import run_query
from mkgraph.errors import InputError
from mkgraph.rdf.iris import Iris
from mkgraph.rdf.namespaces import MK, WD
from mkgraph.resources import tables

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "tests" / "link"
EXAMPLES = ROOT / "src" / "mkgraph" / "examples" / "link"  # shipped with the package
ID = "https://w3id.org/mkgraph/id/"
EX = "https://example.org/govdata-example/"


@pytest.fixture(scope="module")
def ours() -> Graph:
    return Graph().parse(ROOT / "graph" / "dataset.nt")


def mkgraph(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "mkgraph", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env={**os.environ})


# -- the tables and the links in our graph -------------------------------------------------------
def test_every_table_link_is_justified_and_sourced():
    for row in link.eurovoc_rows() + link.law_rows():
        assert len(row["justification"]) > 20 and len(row["source"]) > 10, row


def test_action_fields_link_to_eurovoc_by_closematch_only(ours):
    fields = set(ours.subjects(SKOS.inScheme, URIRef(ID + "scheme/action-field")))
    assert len(fields) == 6
    for f in fields:  # every action field has at least one EuroVoc link, all close, none exact
        assert [o for o in ours.objects(f, SKOS.closeMatch) if str(o).startswith("http://eurovoc.europa.eu/")]
        assert not list(ours.objects(f, SKOS.exactMatch))
    assert (URIRef(ID + "concept/action-field/language"), SKOS.closeMatch,
            URIRef("http://eurovoc.europa.eu/783")) in ours


def test_integrationsgesetz_has_its_citation_and_no_invented_eli(ours):
    law = URIRef(ID + "concept/instrument/integrationsgesetz")
    cites = [str(o) for o in ours.objects(law, URIRef("http://purl.org/dc/terms/bibliographicCitation"))]
    assert cites == ["Integrationsgesetz vom 31. Juli 2016 (BGBl. 2016 I S. 1939)"]
    assert not list(ours.objects(law, OWL.sameAs))


def test_each_land_has_exactly_one_of_each_identifier(ours):
    lands = set(ours.subjects(RDF.type, MK.Land))
    assert len(lands) == 16
    for land in lands:
        for prop in (OWL.sameAs, MK.nuts, MK.stateKey, MK.iso3166, MK.ags):
            assert len(list(ours.objects(land, prop))) == 1, (land, prop)
    assert (URIRef(ID + "land/DE-BW"), OWL.sameAs, WD.Q985) in ours
    assert (URIRef(ID + "country/SY"), OWL.sameAs, WD.Q858) in ours


def test_no_link_is_contradictory(ours):
    assert link.contradictions(ours) == []


def test_a_second_wikidata_item_for_a_land_is_found(ours):
    g = Graph() + ours
    g.add((URIRef(ID + "land/DE-BW"), OWL.sameAs, WD.Q980))  # Bayern's item
    problems = link.contradictions(g)
    assert any("DE-BW has 2 Wikidata" in p for p in problems)
    assert any("Q980 is the Wikidata" in p for p in problems)


def _table_copy(tmp_path: Path, extra: str) -> Path:
    folder = tmp_path / "links"
    shutil.copytree(tables() / "links", folder)
    with open(folder / "eurovoc.csv", "a", encoding="utf-8") as fh:
        fh.write(extra)
    return folder


def test_a_duplicated_or_contradictory_table_row_is_refused(tmp_path):
    dup = "action-field/language,exactMatch,http://eurovoc.europa.eu/783,language teaching,a second claim on the same pair,test\n"
    with pytest.raises(InputError, match="eurovoc.csv.*already linked"):
        link.eurovoc_rows(_table_copy(tmp_path / "a", dup))
    bad = "action-field/language,closeMatch,http://example.org/783,x,an IRI that is not EuroVoc at all,test\n"
    with pytest.raises(InputError, match="not a EuroVoc concept IRI"):
        link.eurovoc_rows(_table_copy(tmp_path / "b", bad))
    unknown = "action-field/nowhere,closeMatch,http://eurovoc.europa.eu/1,x,a concept that is not in the tables,test\n"
    with pytest.raises(InputError, match="no concept"):
        link.links_graph(Iris(), _table_copy(tmp_path / "c", unknown))


# -- finding links in another dataset -----------------------------------------------------------
def test_links_in_the_govdata_example(ours):
    theirs = Graph().parse(EXAMPLES / "govdata-example.ttl")
    got = {(l.theirs.removeprefix(EX), l.ours.removeprefix(ID), l.system, l.via) for l in link.find_links(ours, theirs, ID)}
    assert got == {
        ("integrationskurse-bw", "land/DE-BW", "AGS", "shared IRI"),
        ("integrationskurse-bw", "concept/action-field/language", "EuroVoc", "shared IRI"),
        ("integrationskurse-bw", "resolution/intmk/2017/top-2.1", "mkgraph", "direct IRI"),
        ("sprachkitas-by", "land/DE-BY", "AGS", "shared IRI"),
        ("sprachkitas-by", "land/DE-BY", "ISO 3166", "code literal"),
    }  # wetterdaten-he (state key 99) links to nothing


def test_links_in_the_wikidata_extract(ours):
    theirs = Graph().parse(EXAMPLES / "wikidata-example.ttl")
    got = {(l.theirs.removeprefix(str(WD)), l.ours.removeprefix(ID), l.system, l.via)
           for l in link.find_links(ours, theirs, ID)}
    assert got == {
        ("Q985", "land/DE-BW", "Wikidata", "same IRI as subject"),
        ("Q985", "land/DE-BW", "ISO 3166", "code literal"),
        ("Q985", "land/DE-BW", "NUTS", "code literal"),
        ("Q980", "land/DE-BY", "Wikidata", "same IRI as subject"),
        ("Q980", "land/DE-BY", "ISO 3166", "code literal"),
        ("Q980", "land/DE-BY", "NUTS", "code literal"),
        ("Q858", "country/SY", "Wikidata", "same IRI as subject"),
        ("Q985", "land/DE-BW", "Land name", "name literal"),  # rdfs:label "Baden-Württemberg"
        ("Q980", "land/DE-BY", "Land name", "name literal"),
    }


def test_link_command_writes_table_linkset_and_merge(tmp_path):
    ls, merged = tmp_path / "ls.ttl", tmp_path / "merged.ttl"
    r = mkgraph("link", str(EXAMPLES / "govdata-example.ttl"), "--linkset", str(ls), "--merge", str(merged))
    assert r.returncode == 0, r.stderr
    assert "sprachkitas-by" in r.stdout and "code literal" in r.stdout and "5 link(s)" in r.stdout
    g = Graph().parse(ls)
    sets = list(g.subjects(RDF.type, VOID.Linkset))
    assert sum(int(g.value(s, VOID.triples)) for s in sets) == 5
    preds = {g.value(s, VOID.linkPredicate) for s in sets}
    pairs = {(str(a).removeprefix(EX), str(b).removeprefix(ID)) for p in preds for a, b in g.subject_objects(p)
             if str(b).startswith(ID) and str(a).startswith(EX)}
    # Bayern's record shares two identifiers (state key, ISO code) with one Land: one pair, two linksets
    assert pairs == {("integrationskurse-bw", "land/DE-BW"), ("integrationskurse-bw", "concept/action-field/language"),
                     ("integrationskurse-bw", "resolution/intmk/2017/top-2.1"), ("sprachkitas-by", "land/DE-BY")}
    m = Graph().parse(merged)
    theirs = Graph().parse(EXAMPLES / "govdata-example.ttl")
    assert all(t in m for t in theirs)
    assert (URIRef(EX + "sprachkitas-by"), URIRef("http://www.w3.org/2000/01/rdf-schema#seeAlso"),
            URIRef(ID + "land/DE-BY")) in m


def test_link_command_with_an_endpoint(oxigraph_server):
    server = oxigraph_server([EXAMPLES / "wikidata-example.ttl"])
    r = mkgraph("link", "--endpoint", server.query, "--linkset", os.devnull)
    assert r.returncode == 0, r.stderr
    assert "9 link(s)" in r.stdout


def test_no_links_found_exits_1_and_names_what_was_tried():
    r = mkgraph("link", str(HERE / "unlinked.ttl"), "--linkset", os.devnull)
    assert r.returncode == 1
    assert "no links found" in r.stderr and "Wikidata IRIs" in r.stderr and "AGS keys" in r.stderr


@pytest.mark.parametrize("content,needle", [("<a> <b> {", "cannot be parsed"), ("", "empty")])
def test_bad_files_exit_2_in_one_line(tmp_path, content, needle):
    f = tmp_path / "bad.ttl"
    f.write_text(content, encoding="utf-8")
    r = mkgraph("link", str(f))
    assert r.returncode == 2
    assert needle in r.stderr and str(f) in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


def test_endpoint_down_exits_2():
    import socket

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    r = mkgraph("link", "--endpoint", f"http://127.0.0.1:{port}/query")
    assert r.returncode == 2
    assert "--endpoint" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_saved_join_query_across_both_example_datasets():
    rows = run_query("linked-records", data=[ROOT / "graph" / "dataset.nt", EXAMPLES / "govdata-example.ttl",
                                             EXAMPLES / "wikidata-example.ttl"]).records()
    got = [(r["label"], r["record"].removeprefix(EX), r["wikidataIso"], r["applicant"]) for r in rows]
    # Bayern is the one Land that did not move TOP 2.1 (15 applicants)
    assert got == [("Baden-Württemberg", "integrationskurse-bw", "DE-BW", True),
                   ("Bayern", "sprachkitas-by", "DE-BY", False)]


def test_join_query_reads_dcat_ap_de_3_records_too(tmp_path):
    """DCAT-AP.de 3.0 deprecates dcatde:politicalGeocodingURI: a record that states its Land
    in dcterms:spatial (as 3.0 writes it) is joined as well."""
    record = tmp_path / "record-3.0.ttl"
    record.write_text(
        "@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dcterms: <http://purl.org/dc/terms/> .\n"
        "<https://example.org/ds/kitas-he> a dcat:Dataset ; dcterms:title \"Kitas in Hessen\"@de ;\n"
        "  dcterms:spatial <http://dcat-ap.de/def/politicalGeocoding/stateKey/06> .\n", encoding="utf-8")
    rows = run_query("linked-records", data=[ROOT / "graph" / "dataset.nt", record]).records()
    assert [(r["label"], r["record"], r["applicant"]) for r in rows] == [
        ("Hessen", "https://example.org/ds/kitas-he", True)]


# -- CSV tables (the format most policy data comes in) ------------------------------------------
def test_links_in_the_shipped_csv_example_by_land_name_ags_and_wikidata(ours):
    theirs = link.load_file(EXAMPLES / "foerderprogramme.csv")
    got = {(l.theirs.rsplit("#", 1)[1], l.ours.removeprefix(ID), l.identifier, l.system)
           for l in link.find_links(ours, theirs, ID)}
    assert got == {
        ("row-2", "land/DE-BY", "Bayern", "Land name"), ("row-2", "land/DE-BY", "09", "AGS"),
        ("row-3", "land/DE-NW", "Nordrhein-Westfalen", "Land name"),
        ("row-3", "land/DE-NW", "http://www.wikidata.org/entity/Q1198", "Wikidata"),
        ("row-4", "land/DE-BW", "Baden-Württemberg", "Land name"), ("row-4", "land/DE-BW", "08", "AGS"),
    }  # row 5 (Atlantis, AGS 99) links to nothing


def test_link_command_on_the_shipped_examples_from_any_folder(tmp_path):
    r = mkgraph("link", "--example", "foerderprogramme", "--linkset", str(tmp_path / "ls.ttl"), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "6 link(s) from 3 of their resource(s)" in r.stdout and "Land name" in r.stdout
    r = mkgraph("link", "--example", "nope", cwd=tmp_path)
    assert r.returncode == 2 and "govdata-example.ttl" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_a_csv_with_an_iri_column_windows_1252_and_tabs(tmp_path, ours):
    f = tmp_path / "t.tsv"
    f.write_bytes("uri\tBundesland\nhttps://example.org/r/1\tThüringen\n".encode("cp1252"))
    got = [(l.theirs, l.ours.removeprefix(ID)) for l in link.find_links(ours, link.load_file(f), ID)]
    assert got == [("https://example.org/r/1", "land/DE-TH")]


@pytest.mark.parametrize("content,needle", [
    (b"a,b\n1,2,3\n", "line 2: 3 cells, the header names 2 columns"),
    (b"a,,c\n1,2,3\n", "line 1: column 2 has no name (the first line must name the columns)"),
    (b"Land,land\nBayern,x\n", "line 1: column 'land' appears twice"),
    (b"Land,Wert\n", "no rows below the header line"),
    (b"", "the file is empty"),
    (b"\x00\x01\x02", "a binary file, not a CSV table"),
])
def test_a_csv_it_cannot_read_is_one_line_exit_2(tmp_path, content, needle):
    f = tmp_path / "bad.csv"
    f.write_bytes(content)
    r = mkgraph("link", str(f), "--linkset", str(tmp_path / "ls.ttl"))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.strip() == f"mkgraph: {f}: {needle}"
    assert not (tmp_path / "ls.ttl").exists()
