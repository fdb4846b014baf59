"""The third development set (tests/realish3: invented texts with the byte-level noise of
real PDFs and mirrors — BOM, CRLF, form feeds with running headers, ligatures, soft
hyphens, non-breaking spaces — and its held-out probes), scored field by field as
tests/test_realish.py scores tests/realish.

The set was written and scored before the rules of its round (first run: 8 of 16
resolutions ingested, demands 9/25, 3 fields stated wrongly; see its README). Every text
must now be ingested with a conforming graph and no header field stated wrongly; each
measure must reach at least its floor. Raise a floor when the parser gets better; never
lower one to make a change pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import bench_module
from floors import assert_at_least_floor, assert_none_stated_wrongly, assert_probes_at_least_floor

from mkgraph.errors import InputError
from mkgraph.text import sourcefile, structure, textmap

real = bench_module("real_texts")
FOLDER = Path(__file__).resolve().parent / "realish3"
PROBES = FOLDER / "probes"  # written after the rules (see its README)

# (right, of) per measure, as benchmarks/real_texts.py tests/realish3 prints them.
FLOORS = {
    "ingested": (16, 16), "points": (16, 16), "demands": (25, 25), "conference": (16, 16),
    "conference_number": (16, 16), "date": (16, 16), "place": (16, 16), "top": (16, 16),
    "title": (16, 16), "applicants": (16, 16), "vote": (16, 16),
}
# first run of the probes: place 5/6, vote 5/6, demands 8/10 (probes/README.md)
PROBE_FLOORS = {
    "ingested": (6, 6), "points": (6, 6), "demands": (10, 10), "conference": (6, 6),
    "conference_number": (6, 6), "date": (6, 6), "place": (6, 6), "top": (6, 6),
    "title": (6, 6), "applicants": (6, 6), "vote": (6, 6),
}


@pytest.fixture(scope="module")
def outcomes():
    return {(o.file, o.top): o for o in real.score(FOLDER)}


@pytest.fixture(scope="module")
def probe_outcomes():
    return {(o.file, o.top): o for o in real.score(PROBES)}


def test_the_set_is_complete():
    """Every text has its record and every record its text; 12-14 texts, invented."""
    for folder, low, high in ((FOLDER, 12, 14), (PROBES, 4, 8)):
        names = {p.name for p in (folder / "texts").glob("*.txt")}
        assert names == {file for file, _ in real.keys(folder)}
        assert low <= len(names) <= high
        assert "INVENTED" in (folder / "README.md").read_text(encoding="utf-8")


def test_the_texts_keep_their_noise():
    """The bytes the set is about are in the files (an editor or a checkout that cleans
    them would make the set test nothing)."""
    data = b"".join(p.read_bytes() for p in (FOLDER / "texts").glob("*.txt"))
    for noise in (b"\xef\xbb\xbf", b"\r\n", b"\x0c", "\u00ad".encode(), "\u00a0".encode(),
                  "\ufb01".encode(), "\ufb02".encode()):
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


def test_a_form_feed_is_a_page_break_not_binary():
    text, encoding = sourcefile.decode("Seite eins Versorgungs-\n\f12. GMK – Protokoll     Seite 2\nlage.".encode(), "x")
    assert encoding == "utf-8" and "\f" in text
    # the running header after the form feed is masked and the word joins across it
    assert textmap.build(text).text == "Seite eins Versorgungslage."
    with pytest.raises(InputError, match="control characters"):
        sourcefile.decode(b"Beschluss:\x01", "x")


def test_ligatures_and_soft_hyphens_read_as_letters_with_their_offsets():
    text = "Quali\ufb01zierung der Kon\u00adjunktur, beru\u00ad\n\ufb02ich"
    norm = textmap.build(text)
    assert norm.text == "Qualifizierung der Konjunktur, beruflich"
    assert norm.text == textmap.normalise(text)
    i = norm.text.index("fi")
    assert norm.span(i, i + 2) == (5, 6)  # both letters come from the one ligature
    a, b = norm.span(norm.text.index("Konjunktur"), norm.text.index("Konjunktur") + 10)
    assert text[a:b] == "Kon\u00adjunktur"


def test_the_bom_and_crlf_file_parses_like_its_clean_form():
    path = FOLDER / "texts" / "01-KMK-1996-bom-crlf.txt"
    _, text = sourcefile.read(path)
    assert not text.startswith("\ufeff") and "\r\n" in text
    noisy = structure.parse("a", text)
    clean = structure.parse("b", text.replace("\r\n", "\n"))
    assert [p.text for p in noisy.parts] == [p.text for p in clean.parts]
    assert noisy.header.title == clean.header.title == "Empfehlungen zur Förderung der Medienerziehung in der Schule"


def test_the_benchmark_takes_this_folder(capsys):
    assert real.main([str(FOLDER)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"# {FOLDER}") and "14-AMK-2024-sammlung" in out


@pytest.mark.parametrize("sentence, addressee", [
    ("Die ASMK empfiehlt dem Bund, die Regelsätze zu überprüfen.", "bund"),
    ("Die WMK empfiehlt den Ländern, ihre Förderprogramme abzustimmen.", "laender"),
    ("Die JFMK sieht den Bund in der Pflicht, die Finanzierung sicherzustellen.", "bund"),
    ("Die Konferenz appelliert an den Bundesgesetzgeber, die Fristen zu verlängern.", "bund"),
    ("Die UMK regt bei der Bundesregierung an, die Programme aufzustocken.", "bundesregierung"),
    ("Die GMK hält es für erforderlich, daß der Bund die Meldepflichten ausdehnt.", "bund"),
])
def test_demand_forms_of_round_3(sentence, addressee):
    from mkgraph.extract import statements

    doc = structure.parse("t", "Gesundheitsministerkonferenz\n\nTOP 1 Test\n\nBeschluss:\n\n1. " + sentence + "\n")
    found = [(st.kind, st.addressees) for st in statements.extract(doc)]
    assert found == [("demand", (addressee,))], found


def test_a_recommendation_to_no_one_is_no_demand():
    from mkgraph.extract import statements

    doc = structure.parse("t", "Gesundheitsministerkonferenz\n\nTOP 1 Test\n\nBeschluss:\n\n"
                               "1. Die GMK empfiehlt, die Beratung auszubauen.\n")
    assert [st.kind for st in statements.extract(doc)] == ["appeal"]


_BODY = "\n\nDie GMK bittet den Bund, die Mittel zu erhöhen.\n"


@pytest.mark.parametrize("text, field, value", [
    ("96. GMK\nam 16. u. 17. Juni 2023 in Trier\n\nTOP 1 Pflege\n\nBeschluss:" + _BODY, "start_date", "2023-06-16"),
    ("96. GMK\nvom 16. bis zum 18. Juni 2023 in Trier\n\nTOP 1 Pflege\n\nBeschluss:" + _BODY, "start_date", "2023-06-16"),
    ("96. GMK\nam 16. Juni 2023 in Trier\n\nTOP-Nr. 5.3 Pflege\n\nBeschluss:" + _BODY, "top", "5.3"),
    ("96. GMK\nam 16. Juni 2023 in Trier\n\nTagesordnungspunkt: 7\nPflege\n\nBeschluss:" + _BODY, "top", "7"),
    ("96. GMK\nam 16. Juni 2023 in Trier\n\nTOP 1 Pflege\n\nBeschlussfassung: einstimmig" + _BODY, "vote", "unanimous"),
    ("96. GMK\nam 16. Juni 2023 in Trier\n\nTOP 1 Pflege\n\nBeschluss (mehrheitlich 14:2):" + _BODY, "vote", "majority"),
    ("Beschluss-Nr. 12/2023\nder Jugend- und Familienministerkonferenz\nvom 25./26. Mai 2023 in Bremen\n\n"
     "TOP 4.2: Kinderschutz" + _BODY, "conference", "JFMK"),
])
def test_header_forms_of_round_3(text, field, value):
    doc = structure.parse("t", text)
    assert str(getattr(doc.header, field)) == value
    assert "bittet den Bund" in " ".join(p.text for p in doc.parts)


def test_the_decision_on_the_formula_line_is_the_body():
    """'Beschluss: Die GMK bittet …' with the vote after it: the sentence is the decision."""
    from mkgraph.extract import statements

    doc = structure.parse("t", "96. GMK\nam 16. Juni 2023 in Trier\n\nTOP 1 Pflege\n\n"
                               "Beschluss: Die GMK bittet den Bund, X zu tun.\n\nAbstimmungsergebnis: 16:0:0\n")
    assert [(st.kind, st.addressees) for st in statements.extract(doc)] == [("demand", ("bund",))]
    assert doc.header.vote == "unanimous"


def test_zero_width_characters_and_special_hyphens_read_as_plain_text():
    doc = structure.parse("t", "96. GMK\nam 16. Juni 2023 in Trier\n\nTOP 1 Pflege\n\n"
                               "Antragsteller: Baden\u2011Württemberg, Mecklenburg\u2011\nVorpommern\n\nBeschluss:\n\n"
                               "Die GMK bittet die Bundes\u200bregierung,\ufeff die Mittel zu erhöhen.\n")
    assert doc.header.applicants == ("DE-BW", "DE-MV")
    assert "bittet die Bundesregierung, die Mittel" in doc.parts[0].text


@pytest.mark.parametrize("body, starts", [
    # Roman sections with Arabic points inside: the sections are the points
    ("I.\nDie GMK stellt fest, dass A gilt.\n\n1. Die GMK bittet den Bund, B zu tun.\n\n"
     "2. Die GMK bittet die Länder, C zu tun.\n\nII.\nDie GMK bittet den Bund, D zu tun.\n", ["I.", "II."]),
    # a mirror's "(2)" at a line start beside "1." points is no point
    ("1. Die GMK stellt fest, dass A gilt.\n(2) Sie bittet den Bund, B zu tun.\n\n2. Die GMK bittet die Länder, C zu tun.\n", ["1.", "2."]),
    ("(1) Die GMK stellt fest, dass A gilt.\n\n(2) Die GMK bittet den Bund, B zu tun.\n", ["(1)", "(2)"]),
    ("1) Die GMK stellt fest, dass A gilt.\n\n2) Die GMK bittet den Bund, B zu tun.\n\n3) Die Länder prüfen C.\n", ["1)", "2)", "3)"]),
])
def test_points_keep_one_numbering_style(body, starts):
    doc = structure.parse("t", "96. GMK\nam 16. Juni 2023 in Trier\n\nTOP 1 Pflege\n\nBeschluss:\n\n" + body)
    assert [p.text.split()[0] for p in doc.parts if p.kind == "point"] == starts
