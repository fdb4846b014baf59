"""Rules of the statement layer on small hand-made documents (no parser needed)."""

from __future__ import annotations

import re

import pytest

from mkgraph.extract import statements as extract
from mkgraph.text import textmap
from mkgraph.model import Document, Header, Paragraph, Part, Sentence


def make_doc(original: str, kind: str = "field", number: str = "a", action_field: str | None = "language") -> Document:
    """One part, one paragraph; sentences end at ". " (enough for hand-written text)."""
    norm = textmap.build(original)
    sentences, start = [], 0
    for m in re.finditer(r"\.(?=\s|$)", original):
        s = start + (len(original[start:]) - len(original[start:].lstrip()))
        sentences.append(Sentence(len(sentences) + 1, s, m.end(), textmap.cut(original, s, m.end())))
        start = m.end()
    para = Paragraph(1, sentences[0].start, sentences[-1].end, textmap.cut(original, sentences[0].start, sentences[-1].end), tuple(sentences))
    part = Part(kind, number, 1, para.start, para.end, para.text, (para,), action_field=action_field if kind == "field" else None)
    header = Header("IntMK", 12, 2017, None, None, None, "2.1", "TOP 2.1", None, "T", None, (), None, "unknown")
    return Document("test", original, norm, header, (part,))


def anchored(doc: Document, statements) -> None:
    for st in statements:
        assert textmap.cut(doc.original, st.start, st.end) == st.quote


def test_three_demands_in_one_sentence_are_three_statements():
    doc = make_doc(
        "Die IntMK fordert den Bund auf, Sprach- und Integrationskurse bundesweit bereit-\n\nzustellen "
        "und weitere Personengruppen mit Arbeitsmarktzugang zu den Kursen zuzulassen und\n"
        "für Asylbewerberinnen und Asylbewerber ein sprachliches Grundangebot zu schaffen."
    )
    sts = extract.extract(doc)
    assert [s.kind for s in sts] == ["demand"] * 3
    assert all(s.addressees == ("bund",) and s.speaker == "intmk" for s in sts)
    assert all(s.modality == "fordert … auf" and s.rule == "demand.fordert-auf" for s in sts)
    assert sts[0].quote.startswith("Die IntMK fordert den Bund auf") and sts[0].quote.endswith("bereitzustellen")
    assert sts[1].quote == "weitere Personengruppen mit Arbeitsmarktzugang zu den Kursen zuzulassen"
    assert sts[2].quote.endswith("ein sprachliches Grundangebot zu schaffen")
    assert sts[0].instruments == ("language-course", "integration-course") or set(sts[0].instruments) == {"language-course", "integration-course"}
    assert sts[1].target_groups == ("people-with-labour-market-access",)
    assert "asylum-seekers" in sts[2].target_groups
    assert all(s.action_field == "language" and s.part == ("field", "a") for s in sts)
    assert sts[0].end < sts[1].start < sts[2].start
    anchored(doc, sts)


def test_bittet_die_bundesregierung():
    doc = make_doc("Die IntMK bittet die Bundesregierung, die Mittel für Sprachkurse zu erhöhen.")
    (st,) = extract.extract(doc)
    assert (st.kind, st.addressees, st.modality, st.rule) == ("demand", ("bundesregierung",), "bittet", "demand.bittet")
    assert st.instruments == ("language-course",)
    anchored(doc, [st])


def test_appelliert_an_die_kommunen():
    doc = make_doc("Die IntMK appelliert an die Kommunen, Wohnraum bereitzustellen.", kind="point", number="4")
    (st,) = extract.extract(doc)
    assert (st.kind, st.addressees, st.rule, st.action_field) == ("demand", ("kommunen",), "demand.appelliert-an", None)
    assert st.part == ("point", "4")


def test_begruesst_is_an_acknowledgement_of_the_named_actor_and_instrument():
    doc = make_doc("Die IntMK begrüßt das Integrationsgesetz des Bundes als einen ersten Schritt.")
    (st,) = extract.extract(doc)
    assert (st.kind, st.addressees, st.instruments, st.modality) == ("acknowledgement", ("bund",), ("integrationsgesetz",), "begrüßt")


def test_dankt_is_thanks_to_the_citizens():
    doc = make_doc("Die Integrationsministerkonferenz (IntMK) dankt den Bürgerinnen und Bürgern.")
    (st,) = extract.extract(doc)
    assert (st.kind, st.speaker, st.addressees) == ("thanks", "intmk", ("buergerinnen-und-buerger",))


def test_offer_takes_speaker_from_the_subject_and_addressee_from_the_gap():
    doc = make_doc("Die Länder bieten dem Bund ihre Zusammenarbeit an, um hier gemeinsam an Lösungen zu arbeiten.")
    (st,) = extract.extract(doc)
    assert (st.kind, st.speaker, st.addressees, st.modality) == ("offer", "laender", ("bund",), "bieten … an")


def test_er_refers_back_to_the_last_addressee_and_makes_a_demand():
    doc = make_doc(
        "Die IntMK erkennt an, dass der Bund eine Honorarerhöhung ermöglicht hat. "
        "Er sollte weiterhin an der Verbesserung der Situation der Lehrkräfte arbeiten."
    )
    ack, dem = extract.extract(doc)
    assert (ack.kind, ack.addressees, ack.modality) == ("acknowledgement", ("bund",), "erkennt an")
    assert (dem.kind, dem.addressees, dem.modality, dem.no_addressee) == ("demand", ("bund",), "sollte", False)
    assert dem.target_groups == ("teachers",)


def test_modal_without_a_governmental_subject_is_an_appeal():
    doc = make_doc("Die Aufnahmegesellschaft hat offen auf zugewanderte Menschen zuzugehen. Verstöße müssen geahndet werden.")
    a, b = extract.extract(doc)
    assert (a.kind, a.addressees, a.modality) == ("appeal", ("aufnahmegesellschaft",), "hat … zu")
    assert (b.kind, b.addressees, b.no_addressee) == ("appeal", (), False)


def test_a_demand_without_addressee_is_flagged():
    doc = make_doc("Die IntMK hält es für erforderlich, mehr Kurse anzubieten.")
    (st,) = extract.extract(doc)
    assert (st.kind, st.addressees, st.no_addressee) == ("demand", (), True)


def test_one_statement_per_clause_with_priority_and_wobei_split():
    doc = make_doc(
        "Die IntMK begrüßt das Integrationsgesetz des Bundes, wobei sich das Regelwerk allerdings noch in der Praxis beweisen muss."
    )
    ack, crit = extract.extract(doc)
    assert ack.kind == "acknowledgement" and crit.kind == "criticism"
    assert crit.quote == "wobei sich das Regelwerk allerdings noch in der Praxis beweisen muss"
    anchored(doc, [ack, crit])


def test_sentence_without_cue_gives_nothing():
    assert extract.extract(make_doc("Sprache ist der Schlüssel für Teilhabe.")) == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("A; B.", [(0, 1), (3, 4)]),
        ("Auch wenn X besteht, war Y gut.", [(0, 19), (21, 30)]),
    ],
)
def test_clauses(text, expected):
    assert extract.clauses(text) == expected
