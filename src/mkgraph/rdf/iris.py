"""The IRI scheme: every resource IRI is derived from content, never from a shifting counter.

Terms live under the fixed ontology namespace (``mk:``); resources live under a
configurable base (default ``https://w3id.org/mkgraph/``) + ``id/``. See docs/model.md.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from rdflib import URIRef

from mkgraph.slug import slug

DEFAULT_BASE = "https://w3id.org/mkgraph/"


@dataclass(frozen=True)
class Iris:
    """Builds resource IRIs under one base."""

    base: str = DEFAULT_BASE

    def __post_init__(self):
        if not re.match(r"^https?://[^\s<>\"{}|\\^`]+/$", self.base):
            from mkgraph.errors import InputError

            raise InputError("--base", f"{self.base!r} is not an http(s) IRI ending in '/'")

    def _id(self, *segments: str) -> URIRef:
        return URIRef(self.base + "id/" + "/".join(segments))

    # documents and their parts
    def resolution(self, conference: str | None, year: int | str | None, top: str | None, key: str = "") -> URIRef:
        """``…/resolution/<conference>/<year>/top-<agenda id>``. What the text does not state
        reads "unknown" (conference) and "undated" (year); a decision without an agenda id
        (a Bundesrat or MPK decision) is ``decision-`` and 8 hex digits of the SHA-256 of
        ``key`` (its title, or its opening words), so the IRI still follows from the text."""
        last = "top-" + slug(top) if top else "decision-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]
        return self._id("resolution", slug(conference) if conference else "unknown",
                        str(year) if year else "undated", last)

    def source(self, name: str) -> URIRef:
        return self._id("source", slug(name))

    @staticmethod
    def child(parent: URIRef, *segments: str) -> URIRef:
        return URIRef(str(parent) + "/" + "/".join(segments))

    def statement(self, resolution: URIRef, kind: str, start: int, end: int) -> URIRef:
        return self.child(resolution, "statement", f"{kind}-{start}-{end}")

    @staticmethod
    def anchor(thing: URIRef) -> URIRef:
        return URIRef(str(thing) + "/anchor")

    # organisations and people
    def conference(self, abbreviation: str) -> URIRef:
        return self._id("conference", slug(abbreviation))

    def session(self, abbreviation: str, number: int) -> URIRef:
        return self._id("conference", slug(abbreviation), "session", str(number))

    def actor(self, key: str) -> URIRef:
        return self._id("actor", slug(key))

    def land(self, iso: str) -> URIRef:
        return self._id("land", iso.upper())

    def country(self, iso2: str) -> URIRef:
        return self._id("country", iso2.upper())

    # controlled vocabularies
    def scheme(self, name: str) -> URIRef:
        return self._id("scheme", slug(name))

    def concept(self, scheme: str, notation: str) -> URIRef:
        return self._id("concept", slug(scheme), slug(notation))

    # provenance
    def activity(self, *segments: str) -> URIRef:
        return self._id("activity", *[slug(s) for s in segments])

    def dataset(self) -> URIRef:
        return self._id("dataset", "mkgraph")
