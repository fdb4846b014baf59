"""mkgraph ingest: new resolution texts (or PDFs) -> one validated graph per resolution.

Exit codes: 0 every file ingested and every graph conforms; 2 a single file that holds no
recognisable resolution (one line naming the file and the first missing element) or a
bad parameter; 1 a batch in which some files failed (the others are still written, the
failed ones are listed at the end) or a graph that does not conform (not written).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from mkgraph.cli._common import EXIT_NOT_OK, MAX_SOURCE_HELP, PATH, fail, guarded, source_limit
from mkgraph.errors import InputError
from mkgraph.rdf.iris import DEFAULT_BASE


def register(app: click.Group) -> None:
    app.add_command(ingest_command)


def _conference(name: str | None) -> str | None:
    """The abbreviation a --conference value names (abbreviation or German name, any case)."""
    if name is None:
        return None
    from mkgraph.tabledata import rows

    for row in rows("conferences.csv"):
        if name.casefold() in {row["abbreviation"].casefold(), row["name_de"].casefold()}:
            return row["abbreviation"]
    known = ", ".join(row["abbreviation"] for row in rows("conferences.csv"))
    raise InputError("--conference", f"unknown conference {name!r} (one of {known})")


def _date(value: str | None):
    """The day a --date value names (YYYY-MM-DD)."""
    if value is None:
        return None
    import datetime as dt

    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError("--date", f"{value!r} is not a date (YYYY-MM-DD)") from None


@click.command("ingest")
@click.argument("files", nargs=-1, required=True, type=PATH)
@click.option("--out", "-o", type=PATH, default=Path("."), help="Folder that receives one graph file per resolution.")
@click.option("--conference", default=None, help="Conference (e.g. GMK) for texts whose header names none.")
@click.option("--id", "top", default=None, help="Agenda id (e.g. 5.1) for texts that name none.")
@click.option("--date", default=None, help="Date of the decision (YYYY-MM-DD) for texts that name none.")
@click.option("--format", "-f", "fmt", default="ttl", help="Graph format: ttl, jsonld or nt.")
@click.option("--base", default=DEFAULT_BASE, help="Base IRI of the resources (ends in '/').")
@click.option("--report", is_flag=True, help="Also print, per resolution, which header fields were found and which not.")
@click.option("--max-source-bytes", type=int, default=None, help=MAX_SOURCE_HELP)
@guarded
def ingest_command(files: tuple[Path, ...], out: Path, conference: str | None, top: str | None, date: str | None,
                   fmt: str, base: str, report: bool, max_source_bytes: int | None) -> None:
    """Turn resolution texts (FILES: .txt, UTF-8 or Windows-1252, or PDFs) into validated graphs,
    one per resolution (TOP); print what was found."""
    source_limit(max_source_bytes)
    from rich.console import Console
    from rich.progress import Progress

    from mkgraph.store import build
    from mkgraph.store import ingest as ing
    from mkgraph.rdf.iris import Iris
    from mkgraph.validate.shacl import format_human

    if fmt not in ing.FORMATS:
        fail(f"--format: {fmt!r} is not one of {', '.join(ing.FORMATS)}")
    if out.exists() and not out.is_dir():
        fail(f"--out: {out} is not a folder")
    abbreviation = _conference(conference)
    day = _date(date)
    iris = Iris(base)
    validator = build.Validator(iris)
    failed: list[str] = []  # one line per failure
    failed_files: set[Path] = set()
    written = 0
    err = Console(stderr=True)
    with Progress(console=err, transient=True, disable=len(files) < 2) as progress:
        task = progress.add_task("ingesting", total=len(files))
        for path in files:
            try:
                results = ing.ingest_file(path, iris, validator, abbreviation, top, day, fmt)
                for r in results:
                    print(ing.summary(r))
                    if report:
                        print(ing.format_report(r))
                bad = [r for r in results if not r.conforms]
                for r in bad:
                    print(format_human(r.report), file=sys.stderr)
                    failed.append(f"{path}: TOP {r.document.header.top} does not conform to the shapes; nothing written")
                    failed_files.add(path)
                if not bad:
                    written += len(ing.write(results, out, fmt))
            except InputError as e:
                if len(files) == 1:
                    raise
                print(f"mkgraph: {e}", file=sys.stderr)
                failed.append(str(e))
                failed_files.add(path)
            progress.advance(task)
    print(f"ingested {len(files) - len(failed_files)} of {len(files)} file(s); wrote {written} graph(s) to {out}")
    if failed:
        print("failed:", file=sys.stderr)
        for line in failed:
            print(f"  {line}", file=sys.stderr)
        raise click.exceptions.Exit(EXIT_NOT_OK)

