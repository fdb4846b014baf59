"""mkgraph validate: check a graph against the shapes (exit 0 conforms, 1 not, 2 bad input)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from mkgraph.cli._common import EXIT_NOT_OK, fail, guarded

FORMATS = ("human", "turtle", "json")


def register(app: typer.Typer) -> None:
    app.command("validate")(validate_command)


@guarded
def validate_command(
    files: Optional[list[Path]] = typer.Argument(
        None, help="RDF files or folders of them (.ttl, .nt, .jsonld …); default: graph/dataset.ttl."
    ),
    shapes: Optional[Path] = typer.Option(None, "--shapes", help="Folder of SHACL shapes (*.ttl); default: shapes/."),
    ontology: Optional[Path] = typer.Option(
        None, "--ontology", help="Folder of the ontology (*.ttl) mixed into the data; default: ontology/."
    ),
    fmt: str = typer.Option("human", "--format", "-f", help="Report format: human, turtle or json."),
    per_resolution: bool = typer.Option(
        False, "--per-resolution", help="Validate each resolution (with the shared nodes) on its own: "
        "faster for many resolutions; only for shapes that never look across resolutions (ours do not)."
    ),
    workers: int = typer.Option(1, "--workers", min=1, help="Processes for --per-resolution."),
) -> None:
    """Validate RDF data against the SHACL shapes; print the report."""
    from mkgraph.validate import shacl as v
    from mkgraph.resources import locate

    if fmt not in FORMATS:
        fail(f"--format: {fmt!r} is not one of {', '.join(FORMATS)}")
    if not files:
        default = locate("graph") / "dataset.ttl"
        if not default.is_file():
            fail(f"{default}: no such file (run 'mkgraph build' or name the files to validate)")
        files = [default]
    data = v.load_data(list(files))
    shapes_g, ontology_g = v.load_shapes(shapes), v.load_ontology(ontology)
    if per_resolution:
        report = v.validate_split(data, shapes_g, ontology_g, workers=workers)
    else:
        report = v.validate(data, shapes_g, ontology_g)
    typer.echo(v.FORMATS[fmt](report), nl=False)
    if not report.conforms:
        raise typer.Exit(EXIT_NOT_OK)
