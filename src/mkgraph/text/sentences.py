"""German sentence splitting on normalised text.

A period, "!" or "?" ends a sentence when whitespace and a capital letter, a digit or an
opening quote follow, unless the word before the period is an abbreviation (the
table ``tables/abbreviations.txt``, or a single letter such as the "B" of "z. B."),
an ordinal (one to three digits: "16. und 17. März", "12. Integrationsministerkonferenz",
an item number "1."), or the period stands inside „…“ quotes that close later.
"""

from __future__ import annotations

import re
from functools import cache

from mkgraph.resources import tables

_OPEN_CLOSE = {"„": "“”", "»": "«", "‚": "‘’"}
_CLOSERS = "“”«‘’\"')]"
_END = re.compile(r"[.!?]")
_NEXT = re.compile(r"[\"'“”«‘’)\]]*\s+(?=[A-ZÄÖÜ0-9„»‚\"(\[])")


@cache
def abbreviations() -> tuple[str, ...]:
    lines = (tables() / "abbreviations.txt").read_text(encoding="utf-8").splitlines()
    return tuple(s.strip() for s in lines if s.strip() and not s.lstrip().startswith("#"))


@cache
def _abbrev_re() -> re.Pattern[str]:
    # "z. B." also matches "z.B." and "z.  B.": each inner space is optional.
    alts = sorted(abbreviations(), key=len, reverse=True)
    body = "|".join(r"\.\s*".join(re.escape(t) for t in a.rstrip(".").split(". ")) + r"\." for a in alts)
    return re.compile(r"(?<![\w.])(?:" + body + r")$")


def _no_break_before(text: str, dot: int) -> bool:
    """True when the period at ``dot`` belongs to an abbreviation or an ordinal."""
    if text[dot] != ".":
        return False
    head = text[max(0, dot - 24) : dot + 1]
    if _abbrev_re().search(head):
        return True
    word = re.search(r"(\S*)\.$", head)
    token = word.group(1) if word else ""
    token = token.lstrip("(„\"'»")
    if len(token) == 1 and token.isalpha():
        return True
    return bool(re.fullmatch(r"\d{1,3}", token))


def _quote_ranges(text: str) -> list[tuple[int, int]]:
    """[open, close) of every „…“ quote that closes within the text."""
    ranges = []
    i = 0
    # str.find instead of a loop per character (most paragraphs quote nothing); an opener
    # whose closers no longer occur is dropped, so unclosed quotes cost no rescans
    at = {c: text.find(c) for c in _OPEN_CLOSE}
    openers = [c for c in _OPEN_CLOSE if at[c] >= 0]
    while openers:
        for c in openers:
            if at[c] < i:  # each kind's next opener, found again only once passed
                at[c] = text.find(c, i)
        openers = [c for c in openers if at[c] >= 0]
        if not openers:
            break
        c = min(openers, key=at.get)
        o = at[c]
        ends = [k for k in (text.find(x, o + 1) for x in _OPEN_CLOSE[c]) if k >= 0]
        if ends:
            ranges.append((o, min(ends)))
            i = min(ends) + 1
        else:
            openers.remove(c)
            i = o + 1
    return ranges


def split(text: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence of a normalised text, no outer whitespace."""
    quotes = _quote_ranges(text)
    bounds: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        i = m.start()
        if any(a < i and i + 1 < b for a, b in quotes):  # a period right before the closer may end it
            continue
        nxt = _NEXT.match(text, i + 1)
        if not nxt or _no_break_before(text, i):
            continue
        # closing quotes/brackets right after the period belong to this sentence
        end = i + 1
        while end < len(text) and text[end] in _CLOSERS:
            end += 1
        bounds.append((start, end))
        start = nxt.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return [(a, b) for a, b in (_strip(text, a, b) for a, b in bounds) if a < b]


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b
