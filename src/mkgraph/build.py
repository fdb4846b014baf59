"""The build: source texts -> validated graph -> the files of graph/ and ontology/.

Every step is a function from data to data; only ``write`` touches the disk, and it
writes all files or none (see atomic.write_all). Nothing is written unless every
resolution conforms to the shapes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from mkgraph import assemble, atomic, export, link, structure
from mkgraph.errors import InputError
from mkgraph.iris import DEFAULT_BASE, Iris
from mkgraph.model import Document, Statement
from mkgraph.namespaces import bind_prefixes
from mkgraph.resources import locate

GRAPH_FILES = ("dataset.ttl", "dataset.nt", "dataset.jsonld")


@dataclass(frozen=True)
class Resolution:
    """One parsed, extracted and assembled resolution."""

    source: Path
    document: Document
    statements: tuple[Statement, ...]
    graph: Graph


@dataclass(frozen=True)
class Built:
    resolutions: tuple[Resolution, ...]
    dataset: Graph
    files: dict[str, bytes]  # path relative to the output root -> content


class NotConforming(Exception):
    """The graph does not conform to the shapes; nothing was written."""

    def __init__(self, source: Path, report):
        self.source = source
        self.report = report
        super().__init__(f"{source}: the graph does not conform to the shapes")


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


def resolve(source: Path, iris: Iris) -> list[Resolution]:
    """Parse one source text and extract its statements (one or more resolutions)."""
    from mkgraph import curation

    name, text = structure.read_source(source)
    docs = structure.parse_all(name, text)
    out = []
    for doc in docs:
        statements = tuple(curation.statements_for(doc, curation_path(source)))
        out.append(Resolution(source, doc, statements, assemble.resolution_graph(doc, statements, iris)))
    return out


def shared_graph(iris: Iris) -> Graph:
    """What every dataset carries besides its resolutions: the schemes and the actors."""
    from mkgraph import vocab

    g = bind_prefixes(Graph())
    g += vocab.schemes_graph(iris)
    g += vocab.actors_graph(iris)
    return g


def check_conforms(resolutions: list[Resolution], shared: Graph, shapes_dir: Path | None) -> None:
    """Validate each resolution on its own (with the shared vocabulary): SHACL cost
    grows faster than linearly with graph size, per-resolution graphs stay small."""
    from mkgraph import ontology, validate

    shapes = validate.load_shapes(shapes_dir)
    ont = ontology.ontology_graph()
    for res in resolutions:
        report = validate.validate(res.graph + shared, shapes, ont)
        if not report.conforms:
            raise NotConforming(res.source, report)


def build(
    sources: list[Path] | None = None,
    base: str = DEFAULT_BASE,
    shapes_dir: Path | None = None,
    validate_graph: bool = True,
) -> Built:
    from mkgraph import ontology

    iris = Iris(base)
    sources = sources or discover()
    resolutions: list[Resolution] = []
    seen: dict[str, Path] = {}
    for src in sources:
        for res in resolve(src, iris):
            key = str(assemble.resolution_iri(res.document, iris))
            if key in seen:
                raise InputError(str(src), f"resolution {key} is also in {seen[key]}")
            seen[key] = src
            resolutions.append(res)
    shared = shared_graph(iris)
    if validate_graph:
        check_conforms(resolutions, shared, shapes_dir)
    dataset = bind_prefixes(Graph())
    for res in resolutions:
        dataset += res.graph
    vocabulary = shared + link.links_graph(iris)
    dataset += vocabulary
    files = export.graph_files(
        dataset, {assemble.resolution_iri(r.document, iris): r.graph for r in resolutions}, vocabulary, iris)
    files.update({f"ontology/{name}": data for name, data in ontology.ontology_files(base).items()})
    return Built(tuple(resolutions), dataset, files)


def stale(files: dict[str, bytes], root: Path) -> list[str]:
    """The files under root that differ from what a build produces (or are missing)."""
    out = []
    for rel, data in sorted(files.items()):
        path = root / rel
        if not path.is_file() or path.read_bytes() != data:
            out.append(rel)
    return out


def write(files: dict[str, bytes], root: Path) -> list[str]:
    """Write the files that changed, all or none; returns what was written."""
    changed = stale(files, root)
    atomic.write_all({root / rel: files[rel] for rel in changed})
    return changed
