# writes probes/texts with the byte-level noise of their sources (see README.md)
import pathlib
import runpy
out = pathlib.Path(__file__).resolve().parent / "texts"
T = {}

T["p1-SMK-2015-bom.txt"] = ("bom-crlf", """39. Sportministerkonferenz
am 5./6. November 2015 in Würzburg

TOP 6: Förderung des Vereinssports in ländlichen Räumen

Antragsteller: NW, BY

Beschluss: einstimmig bei 2 Enthaltungen

1. Die Sportministerkonferenz stellt fest, dass viele Sportvereine in ländlichen Räumen keine Übungsleiterinnen und Übungsleiter mehr finden.

2. Die Sportministerkonferenz ersucht die Bundesregierung, das Ehrenamt im Sport steuerlich stärker zu fördern.

3. Der DOSB wird gebeten, gemeinsam mit den Landessportbünden ein Programm zur Gewinnung von Übungsleitern zu entwickeln.
""")

T["p2-DMK-2024-seitenfuss.txt"] = ("plain", """Digitalministerkonferenz
2. Sitzung am 18. April 2024 in Potsdam

TOP 4
Digitale Verwaltung – Umsetzung des Onlinezugangsgesetzes

Zustimmung: 14 Ablehnung: 2 Enthaltung: 0

Beschluss:

1. Die Digitalministerinnen und Digitalminister der Länder bedauern, dass die Ziele des Onlinezugangsgesetzes bis Ende 2022 nicht erreicht wurden.

2. Sie appellieren an die Bundesregierung, die Basiskomponenten der digitalen Verwaltung dauerhaft zu finan{SHY}
zieren und den Ländern verlässlich zur Verfügung zu stellen.
- 3 -
{FF}3. Die DMK bittet den IT-Planungsrat, bis zur nächsten Sitzung einen Zeitplan für die Ende-zu-Ende-Digitalisierung vorzulegen.
""")

T["p3-JFMK-2004-ligaturen.txt"] = ("plain", """Jugend- und Familienministerkonferenz
am 13./14. Mai 2004 in Erfurt

TOP 5.2 Frühe Hilfen für Familien in belasteten Lebenslagen

Antragsteller: B-Länder

Beschluss:

Die JFMK sieht in frühen Hilfen einen wirksamen Schutz für Kinder. Betroﬀene Familien sollen ﬁnanziell und fachlich unterstützt werden.

Die JFMK hält es für notwendig, dass die Bundesregierung die Kooperation von Jugendhilfe und Gesundheitswesen gesetzlich verankert.

Der Beschluss wurde mit 10:6 Stimmen gefasst.
""")

T["p4-GMK-1997-dass.txt"] = ("crlf", """70. Gesundheitsministerkonferenz
am 19./20. November 1997 in Saarbrücken

TOP 9.1
Verbesserung der Arzneimittelsicherheit

Antragsteller: Saarland, Hessen

Beschluß:

1. Die GMK hält es für erforderlich, daß der Bund die Meldepflichten für unerwünschte Arzneimittelwirkungen auf alle Heilberufe ausdehnt.

2. Die GMK bittet die Bundesregierung, das Bundesinstitut für Arzneimittel und Medizinprodukte personell zu verstärken.

Abstimmungsergebnis: 16:0:0
""")

T["p5-VSMK-2012-mirror.txt"] = ("nbsp", """Startseite › Beschlüsse › 8. VSMK
Drucken · Teilen · Nach oben

Ergebnisprotokoll der 8. Verbraucherschutzministerkonferenz am 14. September 2012 in Hamburg

TOP 21: Kennzeichnung von Lebensmittelimitaten

Berichterstattendes Land: Rheinland-Pfalz

Beschluss:
• Die VSMK stellt fest, dass Imitate von Käse und Schinken für die Verbraucherinnen und Verbraucher häufig nicht erkennbar sind.
• Die VSMK fordert die Bundesregierung auf, sich auf europäischer Ebene für eine klare Kennzeichnung einzusetzen.
• Die Länder werden die Kontrollen in der Gastronomie verstärken.

Ergebnis: einstimmig
© Verbraucherschutzministerkonferenz | Impressum
""")

T["p6-FMK-2016-zweispaltig.txt"] = ("ff", """Finanzministerkonferenz                                    Geschäftsstelle
am 23. Juni 2016 in Berlin                                 Niederschrift

TOP 3: Reform der Grundsteuer

Antragsteller: Hessen, Niedersachsen

Beschluss (einstimmig):

1. Die Finanzministerinnen und Finanzminister der Länder sprechen sich dafür aus, dass der Bund das Bewertungsgesetz zügig an-
{FF}FMK 23. Juni 2016                                                 Seite 2
passt.

2. Sie bitten das Bundesministerium der Finanzen, den Ländern bis Ende 2016 einen abgestimmten Gesetzentwurf zuzuleiten.
""")


# the same byte noise as the set's own texts
noise = runpy.run_path(str(pathlib.Path(__file__).resolve().parents[1] / "make_texts.py"))["noise"]

for name, (kind, text) in T.items():
    (out / name).write_bytes(noise(kind, text).encode("utf-8"))
