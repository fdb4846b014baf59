"""Plain data passed between the pipeline steps (text -> structure -> statements -> graph).

All offsets are [start, end) Python string indices into the ORIGINAL source text.
Texts (``text``, ``quote``) are normalised (see textmap): de-hyphenated, whitespace
collapsed, so ``textmap.cut(original, start, end) == text``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # model is shared by every step; the type only annotates
    from mkgraph.text.textmap import NormText


@dataclass(frozen=True)
class Sentence:
    index: int  # 1-based within its paragraph
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    index: int  # 1-based within its part
    start: int
    end: int
    text: str
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Part:
    """A numbered point ("1"), a lettered action field ("a"), or another block.

    kind: "point" | "field" | "chapeau" (text between points and fields that introduces
    the fields) | "note" (Protokollnotiz, Begründung, Hinweis …).
    """

    kind: str
    number: str  # "3", "a", or a slug for chapeau/note ("1", "protokollnotiz")
    ordinal: int  # 1-based order among parts of the same kind
    start: int
    end: int
    text: str
    paragraphs: tuple[Paragraph, ...]
    title: str | None = None  # action fields and notes have titles
    title_span: tuple[int, int] | None = None
    action_field: str | None = None  # notation of the action-field concept (fields only)


@dataclass(frozen=True)
class Header:
    # Every field is optional: None is "the text does not state it" (never a guess).
    conference: str | None  # abbreviation as the conferences table spells it: "IntMK"
    session_number: int | None  # 12
    year: int | None  # 2017
    start_date: dt.date | None
    end_date: dt.date | None
    place: str | None
    top: str | None  # agenda id without "TOP": "2.1", "I 1"
    top_label: str | None  # as written: "TOP 2.1"
    document_type: str | None  # notation of the document-type concept: "leitantrag"
    title: str | None
    subtitle: str | None
    # actor keys: Länder as ISO codes ("DE-BW"); None = no applicants line, () = none named
    applicants: tuple[str, ...] | None
    decision_formula: str | None  # "Die IntMK hat mehrheitlich beschlossen:"
    vote: str  # notation of the vote-outcome concept: "unanimous" | "majority" | "unknown"
    vote_counts: str | None = None  # "13:1:2" where stated
    rapporteur: tuple[str, ...] = ()  # "Berichterstatter"/"BE:" actor keys ("bund", "DE-HH")
    # original spans of the header fields that were found, by field name
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class Document:
    name: str  # file stem: "intmk-2017-top-2-1"
    original: str
    norm: NormText
    header: Header
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class Statement:
    """One demand, offer, commitment … anchored to its exact characters.

    Actor keys: "bund", "laender", "kommunen", … (see tables/actors.csv), Länder by ISO
    code ("DE-BW"), the conference by its abbreviation in lower case ("intmk").
    """

    kind: str  # notation of the statement-kind concept: demand, appeal, offer, …
    start: int
    end: int
    quote: str
    speaker: str
    part: tuple[str, str]  # (kind, number) of the Part it stands in
    paragraph: int
    sentence: int
    addressees: tuple[str, ...] = ()
    no_addressee: bool = False  # a demand whose text names no addressee
    action_field: str | None = None
    target_groups: tuple[str, ...] = ()  # target-group concept notations
    instruments: tuple[str, ...] = ()  # instrument concept notations
    countries: tuple[str, ...] = ()  # ISO 3166-1 alpha-2 codes
    modality: str | None = None  # the cue: "fordert … auf", "muss", "sollte"
    mentioned: tuple[str, ...] = ()  # actors named in the quote that neither speak nor are addressed
    # the sentences that restrict it ("Ausgenommen sind …"): (part kind, part number, paragraph, sentence)
    restricted_by: tuple[tuple[str, str, int, int], ...] = ()
    produced_by: str = "rule"  # "rule" | "curation"
    rule: str | None = None  # rule id, for rule output
    confidence: float | None = None  # for rule output
