"""Who and what a piece of German text mentions: actors, target groups, instruments, countries.

Driven by ``tables/lexicon.csv`` (type, key, regex on normalised text) plus the Länder's
spellings from ``tables/laender.csv``, so a new surface form is a table row, not code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from mkgraph.extract import together
from mkgraph.resources import tables
from mkgraph.tabledata import read

TYPES = ("actor", "target-group", "instrument", "country")

# The role column of lexicon.csv says whom a modal "X muss …" can be a demand on:
# "state" (levels of government and public authorities, every Land) and "body" (employers,
# manufacturers, school authorities, a working group: organisations asked to act); an
# empty role (society, the population, refugees) makes it an appeal.
ROLES = ("state", "body", "")


@dataclass(frozen=True)
class Entry:
    type: str
    key: str
    pattern: re.Pattern


@cache
def entries(folder: Path | None = None) -> tuple[Entry, ...]:
    folder = folder or tables()
    out = [Entry(r["type"], r["key"], re.compile(r["pattern"])) for r in read(folder / "lexicon.csv")]
    laender = folder / "laender.csv"
    if laender.is_file():
        for r in read(laender):
            names = [s for s in r.get("spellings", "").split("|") if len(s) > 2]  # "SH" would be noise
            if names:
                alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
                out.append(Entry("actor", r["iso"], re.compile(rf"\b(?:{alt})\b")))
    out.extend(_conference_entries(folder))
    return tuple(out)


def _conference_entries(folder: Path) -> list[Entry]:
    """Every conference of ``conferences.csv`` as an actor, by abbreviation, name and
    aliases: another conference can be an addressee ("bittet die JFMK …") or mentioned."""
    path = folder / "conferences.csv"
    if not path.is_file():
        return []
    out = []
    for r in read(path):
        names = [r["abbreviation"], r["name_de"], *r["aliases"].split("|")]
        names = [n for n in names if n]
        alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        out.append(Entry("actor", r["abbreviation"].lower(), re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])")))
    return out


@cache
def _roles(folder: Path | None = None) -> dict[str, str]:
    out: dict[str, str] = {}
    for r in read((folder or tables()) / "lexicon.csv"):
        role = r.get("role", "")
        if role not in ROLES:
            raise ValueError(f"lexicon.csv: unknown role {role!r} of {r['key']}")
        if r["type"] == "actor":
            out[r["key"]] = role
    conferences = (folder or tables()) / "conferences.csv"
    if conferences.is_file():
        for r in read(conferences):  # a conference is asked to act like an organisation
            out.setdefault(r["abbreviation"].lower(), "state" if r["abbreviation"] == "BR" else "body")
    return out


def is_state(key: str) -> bool:
    """A level of government or public authority (the Länder by ISO code included)."""
    return key.startswith("DE-") or _roles().get(key) == "state"


def is_addressable(key: str) -> bool:
    """An actor a demand can be made on: the state, or an organisation asked to act."""
    return is_state(key) or _roles().get(key) == "body"


STATE_ACTORS = frozenset(k for k, r in _roles().items() if r == "state")


def mentions(text: str, type_: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of every mention of the given type, in text order, no overlaps.

    Where two entries match overlapping text the longer match wins ("Länder" inside
    "die am Arbeitsmarkt wichtigen Akteure" cannot happen, but "Bund" vs a ministry can).
    """
    return list(_mentions(text, type_))


def forget() -> None:
    """Drop the remembered mentions (statements.extract: one document at a time)."""
    _mentions.cache_clear()
    _matches.cache_clear()


# the extraction asks for the same clause's actors up to three times (its heads, a
# dass-clause, the sentence's lead); remembered for one document, so a benchmark corpus
# that repeats sentences across texts gains nothing from it
@lru_cache(maxsize=4096)
def _mentions(text: str, type_: str) -> tuple[tuple[int, int, str], ...]:
    if type_ not in TYPES:
        raise ValueError(type_)
    hits = [h for h in _matches(text, type_) if h[1] > h[0]]
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0]), h[2]))
    kept: list[tuple[int, int, str]] = []
    for h in hits:
        if not kept or h[0] >= kept[-1][1]:
            kept.append(h)
    return tuple(kept)


@lru_cache(maxsize=4096)
def _matches(text: str, type_: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, key) of every match of every entry of the type, as each entry's
    ``finditer`` gives them. All entries run as one pattern (``together``): one scan of
    the text, then at each position where any entry matches, one match that says which;
    searching entry by entry was a third of the extraction's time."""
    found, any_of, joint = _of_type(type_)
    if joint is not None:
        starts = joint.starts(text)
        if not starts:  # most clauses name nothing of a type
            return ()
        hits = together.finditer_hits([h for pos in starts for h in joint.at(text, pos)])
        if hits is not None:
            return tuple((a, b, found[i].key) for i, a, b in hits)
    elif any_of.search(text) is None:
        return ()
    return _one_by_one(found, text)


def _one_by_one(found: tuple[Entry, ...], text: str) -> tuple[tuple[int, int, str], ...]:
    """Entry by entry: for entries that cannot be combined, or an empty match."""
    return tuple((m.start(), m.end(), e.key) for e in found for m in e.pattern.finditer(text))


@cache
def _of_type(type_: str) -> tuple[tuple[Entry, ...], re.Pattern, together.Together | None]:
    """The entries of a type, one pattern that matches where any of them matches, and
    the entries combined (None if they cannot be: then they are searched one by one)."""
    found = tuple(e for e in entries() if e.type == type_)
    any_of = re.compile("|".join(f"(?:{e.pattern.pattern})" for e in found) or "(?!)")
    return found, any_of, together.combine([e.pattern for e in found])


def keys(text: str, type_: str, before: int | None = None) -> tuple[str, ...]:
    """Distinct keys of the given type mentioned in text, in order of first mention;
    with ``before``, only mentions that start before that index (and may run past it)."""
    # no overlap suppression here: "Sprach- und Integrationskurse" names two instruments
    hits = sorted((a, k) for a, _, k in _matches(text, type_) if before is None or a < before)
    seen: dict[str, None] = {}
    for _, k in hits:
        seen.setdefault(k, None)
    return tuple(seen)


@cache
def _responsible(folder: Path | None = None) -> dict[str, str]:
    return {r["key"]: r["responsible"] for r in read((folder or tables()) / "lexicon.csv")
            if r["type"] == "instrument" and r.get("responsible")}


def responsible(instrument: str) -> str | None:
    """The actor an instrument belongs to by law ("Integrationskurse": the Bund), where
    the responsible column of lexicon.csv names one: an appeal about it is addressed there."""
    return _responsible().get(instrument)


def known(type_: str) -> frozenset[str]:
    """Every key of a type that the lexicon knows (used to check curation files)."""
    return frozenset(e.key for e in entries() if e.type == type_)
