"""Turn a parsed document and its statements into RDF (the model in docs/model.md)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache

from rdflib import Graph, Literal, URIRef, namespace

from mkgraph import memory
from mkgraph.rdf import namespaces, ntriples
from mkgraph.rdf.iris import Iris
from mkgraph.model import Document, Part, Statement
from mkgraph.rdf.namespaces import Terms, bind_prefixes
from mkgraph.tabledata import by

# Every term made once (rdflib makes a new URIRef per Namespace attribute access; a
# resolution asks some 3,000 times).
DCTERMS, PROV, RDF, RDFS, SKOS, XSD = (Terms(ns) for ns in (
    namespace.DCTERMS, namespace.PROV, namespace.RDF, namespace.RDFS, namespace.SKOS, namespace.XSD))
ELI, MK, OA = Terms(namespaces.ELI), Terms(namespaces.MK), Terms(namespaces.OA)

Triple = tuple[URIRef, URIRef, URIRef | Literal]

STATEMENT_CLASSES = {
    "demand": MK.Demand,
    "appeal": MK.Appeal,
    "offer": MK.Offer,
    "commitment": MK.Commitment,
    "acknowledgement": MK.Acknowledgement,
    "thanks": MK.Thanks,
    "criticism": MK.Criticism,
    "goal": MK.Goal,
    "finding": MK.Finding,
}

PART_CLASSES = {"point": MK.Point, "field": MK.ActionFieldSection, "chapeau": MK.Chapeau, "note": MK.Note}


def _de(text: str) -> Literal:
    return Literal(text, lang="de")


# ordinals and offsets repeat within and across resolutions; a Literal is immutable
@lru_cache(maxsize=4096)
def _int(n: int) -> Literal:
    return Literal(n, datatype=XSD.integer)


@lru_cache(maxsize=65536)
def _offset(n: int) -> Literal:
    # xsd:integer, not xsd:nonNegativeInteger: Oxigraph (and other stores) keep integer
    # subtypes as xsd:integer, so what a store serves would no longer match the shapes;
    # the shapes say >= 0 with sh:minInclusive instead.
    return Literal(n, datatype=XSD.integer)


class _Builder:
    """Collects the triples of one resolution; the IRIs come from one Iris."""

    def __init__(self, doc: Document, iris: Iris):
        self.doc = doc
        self.iris = iris
        self.triples: list[Triple] = []
        h = doc.header
        self.resolution = resolution_iri(doc, iris)
        self.source = iris.source(doc.name)
        self.conferences: set[str] = set()  # other conferences named as actors
        self.counts: dict = {}  # the tallies (mkgraph.rdf.tally), once all is added

    def add(self, s, p, o):
        self.triples.append((s, p, o))

    offset = staticmethod(_offset)

    def actor(self, key: str) -> URIRef:
        if len(key) == 5 and key[:3] == "DE-":
            return self.iris.land(key)
        abbreviation = _conference_keys().get(key.lower())
        if abbreviation:
            self.conferences.add(abbreviation)
            return self.iris.conference(abbreviation)
        return self.iris.actor(key)

    def anchor(self, thing: URIRef, start: int, end: int, exact: str) -> None:
        a = Iris.anchor(thing)
        pos, quote = Iris.child(a, "position"), Iris.child(a, "quote")
        self.add(thing, MK.anchor, a)
        self.add(a, RDF.type, OA.SpecificResource)
        self.add(a, OA.hasSource, self.source)
        self.add(a, OA.hasSelector, pos)
        self.add(a, OA.hasSelector, quote)
        self.add(pos, RDF.type, OA.TextPositionSelector)
        self.add(pos, OA.start, self.offset(start))
        self.add(pos, OA.end, self.offset(end))
        self.add(quote, RDF.type, OA.TextQuoteSelector)
        self.add(quote, OA.exact, Literal(exact))

    # -- document level -------------------------------------------------------------
    def source_text(self) -> None:
        s, doc = self.source, self.doc
        self.add(s, RDF.type, MK.SourceText)
        self.add(s, MK.fileName, Literal(f"{doc.name}.txt"))
        self.add(s, MK.charCount, _int(len(doc.original)))
        self.add(s, MK.sha256, Literal(hashlib.sha256(doc.original.encode("utf-8")).hexdigest()))
        self.add(s, DCTERMS["format"], Literal("text/plain"))

    def conference(self, abbreviation: str) -> URIRef:
        row = by("conferences.csv", "abbreviation").get(abbreviation, {})
        conf = self.iris.conference(abbreviation)
        self.add(conf, RDF.type, MK.Conference)
        self.add(conf, MK.abbreviation, Literal(abbreviation))
        if row.get("name_de"):
            self.add(conf, SKOS.prefLabel, _de(row["name_de"]))
        if row.get("name_en"):
            self.add(conf, SKOS.prefLabel, Literal(row["name_en"], lang="en"))
        return conf

    def conference_and_session(self) -> tuple[URIRef | None, URIRef | None]:
        h = self.doc.header
        if h.conference is None:
            return None, None
        conf = self.conference(h.conference)
        row = by("conferences.csv", "abbreviation").get(h.conference, {})
        if h.session_number is None:
            return conf, None
        sess = self.iris.session(h.conference, h.session_number)
        self.add(sess, RDF.type, MK.Session)
        self.add(sess, MK.conference, conf)
        self.add(sess, MK.sessionNumber, _int(h.session_number))
        name = row.get("name_de") or h.conference
        self.add(sess, SKOS.prefLabel, _de(f"{h.session_number}. {name}"))
        if h.start_date:
            self.add(sess, MK.startDate, Literal(h.start_date, datatype=XSD.date))
        if h.end_date:
            self.add(sess, MK.endDate, Literal(h.end_date, datatype=XSD.date))
        if h.place:
            self.add(sess, MK.place, Literal(h.place))
        return conf, sess

    def resolution_node(self, conf: URIRef | None, sess: URIRef | None) -> None:
        h, r, iris = self.doc.header, self.resolution, self.iris
        self.add(r, RDF.type, MK.Resolution)
        # what the text does not state is said to be not stated, never guessed (docs/model.md)
        for stated, prop in ((h.title, ELI.title), (conf, ELI.passed_by), (h.top, MK.topNumber),
                             (h.start_date, ELI.date_document), (h.applicants is not None, MK.applicant)):
            if not stated:
                self.add(r, MK.notStated, prop)
        if h.title:
            self.add(r, ELI.title, _de(h.title))
        if h.subtitle:
            self.add(r, ELI.title_alternative, _de(h.subtitle))
        if conf is not None:
            self.add(r, ELI.passed_by, conf)
        if sess is not None:
            self.add(r, MK.session, sess)
        if h.top:
            self.add(r, MK.agendaItem, Literal(h.top_label))
            self.add(r, MK.topNumber, Literal(h.top))
        if h.start_date:
            self.add(r, ELI.date_document, Literal(h.start_date, datatype=XSD.date))
        if h.document_type:
            self.add(r, ELI.type_document, iris.concept("document-type", h.document_type))
        self.add(r, MK.voteOutcome, iris.concept("vote-outcome", h.vote))
        if h.vote_counts:
            self.add(r, MK.voteCounts, Literal(h.vote_counts))
        if h.decision_formula:
            self.add(r, MK.decisionFormula, Literal(h.decision_formula))
        for key in h.applicants or ():
            self.add(r, MK.applicant, self.actor(key))
        for key in h.rapporteur:
            self.add(r, MK.rapporteur, self.actor(key))
        self.add(r, MK.source, self.source)
        from mkgraph.text.textmap import cut

        if self.doc.parts:
            start = min(p.start for p in self.doc.parts)
            end = max(p.end for p in self.doc.parts)
        else:  # a text cut off after its header: the formula is all of the decision there is
            start, end = h.spans["decision_formula"]
        self.anchor(r, start, end, cut(self.doc.original, start, end))

    # -- parts ------------------------------------------------------------------------
    def part_iri(self, kind: str, number: str) -> URIRef:
        return Iris.child(self.resolution, kind, number)

    def part(self, p: Part) -> None:
        it = self.part_iri(p.kind, p.number)
        self.add(self.resolution, ELI.has_part, it)
        self.add(it, RDF.type, PART_CLASSES[p.kind])
        self.add(it, ELI.is_part_of, self.resolution)
        self.add(it, MK.number, Literal(p.number))
        self.add(it, MK.ordinal, _int(p.ordinal))
        if p.title:
            self.add(it, ELI.title, _de(p.title))
        if p.action_field:
            self.add(it, MK.actionField, self.iris.concept("action-field", p.action_field))
        self.anchor(it, p.start, p.end, p.text)
        for para in p.paragraphs:
            pi = self.subdivision(it, "paragraph", MK.Paragraph, para)
            for sent in para.sentences:
                self.subdivision(pi, "sentence", MK.Sentence, sent)

    def subdivision(self, parent: URIRef, segment: str, cls: URIRef, unit) -> URIRef:
        """A paragraph or sentence: numbered within its parent, anchored to its text."""
        it = Iris.child(parent, segment, str(unit.index))
        self.add(it, RDF.type, cls)
        self.add(it, ELI.is_part_of, parent)
        self.add(it, MK.ordinal, _int(unit.index))
        self.anchor(it, unit.start, unit.end, unit.text)
        return it

    # -- statements ---------------------------------------------------------------------
    def statement(self, st: Statement) -> None:
        iris = self.iris
        it = iris.statement(self.resolution, st.kind, st.start, st.end)
        part = self.part_iri(*st.part)
        sentence = Iris.child(part, "paragraph", str(st.paragraph), "sentence", str(st.sentence))
        self.add(it, RDF.type, STATEMENT_CLASSES[st.kind])
        self.add(it, MK.statementKind, iris.concept("statement-kind", st.kind))
        if st.speaker:  # none where the conference is not stated
            self.add(it, MK.speaker, self.actor(st.speaker))
        for a in st.addressees:
            self.add(it, MK.addressee, self.actor(a))
        if st.no_addressee:
            self.add(it, MK.noAddresseeNamed, Literal(True))
        self.add(it, ELI.is_part_of, part)
        self.add(it, MK.sentence, sentence)
        self.add(it, PROV.wasDerivedFrom, sentence)
        if st.action_field:
            self.add(it, MK.actionField, iris.concept("action-field", st.action_field))
        for tg in st.target_groups:
            self.add(it, MK.targetGroup, iris.concept("target-group", tg))
        for ins in st.instruments:
            self.add(it, MK.concerns, iris.concept("instrument", ins))
        for c in st.countries:
            self.add(it, MK.concernsCountry, iris.country(c))
        if st.modality:
            self.add(it, MK.modality, Literal(st.modality))
        for key in st.mentioned:
            self.add(it, MK.mentions, self.actor(key))
        for kind, number, para, sent in st.restricted_by:
            self.add(it, MK.restrictedBy, Iris.child(self.part_iri(kind, number), "paragraph", str(para),
                                                      "sentence", str(sent)))
        if st.produced_by == "curation":
            self.add(it, PROV.wasGeneratedBy, curation_activity(iris, self.doc.name))
        else:
            self.add(it, PROV.wasGeneratedBy, iris.activity("rules"))
            if st.rule:
                self.add(it, MK.rule, Literal(st.rule))
            if st.confidence is not None:
                # xsd:double: a JSON number in the JSON-LD (a decimal can only be a string there)
                self.add(it, MK.confidence, Literal(repr(round(float(st.confidence), 2)), datatype=XSD.double))
        self.anchor(it, st.start, st.end, st.quote)

    def provenance(self, statements: Iterable[Statement]) -> None:
        kinds = {st.produced_by for st in statements}
        if "rule" in kinds:
            a = self.iris.activity("rules")
            self.add(a, RDF.type, PROV.Activity)
            self.add(a, RDFS.label, Literal("Regelbasierte Extraktion", lang="de"))
            self.add(a, RDFS.label, Literal("Rule-based extraction", lang="en"))
        if "curation" in kinds:
            a = curation_activity(self.iris, self.doc.name)
            self.add(a, RDF.type, PROV.Activity)
            self.add(a, RDFS.label, Literal(f"Redaktionelle Prüfung von {self.doc.name}", lang="de"))
            self.add(a, RDFS.label, Literal(f"Reviewed curation of {self.doc.name}", lang="en"))
            self.add(a, PROV.used, self.source)


def curation_activity(iris: Iris, name: str) -> URIRef:
    return iris.activity("curation", name)


def resolution_graph(doc: Document, statements: Iterable[Statement], iris: Iris | None = None) -> Graph:
    """The triples of resolution_triples as an rdflib graph (what the exporting build
    and pySHACL work on)."""
    return to_graph(resolution_triples(doc, statements, iris))


def to_graph(triples: Iterable[Triple]) -> Graph:
    """Triples as an rdflib graph with the project's prefixes."""
    g = bind_prefixes(Graph())
    store, context = g.store, g
    for triple in triples:
        store.add(triple, context)
    return g


def resolution_triples(doc: Document, statements: Iterable[Statement], iris: Iris | None = None) -> list[Triple]:
    """All triples that one resolution contributes (shared nodes such as the conference
    and session are repeated in each resolution graph; a union merges them), as a list
    of rdflib terms: the record build writes them as N-Triples without a Graph
    (mkgraph.rdf.ntriples); duplicates are possible, a graph or the writer drops them."""
    return counted_triples(doc, statements, iris)[0]


def counted_triples(doc: Document, statements: Iterable[Statement], iris: Iris | None = None
                    ) -> tuple[list[Triple], dict]:
    """resolution_triples and the resolution's counts (mkgraph.rdf.tally, JSON-able): what a
    record build caches to sum the whole record's tallies without reading any graph."""
    b = _built(_Builder(doc, iris or Iris()), doc, statements)
    return b.triples, b.counts


def counted_document(doc: Document, statements: Iterable[Statement], iris: Iris | None = None
                     ) -> tuple[bytes, dict]:
    """counted_triples as one sorted, de-duplicated N-Triples document
    (mkgraph.rdf.ntriples.document), each triple written as its line when it is made.

    The lines go into one buffer as they are made and are split, sorted and joined only
    at the end: a 2 MB text's 510,000 lines made one by one as bytes objects were spread
    over memory between the small objects made with them (literals, tallies), which kept
    ≈ 90 MB of it from being given back once they were joined; split in one go from the
    buffer, they are freed together (benchmarks/scale.py, the text-size rows)."""
    b = _built(_LineBuilder(doc, iris or Iris()), doc, statements)
    buffer, counts = b.buffer, b.counts
    del b
    lines = buffer.splitlines(keepends=True)  # bytearrays: sorted and joined as bytes are
    del buffer
    lines.sort()
    data = ntriples.join_unique(lines)
    del lines
    memory.give_back(len(data))
    return data, counts


def _built(b: _Builder, doc: Document, statements: Iterable[Statement]) -> _Builder:
    from mkgraph.rdf import tally

    statements = list(statements)
    b.source_text()
    conf, sess = b.conference_and_session()
    b.resolution_node(conf, sess)
    for p in doc.parts:
        b.part(p)
    for st in statements:
        b.statement(st)
    b.provenance(statements)
    for abbreviation in sorted(b.conferences - {doc.header.conference}):
        b.conference(abbreviation)
    # the resolution's tallies are its own triples: under its IRI, so the record build's
    # partition keeps them in the resolution's named graph
    b.counts = tally.of_resolution(b.triples)
    for triple in tally.triples(b.counts, b.resolution, b.iris):
        b.add(*triple)
    return b


class _LineBuilder(_Builder):
    """A _Builder that writes each triple as its N-Triples line into one buffer
    (unsorted, duplicates possible), keeping as triples only those the tallies count."""

    def __init__(self, doc: Document, iris: Iris):
        from mkgraph.rdf import tally

        super().__init__(doc, iris)
        self.buffer = bytearray()
        self.counted = tally.counted
        self.offsets: dict[int, ntriples.Rendered] = {}

    def offset(self, n: int) -> ntriples.Rendered:
        # as its line writes _offset(n), without the Literal; cached for this resolution
        # only: the shared cache kept a 2 MB text's 50,000 offsets, spread over the memory
        # its lines took, which could then not be given back when they were joined
        lit = self.offsets.get(n)
        if lit is None:
            lit = self.offsets[n] = ntriples.Rendered(f'"{n:d}"^^<{XSD.integer}>')
        return lit

    def add(self, s, p, o):
        self.buffer += ntriples.line(s, p, o)
        if self.counted(p, o):
            self.triples.append((s, p, o))


def resolution_iri(doc: Document, iris: Iris | None = None) -> URIRef:
    h = doc.header
    key = "" if h.top else (h.title or " ".join(p.text for p in doc.parts)[:500])
    return (iris or Iris()).resolution(h.conference, h.year, h.top, key)


@lru_cache(maxsize=1)
def _conference_keys() -> dict[str, str]:
    """Actor key (lower-case abbreviation) -> abbreviation, for every conference."""
    return {a.lower(): a for a in by("conferences.csv", "abbreviation")}
