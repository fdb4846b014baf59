"""The build's steps per source text, and how the build writes graph/.

The one build is mkgraph.store.record.build_record (any number of texts, cached, into
the on-disk store, with the exports of mkgraph.store.exports). This module holds what it
does with one source (parse, extract, assemble: ``resolve``, ``ntriples_of``), the
validator every resolution passes (``Validator``: fastcheck, or pySHACL, one report
either way), and the all-or-none writing of graph/ and ontology/ (``write``).
"""

from __future__ import annotations

import dataclasses

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from rdflib import Graph, URIRef

from mkgraph.rdf import assemble
from mkgraph import atomic
from mkgraph.publish import export
from mkgraph.text import structure
from mkgraph.errors import InputError
from mkgraph.rdf.iris import DEFAULT_BASE, Iris
from mkgraph.model import Document, Statement
from mkgraph.rdf.namespaces import bind_prefixes
from mkgraph.resources import locate


@dataclass(frozen=True)
class Resolution:
    """One parsed, extracted and assembled resolution: its triples, and the rdflib Graph
    of them when first asked for (a 2 MB text's 510,000 triples took 7 CPU s and most of 1.5 GB
    as a Graph; what validates and writes N-Triples needs only the triples)."""

    source: Path
    document: Document
    statements: tuple[Statement, ...]
    triples: list  # of assemble.Triple; duplicates possible (a graph drops them)
    counts: dict  # its tallies (mkgraph.rdf.tally): the record's are their sum

    @cached_property
    def graph(self) -> Graph:
        return assemble.to_graph(self.triples)


def discover(directory: Path | None = None) -> list[Path]:
    """The resolution texts of a sources folder, in name order."""
    directory = directory or locate("sources")
    found = sorted(p for p in directory.glob("*.txt") if p.is_file())
    if not found:
        raise InputError(str(directory), "no resolution texts (*.txt) found")
    return found


def curation_path(source: Path) -> Path | None:
    path = source.with_name(source.stem + ".curation.yaml")
    return path if path.is_file() else None


def extracted(source: Path, conference: str | None = None, top: str | None = None, date=None
              ) -> list[tuple[Document, tuple[Statement, ...]]]:
    """Parse one source file (text or PDF) and extract its statements: (document,
    statements) of each resolution in it; conference and top are defaults for a text
    whose header names none."""
    from mkgraph.extract import curation
    from mkgraph.text import sourcefile

    name, text = sourcefile.read(source)
    try:
        docs = structure.parse_all(name, text, conference=conference, top=top)
        if date is not None:  # --date: the day of a decision whose text names none
            docs = [doc if doc.header.start_date else dataclasses.replace(doc, header=dataclasses.replace(
                doc.header, start_date=date, end_date=date, year=date.year)) for doc in docs]
    except InputError as err:  # the parser knows the text by name; the user knows the path
        raise InputError(str(source), err.what) from None
    curated = curation_path(Path(source))
    try:
        return [(doc, tuple(curation.statements_for(doc, curated))) for doc in docs]
    except UnicodeDecodeError as err:  # a Latin-1 or binary curation file
        raise InputError(str(curated), f"not UTF-8 text (byte 0x{err.object[err.start]:02x} at offset "
                         f"{err.start}); save the curation file as UTF-8") from None


def resolve(source: Path, iris: Iris, conference: str | None = None, top: str | None = None,
            date=None) -> list[Resolution]:
    """Parse one source file (text or PDF) and extract its statements (one or more
    resolutions); conference and top are defaults for a text whose header names none."""
    out = []
    for doc, statements in extracted(source, conference, top, date):
        triples, counts = assemble.counted_triples(doc, statements, iris)
        out.append(Resolution(Path(source), doc, statements, triples, counts))
    return out


def ntriples_of(source: Path, iris: Iris) -> list[tuple[str, bytes, dict]]:
    """(resolution IRI, sorted N-Triples, counts) of each resolution in one source: what
    the record build caches and validates per source (see mkgraph.store.record). The bytes are
    export.to_ntriples of resolve's graphs, each triple written as its line when it is made
    (assemble.counted_document); the counts (mkgraph.rdf.tally, JSON-able) let the record sum
    its tallies without reading a file."""
    out = []
    for doc, statements in extracted(source):
        nt, counts = assemble.counted_document(doc, statements, iris)
        out.append((str(assemble.resolution_iri(doc, iris)), nt, counts))
    return out


def shared_graph(iris: Iris) -> Graph:
    """What every dataset carries besides its resolutions: the schemes and the actors."""
    from mkgraph.rdf import vocab

    g = bind_prefixes(Graph())
    g += vocab.schemes_graph(iris)
    g += vocab.actors_graph(iris)
    return g


class Validator:
    """Validates one resolution graph at a time with the shared vocabulary and the
    ontology, loading shapes, ontology and vocabulary once.

    engine "fast" runs the shapes compiled to SPARQL (mkgraph.validate.fastcheck, the build's
    validator: tests/test_scale.py proves it finds what pySHACL finds); "shacl" runs
    pySHACL (the reference). Both return a validate.Report, so the same human report
    is printed either way.
    """

    def __init__(self, iris: Iris, shapes_dir: Path | None = None, engine: str = "fast"):
        if engine not in ("fast", "shacl"):
            raise ValueError(f"unknown validation engine {engine!r}")
        from mkgraph.rdf import ontology

        self.engine = engine
        self.shapes_dir = str(shapes_dir) if shapes_dir else None
        self.shared = shared_graph(iris)
        self.ontology = ontology.ontology_graph(iris)
        if engine == "shacl":
            from mkgraph.validate import shacl as validate

            self.shapes = validate.load_shapes(shapes_dir)
        else:
            from mkgraph.validate.batch import BatchChecker

            self.context = [export.to_ntriples(self.shared), export.to_ntriples(self.ontology)]
            self.batches = BatchChecker(self.context, self.shapes_dir)

    @property
    def checks(self) -> tuple:
        """The compiled checks (engine "fast"): those the batch checker runs."""
        return self.batches.plain

    def __call__(self, graph: Graph):
        """The validate.Report of one resolution graph (with the shared vocabulary)."""
        if self.engine == "shacl":
            from mkgraph.validate import shacl as validate

            return validate.validate(graph + self.shared, self.shapes, self.ontology)
        return self.report_nt(export.to_ntriples(graph), graph)

    def report_nt(self, nt: bytes, graph, violations: list | None = None):
        """The validate.Report (engine "fast") of one resolution's N-Triples, checked
        here unless its violations are given. graph is its Graph, or a function that
        makes it: the report's labels come from the data plus the shared vocabulary,
        which are made and copied only when there are violations."""
        if violations is None:
            violations = self.violations_nt([nt])
        if not violations:
            return self.conforming
        return fast_report(violations, (graph() if callable(graph) else graph) + self.shared, self.shapes_dir)

    @cached_property
    def conforming(self):
        """The report of a resolution without violations: the same for every one (a
        protocol's 247 TOPs made it 247 times, 0.3 s)."""
        return fast_report([], Graph(), self.shapes_dir)

    def violations(self, graph: Graph) -> list:
        """fastcheck's violations of one resolution graph (engine "fast")."""
        return self.violations_nt([export.to_ntriples(graph)])

    def violations_nt(self, documents: list[bytes]) -> list:
        """fastcheck's violations of N-Triples documents (one resolution each), checked
        together BATCH at a time (validate.batch.BatchChecker: one store and every check
        once per batch, the context loaded once), as the record build's workers do;
        sorted as fastcheck sorts them."""
        found: set = set()
        for _, violations in self._batches(documents):
            found.update(violations)
        return sorted(found, key=lambda v: (v.focus, v.shape, v.component, v.value or ""))

    def violations_each(self, documents: list[bytes]) -> list[list]:
        """The violations of each N-Triples document (one resolution each), in order:
        checked BATCH at a time as violations_nt does, and only a batch that has
        violations once more document by document, so that each list is its own."""
        out: list[list] = []
        for batch, violations in self._batches(documents):
            if not violations:
                out += [[] for _ in batch]
            elif len(batch) == 1:
                out.append(violations)
            else:
                out += [self.batches.violations([doc]) for doc in batch]
        return out

    def _batches(self, documents):
        """(documents, their violations) of each batch: the one place that batches."""
        documents = list(documents)
        for i in range(0, len(documents), BATCH):
            batch = documents[i:i + BATCH]
            yield batch, self.batches.violations(batch)


# resolutions checked in one store: the context is loaded once per batch, and no check
# meets more than a few resolutions' points at once (the point-numbering check compares
# the points of every resolution in a store pairwise: 16 CPU s for a protocol's 247 TOPs
# together, 5.5 s for all of their batches of 8)
BATCH = 8


def fast_report(violations, data: Graph, shapes_dir: str | None = None):
    """fastcheck's violations as a validate.Report: focus node and its label, path (read
    from the source shape), value, messages, shape and component, as pySHACL's are shown."""
    from rdflib import Literal
    from rdflib.namespace import RDF
    from rdflib.util import from_n3

    from mkgraph.validate import fastcheck, shacl as validate
    from mkgraph.rdf.namespaces import SH

    shapes = fastcheck.shapes_graph(shapes_dir)
    g = validate._nm()
    nm = g.namespace_manager
    terms = {}  # Result -> (focus, shape, component, value) as terms, for the report graph
    for v in violations:
        shape = None if v.shape.startswith("_:") else URIRef(v.shape)
        focus = from_n3(v.focus) if v.focus.startswith('"') else URIRef(v.focus)
        value = None if v.value is None else from_n3(v.value)
        path = shapes.value(shape, SH.path) if shape is not None else None
        result = validate.Result(
            focus=str(focus),
            label=validate._label(data, focus),
            path=validate._path_text(shapes, path, nm),
            value=validate._term(value, nm),
            message_en=v.message_en,
            message_de=v.message_de,
            component=URIRef(v.component).n3(nm),
            shape="[]" if shape is None else validate._term(shape, nm),
            constraint=None,
            severity="sh:Violation",
        )
        terms.setdefault(result, (focus, shape, URIRef(v.component), value))
    ordered = tuple(sorted(terms, key=lambda x: tuple("" if v is None else v for v in x.as_dict().values())))
    # the report graph: IRIs for the report and its results, as validate.validate makes them
    g.add((validate.REPORT, RDF.type, SH.ValidationReport))
    g.add((validate.REPORT, SH.conforms, Literal(not ordered)))
    width = len(str(len(ordered)))
    for n, r in enumerate(ordered, 1):
        node = URIRef(f"{validate.REPORT}/result/{n:0{width}d}")
        focus, shape, component, value = terms[r]
        g.add((validate.REPORT, SH.result, node))
        g.add((node, RDF.type, SH.ValidationResult))
        g.add((node, SH.focusNode, focus))
        g.add((node, SH.resultSeverity, SH.Violation))
        g.add((node, SH.sourceConstraintComponent, component))
        if shape is not None:
            g.add((node, SH.sourceShape, shape))
        if value is not None:
            g.add((node, SH.value, value))
        for lang in ("en", "de"):
            text = getattr(r, f"message_{lang}")
            if text:
                g.add((node, SH.resultMessage, Literal(text, lang=lang)))
    return validate.Report(conforms=not ordered, results=ordered, graph=g)


def labelled_report(violations, source: Path | None, base: str = DEFAULT_BASE):
    """fast_report of one source's violations (fastcheck.Violation or its dict), the
    offending nodes named by their labels: the source is parsed again for them (it is
    one text, and a report is rare), the shared vocabulary added."""
    from mkgraph.validate import fastcheck

    found = [v if isinstance(v, fastcheck.Violation) else fastcheck.Violation(**v) for v in violations]
    data = Graph()
    if source is not None:
        iris = Iris(base)
        try:
            for res in resolve(source, iris):
                data += res.graph
        except InputError:
            pass  # labels are a help, not a need
        data += shared_graph(iris)
    return fast_report(found, data)


def stale(files: dict[str, bytes], root: Path) -> list[str]:
    """The files under root that differ from what a build produces (or are missing)."""
    out = []
    for rel, data in sorted(files.items()):
        path = root / rel
        if not path.is_file() or path.read_bytes() != data:
            out.append(rel)
    return out


def folders(files: dict[str, bytes]) -> list[str]:
    """The folders (relative) the build's files live in: graph/, graph/resolutions/, ontology/ …"""
    return sorted({str(Path(rel).parent) for rel in files})


def write(files: dict[str, bytes], root: Path) -> list[str]:
    """Write the files that changed, all or none; returns what was written.

    First finishes what an interrupted build left (atomic.recover: its journal, its
    temporary files); the renames are journalled (atomic.replace_all). Call with the build
    lock held (mkgraph.lock)."""
    atomic.recover(root, folders(files))
    changed = stale(files, root)
    atomic.replace_all(root, {rel: files[rel] for rel in changed})
    return changed
