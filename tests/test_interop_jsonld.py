"""The JSON-LD as a web developer reads it, checked with pyld (a second JSON-LD processor):
offsets and confidence are JSON numbers and stay so through pyld's expand/compact round trip,
concept values are short terms scoped to their property, and the context is not @protected,
so a document may add plain keys of its own (language, source …)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib
from pyld import jsonld

ROOT = Path(__file__).resolve().parents[1]
GRAPH = ROOT / "graph"
OA = "http://www.w3.org/ns/oa#"
MK = "https://w3id.org/mkgraph/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCT_LANGUAGE = "http://purl.org/dc/terms/language"


@pytest.fixture(scope="module")
def doc() -> dict:
    return json.loads((GRAPH / "dataset.jsonld").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def ctx() -> dict:
    return json.loads((GRAPH / "context.jsonld").read_text(encoding="utf-8"))["@context"]


def nodes(doc) -> dict[str, dict]:
    return {n["id"]: n for n in doc["@graph"]}


def a_demand(doc) -> tuple[dict, list[dict]]:
    """A rule-made demand with an action field, and the nodes of its anchor."""
    by_id = nodes(doc)
    d = next(n for n in by_id.values() if n.get("type") == "Demand" and "confidence" in n and "actionField" in n)
    return d, [n for i, n in by_id.items() if i.startswith(d["id"] + "/anchor")]


def test_offsets_and_confidence_are_numbers(doc):
    selectors = [n for n in doc["@graph"] if n.get("type") == "TextPositionSelector"]
    assert selectors and all(type(n["start"]) is int and type(n["end"]) is int for n in selectors)
    scored = [n for n in doc["@graph"] if "confidence" in n]
    assert scored and all(type(n["confidence"]) is float and 0 < n["confidence"] <= 1 for n in scored)


def test_a_demand_reads_as_plain_json(doc):
    d, anchor = a_demand(doc)
    assert d["statementKind"] == "demand" and isinstance(d["actionField"], str) and "/" not in d["actionField"]
    position = next(n for n in anchor if n.get("type") == "TextPositionSelector")
    quote = next(n for n in anchor if n.get("type") == "TextQuoteSelector")
    text = (ROOT / "sources" / "intmk-2017-top-2-1.txt").read_text(encoding="utf-8")
    assert position["start"] < position["end"] <= len(text) and quote["exact"]


def test_pyld_round_trip_keeps_numbers_and_triples(doc, ctx):
    d, anchor = a_demand(doc)
    small = {"@context": ctx, "@graph": [d, *anchor]}
    expanded = jsonld.expand(small)
    # expansion: the numbers carry their datatypes; confidence stays a double even when integral
    flat = {n["@id"]: n for n in expanded}
    conf = flat[d["id"]][MK + "confidence"][0]
    assert conf["@type"] == XSD + "double" and isinstance(conf["@value"], float)
    start = next(n for n in expanded if OA + "start" in n)[OA + "start"][0]
    assert start == {"@value": next(n for n in anchor if "start" in n)["start"]}  # native: xsd:integer
    # compaction by pyld gives the same plain JSON back
    compacted = jsonld.compact(expanded, {"@context": ctx})
    again = {n["id"]: n for n in compacted["@graph"]}
    assert again[d["id"]]["confidence"] == d["confidence"]
    assert again[d["id"]]["actionField"] == d["actionField"]
    assert again[d["id"]]["statementKind"] == "demand"
    for n in anchor:
        for key in ("start", "end"):
            if key in n:
                assert again[n["id"]][key] == n[key] and type(again[n["id"]][key]) is int
    # and the same triples as the dataset (rdflib compares literals by value)
    mine = rdflib.Graph().parse(data=jsonld.to_rdf(small, {"format": "application/n-quads"}), format="nt")
    theirs = rdflib.Graph().parse(data=jsonld.to_rdf(compacted, {"format": "application/n-quads"}), format="nt")
    dataset = rdflib.Graph().parse(GRAPH / "dataset.nt", format="nt")
    assert len(mine) > 10 and set(mine) == set(theirs) and not set(mine) - set(dataset)


def test_the_whole_dataset_expands_to_the_graph_with_doubles(doc):
    g = rdflib.Graph().parse(data=jsonld.to_rdf(doc, {"format": "application/n-quads"}), format="nt")
    confidences = list(g.objects(None, rdflib.URIRef(MK + "confidence")))
    assert confidences and {str(c.datatype) for c in confidences} == {XSD + "double"}
    assert len(g) == len(rdflib.Graph().parse(GRAPH / "dataset.nt", format="nt"))


def test_plain_keys_are_not_concepts_and_may_be_defined(ctx):
    # without a definition of its own, "language" is no term of ours: not the action-field concept
    plain = jsonld.expand({"@context": ctx, "@id": "https://example.org/x", "language": "de"})
    assert "concept/action-field/language" not in json.dumps(plain)
    # a document may define plain keys, even ones our context defines (no @protected error)
    mine = {"@context": [ctx, {"language": DCT_LANGUAGE, "source": "http://purl.org/dc/terms/source"}],
            "@id": "https://example.org/x", "language": "de", "source": "Bundesanzeiger"}
    out = jsonld.expand(mine)[0]
    assert out[DCT_LANGUAGE] == [{"@value": "de"}]
    assert out["http://purl.org/dc/terms/source"] == [{"@value": "Bundesanzeiger"}]
    # while our own values still read as concepts where they are values
    d = jsonld.expand({"@context": ctx, "@id": "https://example.org/d", "actionField": "language"})[0]
    assert d[MK + "actionField"] == [{"@id": "https://w3id.org/mkgraph/id/concept/action-field/language"}]


def test_the_nested_view_gives_a_demand_whole(ctx):
    """graph/resolutions/<id>.json: a demand with its quote, offsets, addressees and the label of
    its action field, as plain JSON in one object; pyld reads it back to triples of the dataset."""
    view = json.loads((GRAPH / "resolutions" / "intmk-2017-top-2.1.json").read_text(encoding="utf-8"))
    demands = [s for p in view["has_part"] for s in p.get("statements", []) if s["type"] == "Demand"]
    text = (ROOT / "sources" / "intmk-2017-top-2-1.txt").read_text(encoding="utf-8")
    bund = [d for d in demands if "Bund" in json.dumps(d.get("addressee"), ensure_ascii=False)]
    assert bund
    for d in demands:
        selectors = {s["type"]: s for s in d["anchor"]["hasSelector"]}
        pos, quote = selectors["TextPositionSelector"], selectors["TextQuoteSelector"]
        assert type(pos["start"]) is int and type(pos["end"]) is int
        assert quote["exact"] and pos["start"] < pos["end"] <= len(text)
        if "actionField" in d:
            assert d["actionField"]["prefLabel"]["de"]
    assert any("actionField" in d for d in bund)
    triples = rdflib.Graph().parse(data=jsonld.to_rdf(view, {"format": "application/n-quads"}), format="nt")
    dataset = rdflib.Graph().parse(GRAPH / "dataset.nt", format="nt")
    assert len(triples) > 1000 and not set(triples) - set(dataset)
