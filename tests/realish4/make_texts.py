# writes tests/realish4/texts: each text with the byte-level noise of its source
# (OCR: a spacing diaeresis U+00A8 after the vowel instead of the umlaut, a combining
# U+0308; saved web pages: NBSP; scans: CRLF and form feeds)
import pathlib
out = pathlib.Path(__file__).resolve().parent / "texts"
NB, FF, DIA, COMB = "\u00a0", "\f", "\u00a8", "\u0308"
T = {}


def ocr(s: str) -> str:
    """A scanned PDF's broken umlauts: 'ü' becomes 'u¨' (vowel, spacing diaeresis)."""
    for a, b in (("ä", "a"), ("ö", "o"), ("ü", "u"), ("Ä", "A"), ("Ö", "O"), ("Ü", "U")):
        s = s.replace(a, b + DIA)
    return s


T["01-GMK-2020-ocr-umlaute.txt"] = ("ocr", """93. Gesundheitsministerkonferenz
am 30. September 2020
in Berlin

TOP 7.3     Stärkung des Öffentlichen Gesundheitsdienstes

Antragsteller: Baden-Württemberg, Niedersachsen

Beschluss:

1. Die Ministerinnen und Minister, Senatorinnen und Senatoren für Gesundheit der Länder
begrüßen den Pakt für den Öffentlichen Gesundheitsdienst. Die Pandemie hat gezeigt, dass
die Gesundheitsämter personell und tech
nisch gestärkt werden müssen.

2. Sie bitten das Bundesministerium für Gesundheit, die Fördermittel des Paktes über das
Jahr 2026 hinaus zu verstetigen und die Länder frühzeitig über die Planung zu unterrichten.

- 2 -

3. Die GMK fordert den Bund auf, die Digitalisierung der Gesundheitsämter mit einem
eigenen Programm zu unterstützen und dafür gemeinsame Standards mit den Ländern
festzulegen.

Abstimmungsergebnis: 16 : 0 : 0
""")

T["02-KMK-2018-mehrstufig.txt"] = ("plain", """Sekretariat der Ständigen Konferenz
der Kultusminister der Länder
in der Bundesrepublik Deutschland

Ländervereinbarung zur Lehrkräftebildung im digitalen Wandel

(Beschluss der Kultusministerkonferenz vom 11.10.2018)

1. Ausgangslage

1.1 Die Digitalisierung verändert das Lehren und Lernen an allen Schularten.

1.2 Die Länder haben in der Strategie „Bildung in der digitalen Welt“ vereinbart, die
Lehrkräftebildung in allen drei Phasen anzupassen.

2. Maßnahmen der Länder

2.1 Die Länder verankern digitale Kompetenzen in den Prüfungsordnungen für das Lehramt.

2.2 Die Länder bitten den Bund, die Qualitätsoffensive Lehrerbildung über das Jahr 2023
hinaus fortzuführen und dabei einen Schwerpunkt auf die digitale Bildung zu legen.

2.3 Die Hochschulen werden gebeten, die Fortbildung der Lehrenden in der
Lehrkräftebildung auszubauen.

3. Berichterstattung

Die Kultusministerkonferenz wird im Jahr 2021 über den Stand der Umsetzung berichten.
""")

T["03-IMK-2019-roemisch-unterpunkte.txt"] = ("plain", """Sondersitzung der Ständigen Konferenz der Innenminister und -senatoren der Länder
am 5. Juli 2019 in Kiel

Beschlüsse

TOP 2: Schutz von Kommunalpolitikerinnen und Kommunalpolitikern

Antragsteller: Schleswig-Holstein, Sachsen

Beschluss:

I.
1. Die IMK verurteilt Bedrohungen und Angriffe auf kommunale Mandatsträger.
2. Sie stellt fest, dass viele Taten nicht angezeigt werden.

II.
1. Die IMK bittet den Bundesminister des Innern, für Bau und Heimat, gemeinsam mit den
kommunalen Spitzenverbänden eine zentrale Anlaufstelle für Betroffene einzurichten.
2. Die Länder werden ihre Ansprechstellen bei der Polizei bekannt machen.

III.
1. Die IMK beauftragt den AK II, bis zur Herbstsitzung 2019 ein Lagebild zu erstellen.
2. Sie wird sich in ihrer Herbstsitzung erneut mit dem Thema befassen.

Abstimmungsergebnis: einstimmig
""")

T["04-UMK-2018-datum-bindestrich.txt"] = ("plain", """90. Umweltministerkonferenz
21.-22.06.2018, Bremen

Ergebnisprotokoll

TOP 18: Reduzierung von Einwegkunststoffen

Berichterstattung: Hamburg, Bremen

Beschluss:

1. Die Umweltministerinnen und Umweltminister, -senatorinnen und -senatoren der Länder
begrüßen die Kunststoffstrategie der Europäischen Kommission.

2. Sie appellieren an den Bundesgesetzgeber, ein Verbot von Einwegbesteck und
Einweggeschirr aus Kunststoff zügig in nationales Recht umzusetzen.

3. Sie bitten die EU-Kommission, auch Getränkebecher in die Liste der
verbotenen Produkte aufzunehmen.

Abstimmungsergebnis: 14 Ja, 0 Nein, 2 Enthaltungen
""")

T["05-ASMK-2021-protokollerklaerung.txt"] = ("plain", """98. Konferenz der Ministerinnen und Minister, Senatorinnen und Senatoren
für Arbeit und Soziales der Länder
am 1./2. Dezember 2021 (Videokonferenz)

TOP 5.7 Mindestlohn für Saisonbeschäftigte in der Landwirtschaft

Antragsteller: Brandenburg, Berlin, Bremen

Beschluss:

1. Die ASMK stellt fest, dass Saisonbeschäftigte häufig unter dem gesetzlichen
Mindestlohn entlohnt werden, weil Kost und Logis überhöht angerechnet werden.

2. Die ASMK fordert die Bundesregierung auf, die Anrechnung von Sachbezügen auf den
Mindestlohn gesetzlich zu begrenzen.

3. Sie bittet die Bundesagentur für Arbeit, die Beratung ausländischer Saisonkräfte in
deren Muttersprache auszubauen.

Abstimmungsergebnis: 13 : 3 : 0

Protokollerklärung der Länder Bayern und Sachsen:
Bayern und Sachsen fordern die Bundesregierung auf, die Landwirtschaft bei den Lohnkosten
zu entlasten. Sie bitten den Bund, die Saisonbeschäftigung sozialversicherungsfrei zu lassen.
""")

T["06-JFMK-2021-webseite.txt"] = ("nbsp", """Zum Inhalt springen
Menü
Startseite
Aktuelles
Beschlüsse
Vorsitz
Kontakt
Suche
Startseite › Beschlüsse › 2021
Drucken
Seite teilen
Jugend- und Familienministerkonferenz am 20./21. Mai 2021 (Videokonferenz)

TOP 5.2 Beteiligung junger Menschen an kommunalen Entscheidungen

Antragstellende Länder: Rheinland-Pfalz, Thüringen

Beschluss:

Die JFMK bekräftigt, dass junge Menschen an den sie betreffenden Entscheidungen in den
Kommunen beteiligt werden müssen. Sie bittet die Bundesregierung, die Jugendstrategie
um ein Programm zur Förderung kommunaler Jugendbeteiligung zu ergänzen.
Die JFMK bittet die AGJF, ihr zur Konferenz 2022 einen Bericht über gute Beispiele
vorzulegen.

Abstimmungsergebnis: einstimmig

Zuletzt aktualisiert: 02.06.2021
Nach oben
Impressum | Datenschutz | Barrierefreiheit | Leichte Sprache
Diese Website verwendet Cookies. Mehr erfahren
Alle akzeptieren  Nur notwendige
""")

T["07-WMK-2022-nur-abkuerzung.txt"] = ("plain", """WMK – Frühjahrskonferenz 2022                                           Seite 1 von 2

TOP 4: Fachkräftesicherung im Handwerk

Antragsteller: Nordrhein-Westfalen

Beschluss:

1. Die Wirtschaftsministerinnen und Wirtschaftsminister, Senatorinnen und Senatoren der
Länder stellen fest, dass im Handwerk zehntausende Ausbildungsplätze unbesetzt bleiben.

2. Sie erwarten vom Bund, dass die Meisterausbildung gebührenfrei gestellt wird.
\f
WMK – Frühjahrskonferenz 2022                                           Seite 2 von 2

3. Sie setzen sich gegenüber dem Bund dafür ein, dass die Aufstiegsfortbildung in
das Bundesausbildungsförderungsgesetz einbezogen wird.

4. Die Länder werden ihre Programme zur Berufsorientierung an Gymnasien ausbauen.

Abstimmungsergebnis: mehrheitlich
""")

T["08-JuMiKo-2019-fussnoten.txt"] = ("plain", """Herbstkonferenz der Justizministerinnen und Justizminister
am 7. November 2019 in Berlin

TOP II.5
„Legal Tech“ – Rechtssicherheit für Verbraucherinnen und Verbraucher

Berichterstattung: Hamburg

Beschluss:

1. Die Justizministerinnen und Justizminister nehmen den Bericht der Arbeitsgruppe
„Legal Tech“¹ zur Kenntnis.

2. Sie halten es für erforderlich, dass der Bund die Grenzen erlaubter
Rechtsdienstleistungen im Rechtsdienstleistungsgesetz klarer fasst.²

3. Sie bitten die Bundesministerin der Justiz und für Verbraucherschutz, die
Vorschläge der Arbeitsgruppe bei der Reform zu berücksichtigen.

____________
1 Eingesetzt durch Beschluss der Frühjahrskonferenz vom 6./7. Juni 2018 (TOP II.8).
2 Vgl. BGH, Urteil vom 27. November 2019 – VIII ZR 285/18.
""")

T["09-VMK-2022-drei-tops.txt"] = ("plain", """Beschlüsse der Verkehrsministerkonferenz
am 12. und 13. Oktober 2022 in Bremerhaven

TOP 3.1 Deutschlandticket

Beschluss:
Die Verkehrsministerkonferenz begrüßt die Einigung auf ein bundesweit gültiges Ticket im
öffentlichen Personennahverkehr. Sie fordert den Bund auf, seinen Anteil an der
Finanzierung dauerhaft zu dynamisieren.
Abstimmung: einstimmig

TOP 4.2 Radverkehr in Städten

Beschluss:
Die Verkehrsministerkonferenz mahnt beim Bund eine Novelle der Straßenverkehrs-Ordnung
an, die den Kommunen mehr Spielraum für Radwege gibt.
Abstimmung: 12 : 3 : 1

TOP 6.4 Bericht der Kommission Verkehrssicherheit

Beschluss:
Die Verkehrsministerkonferenz nimmt den Bericht zur Kenntnis.
Abstimmung: einstimmig
""")

T["10-AMK-2017-ministerinnen-formel.txt"] = ("crlf", """Ergebnisprotokoll
Agrarministerkonferenz
am 31. März 2017 in Hannover

TOP 12 Tierwohl in der Nutztierhaltung

Beschluss:

1. Die Ministerinnen und Minister, Senatorinnen und Senatoren der Agrarressorts der Länder
nehmen den Bericht des Bundes zur Nutztierstrategie zur Kenntnis.

2. Sie bitten die Europäische Kommission, eine verpflichtende Tierhaltungskennzeichnung
für den gesamten Binnenmarkt vorzuschlagen.

3. Sie mahnen gegenüber dem Bund an, die Förderung von Stallumbauten im Baurecht zu
erleichtern.

4. Die Länder werden ihre Kontrollen in Schweinehaltungen verstärken.

Abstimmungsergebnis:
BW ja, BY ja, BE ja, BB ja, HB ja, HH ja, HE ja, MV ja, NI ja, NW ja, RP ja, SL ja,
SN nein, ST ja, SH ja, TH ja
""")

T["11-SMK-2019-aa-gliederung.txt"] = ("plain", """43. Sportministerkonferenz
am 7./8. November 2019 in Mainz

TOP 9 Schutz vor sexualisierter Gewalt im Sport

Antragsteller: Berlin (federführend), Hessen, Sachsen

Beschluss:

1.
Die Sportministerkonferenz unterstützt die Einrichtung eines unabhängigen Zentrums für
Safe Sport. Sie bittet den DOSB,
a) verbindliche Schutzkonzepte für alle Mitgliedsverbände vorzusehen,
aa) mit Ansprechpersonen in jedem Verein,
bb) mit regelmäßigen Schulungen,
b) die Vergabe von Fördermitteln an deren Umsetzung zu knüpfen.

2.
Die Sportministerkonferenz bittet das Bundesministerium des Innern, für Bau und Heimat, das
Zentrum in der Aufbauphase zu finanzieren.

Abstimmungsergebnis: einstimmig
""")

T["12-DMK-2023-am-und.txt"] = ("plain", """Digitalministerkonferenz
3. Sitzung am 27. und 28. April 2023 in Potsdam

TOP 6: Digitale Identitäten für alle

Antragsteller: Hessen, Bayern, Hamburg

Beschluss:

Die Digitalministerinnen und Digitalminister der Länder sprechen sich für eine
staatliche digitale Identität aus, die allen Bürgerinnen und Bürgern kostenlos zur
Verfügung steht. Die DMK fordert die Bundesregierung auf, bis Ende 2024 eine
Smartphone-Lösung für den Personalausweis flächendeckend anzubieten. Sie beauftragt ihre
Arbeitsgruppe Digitale Verwaltung, einen Zeitplan für die Anbindung der Länderportale zu
erarbeiten.

Abstimmungsergebnis: 15 : 0 : 1
""")

T["13-GFMK-2015-ja-nein-listen.txt"] = ("plain", """25. Konferenz der Gleichstellungs- und Frauenministerinnen und -minister,
-senatorinnen und -senatoren der Länder
am 1. und 2. Juli 2015 in Berlin

TOP 8.1 Entgeltgleichheit durchsetzen

Antragstellende Länder: Nordrhein-Westfalen, Niedersachsen

Beschluss:

1. Die GFMK stellt fest, dass die Entgeltlücke zwischen Frauen und Männern seit Jahren
kaum kleiner wird.

2. Sie fordert die Bundesregierung auf, ein Entgeltgleichheitsgesetz mit einem
Auskunftsanspruch für alle Beschäftigten vorzulegen.

3. Die GFMK bittet die Arbeitgeber, ihre Entgeltstrukturen freiwillig zu überprüfen.

Abstimmungsergebnis:
Ja: BB, BE, BW, HB, HE, HH, MV, NI, NW, RP, SH, SL, ST, TH
Nein: BY, SN
Enthaltung: –
""")

T["14-KMK-2016-umlauf-ohne-punkte.txt"] = ("plain", """Beschluss der Kultusministerkonferenz im Umlaufverfahren vom 14.04.2016

Ausbau der Ganztagsschulen

Die Kultusministerkonferenz hält es für erforderlich, dass der Bund die Länder beim
Ausbau der Ganztagsschulen mit einem Investitionsprogramm unterstützt. Sie bittet die
Bundesregierung, dafür im Haushalt 2017 Mittel vorzusehen. Die Kultusministerkonferenz
nimmt zur Kenntnis, dass die Länder den Ausbau in unterschiedlichem Tempo vorantreiben.
""")

T["15-FMK-2004-scan-trennung.txt"] = ("scan", """Finanzministerkonferenz
Beschluss vom 24. Juni 2004

TOP 3    Steuerliche Behandlung von Alters-
         einkünften

Beschluss:

Die Finanzministerinnen und Finanzminister der Länder halten die Übergangsregelungen
des Alterseinkünftegesetzes für die Finanz
verwaltung für kaum handhabbar. Sie bitten den Bundesminister der Finanzen, die
Rentenbezugsmitteilungen so auszugestalten, dass die Finanzämter sie maschinell
auswerten können.

Abstimmungsergebnis: einstimmig
""")


def write(name: str, kind: str, text: str) -> None:
    if kind == "ocr":
        text = ocr(text)
        # one umlaut as a combining diaeresis, as some OCR engines output it
        text = text.replace("Gesundheitsa" + DIA + "mter personell", "Gesundheitsa" + COMB + "mter personell")
    if kind == "nbsp":
        text = text.replace("TOP 5.2 ", "TOP" + NB + "5.2" + NB).replace("20./21. Mai", "20./21." + NB + "Mai")
    if kind == "scan":  # a scan's page break (form feed) after the title and CRLF
        text = text.replace("Beschluss:\n\nDie", "\f\nBeschluss:\n\nDie").replace("\n", "\r\n")
    if kind == "crlf":
        text = text.replace("\n", "\r\n")
    (out / name).write_bytes(text.encode("utf-8"))


if __name__ == "__main__":
    out.mkdir(exist_ok=True)
    for name, (kind, text) in T.items():
        write(name, kind, text)
