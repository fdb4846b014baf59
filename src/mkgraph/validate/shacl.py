"""Validate a graph against the shapes in shapes/ (SHACL, run by pySHACL).

The data is validated together with the ontology (ontology/*.ttl): the ontology's
rdfs:subClassOf axioms are what let sh:targetClass mk:Statement reach an mk:Demand and
sh:class mk:Actor accept an mk:Land (SHACL follows rdfs:subClassOf in the data graph),
and its labels and definitions are what mksh:UsedTermShape checks (on every mk: term
the data uses, which validate() types as mksh:UsedTerm in its private copy). No RDFS closure is
computed: rdfs:range/rdfs:domain entailment would type every applicant as whatever the
range says, so a class constraint on a link target could never fail (see
docs/validation.md); subclassing is all the shapes rely on, and SHACL does that itself.
"""

from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import rdflib
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from mkgraph.errors import InputError
from mkgraph.rdf.namespaces import ELI, MK, OA, SH, bind_prefixes
from mkgraph.resources import locate

RDF_SUFFIXES = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".trig": "trig",
    ".nq": "nquads",
    ".rdf": "xml",
    ".owl": "xml",
    ".n3": "n3",
}
REPORT = URIRef("urn:mkgraph:validation-report")


# -- loading -------------------------------------------------------------------------------
def _position(err: Exception) -> str:
    """'line L, column C' where the parser says where it stopped, else ''."""
    text, i = getattr(err, "_str", None), getattr(err, "_i", None)
    if text is not None and i is not None:  # rdflib's Turtle/N3 BadSyntax
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        line = getattr(err, "lines", text.count("\n", 0, i)) + 1
        col = i - (text.rfind("\n", 0, i) + 1) + 1
        if 0 <= i <= len(text) and text.count("\n", 0, i) + 1 == line and col >= 1:
            return f"line {line}, column {col}"
        return f"line {line}, at the end of the input"
    if hasattr(err, "lineno") and hasattr(err, "colno"):  # json.JSONDecodeError (JSON-LD)
        return f"line {err.lineno}, column {err.colno}"
    return ""


def _why(err: Exception) -> str:
    why = getattr(err, "_why", None) or getattr(err, "why", None) or getattr(err, "msg", None) or str(err)
    return " ".join(str(why).split())[:200]


def parse_file(path: Path, graph: Graph | None = None) -> Graph:
    """Parse one RDF file into graph; bad input -> InputError naming the file and position."""
    path = Path(path)
    graph = graph if graph is not None else Graph()
    fmt = RDF_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise InputError(str(path), f"not a known RDF file type (one of {', '.join(sorted(RDF_SUFFIXES))})")
    if not path.is_file():
        raise InputError(str(path), "no such file")
    try:
        if fmt == "nt":
            # rdflib's N-Triples parser names the line in its message, not in attributes
            for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                try:
                    graph.parse(data=line, format="nt")
                except Exception as err:  # noqa: BLE001 - any parser failure is bad input
                    raise InputError(str(path), f"line {lineno}, column 1: {_why(err)}") from None
        else:
            graph.parse(path, format=fmt)
    except InputError:
        raise
    except UnicodeDecodeError as err:
        raise InputError(str(path), f"not UTF-8 text (byte {err.start})") from None
    except Exception as err:  # noqa: BLE001 - rdflib raises many types for bad syntax
        where = _position(err)
        raise InputError(str(path), f"{where + ': ' if where else ''}not valid {fmt}: {_why(err)}") from None
    return graph


def data_files(paths: list[Path]) -> list[Path]:
    """The RDF files named by paths; a directory stands for its RDF files (sorted)."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in RDF_SUFFIXES)
            if not found:
                raise InputError(str(p), "directory holds no RDF data files (.ttl, .nt, .jsonld …)")
            files.extend(found)
        elif p.exists():
            files.append(p)
        else:
            raise InputError(str(p), "no such file or directory")
    return files


def load_data(paths: list[Path]) -> Graph:
    graph = Graph()
    for f in data_files(paths):
        parse_file(f, graph)
    return graph


def _turtle_dir(directory: Path, what: str) -> list[Path]:
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError(str(directory), f"{what} directory does not exist")
    files = sorted(directory.glob("*.ttl"))
    if not files:
        raise InputError(str(directory), f"no {what} files (*.ttl)")
    return files


_META: Graph | None = None


def _shacl_shacl() -> Graph:
    global _META
    if _META is None:
        import pyshacl

        _META = Graph().parse(Path(pyshacl.__file__).parent / "assets" / "shacl-shacl.ttl", format="turtle")
    return _META


def _meta_cache(digest: str) -> Path:
    import os

    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "mkgraph" / "meta-shacl" / digest


_META_OK: set[str] = set()


def load_shapes(directory: Path | None = None) -> Graph:
    """All shapes files of directory (default: the project's shapes/), checked against
    the SHACL-SHACL meta-shapes; a bad file -> InputError naming it.

    The meta-check costs seconds (pySHACL on the shapes graph), so a passing check is
    remembered by the SHA-256 of the files (and the pySHACL version), in this process
    and as an empty marker file under ~/.cache/mkgraph (best effort: unwritable is fine).
    """
    import hashlib

    import pyshacl

    files = _turtle_dir(directory or locate("shapes"), "shapes")
    graph, owner = Graph(), {}
    h = hashlib.sha256(pyshacl.__version__.encode())
    for f in files:
        h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
        g = parse_file(f)
        for s in set(g.subjects()):
            owner.setdefault(s, f)
        graph += g
    digest = h.hexdigest()
    if digest in _META_OK or _meta_cache(digest).exists():
        return graph
    conforms, report, _ = pyshacl.validate(graph, shacl_graph=_shacl_shacl())
    if not conforms:
        bad = sorted(
            (str(owner.get(focus, files[0])), str(focus), focus, str(report.value(r, SH.resultMessage) or ""))
            for r in report.objects(None, SH.result)
            for focus in [report.value(r, SH.focusNode)]
        )
        file, _, node, msg = bad[0]
        name = node.n3(graph.namespace_manager) if isinstance(node, URIRef) else "a blank-node shape"
        raise InputError(file, f"not valid SHACL: {name}: {' '.join(msg.split())}")
    _META_OK.add(digest)
    try:
        _meta_cache(digest).parent.mkdir(parents=True, exist_ok=True)
        _meta_cache(digest).touch()
    except OSError:
        pass
    return graph


def load_ontology(directory: Path | None = None) -> Graph:
    graph = Graph()
    for f in _turtle_dir(directory or locate("ontology"), "ontology"):
        parse_file(f, graph)
    return graph


# -- the report -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Result:
    focus: str  # IRI of the focus node
    label: str | None  # German label (or title, or quote) of the focus node
    path: str | None  # the property path in SPARQL syntax with prefixes ("eli:title")
    value: str | None  # the offending value in N-Triples-like syntax with prefixes
    message_en: str
    message_de: str
    component: str  # "sh:MinCountConstraintComponent"
    shape: str  # "mksh:ResolutionTitle" (or a full IRI)
    constraint: str | None  # the sh:sparql constraint, for SPARQL-based results
    severity: str  # "sh:Violation"

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass(frozen=True)
class Report:
    conforms: bool
    results: tuple[Result, ...]
    graph: Graph  # a standard sh:ValidationReport, with IRIs instead of blank nodes


def _nm() -> Graph:
    g = bind_prefixes(Graph())
    g.bind("mksh", "https://w3id.org/mkgraph/shapes#")
    return g


def _path_text(graph: Graph, node, nm) -> str | None:
    if node is None:
        return None
    if isinstance(node, URIRef):
        return node.n3(nm)
    items = list(rdflib.collection.Collection(graph, node)) if graph.value(node, RDF.first) else None
    if items:
        return "/".join(_path_text(graph, i, nm) for i in items)
    inv = graph.value(node, SH.inversePath)
    if inv is not None:
        return "^" + _path_text(graph, inv, nm)
    for pred, suffix in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        inner = graph.value(node, pred)
        if inner is not None:
            return f"({_path_text(graph, inner, nm)}){suffix}"
    alt = graph.value(node, SH.alternativePath)
    if alt is not None:
        return "(" + "|".join(_path_text(graph, i, nm) for i in rdflib.collection.Collection(graph, alt)) + ")"
    return str(node)


def _label(data: Graph, node) -> str | None:
    for pred in (SKOS.prefLabel, ELI.title, RDFS.label):
        values = sorted(data.objects(node, pred), key=lambda v: (getattr(v, "language", None) != "de", str(v)))
        if values:
            return str(values[0])
    # statements, parts, sentences: the start of their quote
    anchor = data.value(node, MK.anchor) or node
    for selector in sorted(data.objects(anchor, OA.hasSelector)) or [node]:
        exact = data.value(selector, OA.exact)
        if exact is not None:
            text = str(exact)
            text = text.strip()
            return text if len(text) <= 70 else text[:69] + "…"
    return None


def _term(node, nm) -> str | None:
    if node is None:
        return None
    if isinstance(node, Literal):
        return node.n3(nm)
    return node.n3(nm) if isinstance(node, URIRef) else "[]"


def _messages(report: Graph, r, shapes: Graph) -> dict:
    """The result's messages by language. pySHACL drops the language tags of SPARQL
    constraint messages (and adds the shape's), so they are read from the shapes graph:
    the constraint's, else its shape's (where the shapes keep a SPARQL constraint's
    messages, since Jena refuses more than one on the constraint itself)."""
    msgs = {}
    for source in (report.value(r, SH.sourceConstraint), report.value(r, SH.sourceShape)):
        msgs = {getattr(m, "language", None): str(m) for m in shapes.objects(source, SH.message)} if source else {}
        if msgs:
            break
    if not msgs:
        msgs = {getattr(m, "language", None): str(m) for m in report.objects(r, SH.resultMessage)}
    return msgs


def _results(report: Graph, data: Graph, shapes: Graph) -> tuple[Result, ...]:
    nm = _nm().namespace_manager
    out = []
    # only the report's own results: nested ones (sh:detail of sh:node) are explanations
    for r in report.objects(None, SH.result):
        msgs = _messages(report, r, shapes)
        focus = report.value(r, SH.focusNode)
        shape = report.value(r, SH.sourceShape)
        out.append(Result(
            focus=str(focus),
            label=_label(data, focus),
            path=_path_text(report, report.value(r, SH.resultPath), nm),
            value=_term(report.value(r, SH.value), nm),
            message_en=msgs.get("en") or msgs.get(None) or "",
            message_de=msgs.get("de") or msgs.get(None) or "",
            component=report.value(r, SH.sourceConstraintComponent).n3(nm),
            shape=_term(shape, nm),
            constraint=_term(report.value(r, SH.sourceConstraint), nm),
            severity=report.value(r, SH.resultSeverity).n3(nm),
        ))
    return tuple(sorted(set(out), key=lambda x: tuple("" if v is None else v for v in x.as_dict().values())))


def _report_graph(conforms: bool, pyshacl_report: Graph, results: tuple[Result, ...]) -> Graph:
    """The report with stable IRIs for the report and its results, in sorted order.

    Only sh:resultPath may keep blank nodes (an RDF list for a sequence path), which the
    Turtle writer prints inline, so the text is still deterministic.
    """
    g = _nm()
    g.add((REPORT, RDF.type, SH.ValidationReport))
    g.add((REPORT, SH.conforms, Literal(conforms)))
    originals = {}
    for r in pyshacl_report.objects(None, SH.result):
        originals.setdefault(
            (str(pyshacl_report.value(r, SH.focusNode)), pyshacl_report.value(r, SH.sourceShape),
             pyshacl_report.value(r, SH.sourceConstraintComponent), pyshacl_report.value(r, SH.value)), r)
    width = len(str(len(results)))
    for n, res in enumerate(results, 1):
        node = URIRef(f"{REPORT}/result/{n:0{width}d}")
        g.add((REPORT, SH.result, node))
        match = [r for k, r in originals.items() if k[0] == res.focus
                 and _term(k[1], g.namespace_manager) == res.shape
                 and k[2].n3(g.namespace_manager) == res.component
                 and _term(k[3], g.namespace_manager) == res.value]
        src = match[0]
        for lang in ("en", "de"):
            text = getattr(res, f"message_{lang}")
            if text:
                g.add((node, SH.resultMessage, Literal(text, lang=lang)))
        for p, o in pyshacl_report.predicate_objects(src):
            if p == SH.resultMessage:
                continue  # replaced by the tagged messages above
            if isinstance(o, BNode) and p != SH.resultPath:
                continue  # blank-node shapes (inside sh:xone, qualified shapes) and sh:detail
            if p == SH.resultPath and isinstance(o, BNode):
                _copy_bnode_tree(pyshacl_report, o, g)
            g.add((node, p, o))
    return g


def _copy_bnode_tree(src: Graph, node, dst: Graph) -> None:
    for p, o in src.predicate_objects(node):
        dst.add((node, p, o))
        if isinstance(o, BNode):
            _copy_bnode_tree(src, o, dst)


_QUERIES: dict[tuple, object] = {}


@contextmanager
def _prepared_sparql():
    """Parse each SPARQL text once per process while pySHACL runs.

    pySHACL hands rdflib the same constraint text on every run, and rdflib parses it
    every time: parsing the three SPARQL constraints was 60 % of a small validation.
    A translated rdflib Query is reusable with other initial bindings (that is what
    prepareQuery is for), so the patched method only swaps text for its Query.
    """
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.processor import SPARQLProcessor

    original = SPARQLProcessor.query

    def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):  # noqa: N803
        if isinstance(strOrQuery, str):
            key = (strOrQuery, base, tuple(sorted((k, str(v)) for k, v in (initNs or {}).items())))
            if key not in _QUERIES:
                _QUERIES[key] = translateQuery(parseQuery(strOrQuery), base, initNs)
            strOrQuery = _QUERIES[key]
        return original(self, strOrQuery, initBindings, initNs, base, DEBUG)

    with _PATCH_LOCK:
        SPARQLProcessor.query = query
        try:
            yield
        finally:
            SPARQLProcessor.query = original


_PATCH_LOCK = threading.Lock()
USED_TERM = URIRef("https://w3id.org/mkgraph/shapes#UsedTerm")


def used_terms(data: Graph) -> set[URIRef]:
    """The mk: terms the data uses as a property or a class."""
    ns = str(MK)
    used = {p for p in data.predicates(unique=True) if str(p).startswith(ns)}
    used |= {c for c in data.objects(None, RDF.type) if isinstance(c, URIRef) and str(c).startswith(ns)}
    return used


def validate(data: Graph, shapes: Graph | None = None, ontology: Graph | None = None) -> Report:
    """Validate data (with the ontology mixed in) against shapes; defaults: shapes/ and ontology/."""
    import pyshacl

    shapes = shapes if shapes is not None else load_shapes()
    ontology = ontology if ontology is not None else load_ontology()
    combined = Graph()
    combined += data
    combined += ontology
    if (None, SH.targetClass, USED_TERM) in shapes:
        for term in used_terms(data):
            combined.add((term, RDF.type, USED_TERM))
    with _prepared_sparql():
        conforms, report, _ = pyshacl.validate(combined, shacl_graph=shapes, inference="none",
                                               advanced=False, allow_warnings=False)
    results = _results(report, combined, shapes)
    return Report(conforms=bool(conforms), results=results, graph=_report_graph(bool(conforms), report, results))


# -- many resolutions ---------------------------------------------------------------------------
def split_by_resolution(data: Graph) -> list[Graph]:
    """One graph per mk:Resolution: its own nodes (IRIs under the resolution's IRI and
    its source text) plus every node that belongs to no resolution (conference, session,
    actors, schemes …), which each piece needs for its links and class checks.

    pySHACL's cost grows faster than linearly with graph size; the pieces stay small.
    """
    resolutions = sorted(data.subjects(RDF.type, MK.Resolution))
    owned: dict = {}
    for r in resolutions:
        for src in data.objects(r, MK.source):
            owned[src] = r
    prefixes = sorted(((str(r) + "/", r) for r in resolutions), key=lambda x: -len(x[0]))

    def owner(node):
        if node in owned:
            return owned[node]
        text = str(node)
        for prefix, r in prefixes:
            if text.startswith(prefix):
                return r
        return None

    pieces = {r: Graph() for r in resolutions}
    shared = Graph()
    for s, p, o in data:
        r = owned.get(s, s) if s in pieces else owner(s)
        (pieces[r] if r is not None else shared).add((s, p, o))
    out = []
    for r in resolutions:
        g = pieces[r]
        g += shared
        out.append(g)
    return out or [data]


_WORKER: dict = {}


def _worker_init(shapes_nt: str, ontology_nt: str, parent: int | None = None) -> None:
    if parent is not None:
        from mkgraph.lifeline import die_with_parent

        die_with_parent(parent)
    _WORKER["shapes"] = Graph().parse(data=shapes_nt, format="nt")
    _WORKER["ontology"] = Graph().parse(data=ontology_nt, format="nt")


def _worker_run(piece_nt: str) -> tuple[bool, str]:
    report = validate(Graph().parse(data=piece_nt, format="nt"), _WORKER["shapes"], _WORKER["ontology"])
    return report.conforms, report.graph.serialize(format="nt")


def validate_split(data: Graph, shapes: Graph | None = None, ontology: Graph | None = None,
                   workers: int = 1) -> Report:
    """Validate each resolution (with the shared nodes) on its own, in worker processes
    when workers > 1, and merge the reports (a result on a shared node counts once)."""
    shapes = shapes if shapes is not None else load_shapes()
    ontology = ontology if ontology is not None else load_ontology()
    pieces = split_by_resolution(data)
    if workers <= 1 or len(pieces) == 1:
        reports = [validate(p, shapes, ontology) for p in pieces]
        return merge_reports(reports)
    from concurrent.futures import ProcessPoolExecutor

    import os

    with ProcessPoolExecutor(workers, initializer=_worker_init,
                             initargs=(shapes.serialize(format="nt"), ontology.serialize(format="nt"),
                                       os.getpid())) as pool:
        done = list(pool.map(_worker_run, (p.serialize(format="nt") for p in pieces), chunksize=4))
    return merge_reports([_report_from_graph(Graph().parse(data=nt, format="nt"), data, shapes)
                          for _, nt in done])


def _report_from_graph(g: Graph, data: Graph, shapes: Graph) -> Report:
    conforms = bool(g.value(REPORT, SH.conforms).toPython())
    return Report(conforms, _results(g, data, shapes), g)


def merge_reports(reports: list[Report]) -> Report:
    results = tuple(sorted(set().union(*(r.results for r in reports)),
                           key=lambda x: tuple("" if v is None else v for v in x.as_dict().values())))
    conforms = all(r.conforms for r in reports)
    # result IRIs are numbered per piece: keep them apart, then renumber the union
    merged = Graph()
    for i, r in enumerate(reports):
        rename = {n: URIRef(f"{REPORT}/piece/{i}/{str(n).rsplit('/', 1)[1]}") for n in r.graph.objects(REPORT, SH.result)}
        for s_, p_, o_ in r.graph:
            merged.add((rename.get(s_, s_), p_, rename.get(o_, o_)))
    return Report(conforms, results, _report_graph(conforms, merged, results))


# -- formats ----------------------------------------------------------------------------------
def format_human(report: Report) -> str:
    """Violations grouped by focus node: its label, then path, value and message per line."""
    if report.conforms:
        return "Conforms: the graph satisfies every shape.\n"
    lines = [f"Does not conform: {len(report.results)} result(s) "
             f"on {len({r.focus for r in report.results})} node(s).", ""]
    focus = None
    for r in report.results:
        if r.focus != focus:
            focus = r.focus
            lines.append(f"<{r.focus}>" + (f"  “{r.label}”" if r.label else ""))
        where = r.path or "(node)"
        value = f" = {r.value}" if r.value is not None and r.value != f"<{r.focus}>" else ""
        lines.append(f"  {r.severity.removeprefix('sh:')}: {where}{value}")
        lines.append(f"    {r.message_en}")
        if r.message_de and r.message_de != r.message_en:
            lines.append(f"    {r.message_de}")
        lines.append(f"    ({r.shape}, {r.component.removeprefix('sh:')})")
    return "\n".join(lines) + "\n"


def format_turtle(report: Report) -> str:
    return report.graph.serialize(format="turtle")


def format_json(report: Report) -> str:
    body = {"conforms": report.conforms, "results": [r.as_dict() for r in report.results]}
    return json.dumps(body, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


FORMATS = {"human": format_human, "turtle": format_turtle, "json": format_json}
