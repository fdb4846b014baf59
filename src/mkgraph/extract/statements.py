"""Rule-based statement extraction: every demand, offer, commitment … as its own statement.

The rules live in ``tables/cues.csv``, one row per cue, in priority order: each clause
of a sentence yields at most one statement, from the first cue that matches it (so
"wobei sich das Regelwerk allerdings noch in der Praxis beweisen muss" is criticism, not
an appeal because of "muss"). Rows say how the speaker and the addressee are found:

- speaker: ``conference`` | ``subject`` (the first actor before the cue, else the conference)
  | ``cue`` (the actor inside the cue: "Bereitschaft der Länder")
- addressee: ``none`` | ``gap`` (actors inside the cue's gap: "fordert den Bund auf")
  | ``object`` (actors after the cue up to the next comma) | ``after`` (up to the clause's
  end) | ``subject`` (actors before the cue; "Er …" refers back to the last addressee)
- fallback_kind: the kind to use when nobody a demand can be made on is addressed (a
  modal "muss" aimed at society is an appeal, not a demand; see lexicon.is_addressable)
- split: ``infinitives`` cuts "fordert X auf, A zu tun und B zu tun" into one statement per
  infinitive clause, each anchored to its own words.

Matching runs on the normalised text; every span maps back to the original with
``NormText.span``, so ``textmap.cut(doc.original, st.start, st.end) == st.quote``.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from mkgraph.extract import lexicon, together
from mkgraph.model import Document, Part, Statement
from mkgraph.resources import tables
from mkgraph.errors import InputError
from mkgraph.tabledata import read

SPEAKER_MODES = ("conference", "subject", "cue")
ADDRESSEE_MODES = ("none", "gap", "object", "after", "subject")


@dataclass(frozen=True)
class Cue:
    rule: str
    kind: str
    pattern: re.Pattern
    modality: str  # fixed modality text, or "" to take it from the match
    confidence: float
    speaker: str
    addressee: str
    fallback_kind: str
    split: str


@cache
def cues(folder: Path | None = None) -> tuple[Cue, ...]:
    path = (folder or tables()) / "cues.csv"
    out = []
    for row in read(path):
        cue = Cue(
            rule=row["rule"],
            kind=row["kind"],
            pattern=re.compile(row["pattern"]),
            modality=row["modality"] or "",
            confidence=float(row["confidence"]),
            speaker=row["speaker"],
            addressee=row["addressee"],
            fallback_kind=row["fallback_kind"] or "",
            split=row["split"] or "",
        )
        if cue.speaker not in SPEAKER_MODES or cue.addressee not in ADDRESSEE_MODES:
            raise InputError(str(path), f"rule {cue.rule}: bad speaker/addressee mode")
        out.append(cue)
    return tuple(out)


# Clause boundaries inside a sentence. A semicolon ends a clause; "…, wobei …" starts a
# new (usually qualifying) one; a leading concessive ("Auch wenn …,") is its own clause.
_BOUNDARY = re.compile(r";\s+|,\s+(?=wobei\b)")
_CONCESSIVE = re.compile(r"^(?:Auch wenn|Obwohl|Wenngleich|Wenn auch)\b[^,]*(,\s+)")
_TRAIL = ".,;: "
# The end of a zu-infinitive clause: "bereitzustellen", "zuzulassen", "zu schaffen".
_ZU_END = re.compile(r"(?:\bzu \w+n|\w+zu\w+n)$")
_ZU_ANY = re.compile(r"\bzu \w+n\b|\w+zu\w+n\b")
_BACKREF = re.compile(r"^(?:Er|Sie|Dieser|Diese)\b")
# "daß" in the spelling before 1996
_DASS = re.compile(r"^\s*,\s*da(?:ss|ß)\s+")
_NOUN_GENITIVE = re.compile(r"\b[A-ZÄÖÜ][a-zäöüß]+\s+(?:der|des)\s+$")
_DASS_INSIDE = re.compile(r",\s*da(?:ss|ß)\s+")
_OBJ_PRONOUN = re.compile(r"^\s*(?:ihn|ihm|sie|diese[nms]?)\b(?!\s+\w+\s+(?:der|des)\b)")


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] == " ":
        a += 1
    while b > a and text[b - 1] in _TRAIL:
        b -= 1
    return a, b


def clauses(text: str) -> list[tuple[int, int]]:
    """[start, end) spans of the clauses of a normalised sentence, trailing punctuation off."""
    cuts = [0]
    m = _CONCESSIVE.match(text)
    if m:
        cuts.append(m.end())
    cuts += [b.end() for b in _BOUNDARY.finditer(text) if b.end() > cuts[-1]]
    cuts.append(len(text))
    spans = [_trim(text, a, b) for a, b in zip(cuts, cuts[1:])]
    return [(a, b) for a, b in spans if b > a]


def infinitive_segments(clause: str, after: int) -> list[tuple[int, int]]:
    """Split a clause after position ``after`` at each "und" that ends a zu-infinitive.

    "fordert den Bund auf, A bereitzustellen und B zuzulassen und C zu schaffen" gives
    three spans; the first keeps the cue. An "und" inside a noun phrase ("Sprach- und
    Integrationskurse") does not end an infinitive and is left alone.
    """
    cuts, last = [0], after
    for m in re.finditer(r" und ", clause[after:]):
        p = after + m.start()
        if _ZU_END.search(clause[last:p]) and _ZU_ANY.search(clause[p + 5 :]):
            cuts.append(p)
            last = p + 5
    spans, start = [], 0
    for c in cuts[1:]:
        spans.append(_trim(clause, start, c))
        start = c + 5
    spans.append(_trim(clause, start, len(clause)))
    return [(a, b) for a, b in spans if b > a]


@cache
def _joint(folder: Path | None = None) -> together.Together | None:
    """Every cue as one pattern (``together``), or None when they cannot be combined."""
    return together.combine([c.pattern for c in cues(folder)])


def first_cue(clause: str) -> tuple[Cue, re.Match] | None:
    """The first cue in table order that matches anywhere in the clause, and its leftmost
    match (what searching cue by cue gives)."""
    joint = _joint()
    if joint is None:
        return _first_cue_one_by_one(clause)
    # one scan finds where any cue matches (two clauses in three: nowhere); at each such
    # position one match says which cues match there, so the earliest position of the
    # first cue in table order is its leftmost match
    first: dict[int, int] = {}
    for pos in joint.starts(clause):
        for i, _, _ in joint.at(clause, pos):
            first.setdefault(i, pos)
    if not first:
        return None
    i = min(first)
    cue = cues()[i]
    return cue, cue.pattern.match(clause, first[i])


def _first_cue_one_by_one(clause: str) -> tuple[Cue, re.Match] | None:
    for cue in cues():
        m = cue.pattern.search(clause)
        if m:
            return cue, m
    return None


def modality(cue: Cue, m: re.Match) -> str:
    if cue.modality:
        return cue.modality
    groups = m.groupdict()
    if groups.get("cue"):
        return groups["cue"]
    if "gap" in groups and groups["gap"] is not None:
        before = m.string[m.start() : m.start("gap")].strip()
        after = m.string[m.end("gap") : m.end()].strip()
        return f"{before} … {after}" if groups["gap"].strip() else f"{before} {after}"
    return m.group(0)


def _speaker(cue: Cue, m: re.Match, clause: str, conference: str) -> str:
    if cue.speaker == "subject":
        found = lexicon.keys(clause[: m.start()], "actor")
    elif cue.speaker == "cue":
        found = lexicon.keys(m.group(0), "actor")
    else:
        found = ()
    return found[0] if found else conference


def _addressees(cue: Cue, m: re.Match, clause: str, previous: tuple[str, ...]) -> tuple[str, ...]:
    mode = cue.addressee
    if mode == "gap":
        window = m.group("gap")
    elif mode == "object":
        # the object ends at the next comma, but a name may hold commas ("Bundesministerium
        # für Umwelt, Naturschutz und …"): take the actors whose mention starts before it.
        # "hält es für erforderlich, dass der Bund …": the object is the dass-clause subject.
        rest = clause[m.end() :]
        dass = _DASS.match(rest)
        if dass or re.search(r"\bda(?:ss|ß)$", m.group(0)):
            return _dass_subject(rest[dass.end() :] if dass else rest)
        comma = rest.find(",")
        named = _heads(rest, comma if comma >= 0 else None)
        if not named and _SHORT_MINISTRY.match(rest):
            # "Sie bittet das Bundesministerium außerdem, …": the short form stands for the
            # ministry addressed last
            return tuple(k for k in previous if _is_ministry(k))[:1]
        if not named and _OBJ_PRONOUN.match(rest):
            # "nimmt den Bericht des AK II zur Kenntnis und beauftragt ihn, …": the pronoun
            # stands for the last actor the clause named before the cue
            before = [k for k in _heads(clause[: m.start()]) if k not in _conference_keys()]
            return tuple(before[-1:])
        if comma >= 0 and _DASS.match(rest[comma:]) and set(named) <= _conference_keys():
            # "erwartet die JFMK, dass der Bund …": the subject stands after the verb, and
            # the one asked to act opens the dass-clause
            return _dass_subject(rest[comma + _DASS.match(rest[comma:]).end() :])
        return named
    elif mode == "after":
        # "fordert eine stärkere Beteiligung der Länder": the Länder in the genitive of a noun
        # are the conference's own side, not who is asked ("… des Bundes" is: it is to pay)
        rest = clause[m.end() :]
        heads = _heads(rest)
        return tuple(k for a, _, k in lexicon.mentions(rest, "actor") if k in heads
                     and not (k == "laender" and _NOUN_GENITIVE.search(rest[max(0, a - 40) : a])))
    elif mode == "subject":
        window = clause[: m.start()]
        if not lexicon.keys(window, "actor") and _BACKREF.match(window):
            return previous  # "Er sollte weiterhin …" continues with the last addressee
        dass = list(_DASS_INSIDE.finditer(window))
        if dass:
            # "bekräftigt, dass junge Menschen … in den Kommunen beteiligt werden müssen": the
            # cue stands in the dass-clause, whose subject alone is asked, not an actor named
            # in passing ("in den Kommunen") or the main clause's speaker
            return _dass_subject(window[dass[-1].end() :])
        return _heads(window)
    else:
        return ()
    return lexicon.keys(window, "actor")


# a ministry named by its kind only, after it was named in full
_SHORT_MINISTRY = re.compile(r"^\s*(?:das|dem)\s+(?:Bundes)?[Mm]inisterium\b(?!\s+(?:für|des|der)\b)")


@cache
def _is_ministry(key: str) -> bool:
    from mkgraph.tabledata import rows

    return any(r["key"] == key and r["label_de"].startswith("Bundesministerium") for r in rows("actors.csv"))


@cache
def _conference_keys() -> frozenset[str]:
    from mkgraph.tabledata import rows

    return frozenset(r["abbreviation"].lower() for r in rows("conferences.csv"))


@cache
def _asks() -> dict[str, str]:
    """Conference key -> whom its demands go to when they name no one (conferences.csv)."""
    from mkgraph.tabledata import rows

    return {r["abbreviation"].lower(): r["asks"] for r in rows("conferences.csv") if r.get("asks")}


# "die Amtschefinnen und Amtschefs der Länder": an actor in the genitive of another names
# whose it is, not a second addressee
_GENITIVE = re.compile(r"^\s*(?:der|des)\s+$")
_ONLY_MENTIONED = re.compile(
    r"\b(?:im Auftrag|in Abstimmung mit|gemeinsam mit|zusammen mit|unter Einbeziehung|unter Beteiligung"
    r"|mit Unterstützung|in Zusammenarbeit mit|im Einvernehmen mit|nach Anhörung|auf Initiative|auf Anregung)"
    r"\s+(?:(?:der|des|dem|den|von|vom)\s+)?$"
)
_COORDINATION = re.compile(r"^\s*(?:,|und|sowie|oder|bzw\.)\s*(?:(?:der|die|das|den|dem|des)\s+)?$")


def _heads(window: str, before: int | None = None) -> tuple[str, ...]:
    """The actors a noun phrase names, without those that only qualify another
    ("der Länder" after "die Amtschefinnen und Amtschefs")."""
    found = lexicon.mentions(window, "actor")
    out: list[str] = []
    prev_end = None
    for a, b, key in found:
        if before is not None and a >= before:
            break
        if prev_end is not None and _GENITIVE.match(window[prev_end:a]) and key in ("laender", "bund"):
            prev_end = b
            continue
        if _ONLY_MENTIONED.search(window[max(0, a - 40) : a]):
            prev_end = b
            continue  # "im Auftrag der IntMK", "in Abstimmung mit dem BMG": named, not addressed
        if key not in out:
            out.append(key)
        prev_end = b
    return tuple(out)


# a preposition (with its article) before an actor makes it an adverbial, not the subject;
# not "durch"/"von", which name the agent of a passive ("dass durch den Bund … wird")
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|im|an|am|auf|bei|beim|für|mit|zu|zur|zum|aus|nach|über|unter|gegen|ohne|um|gegenüber)\s+"
    r"(?:(?:der|die|das|den|dem|des|einer|einem|einen|eine|allen|alle)\s+)?$"
)


def _dass_subject(rest: str) -> tuple[str, ...]:
    """The subject of a dass-clause: the actors that open it ("dass der Bund …", "dass Bund
    und Länder …"), not those named further on."""
    found = lexicon.mentions(rest, "actor")
    out: list[str] = []
    prev_end = 0
    for a, b, key in found:
        gap = rest[prev_end:a]
        if not out and (a > 40 or re.search(r"[,;]", gap) or _PREPOSITION_BEFORE.search(gap)):
            break  # "dass junge Menschen in den Kommunen …": after a preposition, no subject
        if out and not _COORDINATION.match(gap):
            break
        if key not in out:
            out.append(key)
        prev_end = b
    return tuple(out)


def _sentence_statements(
    doc: Document, part: Part, paragraph: int, sentence: int, start: int, end: int,
    previous: tuple[str, ...],
) -> list[Statement]:
    conference = (doc.header.conference or "").lower()
    ns, ne = doc.norm.norm_index(start), doc.norm.norm_index(end)
    text = doc.norm.text[ns:ne]
    out: list[Statement] = []
    for a, b in clauses(text):
        clause = text[a:b]
        hit = first_cue(clause)
        if hit is None:
            continue
        cue, m = hit
        speaker = _speaker(cue, m, clause, conference)
        addressees = tuple(k for k in _addressees(cue, m, clause, previous) if k not in (speaker, conference))
        kind = cue.kind
        if cue.fallback_kind and not any(lexicon.is_addressable(k) for k in addressees):
            kind = cue.fallback_kind
        if kind == "demand" and not addressees and speaker == conference:
            # the Bundesrat's "bittet, im weiteren Gesetzgebungsverfahren zu prüfen" asks the
            # federal government, to whom its opinions go by procedure (conferences.csv: asks)
            asked = _asks().get(conference)
            if asked:
                addressees = (asked,)
        if kind == "appeal" and not addressees:
            # "Dazu ist ein Zugang zu Integrationskursen nötig": the courses' owner is asked
            owners = {lexicon.responsible(i) for i in lexicon.keys(clause, "instrument")} - {None}
            if len(owners) == 1:
                addressees = tuple(owners)
        segments = infinitive_segments(clause, m.end()) if cue.split == "infinitives" else [(0, len(clause))]
        for sa, sb in segments:
            seg = clause[sa:sb]
            o_start, o_end = doc.norm.span(ns + a + sa, ns + a + sb)
            out.append(
                Statement(
                    kind=kind,
                    start=o_start,
                    end=o_end,
                    quote=seg,
                    speaker=speaker,
                    part=(part.kind, part.number),
                    paragraph=paragraph,
                    sentence=sentence,
                    addressees=addressees,
                    no_addressee=kind == "demand" and not addressees,
                    action_field=part.action_field,
                    target_groups=lexicon.keys(seg, "target-group"),
                    instruments=lexicon.keys(seg, "instrument"),
                    countries=lexicon.keys(seg, "country"),
                    modality=modality(cue, m),
                    mentioned=tuple(k for k in _heads(seg) if k not in addressees and k not in (speaker, conference)),
                    produced_by="rule",
                    rule=cue.rule,
                    confidence=cue.confidence,
                )
            )
        if addressees:
            previous = addressees
    return out


# a sentence that narrows what the statement before it says
_QUALIFIER = re.compile(
    r"^(?:(?:Davon |Hiervon |Hierbei |Dabei )?[Aa]usgenommen (?:sind|ist|davon|hiervon|bleiben)\b"
    r"|(?:Dies|Das|Diese Regelung|Dieses) gilt (?:nicht|nur|ausschließlich|jedoch nicht)\b"
    r"|Ausnahmen (?:gelten|sind)\b)"
)


def extract(doc: Document) -> list[Statement]:
    """Every statement the cue rules find, sorted by (start, end, kind); a qualifying
    sentence ("Ausgenommen sind …") is linked to the statement it restricts."""
    lexicon.forget()
    out: list[Statement] = []
    for part in doc.parts:
        if part.kind == "note" and str(part.number).startswith("protokoll"):
            # a Protokollerklärung/-notiz is what single Länder declare beside the decision
            # ("Bayern und Sachsen fordern die Bundesregierung auf, …"), not the conference
            continue
        last: int | None = None  # index in out of the part's latest statement
        for para in part.paragraphs:
            previous: tuple[str, ...] = ()  # last named addressee, for "Er …" back-references
            for sent in para.sentences:
                found = _sentence_statements(doc, part, para.index, sent.index, sent.start, sent.end, previous)
                if not found and last is not None and _QUALIFIER.match(sent.text):
                    st = out[last]
                    where = (part.kind, part.number, para.index, sent.index)
                    out[last] = dataclasses.replace(st, restricted_by=st.restricted_by + (where,))
                # "Der Bund hat zugesagt, … . Er wird gebeten, …": the actor a sentence opens
                # with is what a pronoun in the next one refers to, unless a statement addressed
                # someone else
                lead = lexicon.mentions(sent.text[:40], "actor")
                if lead and lead[0][0] <= 8 and lead[0][2] != (doc.header.conference or "").lower():
                    previous = (lead[0][2],)
                for st in found:
                    if st.addressees:
                        previous = st.addressees
                out.extend(found)
                if found:
                    last = len(out) - 1
    return sorted(out, key=lambda s: (s.start, s.end, s.kind))
