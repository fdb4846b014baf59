"""Synthetic corpus of minister-conference resolution TEXTS (not RDF) for benchmarks.

    python benchmarks/corpus.py --resolutions 1000 --out /tmp/corpus [--seed 0]

Each text has the shape of `sources/intmk-2017-top-2-1.txt`: a session header, an agenda
id, a title, applicants, a decision formula, 5-15 numbered points, 0-6 lettered action
fields, 10-90 statement-bearing clauses (demands, appeals, acknowledgements, offers,
commitments, criticism, findings, goals, thanks) addressed to real actor kinds, laid out
as PDF-extracted text: a blank line after every line, words hyphenated across lines,
page breaks shown as a line starting with a space, now and then a "- 2 -" marker.

Deterministic: resolution i of seed s is drawn from its own `random.Random("s:i")`, so
the same seed gives byte-identical files and any single resolution can be rebuilt alone.
The layout helpers (`layout`, `wrap`) are also used to lay out the hand-written texts
under tests/ingest/.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

LAENDER = (
    ("DE-BW", "Baden-Württemberg"), ("DE-BY", "Bayern"), ("DE-BE", "Berlin"),
    ("DE-BB", "Brandenburg"), ("DE-HB", "Bremen"), ("DE-HH", "Hamburg"),
    ("DE-HE", "Hessen"), ("DE-MV", "Mecklenburg-Vorpommern"), ("DE-NI", "Niedersachsen"),
    ("DE-NW", "Nordrhein-Westfalen"), ("DE-RP", "Rheinland-Pfalz"), ("DE-SL", "Saarland"),
    ("DE-SN", "Sachsen"), ("DE-ST", "Sachsen-Anhalt"), ("DE-SH", "Schleswig-Holstein"),
    ("DE-TH", "Thüringen"),
)


@dataclass(frozen=True)
class Conference:
    abbr: str
    name: str  # as it appears in the session header
    domain: str  # key into TOPICS
    session_base: int  # session number in 2020
    per_year: int
    flat_tops: bool  # "TOP 49" instead of "TOP 2.1"
    ministry: str  # actor key of the federal ministry usually addressed


CONFERENCES = (
    Conference("IntMK", "Integrationsministerkonferenz", "integration", 15, 1, False, "bmi"),
    Conference("GMK", "Gesundheitsministerkonferenz", "health", 93, 1, False, "bmg"),
    Conference("IMK", "Innenministerkonferenz", "interior", 212, 2, True, "bmi"),
    Conference("ASMK", "Arbeits- und Sozialministerkonferenz", "labour", 97, 1, False, "bmas"),
    Conference("JFMK", "Jugend- und Familienministerkonferenz", "youth", 46, 1, False, "bmfsfj"),
    Conference("KMK", "Kultusministerkonferenz", "education", 370, 4, True, "bmbf"),
    Conference("WMK", "Wirtschaftsministerkonferenz", "economy", 80, 2, False, "bmwk"),
    Conference("UMK", "Umweltministerkonferenz", "environment", 94, 2, True, "bmuv"),
    Conference("JuMiKo", "Justizministerkonferenz", "justice", 91, 2, False, "bmj"),
    Conference("GFMK", "Gleichstellungs- und Frauenministerkonferenz", "youth", 30, 1, False, "bmfsfj"),
    Conference("BMK", "Bauministerkonferenz", "economy", 136, 2, True, "bmwsb"),
    Conference("AMK", "Agrarministerkonferenz", "environment", 40, 2, False, "bmel"),
)
YEARS = tuple(range(2006, 2025))

# actor key -> (nominative, accusative, dative, plural?)
ACTORS = {
    "bund": ("der Bund", "den Bund", "dem Bund", False),
    "bundesregierung": ("die Bundesregierung", "die Bundesregierung", "der Bundesregierung", False),
    "laender": ("die Länder", "die Länder", "den Ländern", True),
    "kommunen": ("die Kommunen", "die Kommunen", "den Kommunen", True),
    "landkreise": ("die Landkreise", "die Landkreise", "den Landkreisen", True),
    "zivilgesellschaft": ("die Zivilgesellschaft", "die Zivilgesellschaft", "der Zivilgesellschaft", False),
    "arbeitgeber": ("die Arbeitgeber", "die Arbeitgeber", "den Arbeitgebern", True),
    "krankenkassen": ("die Krankenkassen", "die Krankenkassen", "den Krankenkassen", True),
    "eu-kommission": ("die Europäische Kommission", "die Europäische Kommission", "der Europäischen Kommission", False),
    "bmi": ("das BMI", "das BMI", "dem BMI", False),
    "bmg": ("das BMG", "das BMG", "dem BMG", False),
    "bmas": ("das BMAS", "das BMAS", "dem BMAS", False),
    "bmfsfj": ("das BMFSFJ", "das BMFSFJ", "dem BMFSFJ", False),
    "bmbf": ("das BMBF", "das BMBF", "dem BMBF", False),
    "bmwk": ("das BMWK", "das BMWK", "dem BMWK", False),
    "bmuv": ("das BMUV", "das BMUV", "dem BMUV", False),
    "bmj": ("das BMJ", "das BMJ", "dem BMJ", False),
    "bmwsb": ("das BMWSB", "das BMWSB", "dem BMWSB", False),
    "bmel": ("das BMEL", "das BMEL", "dem BMEL", False),
}

# (object, infinitive, zu-infinitive): "die Mittel dauerhaft" + "sichern"/"zu sichern"
TOPICS: dict[str, dict[str, tuple]] = {
    "health": {
        "titles": ("Sicherstellung der ambulanten Versorgung im ländlichen Raum",
                   "Stärkung des Öffentlichen Gesundheitsdienstes",
                   "Fachkräftesicherung in der Pflege", "Digitalisierung im Gesundheitswesen",
                   "Versorgung mit Arzneimitteln und Medizinprodukten"),
        "actions": (("die Finanzierung des Öffentlichen Gesundheitsdienstes dauerhaft", "sichern", "zu sichern"),
                    ("die Vergütung der Pflegefachkräfte spürbar", "verbessern", "zu verbessern"),
                    ("die Telematikinfrastruktur praxistauglich", "ausgestalten", "auszugestalten"),
                    ("Lieferengpässe bei Arzneimitteln wirksam", "verhindern", "zu verhindern"),
                    ("die Bedarfsplanung für Hausarztpraxen kleinräumiger", "gestalten", "zu gestalten"),
                    ("die Kosten der Krankenhausreform transparent", "darlegen", "darzulegen"),
                    ("einen Gesetzentwurf zur Notfallversorgung", "vorlegen", "vorzulegen")),
        "fields": ("Ambulante Versorgung", "Pflege", "Öffentlicher Gesundheitsdienst",
                   "Digitalisierung", "Prävention und Gesundheitsförderung", "Arzneimittelversorgung"),
        "things": ("der Pakt für den Öffentlichen Gesundheitsdienst", "die Pflegeausbildung",
                   "die sektorenübergreifende Versorgung", "die Krankenhausplanung der Länder"),
    },
    "interior": {
        "titles": ("Stärkung des Bevölkerungsschutzes", "Bekämpfung der Clankriminalität",
                   "Schutz kritischer Infrastrukturen", "Gewalt gegen Einsatzkräfte",
                   "Digitalfunk der Behörden und Organisationen mit Sicherheitsaufgaben"),
        "actions": (("die Ausstattung des Katastrophenschutzes deutlich", "verbessern", "zu verbessern"),
                    ("ein bundesweites Lagebild zur Cyberkriminalität", "erstellen", "zu erstellen"),
                    ("die Sirenenförderung über das laufende Jahr hinaus", "fortführen", "fortzuführen"),
                    ("den Informationsaustausch der Sicherheitsbehörden rechtssicher", "regeln", "zu regeln"),
                    ("die Kosten des Digitalfunks gerecht", "verteilen", "zu verteilen"),
                    ("die Rückführung vollziehbar Ausreisepflichtiger konsequent", "unterstützen", "zu unterstützen")),
        "fields": ("Bevölkerungsschutz", "Polizeiliche Zusammenarbeit", "Cybersicherheit",
                   "Migration und Rückkehr", "Verfassungsschutz", "Digitalisierung der Verwaltung"),
        "things": ("das Gemeinsame Kompetenzzentrum Bevölkerungsschutz", "die Warn-App des Bundes",
                   "die Zusammenarbeit der Polizeien von Bund und Ländern", "das Programm Polizei 2020"),
    },
    "labour": {
        "titles": ("Fachkräftesicherung und Weiterbildung", "Armutsfeste Grundsicherung",
                   "Arbeitsschutz in der Fleischwirtschaft", "Teilhabe von Menschen mit Behinderungen",
                   "Zukunft der Alterssicherung"),
        "actions": (("die Mittel für die Eingliederung von Langzeitarbeitslosen", "erhöhen", "zu erhöhen"),
                    ("die Anerkennung ausländischer Berufsabschlüsse", "beschleunigen", "zu beschleunigen"),
                    ("die Kontrolldichte im Arbeitsschutz", "erhöhen", "zu erhöhen"),
                    ("das Budget für Ausbildung bekannter", "machen", "zu machen"),
                    ("die Tarifbindung in allen Branchen", "stärken", "zu stärken"),
                    ("einen Bericht zur Wirkung des Bürgergeldes", "vorlegen", "vorzulegen")),
        "fields": ("Arbeitsmarkt", "Weiterbildung", "Arbeitsschutz", "Soziale Sicherung",
                   "Inklusion", "Alterssicherung"),
        "things": ("das Teilhabechancengesetz", "die Nationale Weiterbildungsstrategie",
                   "das Arbeitsschutzkontrollgesetz", "die Allianz für Aus- und Weiterbildung"),
    },
    "youth": {
        "titles": ("Kinderschutz und Kinderrechte", "Ausbau der Kindertagesbetreuung",
                   "Gleichstellung in Führungspositionen", "Schutz vor häuslicher Gewalt",
                   "Jugendbeteiligung stärken"),
        "actions": (("die Mittel für den Ausbau der Kindertagesbetreuung", "verstetigen", "zu verstetigen"),
                    ("die Kinderrechte im Grundgesetz", "verankern", "zu verankern"),
                    ("ein Förderprogramm für Frauenhäuser", "auflegen", "aufzulegen"),
                    ("die Fachkräfteoffensive Erzieherinnen und Erzieher", "fortsetzen", "fortzusetzen"),
                    ("die Beteiligung junger Menschen verbindlich", "regeln", "zu regeln"),
                    ("die Kinder- und Jugendhilfe inklusiv", "weiterentwickeln", "weiterzuentwickeln")),
        "fields": ("Kindertagesbetreuung", "Kinderschutz", "Jugendbeteiligung", "Schutz vor Gewalt",
                   "Vereinbarkeit von Familie und Beruf", "Gleichstellung"),
        "things": ("das Gute-KiTa-Gesetz", "das Bundesprogramm Sprach-Kitas",
                   "die Istanbul-Konvention", "die Kinder- und Jugendhilfestatistik"),
    },
    "education": {
        "titles": ("Digitalpakt Schule", "Lehrkräftegewinnung", "Ganztag im Grundschulalter",
                   "Berufliche Bildung stärken", "Bildung in der digitalen Welt"),
        "actions": (("die Mittel des Digitalpakts über das Jahr hinaus", "bereitstellen", "bereitzustellen"),
                    ("die Förderung der Administration schulischer IT", "fortsetzen", "fortzusetzen"),
                    ("den Rechtsanspruch auf Ganztagsbetreuung auskömmlich", "finanzieren", "zu finanzieren"),
                    ("die Lehrkräftebildung für den Seiteneinstieg", "öffnen", "zu öffnen"),
                    ("das Aufstiegs-BAföG", "erweitern", "zu erweitern")),
        "fields": ("Digitalisierung", "Lehrkräftebildung", "Ganztag", "Berufliche Bildung",
                   "Sprachliche Bildung", "Inklusion"),
        "things": ("der Digitalpakt Schule", "das Startchancen-Programm",
                   "die Qualitätsoffensive Lehrerbildung", "der Ganztagsausbau"),
    },
    "economy": {
        "titles": ("Stärkung des Mittelstands", "Bürokratieabbau", "Breitbandausbau im ländlichen Raum",
                   "Bezahlbares Wohnen", "Innenstädte beleben"),
        "actions": (("die Förderprogramme für kleine und mittlere Unternehmen", "vereinfachen", "zu vereinfachen"),
                    ("die Berichtspflichten der Unternehmen spürbar", "reduzieren", "zu reduzieren"),
                    ("die Gigabitförderung verlässlich", "ausstatten", "auszustatten"),
                    ("die soziale Wohnraumförderung", "verstetigen", "zu verstetigen"),
                    ("die Planungs- und Genehmigungsverfahren", "beschleunigen", "zu beschleunigen"),
                    ("das Vergaberecht", "entschlacken", "zu entschlacken")),
        "fields": ("Mittelstand", "Bürokratieabbau", "Digitale Infrastruktur", "Wohnungsbau",
                   "Innenstädte", "Fachkräfte"),
        "things": ("das Sofortprogramm Innenstädte", "die Gemeinschaftsaufgabe Regionale Wirtschaftsstruktur",
                   "das Bündnis bezahlbarer Wohnraum", "die Gigabitstrategie"),
    },
    "environment": {
        "titles": ("Klimaanpassung in den Kommunen", "Schutz der Insekten", "Kreislaufwirtschaft",
                   "Hochwasserschutz", "Tierwohl in der Nutztierhaltung"),
        "actions": (("die Gemeinschaftsaufgabe Klimaanpassung im Grundgesetz", "verankern", "zu verankern"),
                    ("den Einsatz von Pflanzenschutzmitteln", "verringern", "zu verringern"),
                    ("eine Herstellerverantwortung für Einwegkunststoffe", "einführen", "einzuführen"),
                    ("das Nationale Hochwasserschutzprogramm", "aufstocken", "aufzustocken"),
                    ("die Tierhaltungskennzeichnung", "erweitern", "zu erweitern"),
                    ("die Förderung der Moorböden", "ausbauen", "auszubauen")),
        "fields": ("Klimaanpassung", "Biologische Vielfalt", "Kreislaufwirtschaft", "Gewässerschutz",
                   "Tierwohl", "Boden"),
        "things": ("das Aktionsprogramm Natürlicher Klimaschutz", "die Nationale Wasserstrategie",
                   "das Insektenschutzpaket", "die Bundesförderung für Tierwohlställe"),
    },
    "justice": {
        "titles": ("Digitalisierung der Justiz", "Pakt für den Rechtsstaat",
                   "Bekämpfung von Hasskriminalität", "Modernisierung des Zivilprozesses",
                   "Opferschutz im Strafverfahren"),
        "actions": (("den Pakt für den Rechtsstaat", "verstetigen", "zu verstetigen"),
                    ("die elektronische Akte bundeseinheitlich", "ausgestalten", "auszugestalten"),
                    ("die Meldepflicht sozialer Netzwerke", "erweitern", "zu erweitern"),
                    ("die Videoverhandlung im Zivilprozess", "erleichtern", "zu erleichtern"),
                    ("die psychosoziale Prozessbegleitung", "ausbauen", "auszubauen")),
        "fields": ("Digitalisierung", "Personal", "Strafrecht", "Zivilverfahren", "Opferschutz",
                   "Justizvollzug"),
        "things": ("der Pakt für den Rechtsstaat", "das Netzwerkdurchsetzungsgesetz",
                   "die Digitalisierungsinitiative für die Justiz", "das Onlinezugangsgesetz"),
    },
    "integration": {
        "titles": ("Integration durch Sprache", "Teilhabe am Arbeitsmarkt",
                   "Integration in den Kommunen", "Bürgerschaftliches Engagement in der Flüchtlingshilfe",
                   "Interkulturelle Öffnung der Verwaltung"),
        "actions": (("Sprach- und Integrationskurse bedarfsgerecht", "bereitstellen", "bereitzustellen"),
                    ("die Migrationsberatung für Erwachsene", "ausbauen", "auszubauen"),
                    ("die Anerkennung mitgebrachter Qualifikationen", "vereinfachen", "zu vereinfachen"),
                    ("die Integrationskurse für weitere Gruppen", "öffnen", "zu öffnen"),
                    ("die Kosten der Unterbringung vollständig", "erstatten", "zu erstatten")),
        "fields": ("Integration durch Sprache", "Ausbildung und Arbeit", "Integration in den Kommunen",
                   "Wohnen und Leben", "Bürgerschaftliches Engagement", "Politische Bildung"),
        "things": ("das Gesamtprogramm Sprache", "das Integrationsgesetz",
                   "die Berufssprachkurse", "die Migrationsberatung"),
    },
}

# Sentences without any statement cue: the body text between statements.
FILLERS = (
    "Die Erfahrungen der vergangenen Jahre zeigen, wie wichtig eine enge Abstimmung zwischen den staatlichen Ebenen ist.",
    "Viele Beteiligte haben in dieser Zeit mit großem Einsatz gearbeitet und tragfähige Lösungen gefunden.",
    "Die Ausgangslage unterscheidet sich zwischen Stadtstaaten und Flächenländern zum Teil erheblich.",
    "In den ländlichen Räumen stellen sich dabei andere Fragen als in den Ballungszentren.",
    "Die demografische Entwicklung verschärft die Lage in den kommenden Jahren zusätzlich.",
    "Bereits heute bestehen zahlreiche Angebote, die jedoch nicht überall bekannt sind und nicht immer ineinandergreifen.",
    "Die Zuständigkeiten sind auf mehrere Ebenen verteilt, was die Steuerung erschwert.",
    "Gute Beispiele aus einzelnen Ländern belegen, dass tragfähige Strukturen in kurzer Zeit entstehen können.",
    "Die Auswertung der vorliegenden Daten zeigt ein uneinheitliches Bild.",
    "Die finanziellen Spielräume der öffentlichen Haushalte sind begrenzt.",
    "Verlässliche Rahmenbedingungen sind die Grundlage für Planungssicherheit bei allen Beteiligten.",
    "Die Digitalisierung eröffnet hierbei neue Möglichkeiten, bringt aber auch neue Aufgaben mit sich.",
    "Eine Vielzahl von Akteurinnen und Akteuren bringt dabei ihre Erfahrung und ihr Wissen ein.",
    "Die bisherigen Regelungen stammen aus einer Zeit, in der die heutigen Herausforderungen noch nicht absehbar waren.",
    "Vor Ort wird die Arbeit häufig von wenigen Personen getragen, die an ihre Belastungsgrenzen stoßen.",
    "Die Bürgerinnen und Bürger erwarten zu Recht, dass staatliches Handeln nachvollziehbar und wirksam ist.",
    "Die Lage hat sich seit der letzten Befassung der Konferenz weiter zugespitzt.",
    "Gleichzeitig ist ein breites gesellschaftliches Engagement zu beobachten.",
    "Mit den bisherigen Maßnahmen wurden wichtige Grundlagen geschaffen.",
    "Der Fachkräftemangel betrifft inzwischen nahezu alle Bereiche der öffentlichen Verwaltung.",
    "Die Verfahren dauern in vielen Fällen deutlich länger als vorgesehen.",
    "Eine bundesweit einheitliche Datengrundlage fehlt bislang.",
)
CHAPEAUS = (
    "Die {abbr} betont die Bereitschaft der Länder, gemeinsam mit dem Bund und den Kommunen insbesondere folgende Handlungsfelder weiterzuentwickeln:",
    "Die {abbr} sieht insbesondere in den folgenden Handlungsfeldern Bedarf:",
    "Für die weitere Arbeit werden folgende Schwerpunkte gesetzt:",
)
PLACES = ("Berlin", "Bremen", "Hamburg", "Kiel", "Lübeck", "Magdeburg", "Dresden", "Leipzig",
          "Potsdam", "Weimar", "Erfurt", "Mainz", "Trier", "Saarbrücken", "Stuttgart",
          "Friedrichshafen", "München", "Nürnberg", "Wiesbaden", "Hannover", "Rostock",
          "Schwerin", "Düsseldorf", "Münster", "Bad Saarow", "Goslar")
MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
          "Oktober", "November", "Dezember")
DOCTYPES = ("Leitantrag", "Antrag", "Beschlussvorschlag", None)
VOWELS = set("aeiouäöüyAEIOUÄÖÜ")


# ---------------------------------------------------------------- layout


def wrap(text: str, width: int) -> list[str]:
    """Break a paragraph into lines of about `width`, hyphenating long words as a PDF does.

    A hyphenated line ends in "-" (no trailing space) and the rest of the word starts
    the next line, lower case, so the normaliser joins it again; a compound with its own
    hyphen ("Mecklenburg-Vorpommern") breaks at that hyphen.
    """
    lines: list[str] = []
    cur = ""
    for word in text.split():
        if not cur:
            cur = word
            continue
        if len(cur) + 1 + len(word) <= width:
            cur += " " + word
            continue
        room = width - len(cur) - 1
        cut = _hyphen_point(word, room)
        if cut:
            head, tail = word[:cut], word[cut:]
            lines.append(cur + " " + (head if head.endswith("-") else head + "-"))
            cur = tail
        else:
            lines.append(cur)
            cur = word
    if cur:
        lines.append(cur)
    return lines


def _hyphen_point(word: str, room: int) -> int:
    """Where to split `word` so the head plus "-" fits in `room`; 0 for no split."""
    if room < 4 or len(word) < 8:
        return 0
    h = word.find("-")
    if 0 < h < len(word) - 2:  # a compound: break at its own hyphen, if it fits
        return h + 1 if h + 1 <= room and word[h + 1].isupper() else 0
    if not word.isalpha():
        return 0
    # the last syllable boundary that fits, keeping 3 letters on each side
    for p in range(min(room - 1, len(word) - 3), 2, -1):
        if _syllable_start(word, p) and any(c in VOWELS for c in word[:p]):
            return p
    return 0


def _syllable_start(word: str, p: int) -> bool:
    """A rough German rule: a syllable starts at the last consonant (or ch/ck/sch)
    before a vowel ("Grund-lagen", "Bran-chen", "Ta-sche")."""
    c = word[p]
    if c in VOWELS or not c.islower():
        return False
    if word[p - 1] == "c" or (word[p - 1] == "s" and word[p:p + 2] == "ch"):
        return False  # never inside ch, ck, sch
    if c in "rl" and word[p - 1] in "bpdtgkf":
        return False  # never inside pr, bl, tr …
    if c in "bpdtgkf" and word[p + 1] in "rl":
        return p + 2 < len(word) and word[p + 2] in VOWELS  # "Unter-bringung"
    for unit in ("sch", "ch", "ck", "ph", "th", "qu"):
        if word.startswith(unit, p):
            return p + len(unit) < len(word) and (word[p + len(unit)] in VOWELS or unit == "qu")
    return word[p + 1] in VOWELS


@dataclass(frozen=True)
class Style:
    width: int = 88
    blank_lines: bool = True  # a blank line after every line, as the seed has
    page_lines: int = 46  # a page break after about this many text lines
    markers: bool = False  # "- 2 -" lines at page breaks
    footer: str | None = None  # a file-path footer at page breaks


def layout(blocks: list[tuple[str, str]], style: Style) -> str:
    """Lay out blocks as PDF-extracted text.

    blocks: ("line", text) kept as one line, ("para", text) wrapped, ("gap", "") an
    empty line. Page breaks come where the page is full: the next line starts with a
    space (as in the seed), optionally after a page marker or footer line.
    """
    lines: list[str] = []
    for kind, text in blocks:
        if kind == "gap":
            lines.append("")
        elif kind == "line":
            lines.append(text)
        else:
            lines.extend(wrap(text, style.width))
    sep = "\n\n" if style.blank_lines else "\n"
    out: list[str] = ["\n \n\n" if style.blank_lines else "\n"]
    page, on_page = 1, 0
    for i, line in enumerate(lines):
        on_page += 1
        last = i == len(lines) - 1
        # break only after a line that ends a word, so a marker never splits a word
        if on_page >= style.page_lines and not last and not line.endswith("-"):
            page += 1
            on_page = 0
            out.append(line + " \n")
            if style.footer:
                out.append(style.footer + sep)
            if style.markers:
                out.append(f"- {page} -" + sep)
            out.append(" ")
            continue
        out.append(line if line.endswith("-") and line[-2:-1].isalpha() else line + " ")
        out.append(sep)
    out.append("\n")
    return "".join(out)


# ---------------------------------------------------------------- content


@dataclass(frozen=True)
class Spec:
    """What the generator put into one resolution (for tests and benchmarks)."""

    name: str
    conference: str
    session: int
    year: int
    top: str
    title: str
    applicants: tuple[str, ...]
    vote: str
    vote_counts: str | None
    points: int
    fields: tuple[str, ...]
    clauses: int  # statement-bearing sentences
    text: str


def _slot(i: int) -> tuple[Conference, int, int]:
    """Conference, year and per-(conference, year) ordinal of resolution i: unique TOPs."""
    nc, ny = len(CONFERENCES), len(YEARS)
    conf = CONFERENCES[i % nc]
    year = YEARS[(i // nc) % ny]
    k = i // (nc * ny)
    return conf, year, k


def _top(conf: Conference, k: int) -> str:
    if conf.flat_tops:
        return str(k + 1)
    return f"{k // 9 + 1}.{k % 9 + 1}"


def _agenda(rng: random.Random, top: str) -> str:
    return rng.choice((f"TOP {top}", f"TOP {top}", f"TOP: {top}", f"TOP {top}:",
                       f"Punkt {top} der Tagesordnung:"))


def _statement(rng: random.Random, conf: Conference, topic: dict) -> str:
    """One statement-bearing sentence; each carries exactly one cue."""
    obj, inf, zu = rng.choice(topic["actions"])
    key = rng.choice(("bund", "bund", "bundesregierung", conf.ministry, "laender", "kommunen",
                      "landkreise", "arbeitgeber", "zivilgesellschaft", "krankenkassen",
                      "eu-kommission"))
    nom, acc, dat, plural = ACTORS[key]
    thing = rng.choice(topic["things"])
    a = conf.abbr
    kind = rng.choices(("demand", "ack", "offer", "commit", "crit", "finding", "goal", "thanks"),
                       (10, 3, 1, 1, 2, 2, 1, 1))[0]
    if kind == "demand":
        form = rng.randrange(7)
        if form == 0:
            return f"Die {a} fordert {acc} auf, {obj} {zu}."
        if form == 1:
            return f"Die {a} bittet {acc}, {obj} {zu}."
        if form == 2:
            return f"Die {a} appelliert an {acc}, {obj} {zu}."
        if form == 3:
            von = "vom" + dat[3:] if dat.startswith("dem ") else "von " + dat
            return f"Die {a} erwartet {von}, {obj} {zu}."
        if form == 4:
            werden = "werden" if plural else "wird"
            return f"Die {a} hält es für erforderlich, dass {nom} tätig {werden}, um {obj} {zu}."
        modal = rng.choice((("müssen", "muss"), ("sollten", "sollte"), ("sollen", "soll")))
        return f"{nom[0].upper()}{nom[1:]} {modal[0] if plural else modal[1]} {obj} {inf}."
    if kind == "ack":
        form = rng.randrange(3)
        if form == 0:
            return f"Die {a} begrüßt {_acc_thing(thing)} als wichtigen Schritt."
        if form == 1:
            return f"Die {a} erkennt an, dass {thing} einen wichtigen Beitrag leistet."
        return f"Die {a} würdigt {_acc_thing(thing)} als wichtigen Beitrag."
    if kind == "offer":
        return f"Die Länder bieten {dat} ihre Unterstützung an, um {obj} {zu}."
    if kind == "commit":
        return f"Die Länder werden sich dafür einsetzen, {obj} {zu}."
    if kind == "crit":
        return f"Die {a} kritisiert, dass {nom} bislang keine Schritte unternommen {'haben' if plural else 'hat'}, um {obj} {zu}."
    if kind == "finding":
        return f"Die {a} stellt fest, dass {thing} nicht überall die erhoffte Wirkung entfaltet."
    if kind == "goal":
        return f"Ziel ist es, {obj} {zu}."
    return f"Die {a} dankt {dat} für die konstruktive Zusammenarbeit."


def _acc_thing(thing: str) -> str:
    # "der Pakt" is the only masculine article at the start of a thing: accusative "den"
    return "den" + thing[3:] if thing.startswith("der ") else thing


def _session(conf: Conference, year: int, meeting: int, seed: int) -> tuple[int, int, int, str]:
    """Number, month (0-based), first day and place of a conference's meeting of a year.

    Drawn from the meeting's own random.Random, not the resolution's: every resolution
    of one session names the same dates and place (the cross-document checks flagged
    each session that two resolutions described differently). Numbers count from the
    2020 session, one per meeting, so they are unique per (conference, year, meeting);
    meetings of a year follow each other in months."""
    number = conf.session_base + (year - 2020) * conf.per_year + meeting
    if number < 1:
        raise ValueError(f"{conf.abbr} {year}: session {number} (session_base too small for YEARS)")
    rng = random.Random(f"{seed}:{conf.abbr}:{year}:{meeting}")
    months = 12 // conf.per_year
    return number, meeting * months + rng.randrange(months), rng.randint(1, 27), rng.choice(PLACES)


def build(i: int, seed: int = 0) -> Spec:
    """Resolution number i of the corpus drawn from seed."""
    rng = random.Random(f"{seed}:{i}")
    conf, year, k = _slot(i)
    topic = TOPICS[conf.domain]
    top = _top(conf, k)
    session, month, day, place = _session(conf, year, rng.randrange(conf.per_year), seed)
    title = rng.choice(topic["titles"])
    style = Style(width=rng.randint(80, 96), page_lines=rng.randint(38, 52),
                  markers=rng.random() < 0.3)

    blocks: list[tuple[str, str]] = []
    blocks += [("line", f"{session}. {conf.name} {year}"),
               ("line", f"am {day}. und {day + 1}. {MONTHS[month]} {year} in {place}"),
               ("gap", ""), ("gap", ""), ("line", _agenda(rng, top))]
    doctype = rng.choice(DOCTYPES)
    if doctype:
        blocks.append(("line", f"{doctype}:"))
    blocks.append(("line", title))

    r = rng.random()
    if r < 0.15:
        applicants = tuple(sorted(iso for iso, _ in LAENDER))
        blocks.append(("line", rng.choice(("Antragsteller: Alle Länder", "Antrag: alle Länder"))))
    else:
        chosen = sorted(rng.sample(LAENDER, rng.randint(1, 15)), key=lambda l: l[1])
        applicants = tuple(sorted(iso for iso, _ in chosen))
        label = rng.choice(("Antragsteller:", "Antrag:"))
        blocks.append(("para", f"{label} " + ", ".join(name for _, name in chosen)))
    blocks.append(("gap", ""))

    vote = rng.choice(("unanimous", "majority"))
    counts = None
    if vote == "majority" and rng.random() < 0.4:
        yes = rng.randint(9, 15)
        no = rng.randint(0, 16 - yes)
        counts = f"{yes}:{no}:{16 - yes - no}"
    if vote == "unanimous":
        formula = rng.choice((f"Die {conf.abbr} hat einstimmig beschlossen:",
                              f"Die {conf.abbr} beschließt einstimmig:"))
    else:
        formula = rng.choice((f"Die {conf.abbr} hat mehrheitlich beschlossen:",
                              f"Die {conf.abbr} hat den folgenden Beschluss mehrheitlich gefasst:"))
    blocks.append(("line", formula))
    if counts:
        blocks.append(("line", f"Abstimmungsergebnis: {counts}"))
    blocks.append(("gap", ""))

    n_points = rng.randint(5, 15)
    n_fields = rng.choice((0, 0, 1, 2, 3, 4, 5, 6))
    n_parts = n_points + n_fields
    # total sentences follow a length target of about 6-27 KB; statements are a share
    total = rng.randint(56, 200)
    clauses = rng.randint(10, min(90, total - n_parts))
    kinds = [True] * clauses + [False] * (total - clauses)
    rng.shuffle(kinds)
    # every part gets at least one sentence; the rest are spread at random
    cuts = sorted(rng.sample(range(1, total), n_parts - 1))
    bounds = list(zip([0] + cuts, cuts + [total]))

    def sentences(lo: int, hi: int) -> list[str]:
        return [_statement(rng, conf, topic) if kinds[j] else rng.choice(FILLERS)
                for j in range(lo, hi)]

    def paragraphs(sents: list[str]) -> list[str]:
        paras, cur = [], []
        for s in sents:
            cur.append(s)
            if len(cur) >= 2 and rng.random() < 0.35:
                paras.append(" ".join(cur))
                cur = []
        if cur:
            paras.append(" ".join(cur))
        return paras

    for p in range(n_points):
        paras = paragraphs(sentences(*bounds[p]))
        blocks.append(("para", f"{p + 1}. {paras[0]}"))
        blocks += [("para", x) for x in paras[1:]]
    letters = "abcdef"[:n_fields]
    if n_fields:
        blocks += [("gap", ""), ("para", rng.choice(CHAPEAUS).format(abbr=conf.abbr)), ("gap", "")]
        names = rng.sample(topic["fields"], n_fields)
        for f, letter in enumerate(letters):
            blocks.append(("line", f"{letter}) {names[f]}"))
            blocks += [("para", x) for x in paragraphs(sentences(*bounds[n_points + f]))]
            blocks.append(("gap", ""))

    name = f"{conf.abbr.lower()}-{year}-top-{top.replace('.', '-')}"
    return Spec(name=name, conference=conf.abbr, session=session, year=year, top=top,
                title=title, applicants=applicants, vote=vote, vote_counts=counts,
                points=n_points, fields=tuple(letters), clauses=clauses,
                text=layout(blocks, style))


def generate(n: int, seed: int = 0) -> list[tuple[str, str]]:
    """n synthetic resolution texts as (file name, text), deterministic from seed."""
    if n < 0:
        raise ValueError("n must be >= 0")
    out = []
    for i in range(n):
        spec = build(i, seed)
        out.append((spec.name + ".txt", spec.text))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--resolutions", type=int, required=True, help="how many texts")
    ap.add_argument("--out", type=Path, required=True, help="folder to write them into")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    if args.resolutions < 0:
        print("--resolutions: must be >= 0", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    texts = generate(args.resolutions, args.seed)
    t1 = time.perf_counter()
    args.out.mkdir(parents=True, exist_ok=True)
    size = 0
    for name, text in texts:
        data = text.encode("utf-8")
        size += len(data)
        (args.out / name).write_bytes(data)
    t2 = time.perf_counter()
    print("| resolutions | bytes | generate s | write s |")
    print("|---:|---:|---:|---:|")
    print(f"| {len(texts)} | {size} | {t1 - t0:.2f} | {t2 - t1:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
