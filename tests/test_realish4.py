"""The fourth development set (tests/realish4: invented texts as they arrive from OCR'd
scans, web pages and layout PDFs — broken umlauts, site chrome, multi-level numbering,
footnotes, Protokollerklärungen, the Länder's votes by name — and its held-out probes),
scored field by field as tests/test_realish3.py scores tests/realish3.

The set was written and scored before the rules of its round (first run: header 130/136
with 2 fields stated wrongly, demands 22/29 with 5 invented; see its README). Every text
must now be ingested with a conforming graph and no header field stated wrongly; each
measure must reach at least its floor. Raise a floor when the parser gets better; never
lower one to make a change pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import bench_module
from floors import assert_at_least_floor, assert_none_stated_wrongly, assert_probes_at_least_floor

from mkgraph.extract import statements
from mkgraph.text import structure, textmap

real = bench_module("real_texts")
FOLDER = Path(__file__).resolve().parent / "realish4"
PROBES = FOLDER / "probes"  # written after the rules (see its README)

# (right, of) per measure, as benchmarks/real_texts.py tests/realish4 prints them.
FLOORS = {
    "ingested": (17, 17), "points": (17, 17), "demands": (29, 29), "conference": (17, 17),
    "conference_number": (17, 17), "date": (17, 17), "place": (17, 17), "top": (17, 17),
    "title": (17, 17), "applicants": (17, 17), "vote": (17, 17),
}
# first run of the probes: demands 7/8, everything else right (probes/README.md)
PROBE_FLOORS = {
    "ingested": (5, 5), "points": (5, 5), "demands": (8, 8), "conference": (5, 5),
    "conference_number": (5, 5), "date": (5, 5), "place": (5, 5), "top": (5, 5),
    "title": (5, 5), "applicants": (5, 5), "vote": (5, 5),
}


@pytest.fixture(scope="module")
def outcomes():
    return {(o.file, o.top): o for o in real.score(FOLDER)}


@pytest.fixture(scope="module")
def probe_outcomes():
    return {(o.file, o.top): o for o in real.score(PROBES)}


def test_the_set_is_complete():
    """Every text has its record and every record its text; 12-16 texts, invented."""
    for folder, low, high in ((FOLDER, 12, 16), (PROBES, 4, 6)):
        names = {p.name for p in (folder / "texts").glob("*.txt")}
        assert names == {file for file, _ in real.keys(folder)}
        assert low <= len(names) <= high
        assert "INVENTED" in (folder / "README.md").read_text(encoding="utf-8")


def test_the_texts_keep_their_noise():
    """The bytes the set is about are in the files (an editor that cleans them would make
    the set test nothing): OCR diaeresis spacing and combining, NBSP, form feed, CRLF."""
    data = b"".join(p.read_bytes() for p in (FOLDER / "texts").glob("*.txt"))
    for noise in ("u\u00a8".encode(), "a\u0308".encode(), "\u00a0".encode(), b"\x0c", b"\r\n"):
        assert noise in data, noise


@pytest.mark.parametrize("key", real.keys(FOLDER), ids=lambda k: f"{k[0][:2]}-{k[1]}")
def test_ingested_with_a_conforming_graph(outcomes, key):
    o = outcomes[key]
    assert o.ingested, o.error


@pytest.mark.parametrize("key", real.keys(FOLDER), ids=lambda k: f"{k[0][:2]}-{k[1]}")
def test_no_header_field_stated_wrongly(outcomes, key):
    assert_none_stated_wrongly(outcomes[key])


@pytest.mark.parametrize("measure", sorted(FLOORS))
def test_measure_at_least_its_floor(outcomes, measure):
    assert_at_least_floor(real, outcomes, FLOORS, measure)


@pytest.mark.parametrize("measure", sorted(PROBE_FLOORS))
def test_probes_at_least_their_floor(probe_outcomes, measure):
    assert_probes_at_least_floor(real, probe_outcomes, PROBE_FLOORS, measure)


def test_no_demand_invented(outcomes, probe_outcomes):
    extra = {k: o.extra for k, o in {**outcomes, **probe_outcomes}.items() if o.extra}
    assert not extra, extra
    assert not {k: o.values for k, o in probe_outcomes.items() if "wrong" in o.fields.values()}


def test_ocr_umlauts_read_as_umlauts_with_the_vowels_offset():
    text = "Sta\u00a8rkung fu\u0308r La\u00a8nder"
    norm = textmap.build(text)
    assert norm.text == textmap.normalise(text) == "Stärkung für Länder"
    i = norm.text.index("ä")
    assert norm.span(i, i + 1) == (2, 4)  # from the vowel to after its diaeresis
    assert text[slice(*norm.span(0, 8))] == "Sta\u00a8rkung"
    assert textmap.cut(text, *norm.span(9, 12)) == "für"


def _demands(sentence: str) -> list[tuple[str, tuple[str, ...]]]:
    doc = structure.parse("t", "Gesundheitsministerkonferenz\n\nTOP 1 Test\n\nBeschluss:\n\n1. " + sentence + "\n")
    return [(st.kind, st.addressees) for st in statements.extract(doc) if st.kind == "demand"]


@pytest.mark.parametrize("sentence, addressee", [
    ("Die GMK setzt sich gegenüber dem Bund dafür ein, dass die Fortbildung gefördert wird.", "bund"),
    ("Die GMK mahnt beim Bund eine Novelle der Approbationsordnung an.", "bund"),
    ("Sie mahnen gegenüber der Bundesregierung an, die Förderung zu erleichtern.", "bundesregierung"),
    # "von" after "auf" is no "fordert … von X": the gap names the addressee
    ("Die GMK fordert die Bundesregierung auf, die Anrechnung von Sachbezügen zu begrenzen.", "bundesregierung"),
    ("Die Länder bitten den Bund, dabei einen Schwerpunkt auf die Pflege zu legen.", "bund"),
    ("Die Hochschulen werden gebeten, die Fortbildung auszubauen.", "hochschulen"),
    # further phrasings of real resolutions, checked beside the set
    ("Die GMK spricht sich gegenüber dem Bund dafür aus, die Mittel zu erhöhen.", "bund"),
    ("Die GMK richtet an die Bundesregierung die Bitte, die Mittel zu erhöhen.", "bundesregierung"),
    ("Die GMK wendet sich an die Bundesregierung mit der Bitte, die Mittel zu erhöhen.", "bundesregierung"),
    ("Die GMK ruft den Bund dazu auf, die Mittel zu erhöhen.", "bund"),
    ("Die GMK drängt darauf, dass der Bund die Mittel erhöht.", "bund"),
    ("Die GMK sieht den Bundesgesetzgeber gefordert, die Fristen zu verlängern.", "bund"),
    ("Die GMK bekräftigt ihre Forderung an den Bund, die Mittel zu erhöhen.", "bund"),
    ("Die GMK bittet die Vorsitzende, den Beschluss der Bundesregierung zu übermitteln.", "vorsitzland"),
    # the Länder in the genitive are the conference's own side; the Bund is asked
    ("Die GMK fordert eine stärkere Beteiligung der Länder an den Beratungen des Bundes.", "bund"),
])
def test_demand_forms_of_round_4(sentence, addressee):
    assert _demands(sentence) == [("demand", (addressee,))]


def test_a_call_on_no_one_is_no_demand():
    assert _demands("Die GMK ruft alle Bürgerinnen und Bürger auf, sich impfen zu lassen.") == []


def test_a_modal_in_a_dass_clause_asks_only_its_subject():
    """'in den Kommunen' is where, not who: the dass-clause's subject is no actor."""
    assert _demands("Die GMK bekräftigt, dass junge Menschen an Entscheidungen in den Kommunen "
                    "beteiligt werden müssen.") == []


def test_a_protokollerklaerung_holds_no_demand_of_the_conference():
    doc = structure.parse("t", "Gesundheitsministerkonferenz\n\nTOP 1 Test\n\nBeschluss:\n\n"
                               "1. Die GMK bittet den Bund, A zu tun.\n\nProtokollerklärung Bayern:\n"
                               "Bayern fordert die Bundesregierung auf, B zu tun.\n")
    assert [(st.kind, st.addressees) for st in statements.extract(doc)] == [("demand", ("bund",))]


_HEAD = "96. GMK\nam 16. Juni 2023 in Trier\n\nTOP 1 Pflege\n\nBeschluss:\n\nDie GMK bittet den Bund, X zu tun.\n\n"


@pytest.mark.parametrize("result, vote, counts", [
    ("Abstimmungsergebnis:\nBW ja, BY ja, BE ja, BB ja, HB ja, HH ja, HE ja, MV ja, NI ja, NW ja, RP ja, SL ja,\n"
     "SN nein, ST ja, SH ja, TH ja\n", "majority", "15:1:0"),
    ("Abstimmungsergebnis:\nJa: BB, BE, BW, HB, HE, HH, MV, NI, NW, RP, SH, SL, ST, TH\nNein: BY, SN\n"
     "Enthaltung: –\n", "majority", "14:2:0"),
    # abstentions without a no-vote leave the vote open (tests/ingest/README.md)
    ("Abstimmungsergebnis:\nJa: BE, BB, HB, HH, MV, NI, NW, RP, SL, ST, SH, TH\nNein: –\n"
     "Enthaltung: BW, BY, HE, SN\n", "unknown", "12:0:4"),
])
def test_the_laender_votes_by_name_are_counted(result, vote, counts):
    doc = structure.parse("t", _HEAD + result)
    assert (doc.header.vote, doc.header.vote_counts) == (vote, counts)
    assert doc.parts[-1].text.endswith("X zu tun.")  # the vote's lines are no body text


@pytest.mark.parametrize("head, place", [
    ("90. Gesundheitsministerkonferenz\n21./22. Juni 2017\nBremen\n", "Bremen"),
    ("90. Gesundheitsministerkonferenz\n21./22. Juni 2017\nFrankfurt am Main\n", "Frankfurt am Main"),
    ("90. Gesundheitsministerkonferenz\n21./22. Juni 2017\nErgebnisprotokoll\n", None),
    ("Beschluss der GMK vom 21. Juni 2017\n\nPflegereform\n", None),  # a title after a blank line
])
def test_a_place_alone_on_the_line_after_the_date(head, place):
    doc = structure.parse("t", head + "\nTOP 1 Pflege\n\nBeschluss:\n\nDie GMK bittet den Bund, X zu tun.\n")
    assert doc.header.place == place


def test_a_heading_beside_a_point_label_is_its_own_paragraph():
    """'II. Erwartungen an den Bund' ⏎ 'Die KMK erwartet vom Bund, …': the heading's 'Bund'
    is not the sentence's speaker, so the demand keeps its addressee."""
    doc = structure.parse("t", "Beschluss der Kultusministerkonferenz vom 28.05.2020\n\nRahmenkonzept\n\n"
                               "I. Grundsätze\nDer Gesundheitsschutz hat Vorrang.\n\n"
                               "II. Erwartungen an den Bund\nDie Kultusministerkonferenz erwartet vom Bund, "
                               "dass er die Länder unterstützt.\n")
    assert [p.kind for p in doc.parts] == ["point", "point"]
    found = [(st.kind, st.addressees) for st in statements.extract(doc) if st.kind == "demand"]
    assert found == [("demand", ("bund",))]


def test_a_conference_name_in_capitals():
    """A scan's letterhead: 'JUSTIZMINISTERKONFERENZ' names the JuMiKo as its usual spelling does."""
    doc = structure.parse("t", "JUSTIZMINISTERKONFERENZ\nHerbstkonferenz am 9. November 2017 in Berlin\n\n"
                               "TOP II.3\nDigitaler Nachlass\n\nBeschluss:\n\n1. Sie bitten den Bund, X zu tun.\n")
    assert (doc.header.conference, doc.header.place, doc.header.top) == ("JuMiKo", "Berlin", "II.3")


def test_a_sub_point_under_a_heading_point_starts_its_own_sentence():
    doc = structure.parse("t", "99. Umweltministerkonferenz\nam 11. November 2022 in Bremen\n\nTOP 14: Klima\n\n"
                               "Beschluss:\n\n1. Grundsätze\n1.1 Die UMK betont A.\n2. Finanzierung\n"
                               "2.1 Die UMK fordert den Bund auf, B einzurichten.\n")
    assert [p.kind for p in doc.parts] == ["point", "point"]
    demand = [st for st in statements.extract(doc) if st.kind == "demand"]
    assert [(st.quote.split()[0], st.addressees) for st in demand] == [("2.1", ("bund",))]


def test_a_footnote_block_is_no_part_of_the_decision():
    doc = structure.parse("t", "96. GMK\nam 16. Juni 2023 in Trier\n\nTOP 5: Pflege\n\nBeschluss:\n\n"
                               "1. Die GMK begrüßt den Bericht.¹\n\n2. Sie bittet den Bund, A zu tun.\n\n"
                               "____________\n1 Vgl. GMK-Beschluss vom 5. Juni 2022,\nTOP 7.1.\n2 BT-Drs. 20/1234.\n")
    assert [p.kind for p in doc.parts] == ["point", "point"]
    assert doc.parts[-1].text.endswith("A zu tun.")


@pytest.mark.parametrize("heading", [
    "Baden-Württemberg gibt folgende Protokollerklärung ab:",
    "Bayern und Sachsen erklären zu Protokoll:",
])
def test_a_declaration_announced_in_a_sentence_is_a_note(heading):
    doc = structure.parse("t", "96. GMK\nam 16. Juni 2023 in Trier\n\nTOP 5: Pflege\n\nBeschluss:\n\n"
                               "1. Die GMK bittet den Bund, A zu tun.\n\n" + heading + "\n"
                               "Das Land fordert den Bund auf, D zu tun.\n")
    assert [p.kind for p in doc.parts] == ["point", "note"]
    assert [st.quote for st in statements.extract(doc) if st.kind == "demand"] == ["Die GMK bittet den Bund, A zu tun"]


def test_a_circulation_decision_heading_is_a_formula():
    doc = structure.parse("t", "GMK-Umlaufbeschluss 07/2021 vom 14.05.2021\n\nImpfkampagne\n\n"
                               "Die GMK bittet den Bund, A zu tun.\n")
    h = doc.header
    assert (h.conference, str(h.start_date), h.title, h.top) == ("GMK", "2021-05-14", "Impfkampagne", None)


@pytest.mark.parametrize("line, start, end", [
    ("am 21.06. und 22.06.2018 in Bremen", "2018-06-21", "2018-06-22"),  # was stated as 06.06.
    ("vom 12.11. bis 13.11.2020 in Berlin", "2020-11-12", "2020-11-13"),  # was stated as 11.11.
    ("21.-22.06.2018, Bremen", "2018-06-21", "2018-06-22"),
    ("am 12. und 13. Oktober 2022 in Bremerhaven", "2022-10-12", "2022-10-13"),
])
def test_date_ranges_with_both_months(line, start, end):
    doc = structure.parse("t", "96. Gesundheitsministerkonferenz\n" + line + "\n\nTOP 3 Pflege\n\nBeschluss:\n\n"
                               "1. Die GMK bittet den Bund, X zu tun.\n")
    assert (str(doc.header.start_date), str(doc.header.end_date)) == (start, end)


def test_a_title_wrapped_after_a_dash_goes_on():
    doc = structure.parse("t", "96. Gesundheitsministerkonferenz\nam 16. Juni 2023 in Trier\n\n"
                               "TOP 5.1 Pflege der Zukunft –\nHerausforderungen für die Länder\n"
                               "Antragsteller: Bayern\n\nBeschluss:\n\n1. Die GMK bittet den Bund, X zu tun.\n")
    assert doc.header.title == "Pflege der Zukunft – Herausforderungen für die Länder"
    assert doc.header.applicants == ("DE-BY",)
