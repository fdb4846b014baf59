"""mkgraph link: which resources of another policy dataset connect to ours, and how."""

from __future__ import annotations

from pathlib import Path

import click

from mkgraph.cli._common import EXIT_NOT_OK, PATH, fail, guarded
from mkgraph.rdf.iris import DEFAULT_BASE


def register(app: click.Group) -> None:
    app.add_command(link_command)


def _table(links) -> str:
    rows = [("their resource", "our resource", "identifier", "system", "via")]
    rows += [(l.theirs, l.ours, l.identifier, l.system, l.via) for l in links]
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _example(name: str) -> Path:
    from mkgraph.resources import examples

    shipped = sorted(p.name for p in examples("link").iterdir() if p.suffix in (".ttl", ".csv"))
    found = [n for n in shipped if name in (n, n.rsplit(".", 1)[0])]
    if not found:
        fail(f"--example {name}: no such example; shipped: {', '.join(shipped)}")
    return examples("link") / found[0]


@click.command("link")
@click.argument("file", required=False, type=PATH)
@click.option("--endpoint", default=None, help="Or: the SPARQL endpoint that holds it.")
@click.option("--example", default=None, help="Or: a shipped example dataset "
              "(govdata-example.ttl, wikidata-example.ttl, foerderprogramme.csv).")
@click.option("--data", type=PATH, default=None, help="Our graph; default: graph/dataset.nt.")
@click.option("--linkset", type=PATH, default=Path("linkset.ttl"), help="Where the void:Linkset Turtle goes.")
@click.option("--merge", type=PATH, default=None, help="Also write ours + theirs + the links here.")
@click.option("--base", default=DEFAULT_BASE, help="Base IRI of our resources (ends in '/').")
@guarded
def link_command(file: Path | None, endpoint: str | None, example: str | None, data: Path | None, linkset: Path,
                 merge: Path | None, base: str) -> None:
    """Find the links between another policy dataset (FILE: any RDF format rdflib reads, or a
    CSV/TSV table) and ours; exit 1
    when there are none."""
    from rdflib import URIRef
    from rdflib.util import guess_format

    from mkgraph import atomic
    from mkgraph.publish import export, link
    from mkgraph.rdf.iris import Iris
    from mkgraph.rdf.namespaces import bind_prefixes
    from mkgraph.resources import locate

    if sum(x is not None for x in (file, endpoint, example)) != 1:
        fail("give one of FILE, --endpoint URL, --example NAME")
    if example is not None:
        file = _example(example)
    iris = Iris(base)
    ours_path = data or locate("graph") / "dataset.nt"
    ours = link.load_file(ours_path)
    if file is not None:
        theirs = link.load_file(file)
        theirs_iri = URIRef(file.resolve().as_uri())
    else:
        theirs = link.load_endpoint(endpoint)
        theirs_iri = URIRef(endpoint)
    links = link.find_links(ours, theirs, iris.base + "id/")
    if not links:
        fail("no links found; tried " + link.identifiers(ours, iris.base + "id/").tried(), EXIT_NOT_OK)
    print(_table(links))
    ls = link.linkset_graph(links, iris.dataset(), theirs_iri)
    atomic.write_bytes(linkset, export.to_turtle(ls))
    their_resources = len({l.theirs for l in links})
    print(f"{len(links)} link(s) from {their_resources} of their resource(s); linkset written to {linkset}")
    if merge is not None:
        merged = bind_prefixes(ours + theirs + ls)
        fmt = guess_format(str(merge)) or "turtle"
        data_out = export.to_ntriples(merged) if fmt == "nt" else (
            export.to_turtle(merged) if fmt == "turtle" else merged.serialize(format=fmt, encoding="utf-8"))
        atomic.write_bytes(merge, data_out)
        print(f"merged graph ({len(merged)} triples) written to {merge}")
