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
                if len(w) > 5 and not w.isupper():
                    # a scan's or a letterhead's capitals: "JUSTIZMINISTERKONFERENZ"
                    names.setdefault(textmap.normalise(w).upper(), row["abbreviation"])
    # "Frühjahrs-AMK", "Herbst-IMK", "Sonder-GMK": the session's kind before the name
    kind = r"(?:(?<![\w-])|(?<=Frühjahrs-)|(?<=Herbst-)|(?<=Sonder-))"
    # "GMK-Beschluss 2023", "GMK-Umlaufbeschluss 07/2021": the name before a hyphenated "Beschluss"
    return re.compile(kind + r"(" + _alternation(list(names)) + r")(?:(?![\w-])|(?=-(?:Umlauf)?[Bb]eschl))"), names


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
    """(pattern, vote, a heading) per row of formulas.csv. A heading's pattern starts
    with "^" and is matched against one line at a time (with "$": the whole line).

    The other patterns search the whole text, so they start with a literal where they can
    (``hat(?<!\\what)`` rather than ``\\bhat``, ``(?:die\\s+folgenden?|folgenden?)`` rather
    than ``(?:die\\s+)?folgenden?``): re then skips to where the literal occurs, while a
    pattern that starts with a look-around or an optional group is tried at every
    position (three such were 80 % of the formula search; tests/test_header_formulas.py)."""
    out = []
    for row in rows("formulas.csv"):
        pat = row["pattern"]
        heading = pat.startswith("^")
        out.append((re.compile(pat), row["vote"], heading))
    return tuple(out)


@cache
def _any_heading() -> re.Pattern[str]:
    """Matches at the start of a line where any heading pattern of formulas.csv matches."""
    heads = [re.sub(r"\(\?P<\w+>", "(?:", p.pattern) for p, _, heading in _formulas() if heading]
    if any(re.search(r"\(\?P=|\\[1-9]|\(\?\(", h) for h in heads):
        return re.compile("")  # a back-reference cannot be combined: every line is asked
    return re.compile("|".join(f"(?:{h})" for h in heads) or "(?!)")


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


# the stripped content of a line (\s is str.isspace); a blank line does not match, and
# is skipped in C rather than character by character (a protocol's blanked TOPs)
_CONTENT = re.compile(r"^[^\S\n]*(\S(?:[^\n]*\S)?)", re.MULTILINE)


def lines_of(original: str) -> list[Line]:
    masked = textmap.mask_noise(original)
    out: list[Line] = []
    prev_end = 0
    for m in _CONTENT.finditer(masked):
        a, b = m.span(1)
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
    return textmap.noise_between(original, a, b)


# ---------------------------------------------------------------- small finders


_MONTHS = {
    m: i
    for i, m in enumerate(
        "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split(), 1
    )
}
_MONTH = "(" + "|".join(_MONTHS) + ")"
# between the days of a meeting: "und", "u.", "bis (zum)", a slash or a dash
_RANGE = r"(?:und|u\.|bis(?:\s+zum)?|/|-|–|—)"
_DATE_PATTERNS = (
    # "16. und 17. März 2017", "16./17. März 2017", "30. November bis 1. Dezember 2017"
    re.compile(
        r"\b(\d{1,2})\.\s*(?:" + _MONTH + r"\s*)?" + _RANGE + r"\s*(\d{1,2})\.\s*" + _MONTH + r"\s+(\d{4})\b"
    ),
    # "16./17.03.2017", "16.-17.03.2017" (not the month of "21.06. und 22.06.2018")
    re.compile(r"(?<!\d\.)\b(\d{1,2})\.\s*" + _RANGE + r"\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\b"),
    # "5. Juni 2018"
    re.compile(r"\b(\d{1,2})\.\s*" + _MONTH + r"\s+(\d{4})\b"),
    # "05.06.2018"
    re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"),
    # "21.06. und 22.06.2018", "12.11. bis 13.11.2020", "30.11.-1.12.2017": both days with their month
    re.compile(r"\b(\d{1,2})\.(\d{1,2})\.\s*" + _RANGE + r"\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\b"),
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
            elif k == 4:
                start, end = _date(g[4], g[1], g[0]), _date(g[4], g[3], g[2])
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


# An agenda id: "2.1", "49", "5.3", Roman "I", "I 1", "I.1", "II.3"
_AGENDA_ID = r"(?:[IVX]{1,5}(?:(?:\.\s?|\s)\d{1,3}(?:\.\d{1,3})*)?|\d{1,3}(?:\.\d{1,3})*[a-z]?)"
_TOP_PATTERNS = (
    # ("TOP-Nr. 4.1", "TOP Nr. 4.1" too)
    (re.compile(r"(?<![\w])(TOP|Top)(?:[-\s]?Nr\.)?\s*:?\s*(" + _AGENDA_ID + r")(?![\w.])\s*:?"), "TOP"),
    (re.compile(r"(?<![\w])(Tagesordnungspunkt)\s*:?\s+(" + _AGENDA_ID + r")(?![\w.])\s*:?"), "Tagesordnungspunkt"),
    (re.compile(r"(?<![\w])(Punkt)\s+(\d{1,3}(?:\.\d{1,3})*[a-z]?)\s+der\s+Tagesordnung\s*:?"), "Punkt"),
    # a bare id alone on a line, not a date ("21.09.18")
    (re.compile(r"^()(?!\d{1,2}\.\d{1,2}\.\d{2}(?:\d{2})?$)([A-Z]\d{1,3}[a-z]?|\d{1,3}(?:\.\d{1,3})+[a-z]?)\s*:?$"),
     "bare"),
)
_APPLICANTS = re.compile(
    r"^(?:Antragsteller(?:in|innen|:innen)?|Antragstellende[s]?\s+(?:Länder|Land)|Antrag|Anmeldung|Anmelder)\s*:\s*"
)
# "Mitantragsteller: Bremen, Hamburg" below the applicants: they move the motion too
_CO_APPLICANTS = re.compile(r"^Mitantragsteller(?:in|innen|:innen)?\s*:\s*")
_RAPPORTEUR = re.compile(
    r"^(?:Berichterstatter(?:in|innen|:innen)?|Berichterstattung|Berichterstattende[s]?\s+(?:Länder|Land)|BE)\s*:?\s+"
)
_COUNTS = re.compile(r"(?:Abstimmungsergebnis|Abstimmung|Ergebnis)\s*:\s*(\d{1,2})\s*:\s*(\d{1,2})\s*:\s*(\d{1,2})")
_RESULT = re.compile(
    r"(?:Abstimmungsergebnis|Abstimmung|Ergebnis|Annahme|Beschluss)\s*:\s*"
    r"(?:(einstimmig|mehrheitlich)\b|(\d{1,2})\s*:\s*(\d{1,2})\s*:\s*(\d{1,2}))",
    re.IGNORECASE,
)
# counts named by their words, with or without a label: "Ja 13 / Nein 2 / Enthaltung 1"
# or "Zustimmung: 16 Ablehnung: 0 Enthaltung: 0", or the number first: "11 Ja, 4 Nein, 1 Enthaltung"
_YES_WORD = r"(?:Ja(?:-Stimmen)?|Zustimmung(?:en)?|Dafür)"
_NO_WORD = r"(?:Nein(?:-Stimmen)?|Ablehnung(?:en)?|Gegenstimmen?|Dagegen)"
_ABSTAIN_WORD = r"(?:(?:Stimm)?[Ee]nthaltung(?:en)?)"
_YES_NO = re.compile(
    rf"\b{_YES_WORD}\s*:?\s*(\d{{1,2}})\s*[/,;|]?\s*{_NO_WORD}\s*:?\s*(\d{{1,2}})\s*[/,;|]?\s*"
    rf"{_ABSTAIN_WORD}\s*:?\s*(\d{{1,2}})\b"
    rf"|\b(\d{{1,2}})\s+{_YES_WORD}\s*[/,;|]?\s*(\d{{1,2}})\s+{_NO_WORD}\s*[/,;|]?\s*(\d{{1,2}})\s+{_ABSTAIN_WORD}\b"
)
# the counts in a sentence or a bracket: "Der Beschluss wurde mit 10:6 Stimmen gefasst."
_WITH_VOTES = re.compile(r"\bmit\s+(\d{1,2})\s*:\s*(\d{1,2})(?:\s*:\s*(\d{1,2}))?\s+Stimmen\b")
# the votes of the Länder by name, per Land ("Abstimmungsergebnis: BW ja, BY nein, …") or as
# lists ("Ja: BB, BE, … Nein: BY, SN Enthaltung: –"): counted, they are the counts
_LAND_CODE = r"(?:BW|BY|BE|BB|HB|HH|HE|MV|NI|NW|NRW|RP|SL|SN|ST|SH|TH)"
_PER_LAND = re.compile(
    rf"\b(?:Abstimmungsergebnis|Abstimmung|Ergebnis)\s*:\s*"
    rf"((?:{_LAND_CODE}\s*:?\s*(?:ja|nein|[Ee]nthaltung|enthalten)\b[\s,;]*){{8,}})"
)
_LAND_VOTE = re.compile(rf"({_LAND_CODE})\s*:?\s*(ja|nein|[Ee]nthaltung|enthalten)\b")
_NONE = r"(?:[-–—]|keine?)"
_LISTS = re.compile(
    rf"(?:\b(?:Abstimmungsergebnis|Abstimmung|Ergebnis)\s*:\s*)?\bJa\s*:\s*((?:{_LAND_CODE}\b[\s,]*)+)Nein\s*:\s*((?:{_LAND_CODE}\b[\s,]*)+|{_NONE}\s*)"
    rf"(?:{_ABSTAIN_WORD}\s*:\s*((?:{_LAND_CODE}\b[\s,]*)+|{_NONE}))?"
)
# a result on a line of its own: "Einstimmig bei Enthaltung von BY", "mehrheitlich."
_RESULT_LINE = re.compile(
    r"^(einstimmig|mehrheitlich)(?:\s+(?:bei|mit)\s+[^.:;]{1,80})?\.?$", re.IGNORECASE
)
_SUBTITLE = re.compile(r"^[-–—]\s+(.*?)(?:\s+[-–—])?$")
# the first line of a decision's body: "1.", "I.", a bullet, "a)"
_BODY_MARKER = re.compile(r"^(?:1\.|\(?1\)|I\.|[•▪●◦]|\(?a\))(?=\s|$)|^[-–—]\s+\S.*[^-–—\s]$")
# a line that cites a document rather than naming the resolution ("KOM (2005) 87 endg.")
_REFERENCE = re.compile(r"^(?:KOM|COM|Ratsdok|BR-Drs|Drs|Drucksache|Az\.?|Umlaufbeschluss)\b|;|\bNr\.\s*\d|\bDrucksache\s+\d|^[\d./ -]+$")
# finite verbs that mark a line as prose, never a heading
_FINITE = frozenset(
    "ist sind hat haben wird werden kann können muss müssen soll sollen sollte sollten fordert fordern "
    "bittet bitten begrüßt begrüßen stellt stellen sieht sehen hält halten nimmt nehmen spricht sprechen "
    "setzt setzen unterstützt unterstützen erwartet erwarten betont betonen beschließt beschließen "
    "bekräftigt bekräftigen appelliert appellieren dankt danken weist verweist gibt geben "
    # the other verbs a decision's sentence opens with ("Die VMK mahnt beim Bund eine
    # Novelle der Straßenverkehrs-Ordnung ⏎ an, …": a wrapped sentence, no title line)
    "mahnt mahnen ersucht ersuchen regt regen empfiehlt empfehlen beauftragt beauftragen "
    "würdigt würdigen unterstreicht unterstreichen lehnt lehnen verurteilt verurteilen".split()
)
_TRAILING_SMALL = re.compile(
    r"\b(?:der|die|das|den|dem|des|und|oder|für|mit|von|vom|zu|zur|zum|im|in|ein|eine|einen|auf|an|bei|aus)$"
)
# "82. Gesundheitsministerkonferenz", "76. Konferenz der …", "210. Sitzung der …", not "TOP 6.1 Die …"
_SESSION_BEFORE = re.compile(r"(?<![\d.])(?<!TOP )(\d{1,4})\.\s+(?:[^\W\d_][\w-]*\s+){0,3}$")
_SESSION_AFTER = re.compile(r"\bseiner\s+(\d{1,4})\.\s+Sitzung\b")
# "auf ihrer 86. Konferenz am …": the number of a meeting named without the conference's name
_SESSION_WORD = re.compile(r"(?<![\d.])(\d{1,4})\.\s+(?:Konferenz|Sitzung|Tagung|Jahreskonferenz)\b")
# "(Videokonferenz)" after a place says how the conference met, not where
_MEETING_FORM = r"(?:Video|Telefon|Schalt|Online|Umlauf|Web|digital|hybrid|online)"
# a wide gap inside a line of PDF text: a second column starts after it
_COLUMN_GAP = re.compile(r"(?<=\S)(?:[ \t]*\t|[ \u00a0]{4,})[ \t\u00a0]*(?=\S)")
# a place alone on the line after the date line, without "in" ("21./22. Juni 2017" ⏎ "Bremen"):
# one name (or "Bad …", "… am Main"), none of the words a header line holds instead
_BARE_PLACE = re.compile(
    r"^()\s*((?:(?:Bad|Sankt|St\.)\s+)?[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?"
    r"(?:\s+(?:am|an der|im|in der|ob der|bei|vor der)\s+[A-ZÄÖÜ][a-zäöüß-]+)?)\s*$"
)
_NOT_A_PLACE = re.compile(
    r"(?:ung|ungen|keit|heit|schaft|nis|ion|konferenz|protokoll|schrift|beschlu(?:ss|ß)|beschlüsse|sitzung"
    r"|vorlage|tagung|bericht|mitteilung|verfahren|entwurf|anlage|inhalt|verzeichnis|sammlung|ordnung|seite)$"
    r"|^(?:Beschlu(?:ss|ß)|Beschlüsse|TOP|Top|Vorsitz|Ergebnis|Entwurf|Anlage|Montag|Dienstag|Mittwoch"
    r"|Donnerstag|Freitag|Samstag|Sonntag)\b",
    re.IGNORECASE,
)


def _bare_place(rest: str, ln: Line, gap: int) -> re.Match | None:
    """_BARE_PLACE on the rest taken from a line that follows the date line closely; group 1
    is empty, the place is group 2 (as in _PLACE's second alternative)."""
    # the very next line (a title stands after a blank line: "Beschluss vom 21. März 2019" ⏎⏎
    # "Grundsteuerreform")
    m = _BARE_PLACE.match(rest) if ln.gap == 1 else None
    return m if m and not _NOT_A_PLACE.search(m.group(2)) else None


_PLACE = re.compile(
    # one word, or a name that joins words ("Bad Schandau", "Frankfurt am Main"): "in Kiel
    # Beschlüsse" is Kiel
    r"^,?\s*in\s+((?:(?:Bad|Sankt|St\.|Hansestadt|Lutherstadt|Ostseebad|Seebad|Schwäbisch|Bergisch|Königs)\s+)?"
    r"[A-ZÄÖÜ][\wäöüß.-]*(?:\s+(?:am|an der|an|im|in der|ob der|bei|vor der)\s+[A-ZÄÖÜ][\wäöüß-]*)*"
    r"(?:\s*\((?!" + _MEETING_FORM + r")[^)]*\))?)"
    r"(?=\s*(?:[,;.:(]|$)|\s+[a-zäöüß]|\s+(?:TOP|Top|Tagesordnungspunkt|Beschl\w*)\b)"
    # "13./14. Juni 2018, Brüssel": a place after a comma, alone to the line's end (no form of meeting)
    r"|^,\s*(?!" + _MEETING_FORM + r")([A-ZÄÖÜ][\wäöüß.-]*(?:\s+(?:am|an der|im|in der|bei)\s+"
    r"[A-ZÄÖÜ][\wäöüß-]*)?(?:\s*\([^)]*\))?)\s*$"
)


@cache
def _topic_re() -> tuple[re.Pattern[str], dict[str, str]]:
    """"Konferenz der für das Gesundheitswesen zuständigen Ministerinnen …", "Ministerinnen
    und Minister … für Gesundheit": the conference by the topic its ministers are for."""
    stems: dict[str, str] = {}
    for row in rows("conferences.csv"):
        for w in row.get("topics", "").split("|"):
            if w:
                stems[w] = row["abbreviation"]
    pat = (
        r"(?:Konferenz|Minister(?:innen)?|Senator(?:innen)?)\b[^.:;]{0,60}?\bfür\s+(?:das\s+|die\s+|den\s+)?("
        + _alternation(list(stems)) + r")"
    )
    return re.compile(pat), stems


@cache
def _members_re() -> tuple[re.Pattern[str], dict[str, str]]:
    """"Konferenz der Wirtschaftsministerinnen und Wirtschaftsminister …", "die
    Innenministerinnen und -minister": the conference by its members, whose title is its
    name's stem (name_de "Wirtschaftsministerkonferenz") + "minister"."""
    stems: dict[str, str] = {}
    for row in rows("conferences.csv"):
        stem = row["name_de"].removesuffix("ministerkonferenz")
        if stem != row["name_de"]:
            stems[stem] = row["abbreviation"]
    alt = _alternation(list(stems))
    pat = (
        r"(?:\b(?:Konferenz|Sitzung|Tagung)\s+der\s+(" + alt + r")(?:minister|senator)"
        r"|(?<![\w-])(" + alt + r")ministerinnen\s+und\s+(?:" + alt + r"|-)minister)"
    )
    return re.compile(pat), stems


def agenda_line(line_text: str) -> bool:
    """Whether a (normalised) line opens an agenda item: it starts with its agenda id."""
    # match, not search: the leftmost match starts at 0 exactly when one starts there
    return any(pat.match(line_text) for pat, _ in _TOP_PATTERNS)


@dataclass(frozen=True)
class Formula:
    start: int  # original offsets of the whole formula sentence
    end: int
    vote: str
    line: int  # index of the line where it starts
    strong: bool = True  # a sentence with a verb ("hat … beschlossen:"), not a "Beschluss" heading


def formula_candidates(norm: NormText, lines: list[Line], lo: int = 0, hi: int | None = None) -> list[Formula]:
    """Every decision formula in lines [lo, hi), in text order.

    A pattern that starts with "^" is a heading ("Beschluss:", "Beschluss vom 18. Mai 2017",
    "Beschluss des Bundesrates"): it must start a line, and with a trailing "$" fill it."""
    hi = len(lines) if hi is None else hi
    if lo >= hi:
        return []
    a, b = norm.norm_index(lines[lo].start), norm.norm_index(lines[hi - 1].end)
    starts: dict[int, int] = {}  # normalised start -> line, made when a sentence formula is found
    found: dict[int, Formula] = {}
    # a line that no heading pattern matches is asked only once (most lines open no
    # heading), instead of once per heading pattern
    heads = [k for k in range(lo, hi) if _any_heading().match(lines[k].text)]
    for pat, vote, heading in _formulas():
        if heading:
            for k in heads:
                m = pat.match(lines[k].text)
                if m:
                    ns = norm.norm_index(lines[k].start)
                    s, e = norm.span(ns, min(ns + m.end(), len(norm.text)))
                    found.setdefault(s, Formula(s, e, vote, k, strong=False))
            continue
        for m in pat.finditer(norm.text, a, b):
            s, e = norm.span(m.start(), m.end())
            if not starts:
                starts.update((norm.norm_index(ln.start), k) for k, ln in enumerate(lines[lo:hi], lo))
            k = starts.get(m.start())
            if k is None:
                k = next(i for i in range(lo, hi) if lines[i].start <= s < lines[i].end + 1)
            found.setdefault(s, Formula(s, e, vote, k, strong=True))
    # "… fasst einstimmig folgenden Beschluss:" holds "Beschluss:": one formula, the longer
    spans = sorted(found.values(), key=lambda f: (f.start, -f.end))
    out: list[Formula] = []
    for f in spans:
        if out and f.end <= out[-1].end:
            continue
        out.append(f)
    return out


def has_formula(norm: NormText, lines: list[Line], lo: int, hi: int) -> bool:
    """Whether lines [lo, hi) hold a decision formula."""
    return bool(formula_candidates(norm, lines, lo, hi))


def choose_formula(cands: list[Formula], lines: list[Line]) -> tuple[Formula | None, int | None]:
    """The formula that introduces the decision, and the line of the body's first marker.

    Mirror pages and reports put headings such as "Beschluss der GMK 2009" before the
    decision: the formula is the last one before the first point ("1.", "I.", a bullet),
    a sentence formula ("beschließt einstimmig:") before a mere heading."""
    if not cands:
        return None, None
    marker = next((k for k in range(cands[0].line, len(lines)) if _BODY_MARKER.match(lines[k].text)), None)
    before = [c for c in cands if marker is None or c.line < marker] or cands[:1]
    strong = [c for c in before if c.strong]
    if marker is None:
        return (strong or before)[0], None
    return (strong or before)[-1], marker


def sentence_start(norm: NormText, lines: list[Line], best: Formula) -> Formula:
    """A formula extended back to the start of its sentence on its line."""
    ln = lines[best.line]
    head = norm.text[norm.norm_index(ln.start) : norm.norm_index(best.start)]
    cut = max((m.end() for m in re.finditer(r"(?<![\d§])[.!?:]\s+(?=[A-ZÄÖÜ])", head)), default=0)
    start = norm.offsets[norm.norm_index(ln.start) + cut] if cut else ln.start
    return Formula(start, best.end, best.vote, best.line, best.strong)


def extend_formula(formula: Formula, lines: list[Line], claimed: set[int], gap: int) -> Formula:
    """A formula wrapped over lines starts on an earlier line ("Die Ministerinnen und
    Minister der\nLänder fassen folgenden Beschluss:"): go back over unclaimed lines while
    the sentence visibly continues (a lower-case start, or a comma or small word before)."""
    i = formula.line
    if lines[i].start != formula.start or not formula.strong:
        return formula  # the sentence starts inside its line, or a heading
    k = i
    while k > 0 and i - k < 3 and k - 1 not in claimed and lines[k].gap <= gap:
        prev, cur = lines[k - 1].text, lines[k].text
        if re.search(r"[.!?:)]$", prev) or _is_field_line(prev):
            break
        if not (cur[:1].islower() or re.search(r"(?:,|\b[a-zäöüß]+)$", prev)):
            break
        k -= 1
    return Formula(lines[k].start, formula.end, formula.vote, k, formula.strong)


def _is_field_line(text: str) -> bool:
    return bool(
        _APPLICANTS.match(text)
        or _RAPPORTEUR.match(text)
        or _is_result(text)
        or _SUBTITLE.match(text)
        or any(p.search(text) for p, _ in _TOP_PATTERNS[:3])
        or _conference_re()[0].search(text)
        or find_dates(text)
    )


def _is_result(text: str) -> bool:
    return bool(_RESULT.search(text) or _YES_NO.search(text) or _RESULT_LINE.match(text))


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


def find_vote_result(norm: NormText, lines: list[Line] = ()) -> tuple[str | None, str | None, tuple[int, int]] | None:
    """The "Abstimmungsergebnis:" field: (vote named in words or None, counts or None, span).

    Also counts by their words ("Ja 13 / Nein 2 / Enthaltung 1") and, among ``lines``, a
    result standing alone on its line ("Einstimmig bei Enthaltung von BY")."""
    m = _RESULT.search(norm.text)
    if m:
        counts = ":".join(m.group(2, 3, 4)) if m.group(2) else None
        vote = _RESULT_WORDS.get(m.group(1).casefold()) if m.group(1) else None
        return vote, counts, norm.span(m.start(), m.end())
    m = _YES_NO.search(norm.text)
    if m:
        return None, ":".join(g for g in m.groups() if g is not None), norm.span(m.start(), m.end())
    m = _WITH_VOTES.search(norm.text)
    if m:  # two numbers are yes and no; no abstention named is none
        return None, ":".join(g or "0" for g in m.groups()), norm.span(m.start(), m.end())
    counted = _land_votes(norm)
    if counted:
        return None, counted[0], counted[1]
    for ln in lines:
        lm = _RESULT_LINE.match(ln.text)
        if lm:
            return _RESULT_WORDS[lm.group(1).casefold()], None, (ln.start, ln.end)
    return None


def _land_votes(norm: NormText) -> tuple[str, tuple[int, int]] | None:
    """("yes:no:abstain", span) of the Länder's votes given by name (_PER_LAND, _LISTS)."""
    m = _PER_LAND.search(norm.text)
    if m:
        said = [v.casefold() for _, v in _LAND_VOTE.findall(m.group(1))]
        yes, no = said.count("ja"), said.count("nein")
        return f"{yes}:{no}:{len(said) - yes - no}", norm.span(m.start(), m.end())
    m = _LISTS.search(norm.text)
    if m:
        n = [len(re.findall(_LAND_CODE + r"\b", g or "")) for g in m.groups()]
        return ":".join(map(str, n)), norm.span(m.start(), m.end())
    return None


def _list_lines(lines: list[Line], i: int, stop: int, gap: int) -> int:
    """Index after the last line of a list starting at line i (wrapped over lines)."""
    j = i + 1
    while j < stop and lines[j].gap <= gap and re.search(r"[,\-–]$|\bund$|\bsowie$", lines[j - 1].text):
        j += 1
    return j


_TITLE_GOES_ON = re.compile(r"(?:\s[–—-]|,|\b(?:und|oder|der|die|das|des|für|von|zur|zum|im|mit|auf|bei))$")


def _heading_like(text: str) -> bool:
    """A line that can be (part of) a title: no sentence end, no finite verb."""
    if re.search(r"[.;:,!?]$", text) or _TRAILING_SMALL.search(text):
        return False
    return not any(w in _FINITE for w in re.findall(r"[a-zäöüß]+", text))


class _HeaderScan:
    """The state of reading one header: the lines, what they were claimed for, the spans."""

    def __init__(self, norm: NormText, lines: list[Line], gap: int):
        self.norm, self.lines, self.gap = norm, lines, gap
        self.spans: dict[str, tuple[int, int]] = {}
        self.claimed: set[int] = set()
        self.meeting: set[int] = set()  # the lines naming the conference, its dates and place

    def line_of(self, original_offset: int, stop: int) -> int | None:
        return next((k for k in range(stop) if self.lines[k].start <= original_offset < self.lines[k].end + 1), None)

    def conference(self, region: str, stop: int) -> tuple[str | None, int | None]:
        """The earliest conference name, alias or abbreviation (or one named by its ministers'
        topic); the session number before any of its mentions ("82. Gesundheitsministerkonferenz")
        or after "in seiner … Sitzung" (the Bundesrat)."""
        cpat, cnames = _conference_re()
        tpat, stems = _topic_re()
        # (start, end, abbreviation) of every mention, by name or by its ministers' topic
        mpat, members = _members_re()
        mentions = sorted([(m.start(1), m.end(1), cnames[m.group(1)]) for m in cpat.finditer(region)]
                          + [(m.start(), m.end(), stems[m.group(1)]) for m in tpat.finditer(region)]
                          + [(m.start(), m.end(), members[m.group(1) or m.group(2)]) for m in mpat.finditer(region)])
        conference = None
        if mentions:
            a, b, conference = mentions[0]
            self.spans["conference"] = self.norm.span(a, b)
        session = None
        for a, _, abbreviation in mentions:
            if abbreviation != conference:
                continue
            sm = _SESSION_BEFORE.search(region[max(0, a - 40) : a])
            if sm:
                session = int(sm.group(1))
                break
        if session is None and conference:
            am = _SESSION_AFTER.search(region) or _SESSION_WORD.search(region)
            if am:
                session = int(am.group(1))
        if "conference" in self.spans:
            k = self.line_of(self.spans["conference"][0], stop)
            if k is not None:
                # a name wrapped over lines: "… der Kultusminister der Länder" ⏎ "in der Bundesrepublik"
                while k is not None and k < stop:
                    self.claimed.add(k)
                    self.meeting.add(k)
                    k = k + 1 if k + 1 < stop and self.lines[k + 1].text[:1].islower() else None
        return conference, session

    def agenda_id(self, stop: int) -> tuple[int, re.Match, str] | None:
        """An agenda id that opens a line wins over one inside a line ("Beschluss vom …, TOP 7.1")."""
        for at_start in (True, False):
            for pat, kind in _TOP_PATTERNS:
                for k in range(stop):
                    m = pat.search(self.lines[k].text)
                    if m and (m.start() == 0) == at_start:
                        return k, m, kind
        return None

    def dates_and_place(self, region: str, stop: int):
        dates = find_dates(region)
        if not dates:
            return None, None, None
        start_date, end_date, (ds, de) = dates
        self.spans["dates"] = self.norm.span(ds, de)
        k = self.line_of(self.spans["dates"][0], stop)
        place = None
        if k is not None:
            self.claimed.add(k)
            self.meeting.add(k)
            ln = self.lines[k]
            rest = region[de : self.norm.norm_index(ln.end)]
            base = de
            next_line = False
            if not rest.strip() and k + 1 < stop:  # "am 21./22. März 2012" ⏎ "in Überherrn"
                next_line = k + 1 not in self.claimed
                ln = self.lines[k + 1]
                base = self.norm.norm_index(ln.start)
                rest = " " + region[base : self.norm.norm_index(ln.end)]
                base -= 1
            after = self.norm.offsets[min(base + 1, len(self.norm.offsets) - 1)]
            column = _COLUMN_GAP.search(self.norm.original, after, ln.end)
            if column and self.norm.norm_index(column.start()) > base:
                # "am 23. Juni 2016 in Berlin        Niederschrift": a second column's words
                # beside the line are no part of the place
                rest = rest[: self.norm.norm_index(column.start()) - base]
            pm = _PLACE.match(rest) or (_bare_place(rest, ln, self.gap) if next_line else None)
            if pm:
                g = 1 if pm.group(1) else 2
                place = pm.group(g).strip()
                self.spans["place"] = self.norm.span(base + pm.start(g), base + pm.start(g) + len(place))
                pk = self.line_of(self.spans["place"][0], stop) or k
                self.claimed.add(pk)
                self.meeting.add(pk)
        return start_date, end_date, place

    def actor_lists(self, lo: int, hi: int) -> tuple[tuple[str, ...] | None, tuple[str, ...]]:
        """The "Antragsteller:" list (None where the text has none) and the rapporteurs."""
        applicants: tuple[str, ...] | None = None
        rapporteurs: tuple[str, ...] = ()
        norm, lines = self.norm, self.lines
        for k in range(lo, hi):
            t = lines[k].text
            for field_name, pat in (("applicants", _APPLICANTS), ("co_applicants", _CO_APPLICANTS),
                                    ("rapporteur", _RAPPORTEUR)):
                fm = pat.match(t)
                if not fm or field_name in self.spans or k in self.claimed:
                    continue
                j = _list_lines(lines, k, hi, self.gap)
                if j == k + 1 and fm.end() == len(t) and k + 1 < hi:
                    j = _list_lines(lines, k + 1, hi, self.gap)  # "Antrag:" ⏎ "Bayern, Hessen"
                a = norm.norm_index(lines[k].start) + fm.end()
                b = norm.norm_index(lines[j - 1].end)
                actors = parse_actor_list(norm.text[a:b])
                if field_name == "applicants" and not actors and not t.startswith("Antragst"):
                    continue  # "Antrag:" without a list is a document type, not applicants
                self.claimed.update(range(k, j))
                if a < b:
                    self.spans[field_name] = norm.span(a, b)
                if field_name == "applicants":
                    applicants = tuple(dict.fromkeys((*actors, *(applicants or ()))))
                elif field_name == "co_applicants":
                    applicants = tuple(dict.fromkeys((*(applicants or ()), *actors)))
                else:
                    rapporteurs = actors
        if applicants is None and not rapporteurs:
            applicants = self._inline_applicants(lo, hi)
        return applicants, rapporteurs

    def _inline_applicants(self, lo: int, hi: int) -> tuple[str, ...] | None:
        """"… in Hannover TOP 3.2 … Antragsteller: Alle Länder Abstimmungsergebnis: …": a
        mirror that runs a page into one line keeps the field inside it, up to the next label."""
        for k in range(lo, hi):
            t = self.lines[k].text
            fm = _INLINE_APPLICANTS.search(t)
            if not fm or fm.start() == 0:
                continue
            end = _INLINE_LABEL.search(t, fm.end())
            b = end.start() if end else len(t)
            actors = parse_actor_list(t[fm.end() : b])
            if actors and b - fm.end() < 300:
                nts = self.norm.norm_index(self.lines[k].start)
                self.spans["applicants"] = self.norm.span(nts + fm.end(), nts + b)
                return actors
        return None


# the labels of header fields inside a line ("… Arbeit Antragsteller: Alle Länder Beschluss: 1. …")
_INLINE_LABEL = re.compile(
    r"\s(?:Antragsteller(?:in|innen)?|Antragstellende[s]?\s+(?:Länder|Land)|Antrag|Berichterstatt\w*|BE"
    r"|Abstimmungsergebnis|Abstimmung|Ergebnis|Beschluss|Veröffentlichung)\s*:"
)
_INLINE_APPLICANTS = re.compile(r"\s(?:Antragsteller(?:in|innen)?|Antragstellende[s]?\s+(?:Länder|Land))\s*:\s*")


def _inline_title(tail: str) -> str:
    """The title after an agenda id inside a line: the words up to the next field label,
    when they read as a heading."""
    lab = _INLINE_LABEL.search(tail)
    if not lab:
        return ""
    title = tail[: lab.start()].strip(" :–-")
    return title if 0 < len(title) <= 250 and _heading_like(title) and title[:1].isupper() else ""


def _conference_only(text: str) -> bool:
    """A line that only names a conference in the genitive ("des Bundesrates")."""
    m = re.fullmatch(r"(?:der|des)\s+(.+)", text)
    return bool(m and _conference_re()[0].fullmatch(m.group(1)))


def _title_run(scan: _HeaderScan, ks: list[int], width: int | None = None) -> tuple[int, int] | None:
    """Normalised span of a title over consecutive candidate lines (at most three)."""
    if not ks:
        return None
    norm, lines = scan.norm, scan.lines
    a, b = norm.norm_index(lines[ks[0]].start), norm.norm_index(lines[ks[0]].end)
    j = 1
    while (
        j < len(ks) and j < 3
        and not re.search(r"[.:;]$", norm.text[a:b])
        and not _SUBTITLE.match(lines[ks[j]].text)
        and not _REFERENCE.search(lines[ks[j]].text)
        and ks[j] == ks[j - 1] + 1
        and lines[ks[j]].gap <= scan.gap
    ):
        b = norm.norm_index(lines[ks[j]].end)
        j += 1
    return a, b


def parse_header(
    name: str, norm: NormText, lines: list[Line], gap: int,
    conference: str | None = None, top: str | None = None, section: int = 0,
) -> tuple[Header, int]:
    """The header facts and the original offset where the decision's body begins.

    Every field is optional: what the text does not state is None (applicants: None = no
    applicants line, not "no applicants"), never a guess. Only a text without any decision
    formula is refused (InputError). ``conference`` (an abbreviation) and ``top`` stand in
    where the text names none (``mkgraph ingest --conference/--id``); the text wins.
    ``section``: the original offset where this agenda item of a protocol begins; its
    formula is looked for from there (the lines before are the protocol's shared header).
    """
    first_line = next((k for k, ln in enumerate(lines) if ln.end > section), len(lines))
    cands = formula_candidates(norm, lines, first_line)
    chosen, _ = choose_formula(cands, lines)
    if chosen is None:
        raise InputError(name, "no decision formula found (no resolution language)")
    formula = sentence_start(norm, lines, chosen)
    scan = _HeaderScan(norm, lines, gap)
    # the header: the lines before the formula, and after it agenda id, title and list
    # fields up to the first line of the body
    after = _after_formula(scan, formula)
    stop = formula.line + (1 if lines[formula.line].start < formula.start else 0)
    region_end = norm.norm_index(lines[after - 1].end) if after > 0 else 0
    region = norm.text[:region_end]
    scan.claimed.update(range(formula.line, formula.line + 1))

    found_conf, session = scan.conference(region, after)
    top_line, top_number, top_label, top_rest = _agenda(scan, after, top)

    start_date, end_date, place = scan.dates_and_place(region, after)
    year = end_date.year if end_date else None
    if year is None:
        ym = re.search(r"(?<![\d.])(19[5-9]\d|20\d\d)(?!\d)", region)
        year = int(ym.group(1)) if ym else None

    applicants, rapporteurs = scan.actor_lists(0, after)
    result, counts = _vote_result(scan)
    formula = extend_formula(formula, lines, scan.claimed, gap)
    scan.claimed.update(range(formula.line, chosen.line + 1))

    # a protocol's shared head may hold formula headings too: none of them is a title
    heads = formula_candidates(norm, lines, 0, first_line) if first_line else []
    doc_type, title, subtitle, body_start = _titles(scan, formula, top_line, top_rest, stop, after, heads + cands)

    scan.spans["decision_formula"] = (formula.start, formula.end)
    # the words decide: a formula's vote, overridden by "Abstimmungsergebnis: einstimmig";
    # where neither names one, counts decide only when they are conclusive (see votes_from_counts)
    vote = formula.vote
    if result and result[0]:
        vote = result[0]
    elif vote == "unknown" and counts:
        vote = votes_from_counts(counts[0])

    header = Header(
        conference=found_conf or conference,
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
        spans=dict(sorted(scan.spans.items())),
    )
    return header, max(body_start, formula.end)


def _agenda(scan: _HeaderScan, after: int, top: str | None):
    """(line, number, label, the rest of its line) of the agenda id in the header lines
    before after; the given top stands in where the text names none."""
    norm, lines = scan.norm, scan.lines
    top_hit = scan.agenda_id(after)
    if not top_hit:
        return None, top, top, ""
    top_line, m, kind = top_hit
    top_number = re.sub(r"\s+", " ", m.group(2))
    top_label = {
        "TOP": f"TOP {top_number}", "Tagesordnungspunkt": f"Tagesordnungspunkt {top_number}",
        "Punkt": f"Punkt {top_number} der Tagesordnung",
    }.get(kind, top_number)
    ln = lines[top_line]
    nts = norm.norm_index(ln.start)
    scan.spans["top"] = norm.span(nts + m.start(), nts + len(m.group(0).rstrip(": ")) + m.start())
    scan.claimed.add(top_line)
    if m.start() == 0:
        top_rest = ln.text[m.end():].strip(" :–-|")
    else:
        top_rest = _inline_title(ln.text[m.end():])
    return top_line, top_number, top_label, top_rest


def _vote_result(scan: _HeaderScan):
    """(find_vote_result's answer, (counts text, span) or None); the result's line is claimed."""
    lines = scan.lines
    result = find_vote_result(scan.norm, lines)
    counts = None
    if result:
        _, counts_text, span = result
        scan.spans["vote_result"] = span
        if counts_text:
            counts = (counts_text, span)
            scan.spans["vote_counts"] = span
        k = scan.line_of(span[0], len(lines))
        if k is not None:
            scan.claimed.add(k)
    return result, counts


# the words that open a decision's first sentence
_SENTENCE_OPENING = re.compile(r"^(?:Die|Der|Das|Sie|Er|Es|Wir|Bund und Länder)\s+[A-ZÄÖÜa-zäöüß]")


def _after_formula(scan: _HeaderScan, formula: Formula) -> int:
    """Index of the first body line: after the formula, header lines may follow (an agenda
    id, a title, "Antrag:", "Berichterstattung:" lists) before the decision starts."""
    lines, k = scan.lines, formula.line + 1
    end_line = scan.line_of(formula.end - 1, len(lines))
    if end_line is not None and _SENTENCE_OPENING.match(scan.norm.original[formula.end : lines[end_line].end].strip()):
        # "Beschluss: Die GMK bittet …": the decision begins on the formula's own line, so
        # the lines after it (a vote result) are no header lines before it
        return end_line + 1
    title_lines = 0
    # a title may follow the formula only where the agenda id stands alone right before it
    # ("Beschluss:" ⏎ "TOP 5" ⏎ "Die GMK hat einstimmig beschlossen:" ⏎ <title>)
    bare_top = re.compile(r"^(?:TOP|Top|Tagesordnungspunkt)\s*:?\s*" + _AGENDA_ID + r"\s*:?$")
    # or after a heading ("Beschluss der Regierungschefinnen … vom 5. Mai 2022" ⏎ <title>)
    title_ok = not formula.strong or (formula.line > 0 and bool(bare_top.match(lines[formula.line - 1].text)))
    while k < len(lines):
        t = lines[k].text
        if _BODY_MARKER.match(t):
            break
        if agenda_line(t) and not any(p.search(t) for p, _, _ in _formulas()):
            k += 1
            continue
        if _APPLICANTS.match(t) or _RAPPORTEUR.match(t) or _is_result(t):
            k = _list_lines(lines, k, len(lines), scan.gap)
            if k < len(lines) and re.search(r":$", lines[k - 1].text) and not _BODY_MARKER.match(lines[k].text):
                k = _list_lines(lines, k, len(lines), scan.gap)
            continue
        if title_ok and title_lines < 3 and _heading_like(t) and k + 1 < len(lines):
            title_lines += 1
            k += 1
            continue
        break
    return k


def _titles(scan: _HeaderScan, formula: Formula, top_line: int | None, top_rest: str, stop: int, after: int,
            cands: list[Formula]):
    """Document type, title, subtitle and where the body begins.

    The title is looked for, in this order: on the agenda id's line and the unclaimed lines
    after it; in the unclaimed lines before the formula (a title above the conference name);
    in heading lines right after the formula ("Beschluss: TOP 5 … beschlossen: <title>")."""
    candidates, cand_lines = _title_candidates(scan, formula, top_line, top_rest, stop, after, cands)
    return _title_parts(scan, formula, top_line, after, candidates, cand_lines)


def _title_candidates(scan: _HeaderScan, formula: Formula, top_line: int | None, top_rest: str, stop: int,
                      after: int, cands: list[Formula]) -> tuple[list[tuple[int, int]], list[int]]:
    """The normalised spans (and their lines) that may hold document type, title and
    subtitle, in the order _titles describes."""
    norm, lines = scan.norm, scan.lines
    formula_lines = {c.line for c in cands if c.line < after}
    candidates: list[tuple[int, int]] = []  # normalised spans
    cand_lines: list[int] = []
    first = top_line if top_line is not None else max((k for k in scan.meeting if k < stop), default=-1)
    if top_rest and top_line is not None:
        ln = lines[top_line]
        nts = norm.norm_index(ln.start)
        tr = ln.text.rfind(top_rest)
        candidates.append((nts + tr, nts + tr + len(top_rest)))
        cand_lines.append(top_line)
        # a title wrapped after its agenda id: the next line goes on in lower case, or the
        # line before breaks off after a dash, a comma or a small word ("Pflege der Zukunft –"
        # ⏎ "Herausforderungen für die Länder")
        k = top_line + 1
        while (k < len(lines) and k not in scan.claimed and lines[k].gap <= scan.gap
               and (lines[k].text[:1].islower() or (_TITLE_GOES_ON.search(lines[k - 1].text)
                                                     and not _is_field_line(lines[k].text)))
               and _heading_like(lines[k].text)):
            candidates.append((norm.norm_index(lines[k].start), norm.norm_index(lines[k].end)))
            cand_lines.append(k)
            k += 1
    ranges = [(first + 1, after, first >= 0), (0, stop, True), (formula.line + 1, after, True)]
    lead = min(scan.meeting, default=None)
    if top_line is None and not formula.strong and lead is not None and any(
            k not in scan.claimed and _heading_like(lines[k].text) and not _REFERENCE.search(lines[k].text)
            for k in range(lead)):
        # a heading above the meeting lines ("Bildung in der digitalen Welt" ⏎ "Strategie der
        # Kultusministerkonferenz" ⏎ "(Beschluss … vom …)") is the title, not the section
        # heading after the formula ("Vorbemerkung")
        ranges.insert(0, (0, lead, True))
    for n, (lo, hi, usable) in enumerate(ranges):
        if candidates:
            break
        if not usable:
            continue  # no agenda id, no meeting line: nothing the title would follow
        after_id = lo == first + 1 and hi == after and n == 0
        for k in range(max(lo, 0), hi):
            # away from the agenda id and the meeting, only a heading can be the title
            t = lines[k].text
            if candidates and _conference_only(t):
                continue  # "Stellungnahme" ⏎ "des Bundesrates" ⏎ <title>: the heading goes on
            if (k not in scan.claimed and not _BODY_MARKER.match(t) and not _REFERENCE.search(t)
                    and k not in formula_lines and not (not candidates and t[:1].islower())
                    and (after_id or _heading_like(t))):
                candidates.append((norm.norm_index(lines[k].start), norm.norm_index(lines[k].end)))
                cand_lines.append(k)
            elif candidates:
                break
    return candidates, cand_lines


def _title_parts(scan: _HeaderScan, formula: Formula, top_line: int | None, after: int,
                 candidates: list[tuple[int, int]], cand_lines: list[int]):
    """Document type, title, subtitle and body start from the title candidates."""
    norm, lines = scan.norm, scan.lines
    body_start = formula.end
    doc_type = title = subtitle = None
    doc_types = _doc_types()
    dpat = re.compile(r"^(" + _alternation(list(doc_types)) + r")\b\s*:?\s*")
    i = 0
    if candidates:
        a, b = candidates[0]
        dm = dpat.match(norm.text[a:b])
        if dm and (dm.end() == b - a or norm.text[a + dm.end(1) : a + dm.end(1) + 1] == ":"):
            doc_type = doc_types[dm.group(1)]
            scan.spans["document_type"] = norm.span(a, a + dm.end(1))
            if dm.end() < b - a:
                candidates[0] = (a + dm.end(), b)
            else:
                i = 1
    if i < len(candidates):
        ks = cand_lines[i:]
        a, b = candidates[i]
        # a title cut out of a line at the next field label ends there
        inline = top_line is not None and cand_lines[i] == top_line and scan.spans["top"][0] != lines[top_line].start
        run = None if inline else _title_run(scan, ks)
        j = i + 1
        if run:
            b = max(b, run[1])
            j = i + sum(1 for c in candidates[i:] if c[1] <= b)
        if a < b:
            title = norm.text[a:b]
            scan.spans["title"] = norm.span(a, b)
            if cand_lines[i] > formula.line:
                body_start = max(body_start, scan.spans["title"][1])
        if j < len(candidates):
            sa, sb = candidates[j]
            sub = _SUBTITLE.match(norm.text[sa:sb])
            if sub and sub.group(1):
                subtitle = sub.group(1)
                scan.spans["subtitle"] = norm.span(sa + sub.start(1), sa + sub.end(1))
    if after > formula.line + 1 and after <= len(lines):
        body_start = max(body_start, lines[after - 1].end)
    return doc_type, title, subtitle, body_start
