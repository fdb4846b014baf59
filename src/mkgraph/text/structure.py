"""Recognise the structure of a resolution text: header, parts, paragraphs, sentences.

``parse(name, text)`` returns a ``model.Document`` whose every part, paragraph and
sentence carries original [start, end) offsets with ``textmap.cut(text, start, end) ==
.text``. The body after the decision formula is cut into parts at markers found at line
starts: numbered points "1." (and, when points run together in one paragraph, at "… . 2.
Die" inside a line), lettered fields "a)", notes ("Protokollnotiz", "Begründung:",
"Hinweis:"). Numbers and letters must follow in sequence, which keeps ordinals ("16. und
17. März") and sub-lists from being taken for parts. Text before the first marker, and a
blank-line separated closing paragraph of the last point that ends with ":" and
introduces the fields, are chapeau parts.

Paragraphs: the PDF text puts a blank line after every line, so a paragraph ends where
there is more blank space than usual between lines, before a dash bullet, or after a line
that ends a sentence and is so short that the next line's first word would have fitted.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from mkgraph.text import sentences, textmap
from mkgraph.errors import InputError
from mkgraph.text.header import (
    Line, _heading_like, agenda_line, formula_candidates, has_formula, layout_lines_between, lines_of, parse_header,
    typical_gap,
)
from mkgraph.slug import slug
from mkgraph.model import Document, Paragraph, Part, Sentence
from mkgraph.tabledata import rows
from mkgraph.text.sourcefile import read_source
from mkgraph.text.textmap import NormText

__all__ = ["parse", "parse_all", "read_source", "note_kind"]

# "1.", also "1)" and "(1)" (a draft's or a law's numbering; "(1)" alone on a line is a
# mirror's page mark, masked before lines are read)
_POINT = re.compile(r"^(?:(\d{1,2})\.|\((\d{1,2})\)|(\d{1,2})\))(?=\s+[^\sa-zäöüß]|$)")
# the label a point's text starts after
_POINT_LABEL = re.compile(r"\(?(?:\d{1,3}|[IVX]{1,4})[.)]")
_ROMAN_POINT = re.compile(r"^(X{0,1}(?:IX|IV|V?I{0,3}))\.(?=\s+[^\sa-zäöüß]|$)")
_BULLET_POINT = re.compile(r"^([•▪●◦]|[-–—](?=\s))")
_ROMAN = {r: i for i, r in enumerate("I II III IV V VI VII VIII IX X XI XII XIII XIV XV".split(), 1)}
# (a transcript mirror puts its page number before a page's first point: "… abzustimmen. 2 4. Die")
_POINT_INLINE = re.compile(r"(?<=[.!?:;“”])\s+(?:\d{1,3}\s+)?(\d{1,2})\.\s+(?=[A-ZÄÖÜ„])")
_FIELD = re.compile(r"^\(?([a-z])\)(?=\s|$)")
_NOTE = re.compile(r"^(Protokollnotiz|Protokollerklärung|Begründung|Hinweis|Erläuterung)\b")
# a declaration of single Länder announced in a sentence: "Baden-Württemberg gibt folgende
# Protokollerklärung ab:", "Bayern und Sachsen erklären zu Protokoll:" (group 1: the kind)
_NOTE_GIVEN = re.compile(
    r"^[A-ZÄÖÜ][\w.-]*(?:,?\s+(?:und\s+)?[A-ZÄÖÜ][\w.-]*){0,5}\s+"
    r"(?:gib(?:t|en)\s+(?:die\s+)?(?:folgende|eine|nachstehende)\s+(Protokollnotiz|Protokollerklärung)\s+ab\b"
    r"|(?:erklär(?:t|en)|gib(?:t|en))\s+zu(?:m)?\s+(Protokoll)\b)"
)
_BULLET = re.compile(r"^[-–—•]\s+")
_SENTENCE_END = re.compile(r"[.!?:][“”\"')]*$")
# a point's label with a short heading on its line ("II. Erwartungen an den Bund", "1. Ausgangslage")
_SUB_LABEL = re.compile(r"\d{1,2}\.\d{1,2}\.?\s")  # "1.1 Die UMK …" under "1. Grundsätze"
_LABEL_HEADING = re.compile(r"^(?:[IVX]{1,4}\.|\d{1,2}\.(?:\d{1,2}\.?)?)\s+(\S.*)$")


@dataclass(frozen=True)
class _Marker:
    kind: str  # point | field | note
    number: str
    start: int  # original offset of the label
    style: str = ""  # how a point is numbered: "1.", "(1)", "1)", "I.", a bullet


def parse_all(name: str, text: str, conference: str | None = None, top: str | None = None) -> list[Document]:
    """The resolutions of one file: one Document per agenda item that has its own decision.

    A protocol holding several TOPs is cut at the agenda-id lines that are followed by a
    decision formula before the next one. Each TOP is parsed on a view of the text: the
    shared header (conference, dates), the newlines of the TOPs before it (so the line
    gaps stay as they are) and the TOP itself; the offsets found there are shifted back,
    so every offset is an offset into the original file. (The view used to be the whole
    text with the other TOPs blanked: the same lines and normalised text, but every TOP
    then cost the length of the protocol — 300 TOPs of 2 MB did not finish in 10 min.)
    """
    textmap.forget()  # the lines of one text are remembered while it is parsed, not longer
    sections, norm, lines = _sections(name, text)
    if len(sections) <= 1:  # the whole text: its normalised form and lines are reused
        return [_parse(name, text, norm, lines, conference, top)]
    head_end = sections[0][0]
    docs = []
    # the newlines between the header and a TOP only make its first line's gap (the
    # newlines before it); past this many that gap is larger than any other and than every
    # threshold it is compared with (typical gap x layout lines + 1), so the same Document
    # comes out, and the views do not grow with the TOPs before them
    cap = max(ln.gap for ln in lines) * (len(textmap.noise_spans(text)) + 2) + 1
    newlines, last = 0, head_end
    for a, b in sections:
        newlines += text.count("\n", last, a)
        last = a
        k = min(newlines, cap)
        view = text[:head_end] + "\n" * k + text[a:b]
        at = head_end + k  # where the TOP begins in the view
        doc = _parse(name, view, textmap.build(view), lines_of(view), conference, None, at)
        docs.append(_shifted(doc, text, at, a - at))
    return docs


def _shifted(doc: Document, text: str, at: int, by: int) -> Document:
    """doc parsed on a view, its offsets from view offset ``at`` on moved ``by``, on text."""
    def o(p: int) -> int:
        return p + by if p >= at else p

    def span(sp):
        return None if sp is None else (o(sp[0]), o(sp[1]))

    header = replace(doc.header, spans={k: span(v) for k, v in doc.header.spans.items()})
    parts = tuple(replace(
        p, start=o(p.start), end=o(p.end), title_span=span(p.title_span),
        paragraphs=tuple(replace(g, start=o(g.start), end=o(g.end), sentences=tuple(
            replace(st, start=o(st.start), end=o(st.end)) for st in g.sentences)) for g in p.paragraphs),
    ) for p in doc.parts)
    norm = NormText(text, doc.norm.text, array("i", (o(p) for p in doc.norm.offsets)))
    return Document(name=doc.name, original=text, norm=norm, header=header, parts=parts)


def _sections(name: str, text: str) -> tuple[list[tuple[int, int]], NormText, list[Line]]:
    """Original [start, end) of each agenda item with its own decision formula (and the
    normalised text and lines they were found in)."""
    if not text.strip():
        raise InputError(name, "empty text")
    norm = textmap.build(text)
    lines = lines_of(text)
    starts = [_section_start(norm, lines, k) for k, ln in enumerate(lines) if agenda_line(ln.text)]
    ends = starts[1:] + [len(lines)]
    keep = [(lines[a].start, lines[b - 1].end if b < len(lines) else len(text))
            for a, b in zip(starts, ends) if has_formula(norm, lines, a, b)]
    # an item runs up to the next kept item (a TOP line without a decision stays inside)
    return [(a, keep[i + 1][0] if i + 1 < len(keep) else len(text)) for i, (a, _) in enumerate(keep)], norm, lines


def _section_start(norm: NormText, lines: list[Line], k: int) -> int:
    """The first line of the agenda item whose id is on line k: a "Beschluss" heading right
    before the id belongs to it ("Beschluss" ⏎ "TOP I 1 …")."""
    while k > 0 and formula_candidates(norm, lines, k - 1, k) and len(lines[k - 1].text) < 60:
        k -= 1
    return k


def parse(name: str, text: str, conference: str | None = None, top: str | None = None) -> Document:
    """The Document of one resolution text; InputError naming the first missing element.

    ``conference`` and ``top`` are used only where the text names no conference or agenda id.
    """
    if not text.strip():
        raise InputError(name, "empty text")
    return _parse(name, text, textmap.build(text), lines_of(text), conference, top)


def _parse(name: str, text: str, norm: NormText, lines: list[Line], conference: str | None,
           top: str | None, section: int = 0) -> Document:
    if not norm.text:
        raise InputError(name, "empty text")
    gap = typical_gap(lines)
    header, body_start = parse_header(name, norm, lines, gap, conference, top, section)
    body = _drop_footnotes(text, _body_lines(text, lines, body_start, header.spans.get("vote_result")))
    parts = _parts(text, norm, body, gap, _width(body))
    return Document(name=name, original=text, norm=norm, header=header, parts=tuple(parts))


# ---------------------------------------------------------------- body lines


def _body_lines(text: str, lines: list[Line], after: int, skip: tuple[int, int] | None) -> list[Line]:
    """Lines after the decision formula, the first one clipped; a vote-count line in the
    body dropped, every line of it where it runs over several ("BW ja, … ⏎ SN nein, …")
    (one before the formula is only clipped: a mirror's page in one line)."""
    out = []
    for ln in lines:
        if ln.end <= after or (skip and skip[0] >= after and ln.start < max(skip[1], skip[0] + 1) and skip[0] < ln.end):
            continue
        if ln.start < after:
            # "Beschluss: einstimmig": the result that ends the formula's line is no body text
            a = skip[1] if skip and skip[0] < after < skip[1] else after
            while a < ln.end and text[a].isspace():
                a += 1
            if a == ln.end:
                continue
            ln = Line(a, ln.end, ln.gap, textmap.normalise(text[a : ln.end]))
        out.append(ln)
    return out


# a footnote block: a rule line ("____________"), then lines that open with a footnote mark
# ("1 Vgl. …", "¹ BGH …", "2) BT-Drs. …", "* …") and their wrapped continuations
_FOOTNOTE_RULE = re.compile(r"^(?:_{3,}|-{10,}|[—–]{3,})$")
_FOOTNOTE = re.compile(r"^(?:\d{1,2}\)?|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2}|\*{1,3})\s+\S")


def _drop_footnotes(text: str, lines: list[Line]) -> list[Line]:
    """The body lines without footnote blocks: a footnote is no part of the decision (its
    "1 Vgl. …" would join the last point's sentence, its dates and names with it)."""
    out: list[Line] = []
    k = 0
    while k < len(lines):
        t = text[lines[k].start : lines[k].end].strip()
        if _FOOTNOTE_RULE.match(t) and k + 1 < len(lines) and _FOOTNOTE.match(lines[k + 1].text):
            k += 1
            while k < len(lines) and (_FOOTNOTE.match(lines[k].text) or (
                    lines[k].gap == 1 and not _POINT.match(lines[k].text) and not _ROMAN_POINT.match(lines[k].text))):
                k += 1
            continue
        out.append(lines[k])
        k += 1
    return out


def _width(lines: list[Line]) -> int:
    """Typical full line width: the 90th percentile of line lengths."""
    widths = sorted(ln.end - ln.start for ln in lines)
    return widths[int(len(widths) * 0.9)] if widths else 80


# ---------------------------------------------------------------- parts


def _markers(text: str, lines: list[Line]) -> list[_Marker]:
    """Part labels in document order, kept only where numbers and letters follow in sequence."""
    raw: list[_Marker] = []
    for ln in lines:
        t = text[ln.start : ln.end]
        if m := _POINT.match(t):
            style = "1." if m.group(1) else "(1)" if m.group(2) else "1)"
            raw.append(_Marker("point", next(g for g in m.groups() if g), ln.start, style))
        elif (m := _ROMAN_POINT.match(t)) and m.group(1) in _ROMAN:
            raw.append(_Marker("point", str(_ROMAN[m.group(1)]), ln.start, "I."))
        elif (m := _BULLET_POINT.match(t)) and not t[m.end():].lstrip()[:1].islower():
            # (a bullet whose words start in lower case continues the sentence before it:
            # "fordert die Bundesregierung auf, ⏎ - die Ausbildung … zu regeln," is one demand)
            raw.append(_Marker("bullet", "", ln.start))
        elif (m := _FIELD.match(t)) and not _list_item(t[m.end():]):
            raw.append(_Marker("field", m.group(1), ln.start))
        elif m := _NOTE.match(t):
            raw.append(_Marker("note", m.group(1), ln.start))
        elif m := _NOTE_GIVEN.match(t):
            raw.append(_Marker("note", m.group(1) or m.group(2), ln.start))
    # points run together in one paragraph: "… ausgleicht. 2. Sie stellt fest …", also
    # where the number ends one line and its sentence begins the next
    if lines:
        masked = textmap.mask_noise(text)
        at_line_start = {mk.start for mk in raw}
        for m in _POINT_INLINE.finditer(masked, lines[0].start, lines[-1].end):
            if m.start(1) not in at_line_start and any(ln.start <= m.start(1) < ln.end for ln in lines):
                raw.append(_Marker("point", m.group(1), m.start(1), "1."))
        raw.sort(key=lambda mk: mk.start)
    # bullets are the points of a decision that numbers none ("• Die JFMK bekräftigt …");
    # beside numbered points they are a list inside a point
    if any(mk.kind == "point" for mk in raw):
        raw = [mk for mk in raw if mk.kind != "bullet"]
    else:
        bullets = iter(range(1, len(raw) + 1))
        raw = [_Marker("point", str(next(bullets)), mk.start) if mk.kind == "bullet" else mk for mk in raw]
    kept: list[_Marker] = []
    next_point, next_field, in_note = 1, "a", False
    # the points of one decision are numbered in one style: "I." sections with "1." points
    # in them, or "(2)" page marks of a mirror beside "1." points, are no points
    style = next((mk.style for mk in raw if mk.kind == "point" and mk.number == "1"), None)
    for mk in raw:
        if mk.kind == "note":
            kept.append(mk)
            in_note = True
        elif in_note and not (mk.kind == "point" and next_point > 1 and int(mk.number) == next_point):
            # a note runs to the next note or the end: its own lists are its text; only the
            # next point ends it (a Bundesrat opinion gives each point its own "Begründung:")
            continue
        elif mk.kind == "point" and int(mk.number) == next_point and mk.style == style:
            kept.append(mk)
            next_point += 1
            in_note = False
        elif mk.kind == "field" and mk.number == next_field:
            kept.append(mk)
            next_field = chr(ord(next_field) + 1)
    return kept


def _list_item(rest: str) -> bool:
    """Whether the words after "a)" continue a sentence ("bitten das BMEL, ⏎ a) die
    Anforderungen … zu überprüfen,"): an item of a list, not the heading of a field."""
    rest = rest.strip()
    return bool(rest) and (rest[0].islower() or rest.endswith((",", ";")))


def _parts(text: str, norm: NormText, lines: list[Line], gap: int, width: int) -> list[Part]:
    if not lines:
        return []
    markers = _markers(text, lines)
    blocks: list[tuple[str, str, int, int]] = []  # kind, number, start, end (original)
    edges = [mk.start for mk in markers] + [lines[-1].end]
    if lines[0].start < edges[0]:
        blocks.append(("chapeau", "", lines[0].start, edges[0]))
    blocks += [(mk.kind, mk.number, mk.start, edges[i + 1]) for i, mk in enumerate(markers)]
    # a block ends with its last body line (a vote-count line after it is no part's text)
    blocks = [(k, n, s, _rstrip(text, s, _last_end(lines, s, e))) for k, n, s, e in blocks]
    blocks = _split_chapeau(text, lines, gap, blocks)
    # a block whose characters are all layout once cut out ("-0-" after "Beschluss:") is no part
    blocks = [b for b in blocks if textmap.cut(text, b[2], b[3])]

    parts: list[Part] = []
    ordinals: dict[str, int] = {}
    note_slugs: set[str] = set()
    for kind, number, start, end in blocks:
        ordinals[kind] = ordinals.get(kind, 0) + 1
        title = title_span = action_field = None
        body_start = start
        if kind == "point":
            label = _BULLET_POINT.match(text[start:end]) or _POINT_LABEL.match(text[start:end])
            body_start = start + (label.end() if label else text[start:end].index(".") + 1)
        elif kind == "field":
            body_start = start + text[start:end].index(")") + 1
            title_span = _field_title(text, lines, start, end, width)
            if title_span:
                title = textmap.cut(text, *title_span)
                action_field = match_action_field(title)
                body_start = title_span[1]
        elif kind == "note":
            title_span, body_start = _note_title(text, lines, start, end)
            title = textmap.cut(text, *title_span)
            number = _unique(slug(number), note_slugs)
        if kind == "chapeau":
            number = str(ordinals[kind])
        parts.append(
            Part(
                kind=kind,
                number=number,
                ordinal=ordinals[kind],
                start=start,
                end=end,
                text=_exact(norm, start, end),
                paragraphs=tuple(_paragraphs(text, norm, lines, gap, width, body_start, end)),
                title=title,
                title_span=title_span,
                action_field=action_field,
            )
        )
    return parts


def _exact(norm: NormText, start: int, end: int) -> str:
    # the contract is cut(original, start, end) == text; computing it that way also holds
    # where a span ends in a word whose hyphenated rest lies outside it
    return textmap.cut(norm.original, start, end)


def _last_end(lines: list[Line], start: int, end: int) -> int:
    starts, ends = _index(lines)
    lo, hi = bisect_left(ends, start), bisect_left(starts, end)
    return min(ends[hi - 1], end) if lo < hi else end


_INDEX: list = [None, (), ()]


def _index(lines: list[Line]) -> tuple[list[int], list[int]]:
    """Starts and ends of lines (both ascending: lines are disjoint and in order), kept for
    the last list asked about: the parts, paragraphs and gaps of a text look lines up by
    offset, and a scan of every line per lookup made a long text quadratic."""
    if _INDEX[0] is not lines:
        _INDEX[:] = [lines, [ln.start for ln in lines], [ln.end for ln in lines]]
    return _INDEX[1], _INDEX[2]


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or _in_layout(text, end - 1)):
        end -= 1
    return end


def _in_layout(text: str, i: int) -> bool:
    return textmap.in_noise(text, i)


def _unique(base: str, seen: set[str]) -> str:
    name, k = base, 1
    while name in seen:
        k += 1
        name = f"{base}-{k}"
    seen.add(name)
    return name


def _split_chapeau(text, lines, gap, blocks):
    """Split the closing paragraph that introduces the fields off the last point before them.

    It must stand after a blank line and end with ":" ("Die IntMK betont … folgende
    Handlungsfelder weiterzuentwickeln:"); a point that itself ends with ":" and a
    list of fields stays one point.
    """
    out = []
    for i, blk in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if blk[0] == "point" and nxt and nxt[0] == "field" and nxt[1] == "a":
            starts, _ = _index(lines)
            inner = lines[bisect_right(starts, blk[2]):bisect_left(starts, blk[3])]
            cut_at = None
            for ln in reversed(inner):
                if ln.gap > gap and not _blank_only_layout(text, lines, ln, gap):
                    cut_at = ln
                    break
            if cut_at and re.search(r":\s*$", text[cut_at.start : blk[3]]):
                out.append((blk[0], blk[1], blk[2], _rstrip(text, blk[2], cut_at.start)))
                out.append(("chapeau", "", cut_at.start, blk[3]))
                continue
        out.append(blk)
    return out


def _blank_only_layout(text: str, lines: list[Line], ln: Line, gap: int) -> bool:
    """True when the extra space before ln is only a page marker or footer line."""
    _, ends = _index(lines)
    k = bisect_right(ends, ln.start)
    prev = ends[k - 1] if k else 0
    return ln.gap - gap * layout_lines_between(text, prev, ln.start) <= gap


def _field_title(text, lines, start, end, width):
    """The title after "a)": the rest of the label's line when it reads as a heading."""
    line = next((ln for ln in lines if ln.start <= start < ln.end), None)
    if line is None:
        return None
    a = start + text[start:end].index(")") + 1
    b = min(line.end, end)
    if not text[a:b].strip():  # "a)" alone: the heading is on the next line
        nxt = next((ln for ln in lines if ln.start > line.end and ln.start < end), None)
        if nxt is None:
            return None
        a, b = nxt.start, nxt.end
    while a < b and text[a].isspace():
        a += 1
    heading = text[a:b]
    # a heading alone in its block titles the section of numbered points that follows it
    if not heading or re.search(r"[.,;:]$", heading) or heading[:1].islower():
        return None
    if len(heading) > 0.8 * width or heading.endswith("-"):
        return None
    return a, b


def _note_title(text, lines, start, end):
    """The heading of a note ("Protokollnotiz Bayern:") and where its text begins."""
    line = next(ln for ln in lines if ln.start <= start < ln.end)
    b = min(line.end, end)
    colon = text.find(":", start, b)
    if colon >= 0:
        return (start, _rstrip(text, start, colon)), colon + 1
    return (start, b), b


@cache
def _action_field_cues() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    return tuple(
        (row["notation"], row["label_de"], tuple(c for c in row["match"].split("|") if c))
        for row in rows("concepts/action-field.csv")
    )


def match_action_field(title: str) -> str | None:
    """Notation of the action field a heading names: its label, else the most cue words.

    A tie between fields is no answer: better none than a wrong field.
    """
    cues = _action_field_cues()
    for notation, label, _ in cues:
        if title.casefold() == label.casefold():
            return notation
    scores = [(sum(c.casefold() in title.casefold() for c in words), notation) for notation, _, words in cues]
    scores.sort(reverse=True)
    if not scores or scores[0][0] == 0 or (len(scores) > 1 and scores[1][0] == scores[0][0]):
        return None
    return scores[0][1]


# ---------------------------------------------------------------- paragraphs, sentences


def _paragraphs(text, norm, lines, gap, width, start, end) -> list[Paragraph]:
    inner = []
    starts, ends = _index(lines)
    for ln in lines[bisect_right(ends, start):bisect_left(starts, end)]:  # the lines overlapping [start, end)
        a, b = max(ln.start, start), min(ln.end, end)
        while a < b and text[a].isspace():
            a += 1
        if a < b:
            inner.append((a, b, ln))
    groups: list[list[tuple[int, int, Line]]] = []
    for k, item in enumerate(inner):
        if not groups or _breaks(text, inner[k - 1][2], item[2], lines, gap, width):
            groups.append([item])
        else:
            groups[-1].append(item)
    out = []
    for g in groups:
        a, b = g[0][0], g[-1][1]
        ns, ne = norm.norm_index(a), norm.norm_index(b)
        if ns >= ne:
            continue
        sents = []
        for sa, sb in sentences.split(norm.text[ns:ne]):
            s, e = norm.span(ns + sa, ns + sb)
            sents.append(Sentence(index=len(sents) + 1, start=s, end=e, text=_exact(norm, s, e)))
        out.append(Paragraph(index=len(out) + 1, start=a, end=b, text=_exact(norm, a, b), sentences=tuple(sents)))
    return out


def _breaks(text: str, prev: Line, cur: Line, lines: list[Line], gap: int, width: int) -> bool:
    """Whether a new paragraph starts at line cur (which follows line prev)."""
    if prev is cur:
        return False
    if cur.gap > gap and not _blank_only_layout(text, lines, cur, gap):
        return True
    cur_text = text[cur.start : cur.end]
    if _BULLET.match(cur_text):
        return True
    prev_text = text[prev.start : prev.end]
    head = _LABEL_HEADING.match(prev_text)
    if (head and (cur_text[:1].isupper() or _SUB_LABEL.match(cur_text)) and len(prev_text) < 0.6 * width
            and _heading_like(textmap.normalise(head.group(1)))):
        # "II. Erwartungen an den Bund" ⏎ "Die KMK erwartet vom Bund, …": the heading is no
        # part of the first sentence (its "Bund" would become that sentence's speaker)
        return True
    if not _SENTENCE_END.search(prev_text) or prev_text.endswith("-"):
        return False
    first_word = cur_text.split()[0]
    return len(prev_text) + 1 + len(first_word) < 0.9 * width


def note_kind(title: str) -> str:
    """The kind of a note block from its heading: "Protokollnotiz Bayern" -> "protokollnotiz"."""
    word = title.split()[0] if title.split() else title
    return _NOTE_KINDS.get(word.rstrip(":"), slug(word))


_NOTE_KINDS = {"Protokollnotiz": "protokollnotiz", "Protokollerklärung": "protokollnotiz",
               "Begründung": "begruendung", "Hinweis": "hinweis", "Erläuterung": "hinweis"}


def read(path: Path) -> Document:
    """Read and parse one source file."""
    name, text = read_source(path)
    return parse(name, text)
