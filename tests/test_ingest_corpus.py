"""Every expected fact of the ingest corpus (tests/ingest/) against the parser and the rules.

Each text is read with the project's own reader (so the cp1252 file goes through its
fallback), cut into resolutions with ``structure.parse_all``, and every key of its
``.expected.yaml`` is compared. Demands: the sentence that starts with ``quote_start``
must carry demand statements, and every one of them names exactly the expected
addressees. Files that are no resolution must fail with the expected first missing
element.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from mkgraph.extract import statements as extract
from mkgraph.text import structure
from mkgraph.errors import InputError

CORPUS = Path(__file__).parent / "ingest"
TEXTS = sorted(CORPUS.glob("*.txt"))


def expected(path: Path):
    return yaml.safe_load(path.with_suffix(".expected.yaml").read_text(encoding="utf-8"))


def facts(doc) -> dict:
    """The facts of a parsed Document in the shape of the expected files."""
    h = doc.header
    kinds = [p for p in doc.parts]
    return {
        "conference": h.conference,
        "session": h.session_number,
        "year": h.year,
        "top": h.top,
        "title": h.title,
        "applicants": None if h.applicants is None else sorted(h.applicants),  # None: no applicants line
        "rapporteur": h.rapporteur[0] if h.rapporteur else None,
        "vote": h.vote,
        "vote_counts": h.vote_counts,
        "points": sum(p.kind == "point" for p in kinds),
        "fields": [p.number for p in kinds if p.kind == "field"],
        "notes": [structure.note_kind(p.title or p.number) for p in kinds if p.kind == "note"],
    }


def sentence_of(doc, quote_start: str):
    found = [
        s for p in doc.parts for para in p.paragraphs for s in para.sentences
        if quote_start in s.text
    ]
    return found


_PARSED: dict[Path, list] = {}


def parsed(path: Path):
    if path not in _PARSED:
        _PARSED[path] = structure.parse_all(*structure.read_source(path))
    return _PARSED[path]


RESOLUTIONS = [p for p in TEXTS if isinstance(expected(p), list)]
NON_RESOLUTIONS = [p for p in TEXTS if isinstance(expected(p), dict)]


@pytest.mark.parametrize("path", RESOLUTIONS, ids=lambda p: p.stem)
def test_header_and_parts(path):
    docs = parsed(path)
    want = expected(path)
    got = [facts(d) for d in docs]
    assert [g["top"] for g in got] == [w["top"] for w in want]
    for g, w in zip(got, want):
        assert g == {k: v for k, v in w.items() if k != "demands"}, w["top"]


@pytest.mark.parametrize("path", RESOLUTIONS, ids=lambda p: p.stem)
def test_expected_demands_found_with_their_addressees(path):
    docs = parsed(path)
    for doc, want in zip(docs, expected(path)):
        statements = extract.extract(doc)
        for d in want["demands"]:
            sents = sentence_of(doc, d["quote_start"])
            assert len(sents) == 1, d["quote_start"]
            s = sents[0]
            demands = [st for st in statements if st.kind == "demand" and s.start <= st.start < s.end]
            assert demands, d["quote_start"]
            for st in demands:
                assert sorted(st.addressees) == d["addressees"], (d["quote_start"], st.quote)
                assert st.rule and st.confidence is not None


@pytest.mark.parametrize("path", RESOLUTIONS, ids=lambda p: p.stem)
def test_no_demand_beyond_the_expected(path):
    """The corpus lists every sentence a rule should take for a demand: no others."""
    docs = parsed(path)
    for doc, want in zip(docs, expected(path)):
        allowed = [s for d in want["demands"] for s in sentence_of(doc, d["quote_start"])]
        for st in extract.extract(doc):
            if st.kind == "demand":
                assert any(s.start <= st.start < s.end for s in allowed), st.quote


@pytest.mark.parametrize("path", NON_RESOLUTIONS, ids=lambda p: p.stem)
def test_non_resolutions_are_refused(path):
    """A text without any decision formula is no resolution: the one refusal left."""
    name, text = structure.read_source(path)
    with pytest.raises(InputError) as err:
        structure.parse_all(name, text)
    assert err.value.where == name
    assert err.value.what.startswith(expected(path)["error"])


@pytest.mark.parametrize("path", RESOLUTIONS, ids=lambda p: p.stem)
def test_every_resolution_conforms_to_the_shapes(path):
    """What ingest writes must be a correct graph: every TOP of every corpus text
    validates against shapes/ together with the shared vocabulary."""
    from mkgraph.rdf import assemble, ontology
    from mkgraph.store import build
    from mkgraph.extract import curation
    from mkgraph.validate import shacl as validate
    from mkgraph.rdf.iris import Iris

    iris = Iris()
    shared = build.shared_graph(iris)
    shapes = validate.load_shapes(None)
    for doc in parsed(path):
        statements = curation.statements_for(doc, None)
        report = validate.validate(assemble.resolution_graph(doc, statements, iris) + shared,
                                   shapes, ontology.ontology_graph())
        assert report.conforms, validate.format_human(report)
