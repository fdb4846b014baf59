"""The catalogue format, parameter checking, escaping, and the CLI's exit-code contract."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from mkgraph.cli import app
from mkgraph.errors import InputError
from mkgraph.query.catalogue import Term, bind, catalogue, find, parse, to_term
from mkgraph.query.remote import substitute
from mkgraph.query.local import check_syntax

MINI = str(Path(__file__).resolve().parent / "queries" / "mini.ttl")
FOUNDATION = {
    "resolution": "resolution conference session startDate endDate place top documentType title subtitle vote applicantCount",
    "applicants": "land label iso wikidata applicant",
    "parts": "part kind number title start end",
    "statements": "statement type speaker addressees point field quote start end",
}


def test_catalogue_is_complete_and_documented():
    cat = catalogue()
    assert set(cat) >= set(FOUNDATION) | {
        "demands", "demands-by-addressee", "statements-by-field", "non-applicants", "actors",
        "instruments", "target-groups", "text", "provenance", "links", "search", "describe"}
    for q in cat.values():
        assert q.summary and q.description and q.tags, q.name
        check_syntax(q)
        assert re.search(r"\bORDER\s+BY\b", q.text, re.I), f"{q.name} has no ORDER BY"
        declared = set((q.header.get("parameters") or {}))
        assert declared == {p.name for p in q.parameters}, q.name


@pytest.mark.parametrize("name", FOUNDATION)
def test_foundation_columns(name):
    from mkgraph.api import run_query

    assert run_query(name, data=[MINI]).columns == tuple(FOUNDATION[name].split())


def test_basil_parameters():
    q = parse("SELECT ?x WHERE { ?x ?p ?_thing_iri . ?x ?q ?__n_integer FILTER(?x != '?_not') } # ?_nor", "t", Path("t.rq"))
    assert [(p.name, p.type, p.required) for p in q.parameters] == [("thing", "iri", True), ("n", "integer", False)]


def test_bind_checks():
    q = find("text")
    with pytest.raises(InputError, match="needs parameter 'part'"):
        bind(q, {})
    with pytest.raises(InputError, match="no parameter 'bogus'"):
        bind(q, {"part": "1", "bogus": "2"})
    with pytest.raises(InputError, match="not an absolute IRI"):
        bind(q, {"part": "1", "resolution": "no iri"})
    assert bind(q, {"part": "1"}) == {"_part": Term("literal", "1", "http://www.w3.org/2001/XMLSchema#string")}


@pytest.mark.parametrize("bad", ["relative/path", "http://x y", "http://x>", 'http://x"', "http://x{", "http://%zz", ""])
def test_malformed_iris(bad):
    from mkgraph.query.catalogue import Parameter

    with pytest.raises(InputError):
        to_term(Parameter("r", "_r_iri", "iri", True), bad)


def test_term_escaping():
    t = Term("literal", 'a"b\\c\nd', "http://www.w3.org/2001/XMLSchema#string")
    assert t.sparql() == '"a\\"b\\\\c\\nd"'
    assert Term("literal", "5", "http://www.w3.org/2001/XMLSchema#integer").sparql() == '"5"^^<http://www.w3.org/2001/XMLSchema#integer>'


def test_substitute_only_touches_variables():
    text = 'SELECT ?a ?_w WHERE { ?a ?p "?_w" . FILTER(?b = ?_w) } # ?_w'
    out = substitute(text, {"_w": Term("iri", "http://x/")})
    assert out == 'SELECT ?a (<http://x/> AS ?_w) WHERE { ?a ?p "?_w" . FILTER(?b = <http://x/>) } # ?_w'


def test_unknown_query_lists_known():
    with pytest.raises(InputError, match="known queries: .*applicants"):
        find("no-such-query")


def test_user_query_syntax_error_has_line_and_column(tmp_path):
    p = tmp_path / "mine.rq"
    p.write_text("SELECT ?s WHERE {\n  ?s ?p \n}\n")
    with pytest.raises(InputError, match=r"mine\.rq: SPARQL syntax error at 3:\d+: "):
        check_syntax(find(str(p)))


runner = CliRunner()


def test_cli_run_csv():
    res = runner.invoke(app, ["query", "run", "parts", "--data", MINI, "--format", "csv"])
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[0] == "part,kind,number,title,start,end"
    assert [ln.split(",")[2] for ln in lines[1:]] == ["1", "2", "a"]


def test_cli_json_and_params():
    res = runner.invoke(app, ["query", "run", "applicants", "--data", MINI, "-f", "json"])
    rows = json.loads(res.stdout)
    assert {r["label"]: r["applicant"] for r in rows} == {"Baden-Württemberg": True, "Bayern": False, "Berlin": True}


def test_cli_describe_turtle():
    res = runner.invoke(app, ["query", "run", "describe", "--data", MINI, "-p", "resource=https://w3id.org/mkgraph/id/land/DE-BY", "-f", "ttl"])
    assert res.exit_code == 0
    from rdflib import Graph

    g = Graph().parse(data=res.stdout, format="turtle")
    # 8 own triples (type, 2 labels, iso, ags, stateKey, nuts, sameAs) + 2 hasMember pointing at it
    assert len(g) == 10


def test_cli_nothing_found_is_exit_1():
    res = runner.invoke(app, ["query", "run", "search", "--data", MINI, "-p", "word=zzzz", "-f", "csv"])
    assert res.exit_code == 1


@pytest.mark.parametrize("args,needle", [
    (["query", "run", "nope"], "unknown query"),
    (["query", "run", "text", "--data", MINI], "needs parameter 'part'"),
    (["query", "run", "text", "--data", MINI, "-p", "part=1", "-p", "x=1"], "no parameter 'x'"),
    (["query", "run", "provenance", "--data", MINI, "-p", "statement=not an iri"], "not an absolute IRI"),
    (["query", "run", "parts", "--data", "README.md"], "README.md"),
    (["query", "run", "parts", "--data", "nope.ttl"], "nope.ttl"),
    (["query", "run", "parts", "--data", MINI, "-f", "ttl"], "--format"),
    (["query", "run", "parts", "--data", MINI, "-f", "xlsx"], "--format"),
    (["query", "run", "parts", "--endpoint", "http://127.0.0.1:9/sparql"], "http://127.0.0.1:9/sparql"),
    (["query", "show", "nope"], "unknown query"),
])
def test_cli_bad_input(args, needle):
    res = runner.invoke(app, args)
    assert res.exit_code == 2, res.output
    assert needle in res.stderr and len(res.stderr.strip().splitlines()) == 1
    assert "Traceback" not in res.output + res.stderr


def test_cli_bad_turtle_file(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n")
    res = runner.invoke(app, ["query", "run", "parts", "--data", str(bad)])
    assert res.exit_code == 2 and "bad.ttl" in res.stderr and "cannot read as RDF" in res.stderr


def test_cli_list_and_show():
    res = runner.invoke(app, ["query", "list"])
    assert res.exit_code == 0 and "demands-by-addressee" in res.stdout and "[resolution]" in res.stdout
    res = runner.invoke(app, ["query", "show", "demands"])
    assert res.exit_code == 0 and "addressee" in res.stdout and "optional" in res.stdout
