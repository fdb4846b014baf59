"""Normalisation of PDF-extracted text and the offset map back to the original."""

import re

from hypothesis import given
from hypothesis import strategies as st

from mkgraph.text import textmap


def test_lowercase_continuation_is_joined():
    assert textmap.normalise("Unter-\n\nbringung der") == "Unterbringung der"


def test_capitalised_continuation_keeps_the_hyphen():
    assert textmap.normalise("Mecklenburg-\n\nVorpommern") == "Mecklenburg-Vorpommern"


def test_suspended_hyphen_before_a_space_stays():
    assert textmap.normalise("Sprach- \n\nund Integrationskurse") == "Sprach- und Integrationskurse"


def test_continuation_after_blank_line_with_leading_space_is_joined():
    assert textmap.normalise("„Gesamtprogramm Spra-\n\n che“") == "„Gesamtprogramm Sprache“"


def test_hyphen_starting_a_word_stays():
    assert textmap.normalise("Verwaltungsstrukturen und  \n\n-abläufe") == "Verwaltungsstrukturen und -abläufe"


def test_whitespace_collapsed_and_trimmed():
    assert textmap.normalise("  a \t\n\n b  \n") == "a b"


def test_page_marker_and_footer_lines_vanish_and_hyphenation_joins_across_them():
    text = "Unter-\n\n-2-\n\nbringung und\n\nC:\\Daten\\IntMK\\TOP_2_1.docx\n\nmehr\n\n- 3 -\n\nText"
    assert textmap.normalise(text) == "Unterbringung und mehr Text"


def test_a_dash_inside_a_line_is_not_a_page_marker():
    assert textmap.normalise("mit allen - auch kritischen - Stimmen") == "mit allen - auch kritischen - Stimmen"


def test_offsets_map_back_to_the_original():
    original = "Die Unter-\n\nbringung von\n\nFlüchtlingen"
    nt = textmap.build(original)
    i = nt.text.index("Unterbringung")
    s, e = nt.span(i, i + len("Unterbringung"))
    assert original[s:e] == "Unter-\n\nbringung"
    assert textmap.cut(original, s, e) == "Unterbringung"
    assert nt.locate("Unterbringung von") == (4, 24)


@given(st.text(alphabet="ab- \n\tÄ.2", max_size=60), st.data())
def test_every_normalised_slice_cuts_back_to_itself(original, data):
    nt = textmap.build(original)
    assert len(nt.text) == len(nt.offsets)
    assert list(nt.offsets) == sorted(set(nt.offsets))
    if nt.text:
        i = data.draw(st.integers(0, len(nt.text) - 1))
        j = data.draw(st.integers(i + 1, len(nt.text)))
        piece = nt.text[i:j]
        if piece == piece.strip():
            s, e = nt.span(i, j)
            assert textmap.cut(original, s, e) == piece


# _NOISE_LINE as written before its two slow alternatives got their look-ahead guards
_NOISE_UNGUARDED = re.compile(
    r"^(?=[ \t\u00a0]*[^ \t\u00a0\r\n])[ \t\u00a0]*(?:"
    r"[-\u2013\u2014][ \t]*\d{1,3}[ \t]*[-\u2013\u2014]"
    r"|Seite[ \t]*\|?[ \t]*\d{1,3}(?:[ \t]+von[ \t]+\d{1,3})?"
    r"|\(\d{1,3}\)"
    r"|(?:Startseite|Home|Sie sind hier:?)[ \t]*(?:[>»›/|:]|&raquo;)[^\n]*"
    r"|[^\n>»›]{1,60}(?:[ \t][>»›][ \t][^\n>»›]{1,60}){2,}"
    r"|[^\n]{1,200}?(?:\.[ \t]?){5,}[ \t]*\d{1,3}"
    r"|(?:Drucken|Druckversion|Seite drucken|Zurück|Nach oben|Teilen|Zitiervorschlag|Copied!|Protected"
    r"|Keine Ergebnisse gefunden|Inhaltsverzeichnis|Navigation|Menü|Suche|Login|Weiterlesen|Mehr erfahren"
    r"|Mehr|Transkript|Ähnliche Dokumente|Zum Inhalt springen|Download[ \t]+[\"„“][^\n]*)"
    r"|(?:[A-Za-z]:\\|\\\\|/|~/)?(?:[^\s\\/]+[\\/])+[^\s\\/]+\.(?:docx?|pdf|odt|rtf|txt|dotx?)"
    r"|[A-Za-z]:\\(?:[^\\/\n]+\\)+[^\\/\n]+\.(?:docx?|pdf|odt|rtf|txt|dotx?)"
    r")[ \t\u00a0\r]*$",
    re.MULTILINE,
)


def _mask_whole_text(text):
    """The line masks as one substitution over the whole text (what _mask did before it
    masked line by line)."""
    blank = _NOISE_UNGUARDED.sub(lambda m: " " * len(m.group(0)), text)
    return textmap._LINE_NUMBER.sub(lambda m: " " * len(m.group(0)), blank)


_LAYOUT = ["- 2 -", "Seite 3 von 5", "(2)", "Startseite > Themen > Integration", "12   3. Die IMK",
           "A > B › C", "a » b » c » d", "TOP 1 . . . . . 3", "Inhalt.....12", "x .. . .. 7", "a >b > c",
           "Inhaltsverzeichnis", "C:\\Daten\\IMK\\TOP 5.docx", "TOP 5: Clankriminalität ..... 2", "  7",
           "Die IMK bittet den Bund.", "Mehr", " \u00a0 ", "", "\r", "x\r", "\x00Seite 2", "a / b / c"]


@given(st.lists(st.sampled_from(_LAYOUT) | st.text(alphabet=" \t\r\u00a0\x00-.>»›/\\(Se12aTOP", max_size=30),
                max_size=12))
def test_masking_line_by_line_equals_masking_the_text(lines):
    """_mask_line relies on the line masks never crossing a line break."""
    text = "\n".join(lines)
    assert "\n".join(map(textmap._mask_line, text.split("\n"))) == _mask_whole_text(text)


def test_masking_line_by_line_on_the_texts():
    from pathlib import Path

    from mkgraph.text import sourcefile

    root = Path(__file__).resolve().parents[1]
    texts = [sourcefile.read(p)[1] for p in sorted((root / "tests" / "ingest").glob("*.txt"))
             + sorted((root / "sources").glob("*.txt"))]
    assert len(texts) > 20
    masked = 0
    for text in texts:
        want = _mask_whole_text(text)
        assert "\n".join(map(textmap._mask_line, text.split("\n"))) == want
        masked += want != text
        assert textmap.noise_spans(text) == tuple(m.span() for m in _NOISE_UNGUARDED.finditer(text)
                                                  if m.group(0).strip())
    assert masked  # some texts hold layout lines


@given(st.lists(st.sampled_from(_LAYOUT) | st.text(alphabet=" \t\r\u00a0\x00-.>»›/\\(Se12aTOP", max_size=30),
                max_size=12))
def test_layout_lines_found_line_by_line_are_the_patterns_matches(lines):
    text = "\n".join(lines)
    textmap.noise_spans.cache_clear()
    want = tuple(m.span() for m in _NOISE_UNGUARDED.finditer(text) if m.group(0).strip())
    assert textmap.noise_spans(text) == want
