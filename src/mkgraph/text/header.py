"""The header of a resolution: conference, session, dates, place, agenda id, document
type, title, subtitle, applicants, decision formula and vote.

The header is line-oriented (one field per line, lists wrapped over several lines), so
this module also owns the line layout of a text (``Line``, ``lines_of``). Everything is
matched on the normalised text (textmap) and reported as original offsets. The word
lists (conference names, Land spellings, formulas, document types) are package tables.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from mkgraph.text import textmap
from mkgraph.errors import InputError
from mkgraph.model import Header
from mkgraph.tabledata import rows
from mkgraph.text.textmap import NormText

# ---------------------------------------------------------------- tables




def _alternation(words: list[str]) -> str:
    # longest first, so "Sachsen-Anhalt" wins over "Sachsen" at the same position
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def _conference_re() -> tuple[re.Pattern[str], dict[str, str]]:
    names: dict[str, str] = {}
    for row in rows("conferences.csv"):
        for w in [row["abbreviation"], row["name_de"], *row["aliases"].split("|")]:
            if w:
                names[textmap.normalise(w)] = row["abbreviation"]
    return re.compile(r"(?<![\w-])(" + _alternation(list(names)) + r")(?![\w-])"), names


@cache
def _land_re() -> tuple[re.Pattern[str], dict[str, str]]:
    spell: dict[str, str] = {}
    for row in rows("laender.csv"):
        for w in row["spellings"].split("|"):
            if w:
                spell[w] = row["iso"]
    return re.compile(r"(?<![\w-])(" + _alternation(list(spell)) + r")(?![\w-])"), spell


@cache
def _formulas() -> tuple[tuple[re.Pattern[str], str, bool], ...]:
    out = []
    for row in rows("formulas.csv"):
        pat = row["pattern"]
        at_line_start = pat.startswith("^")
        out.append((re.compile(pat.lstrip("^")), row["vote"], at_line_start))
    return tuple(out)


@cache
def _doc_types() -> dict[str, str]:
    return {row["word"]: row["notation"] for row in rows("document-types.csv")}


def all_laender() -> tuple[str, ...]:
    return tuple(row["iso"] for row in rows("laender.csv"))


# ---------------------------------------------------------------- layout


@dataclass(frozen=True)
class Line:
    """A non-blank line of the original text (layout lines masked), stripped."""

    start: int
    end: int
    gap: int  # newlines between the previous line's end and this line's start
    text: str  # normalised text of this line alone


def lines_of(original: str) -> list[Line]:
    masked = textmap.mask_noise(original)
    out: list[Line] = []
    prev_end = 0
    for m in re.finditer(r"[^\n]+", masked):
        a, b = m.span()
        while a < b and masked[a].isspace():
            a += 1
        while b > a and masked[b - 1].isspace():
            b -= 1
        if a == b:
            continue
        gap = original.count("\n", prev_end, a) if out else 0
        out.append(Line(a, b, gap, textmap.normalise(original[a:b])))
        prev_end = b
    return out


def typical_gap(lines: list[Line]) -> int:
    """The most common number of newlines between lines (2 in PDF text, 1 in plain text)."""
    gaps = [ln.gap for ln in lines[1:]]
    return max(set(gaps), key=lambda g: (gaps.count(g), -g)) if gaps else 1


def layout_lines_between(original: str, a: int, b: int) -> int:
    """How many page-marker / footer lines lie in original [a, b)."""
    return sum(1 for s, e in textmap.noise_spans(original) if a <= s and e <= b)


# ---------------------------------------------------------------- small finders


_MONTHS = {
    m: i
    for i, m in enumerate(
        "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split(), 1
    )
}
_MONTH = "(" + "|".join(_MONTHS) + ")"
_DATE_PATTERNS = (
    # "16. und 17. März 2017", "16./17. März 2017", "30. November bis 1. Dezember 2017"
    re.compile(
        r"\b(\d{1,2})\.\s*(?:" + _MONTH + r"\s*)?(?:und|bis|/|-|–)\s*(\d{1,2})\.\s*" + _MONTH + r"\s+(\d{4})\b"
    ),
    # "16./17.03.2017", "16.-17.03.2017"
    re.compile(r"\b(\d{1,2})\.\s*(?:und|bis|/|-|–)\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\b"),
    # "5. Juni 2018"
    re.compile(r"\b(\d{1,2})\.\s*" + _MONTH + r"\s+(\d{4})\b"),
    # "05.06.2018"
    re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"),
)


def _date(y: str, m: str | int, d: str) -> dt.date | None:
    try:
        month = _MONTHS[m] if isinstance(m, str) and m in _MONTHS else int(m)
        return dt.date(int(y), month, int(d))
    except (ValueError, OverflowError):
        return None


def find_dates(text: str) -> tuple[dt.date, dt.date, tuple[int, int]] | None:
    """First (start date, end date, [start, end) in text) found."""
    found = []
    for k, pat in enumerate(_DATE_PATTERNS):
        for m in pat.finditer(text):
            g = m.groups()
            if k == 0:
                end = _date(g[4], g[3], g[2])
                start = _date(g[4], g[1] or g[3], g[0])
            elif k == 1:
                end = _date(g[3], g[2], g[1])
                start = _date(g[3], g[2], g[0])
            elif k == 2:
                start = end = _date(g[2], g[1], g[0])
            else:
                start = end = _date(g[2], g[1], g[0])
            if start and end and start <= end:
                found.append((m.start(), -len(m.group(0)), start, end, m.span()))
                break
    if not found:
        return None
    _, _, s, e, span = min(found)
    return s, e, span


def parse_actor_list(text: str) -> tuple[str, ...]:
    """Actor keys named in a list: Länder as ISO codes, "bund"; "alle Länder" = all 16."""
    pat, spell = _land_re()
    if re.search(r"\balle\s+(?:16\s+|sechzehn\s+)?Länder\b", text, re.IGNORECASE):
        rest = re.split(r"\b(?:außer|ohne|mit Ausnahme vo[nm])\b", text, maxsplit=1)
        excluded = {spell[m.group(1)] for m in pat.finditer(rest[1])} if len(rest) > 1 else set()
        keys = [iso for iso in all_laender() if iso not in excluded]
    else:
        keys = [spell[m.group(1)] for m in pat.finditer(text)]
    if re.search(r"(?<![\w-])Bund(?:esregierung)?(?![\w-])", text):
        keys.append("bund")
    return tuple(dict.fromkeys(keys))


# ---------------------------------------------------------------- header


_TOP_PATTERNS = (
    (re.compile(r"(?<![\w])(TOP|Top)\s*:?\s*(\d{1,3}(?:\.\d{1,3})*[a-z]?)(?![\w.])\s*:?"), "TOP"),
    (re.compile(r"(?<![\w])(Punkt)\s+(\d{1,3}(?:\.\d{1,3})*[a-z]?)\s+der\s+Tagesordnung\s*:?"), "Punkt"),
    (re.compile(r"^()([A-Z]\d{1,3}[a-z]?|\d{1,3}(?:\.\d{1,3})+[a-z]?)\s*:?$"), "bare"),
)
_APPLICANTS = re.compile(r"^(?:Antragsteller(?:in|innen|:innen)?|Antrag|Anmeldung|Anmelder)\s*:\s*")
_RAPPORTEUR = re.compile(r"^(?:Berichterstatter(?:in|innen|:innen)?|Berichterstattung|BE)\s*:?\s+")
_COUNTS = re.compile(r"Abstimmungsergebnis\s*:\s*(\d{1,2})\s*:\s*(\d{1,2})\s*:\s*(\d{1,2})")
_RESULT = re.compile(
    r"Abstimmungsergebnis\s*:\s*(?:(einstimmig|mehrheitlich)\b|(\d{1,2})\s*:\s*(\d{1,2})\s*:\s*(\d{1,2}))",
    re.IGNORECASE,
)
_SUBTITLE = re.compile(r"^[-–—]\s+(.*?)(?:\s+[-–—])?$")


def agenda_line(line_text: str) -> bool:
    """Whether a (normalised) line opens an agenda item: it starts with its agenda id."""
    for pat, kind in _TOP_PATTERNS:
        m = pat.search(line_text)
        if m and m.start() == 0:
            return True
    return False


def has_formula(norm_text: str) -> bool:
    """Whether a stretch of normalised text holds a decision formula."""
    return any(pat.search(norm_text) for pat, _, _ in _formulas())


@dataclass(frozen=True)
class Formula:
    start: int  # original offsets of the whole formula sentence
    end: int
    vote: str
    line: int  # index of the line where it starts


def find_formula(norm: NormText, lines: list[Line], gap: int) -> Formula | None:
    """The earliest decision formula, extended back to the start of its sentence."""
    best = None
    for pat, vote, at_line_start in _formulas():
        for m in pat.finditer(norm.text):
            s, e = norm.span(m.start(), m.end())
            if at_line_start and not any(ln.start == s for ln in lines):
                continue
            if best is None or s < best[0]:
                best = (s, e, vote)
            break
    if best is None:
        return None
    s, e, vote = best
    i = next((k for k, ln in enumerate(lines) if ln.start <= s < ln.end + 1), 0)
    # the sentence starts after the last sentence end on its line ...
    head = norm.text[norm.norm_index(lines[i].start) : norm.norm_index(s)]
    cut = max((m.end() for m in re.finditer(r"[.!?:]\s+", head)), default=0)
    start = norm.offsets[norm.norm_index(lines[i].start) + cut] if cut else lines[i].start
    return Formula(start, e, vote, i)


def extend_formula(formula: Formula, lines: list[Line], claimed: set[int], gap: int) -> Formula:
    """A formula wrapped over lines starts on an earlier line ("Die Ministerinnen und
    Minister der\nLänder fassen folgenden Beschluss:"): go back over unclaimed lines while
    the sentence visibly continues (a lower-case start, or a comma or small word before)."""
    i = formula.line
    if lines[i].start != formula.start:
        return formula  # the sentence starts inside its line
    k = i
    while k > 0 and i - k < 3 and k - 1 not in claimed and lines[k].gap <= gap:
        prev, cur = lines[k - 1].text, lines[k].text
        if re.search(r"[.!?:)]$", prev) or _is_field_line(prev):
            break
        if not (cur[:1].islower() or re.search(r"(?:,|\b[a-zäöüß]+)$", prev)):
            break
        k -= 1
    return Formula(lines[k].start, formula.end, formula.vote, k)


def _is_field_line(text: str) -> bool:
    return bool(
        _APPLICANTS.match(text)
        or _RAPPORTEUR.match(text)
        or _RESULT.search(text)
        or _SUBTITLE.match(text)
        or any(p.search(text) for p, _ in _TOP_PATTERNS[:2])
        or _conference_re()[0].search(text)
        or find_dates(text)
    )


def find_counts(norm: NormText) -> tuple[str, tuple[int, int]] | None:
    m = _COUNTS.search(norm.text)
    if not m:
        return None
    return ":".join(m.groups()), norm.span(m.start(), m.end())


def votes_from_counts(counts: str) -> str:
    """Vote outcome implied by "yes:no:abstain" where the words name none: a "no" vote
    means a majority decision, all "yes" a unanimous one; abstentions leave it open."""
    _, no, abstain = (int(x) for x in counts.split(":"))
    if no > 0:
        return "majority"
    return "unanimous" if abstain == 0 else "unknown"


_RESULT_WORDS = {"einstimmig": "unanimous", "mehrheitlich": "majority"}


def find_vote_result(norm: NormText) -> tuple[str | None, str | None, tuple[int, int]] | None:
    """The "Abstimmungsergebnis:" field: (vote named in words or None, counts or None, span)."""
    m = _RESULT.search(norm.text)
    if not m:
        return None
    counts = ":".join(m.group(2, 3, 4)) if m.group(2) else None
    vote = _RESULT_WORDS.get(m.group(1).casefold()) if m.group(1) else None
    return vote, counts, norm.span(m.start(), m.end())


def _list_lines(lines: list[Line], i: int, stop: int, gap: int) -> int:
    """Index after the last line of a list starting at line i (wrapped over lines)."""
    j = i + 1
    while j < stop and lines[j].gap <= gap and re.search(r"[,\-–]$|\bund$|\bsowie$", lines[j - 1].text):
        j += 1
    return j


def parse_header(
    name: str, norm: NormText, lines: list[Line], gap: int,
    conference: str | None = None, top: str | None = None,
) -> tuple[Header, Formula | None]:
    """The header facts; InputError naming the first element that is missing, checked in
    text order: conference, agenda id, year, decision formula, title.

    ``conference`` (an abbreviation) and ``top`` (an agenda id) stand in where the text
    names none (``mkgraph ingest --conference/--id``); what the text says wins.
    """
    default_conference, default_top = conference, top
    formula = find_formula(norm, lines, gap)
    stop = formula.line if formula else min(len(lines), 30)
    if formula and lines[formula.line].start < formula.start:
        stop += 1  # other header text before the formula on its line
    spans: dict[str, tuple[int, int]] = {}
    claimed: set[int] = set()

    # conference: the earliest name, alias or abbreviation in the header or the formula
    region_end = formula.end if formula else (lines[stop - 1].end if stop else 0)
    region = norm.text[: norm.norm_index(region_end)]
    cpat, cnames = _conference_re()
    cm = cpat.search(region)
    session = None
    if cm is None:
        if not default_conference:
            raise InputError(name, "no conference name found")
        conference = default_conference
    else:
        conference = cnames[cm.group(1)]
        spans["conference"] = norm.span(cm.start(1), cm.end(1))
        sm = re.search(r"(\d{1,3})\.\s*(?:\w+\s+){0,3}$", region[max(0, cm.start(1) - 40) : cm.start(1)])
        if sm:
            session = int(sm.group(1))
    conf_line = next(
        (k for k, ln in enumerate(lines[:stop]) if "conference" in spans and ln.start <= spans["conference"][0] < ln.end),
        None,
    )

    # agenda id: "TOP 2.1", "TOP: 5.1", "TOP 4.1:", "Punkt 2.1 der Tagesordnung:", "A3", "2.9b"
    top = None
    for pat, kind in _TOP_PATTERNS:
        for k in range(stop):
            m = pat.search(lines[k].text)
            if m:
                top = (k, m, kind)
                break
        if top:
            break
    if top is None and not default_top:
        raise InputError(name, "no agenda id (TOP …) found")
    if top is None:
        # the title follows the last line of the conference and its dates (set below)
        top_line, top_number, top_label, top_rest = None, default_top, default_top, ""
    else:
        top_line, m, kind = top
        top_number = m.group(2)
        top_label = {"TOP": f"TOP {top_number}", "Punkt": f"Punkt {top_number} der Tagesordnung"}.get(kind, top_number)
        ln = lines[top_line]
        nts = norm.norm_index(ln.start)
        spans["top"] = norm.span(nts + m.start(), nts + len(m.group(0).rstrip(": ")) + m.start())
        claimed.add(top_line)
        top_rest = ln.text[m.end() :].strip(" :–-")

    dates = find_dates(region)
    start_date = end_date = place = None
    year = None
    if dates:
        start_date, end_date, (ds, de) = dates
        spans["dates"] = norm.span(ds, de)
        year = end_date.year
        # the place follows the date on its line: "… 2017 in Friedrichshafen"
        line_end = next((norm.norm_index(ln.end) for ln in lines if ln.start <= spans["dates"][1] <= ln.end), de)
        pm = re.match(r",?\s*in\s+([A-ZÄÖÜ][^,;:.()]*?(?:\s*\([^)]*\))?)\s*(?=[,;.]|$)", region[de:line_end])
        if pm:
            place = pm.group(1).strip()
            spans["place"] = norm.span(de + pm.start(1), de + pm.end(1))
        for k in range(stop):
            if lines[k].start <= spans["dates"][0] < lines[k].end:
                claimed.add(k)
    if conf_line is not None:
        claimed.add(conf_line)
    if top_line is None:
        top_line = max(claimed, default=-1)
    if year is None:
        ym = re.search(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)", region)
        if ym is None:
            raise InputError(name, "no year found")
        year = int(ym.group(1))

    # applicants and rapporteur lists
    applicants: tuple[str, ...] = ()
    rapporteurs: tuple[str, ...] = ()
    for k in range(stop):
        t = lines[k].text
        for field_name, pat in (("applicants", _APPLICANTS), ("rapporteur", _RAPPORTEUR)):
            fm = pat.match(t)
            if fm and field_name not in spans:
                j = _list_lines(lines, k, stop, gap)
                a = norm.norm_index(lines[k].start) + fm.end()
                b = norm.norm_index(lines[j - 1].end)
                actors = parse_actor_list(norm.text[a:b])
                if field_name == "applicants" and not actors and not t.startswith("Antragst"):
                    continue  # "Antrag:" without a list is a document type, not applicants
                claimed.update(range(k, j))
                if a < b:
                    spans[field_name] = norm.span(a, b)
                if field_name == "applicants":
                    applicants = actors
                else:
                    rapporteurs = actors

    result = find_vote_result(norm)
    counts = None
    if result:
        words_vote, counts_text, span = result
        spans["vote_result"] = span
        if counts_text:
            counts = (counts_text, span)
            spans["vote_counts"] = span
        for k in range(stop):
            if lines[k].start <= span[0] < lines[k].end:
                claimed.add(k)

    if formula:
        formula = extend_formula(formula, lines, claimed, gap)
        stop = min(stop, formula.line)

    # document type, title, subtitle: the first unclaimed lines after the agenda id
    doc_type, title, subtitle = None, None, None
    candidates: list[tuple[int, int]] = []  # normalised spans, line by line
    cand_lines: list[int] = []  # the line of each candidate
    if top_rest:
        tr = ln.text.rfind(top_rest)
        candidates.append((nts + tr, nts + tr + len(top_rest)))
        cand_lines.append(top_line)
    for k in range(top_line + 1, stop):
        if k not in claimed:
            candidates.append((norm.norm_index(lines[k].start), norm.norm_index(lines[k].end)))
            cand_lines.append(k)
    doc_types = _doc_types()
    dpat = re.compile(r"^(" + _alternation(list(doc_types)) + r")\b\s*:?\s*")
    i = 0
    if candidates:
        a, b = candidates[0]
        dm = dpat.match(norm.text[a:b])
        if dm and (dm.end() == b - a or norm.text[a + dm.end(1) : a + dm.end(1) + 1] == ":"):
            doc_type = doc_types[dm.group(1)]
            spans["document_type"] = norm.span(a, a + dm.end(1))
            if dm.end() < b - a:
                candidates[0] = (a + dm.end(), b)
            else:
                i = 1
    if i < len(candidates):
        a, b = candidates[i]
        j = i + 1
        # a title wraps over lines that are not fields, up to three lines
        while (
            j < len(candidates)
            and j - i < 3
            and not re.search(r"[.:;]$", norm.text[a:b])
            and not _SUBTITLE.match(norm.text[candidates[j][0] : candidates[j][1]])
            and cand_lines[j] == cand_lines[j - 1] + 1
            and lines[cand_lines[j]].gap <= gap
        ):
            b = candidates[j][1]
            j += 1
        if a < b:
            title = norm.text[a:b]
            spans["title"] = norm.span(a, b)
        if j < len(candidates):
            sa, sb = candidates[j]
            sub = _SUBTITLE.match(norm.text[sa:sb])
            if sub and sub.group(1):
                subtitle = sub.group(1)
                spans["subtitle"] = norm.span(sa + sub.start(1), sa + sub.end(1))
    if formula is None:
        raise InputError(name, "no decision formula found")
    if title is None:
        raise InputError(name, "no title found")
    spans["decision_formula"] = (formula.start, formula.end)
    # the words decide: a formula's vote, overridden by "Abstimmungsergebnis: einstimmig";
    # where neither names one, counts decide only when they are conclusive (see votes_from_counts)
    vote = formula.vote
    if result and result[0]:
        vote = result[0]
    elif vote == "unknown" and counts:
        vote = votes_from_counts(counts[0])

    header = Header(
        conference=conference,
        session_number=session,
        year=year,
        start_date=start_date,
        end_date=end_date,
        place=place,
        top=top_number,
        top_label=top_label,
        document_type=doc_type,
        title=title,
        subtitle=subtitle,
        applicants=applicants,
        decision_formula=textmap.cut(norm.original, formula.start, formula.end),
        vote=vote,
        vote_counts=counts[0] if counts else None,
        rapporteur=rapporteurs,
        spans=dict(sorted(spans.items())),
    )
    return header, formula
