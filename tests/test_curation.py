"""The statement layer on the seed resolution: rules + reviewed curation, and curation errors."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from mkgraph.extract import curation, statements as extract
from mkgraph.text import structure, textmap
from mkgraph.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "sources" / "intmk-2017-top-2-1.txt"
CURATION = ROOT / "sources" / "intmk-2017-top-2-1.curation.yaml"
KINDS = {"demand", "appeal", "offer", "commitment", "acknowledgement", "thanks", "criticism", "goal", "finding"}


@pytest.fixture(scope="module")
def doc():
    return structure.parse(SOURCE.stem, SOURCE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def curated(doc):
    return curation.statements_for(doc, CURATION)


@pytest.fixture(scope="module")
def rules(doc):
    return extract.extract(doc)


def test_all_nine_kinds_and_a_plausible_count(curated):
    assert {s.kind for s in curated} == KINDS
    assert 60 <= len(curated) <= 100


def test_every_anchor_cuts_out_its_quote(doc, curated):
    for s in curated:
        assert textmap.cut(doc.original, s.start, s.end) == s.quote, s


def test_sorted_and_unique(curated):
    keys = [(s.start, s.end, s.kind) for s in curated]
    assert keys == sorted(keys)
    assert len({(s.kind, s.start, s.end) for s in curated}) == len(curated)


def test_three_demands_on_the_bund_in_field_a(curated):
    sent = [s for s in curated if s.modality == "fordert … auf"]
    assert len(sent) == 3
    assert {(s.kind, s.addressees, s.part, s.action_field) for s in sent} == {("demand", ("bund",), ("field", "a"), "language")}
    assert len({s.sentence for s in sent}) == 1 and sent[0].end <= sent[1].start and sent[1].end <= sent[2].start
    assert sent[0].quote.endswith("bereitzustellen") and sent[2].quote.endswith("ein sprachliches Grundangebot zu schaffen")


def test_demands_on_the_bund_include_the_er_sollte_pair(curated):
    on_bund = [s for s in curated if s.kind == "demand" and "bund" in s.addressees]
    quotes = [s.quote for s in on_bund]
    assert any(q.startswith("Er sollte weiterhin") for q in quotes)
    assert any(q.startswith("den Kursträgern Möglichkeiten eröffnen") for q in quotes)
    assert any(q.startswith("Alle Kurse müssen") for q in quotes)
    assert len(on_bund) == 6


def test_offer_from_laender_to_bund(curated):
    (offer,) = [s for s in curated if s.kind == "offer"]
    assert (offer.speaker, offer.addressees) == ("laender", ("bund",))
    assert offer.quote.startswith("Die Länder bieten dem Bund ihre Zusammenarbeit an")


def test_thanks_commitments_findings_goals(curated):
    (thanks,) = [s for s in curated if s.kind == "thanks"]
    assert thanks.part == ("point", "1") and thanks.addressees == ("buergerinnen-und-buerger",)
    commitments = {s.quote: s for s in curated if s.kind == "commitment"}
    bereit = next(s for q, s in commitments.items() if "Bereitschaft der Länder" in q)
    assert bereit.part[0] == "chapeau" and bereit.speaker == "laender"
    assert any(q.startswith("Die Länder müssen gemeinsam") and s.part == ("field", "e") for q, s in commitments.items())
    assert any(s.kind == "finding" and s.part == ("point", "10") and s.modality == "stellt fest" for s in curated)
    assert any(s.kind == "goal" and s.part == ("point", "8") and "Ziel sein" in s.quote for s in curated)
    assert any(s.kind == "goal" and s.quote.startswith("Ein wichtiges Ziel ist") for s in curated)


def test_acknowledgements_and_criticism_of_the_bund(curated):
    acks = [s.quote for s in curated if s.kind == "acknowledgement"]
    assert any("Gesamtprogramm Sprache" in q for q in acks)
    assert any("Honorarerhöhung" in q for q in acks)
    assert any("begrüßt das Integrationsgesetz" in q for q in acks)
    crit = {s.modality for s in curated if s.kind == "criticism"}
    assert {"Flickenteppich", "Nachbesserungsbedarf", "in der Praxis beweisen", "nicht mit einem Anspruch"} <= crit


def test_every_demand_has_an_addressee_or_says_it_has_none(curated):
    for s in curated:
        if s.kind == "demand":
            assert s.addressees or s.no_addressee, s
        else:
            assert not s.no_addressee


def test_provenance(curated):
    by = {s.produced_by for s in curated}
    assert by == {"rule", "curation"}
    for s in curated:
        if s.produced_by == "rule":
            assert s.rule and 0 < s.confidence <= 1
        else:
            assert s.rule is None and s.confidence is None


def test_rules_alone_are_a_strict_subset(rules, curated):
    r = {(s.kind, s.start, s.end) for s in rules}
    c = {(s.kind, s.start, s.end) for s in curated}
    assert len(r & c) >= 0.9 * len(r)  # rules are precise …
    assert len(c - r) > 0  # … but miss what the curation adds
    # without curation there is no finding on field a's first sentence and no split "Er sollte" pair
    assert not any(s.quote.startswith("Sprache ist der Schlüssel") for s in rules)
    assert not any(s.quote.startswith("den Kursträgern") for s in rules)
    assert {s.kind for s in rules} <= KINDS


# -- errors -------------------------------------------------------------------------------

def _write(tmp_path, data) -> Path:
    p = tmp_path / "x.curation.yaml"
    p.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return p


def _base(doc):
    return {"source": SOURCE.name, "sha256": curation.sha256(doc.original), "add": [], "drop": [], "amend": []}


def _error(doc, rules, path) -> str:
    with pytest.raises(InputError) as err:
        curation.apply(doc, list(rules), path)
    assert err.value.where == str(path)
    return err.value.what


def test_hash_mismatch(doc, rules, tmp_path):
    data = _base(doc) | {"sha256": "0" * 64}
    assert "sha256" in _error(doc, rules, _write(tmp_path, data))


def test_quote_not_found_names_the_entry(doc, rules, tmp_path):
    data = _base(doc)
    data["add"] = [{"kind": "finding", "quote": "Die IntMK isst gern Kuchen", "reason": "x"}]
    what = _error(doc, rules, _write(tmp_path, data))
    assert "add[1]" in what and "not found" in what


def test_unknown_notation(doc, rules, tmp_path):
    data = _base(doc)
    data["add"] = [{"kind": "finding", "quote": "Sprache ist der Schlüssel", "addressees": ["mars"], "reason": "x"}]
    what = _error(doc, rules, _write(tmp_path, data))
    assert "add[1]" in what and "'mars'" in what
    data["add"] = [{"kind": "wish", "quote": "Sprache ist der Schlüssel", "reason": "x"}]
    assert "unknown kind 'wish'" in _error(doc, rules, _write(tmp_path, data))
    data["add"] = []
    data["amend"] = [{"quote": "Die Länder bieten dem Bund ihre Zusammenarbeit an, um hier gemeinsam an sachgerechten Lösungen zu arbeiten",
                      "set": {"instruments": ["teleporter"]}, "reason": "x"}]
    assert "amend[1]" in _error(doc, rules, _write(tmp_path, data))


def test_ambiguous_quote_needs_context_and_missing_reason(doc, rules, tmp_path):
    data = _base(doc)
    data["add"] = [{"kind": "finding", "quote": "Integration", "reason": "x"}]
    assert "times" in _error(doc, rules, _write(tmp_path, data))
    data["add"] = [{"kind": "finding", "quote": "Sprache ist der Schlüssel"}]
    assert "no reason" in _error(doc, rules, _write(tmp_path, data))


def test_context_and_occurrence_locate_an_add(doc, rules, tmp_path):
    data = _base(doc)
    data["add"] = [{"kind": "finding", "quote": "Integration", "context": "Sprache ist der Schlüssel für Teilhabe und eine gelingende Integration", "reason": "x"}]
    out = curation.apply(doc, list(rules), _write(tmp_path, data))
    (added,) = [s for s in out if s.produced_by == "curation"]
    assert added.quote == "Integration" and added.part == ("field", "a")
    assert textmap.cut(doc.original, added.start, added.end) == "Integration"


def test_drop_by_key_and_amend(doc, rules, tmp_path):
    offer = next(s for s in rules if s.kind == "offer")
    data = _base(doc)
    data["drop"] = [{"key": curation.key(offer), "reason": "x"}]
    out = curation.apply(doc, list(rules), _write(tmp_path, data))
    assert len(out) == len(rules) - 1 and offer not in out
    data["drop"] = []
    data["amend"] = [{"key": curation.key(offer), "set": {"kind": "commitment", "addressees": []}, "reason": "x"}]
    (changed,) = [s for s in curation.apply(doc, list(rules), _write(tmp_path, data)) if s.start == offer.start]
    assert (changed.kind, changed.addressees, changed.produced_by, changed.rule) == ("commitment", (), "curation", None)


def test_lexicon_keys_are_known_notations():
    from mkgraph.extract import lexicon

    vocab = curation.vocabularies()
    assert lexicon.known("actor") <= vocab["addressees"]
    assert lexicon.known("target-group") <= vocab["target_groups"]
    assert lexicon.known("instrument") <= vocab["instruments"]
    assert lexicon.known("country") <= vocab["countries"]
    assert {c.kind for c in extract.cues()} | {c.fallback_kind for c in extract.cues() if c.fallback_kind} <= vocab["kind"]
