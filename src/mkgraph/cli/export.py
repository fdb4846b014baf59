"""mkgraph export: the graph in one format (Turtle, N-Triples, JSON-LD, RDF/XML, TriG)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from mkgraph.cli._common import fail, guarded
from mkgraph.cli.build import built_or_fail
from mkgraph.rdf.iris import DEFAULT_BASE


def register(app: typer.Typer) -> None:
    app.command("export")(export_command)


@guarded
def export_command(
    fmt: str = typer.Option("ttl", "--format", "-f",
                            help="ttl | nt | jsonld | rdf (RDF/XML) | trig (one named graph per resolution)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="File to write; default: standard output."),
    source: Optional[list[Path]] = typer.Option(
        None, "--source", "-s", help="Resolution text(s); default: every *.txt in sources/."),
    base: str = typer.Option(DEFAULT_BASE, "--base", help="Base IRI of the resources (ends in '/')."),
) -> None:
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
