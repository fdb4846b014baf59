"""Counts kept as data: the tallies that `actors`, `demands-by-addressee`,
`demands-by-addressee-and-field`, `statements-by-field` and `concerned` read instead of
counting the whole record at query time.

A tally is a W3C RDF Data Cube observation (``qb:Observation``, ``mk:Tally``) of one
scope (``qb:dataSet``: a resolution, or the whole dataset ``<base>id/dataset/mkgraph``)
and one combination of dimensions (docs/model.md, Tallies):

- per actor: how many statements it speaks, how many are addressed to it, and whether
  it moved the resolution (``mk:speaksCount``, ``mk:addressedCount``, ``mk:appliesCount``);
- per addressee, the statement's own action field and statement kind (``mk:statementCount``);
- per action-field section number, action field and statement kind (``mk:statementCount``);
- per concept a statement names as target group or instrument (``mk:targetGroup``,
  ``mk:concerns``): how many statements, and where they stand (``mk:tallyPosition``).

Counts are plain JSON-able dicts (IRIs as strings) so that the record build can cache
them per resolution and sum them for the whole record without reading any graph:

    {"actors": {actor: [speaks, addressed, applies]},
     "addressees": {actor: {action field or "": {kind: n}}},
     "fields": {number: {action field or "": {kind: n}}},
     "concerned": {property: {concept: [n, [position, ...]]}}}

The whole record's counts are the sum of the resolutions' (``total``): statements belong
to exactly one resolution, and a resolution's applicants are counted once each; the
positions ("point 7", "field a") of the whole record are the union of the resolutions'.
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
TARGET_GROUP, CONCERNS = MK.targetGroup, MK.concerns
RESOLUTION, SECTION, TALLY = MK.Resolution, MK.ActionFieldSection, MK.Tally
TALLY_ACTOR, TALLY_KIND, TALLY_FIELD, TALLY_ACTION_FIELD = MK.tallyActor, MK.tallyKind, MK.tallyField, MK.tallyActionField
SPEAKS, ADDRESSED, APPLIES, STATEMENTS = MK.speaksCount, MK.addressedCount, MK.appliesCount, MK.statementCount
TALLY_CONCEPT, TALLY_PROPERTY, TALLY_POSITION = MK.tallyConcept, MK.tallyProperty, MK.tallyPosition

Counts = dict
_ROLES = {SPEAKER: 0, ADDRESSEE: 1, KIND: 2, PART_OF: 3, APPLICANT: 4, TYPE: 5, NUMBER: 6, ACTION_FIELD: 7,
          TARGET_GROUP: 8, CONCERNS: 8}
# what of_resolution reads (derived from _ROLES, so a new role is never filtered out first)
_COUNTED = frozenset(_ROLES) - {TYPE}
_COUNTED_TYPES = frozenset({RESOLUTION, SECTION})
_TYPE = frozenset({TYPE})


def counted(p, o) -> bool:
    """Whether of_resolution counts a triple with this predicate and object."""
    return p in _COUNTED or (p in _TYPE and o in _COUNTED_TYPES)


def empty() -> Counts:
    return {"actors": {}, "addressees": {}, "fields": {}, "concerned": {}}


def position_key(where: str) -> tuple:
    """The order `concerned` lists positions in: points before fields, then by number
    (shorter first: point 2 before point 10)."""
    return (where.startswith("field "), len(where), where)


def of_resolution(triples: Iterable[tuple]) -> Counts:
    """The counts of one resolution from its own triples (assemble.resolution_triples):
    exactly what the raw counting queries find in that resolution's graph."""
    # only what is counted, as a set (the raw queries see a graph: a repeated triple counts
    # once); membership hashes in C, where == on rdflib terms runs in Python (a 2 MB
    # text's 500,000 triples compared with each predicate below took 2 CPU s)
    triples = {t for t in triples if counted(t[1], t[2])}
    speaker: dict = {}
    addressees: dict = {}
    kind: dict = {}
    part_of: dict = {}
    applicants: list = []
    resolutions, sections, numbers, fields = set(), set(), {}, {}
    named: list = []  # (statement, property, concept) of mk:targetGroup and mk:concerns
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
        elif role == 7:
            fields.setdefault(s, set()).add(o)
        else:
            named.append((s, p, o))
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
            for af in fields.get(s) or {NO_FIELD}:  # the statement's own action field
                cell = row.setdefault(str(af), {})
                for k in kind.get(s, ()):
                    cell[str(k)] = cell.get(str(k), 0) + 1
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
    out["concerned"] = _concerned(named, part_of, resolutions, sections, numbers)
    return _sorted(out)


def _concerned(named: list, part_of: dict, resolutions: set, sections: set, numbers: dict) -> dict:
    """concerned: per property and concept, the statements naming it that stand in a
    numbered part of a resolution, and those parts ("point 7", "field a")."""
    found: dict = {}
    for s, p, c in set(named):
        where = {("field " if part in sections else "point ") + str(n)
                 for part in part_of.get(s, ()) if part_of.get(part, set()) & resolutions
                 for n in numbers.get(part, ())}
        if not where:
            continue
        cell = found.setdefault(str(p), {}).setdefault(str(c), [0, set()])
        cell[0] += 1
        cell[1] |= where
    return {p: {c: [n, sorted(w, key=position_key)] for c, (n, w) in row.items()} for p, row in found.items()}


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
    for key in ("addressees", "fields"):
        for first, row in c[key].items():
            have = out[key].setdefault(first, {})
            for af, cell in row.items():
                into = have.setdefault(af, {})
                for k, n in cell.items():
                    into[k] = into.get(k, 0) + n
    for p, row in c["concerned"].items():
        have = out["concerned"].setdefault(p, {})
        for concept, (n, where) in row.items():
            into = have.setdefault(concept, [0, []])
            into[0] += n
            into[1] = sorted(set(into[1]) | set(where), key=position_key)


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
    ``<scope>/tally/``: ``actor/<actor>``, ``addressee/<actor>/<action field or none>/<kind>``,
    ``field/<number>/<action field or none>/<kind>``, ``concerned/<concept>``."""
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
    def per_field_and_kind(path: str, first: tuple, row: dict) -> None:
        """``<path>/<action field or none>/<kind>`` observations of row {field: {kind: n}}."""
        for af, cell in row.items():
            for kind, n in cell.items():
                it = observation(f"{path}/{_last(af) if af else 'none'}/{_last(kind)}")
                out.append((it, *first))
                if af:
                    out.append((it, TALLY_ACTION_FIELD, URIRef(af)))
                out.append((it, TALLY_KIND, URIRef(kind)))
                out.append((it, STATEMENTS, _int(n)))

    for actor, row in counts["addressees"].items():
        per_field_and_kind(f"addressee/{_tail(actor, iris.base)}", (TALLY_ACTOR, URIRef(actor)), row)
    for number, row in counts["fields"].items():
        per_field_and_kind(f"field/{number}", (TALLY_FIELD, Literal(number)), row)
    for prop, row in counts["concerned"].items():
        for concept, (n, where) in row.items():
            # the concept's path names its scheme (concept/target-group/…), so one per concept
            it = observation("concerned/" + _tail(concept, iris.base))
            out.append((it, TALLY_CONCEPT, URIRef(concept)))
            out.append((it, TALLY_PROPERTY, URIRef(prop)))
            out.append((it, STATEMENTS, _int(n)))
            out.extend((it, TALLY_POSITION, Literal(w)) for w in where)
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
    for props in rows.values():
        _read_back(out, props)
    return _sorted(out)


def _read_back(out: Counts, props: dict) -> None:
    """One observation's values (predicate IRI -> objects) into the counts."""
    def one(p):
        v = props.get(str(p))
        return v[0].value if v else None

    actor, kind, n, af = one(TALLY_ACTOR), one(TALLY_KIND), one(STATEMENTS), one(TALLY_ACTION_FIELD)
    if one(SPEAKS) is not None:
        out["actors"][actor] = [int(one(SPEAKS)), int(one(ADDRESSED)), int(one(APPLIES))]
    elif actor is not None:
        out["addressees"].setdefault(actor, {}).setdefault(af or NO_FIELD, {})[kind] = int(n)
    elif one(TALLY_FIELD) is not None:
        out["fields"].setdefault(one(TALLY_FIELD), {}).setdefault(af or NO_FIELD, {})[kind] = int(n)
    elif one(TALLY_CONCEPT) is not None:
        where = sorted((w.value for w in props.get(str(TALLY_POSITION), ())), key=position_key)
        out["concerned"].setdefault(one(TALLY_PROPERTY), {})[one(TALLY_CONCEPT)] = [int(n), where]
