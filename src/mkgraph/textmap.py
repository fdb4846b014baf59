"""A normalised view of a PDF-extracted text that maps back to the original offsets.

PDF extraction hyphenates words across (blank) lines ("Unter-\\n\\nbringung") and
scatters whitespace. Matching works on a normalised text (hyphenation undone, every
run of whitespace one space); every character of it remembers the offset of the
original character it came from, so a match can be cut out of the original file again.
Offsets are Python string indices (Unicode code points) into the file as stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A word broken at a line end: "Unter-\n\nbringung" -> "Unterbringung". A capital
# after the break means a real compound hyphen ("Mecklenburg-\nVorpommern"): keep
# the hyphen, drop the break. A space before the line end ("Sprach- \nund") is a
# suspended hyphen and stays as it is.
_BREAK = re.compile(r"(?<=\w)-(?:\r?\n[ \t\u00a0]*)+(?=\w)")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class NormText:
    """Normalised text plus, for each of its characters, the original offset."""

    original: str
    text: str
    offsets: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the normalised slice [start, end)."""
        if not (0 <= start < end <= len(self.text)):
            raise ValueError(f"bad normalised span {start}..{end}")
        return self.offsets[start], self.offsets[end - 1] + 1

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
        from bisect import bisect_left

        return bisect_left(self.offsets, original_offset)


def build(original: str) -> NormText:
    out: list[str] = []
    offs: list[int] = []
    i = 0
    n = len(original)
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
            if out and j < n:  # no leading or trailing space
                out.append(" ")
                offs.append(i)
            i = j
            continue
        out.append(original[i])
        offs.append(i)
        i += 1
    return NormText(original, "".join(out), tuple(offs))


def normalise(fragment: str) -> str:
    """The normalised form of a fragment of original text (same rules as build)."""
    return build(fragment).text


def cut(original: str, start: int, end: int) -> str:
    """The original characters [start, end), normalised: what a quote must equal."""
    return normalise(original[start:end])
