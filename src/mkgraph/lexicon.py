"""Who and what a piece of German text mentions: actors, target groups, instruments, countries.

Driven by ``tables/lexicon.csv`` (type, key, regex on normalised text) plus the Länder's
spellings from ``tables/laender.csv``, so a new surface form is a table row, not code.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from mkgraph.resources import tables

TYPES = ("actor", "target-group", "instrument", "country")

# Levels of government: a modal "X muss …" addressed to one of these is a demand on it;
# addressed to anyone else (society, refugees, employers) it is an appeal.
STATE_ACTORS = frozenset(
    {"bund", "bundesregierung", "bmi", "bmas", "bmg", "bmbf", "bmfsfj", "laender", "kommunen",
     "landkreise", "staat", "behoerden"}
)


@dataclass(frozen=True)
class Entry:
    type: str
    key: str
    pattern: re.Pattern


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


@cache
def entries(folder: Path | None = None) -> tuple[Entry, ...]:
    folder = folder or tables()
    out = [Entry(r["type"], r["key"], re.compile(r["pattern"])) for r in _read(folder / "lexicon.csv")]
    laender = folder / "laender.csv"
    if laender.is_file():
        for r in _read(laender):
            names = [s for s in r.get("spellings", "").split("|") if len(s) > 2]  # "SH" would be noise
            if names:
                alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
                out.append(Entry("actor", r["iso"], re.compile(rf"\b(?:{alt})\b")))
    return tuple(out)


def is_state(key: str) -> bool:
    return key in STATE_ACTORS or key.startswith("DE-")


def mentions(text: str, type_: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of every mention of the given type, in text order, no overlaps.

    Where two entries match overlapping text the longer match wins ("Länder" inside
    "die am Arbeitsmarkt wichtigen Akteure" cannot happen, but "Bund" vs a ministry can).
    """
    if type_ not in TYPES:
        raise ValueError(type_)
    hits = [
        (m.start(), m.end(), e.key)
        for e in entries()
        if e.type == type_
        for m in e.pattern.finditer(text)
        if m.end() > m.start()
    ]
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0]), h[2]))
    kept: list[tuple[int, int, str]] = []
    for h in hits:
        if not kept or h[0] >= kept[-1][1]:
            kept.append(h)
    return kept


def keys(text: str, type_: str) -> tuple[str, ...]:
    """Distinct keys of the given type mentioned in text, in order of first mention."""
    # no overlap suppression here: "Sprach- und Integrationskurse" names two instruments
    hits = sorted((m.start(), e.key) for e in entries() if e.type == type_ for m in e.pattern.finditer(text))
    seen: dict[str, None] = {}
    for _, k in hits:
        seen.setdefault(k, None)
    return tuple(seen)


def known(type_: str) -> frozenset[str]:
    """Every key of a type that the lexicon knows (used to check curation files)."""
    return frozenset(e.key for e in entries() if e.type == type_)
