"""mkgraph validate: check a graph against the shapes (exit 0 conforms, 1 not, 2 bad input)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from mkgraph.cli._common import EXIT_NOT_OK, PATH, fail, guarded

FORMATS = ("human", "turtle", "json")


def register(app: click.Group) -> None:
    app.add_command(validate_command)


@click.command("validate")
@click.argument("files", nargs=-1, type=PATH)
@click.option("--shapes", type=PATH, default=None, help="Folder of SHACL shapes (*.ttl); default: shapes/.")
@click.option("--ontology", type=PATH, default=None,
              help="Folder of the ontology (*.ttl) mixed into the data; default: ontology/.")
@click.option("--format", "-f", "fmt", default="human", help="Report format: human, turtle or json.")
@click.option("--per-resolution", is_flag=True, help="Validate each resolution (with the shared nodes) on its own: "
              "faster for many resolutions; only for shapes that never look across resolutions (ours do not).")
@click.option("--workers", type=click.IntRange(min=1), default=1, help="Processes for --per-resolution.")
@guarded
def validate_command(files: tuple[Path, ...], shapes: Path | None, ontology: Path | None, fmt: str,
                     per_resolution: bool, workers: int) -> None:
    """Validate RDF data against the SHACL shapes; print the report. FILES: RDF files or folders
    of them (.ttl, .nt, .jsonld …); default: graph/dataset.ttl."""
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
    sys.stdout.write(v.FORMATS[fmt](report))
    if not report.conforms:
        raise click.exceptions.Exit(EXIT_NOT_OK)
