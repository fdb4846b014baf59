"""mkgraph docs: the ontology's HTML documentation names every term we define."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS

from mkgraph.rdf.namespaces import MK

ROOT = Path(__file__).resolve().parents[1]


def test_docs_documents_every_term(tmp_path):
    r = subprocess.run(
        [sys.executable, "-m", "mkgraph", "docs", "--out", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert r.returncode == 0, r.stderr
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    ont = Graph().parse(ROOT / "ontology" / "mkgraph.ttl")
    terms = {s for s in ont.subjects(RDF.type, None) if str(s).startswith(str(MK))}
    assert len(terms) > 40
    missing = [str(t) for t in terms if str(t) not in html]
    assert not missing
    for t in terms:
        label = ont.value(t, RDFS.label)
        assert label is not None
    version = next(ont.objects(None, OWL.versionIRI))
    assert str(version) in html


def test_docs_on_a_file_that_is_no_ontology_is_exit_2(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    r = subprocess.run(
        [sys.executable, "-m", "mkgraph", "docs", "--ontology", str(bad), "--out", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert r.returncode == 2 and str(bad) in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
