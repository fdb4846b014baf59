# writes tests/realish4/probes/texts with their byte-level noise (OCR umlauts U+00A8, NBSP, CRLF)
import pathlib
out = pathlib.Path(__file__).resolve().parent / "texts"
NB, DIA = "\u00a0", "\u00a8"
T = {}

T["p1-BMK-2019-ocr.txt"] = ("ocr", """Bauministerkonferenz
135. Sitzung am 26./27. September 2019 in Würzburg

TOP 9:  Förderung des genossenschaftlichen Wohnens

Antragsteller: Baden-Württemberg, Thüringen

Beschluss:

1. Die Bauministerkonferenz hält genossenschaftliches Wohnen für einen wichtigen Baustein
der Wohnraumversorgung in den Ballungsräumen.

2. Sie fordert den Bund auf, die Förderung des Erwerbs von Genossenschaftsanteilen
wieder aufzunehmen.

3. Die Fachkommission Städtebau wird gebeten, bis zur nächsten Sitzung einen Bericht über
gute Beispiele aus den Ländern vorzulegen.

Abstimmungsergebnis: 15 : 1 : 0
""")

T["p2-IMK-2022-webseite.txt"] = ("nbsp", """Sie sind hier: Startseite / Themen / Innenministerkonferenz / Beschlüsse
Schriftgröße A A A
Seite drucken
Sammlung der zur Veröffentlichung freigegebenen Beschlüsse der 217. Sitzung der Ständigen
Konferenz der Innenminister und -senatoren der Länder vom 1. bis 3. Juni 2022 in Würzburg

TOP 12: Bekämpfung der Clankriminalität

Beschluss:
Die IMK hält eine konsequente Vermögensabschöpfung für erforderlich. Sie bittet den
Bundesminister der Justiz, einen Gesetzentwurf zur Beweislastumkehr bei Vermögen unklarer
Herkunft vorzulegen.
Abstimmung: einstimmig

Teilen auf: Facebook Twitter E-Mail
Stand: 17.06.2022
""")

T["p3-JuMiKo-2016-protokollnotiz.txt"] = ("plain", """Frühjahrskonferenz der Justizministerinnen und Justizminister
am 1. und 2. Juni 2016 in Nauen

TOP I.14
Strafbarkeit des „Gaffens“ bei Unglücksfällen

Berichterstattung: Niedersachsen

Beschluss:

1. Die Justizministerinnen und Justizminister sind besorgt über die Zunahme von
Behinderungen der Rettungskräfte durch Schaulustige.¹

2. Sie bitten den Bundesminister der Justiz und für Verbraucherschutz, einen
Straftatbestand für das Herstellen und Verbreiten von Bildaufnahmen verletzter Personen zu
prüfen.

3. Sie appellieren an die Betreiber sozialer Netzwerke, solche Aufnahmen unverzüglich zu
löschen.

Protokollnotiz Bayern:
Bayern hält eine Verschärfung des § 323c StGB für geboten und fordert den Bund auf, diese
zügig umzusetzen.

____________
1 Vgl. Lagebild der Länder 2015.
""")

T["p4-KMK-2020-telefonschalt.txt"] = ("crlf", """Beschluss der Kultusministerkonferenz
(Telefonschaltkonferenz am 28.05.2020)

Rahmenkonzept für die Wiederaufnahme von Unterricht in Schulen

I. Grundsätze
1. Der Gesundheitsschutz hat Vorrang.
2. Alle Schülerinnen und Schüler sollen vor den Sommerferien wieder die Schule besuchen.

II. Erwartungen an den Bund
Die Kultusministerkonferenz erwartet vom Bund, dass er die Länder bei der Beschaffung von
Endgeräten für Lehrkräfte unterstützt.

III. Weiteres Vorgehen
Die Länder berichten der Kultusministerkonferenz bis zum 1. Juli 2020.
""")

T["p5-ASMK-2018-ja-enthaltung.txt"] = ("plain", """95. Arbeits- und Sozialministerkonferenz 2018
am 6. und 7. Dezember 2018 in Münster

TOP 6.21 Teilhabe von Langzeitarbeitslosen

Antragsteller: Nordrhein-Westfalen, Saarland

Beschluss:

Die Ministerinnen und Minister, Senatorinnen und Senatoren für Arbeit und Soziales der
Länder unterstützen das Teilhabechancengesetz. Sie mahnen beim Bund eine ausreichende
Ausstattung des Eingliederungstitels an. Die Bundesagentur für Arbeit wird gebeten, über
die Umsetzung jährlich zu berichten.

Abstimmungsergebnis:
Ja: BE, BB, HB, HH, MV, NI, NW, RP, SL, ST, SH, TH
Nein: –
Enthaltung: BW, BY, HE, SN
""")


def write(name: str, kind: str, text: str) -> None:
    if kind == "ocr":
        for a, b in (("ä", "a"), ("ö", "o"), ("ü", "u"), ("Ä", "A"), ("Ö", "O"), ("Ü", "U")):
            text = text.replace(a, b + DIA)
    if kind == "nbsp":
        text = text.replace("TOP 12:", "TOP" + NB + "12:")
    if kind == "crlf":
        text = text.replace("\n", "\r\n")
    (out / name).write_bytes(text.encode("utf-8"))


if __name__ == "__main__":
    out.mkdir(exist_ok=True)
    for name, (kind, text) in T.items():
        write(name, kind, text)
