"""A normalised view of a PDF-extracted text that maps back to the original offsets.

PDF extraction hyphenates words across (blank) lines ("Unter-\\n\\nbringung") and
scatters whitespace. Matching works on a normalised text (hyphenation undone, every
run of whitespace one space); every character of it remembers the offset of the
original character it came from, so a match can be cut out of the original file again.
Offsets are Python string indices (Unicode code points) into the file as stored.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# A word broken at a line end: "Unter-\n\nbringung" -> "Unterbringung". A capital
# after the break means a real compound hyphen ("Mecklenburg-\nVorpommern"): keep
# the hyphen, drop the break. A space before the line end ("Sprach- \nund") is a
# suspended hyphen and stays as it is.
# (the hyphen first and the word character checked behind it, "(?<=\w-)", so the search
# skips to the next hyphen instead of trying every position: ten times faster)
_BREAK = re.compile(r"-(?<=\w-)(?:\r?\n[ \t\u00a0\f]*)+(?=\w)")
# What a PDF's text layer holds for plain letters: a soft hyphen (U+00AD, invisible where
# the word is not broken; at a line end it is the break's hyphen) and the typographic
# ligatures U+FB00-FB06 ("Quali\ufb01zierung"). Matching and quotes see the letters; each
# ligature's letters keep the ligature's offset.
_SOFT = re.compile(r"\u00ad(?:\r?\n[ \t\u00a0\f]*)*")
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
              "\ufb05": "st", "\ufb06": "st",
              # Word's non-breaking hyphen and the typographic one ("Baden\u2011Württemberg")
              "\u2010": "-", "\u2011": "-"}
# An OCR'd scan spells an umlaut as its vowel and a diaeresis, spacing (U+00A8, "fu¨r")
# or combining (U+0308, which no NFC step here composes): the reader sees "für"; the
# umlaut keeps the vowel's offset
_LIGATURES.update({v + d: u for v, u in zip("aouAOU", "äöüÄÖÜ") for d in ("\u00a8", "\u0308")})
# zero-width characters a copy from a web page or a joined file leaves inside words
# (zero-width space and joiners, word joiner, a byte-order mark that is not the first)
_PLAIN = re.compile(_SOFT.pattern + "|[\ufb00-\ufb06\u2010\u2011\u200b-\u200d\u2060\ufeff]|[aouAOU][\u00a8\u0308]")
# any character _PLAIN starts or ends a match with: one character class is searched about
# twice as fast as _PLAIN's alternatives, and most texts hold none of them
_ANY_PLAIN = re.compile("[\u00ad\ufb00-\ufb06\u2010\u2011\u200b-\u200d\u2060\ufeff\u00a8\u0308]")
# what re.sub(r"\s+", " ", …) changes, without replacing every lone space by itself
_SPACE = re.compile(r"[^\S ]\s*| \s+")

# Lines that are layout, not text: page markers ("-2-", "- 2 -", "Seite 2 von 5") and
# file-path footers ("C:\\Daten\\IntMK\\TOP_2_1.docx", "/home/x/beschluss.pdf"). They are
# masked as whitespace, so they never reach the normalised text and a word hyphenated
# across a page break still joins; offsets stay those of the original file.
# The lookahead refuses a line of blanks at once (none of the alternatives can match one):
# without it, each blank line cost a backtracking walk per character, and the blanked-out
# TOPs of a protocol (structure.parse_all) are thousands of such lines.
_NAV = (r"(?:Drucken|Druckversion|Seite drucken|Zurück(?: nach oben)?|Nach oben|Teilen|Zitiervorschlag|Copied!"
        r"|Protected|Keine Ergebnisse gefunden|Inhaltsverzeichnis|Navigation|Menü|Suche|Login|Weiterlesen"
        r"|Mehr erfahren|Mehr|Transkript|Ähnliche Dokumente|Zum Inhalt springen|Impressum|Datenschutz"
        r"|Datenschutzerklärung|Kontakt|Barrierefreiheit|Sitemap|Download[ \t]+[\"„“][^\n|]*)")
_NOISE_LINE = re.compile(
    r"^(?=[ \t\u00a0\f]*[^ \t\u00a0\f\r\n])[ \t\u00a0\f]*(?:"
    r"[-\u2013\u2014][ \t]*\d{1,3}[ \t]*[-\u2013\u2014]"
    # a running header or footer at a page break (the line after a form feed) that ends
    # in its page number ("72. GMK 1999 – Ergebnisprotokoll      Seite 14")
    r"|(?<=\f)[ \t\u00a0]*[^\n\f]{1,120}?(?:[ \t]{3,}|[ \t][-\u2013\u2014|][ \t])Seite[ \t]*\d{1,3}(?:[ \t]+von[ \t]+\d{1,3})?"
    r"|Seite[ \t]*\|?[ \t]*\d{1,3}(?:[ \t]+von[ \t]+\d{1,3})?"
    # a mirror's page marks ("(1)", "(2)" alone on a line) and its site chrome: breadcrumbs
    # ("Startseite > Themen > …") and lone navigation words
    r"|\(\d{1,3}\)"
    r"|(?:Startseite|Home|Sie sind hier:?)[ \t]*(?:[>»›/|:]|&raquo;)[^\n]*"
    # (each of the next two first looks ahead, without backtracking, for what it cannot
    # match without: a ">" (or "»", "›"), five dots; tried as they stand they were 90 % of
    # the time a line of text took, 3.5 of 3.8 µs; tests/test_textmap.py compares the
    # pattern with its unguarded form)
    r"|(?=[^\n>»›]*+[>»›])[^\n>»›]{1,60}(?:[ \t][>»›][ \t][^\n>»›]{1,60}){2,}"
    # a table of contents' entry: dot leaders and a page number ("TOP 5: Clankriminalität …… 2")
    r"|(?=(?:[^\n.]*+\.)+?(?:[ \t]?\.){4})[^\n]{1,200}?(?:\.[ \t]?){5,}[ \t]*\d{1,3}"
    # (navigation words also stand in a row: "Drucken | Teilen", "Impressum · Datenschutz")
    r"|" + _NAV + r"(?:[ \t]*[|·•/][ \t]*" + _NAV + r")*"
    # a site's footer: "© 2022 Sekretariat der Kultusministerkonferenz | Impressum"
    r"|(?:©|\(c\)|Copyright\b)[^\n]*"
    r"|(?:[A-Za-z]:\\|\\\\|/|~/)?(?:[^\s\\/]+[\\/])+[^\s\\/]+\.(?:docx?|pdf|odt|rtf|txt|dotx?)"
    # a drive-letter path may hold spaces in its folder names ("J:\\JuMiKo\\Frühjahr 2018\\…")
    r"|[A-Za-z]:\\(?:[^\\/\n]+\\)+[^\\/\n]+\.(?:docx?|pdf|odt|rtf|txt|dotx?)"
    r")[ \t\u00a0\r]*$",
    re.MULTILINE,
)


@dataclass(frozen=True)
class NormText:
    """Normalised text plus, for each of its characters, the original offset."""

    original: str
    text: str
    offsets: Sequence[int]  # array('i') from build: 4 bytes per character, not a 28-byte int object

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the normalised slice [start, end)."""
        if not (0 <= start < end <= len(self.text)):
            raise ValueError(f"bad normalised span {start}..{end}")
        e = self.offsets[end - 1] + 1
        if e < len(self.original) and self.original[e] in "\u00a8\u0308":
            e += 1  # an OCR umlaut (vowel + diaeresis, one character here) ends after both
        return self.offsets[start], e

    def find(self, needle: str, start: int = 0, end: int | None = None) -> int:
        """Index of a normalised needle in the normalised text, or -1."""
        return self.text.find(normalise(needle), start, len(self.text) if end is None else end)

    def locate(self, needle: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
        """Original span of the first occurrence of needle at or after normalised start."""
        n = normalise(needle)
        i = self.text.find(n, start, len(self.text) if end is None else end)
        return None if i < 0 or not n else self.span(i, i + len(n))

    def norm_index(self, original_offset: int) -> int:
        """The first normalised index whose original offset is >= original_offset."""
        return bisect_left(self.offsets, original_offset)


# HTML left in a mirror's text: tags and character entities, blanked where they stand
_MARKUP = re.compile(
    r"</?[A-Za-z][A-Za-z0-9]{0,10}(?:\s[^<>\n]{0,200})?/?>|<![A-Za-z][^<>\n]{0,200}>"
    r"|&(?:nbsp|amp|quot|lt|gt|shy|raquo|laquo|middot|bull|#\d{2,5});"
)
# a draft's line numbers in the left margin ("  7   3. Die Wirtschaftsministerkonferenz bittet"):
# a number of at most three digits that starts a line and is followed by a wide gap or
# nothing; a point's number carries a period and a date or amount no gap of three spaces
_LINE_NUMBER = re.compile(r"^[ \t]*\d{1,3}(?:[ \t]{3,}(?=\S)|[ \t]*$)", re.MULTILINE)
# a page footer set right-aligned on the last line of a page, after its text
# ("… und in                          Seite 1 von 2"): a wide gap, then the page number
_TRAILING_PAGE = re.compile(r"(?<=\S)[ \t]{3,}Seite[ \t]*\d{1,3}(?:[ \t]+von[ \t]+\d{1,3})?[ \t\r]*$")


def mask_noise(original: str) -> str:
    """The original with page markers, file-path footers, site chrome lines and HTML
    remnants blanked (same length)."""
    if len(original) >= _CACHED:
        return _mask_whole(original)
    return _mask(original)


def _mask(original: str) -> str:
    blank = "\n".join(map(_mask_line, original.split("\n")))
    if "<" in blank or "&" in blank:
        blank = _MARKUP.sub(lambda m: " " * len(m.group(0)), blank)
    return blank


# The line masks, one line at a time: neither pattern matches a line break or looks past
# one (their ^ and $ are a line's start and end), so masking the lines of a text one by
# one gives what masking the text gives (tests/test_textmap.py compares them). The same
# line is masked many times, as part of the whole text, of its paragraph, of its
# sentences, and alone (header.lines_of): 4 µs each, a third of the parse; remembered,
# each distinct line costs that once.
def forget() -> None:
    """Drop the remembered lines (structure.parse_all: one text at a time, so a corpus that
    repeats lines across texts, as the generated one does, gains nothing from them)."""
    _mask_line.cache_clear()
    _is_noise.cache_clear()


@lru_cache(maxsize=1 << 16)
def _mask_line(line: str) -> str:
    if not line:  # the blank line after every line of PDF text
        return line
    blank = _NOISE_LINE.sub(lambda m: " " * len(m.group(0)), line)
    if "Seite" in blank:
        blank = _TRAILING_PAGE.sub(lambda m: " " * len(m.group(0)), blank)
    return _LINE_NUMBER.sub(lambda m: " " * len(m.group(0)), blank)


# A whole text is masked by lines_of, build and the part markers, and its layout lines
# are asked for per part and per trimmed character: each is computed once per text.
# Fragments (quotes, lines) are shorter than this and never cached.
_CACHED = 4096


@lru_cache(maxsize=4)
def _mask_whole(original: str) -> str:
    return _mask(original)


@lru_cache(maxsize=4)
def noise_spans(original: str) -> tuple[tuple[int, int], ...]:
    """Original [start, end) of every layout line (page marker, file-path footer), in order.

    A match of _NOISE_LINE is a whole line (from ^ to $), so the lines are asked one by
    one, each distinct line once (``_is_noise``), like the masks."""
    out = []
    pos = 0
    for line in original.split("\n"):
        if line and _is_noise(line):
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return tuple(out)


@lru_cache(maxsize=1 << 16)
def _is_noise(line: str) -> bool:
    return _NOISE_LINE.match(line) is not None and line.strip() != ""


def noise_between(original: str, a: int, b: int) -> int:
    """How many layout lines lie wholly in original [a, b)."""
    spans = noise_spans(original)
    i = bisect_left(spans, (a, -1))
    # spans are disjoint and ordered, so their ends are ordered too
    return max(0, bisect_right(_noise_ends(original), b, lo=i) - i)


@lru_cache(maxsize=4)
def _noise_ends(original: str) -> tuple[int, ...]:
    return tuple(e for _, e in noise_spans(original))


def in_noise(original: str, i: int) -> bool:
    """Whether original offset i lies in a layout line."""
    spans = noise_spans(original)
    k = bisect_right(spans, (i, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= i < spans[k][1]


# what build changes: a line-break hyphen, and whitespace other than one space between
# two characters (a run of two or more, any other whitespace character, a space at either
# end); everything between two changes is copied with its offsets in one piece
_CHANGE = re.compile(r"(?P<brk>" + _BREAK.pattern + r")|\s{2,}|[^\S ]|\A |\s\Z")


def build(original: str) -> NormText:
    """The normalised text of original with each character's original offset.

    Only the places that change are visited (a line-break hyphen, a whitespace run that
    is not a single inner space); the runs between them are copied whole (visiting every
    word was the largest cost of parsing; tests/test_textmap_build.py compares it with a
    scan character by character)."""
    original_text = original
    original, plain_offsets = _plain_offsets(mask_noise(original))
    out: list[str] = []
    offs = array("i")
    n = len(original)
    prev = 0
    for m in _CHANGE.finditer(original):
        i, j = m.span()
        if i > prev:
            out.append(original[prev:i])
            offs.extend(range(prev, i))
        if m.lastgroup == "brk":
            nxt = original[j]
            if nxt.isupper() or nxt.isdigit():
                out.append("-")
                offs.append(i)
        elif out and j < n:  # whitespace: one space, none at either end
            out.append(" ")
            offs.append(i)
        prev = j
    if prev < n:
        out.append(original[prev:])
        offs.extend(range(prev, n))
    if plain_offsets is not None:
        offs = array("i", (plain_offsets[k] for k in offs))
    return NormText(original_text, "".join(out), offs)


def _plain_offsets(masked: str) -> tuple[str, list[int] | None]:
    """(_plain(masked), for each of its characters the offset in masked, or None where
    masked has no soft hyphen or ligature: the rare text that does is mapped whole first)."""
    if not _ANY_PLAIN.search(masked):
        return masked, None
    parts: list[str] = []
    offs: list[int] = []
    prev = 0
    for m in _PLAIN.finditer(masked):
        parts.append(masked[prev:m.start()])
        offs.extend(range(prev, m.start()))
        letters = _LIGATURES.get(m.group(0), "")
        parts.append(letters)
        offs.extend([m.start()] * len(letters))
        prev = m.end()
    parts.append(masked[prev:])
    offs.extend(range(prev, len(masked)))
    return "".join(parts), offs


def _plain(text: str) -> str:
    """Soft hyphens and zero-width characters dropped, ligatures spelled out, special
    hyphens plain (build does the same before its one pass)."""
    if not _ANY_PLAIN.search(text):
        return text
    return _PLAIN.sub(lambda m: _LIGATURES.get(m.group(0), ""), text)


def _join_break(m: re.Match) -> str:
    nxt = m.string[m.end()]
    return "-" if nxt.isupper() or nxt.isdigit() else ""


def normalise(fragment: str) -> str:
    """The normalised form of a fragment of original text (same rules as build, without
    the offsets: the extraction normalises every quoted span, so this runs hundreds of
    times per document; tests/test_textmap_normalise.py proves it equals build's text).

    Equivalent because build's scan meets a line-break hyphen exactly where re.sub's
    leftmost matching does (whitespace runs hold no hyphen, a break is followed by a
    word character), and ``\\s`` is ``str.isspace``."""
    text = _SPACE.sub(" ", _BREAK.sub(_join_break, _plain(mask_noise(fragment))))
    return text[text.startswith(" "):len(text) - text.endswith(" ")]


def cut(original: str, start: int, end: int) -> str:
    """The original characters [start, end), normalised: what a quote must equal.

    A slice that starts or ends inside a line is not a line there: a sentinel keeps the
    line-anchored masks (a margin line number "12   ", a page marker) from taking its edge
    for a line's start or end, as build, which sees the whole line, does not."""
    lead = start > 0 and original[start - 1] != "\n"
    trail = end < len(original) and original[end] != "\n"
    if not (lead or trail):
        return normalise(original[start:end])
    masked = mask_noise("\x00" * lead + original[start:end] + "\x00" * trail)
    text = _SPACE.sub(" ", _BREAK.sub(_join_break, _plain(masked[lead : len(masked) - trail])))
    return text[text.startswith(" "):len(text) - text.endswith(" ")]
