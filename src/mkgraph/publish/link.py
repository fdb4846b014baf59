"""Links to other datasets: the justified link tables, and finding links in a foreign graph.

Two jobs:

1. ``links_graph`` turns the link tables (``mkgraph/tables/links/*.csv``) into triples:
   action fields -> EuroVoc (``skos:closeMatch``/``skos:exactMatch``) and laws -> their
   published citation (an ELI IRI only where one can be justified). The tables sit with the
   other hand-kept tables in the package (not in ontology/, which the build writes), so
   they ship with every install; each row says why the link holds and where the
   identifier was checked. Länder and countries keep their identifiers in laender.csv and
   countries.csv, which already have a source column.

2. ``find_links`` compares another policy dataset with ours and reports which of its
   resources connect to ours, and through which identifier: our own IRI used directly,
   a shared IRI (Wikidata, NUTS, AGS state key, EuroVoc, ELI) reached by owl:sameAs,
   skos:*Match or any other property, or a code written as a literal (ISO 3166-2, NUTS,
   AGS). ``linkset_graph`` describes the result as VoID linksets with the links.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, VOID, XSD

from mkgraph.errors import InputError
from mkgraph.rdf.iris import Iris
from mkgraph.rdf.namespaces import MK, NUTS, STATE_KEY, WD, bind_prefixes
from mkgraph.resources import tables
from mkgraph.tabledata import read

EUROVOC_IRI = re.compile(r"^http://eurovoc\.europa\.eu/(\d+|c_[0-9a-f]{8})$")
ELI_IRI = re.compile(r"^https?://(data\.europa\.eu/eli|www\.recht\.bund\.de/eli)/\S+$")
MATCH = {"closeMatch": SKOS.closeMatch, "exactMatch": SKOS.exactMatch}


# -- 1. the link tables ------------------------------------------------------------------------
def _read(name: str, columns: tuple[str, ...], required: tuple[str, ...], folder: Path | None) -> tuple[dict, ...]:
    return read((folder or tables() / "links") / name, columns, required,
                where=f"tables/links/{name}", lines=True)


def _concept(ref: str, where: str, line: int, iris: Iris) -> URIRef:
    """``action-field/language`` -> the concept IRI, checked against the concept tables."""
    from mkgraph.rdf import vocab

    scheme, _, notation = ref.partition("/")
    if scheme not in vocab.SCHEMES or notation not in {r["notation"] for r in vocab.concepts(scheme)}:
        raise InputError(where, f"line {line}: {ref!r} is no concept of the concept tables")
    return iris.concept(scheme, notation)


def eurovoc_rows(folder: Path | None = None) -> list[dict]:
    where = "tables/links/eurovoc.csv"
    rows = _read("eurovoc.csv", ("concept", "property", "target", "target_label_en", "justification", "source"),
                 ("concept", "property", "target", "target_label_en", "justification", "source"), folder)
    seen: dict[tuple[str, str], str] = {}
    for row in rows:
        if row["property"] not in MATCH:
            raise InputError(where, f"line {row['_line']}: property {row['property']!r} is not closeMatch or exactMatch")
        if not EUROVOC_IRI.match(row["target"]):
            raise InputError(where, f"line {row['_line']}: {row['target']!r} is not a EuroVoc concept IRI")
        key = (row["concept"], row["target"])
        if key in seen:
            # the same pair twice is a duplicate; with two properties it is a contradiction
            raise InputError(where, f"line {row['_line']}: {row['concept']} -> {row['target']} is already "
                                    f"linked ({seen[key]})")
        seen[key] = row["property"]
    return rows


def law_rows(folder: Path | None = None) -> list[dict]:
    where = "tables/links/laws.csv"
    rows = _read("laws.csv", ("concept", "citation_de", "eli", "justification", "source"),
                 ("concept", "citation_de", "justification", "source"), folder)
    concepts = Counter(r["concept"] for r in rows)
    for row in rows:
        if concepts[row["concept"]] > 1:
            raise InputError(where, f"line {row['_line']}: {row['concept']} has more than one row")
        if row["eli"] and not ELI_IRI.match(row["eli"]):
            raise InputError(where, f"line {row['_line']}: eli {row['eli']!r} is not an ELI IRI")
    return rows


def links_graph(iris: Iris, folder: Path | None = None) -> Graph:
    """The triples of the link tables."""
    g = bind_prefixes(Graph())
    for row in eurovoc_rows(folder):
        c = _concept(row["concept"], "tables/links/eurovoc.csv", row["_line"], iris)
        g.add((c, MATCH[row["property"]], URIRef(row["target"])))
    for row in law_rows(folder):
        c = _concept(row["concept"], "tables/links/laws.csv", row["_line"], iris)
        g.add((c, DCTERMS.bibliographicCitation, Literal(row["citation_de"], lang="de")))
        if row["eli"]:
            g.add((c, OWL.sameAs, URIRef(row["eli"])))
    return g


def contradictions(graph: Graph) -> list[str]:
    """Links that cannot all be true: a resource with two Wikidata items (or two NUTS
    regions, two state keys), or one external item claimed by two of our resources."""
    problems = []
    single = {"Wikidata (owl:sameAs)": (OWL.sameAs, str(WD)), "NUTS": (MK.nuts, str(NUTS)),
              "AGS state key": (MK.stateKey, str(STATE_KEY))}
    for label, (pred, space) in single.items():
        owners: dict[URIRef, list] = {}
        for s, o in graph.subject_objects(pred):
            if str(o).startswith(space):
                owners.setdefault(o, []).append(s)
                targets = [t for t in graph.objects(s, pred) if str(t).startswith(space)]
                if len(targets) > 1:
                    problems.append(f"{s} has {len(targets)} {label} links: {sorted(map(str, targets))}")
        for o, subjects in owners.items():
            if len(set(subjects)) > 1:
                problems.append(f"{o} is the {label} of {sorted(map(str, set(subjects)))}")
    for s, o in graph.subject_objects(SKOS.exactMatch):
        if (s, SKOS.closeMatch, o) in graph:
            problems.append(f"{s} is both exactMatch and closeMatch of {o}")
    return sorted(set(problems))


# -- 2. finding links in another dataset ---------------------------------------------------------
@dataclass(frozen=True, order=True)
class Link:
    theirs: str  # their resource
    ours: str  # our resource
    identifier: str  # the shared identifier (an IRI or a code)
    system: str  # mkgraph, Wikidata, NUTS, AGS, ISO 3166, EuroVoc, ELI
    via: str  # how: "direct IRI", "owl:sameAs", "skos:closeMatch", "shared IRI", "code literal"
    predicate: str  # their predicate that carries the identifier


SYSTEMS = (
    ("Wikidata", str(WD)),
    ("NUTS", str(NUTS)),
    ("AGS", str(STATE_KEY)),
    ("EuroVoc", "http://eurovoc.europa.eu/"),
    ("ELI", "http://data.europa.eu/eli/"),
)
VIA = {OWL.sameAs: "owl:sameAs", SKOS.exactMatch: "skos:exactMatch", SKOS.closeMatch: "skos:closeMatch",
       SKOS.broadMatch: "skos:broadMatch", SKOS.narrowMatch: "skos:narrowMatch",
       SKOS.relatedMatch: "skos:relatedMatch"}
# a two-digit literal is only read as an AGS key under a property that says so
AGS_PROPERTY = re.compile(r"(ags|statekey|schluessel|schlüssel|regionalkey|P1388)", re.IGNORECASE)


def _system(iri: str) -> str | None:
    for name, space in SYSTEMS:
        if iri.startswith(space):
            return name
    return None


@dataclass(frozen=True)
class Identifiers:
    """What of ours another dataset can point at."""

    resources: frozenset[str]  # our own IRIs (subjects under our id/ space)
    iris: dict[str, tuple[str, ...]]  # external IRI -> our resources that carry it
    codes: dict[str, tuple[str, ...]]  # ISO / NUTS code -> our resources
    ags: dict[str, tuple[str, ...]]  # AGS key -> our resources
    names: dict[str, tuple[str, ...]]  # a Land's name (casefolded, German or English) -> the Land

    def tried(self) -> str:
        by = Counter(_system(i) or "other" for i in self.iris)
        parts = [f"{len(self.resources)} mkgraph IRIs"] + [f"{n} {s} IRIs" for s, n in sorted(by.items())]
        parts.append(f"{len(self.codes)} ISO 3166/NUTS codes, {len(self.ags)} AGS keys and "
                     f"{len(self.names)} Land names as literals")
        return ", ".join(parts)


def identifiers(ours: Graph, id_space: str) -> Identifiers:
    iris: dict[str, set] = {}
    codes: dict[str, set] = {}
    ags: dict[str, set] = {}
    for s, p, o in ours:
        if not str(s).startswith(id_space):
            continue
        if isinstance(o, URIRef) and _system(str(o)) and p != RDF.type:
            iris.setdefault(str(o), set()).add(str(s))
            if str(o).startswith(str(NUTS)):
                codes.setdefault(str(o)[len(str(NUTS)):], set()).add(str(s))
        elif p == MK.iso3166:
            codes.setdefault(str(o), set()).add(str(s))
        elif p == MK.ags:
            ags.setdefault(str(o), set()).add(str(s))
    # a Land's name is unambiguous (policy tables name the Land, "Bayern", not its code)
    names: dict[str, set] = {}
    for land in ours.subjects(RDF.type, MK.Land):
        if str(land).startswith(id_space):
            for label in ours.objects(land, SKOS.prefLabel):
                names.setdefault(str(label).strip().casefold(), set()).add(str(land))
    freeze = lambda d: {k: tuple(sorted(v)) for k, v in sorted(d.items())}  # noqa: E731
    resources = frozenset(str(s) for s in ours.subjects() if str(s).startswith(id_space))
    return Identifiers(resources, freeze(iris), freeze(codes), freeze(ags), freeze(names))


def find_links(ours: Graph, theirs: Graph, id_space: str) -> list[Link]:
    """Every connection from a resource of ``theirs`` to a resource of ``ours``, sorted."""
    ids = identifiers(ours, id_space)
    found: set[Link] = set()
    for s, p, o in theirs:
        if p == RDF.type:
            continue
        pred = str(p)
        if str(s).startswith(id_space):
            continue  # statements about our own resources are ours, not links from theirs
        if isinstance(o, URIRef):
            iri = str(o)
            if iri in ids.resources:
                found.add(Link(str(s), iri, iri, "mkgraph", "direct IRI", pred))
            for mine in ids.iris.get(iri, ()):
                found.add(Link(str(s), mine, iri, _system(iri) or "other", VIA.get(p, "shared IRI"), pred))
        elif isinstance(o, Literal) and (o.datatype in (None, XSD.string)):
            code = str(o).strip()
            for mine in ids.codes.get(code, ()):
                system = "ISO 3166" if "-" in code or len(code) == 2 else "NUTS"
                found.add(Link(str(s), mine, code, system, "code literal", pred))
            if AGS_PROPERTY.search(pred):
                for mine in ids.ags.get(code, ()):
                    found.add(Link(str(s), mine, code, "AGS", "code literal", pred))
        if isinstance(o, Literal) and o.datatype in (None, XSD.string):
            for mine in ids.names.get(str(o).strip().casefold(), ()):
                found.add(Link(str(s), mine, str(o).strip(), "Land name", "name literal", pred))
    # their subject may itself be one of the identifiers (a Wikidata-style extract)
    for s in set(theirs.subjects()):
        for mine in ids.iris.get(str(s), ()):
            found.add(Link(str(s), mine, str(s), _system(str(s)) or "other", "same IRI as subject", ""))
    return sorted(found)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def linkset_graph(links: list[Link], ours: URIRef, theirs: URIRef) -> Graph:
    """VoID linksets (one per identifier system and way of linking) with their links.

    A link is written ``their-resource P our-resource``: P is their own predicate when
    they use our IRI, owl:sameAs when they are (or say they are) the same item as ours,
    and rdfs:seeAlso when they only share an identifier with it.
    """
    g = bind_prefixes(Graph())
    g.add((theirs, RDF.type, VOID.Dataset))
    g.add((ours, RDF.type, VOID.Dataset))
    groups: dict[tuple[str, str, URIRef], list[Link]] = {}
    for link in links:
        if link.via == "direct IRI":
            pred = URIRef(link.predicate)
        elif link.via in ("owl:sameAs", "same IRI as subject"):
            pred = OWL.sameAs
        else:
            pred = RDFS.seeAlso
        groups.setdefault((link.system, link.via, pred), []).append(link)
    for (system, via, pred), members in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1], str(kv[0][2]))):
        ls = URIRef(f"{theirs}/linkset/{_slug(system)}-{_slug(via)}-{_slug(str(pred).rsplit('/', 1)[-1])}")
        g.add((ls, RDF.type, VOID.Linkset))
        g.add((ls, VOID.subjectsTarget, theirs))
        g.add((ls, VOID.objectsTarget, ours))
        g.add((ls, VOID.linkPredicate, pred))
        pairs = {(URIRef(m.theirs), URIRef(m.ours)) for m in members}
        g.add((ls, VOID.triples, Literal(len(pairs))))
        g.add((ls, DCTERMS.description, Literal(f"through {system} identifiers ({via})", lang="en")))
        for a, b in sorted(pairs):
            g.add((a, pred, b))
    return g


# -- loading the other dataset ----------------------------------------------------------------------
def load_file(path: Path) -> Graph:
    """Any RDF file rdflib reads, or a CSV/TSV table (publish.tabular)."""
    from rdflib.util import guess_format

    from mkgraph.publish import tabular

    where = str(path)
    if not path.is_file():
        raise InputError(where, "no such file")
    if path.suffix.lower() in tabular.SUFFIXES:
        return tabular.load_csv(path)
    fmt = guess_format(str(path)) or "turtle"
    g = Graph()
    try:
        g.parse(str(path), format=fmt)
    except Exception as err:  # rdflib raises many kinds; all mean "cannot read this"
        msg = " ".join(str(err).split())[:160]
        raise InputError(where, f"cannot be parsed as {fmt}: {msg}") from None
    if len(g) == 0:
        raise InputError(where, "the graph is empty")
    return g


ENDPOINT_QUERY = "CONSTRUCT { ?s ?p ?o } WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } LIMIT %d"


def load_endpoint(url: str, limit: int = 200_000, timeout: float = 10.0) -> Graph:
    """Every triple a SPARQL endpoint holds (up to ``limit``), by CONSTRUCT (SPARQL protocol
    POST; the standard library's urllib, so no extra dependency)."""
    import urllib.error
    import urllib.parse
    import urllib.request

    if not re.match(r"^https?://\S+$", url):
        raise InputError("--endpoint", f"{url!r} is not an http(s) URL")
    body = urllib.parse.urlencode({"query": ENDPOINT_QUERY % limit}).encode()
    req = urllib.request.Request(url, data=body, headers={
        "Accept": "application/n-triples", "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            text = resp.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        raise InputError("--endpoint", f"{url}: HTTP {err.code}") from None
    except (urllib.error.URLError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise InputError("--endpoint", f"{url}: cannot connect: {' '.join(str(reason).split())[:120]}") from None
    g = Graph()
    try:
        g.parse(data=text, format="nt")
    except Exception as err:
        raise InputError("--endpoint", f"{url}: the answer is not N-Triples: {' '.join(str(err).split())[:120]}") from None
    if len(g) == 0:
        raise InputError("--endpoint", f"{url}: the graph is empty")
    return g
