"""mkgraph validate: exit codes 0 / 1 / 2, the three report formats, --shapes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF
from click.testing import CliRunner

from mkgraph.cli import app
from mkgraph.rdf.namespaces import SH

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "shapes"
sys.path.insert(0, str(Path(__file__).parent))
from test_shapes import compose  # noqa: E402


def run(*args, cwd: Path = ROOT):
    import os

    old = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(app, ["validate", *map(str, args)])
    finally:
        os.chdir(old)


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> Path:
    """Two faults on two nodes: a demand naming no addressee, a point without ordinal."""
    g = compose(FIXTURES / "invalid" / "demand-no-addressee.ttl")
    from rdflib import URIRef

    point = URIRef("https://w3id.org/mkgraph/id/resolution/intmk/2017/top-2.1/point/2")
    g.remove((point, URIRef("https://w3id.org/mkgraph/ontology#ordinal"), None))
    path = tmp_path_factory.mktemp("data") / "broken.ttl"
    g.serialize(path, format="turtle")
    return path


def test_the_committed_graph_conforms():
    assert (ROOT / "graph" / "dataset.ttl").is_file()
    res = run()
    assert res.exit_code == 0, res.output
    assert res.output.startswith("Conforms")


def test_valid_file_exits_0():
    res = run(FIXTURES / "valid" / "minimal.ttl")
    assert res.exit_code == 0 and "Conforms" in res.output


def test_broken_graph_exits_1_with_a_human_report_grouped_by_node(broken):
    res = run(broken)
    assert res.exit_code == 1
    out = res.output
    assert out.startswith("Does not conform: 2 result(s) on 2 node(s).")
    demand = out.index("<https://w3id.org/mkgraph/id/resolution/intmk/2017/top-2.1/statement/demand-3-62>")
    point = out.index("<https://w3id.org/mkgraph/id/resolution/intmk/2017/top-2.1/point/2>")
    # each node once, with its label (the quote), then its violations
    assert out.count("statement/demand-3-62>") == 1
    assert "“Die IntMK fordert den Bund auf, Sprachkurse bereitzustellen”" in out[demand:]
    assert "Violation: mk:ordinal" in out[point:]
    assert "A part has exactly one ordinal" in out and "Ein Teil hat genau eine Ordnungszahl" in out
    assert "mksh:DemandShape, XoneConstraintComponent" in out


def test_turtle_report_is_a_standard_validation_report(broken):
    res = run(broken, "--format", "turtle")
    assert res.exit_code == 1
    g = Graph().parse(data=res.output, format="turtle")
    report = next(g.subjects(RDF.type, SH.ValidationReport))
    assert g.value(report, SH.conforms).toPython() is False
    results = list(g.objects(report, SH.result))
    assert len(results) == 2
    for r in results:
        assert (r, RDF.type, SH.ValidationResult) in g
        assert g.value(r, SH.focusNode) is not None and g.value(r, SH.sourceConstraintComponent) is not None
        assert {m.language for m in g.objects(r, SH.resultMessage)} == {"de", "en"}
    assert run(broken, "--format", "turtle").output == res.output  # deterministic


def test_json_report(broken):
    res = run(broken, "--format", "json")
    assert res.exit_code == 1
    body = json.loads(res.output)
    assert body["conforms"] is False
    assert [(r["shape"], r["component"], r["path"]) for r in body["results"]] == [
        ("mksh:PartOrdinal", "sh:MinCountConstraintComponent", "mk:ordinal"),
        ("mksh:DemandShape", "sh:XoneConstraintComponent", None),
    ]


def test_own_shapes_with_shapes_option(tmp_path):
    own = tmp_path / "shapes"
    own.mkdir()
    (own / "points.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix mk: <https://w3id.org/mkgraph/ontology#> .\n"
        "<urn:x:PointsHaveTitles> a sh:NodeShape ; sh:targetClass mk:Point ;\n"
        "  sh:property [ sh:path <http://data.europa.eu/eli/ontology#title> ; sh:minCount 1 ] .\n"
    )
    res = run(FIXTURES / "valid" / "minimal.ttl", "--shapes", own, "--format", "json")
    assert res.exit_code == 1
    focus = sorted(r["focus"] for r in json.loads(res.output)["results"])
    assert focus == [f"https://w3id.org/mkgraph/id/resolution/intmk/2017/top-2.1/point/{n}" for n in (1, 2)]


def _cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-c", "from mkgraph.cli import main; main()", "validate", *map(str, args)],
                          cwd=cwd, capture_output=True, text=True)


def test_not_rdf_exits_2_with_file_line_and_column(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> \"open .\n")
    res = run(bad)
    assert res.exit_code == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"mkgraph: {bad}: line 2, column ")


def test_bad_input_is_one_line_without_traceback(tmp_path):
    (tmp_path / "empty").mkdir()
    res = run(tmp_path / "empty")
    assert res.exit_code == 2 and "holds no RDF data files" in res.stderr
    bad_shapes = tmp_path / "shapes"
    bad_shapes.mkdir()
    (bad_shapes / "s.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n<urn:s> a sh:NodeShape ; sh:targetClass <urn:C> ; sh:minCount -1 .\n"
    )
    res = run(FIXTURES / "valid" / "minimal.ttl", "--shapes", bad_shapes)
    assert res.exit_code == 2 and "s.ttl: not valid SHACL" in res.stderr
    res = run(FIXTURES / "valid" / "minimal.ttl", "--format", "xml")
    assert res.exit_code == 2 and "--format" in res.stderr
    res = run(tmp_path / "missing.ttl")
    assert res.exit_code == 2 and "missing.ttl: no such file" in res.stderr


def test_exit_codes_from_a_real_process(tmp_path, broken):
    bad = tmp_path / "x.jsonld"
    bad.write_text('{"@id": "urn:a",\n  "urn:b": }')
    proc = _cli(bad)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    # the last words are the JSON parser's own (json or orjson, whichever rdflib found)
    assert proc.stderr.strip().startswith(f"mkgraph: {bad}: line 2, column 12: not valid json-ld: ")
    assert len(proc.stderr.strip().splitlines()) == 1
    assert _cli(broken).returncode == 1


def test_per_resolution_gives_the_same_report(broken):
    whole = run(broken, "--format", "turtle")
    split = run(broken, "--format", "turtle", "--per-resolution", "--workers", "2")
    assert split.exit_code == whole.exit_code == 1
    assert split.output == whole.output
