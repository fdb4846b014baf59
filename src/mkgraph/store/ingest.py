"""Ingest new resolution texts: file -> resolutions -> one validated graph each.

The same steps as the build (``build.resolve``: structure.parse_all, the cue rules, a
curation file next to the text if there is one, assemble), for any file a user hands in:
plain text (UTF-8, or German Windows-1252) or a PDF's text layer (``sourcefile.read``).
A file's resolutions are validated with the shared vocabulary by a ``build.Validator``,
batched there as the record build's are; when a batch has a violation, each of its
resolutions is validated on its own for its report. Validation reads the
N-Triples written from the assembled triples, which is also what ``--format nt``
writes: an rdflib Graph is built only for Turtle, JSON-LD or a report's labels. Nothing here writes except ``write``, which writes all of
one file's graphs or none.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from rdflib import Graph

from mkgraph import atomic
from mkgraph.store import build
from mkgraph.publish import export
from mkgraph.errors import InputError
from mkgraph.rdf.iris import Iris
from mkgraph.slug import slug
from mkgraph.model import Document, Statement
from mkgraph.rdf import assemble, ntriples
from mkgraph.rdf.namespaces import bind_prefixes

FORMATS = {"ttl": ".ttl", "jsonld": ".jsonld", "nt": ".nt"}
# header fields a user may want to curate, in reading order, with how to read each
HEADER_FIELDS = (
    "conference", "session", "dates", "place", "top", "document_type", "title", "subtitle",
    "applicants", "rapporteur", "decision_formula", "vote", "vote_counts",
)


@dataclass(frozen=True)
class Ingested:
    """One resolution of an ingested file, with its validation result.

    ntriples is the sorted N-Triples that was validated (and what ``--format nt``
    writes); the rdflib Graph, which Turtle and JSON-LD are written from, is built when
    first asked for: from the triples when they were kept, else from ntriples."""

    source: Path
    document: Document
    statements: tuple[Statement, ...]
    counts: dict
    ntriples: bytes
    conforms: bool
    report: object  # validate.Report
    triples: list | None = None

    @property
    def output_stem(self) -> str:
        return output_stem(self.document)

    @cached_property
    def graph(self) -> Graph:
        if self.triples is not None:
            return assemble.to_graph(self.triples)
        return bind_prefixes(Graph()).parse(data=self.ntriples, format="nt")


def output_stem(doc: Document) -> str:
    """File stem of a resolution's graph: the source's and the TOP (a file may hold several)."""
    from mkgraph.rdf.assemble import resolution_iri

    h = doc.header
    last = f"top-{slug(h.top)}" if h.top else str(resolution_iri(doc)).rsplit("/", 1)[1]
    return f"{doc.name}--{last}"


def ingest_file(
    path: Path, iris: Iris, validator: build.Validator, conference: str | None = None, top: str | None = None,
    date=None, fmt: str = "ttl",
) -> list[Ingested]:
    """Every resolution of a file (parsed, extracted and assembled as build.resolve does)
    with its report (a build.Validator). fmt is the format the results are written in:
    for "nt" the triples are not kept, only the N-Triples bytes they make."""
    made = []
    for doc, statements in build.extracted(Path(path), conference, top, date):
        if fmt != "nt":
            triples, counts = assemble.counted_triples(doc, statements, iris)
            nt = ntriples.document(triples)
        else:  # each triple written as its line when made: no list of them at all
            triples, (nt, counts) = None, assemble.counted_document(doc, statements, iris)
        made.append(Ingested(Path(path), doc, statements, counts, nt, True, None, triples))
        del triples, nt
    return _validated(made, validator)


def _validated(made: list[Ingested], validator: build.Validator) -> list[Ingested]:
    """The resolutions with their reports: checked as the validator batches them
    (build.Validator.violations_each), each report labelled from its own Graph, made
    only when it has violations."""
    if validator.engine != "fast":
        reports = [validator(r.graph) for r in made]
    else:
        found = validator.violations_each([r.ntriples for r in made])
        reports = [validator.report_nt(r.ntriples, lambda r=r: r.graph, violations)
                   for r, violations in zip(made, found)]
    return [dataclasses.replace(r, conforms=bool(report.conforms), report=report) for r, report in zip(made, reports)]


def files_for(results: list[Ingested], out: Path, fmt: str) -> dict[Path, bytes]:
    """The graph file of every resolution: ``<out>/<stem>--top-<top>.<ext>``."""
    if fmt not in FORMATS:
        raise InputError("--format", f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    files: dict[Path, bytes] = {}
    for r in results:
        path = Path(out) / (r.output_stem + FORMATS[fmt])
        if path in files:
            raise InputError(str(r.source), f"two resolutions with agenda id {r.document.header.top}")
        files[path] = r.ntriples if fmt == "nt" else export.serialise(r.graph, fmt)
    return files


def write(results: list[Ingested], out: Path, fmt: str) -> list[Path]:
    """Write the graphs of conforming resolutions, all or none; returns the paths."""
    if any(not r.conforms for r in results):
        raise ValueError("refusing to write a graph that does not conform")
    files = files_for(results, out, fmt)
    atomic.write_all(files)
    return sorted(files)


# ---------------------------------------------------------------- what was found


def statement_counts(statements) -> dict[str, int]:
    counts: dict[str, int] = {}
    for st in statements:
        counts[st.kind] = counts.get(st.kind, 0) + 1
    return dict(sorted(counts.items()))


def summary(r: Ingested) -> str:
    """One line: what was found in a resolution."""
    h = r.document.header
    parts = r.document.parts
    points = sum(p.kind == "point" for p in parts)
    fields = "".join(p.number for p in parts if p.kind == "field")
    notes = [p.number for p in parts if p.kind == "note"]
    kinds = ", ".join(f"{k} {n}" for k, n in statement_counts(r.statements).items()) or "none"
    applicants = "not stated" if h.applicants is None else (", ".join(h.applicants) or "-")
    top = f"TOP {h.top}" if h.top else "no TOP"
    bits = [
        f"{r.source.name}: {h.conference or 'conference not stated'} {h.year or 'undated'} {top} "
        f"“{_short(h.title or 'no title')}”",
        f"applicants {applicants}",
    ]
    if h.rapporteur:
        bits.append("rapporteur " + ", ".join(h.rapporteur))
    bits.append(f"vote {h.vote}" + (f" ({h.vote_counts})" if h.vote_counts else ""))
    bits.append(f"points {points}, fields {fields or '-'}" + (f", notes {', '.join(notes)}" if notes else ""))
    bits.append(f"statements {len(r.statements)} ({kinds})")
    bits.append("conforms" if r.conforms else "DOES NOT CONFORM")
    return "; ".join(bits)


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def header_report(doc: Document) -> list[tuple[str, bool, str]]:
    """(field, found in the text, value) for each header field: what a user should curate."""
    h = doc.header
    values = {
        "conference": h.conference,
        "session": h.session_number,
        "dates": (f"{h.start_date}–{h.end_date}" if h.start_date != h.end_date else str(h.start_date))
        if h.start_date else None,
        "place": h.place,
        "top": h.top,
        "document_type": h.document_type,
        "title": h.title,
        "subtitle": h.subtitle,
        "applicants": ", ".join(h.applicants) if h.applicants else None,
        "rapporteur": ", ".join(h.rapporteur) or None,
        "decision_formula": h.decision_formula,
        "vote": h.vote if h.vote != "unknown" else None,
        "vote_counts": h.vote_counts,
    }
    # a value that the text itself does not hold (a --conference/--id default) is not "found"
    span_of = {"session": "conference", "vote": "decision_formula"}
    out = []
    for f in HEADER_FIELDS:
        v = values[f]
        found = v is not None and (span_of.get(f, f) in h.spans)
        out.append((f, found, "" if v is None else str(v)))
    return out


def format_report(r: Ingested) -> str:
    top = r.document.header.top
    lines = [f"{r.source.name} {'TOP ' + top if top else '(no TOP)'}:"]
    for f, found, value in header_report(r.document):
        lines.append(f"  {'found  ' if found else 'MISSING'} {f}" + (f": {_short(value, 70)}" if value else ""))
    return "\n".join(lines)
