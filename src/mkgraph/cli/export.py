"""mkgraph export: the graph in one format (Turtle, N-Triples, JSON-LD, RDF/XML, TriG)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from mkgraph.cli._common import PATH, fail, guarded
from mkgraph.cli.build import built_or_fail
from mkgraph.rdf.iris import DEFAULT_BASE


def register(app: click.Group) -> None:
    app.add_command(export_command)


@click.command("export")
@click.option("--format", "-f", "fmt", default="ttl",
              help="ttl | nt | jsonld | rdf (RDF/XML) | trig (one named graph per resolution).")
@click.option("--out", "-o", type=PATH, default=None, help="File to write; default: standard output.")
@click.option("--source", "-s", type=PATH, multiple=True, help="Resolution text(s) or folder(s) of them (every *.txt); default: sources/.")
@click.option("--base", default=DEFAULT_BASE, help="Base IRI of the resources (ends in '/').")
@guarded
def export_command(fmt: str, out: Path | None, source: tuple[Path, ...], base: str) -> None:
    """Build the graph (validated, as 'mkgraph build' does) and write it in one format."""
    from mkgraph import atomic
    from mkgraph.publish import export

    try:
        key = export.fmt_key(fmt)
    except ValueError:
        fail(f"--format: {fmt!r} is not one of {', '.join(export.FORMATS)}")
    # the one build in check mode: the cache (.mkgraph-cache/ here) is used and filled, the
    # store and graph/ are left alone
    rec = built_or_fail(source, base, check=True, exports=True, report=False)
    data = rec.exports.files["graph/" + export.FORMATS[key][0]]
    if out is None:
        sys.stdout.buffer.write(data)
        return
    atomic.write_bytes(out, data)
    print(f"wrote {out} ({export.FORMATS[key][2]}, {len(data)} bytes)")
