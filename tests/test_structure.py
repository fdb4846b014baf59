"""The text layer: header, parts, paragraphs and sentences with exact original offsets.

The seed is the IntMK 2017 Leitantrag; the format variants are short paraphrased texts
written for these tests (not copied from any resolution).
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkgraph.text import textmap
from mkgraph.errors import InputError
from mkgraph.text.sentences import split
from mkgraph.text.structure import match_action_field, parse, read_source

SEED = Path(__file__).resolve().parents[1] / "sources" / "intmk-2017-top-2-1.txt"


@pytest.fixture(scope="module")
def doc():
    return parse(*read_source(SEED))


def all_spans(d):
    """(kind, start, end, text) of every part, paragraph and sentence."""
    for p in d.parts:
        yield "part", p.start, p.end, p.text
        for para in p.paragraphs:
            yield "paragraph", para.start, para.end, para.text
            for s in para.sentences:
                yield "sentence", s.start, s.end, s.text


def sentence_starting(d, prefix):
    found = [s for p in d.parts for para in p.paragraphs for s in para.sentences if s.text.startswith(prefix)]
    assert len(found) == 1, prefix
    return found[0]


# ---------------------------------------------------------------- the seed: header


def test_seed_header_facts(doc):
    h = doc.header
    assert h.conference == "IntMK"
    assert h.session_number == 12
    assert h.year == 2017
    assert (h.start_date, h.end_date) == (dt.date(2017, 3, 16), dt.date(2017, 3, 17))
    assert h.place == "Friedrichshafen"
    assert (h.top, h.top_label) == ("2.1", "TOP 2.1")
    assert h.document_type == "leitantrag"
    assert h.title == "Integration schafft Zusammenhalt"
    assert h.subtitle == "Von der Soforthilfe zur Alltagsintegration"
    assert h.decision_formula == "Die IntMK hat mehrheitlich beschlossen:"
    assert h.vote == "majority"
    assert h.vote_counts is None


def test_seed_applicants_are_15_laender_without_bayern(doc):
    apps = doc.header.applicants
    assert len(apps) == 15 == len(set(apps))
    assert "DE-BY" not in apps
    assert {"DE-BB", "DE-MV", "DE-ST", "DE-TH", "DE-BW"} <= set(apps)  # hyphenated / umlaut spellings


def test_seed_header_spans_cut_the_fields(doc):
    h, o = doc.header, doc.original
    cut = {k: textmap.cut(o, a, b) for k, (a, b) in h.spans.items()}
    assert cut["conference"] == "Integrationsministerkonferenz"
    assert cut["dates"] == "16. und 17. März 2017"
    assert cut["place"] == "Friedrichshafen"
    assert cut["top"] == "TOP 2.1"
    assert cut["document_type"] == "Leitantrag"
    assert cut["title"] == "Integration schafft Zusammenhalt"
    assert cut["subtitle"] == "Von der Soforthilfe zur Alltagsintegration"
    assert cut["applicants"].startswith("Baden-Württemberg, Berlin, Brandenburg")
    assert cut["applicants"].endswith("Schleswig-Holstein, Thüringen")
    assert cut["decision_formula"] == "Die IntMK hat mehrheitlich beschlossen:"


# ---------------------------------------------------------------- the seed: parts


def test_seed_has_eleven_points_in_order_with_their_first_words(doc):
    points = [p for p in doc.parts if p.kind == "point"]
    assert [p.number for p in points] == [str(i) for i in range(1, 12)]
    assert [p.ordinal for p in points] == list(range(1, 12))
    first = [" ".join(p.text.split()[1:3]) for p in points]
    assert first == [
        "Die Integrationsministerkonferenz",
        "Die große",
        "Nach dieser",
        "Die Stärkung",
        "Die IntMK",
        "Unstrittig ist,",
        "Die große",
        "Dabei muss",
        "Wir sollten",
        "Die IntMK",
        "Den aktiven",
    ]
    for p in points:
        assert p.text.startswith(p.number + ". ")
        assert doc.original[p.start :].startswith(p.number + ".")
    assert points[10].text.endswith("insbesondere mit Jugendlichen, gefördert werden.")


def test_seed_chapeau_introduces_the_fields(doc):
    kinds = [p.kind for p in doc.parts]
    assert kinds == ["point"] * 11 + ["chapeau"] + ["field"] * 6
    chapeau = doc.parts[11]
    assert chapeau.number == "1"
    assert chapeau.text == (
        "Die IntMK betont die Bereitschaft der Länder, gemeinsam mit dem Bund und den Kommunen "
        "insbesondere folgende integrationspolitischen Handlungsfelder weiterzuentwickeln:"
    )


def test_seed_six_action_fields_with_titles_and_concepts(doc):
    fields = [p for p in doc.parts if p.kind == "field"]
    got = [(p.number, p.title, p.action_field) for p in fields]
    assert got == [
        ("a", "Integration durch Sprache und Sprachförderung", "language"),
        ("b", "Integration in Ausbildung und Arbeit", "training-and-work"),
        ("c", "Integration in den Kommunen", "municipalities"),
        ("d", "Wohnen und Leben", "housing"),
        ("e", "Integration durch bürgerschaftliches Engagement", "civic-engagement"),
        ("f", "Integration durch politische Bildung", "political-education"),
    ]
    for p in fields:
        assert p.text.startswith(f"{p.number}) {p.title} ")
        assert textmap.cut(doc.original, *p.title_span) == p.title
        assert not p.paragraphs[0].text.startswith(p.title)


def test_seed_field_a_paragraphs(doc):
    a = next(p for p in doc.parts if p.kind == "field" and p.number == "a")
    starts = [para.text[:40] for para in a.paragraphs]
    assert len(starts) == 3
    assert starts[0].startswith("Sprache ist der Schlüssel")
    assert starts[1].startswith("Im Herbst 2015")
    assert starts[2].startswith("Die IntMK erkennt an, dass der Bund")
    assert [para.index for para in a.paragraphs] == [1, 2, 3]


def test_seed_points_have_one_paragraph_without_their_number(doc):
    for p in doc.parts:
        if p.kind == "point":
            assert len(p.paragraphs) == 1
            assert not p.paragraphs[0].text.startswith(p.number + ".")


def test_seed_every_span_cuts_back_to_its_text(doc):
    n = 0
    for kind, start, end, text in all_spans(doc):
        assert textmap.cut(doc.original, start, end) == text, (kind, start, end)
        assert text and text == text.strip()
        assert not doc.original[start].isspace() and not doc.original[end - 1].isspace()
        n += 1
    assert n > 120  # 18 parts, their paragraphs and sentences


def test_seed_parts_paragraphs_sentences_nest_in_order(doc):
    last = 0
    for p in doc.parts:
        assert p.start >= last
        last = p.end
        for para in p.paragraphs:
            assert p.start <= para.start < para.end <= p.end
            for s in para.sentences:
                assert para.start <= s.start < s.end <= para.end
            assert [s.index for s in para.sentences] == list(range(1, len(para.sentences) + 1))


def test_seed_specific_sentences(doc):
    demand = sentence_starting(doc, "Die IntMK fordert den Bund auf")
    assert demand.text.endswith("ein sprachliches Grundangebot zu schaffen.")
    assert "Sprach- und Integrationskurse" in demand.text  # suspended hyphen kept
    assert sentence_starting(doc, "Die IntMK erkennt die Bemühungen an").text.endswith(
        "mit dem „Gesamtprogramm Sprache“ unternommen hat und unternimmt."
    )
    # "bspw." does not end a sentence
    assert sentence_starting(doc, "Im Alltag bedeutet dies bspw. ganz konkret").text.endswith("Rollenzuschreibungen.")
    # "z. B." does not end a sentence
    assert sentence_starting(doc, "Zu einer gelingenden Integration").text.endswith("niederschlagen können.")
    # "usw." inside a sentence
    assert sentence_starting(doc, "Themen wie Demokratieförderung").text.endswith("herangetragen werden.")
    # a quote closed before the period ends the sentence with it
    assert sentence_starting(doc, "Auch wenn im Detail").text.endswith("„die Früchte der Ausbildung ernten zu können“.")
    # a colon does not end a sentence; a question mark does
    assert sentence_starting(doc, "Gemeinsam soll die Frage diskutiert werden").text.endswith(
        ": Wie leben wir zukünftig zusammen?"
    )


# ---------------------------------------------------------------- sentence splitting


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Sie tagte am 16. und 17. März 2017. Dann nicht.", ["Sie tagte am 16. und 17. März 2017.", "Dann nicht."]),
        ("Die 12. Integrationsministerkonferenz tagte. Gut.", ["Die 12. Integrationsministerkonferenz tagte.", "Gut."]),
        ("Kurse, z. B. Sprachkurse, u. a. Orientierungskurse. Ja.", ["Kurse, z. B. Sprachkurse, u. a. Orientierungskurse.", "Ja."]),
        ("Es gilt z.B. Art. 3 GG. Ende.", ["Es gilt z.B. Art. 3 GG.", "Ende."]),
        ("Sie sagte: „Das ist gut. Sehr gut.“ Dann ging sie.", ["Sie sagte: „Das ist gut. Sehr gut.“", "Dann ging sie."]),
        ("Punkte: 1. Die Länder. Aber 2016. Neu.", ["Punkte: 1. Die Länder.", "Aber 2016.", "Neu."]),
        ("Wer? Wir! Alle.", ["Wer?", "Wir!", "Alle."]),
    ],
)
def test_sentence_splitting(text, expected):
    assert [text[a:b] for a, b in split(text)] == expected


# ---------------------------------------------------------------- format variants


def resolution(
    top="TOP 2.1",
    formula="Die IntMK hat mehrheitlich beschlossen:",
    applicants="Antragsteller: Berlin, Hamburg",
    body="1. Die IntMK bittet den Bund um einen Bericht.\n\n2. Die Länder prüfen eigene Programme.",
    title="Teilhabe im Quartier",
    conference="13. Integrationsministerkonferenz 2018\n\nam 26. und 27. April 2018 in Nürnberg",
    between="",
):
    parts = [conference, top, title, applicants, between, formula, body]
    return "\n\n".join(p for p in parts if p) + "\n"


@pytest.mark.parametrize(
    "line, top, label",
    [
        ("TOP 2.1", "2.1", "TOP 2.1"),
        ("TOP: 5.1", "5.1", "TOP 5.1"),
        ("TOP 4.1:", "4.1", "TOP 4.1"),
        ("Punkt 2.1 der Tagesordnung:", "2.1", "Punkt 2.1 der Tagesordnung"),
        ("A3", "A3", "A3"),
        ("2.9b", "2.9b", "2.9b"),
        ("TOP 49", "49", "TOP 49"),
    ],
)
def test_agenda_id_formats(line, top, label):
    d = parse("v", resolution(top=line))
    assert (d.header.top, d.header.top_label) == (top, label)
    assert d.header.title == "Teilhabe im Quartier"
    assert textmap.cut(d.original, *d.header.spans["top"]) == line.rstrip(":")


def test_title_on_the_agenda_line():
    d = parse("v", resolution(top="TOP 4.1: Bericht: Teilhabe im Quartier", title=""))
    assert (d.header.top, d.header.document_type, d.header.title) == ("4.1", "bericht", "Teilhabe im Quartier")


@pytest.mark.parametrize(
    "formula, vote",
    [
        ("Die IntMK hat mehrheitlich beschlossen:", "majority"),
        ("Die IntMK hat einstimmig beschlossen:", "unanimous"),
        ("Die IntMK beschließt einstimmig:", "unanimous"),
        ("Beschluss:", "unknown"),
        ("Die IntMK hat den folgenden Beschluss mehrheitlich gefasst:", "majority"),
        ("Die Ministerinnen und Minister der Länder fassen folgenden Beschluss:", "unknown"),
    ],
)
def test_decision_formulas_and_votes(formula, vote):
    d = parse("v", resolution(formula=formula))
    assert d.header.decision_formula == formula
    assert d.header.vote == vote
    assert [p.number for p in d.parts] == ["1", "2"]


def test_wrapped_formula_starts_at_its_sentence():
    formula = "Die Ministerinnen und Minister, Senatorinnen und Senatoren\n\nder Länder fassen folgenden Beschluss:"
    d = parse("v", resolution(formula=formula))
    assert d.header.decision_formula == textmap.normalise(formula)
    assert d.header.vote == "unknown"


def test_all_laender_and_exceptions():
    assert len(parse("v", resolution(applicants="Antrag: alle Länder")).header.applicants) == 16
    assert len(parse("v", resolution(applicants="Antragsteller: Alle Länder")).header.applicants) == 16
    d = parse("v", resolution(applicants="Antragsteller: alle Länder außer Bayern"))
    assert len(d.header.applicants) == 15 and "DE-BY" not in d.header.applicants


def test_applicant_list_hyphenated_across_lines():
    apps = "Antragsteller: Branden-\n\nburg, Mecklenburg-\n\nVorpommern, Sachsen-\n\nAnhalt, Nieder-\n\nsachsen"
    assert parse("v", resolution(applicants=apps)).header.applicants == ("DE-BB", "DE-MV", "DE-ST", "DE-NI")


@pytest.mark.parametrize("line", ["BE: Bund", "Berichterstatter: Bund"])
def test_rapporteur_bund(line):
    d = parse("v", resolution(applicants=line))
    assert d.header.rapporteur == ("bund",)
    assert d.header.applicants is None  # a rapporteur reports; it is not an applicant (none stated)
    assert textmap.cut(d.original, *d.header.spans["rapporteur"]) == "Bund"


def test_vote_counts_field():
    d = parse("v", resolution(formula="Beschluss:", between="Abstimmungsergebnis: 13:1:2"))
    assert d.header.vote_counts == "13:1:2"
    assert d.header.vote == "majority"  # a "no" vote: not unanimous
    assert textmap.cut(d.original, *d.header.spans["vote_counts"]) == "Abstimmungsergebnis: 13:1:2"
    d = parse("v", resolution(body="1. Die IntMK dankt.\n\nAbstimmungsergebnis: 16:0:0\n\n2. Die Länder danken."))
    assert d.header.vote_counts == "16:0:0" and d.header.vote == "majority"  # the formula's word wins
    assert all("Abstimmungsergebnis" not in p.text for p in d.parts)


def test_protokollnotiz_is_a_note_part():
    body = (
        "1. Die IntMK bittet den Bund um einen Bericht.\n\n"
        "Protokollnotiz Bayern:\n\nBayern hält eine Regelung des Bundes für vorrangig.\n\n"
        "Begründung:\n\n1. Der Bericht fehlt seit Langem."
    )
    d = parse("v", resolution(body=body))
    assert [(p.kind, p.number) for p in d.parts] == [
        ("point", "1"),
        ("note", "protokollnotiz"),
        ("note", "begruendung"),
    ]
    note = d.parts[1]
    assert note.title == "Protokollnotiz Bayern"
    assert textmap.cut(d.original, *note.title_span) == "Protokollnotiz Bayern"
    assert [para.text for para in note.paragraphs] == ["Bayern hält eine Regelung des Bundes für vorrangig."]
    assert d.parts[0].text == "1. Die IntMK bittet den Bund um einen Bericht."
    assert d.parts[2].paragraphs[0].text == "1. Der Bericht fehlt seit Langem."  # a note's list stays its text
    assert (d.parts[1].ordinal, d.parts[2].ordinal) == (1, 2)


def test_page_marker_and_footer_do_not_leak():
    body = (
        "1. Die IntMK bittet den Bund, die Unter-\n\n-2-\n\nbringung zu verbessern.\n\n"
        "2. Die Länder prüfen eigene\n\nC:\\Daten\\IntMK\\2018\\TOP_2_1_Beschluss.docx\n\nProgramme."
    )
    d = parse("v", resolution(body=body))
    texts = [t for _, _, _, t in all_spans(d)]
    assert not any("-2-" in t or "docx" in t or "Daten" in t for t in texts)
    assert d.parts[0].text == "1. Die IntMK bittet den Bund, die Unterbringung zu verbessern."
    assert d.parts[1].paragraphs[0].text == "Die Länder prüfen eigene Programme."
    for _, s, e, t in all_spans(d):
        assert textmap.cut(d.original, s, e) == t


def test_fields_before_points():
    body = (
        "a) Integration durch Sprache\n\nDie IntMK bittet den Bund um mehr Kurse für alle Gruppen.\n\n"
        "b) Wohnen\n\nDie Länder fördern bezahlbaren Wohnraum in allen Regionen.\n\n"
        "1. Die IntMK wird im nächsten Jahr berichten."
    )
    d = parse("v", resolution(body=body))
    assert [(p.kind, p.number, p.title, p.action_field) for p in d.parts] == [
        ("field", "a", "Integration durch Sprache", "language"),
        ("field", "b", "Wohnen", "housing"),
        ("point", "1", None, None),
    ]
    assert d.parts[1].text == "b) Wohnen Die Länder fördern bezahlbaren Wohnraum in allen Regionen."


def test_points_run_together_in_one_paragraph():
    body = "1. Die IntMK dankt dem Bund. 2. Sie bittet die Länder um\n\nBerichte. 3. Sie tagt am 3. Mai 2019 erneut."
    d = parse("v", resolution(body=body))
    assert [p.text for p in d.parts] == [
        "1. Die IntMK dankt dem Bund.",
        "2. Sie bittet die Länder um Berichte.",
        "3. Sie tagt am 3. Mai 2019 erneut.",
    ]


def test_text_before_points_is_a_chapeau_and_ordinals_are_no_points():
    body = "Die IntMK stellt fest:\n\n1. Am 16. und 17. März tagte sie.\n\n16. Dies ist kein Punkt."
    d = parse("v", resolution(body=body))
    assert [(p.kind, p.number) for p in d.parts] == [("chapeau", "1"), ("point", "1")]
    assert d.parts[1].text == "1. Am 16. und 17. März tagte sie. 16. Dies ist kein Punkt."


def test_dash_bullets_are_paragraphs():
    body = "1. Die IntMK bittet den Bund:\n\n- um mehr Kurse,\n\n- um mehr Lehrkräfte."
    d = parse("v", resolution(body=body))
    assert [para.text for para in d.parts[0].paragraphs] == [
        "Die IntMK bittet den Bund:",
        "- um mehr Kurse,",
        "- um mehr Lehrkräfte.",
    ]


def test_plain_text_blank_lines_separate_paragraphs():
    body = "1. Der erste Absatz steht hier.\nEr geht weiter.\n\nDer zweite Absatz folgt danach."
    d = parse("v", resolution(body=body).replace("\n\n", "\n").replace("weiter.\n", "weiter.\n\n"))
    assert [para.text for para in d.parts[0].paragraphs] == [
        "Der erste Absatz steht hier. Er geht weiter.",
        "Der zweite Absatz folgt danach.",
    ]


def test_action_field_matching_prefers_labels_and_refuses_ties():
    assert match_action_field("Wohnen und Leben") == "housing"
    assert match_action_field("Sprachförderung in Kitas") == "language"
    assert match_action_field("Sprache und Arbeit") is None
    assert match_action_field("Gesundheit") is None


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "empty text"),
        (" \n\n\t ", "empty text"),
        ("-2-\n\n- 3 -\n", "empty text"),
        ("IntMK 2017\n\nTOP 2.1\n\nEin Titel\n\n1. Nichts.", "no decision formula found (no resolution language)"),
    ],
)
def test_only_text_without_resolution_language_is_refused(text, message):
    with pytest.raises(InputError) as exc:
        parse("probe", text)
    assert (exc.value.where, exc.value.what) == ("probe", message)


@pytest.mark.parametrize(
    "text, missing",
    [
        ("Ein Brief ohne Kopf.\n\nDie IntMK hat beschlossen:\n\n1. Nichts.", {"top", "year", "title"}),
        ("TOP 2.1\n\nTitel\n\nDie Konferenz hat beschlossen:\n\n1. Nichts.", {"conference", "year"}),
        ("IntMK 2017\n\nTOP 2.1\n\nDie IntMK hat beschlossen:\n\n1. Nichts.", {"title"}),
        ("IntMK\n\nTOP 2.1\n\nEin Titel\n\nDie IntMK hat beschlossen:\n\n1. Nichts.", {"year"}),
    ],
)
def test_what_the_text_does_not_state_is_none_not_a_guess(text, missing):
    """Degrade, never refuse: a missing header field is None, the body is still parsed."""
    h = parse("probe", text).header
    values = {"conference": h.conference, "top": h.top, "year": h.year, "title": h.title}
    assert {k for k, v in values.items() if v is None} == missing
    assert h.applicants is None  # no applicants line: not stated, which is not "no applicants"
    assert [p.kind for p in parse("probe", text).parts] == ["point"]


# ---------------------------------------------------------------- any input


def check_any(text):
    try:
        d = parse("fuzz", text)
    except InputError as exc:
        assert exc.where == "fuzz" and "\n" not in exc.what
        return
    for _, s, e, t in all_spans(d):
        assert 0 <= s < e <= len(text)
        assert textmap.cut(text, s, e) == t
        assert t and t == t.strip()


SEED_TEXT = SEED.read_text(encoding="utf-8")
_words = st.sampled_from(
    ["TOP 2.1", "TOP:", "1.", "a)", "IntMK", "2017", "beschlossen:", "Beschluss:", "-2-", "Bayern", "„", "“", "-", "z. B."]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.text(max_size=12), _words, st.sampled_from(["\n", "\n\n", " "])), max_size=40))
def test_arbitrary_text_gives_document_or_input_error(pieces):
    check_any("".join(pieces))


@settings(max_examples=40, deadline=None)
@given(st.integers(0, len(SEED_TEXT)))
def test_truncated_seed(n):
    check_any(SEED_TEXT[:n])


@settings(max_examples=25, deadline=None)
@given(st.randoms(use_true_random=False))
def test_shuffled_seed_lines(rnd: random.Random):
    lines = SEED_TEXT.split("\n")
    rnd.shuffle(lines)
    check_any("\n".join(lines))
