"""What the HTML pages show, read from the store with fixed, bounded queries (data in, data out)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import pyoxigraph as ox

P = """PREFIX mk: <https://w3id.org/mkgraph/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX org: <http://www.w3.org/ns/org#>
"""


def _v(t) -> str | None:
    return None if t is None else t.value


def _bind(query: str, iris: dict[str, str]) -> str:
    # A VALUES block of terms pyoxigraph serialised (NamedNode validates the IRI):
    # its substitutions only reach projected variables.
    values = "".join(f" VALUES ?{k} {{ {ox.NamedNode(v)} }}" for k, v in iris.items())
    return query.replace("WHERE {", "WHERE {" + values, 1)


def _rows(store: ox.Store, query: str, **iris: str) -> list[dict[str, str | None]]:
    res = store.query(P + _bind(query, iris))
    names = [v.value for v in res.variables]
    return [{n: _v(s[n]) for n in names} for s in res]


def label(store: ox.Store, iri: str) -> str:
    rows = _rows(store, """SELECT ?this ?l WHERE { OPTIONAL { ?this skos:prefLabel|eli:title ?l
        FILTER(lang(?l) = "de" || lang(?l) = "") } } LIMIT 1""", this=iri)
    return rows[0]["l"] if rows and rows[0]["l"] else iri.rstrip("/").rsplit("/", 1)[-1]


def overview(store: ox.Store) -> dict:
    # the page's language is English; kinds by their English labels (names stay German)
    kinds = _rows(store, """SELECT ?kind ?label (COUNT(?s) AS ?n) WHERE { ?s mk:statementKind ?k .
        ?k skos:notation ?kind . OPTIONAL { ?k skos:prefLabel ?label FILTER(lang(?label) = "en") } }
        GROUP BY ?kind ?label ORDER BY DESC(?n) ?kind""")
    resolutions = _rows(store, """SELECT ?r ?title ?top ?conf ?date WHERE { ?r a mk:Resolution .
        OPTIONAL { ?r eli:title ?title } OPTIONAL { ?r mk:agendaItem ?top }
        OPTIONAL { ?r eli:passed_by/mk:abbreviation ?conf }
        OPTIONAL { ?r mk:session/mk:startDate ?date } } ORDER BY ?date ?r""")
    # only those that occur: the vocabulary lists 57 actors, most in no statement of a graph
    actors = _rows(store, """SELECT DISTINCT ?a ?label WHERE {
        { ?a a mk:Actor } UNION { ?a a mk:Land } UNION { ?a a mk:Conference }
        FILTER EXISTS { { ?s mk:speaker ?a } UNION { ?s mk:addressee ?a } UNION { ?s mk:applicant ?a } }
        ?a skos:prefLabel ?label FILTER(lang(?label) = "de") } ORDER BY ?label""")
    return {"triples": len(store), "kinds": kinds, "statements": sum(int(k["n"]) for k in kinds),
            "resolutions": resolutions, "actors": actors}


@dataclass(frozen=True)
class Mark:
    iri: str
    kind: str
    kind_label: str
    start: int
    end: int
    speaker: str
    addressees: tuple[str, ...]
    field: str


def resolution(store: ox.Store, iri: str) -> dict | None:
    head = _rows(store, """SELECT ?title ?sub ?top ?formula ?file ?place ?date ?conf WHERE { ?this a mk:Resolution .
        OPTIONAL { ?this eli:title ?title } OPTIONAL { ?this eli:title_alternative ?sub }
        OPTIONAL { ?this mk:agendaItem ?top } OPTIONAL { ?this mk:decisionFormula ?formula }
        OPTIONAL { ?this mk:source/mk:fileName ?file }
        OPTIONAL { ?this mk:session/mk:place ?place } OPTIONAL { ?this mk:session/mk:startDate ?date }
        OPTIONAL { ?this eli:passed_by/mk:abbreviation ?conf } } LIMIT 1""", this=iri)
    if not head:
        return None
    rows = _rows(store, """SELECT ?s ?kind ?kl ?start ?end ?sp ?ad ?fl WHERE {
        ?s mk:statementKind ?k ; mk:anchor/oa:hasSelector ?pos ; eli:is_part_of ?part .
        ?part eli:is_part_of ?this . ?pos oa:start ?start ; oa:end ?end . ?k skos:notation ?kind .
        OPTIONAL { ?k skos:prefLabel ?kl FILTER(lang(?kl) = "de") }
        OPTIONAL { ?s mk:speaker/skos:prefLabel ?sp FILTER(lang(?sp) = "de") }
        OPTIONAL { ?s mk:addressee/skos:prefLabel ?ad FILTER(lang(?ad) = "de") }
        OPTIONAL { ?s mk:actionField/skos:prefLabel ?fl FILTER(lang(?fl) = "de") } }""", this=iri)
    marks: dict[str, dict] = {}
    for r in rows:
        m = marks.setdefault(r["s"], {**r, "ad": set()})
        if r["ad"]:
            m["ad"].add(r["ad"])
    out = sorted((Mark(s, m["kind"], m["kl"] or m["kind"], int(m["start"]), int(m["end"]), m["sp"] or "",
                       tuple(sorted(m["ad"])), m["fl"] or "") for s, m in marks.items()),
                 key=lambda m: (m.start, -m.end, m.iri))
    return {"iri": iri, **head[0], "marks": out}


def paragraphs(store: ox.Store, iri: str) -> list[tuple[int, int]]:
    """(start, end) of every paragraph of the resolution, from its mk:Paragraph anchors."""
    rows = _rows(store, """SELECT ?start ?end WHERE { ?p a mk:Paragraph ; eli:is_part_of ?part .
        ?part eli:is_part_of ?this . ?p mk:anchor/oa:hasSelector ?pos . ?pos oa:start ?start ; oa:end ?end }""",
                 this=iri)
    return sorted((int(r["start"]), int(r["end"])) for r in rows)


_NEWLINE_RUN = re.compile(r"[ \t\r]*\n[ \t\r\n]*")


def gaps(text: str, paras: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """How each run of whitespace holding line feeds is shown: (first feed, end, kind).

    The PDF extraction puts an empty line after every line, so a paragraph and a paragraph
    break look alike. Of each run only the first line feed is shown; the rest, up to the
    last feed, is hidden (still in the page, so the page's text equals the file). kind:
    "para" the run touches a paragraph's start or end (or, outside paragraphs, holds more
    than one empty line); "line" a line break outside paragraphs (heading, footer); "wrap"
    a line break inside a paragraph; "hyph" one right after a hyphen ("Zivilgesell-/schaft");
    "edge" blank lines before the first or after the last line, hidden altogether.
    """
    edges = sorted({x for p in paras for x in p})
    out = []
    for m in _NEWLINE_RUN.finditer(text):
        a, b = m.span()
        if a == 0 or b == len(text):
            out.append((a, b, "edge"))
            continue
        feeds = [a + i for i, c in enumerate(m.group()) if c == "\n"]
        i = bisect.bisect_left(edges, a)
        touches = i < len(edges) and edges[i] <= b
        inside = not touches and any(s < a and b < e for s, e in paras)
        if touches or (not inside and len(feeds) > 2):
            kind = "para"
        elif not inside:
            kind = "line"
        else:
            kind = "hyph" if feeds[0] == a and text[a - 1] == "-" else "wrap"
        out.append((feeds[0], feeds[-1] + 1, kind))
    return out


Piece = tuple[str, str]  # (kind, characters): "text", "gap" (hidden), "para" (a break: no characters), "line", "hyph"


def segments(text: str, marks: list[Mark], paras: list[tuple[int, int]] = ()
             ) -> list[tuple[tuple[Piece, ...], tuple[int, ...]]]:
    """Cut text at every mark boundary: (pieces, indices of the marks covering them).

    Overlapping or nested statements stay separate marks; a stretch covered by several lists
    them all, so filtering by any of them still highlights it. Each stretch is further cut
    into text, shown line feeds and hidden blank lines (see gaps); joined, the pieces give
    back the original text character for character, so every highlight holds exactly
    text[start:end].
    """
    runs = gaps(text, list(paras))
    spans: dict[int, tuple[int, str]] = {}  # start -> (end, kind) of each shown feed or hidden stretch
    for feed, end, kind in runs:
        if kind == "edge":
            spans[feed] = (end, "gap")
            continue
        spans[feed] = (feed + 1, kind if kind in ("line", "hyph") else "text")
        if end > feed + 1:
            spans[feed + 1] = (end, "gap")
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks),
                   *(x for a, (b, _) in spans.items() for x in (a, b))})
    breaks = {feed + 1 for feed, _, kind in runs if kind == "para"}
    out: list[tuple[list[Piece], tuple[int, ...]]] = []
    span_end, span_kind = -1, "text"
    for a, b in zip(cuts, cuts[1:]):
        pieces: list[Piece] = []
        if a in breaks:
            pieces.append(("para", ""))
        if a in spans:
            span_end, span_kind = spans[a]
        pieces.append((span_kind if a < span_end else "text", text[a:b]))
        ids = tuple(i for i, m in enumerate(marks) if m.start <= a and b <= m.end)
        if out and out[-1][1] == ids:
            out[-1][0].extend(pieces)
        else:
            out.append((pieces, ids))
    return [(tuple(p), ids) for p, ids in out]


def actor(store: ox.Store, iri: str) -> dict | None:
    head = _rows(store, """SELECT ?label ?en ?iso ?ags ?same ?key ?nuts ?land WHERE {
        ?this skos:prefLabel ?label FILTER(lang(?label) = "de")
        OPTIONAL { ?this skos:prefLabel ?en FILTER(lang(?en) = "en") }
        OPTIONAL { ?this mk:iso3166 ?iso } OPTIONAL { ?this mk:ags ?ags } OPTIONAL { ?this owl:sameAs ?same }
        OPTIONAL { ?this mk:stateKey ?key } OPTIONAL { ?this mk:nuts ?nuts }
        BIND(EXISTS { ?this a mk:Land } AS ?land) } LIMIT 1""", this=iri)
    if not head:
        return None
    applied = _rows(store, """SELECT ?r ?title ?top WHERE { ?r mk:applicant ?this .
        OPTIONAL { ?r eli:title ?title } OPTIONAL { ?r mk:agendaItem ?top } } ORDER BY ?r""", this=iri)
    # Asked directly, or as a member of a group that was asked ("die Länder").
    asked = _rows(store, """SELECT DISTINCT ?s ?kind ?kind_label ?quote ?via ?start WHERE {
        { ?s mk:addressee ?this BIND("" AS ?via) } UNION
        { ?g org:hasMember ?this . ?s mk:addressee ?g . ?g skos:prefLabel ?via FILTER(lang(?via) = "de") }
        ?s mk:statementKind ?k . ?k skos:notation ?kind .
        OPTIONAL { ?k skos:prefLabel ?kind_label FILTER(lang(?kind_label) = "en") }
        OPTIONAL { ?s mk:anchor/oa:hasSelector/oa:exact ?quote }
        OPTIONAL { ?s mk:anchor/oa:hasSelector/oa:start ?start } } ORDER BY ?start ?s""", this=iri)
    members = _rows(store, """SELECT ?m ?l WHERE { ?this org:hasMember ?m .
        OPTIONAL { ?m skos:prefLabel ?l FILTER(lang(?l) = "de") } } ORDER BY ?l""", this=iri)
    return {"iri": iri, **head[0], "is_land": head[0]["land"] == "true", "applied": applied,
            "asked": asked, "members": members}


def describe(store: ox.Store, iri: str) -> list[ox.Triple]:
    """The resource's own triples plus those of its anchor nodes (which live under its IRI)."""
    this = str(ox.NamedNode(iri))  # validated and serialised by pyoxigraph
    q = f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{
        {{ {this} ?p ?o BIND({this} AS ?s) }} UNION
        {{ {this} mk:anchor ?s . ?s ?p ?o }} UNION
        {{ {this} mk:anchor/oa:hasSelector ?s . ?s ?p ?o }} }}"""
    return list(store.query(P + q))


def incoming(store: ox.Store, iri: str, limit: int = 200) -> list[dict]:
    return _rows(store, f"SELECT ?s ?p WHERE {{ ?s ?p ?this }} ORDER BY ?p ?s LIMIT {int(limit)}", this=iri)


def exists(store: ox.Store, iri: str) -> bool:
    return bool(store.query(_bind("ASK WHERE { { ?this ?p ?o } UNION { ?s ?p ?this } }", {"this": iri})))


def is_a(store: ox.Store, iri: str, cls: str) -> bool:
    return bool(store.query(P + _bind(f"ASK WHERE {{ ?this a {cls} }}", {"this": iri})))
