"""The shapes give the same verdicts in pySHACL, rudof (pyrudof) and Jena SHACL (issue 14, item 8).

Every fixture of tests/shapes/ is validated by each engine, with the ontology mixed in as
mkgraph validates it. test_shapes.py proves that pySHACL reports exactly a fixture's
`# expect:` lines; here the other engines must report the same (focus node, constraint
component, source shape) too, not only the same conforms. rudof and Jena both implement
SHACL-SPARQL, so all shapes run, the SPARQL constraints included.

Known, and checked to stay exactly as described:
* rudof compares an xsd:nonNegativeInteger with an integer as incomparable, so it adds
  sh:minInclusive and sh:lessThan results on `selector-start-typed-nonnegativeinteger`;
  SPARQL 1.1 §17.1 makes the types derived from xsd:integer numeric, and Jena and
  pySHACL give the datatype result only. The verdict is the same.
* rudof ignores sh:SPARQLTarget (SHACL-AF), so it needs the mksh:UsedTerm typing that
  validate() adds; Jena and pySHACL (advanced) find the used terms from the target alone.

Jena runs where Debian's libapache-jena-java and a Java runtime are installed (.ci/run
installs them); the test is skipped, saying so, where they are not.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pyrudof
import pyshacl
import pytest
from rdflib import Graph

from mkgraph.validate import shacl as v
from test_shapes import INVALID, VALID, compose, expected, ontology, shapes

HERE = Path(__file__).resolve().parent
MKSH = "https://w3id.org/mkgraph/shapes#"
SH = "http://www.w3.org/ns/shacl#"
FIXTURES = VALID + INVALID
RUDOF_DEVIATIONS = {
    "selector-start-typed-nonnegativeinteger": {
        ("resolution/intmk/2017/top-2.1/point/2/anchor/position", "MinInclusiveConstraintComponent", "SelectorStart"),
        ("resolution/intmk/2017/top-2.1/point/2/anchor/position", "LessThanConstraintComponent", "SelectorStart"),
    },
}
JAVA_DIR = Path("/usr/share/java")
# Debian's jena jars and the libraries its package depends on
JENA_DEPS = ("commons-cli", "commons-codec", "commons-compress", "commons-csv", "commons-io", "commons-lang3",
             "dexx.collection", "gson", "guava", "httpclient", "httpcore", "jackson-core", "jackson-databind",
             "jackson-annotations", "jsonld-java", "jakarta.json-api", "protobuf-java", "slf4j-api", "slf4j-simple",
             "thrift", "titanium-json-ld", "commons-collections4", "failureaccess", "caffeine")


def short(iri: str) -> str:
    for base in ("https://w3id.org/mkgraph/id/", MKSH, SH):
        if iri.startswith(base):
            return iri[len(base):]
    return iri.rsplit(":", 1)[-1] if iri.startswith(("sh:", "mksh:")) else iri


def data_of(path: Path, typed: bool = True) -> Graph:
    """The fixture with the ontology, as validate() checks it (typed: with mksh:UsedTerm)."""
    g = Graph().parse(path) if path in VALID else compose(path)
    combined = Graph()
    combined += g
    combined += ontology()
    if typed:
        for term in v.used_terms(g):
            combined.add((term, v.RDF.type, v.USED_TERM))
    return combined


def want(path: Path) -> Counter:
    """What pySHACL reports (test_shapes.py proves it): the fixture's expect lines."""
    return Counter((short(f), short(c), short(s)) for f, c, _, s, _, _ in expected(path)) if path in INVALID else Counter()


@lru_cache(maxsize=1)
def shapes_turtle() -> str:
    return shapes().serialize(format="turtle")


def rudof_results(data: Graph) -> tuple[bool, Counter]:
    r = pyrudof.Rudof(pyrudof.RudofConfig())
    r.read_data(data.serialize(format="nt"), format=pyrudof.RDFFormat.NTriples)
    r.read_shacl(shapes_turtle())
    report = r.validate_shacl()
    return report.conforms, Counter((short(str(e.focus_node)), short(str(e.constraint_component)),
                                     short(str(e.source_shape))) for e in report)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_rudof_gives_pyshacls_results(path):
    conforms, got = rudof_results(data_of(path))
    assert conforms == (path in VALID)
    extra = RUDOF_DEVIATIONS.get(path.stem, set())
    assert got == want(path) + Counter(extra)


def test_pyshacl_finds_the_used_terms_from_the_sparql_target_alone():
    for path in sorted(p for p in INVALID if p.stem.startswith("term-")):
        untyped = data_of(path, typed=False)
        _, report, _ = pyshacl.validate(untyped, shacl_graph=shapes(), inference="none", advanced=True)
        q = f"SELECT ?f ?c ?s WHERE {{ ?r a <{SH}ValidationResult> ; <{SH}focusNode> ?f ; " \
            f"<{SH}sourceConstraintComponent> ?c ; <{SH}sourceShape> ?s }}"
        got = Counter((short(str(f)), short(str(c)), short(str(s))) for f, c, s in report.query(q))
        assert got == want(path), path.name
        assert rudof_results(untyped)[1] == Counter(), "rudof now reads sh:SPARQLTarget: update the docstring"


# -- Jena -------------------------------------------------------------------------------------
def jena_classpath(tmp: Path) -> str | None:
    if shutil.which("java") is None or not (JAVA_DIR / "jena-shacl.jar").is_file():
        return None
    jars = sorted(p for p in JAVA_DIR.glob("jena-*.jar") if not p.stem.split("-")[-1][:1].isdigit())
    jars += [JAVA_DIR / f"{d}.jar" for d in JENA_DEPS if (JAVA_DIR / f"{d}.jar").is_file()]
    # Debian moves Jena's bundled Xerces to the package `xerces` but leaves its message
    # bundles under org/apache/jena/ext/xerces/: without them every XSD datatype fails to
    # initialise ("internal error"). A side jar puts copies where the classes look.
    side = tmp / "jena-xerces-messages.jar"
    prefix = "org/apache/jena/ext/xerces/"
    with zipfile.ZipFile(JAVA_DIR / "jena-core.jar") as src, zipfile.ZipFile(side, "w") as dst:
        for name in src.namelist():
            if name.startswith(prefix) and name.endswith(".properties"):
                dst.writestr("xerces/" + name[len(prefix):], src.read(name))
    return ":".join(str(p) for p in [side, *jars])


def run_jena(tmp: Path, datasets: dict[str, Graph]) -> dict[str, Counter]:
    cp = jena_classpath(tmp)
    if cp is None:
        pytest.skip("Jena SHACL is not installed (Debian: apt-get install libapache-jena-java default-jre-headless)")
    (tmp / "shapes.ttl").write_text(shapes_turtle(), encoding="utf-8")
    files = {}
    for name, g in datasets.items():
        files[name] = tmp / f"{name.replace('/', '--')}.nt"
        g.serialize(files[name], format="nt", encoding="utf-8")
    proc = subprocess.run(["java", "-cp", cp, str(HERE / "jena" / "ShaclBatch.java"), str(tmp / "shapes.ttl"),
                           *map(str, files.values())], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert not proc.stdout.startswith("ERROR"), proc.stdout  # Jena refused the shapes
    by_file = {str(f): name for name, f in files.items()}
    out = {name: Counter() for name in datasets}
    for line in proc.stdout.splitlines():
        parts = line.split("\t")
        if parts[1] != "CONFORMS":
            out[by_file[parts[0]]][(short(parts[1]), short(parts[2]), short(parts[4]))] += 1
    return out


def test_jena_gives_pyshacls_results(tmp_path):
    got = run_jena(tmp_path, {f"{p.parent.name}/{p.stem}": data_of(p) for p in FIXTURES})
    differ = {name: (got[name], want(p)) for p in FIXTURES if got[(name := f"{p.parent.name}/{p.stem}")] != want(p)}
    assert not differ, differ


def test_jena_finds_the_used_terms_from_the_sparql_target_alone(tmp_path):
    terms = sorted(p for p in INVALID if p.stem.startswith("term-"))
    got = run_jena(tmp_path, {p.stem: data_of(p, typed=False) for p in terms})
    for p in terms:
        assert got[p.stem] == want(p), p.name
