"""Counts kept as data: the tallies that `actors`, `demands-by-addressee` and
`statements-by-field` read instead of counting the whole record at query time.

A tally is a W3C RDF Data Cube observation (``qb:Observation``, ``mk:Tally``) of one
scope (``qb:dataSet``: a resolution, or the whole dataset ``<base>id/dataset/mkgraph``)
and one combination of dimensions (docs/model.md, Tallies):

- per actor: how many statements it speaks, how many are addressed to it, and whether
  it moved the resolution (``mk:speaksCount``, ``mk:addressedCount``, ``mk:appliesCount``);
- per addressee and statement kind (``mk:statementCount``);
- per action-field section number, action field and statement kind (``mk:statementCount``).

Counts are plain JSON-able dicts (IRIs as strings) so that the record build can cache
them per resolution and sum them for the whole record without reading any graph:

    {"actors": {actor: [speaks, addressed, applies]},
     "addressees": {actor: {kind: n}},
     "fields": {number: {action field or "": {kind: n}}}}

The whole record's counts are the sum of the resolutions' (``total``): statements belong
to exactly one resolution, and a resolution's applicants are counted once each.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from mkgraph.rdf.iris import Iris
from mkgraph.rdf.namespaces import ELI, MK

QB = "http://purl.org/linked-data/cube#"
QB_OBSERVATION = URIRef(QB + "Observation")
QB_DATASET = URIRef(QB + "dataSet")

NO_FIELD = ""  # key of a section without an action field concept

# terms made once: an rdflib Namespace attribute builds and checks a new URIRef on every
# access, and of_resolution compares every triple of every resolution with these
TYPE = RDF.type
SPEAKER, ADDRESSEE, KIND, APPLICANT = MK.speaker, MK.addressee, MK.statementKind, MK.applicant
NUMBER, ACTION_FIELD, PART_OF = MK.number, MK.actionField, ELI.is_part_of
RESOLUTION, SECTION, TALLY = MK.Resolution, MK.ActionFieldSection, MK.Tally
TALLY_ACTOR, TALLY_KIND, TALLY_FIELD, TALLY_ACTION_FIELD = MK.tallyActor, MK.tallyKind, MK.tallyField, MK.tallyActionField
SPEAKS, ADDRESSED, APPLIES, STATEMENTS = MK.speaksCount, MK.addressedCount, MK.appliesCount, MK.statementCount

Counts = dict
_ROLES = {SPEAKER: 0, ADDRESSEE: 1, KIND: 2, PART_OF: 3, APPLICANT: 4, TYPE: 5, NUMBER: 6, ACTION_FIELD: 7}


def empty() -> Counts:
    return {"actors": {}, "addressees": {}, "fields": {}}


def of_resolution(triples: Iterable[tuple]) -> Counts:
    """The counts of one resolution from its own triples (assemble.resolution_triples):
    exactly what the raw counting queries find in that resolution's graph."""
    triples = set(triples)  # the raw queries see a graph: a repeated triple counts once
    speaker: dict = {}
    addressees: dict = {}
    kind: dict = {}
    part_of: dict = {}
    applicants: list = []
    resolutions, sections, numbers, fields = set(), set(), {}, {}
    for s, p, o in triples:
        role = _ROLES.get(p)  # one hash lookup, not up to ten rdflib __eq__ calls per triple
        if role is None:
            continue
        if role == 0:
            speaker.setdefault(o, []).append(s)
        elif role == 1:
            addressees.setdefault(s, set()).add(o)
        elif role == 2:
            kind.setdefault(s, set()).add(o)
        elif role == 3:
            part_of.setdefault(s, set()).add(o)
        elif role == 4:
            applicants.append(o)
        elif role == 5:
            if o == RESOLUTION:
                resolutions.add(s)
            elif o == SECTION:
                sections.add(s)
        elif role == 6:
            numbers.setdefault(s, set()).add(o)
        else:
            fields.setdefault(s, set()).add(o)
    out = empty()
    actors = out["actors"]

    def actor(a) -> list:
        return actors.setdefault(str(a), [0, 0, 0])

    for a, sts in speaker.items():
        actor(a)[0] += len(sts)
    for s, targets in addressees.items():
        for a in targets:
            actor(a)[1] += 1
    for a in applicants:
        actor(a)[2] += 1
    for s, targets in addressees.items():
        # demands-by-addressee: a statement two levels below anything (part, resolution)
        if not any(part_of.get(p) for p in part_of.get(s, ())):
            continue
        for a in targets:
            row = out["addressees"].setdefault(str(a), {})
            for k in kind.get(s, ()):
                row[str(k)] = row.get(str(k), 0) + 1
    for s, parts in part_of.items():
        for p in parts:
            if p not in sections or not (part_of.get(p, set()) & resolutions):
                continue
            for number in numbers.get(p, ()):
                row = out["fields"].setdefault(str(number), {})
                for af in fields.get(p) or {NO_FIELD}:
                    cell = row.setdefault(str(af), {})
                    for k in kind.get(s, ()):
                        cell[str(k)] = cell.get(str(k), 0) + 1
    return _sorted(out)


def add(a: Counts, b: Counts) -> Counts:
    """The sum of two counts (neither is changed)."""
    return total((a, b))


def total(counts: Iterable[Counts]) -> Counts:
    """The sum of any number of counts: the whole record's from its resolutions'. Summed
    into one accumulator and sorted once (the record build sums 10,000 of them)."""
    out = empty()
    for c in counts:
        _into(out, c)
    return _sorted(out)


def _into(out: Counts, c: Counts) -> None:
    for actor, row in c["actors"].items():
        have = out["actors"].setdefault(actor, [0, 0, 0])
        for i, n in enumerate(row):
            have[i] += n
    for actor, row in c["addressees"].items():
        have = out["addressees"].setdefault(actor, {})
        for k, n in row.items():
            have[k] = have.get(k, 0) + n
    for number, row in c["fields"].items():
        have = out["fields"].setdefault(number, {})
        for af, cell in row.items():
            into = have.setdefault(af, {})
            for k, n in cell.items():
                into[k] = into.get(k, 0) + n


def _sorted(c: Counts) -> Counts:
    def deep(d):
        return {k: deep(v) if isinstance(v, dict) else v for k, v in sorted(d.items())}

    return deep(c)


def _tail(iri: str, base: str) -> str:
    """The path of an IRI below <base>id/ (``land/DE-BY``), else its last segment."""
    prefix = base + "id/"
    return iri[len(prefix):] if iri.startswith(prefix) else iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _last(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def _int(n: int) -> Literal:
    return Literal(n, datatype=XSD.integer)


def triples(counts: Counts, scope: URIRef, iris: Iris) -> list[tuple]:
    """The observations of one scope (a resolution or the dataset IRI), each under
    ``<scope>/tally/``: ``actor/<actor>``, ``addressee/<actor>/<kind>``,
    ``field/<number>/<action field or none>/<kind>``."""
    out: list[tuple] = []
    head = str(scope) + "/tally/"

    def observation(path: str) -> URIRef:
        it = URIRef(head + path)
        out.append((it, TYPE, QB_OBSERVATION))
        out.append((it, TYPE, TALLY))
        out.append((it, QB_DATASET, scope))
        return it

    for actor, (speaks, addressed, applies) in counts["actors"].items():
        it = observation("actor/" + _tail(actor, iris.base))
        out.append((it, TALLY_ACTOR, URIRef(actor)))
        out.append((it, SPEAKS, _int(speaks)))
        out.append((it, ADDRESSED, _int(addressed)))
        out.append((it, APPLIES, _int(applies)))
    for actor, row in counts["addressees"].items():
        for kind, n in row.items():
            it = observation(f"addressee/{_tail(actor, iris.base)}/{_last(kind)}")
            out.append((it, TALLY_ACTOR, URIRef(actor)))
            out.append((it, TALLY_KIND, URIRef(kind)))
            out.append((it, STATEMENTS, _int(n)))
    for number, row in counts["fields"].items():
        for af, cell in row.items():
            for kind, n in cell.items():
                it = observation(f"field/{number}/{_last(af) if af else 'none'}/{_last(kind)}")
                out.append((it, TALLY_FIELD, Literal(number)))
                if af:
                    out.append((it, TALLY_ACTION_FIELD, URIRef(af)))
                out.append((it, TALLY_KIND, URIRef(kind)))
                out.append((it, STATEMENTS, _int(n)))
    return out


def record_ntriples(counts: Iterable[Counts], iris: Iris) -> bytes:
    """The whole record's observations as sorted N-Triples, from the counts of every
    resolution (what the record build caches per entry): the same lines the exporting
    build puts into graph/dataset.nt for the same resolutions."""
    from mkgraph.rdf import ntriples

    return ntriples.document(triples(total(counts), iris.dataset(), iris))


def of_ntriples(nt: bytes, resolution: str) -> Counts:
    """The counts a resolution's N-Triples carry in its own observations (for a cache
    that kept the N-Triples but not the counts)."""
    import pyoxigraph as ox

    head = resolution + "/tally/"
    mine = b"".join(line + b"\n" for line in nt.splitlines() if line.startswith(b"<" + head.encode()))
    rows: dict = {}
    for q in ox.parse(mine, format=ox.RdfFormat.N_TRIPLES):
        rows.setdefault(q.subject.value, {}).setdefault(q.predicate.value, []).append(q.object)
    out = empty()
    for subject, props in rows.items():
        def one(p):
            v = props.get(str(p))
            return v[0] if v else None
        actor, kind, n = one(MK.tallyActor), one(MK.tallyKind), one(MK.statementCount)
        if one(MK.speaksCount) is not None:
            out["actors"][actor.value] = [int(one(MK.speaksCount).value), int(one(MK.addressedCount).value),
                                          int(one(MK.appliesCount).value)]
        elif actor is not None:
            out["addressees"].setdefault(actor.value, {})[kind.value] = int(n.value)
        elif one(MK.tallyField) is not None:
            af = one(MK.tallyActionField)
            row = out["fields"].setdefault(one(MK.tallyField).value, {})
            row.setdefault(af.value if af is not None else NO_FIELD, {})[kind.value] = int(n.value)
    return _sorted(out)
