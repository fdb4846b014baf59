# writes tests/realish3/texts: each text with the byte-level noise of its source
import pathlib
out = pathlib.Path(__file__).resolve().parent / "texts"
SHY, NB, FF, BOM = "\u00ad", "\u00a0", "\f", "\ufeff"
T = {}

T["01-KMK-1996-bom-crlf.txt"] = ("bom-crlf", """Sekretariat der Ständigen Konferenz
der Kultusminister der Länder
in der Bundesrepublik Deutschland

Empfehlungen zur Förderung der Medienerziehung in der Schule

Beschluß der Kultusministerkonferenz vom 25.10.1996

I.
Die Kultusministerkonferenz hält die Medienerziehung für eine Aufgabe aller Fächer. Sie
stellt fest, daß die Schulen dafür bisher weder ausreichend ausgestattet noch die Lehrkräfte
hinreichend fortgebildet sind.

II.
Die Länder werden die Medienerziehung in ihren Lehrplänen verankern und die Lehrerfortbildung
entsprechend ausrichten.

III.
Die Kultusministerkonferenz bittet die Bundesregierung, die Ausstattung der Schulen mit
Computern und Zugängen zu den Datennetzen im Rahmen eines gemeinsamen Programms mit den Ländern
zu unterstützen.

IV.
Die Kultusministerkonferenz bittet die Länder, ihr bis zum Herbst 1998 über die Umsetzung
dieser Empfehlungen zu berichten.
""")

T["02-GMK-1999-formfeed-header.txt"] = ("ff", """72. Gesundheitsministerkonferenz
am 9./10. Juni 1999 in Trier

Ergebnisprotokoll


TOP 7.2     Sicherstellung der Versorgung mit Blutprodukten

Antragsteller: Rheinland-Pfalz

Beschluss:

Die Gesundheitsministerkonferenz hat einstimmig beschlossen:

1. Die GMK stellt fest, dass die Versorgung der Krankenhäuser mit Blutprodukten in den
Sommermonaten wiederholt nur knapp gesichert war.

2. Die GMK bittet das Bundesministerium für Gesundheit, zusammen mit dem Paul-Ehrlich-
Institut die Vorgaben für die Spenderauswahl so zu überarbeiten, dass mehr Menschen
Blut spenden können, ohne die Sicherheit der Blutprodukte zu gefährden. Sie bittet
das Bundesministerium außerdem, einen Bericht über die Versorgungs-
{FF}72. GMK 1999 – Ergebnisprotokoll                                         Seite 14
lage im Jahr 1999 vorzulegen.

3. Die Länder werden die Blutspendedienste bei der Werbung neuer Spender unterstützen.
{FF}72. GMK 1999 – Ergebnisprotokoll                                         Seite 15

TOP 7.3     Gesundheitsberichterstattung der Länder

Antragsteller: Nordrhein-Westfalen, Hessen

Beschluss:

Die Gesundheitsministerkonferenz hat mehrheitlich beschlossen:

Die GMK nimmt den Bericht der Arbeitsgemeinschaft der Obersten Landesgesundheitsbehörden
zur Kenntnis und bittet die AOLG, die Indikatoren der Gesundheitsberichterstattung
bis zur 73. GMK fortzuschreiben.
""")

T["03-ASMK-2008-ligaturen-shy.txt"] = ("plain", """85. Konferenz der Ministerinnen und Minister, Senatorinnen und Senatoren für Arbeit und Soziales der Länder
am 13./14. November 2008 in Erfurt

TOP 6.3 Quali\ufb01zierung von Langzeitarbeitslosen

Antragsteller: BE, HB, HH

Zustimmung: 16 Ablehnung: 0 Enthaltung: 0

Beschluss:

(1) Die ASMK stellt fest, dass die Zahl der Langzeitarbeitslosen trotz der guten Kon{SHY}junktur in allen 16{NB}Ländern nur langsam zurückgeht und vielen Betroffenen eine beru{SHY}\ufb02iche Quali\ufb01kation fehlt.

(2) Die ASMK spricht sich dafür aus, dass der Bund die Mittel für die Eingliederung in Arbeit nicht kürzt, sondern für Weiterbildungsmaßnahmen mit anerkanntem Abschluss aufstockt.

(3) Die ASMK bittet die Bundesagentur für Arbeit, die Angebote der Jobcenter zur beru\ufb02ichen Weiterbildung stärker auf Langzeitarbeitslose auszurichten und der ASMK im Jahr 2009 über die Ergebnisse zu berichten.
""")

T["04-JuMiKo-2011-ohne-BY.txt"] = ("plain", """Frühjahrskonferenz der Justizministerinnen und Justizminister
am 18. und 19. Mai 2011 in Halle (Saale)

TOP I.7
Verbesserung des Schutzes von Opfern häuslicher Gewalt

Berichterstattung: Berlin, Bremen

Beschluss: einstimmig (ohne BY)

1) Die Justizministerinnen und Justizminister sehen Anlass, den zivilrechtlichen Schutz nach dem Gewaltschutzgesetz zu überprüfen.

2) Sie ersuchen die Bundesministerin der Justiz, einen Gesetzentwurf vorzulegen, mit dem Verstöße gegen Schutzanordnungen wirksamer geahndet werden können.

3) Die Justizministerinnen und Justizminister regen an, dass die Länder ihre Erfahrungen mit Hochrisikofallkonferenzen in einer Arbeitsgruppe auswerten.
""")

T["05-IMK-2023-A-Laender-13-3.txt"] = ("plain", """Sammlung der zur Veröffentlichung freigegebenen Beschlüsse
der 220. Sitzung der Ständigen Konferenz der Innenminister und -senatoren der Länder
am 14. bis 16. Juni 2023 in Berlin


TOP 41: Bekämpfung von Gewalt gegen Einsatzkräfte

Antragsteller: A-Länder

Beschluss (mit 13:3 Stimmen):

Die IMK verurteilt Angriffe auf Polizei, Feuerwehr und Rettungsdienste.
Sie erwartet von der Bundesregierung, dass sie
•  ein Lagebild zu Angriffen auf Einsatzkräfte jährlich veröffentlicht,
•  die Forschung zu den Ursachen der Gewalt fördert und
•  die Strafverfolgung durch eine Änderung der Strafprozessordnung beschleunigt.
Die IMK bittet den AK II, ihr zur Herbstsitzung 2023 über die Lage in den Ländern zu berichten.
""")

T["06-UMK-2001-zweispaltig.txt"] = ("plain", """Umweltministerkonferenz                                      Ergebnisprotokoll
56. Sitzung                                                    Anlage 3
am 10. und 11. Mai 2001 in Potsdam

TOP 12: Klimaschutz im Gebäudebestand

Antragsteller: Nordrhein-Westfalen, Niedersachsen       Geschäftsstelle UMK

Beschluss:

1.  Die Umweltministerinnen, -minister und -senatoren      Die Bundesregierung hat
    der Länder sehen im Gebäudebestand ein großes          im Nationalen Klima-
    Potenzial für die Minderung der CO2-Emissionen.        schutzprogramm ...

2.  Die UMK regt bei der Bundesregierung an, die Förderprogramme für die energetische
    Sanierung von Wohngebäuden aufzustocken und zu verstetigen.

3.  Die UMK bittet den Länderausschuss für Immissionsschutz, der 57. UMK einen Bericht
    über die Umsetzung vorzulegen.
""")

T["07-KulturMK-2022-mirror.txt"] = ("nbsp", """Startseite › Presse › Beschlüsse der Kultur-MK
Drucken | Teilen

Beschluss der 3. Kulturministerkonferenz vom 17. März 2022

Unterstützung ukrainischer Kultureinrichtungen und Kulturschaffender

Die Kulturministerinnen und Kulturminister der Länder verurteilen den Angriffskrieg gegen die Ukraine auf das Schärfste.

Sie bitten die Beauftragte der Bundesregierung für Kultur und Medien, gemeinsam mit den Ländern ein Programm zur Sicherung gefährdeten Kulturguts aus der Ukraine aufzulegen.

Die Kulturministerinnen und Kulturminister der Länder sprechen sich dafür aus, dass geflüchtete Künstlerinnen und Künstler in Deutschland unbürokratisch arbeiten können.

Zurück nach oben
© 2022 Sekretariat der Kultusministerkonferenz | Impressum | Datenschutz
""")

T["08-Bundesrat-1994-entschliessung.txt"] = ("plain", """Bundesrat                                         Drucksache 716/94 (Beschluß)

                                                  14.10.94

Beschluß
des Bundesrates

Entschließung des Bundesrates zur Verbesserung der Lage der Pflegekräfte


Der Bundesrat hat in seiner 675. Sitzung am 14. Oktober 1994 beschlossen, die aus der
Anlage ersichtliche Entschließung zu fassen.

Anlage

Entschließung des Bundesrates zur Verbesserung der Lage der Pflegekräfte

Der Bundesrat stellt fest, daß in vielen Krankenhäusern und Pflegeheimen Pflegekräfte fehlen.
Er fordert die Bundesregierung auf,

- die Ausbildung in der Altenpflege bundeseinheitlich zu regeln,

- die Finanzierung der Ausbildungsvergütung sicherzustellen und

- dem Bundesrat bis Ende 1995 über die Personalsituation in der Pflege zu berichten.
""")

T["09-MPK-2024-beschluss-footer.txt"] = ("plain", """Besprechung des Bundeskanzlers mit den Regierungschefinnen und Regierungschefs der Länder
am 20. Juni 2024

Beschluss

Steuerung und Begrenzung der irregulären Migration

Der Bundeskanzler und die Regierungschefinnen und Regierungschefs der Länder fassen folgenden Beschluss:

1. Bund und Länder halten an dem Ziel fest, die Asylverfahren innerhalb von sechs Monaten abzuschließen.

2. Die Regierungschefinnen und Regierungschefs der Länder bitten den Bund, die Prüfung von Asylverfahren in Transit- oder Drittstaaten fortzusetzen und bis zum Dezember 2024 konkrete Modelle vorzulegen.

3. Die Länder erwarten, dass der Bund sich an den Kosten der Unterbringung und Versorgung von Geflüchteten dauerhaft und in                                   Seite 1 von 2
angemessener Höhe beteiligt.

Protokollerklärung des Freistaates Bayern:
Bayern hält eine Halbierung der Zugangszahlen für erforderlich.
""")

T["10-VMK-2016-abgeschnitten.txt"] = ("plain", """Beschlüsse der Verkehrsministerkonferenz
am 14./15. April 2016 in Stuttgart

TOP 4.3
Sicherheit des Radverkehrs an Knotenpunkten

Beschluss:
Die Verkehrsministerkonferenz bittet das Bundesministerium für Verkehr und digitale Infrastruktur, die Straßenverkehrs-Ordnung so zu ändern, dass Lkw beim Rechtsabbiegen innerorts nur mit Schrittgeschwindigkeit fahren dürfen, und die Einführung von Abbiegeassistenten auf
""")

T["11-WMK-2005-regt-an.txt"] = ("plain", """Konferenz der Wirtschaftsminister/-senatoren der Länder
am 2./3. Juni 2005 in Berlin

Punkt 8 der Tagesordnung:
Entbürokratisierung für kleine und mittlere Unternehmen

Berichterstatter: Sachsen, Bayern

Beschluss (mehrheitlich 14:2):

Die Wirtschaftsministerkonferenz begrüßt die Initiative der Bundesregierung zum Abbau von Bürokratie.

Sie regt gegenüber der Bundesregierung an, die Schwellenwerte für die Buchführungspflicht anzuheben.

Die Wirtschaftsministerkonferenz ersucht den Bund, die statistischen Meldepflichten für Betriebe mit weniger als 20 Beschäftigten auszusetzen.
""")

T["12-GFMK-2012-laufkopf-crlf.txt"] = ("crlf", """22. Konferenz der Gleichstellungs- und Frauenministerinnen und
-minister, -senatorinnen und -senatoren der Länder (GFMK)
Hauptkonferenz am 14. und 15. Juni 2012 in Nürnberg

TOP 9.1 Entgeltgleichheit zwischen Frauen und Männern

Antragstellende Länder: Berlin, Bremen, Brandenburg

Beschluss:
Die GFMK hat einstimmig beschlossen:

• Die GFMK stellt fest, dass Frauen in Deutschland im Durchschnitt 22 Prozent weniger
verdienen als Männer.
• Die GFMK fordert die Bundesregierung auf, einen Gesetzentwurf vorzulegen, der
Unternehmen verpflichtet, die Entgeltstrukturen auf Diskriminierung zu überprüfen.
{FF}22. GFMK – Beschlüsse                                                        Seite 31
• Die Länder werden in ihren Verwaltungen mit gutem Beispiel vorangehen.
""")

T["13-EMK-2019-nbsp-stimmen.txt"] = ("nbsp", """Beschluss
der 80. Europaministerkonferenz
am 26./27. September 2019 in Brüssel

TOP 3
Die Zukunft der Kohäsionspolitik nach 2020

Berichterstattung: Sachsen-Anhalt

Zustimmung: 15 Ablehnung: 1 Enthaltung: 0

1. Die Europaministerinnen und Europaminister der Länder betonen die Bedeutung der Kohäsionspolitik für alle Regionen der Europäischen Union.

2. Sie erwarten von der Bundesregierung, dass sie sich in den Verhandlungen über den Mehrjährigen Finanzrahmen für eine angemessene Ausstattung der Strukturfonds einsetzt.

3. Die EMK bittet die Europäische Kommission, die Verfahren zur Verwaltung der Fonds zu vereinfachen.
""")

T["14-AMK-2024-sammlung-seitenumbruch.txt"] = ("crlf-ff", """Ergebnisprotokoll
Agrarministerkonferenz am 22. März 2024 in Erfurt

TOP 9: Stärkung der Weidetierhaltung

Antragsteller: Brandenburg, Mecklenburg-Vorpommern, Niedersachsen, Sachsen

Beschluss:

1. Die Agrarministerinnen und Agrarminister, Senatorinnen und Senatoren der Länder stellen fest, dass die Weidetierhaltung für den Erhalt des Grünlands unverzichtbar ist.

2. Sie bitten das Bundesministerium für Ernährung und Landwirtschaft, die Förderung von Herdenschutzmaßnahmen dauerhaft abzusichern und die Bürokratie bei der Beantragung zu ver-
{FF}Ergebnisprotokoll der Frühjahrs-AMK am 22. März 2024 – Seite 7 von 40
ringern.

Abstimmungsergebnis: einstimmig

TOP 10: Tierwohlkennzeichnung

Antragsteller: Baden-Württemberg

Beschluss:

Die Agrarministerinnen und Agrarminister, Senatorinnen und Senatoren der Länder nehmen den Bericht des Bundes zur Kenntnis. Sie fordern den Bund auf, die Kennzeichnung zeitnah auf die Gastronomie auszuweiten.

Abstimmungsergebnis: 11 Ja, 4 Nein, 1 Enthaltung
""")


def noise(kind: str, text: str) -> str:
    text = text.replace("{SHY}", SHY).replace("{NB}", NB).replace("{FF}", FF)
    if kind == "nbsp":  # copied from a web page: numbers and abbreviations bound with NBSP
        import re
        text = re.sub(r"(\d+\.) (?=[A-ZÄÖÜ])", lambda m: m.group(1) + NB, text)
        text = re.sub(r"(\d+\./\d+\.) ", lambda m: m.group(1) + NB, text)
    if "crlf" in kind or kind == "bom-crlf":
        text = text.replace("\n", "\r\n")
    if kind.startswith("bom"):
        text = BOM + text
    return text


if __name__ == "__main__":  # probes/make_texts.py imports noise() from here
    for name, (kind, text) in T.items():
        (out / name).write_bytes(noise(kind, text).encode("utf-8"))
    print(len(T))
