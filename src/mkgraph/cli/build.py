"""mkgraph build: texts in sources/ -> validated graph in graph/ (and ontology/)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from mkgraph.cli._common import EXIT_NOT_OK, fail, guarded
from mkgraph.iris import DEFAULT_BASE


def register(app: typer.Typer) -> None:
    app.command("build")(build_command)


@guarded
def build_command(
    source: Optional[list[Path]] = typer.Option(
        None, "--source", "-s", help="Resolution text(s); default: every *.txt in sources/."
    ),
    out: Path = typer.Option(Path("."), "--out", "-o", help="Folder that receives graph/ and ontology/."),
    base: str = typer.Option(DEFAULT_BASE, "--base", help="Base IRI of the resources (ends in '/')."),
    check: bool = typer.Option(
        False, "--check", help="Write nothing; exit 1 and name the stale files if graph/ or ontology/ is not current."
    ),
) -> None:
    """Build the graph from the resolution texts, validate it, and write it."""
    from mkgraph import build as b
    from mkgraph.validate import format_human

    for path in source or []:
        if not path.is_file():
            fail(f"{path}: no such file")
    try:
        built = b.build(list(source) if source else None, base=base)
    except b.NotConforming as err:
        print(format_human(err.report), file=sys.stderr)
        fail(f"{err.source}: the graph does not conform to the shapes; nothing was written", EXIT_NOT_OK)
    if check:
        stale = b.stale(built.files, out)
        if stale:
            fail("stale: " + ", ".join(stale) + " (run 'mkgraph build')", EXIT_NOT_OK)
        print(f"graph/ and ontology/ are current ({len(built.files)} files)")
        return
    written = b.write(built.files, out)
    n_st = sum(len(r.statements) for r in built.resolutions)
    print(
        f"built {len(built.resolutions)} resolution(s), {n_st} statements, "
        f"{len(built.dataset)} triples; wrote {len(written)} file(s)"
        + (": " + ", ".join(written) if written else " (all current)")
    )
