"""The shapes in shapes/ against hand-written fixtures.

tests/shapes/valid/*.ttl must conform. Each tests/shapes/invalid/*.ttl is a patch on a
valid fixture ("# base:"): the triples of "# remove: <s> <p>" lines are taken out, the
file's own triples are added, and the validation report must be exactly the "# expect:"
lines (focus node, constraint component, path, source shape, SPARQL constraint, value;
"-" where a field is empty): no more and no fewer results.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from rdflib.util import from_n3

from mkgraph.validate import shacl as v
from mkgraph.errors import InputError
from mkgraph.rdf.namespaces import SH

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "shapes"
BASE = "https://w3id.org/mkgraph/id/"
TOKEN = re.compile(r'<[^>]*>|"(?:[^"\\]|\\.)*"(?:@[A-Za-z-]+|\^\^\S+)?|\S+')
MKSH = "https://w3id.org/mkgraph/shapes#"


@lru_cache(maxsize=1)
def shapes() -> Graph:
    return v.load_shapes(ROOT / "shapes")


@lru_cache(maxsize=1)
def ontology() -> Graph:
    return v.load_ontology(ROOT / "ontology")


def _nm():
    return v._nm().namespace_manager


def _term(token: str):
    if token == "-":
        return None
    if token.startswith("<") and not re.match(r"<[a-z]+:", token):
        token = f"<{BASE}{token[1:-1]}>"  # relative to the fixtures' @base
    return from_n3(token, nsm=_nm())


def header(path: Path) -> dict[str, list[list[str]]]:
    out: dict[str, list[list[str]]] = {"base": [], "remove": [], "expect": []}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"# (base|remove|expect): (.*)$", line)
        if m:
            out[m.group(1)].append(TOKEN.findall(m.group(2)))
    return out


def compose(path: Path) -> Graph:
    h = header(path)
    g = Graph().parse(FIXTURES / "valid" / h["base"][0][0], format="turtle")
    for tokens in h["remove"]:
        s, p = (_term(t) for t in tokens[:2])
        assert (s, p, None) in g, f"{path.name}: nothing to remove for {tokens}"
        g.remove((s, p, None))
    g.parse(path, format="turtle")
    return g


def expected(path: Path) -> list[tuple]:
    nm = _nm()
    rows = []
    for tokens in header(path)["expect"]:
        assert len(tokens) == 6, f"{path.name}: expect line needs 6 fields: {tokens}"
        focus, comp, pth, shape, constraint, value = tokens
        rows.append((
            str(_term(focus)),
            comp,
            None if pth == "-" else pth,
            shape,
            None if constraint == "-" else constraint,
            None if value == "-" else _term(value).n3(nm),
        ))
    return sorted(rows, key=lambda r: tuple("" if x is None else x for x in r))


def actual(report: v.Report) -> list[tuple]:
    rows = [(r.focus, r.component, r.path, r.shape, r.constraint, r.value) for r in report.results]
    return sorted(rows, key=lambda r: tuple("" if x is None else x for x in r))


INVALID = sorted((FIXTURES / "invalid").glob("*.ttl"))
VALID = sorted((FIXTURES / "valid").glob("*.ttl"))


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_fixture_conforms(path):
    report = v.validate(Graph().parse(path), shapes(), ontology())
    assert report.conforms, v.format_human(report)
    assert report.results == ()


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture_gives_exactly_its_report(path):
    want = expected(path)
    assert want, f"{path.name} states no expected result"
    want_values = [w[:5] + ((w[5],) if w[5] else ()) for w in want]
    report = v.validate(compose(path), shapes(), ontology())
    assert not report.conforms
    got = actual(report)
    # a fixture may leave the value out ("-") when it is a blank node or obvious
    got_cmp = [g[:5] + ((g[5],) if w[5] else ()) for g, w in zip(got, want)] if len(got) == len(want) else got
    assert got_cmp == want_values, v.format_human(report)
    for r in report.results:
        assert r.message_en and r.message_de and r.message_en != r.message_de, r


def _targeted_constraints(g: Graph) -> set[tuple]:
    """(shape, component, sparql constraint) for every constraint on a shape that has
    a target or is a property shape of one: what a report can name directly."""
    nm = _nm()
    params = {
        SH.minCount: "MinCount", SH.maxCount: "MaxCount", SH["class"]: "Class", SH.datatype: "Datatype",
        SH.pattern: "Pattern", SH.languageIn: "LanguageIn", SH.node: "Node", SH.lessThan: "LessThan",
        SH.lessThanOrEquals: "LessThanOrEquals", SH.minInclusive: "MinInclusive",
        SH.maxInclusive: "MaxInclusive", SH.minLength: "MinLength", SH.hasValue: "HasValue",
        SH.uniqueLang: "UniqueLang", SH.xone: "Xone", SH["or"]: "Or", SH.qualifiedMinCount: "QualifiedMinCount",
        SH.qualifiedMaxCount: "QualifiedMaxCount", SH["in"]: "In",
    }
    targets = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
    roots = {s for t in targets for s in g.subjects(t, None)}
    shapes_ = set(roots) | {p for r in roots for p in g.objects(r, SH.property)}
    out = set()
    for s in shapes_:
        name = s.n3(nm)
        for p, o in g.predicate_objects(s):
            if p in params:
                out.add((name, f"sh:{params[p]}ConstraintComponent", None))
            elif p == SH.sparql:
                out.add((name, "sh:SPARQLConstraintComponent", o.n3(nm)))
            elif p in (SH.property, SH.name, SH.description, SH.message, SH.path, SH.qualifiedValueShape,
                       SH.severity, SH.deactivated, RDF.type, SH.prefixes, SH.target) or p in targets:
                continue
            else:
                raise AssertionError(f"{name}: {p} is not known to this coverage test")
    return out


def test_every_constraint_has_a_fixture_that_catches_it():
    named = {(row[3], row[1], row[4]) for p in INVALID for row in expected(p)}
    missing = sorted(_targeted_constraints(shapes()) - named)
    assert not missing, "constraints no invalid fixture catches: " + ", ".join(map(str, missing))


def test_every_shape_is_named_described_and_has_a_bilingual_message():
    g = shapes()
    nm = _nm()
    roots = {s for t in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
             for s in g.subjects(t, None)}
    props = {p for r in roots for p in g.objects(r, SH.property)}
    for s in roots | props:
        name = s.n3(nm)
        assert isinstance(s, URIRef) and str(s).startswith(MKSH), f"{name} is not a named mksh: shape"
        assert g.value(s, SH.name) is not None, f"{name} has no sh:name"
        langs = {getattr(d, "language", None) for d in g.objects(s, SH.description)}
        assert {"de", "en"} <= langs, f"{name}: sh:description needs @de and @en"
        msg_langs = {getattr(m, "language", None) for m in g.objects(s, SH.message)}
        sparql_msgs = {getattr(m, "language", None) for c in g.objects(s, SH.sparql) for m in g.objects(c, SH.message)}
        if (s, SH.path, None) in g or (s, SH.pattern, None) in g or (s, SH.xone, None) in g \
                or (s, SH["or"], None) in g or (s, SH["class"], None) in g:
            assert {"de", "en"} <= msg_langs, f"{name}: sh:message needs @de and @en"
        if (s, SH.sparql, None) in g:
            # Jena accepts at most one sh:message on a SPARQL constraint: the shape carries
            # them, one SPARQL constraint per shape so that they are that constraint's
            assert not sparql_msgs, f"{name}: its SPARQL constraint's messages belong on the shape"
            assert len(list(g.objects(s, SH.sparql))) == 1, f"{name}: one SPARQL constraint per shape"
            assert {"de", "en"} <= msg_langs, f"{name}: sh:message needs @de and @en"


def test_one_shapes_file_per_target_class():
    seen: dict[str, str] = {}
    for f in sorted((ROOT / "shapes").glob("*.ttl")):
        for cls in Graph().parse(f).objects(None, SH.targetClass):
            assert seen.setdefault(str(cls), f.name) == f.name, f"{cls} is targeted in {seen[str(cls)]} and {f.name}"
    assert len(seen) >= 18


def test_shapes_are_valid_shacl_and_broken_shapes_are_refused(tmp_path):
    # the project's shapes pass the SHACL-SHACL meta-shapes (load_shapes checks them)
    assert len(shapes()) > 500
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "<urn:s> a sh:NodeShape ; sh:targetClass <urn:C> ;\n"
        "  sh:property [ sh:path <urn:p> ; sh:minCount \"one\" ] .\n"
    )
    with pytest.raises(InputError) as err:
        v.load_shapes(bad)
    assert str(err.value).startswith(str(bad / "x.ttl")) and "not valid SHACL" in str(err.value)
    (bad / "x.ttl").write_text("<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b c> .\n")
    with pytest.raises(InputError) as err:
        v.load_shapes(bad)
    assert re.search(r"x\.ttl: line 2, column 18: ", str(err.value)), str(err.value)


def test_subclasses_are_reached_through_the_ontology():
    # mk:Demand is only a subclass of mk:Statement in ontology/: without it the
    # statement shapes would not see the demand, with it they do
    g = compose(FIXTURES / "invalid" / "statement-speaker-missing.ttl")
    with_ont = v.validate(g, shapes(), ontology())
    assert any(r.shape == "mksh:StatementSpeakerShape" for r in with_ont.results)
    terms_only = Graph()
    for s, p, o in ontology():
        if p != URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf"):
            terms_only.add((s, p, o))
    without = v.validate(g, shapes(), terms_only)
    assert not any(r.shape == "mksh:StatementSpeakerShape" for r in without.results)


def test_formats_are_deterministic_and_standard():
    g = compose(FIXTURES / "invalid" / "resolution-title-two.ttl")
    a, b = v.validate(g, shapes(), ontology()), v.validate(g, shapes(), ontology())
    for fmt in (v.format_human, v.format_turtle, v.format_json):
        assert fmt(a) == fmt(b)
    assert "_:" not in v.format_turtle(a)
    rg = Graph().parse(data=v.format_turtle(a), format="turtle")
    report = next(rg.subjects(RDF.type, SH.ValidationReport))
    assert rg.value(report, SH.conforms).toPython() is False
    assert len(list(rg.objects(report, SH.result))) == 1
    human = v.format_human(a)
    assert "Integration schafft Zusammenhalt" in human and "eli:title" in human and "höchstens einen Titel" in human


def test_rdfs_inference_would_hide_a_wrong_link_target():
    # why validate() does not compute an RDFS closure: mk:addressee has rdfs:range
    # mk:Actor, so inference types any addressee as an actor and sh:class cannot fail
    import pyshacl

    g = compose(FIXTURES / "invalid" / "statement-addressee-not-actor.ttl")
    ours = v.validate(g, shapes(), ontology())
    assert [r.shape for r in ours.results] == ["mksh:StatementAddressee"]
    _, report, _ = pyshacl.validate(g + ontology(), shacl_graph=shapes(), inference="rdfs")
    shapes_hit = {str(o) for o in report.objects(None, SH.sourceShape)}
    assert MKSH + "StatementAddressee" not in shapes_hit
