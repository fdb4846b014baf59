"""textmap.build copies runs of characters whole; it must give exactly what the
character-by-character scan it replaced gives (text and every offset)."""

from __future__ import annotations

import re
from array import array
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from mkgraph.text import sourcefile, textmap
from mkgraph.text.textmap import NormText, mask_noise

ROOT = Path(__file__).resolve().parents[1]
# the line-break hyphen as first written (textmap's has the hyphen first, for speed)
# (a form feed, pdftotext's page break, is part of the break's whitespace)
_BREAK = re.compile(r"(?<=\w)-(?:\r?\n[ \t\u00a0\f]*)+(?=\w)")
# a soft hyphen goes, with a line break right after it; a ligature becomes its letters
_SOFT = re.compile(r"\u00ad(?:\r?\n[ \t\u00a0\f]*)*")
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
              "\ufb05": "st", "\ufb06": "st", "\u2010": "-", "\u2011": "-",
              "\u200b": "", "\u200c": "", "\u200d": "", "\u2060": "", "\ufeff": ""}


def scan(original: str) -> NormText:
    """The former build: one character at a time."""
    original_text = original
    # soft hyphens and ligatures first, each character remembering where it came from
    plain, where, k = [], [], 0
    masked = mask_noise(original)
    while k < len(masked):
        if masked[k] == "\u00ad":
            k = _SOFT.match(masked, k).end()
            continue
        for c in _LIGATURES.get(masked[k], masked[k]):
            plain.append(c)
            where.append(k)
        k += 1
    original = "".join(plain)
    out, offs = [], []
    i, n = 0, len(original)
    while i < n:
        m = _BREAK.match(original, i) if original[i] == "-" else None
        if m:
            nxt = original[m.end()]
            if nxt.isupper() or nxt.isdigit():
                out.append("-")
                offs.append(i)
            i = m.end()
            continue
        if original[i].isspace():
            j = i
            while j < n and original[j].isspace():
                j += 1
            if out and j < n:
                out.append(" ")
                offs.append(i)
            i = j
            continue
        out.append(original[i])
        offs.append(i)
        i += 1
    return NormText(original_text, "".join(out), array("i", (where[o] for o in offs)))


def test_every_corpus_text():
    texts = sorted((ROOT / "tests" / "ingest").glob("*.txt")) + sorted((ROOT / "sources").glob("*.txt"))
    assert len(texts) > 20
    for path in texts:
        _, text = sourcefile.read(path)
        assert textmap.build(text) == scan(text), path.name


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aZ9ä-_ \t\n\r\u00a0\x0c\u2028.-\u00ad\ufb01\ufb03\u2011\u200b\ufeff", max_size=60))
def test_any_text(text):
    assert textmap.build(text) == scan(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["Unter-\n\nbringung", "Mecklenburg-\nVorpommern", "Sprach- \nund", "- 2 -\n",
                                 "Seite 2 von 5\n", "C:\\Daten\\x.docx\n", "  ", "\n", "-", "2017-\n18", "Wort"]),
                max_size=12))
def test_hyphens_and_layout_lines(parts):
    text = "".join(parts)
    assert textmap.build(text) == scan(text)
