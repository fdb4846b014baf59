"""The controlled vocabularies (SKOS schemes) and the actors, built from the tables.

Tables (in ``mkgraph/tables``): ``concepts/<scheme>.csv``, ``actors.csv``, ``laender.csv``,
``countries.csv``. The loaders check every row and raise ``InputError`` naming the table and
row; the graph builders turn rows into triples with IRIs from ``mkgraph.rdf.iris.Iris``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from mkgraph.errors import InputError
from mkgraph.rdf.iris import Iris
from mkgraph.slug import slug
from mkgraph.rdf.namespaces import MK, NUTS, ORG, STATE_KEY, WD, bind_prefixes
from mkgraph.resources import tables
from mkgraph.tabledata import read

SCHEMES = (
    "action-field",
    "statement-kind",
    "document-type",
    "vote-outcome",
    "target-group",
    "instrument",
)

CONCEPT_COLUMNS = (
    "notation", "label_de", "label_en", "match", "definition_de", "definition_en",
    "example", "close_match", "exact_match", "match_source",
)
ACTOR_COLUMNS = (
    "key", "label_de", "label_en", "definition_de", "definition_en",
    "sub_organization_of", "has_member", "close_match", "spellings", "source",
)
LAND_COLUMNS = ("iso", "ags", "nuts", "wikidata", "label_de", "label_en", "spellings", "source")
COUNTRY_COLUMNS = ("iso2", "wikidata", "label_de", "label_en", "source")

# has_member value meaning "every Land of laender.csv" (keeps the 16 codes in one place)
ALL_LAENDER = "all-laender"

# Only link targets whose form we can check; a malformed external IRI is refused.
_MATCH_IRI = re.compile(r"^(http://eurovoc\.europa\.eu/\d+|wd:Q\d+|http://www\.wikidata\.org/entity/Q\d+)$")


def _read(name: str, columns: tuple[str, ...], required: tuple[str, ...]) -> tuple[dict, ...]:
    return read(tables() / name, columns, required, where=f"tables/{name}")


def _unique(rows: tuple[dict, ...], key: str, where: str) -> None:
    seen: set[str] = set()
    for row in rows:
        if row[key] in seen:
            raise InputError(where, f"{key} {row[key]!r} appears twice")
        seen.add(row[key])


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip()]


def _check_links(rows: tuple[dict, ...], columns: tuple[str, ...], where: str, key: str) -> None:
    for row in rows:
        for col in columns:
            for target in _split(row.get(col, "")):
                if not _MATCH_IRI.match(target):
                    raise InputError(where, f"{row[key]}: {col} {target!r} is not a EuroVoc or Wikidata IRI")


def _expand(target: str) -> URIRef:
    return WD[target[3:]] if target.startswith("wd:") else URIRef(target)


@lru_cache(maxsize=None)
def _concepts(scheme: str) -> tuple[dict, ...]:
    if scheme not in SCHEMES:
        raise InputError("scheme", f"{scheme!r} is not one of {', '.join(SCHEMES)}")
    where = f"tables/concepts/{scheme}.csv"
    rows = _read(f"concepts/{scheme}.csv", CONCEPT_COLUMNS,
                 ("notation", "label_de", "label_en", "definition_de", "definition_en"))
    _unique(rows, "notation", where)
    notations = {row["notation"] for row in rows}
    for row in rows:
        if slug(row["notation"]) != row["notation"]:
            raise InputError(where, f"notation {row['notation']!r} is not a slug")
        if row.get("broader") and (row["broader"] not in notations or row["broader"] == row["notation"]):
            raise InputError(where, f"{row['notation']}: broader {row['broader']!r} is no other concept of the table")
    up = {row["notation"]: row.get("broader", "") for row in rows}
    for start in up:
        seen, at = {start}, up[start]
        while at:
            if at in seen:
                raise InputError(where, f"{start}: its broader concepts form a cycle")
            seen.add(at)
            at = up[at]
    _check_links(rows, ("close_match", "exact_match"), where, "notation")
    return rows


def concepts(scheme: str) -> list[dict]:
    """Rows of ``concepts/<scheme>.csv`` (copies: callers may change them freely)."""
    return [dict(r) for r in _concepts(scheme)]


Q_ID = (r"Q\d+", "a Q-id")


def _check_forms(rows, where: str, key: str, forms: dict[str, tuple[str, str]]) -> None:
    """InputError naming the row (by its key column) and the column whose value does not
    have its form (column -> (regular expression, what it should be))."""
    for row in rows:
        for col, (pattern, what) in forms.items():
            if not re.fullmatch(pattern, row[col]):
                named = "" if col == key else f"{row[key]}: "
                raise InputError(where, f"{named}{col} {row[col]!r} is not {what}")


@lru_cache(maxsize=None)
def _laender() -> tuple[dict, ...]:
    where = "tables/laender.csv"
    rows = _read("laender.csv", LAND_COLUMNS, ("iso", "ags", "nuts", "wikidata", "label_de", "label_en"))
    _check_forms(rows, where, "iso", {"iso": (r"DE-[A-Z]{2}", "DE-XX"), "ags": (r"\d{2}", "two digits"),
                                      "nuts": (r"DE[0-9A-G]", "a German NUTS-1 code"), "wikidata": Q_ID})
    for col in ("iso", "ags", "nuts", "wikidata"):
        _unique(rows, col, where)
    return rows


def laender() -> list[dict]:
    """Rows of ``laender.csv``: iso, ags, nuts, wikidata, label_de, label_en, spellings, source."""
    return [dict(r) for r in _laender()]


@lru_cache(maxsize=None)
def _actors() -> tuple[dict, ...]:
    where = "tables/actors.csv"
    rows = _read("actors.csv", ACTOR_COLUMNS,
                 ("key", "label_de", "label_en", "definition_de", "definition_en"))
    _unique(rows, "key", where)
    keys = {r["key"] for r in rows}
    isos = {r["iso"] for r in _laender()}
    for row in rows:
        if slug(row["key"]) != row["key"]:
            raise InputError(where, f"key {row['key']!r} is not a slug")
        for parent in _split(row["sub_organization_of"]):
            if parent not in keys:
                raise InputError(where, f"{row['key']}: sub_organization_of {parent!r} is no actor key")
        for member in _split(row["has_member"]):
            if member not in keys and member not in isos and member != ALL_LAENDER:
                raise InputError(where, f"{row['key']}: has_member {member!r} is no actor key or Land")
    _check_links(rows, ("close_match",), where, "key")
    return rows


def actors() -> list[dict]:
    """Rows of ``actors.csv``: key, labels, definitions, organisation links, spellings."""
    return [dict(r) for r in _actors()]


@lru_cache(maxsize=None)
def _countries() -> tuple[dict, ...]:
    where = "tables/countries.csv"
    rows = _read("countries.csv", COUNTRY_COLUMNS, ("iso2", "wikidata", "label_de", "label_en"))
    _check_forms(rows, where, "iso2", {"iso2": (r"[A-Z]{2}", "two capital letters"), "wikidata": Q_ID})
    _unique(rows, "iso2", where)
    _unique(rows, "wikidata", where)
    return rows


def countries() -> list[dict]:
    """Rows of ``countries.csv``: iso2, wikidata, label_de, label_en, source."""
    return [dict(r) for r in _countries()]


def _scheme_meta() -> dict:
    # Scheme labels live with the ontology's terms so one file holds all prose.
    from mkgraph.rdf.terms import load_terms

    return load_terms()["schemes"]


def _labels(g: Graph, node: URIRef, row: dict, label: URIRef = SKOS.prefLabel) -> None:
    g.add((node, label, Literal(row["label_de"], lang="de")))
    g.add((node, label, Literal(row["label_en"], lang="en")))
    for lang in ("de", "en"):
        if row.get(f"definition_{lang}"):
            g.add((node, SKOS.definition, Literal(row[f"definition_{lang}"], lang=lang)))


def schemes_graph(iris: Iris) -> Graph:
    """Every concept scheme and concept (``ontology/schemes.ttl``)."""
    from mkgraph.rdf.terms import statement_classes

    g = bind_prefixes(Graph())
    meta = _scheme_meta()
    classes = statement_classes()
    for scheme in SCHEMES:
        s = iris.scheme(scheme)
        g.add((s, RDF.type, SKOS.ConceptScheme))
        if scheme in meta:
            _labels(g, s, meta[scheme])
        for row in concepts(scheme):
            c = iris.concept(scheme, row["notation"])
            g.add((c, RDF.type, SKOS.Concept))
            g.add((c, SKOS.notation, Literal(row["notation"])))
            _labels(g, c, row)
            g.add((c, SKOS.inScheme, s))
            # a concept with no broader one is a top concept (target groups: Geflüchtete ⊃
            # Asylbewerber, Geduldete, in the table's optional broader column)
            broader = row.get("broader", "")
            if broader:
                parent = iris.concept(scheme, broader)
                g.add((c, SKOS.broader, parent))
                g.add((parent, SKOS.narrower, c))
            else:
                g.add((c, SKOS.topConceptOf, s))
                g.add((s, SKOS.hasTopConcept, c))
            if row["example"]:
                g.add((c, SKOS.example, Literal(row["example"], lang="de")))
            for target in _split(row["close_match"]):
                g.add((c, SKOS.closeMatch, _expand(target)))
            for target in _split(row["exact_match"]):
                g.add((c, SKOS.exactMatch, _expand(target)))
            if scheme == "statement-kind":
                # the class that statements of this kind have (mk:Demand …)
                if row["notation"] not in classes:
                    raise InputError(f"tables/concepts/{scheme}.csv",
                                     f"{row['notation']}: no statement class names this kind in terms.yaml")
                g.add((c, RDFS.seeAlso, classes[row["notation"]]))
    return g


def actors_graph(iris: Iris) -> Graph:
    """Actors, Länder and countries (``ontology/actors.ttl``); conferences are built elsewhere."""
    g = bind_prefixes(Graph())
    land_rows = laender()
    for row in actors():
        a = iris.actor(row["key"])
        g.add((a, RDF.type, MK.Actor))
        g.add((a, RDF.type, ORG.Organization))
        _labels(g, a, row)
        for parent in _split(row["sub_organization_of"]):
            g.add((a, ORG.subOrganizationOf, iris.actor(parent)))
        for member in _split(row["has_member"]):
            if member == ALL_LAENDER:
                for land in land_rows:
                    g.add((a, ORG.hasMember, iris.land(land["iso"])))
            elif member.startswith("DE-"):
                g.add((a, ORG.hasMember, iris.land(member)))
            else:
                g.add((a, ORG.hasMember, iris.actor(member)))
        for target in _split(row["close_match"]):
            # closeMatch, never sameAs: see the table's source column (the Bund is not Germany)
            g.add((a, SKOS.closeMatch, _expand(target)))
    for row in land_rows:
        land = iris.land(row["iso"])
        g.add((land, RDF.type, MK.Land))
        g.add((land, RDF.type, MK.Actor))
        g.add((land, RDF.type, ORG.Organization))
        _labels(g, land, row)
        g.add((land, SKOS.definition, Literal("Land der Bundesrepublik Deutschland", lang="de")))
        g.add((land, SKOS.definition, Literal("State (Land) of the Federal Republic of Germany", lang="en")))
        g.add((land, MK.iso3166, Literal(row["iso"])))
        g.add((land, MK.ags, Literal(row["ags"])))
        g.add((land, MK.stateKey, STATE_KEY[row["ags"]]))
        g.add((land, MK.nuts, NUTS[row["nuts"]]))
        g.add((land, OWL.sameAs, WD[row["wikidata"]]))
    for row in countries():
        c = iris.country(row["iso2"])
        g.add((c, RDF.type, MK.Country))
        _labels(g, c, row)
        g.add((c, MK.iso3166, Literal(row["iso2"])))
        g.add((c, OWL.sameAs, WD[row["wikidata"]]))
    return g


def clear_caches() -> None:
    """Forget loaded tables (tests that edit a table copy call this)."""
    for f in (_concepts, _laender, _actors, _countries):
        f.cache_clear()


__all__ = [
    "SCHEMES", "concepts", "actors", "laender", "countries",
    "schemes_graph", "actors_graph", "clear_caches",
]
