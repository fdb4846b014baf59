"""mkgraph query: list, show and run the saved SPARQL queries (locally or on an endpoint)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from mkgraph.cli._common import EXIT_NOT_OK, PATH, guarded


def register(app: click.Group) -> None:
    group = click.Group("query", help="The saved SPARQL queries (queries/*.rq).", no_args_is_help=True)
    for command in (list_command, show_command, run_command):
        group.add_command(command)
    app.add_command(group)


@click.command("list")
@guarded
def list_command() -> None:
    """List the saved queries with their summaries."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from mkgraph.query.catalogue import catalogue, shown_parameters

    table = Table(show_header=True, box=None)
    table.add_column("query")
    table.add_column("parameters")
    table.add_column("summary", overflow="fold")
    for name, q in catalogue().items():
        params = " ".join(p.name if p.required else f"[{p.name}]" for p in shown_parameters(q))
        table.add_row(name, escape(params), escape(q.summary))
    Console(soft_wrap=False).print(table)

@click.command("show")
@click.argument("name")
@guarded
def show_command(name: str) -> None:
    """Print a query's header, parameters and text (NAME: a query's name or the path of a .rq file)."""
    from mkgraph.query.catalogue import find, shown_parameters

    q = find(name)
    print(f"{q.name} ({q.form}) — {q.path}")
    if q.summary:
        print(f"summary: {q.summary}")
    if q.description:
        print(f"description: {q.description}")
    if q.tags:
        print(f"tags: {', '.join(q.tags)}")
    if q.pagination:
        print(f"pagination: {q.pagination} resolutions per page (parameter page)")
    if q.parameters:
        print("parameters:")
        for p in shown_parameters(q):
            extra = [p.type, "required" if p.required else "optional"]
            if p.default is not None:
                extra.append(f"default {p.default!r}")
            if p.example is not None:
                extra.append(f"e.g. {p.example!r}")
            print(f"  {p.name} ({'?' + p.variable + '; ' if p.variable else ''}{', '.join(extra)}){': ' + p.description if p.description else ''}")
    else:
        print("parameters: none")
    print()
    print(q.text, end="" if q.text.endswith("\n") else "\n")

@click.command("run")
@click.argument("name")
@click.argument("more_data", nargs=-1, type=PATH, metavar="[FILE]...")
@click.option("--param", "-p", multiple=True, help="name=value; repeat for several")
@click.option("--format", "-f", "fmt", default="table", help="table, csv, tsv, json, ttl, nt or jsonld")
@click.option("--data", "-d", type=PATH, multiple=True, help="RDF file(s) to query (default: graph/dataset.nt)")
@click.option("--endpoint", "-e", default=None, help="SPARQL endpoint URL instead of local data")
@click.option("--store", "-s", type=PATH, default=None, help="on-disk store of a record build (graph/store/), read-only")
@click.option("--allow-service", multiple=True, help="a SERVICE endpoint (exact IRI) the query may fetch from on "
              "local data; default none: SERVICE refused")
@guarded
def run_command(name: str, more_data: tuple[Path, ...], param: tuple[str, ...], fmt: str, data: tuple[Path, ...],
                endpoint: str | None, store: Path | None, allow_service: tuple[str, ...]) -> None:
    """Run a query; exit 1 when it finds nothing. NAME: a query's name (see `mkgraph query list`)
    or the path of a .rq file; FILE: more data files after --data FILE (`--data A B` as
    `--data A --data B`)."""
    from mkgraph.api import run as run_named
    from mkgraph.errors import InputError
    from mkgraph.query.catalogue import parse_params
    from mkgraph.query.results import FORMATS, render

    if more_data and not data:
        raise InputError(str(more_data[0]), "unexpected extra argument; data files follow --data")
    data = list(data) + list(more_data or [])
    if fmt not in FORMATS:
        raise InputError("--format", f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    result = run_named(name, parse_params(param), data=list(data) or None, endpoint=endpoint, store=store,
                       allow_services=list(allow_service))
    if fmt == "table":
        if result.is_graph:
            sys.stdout.write(render(result, "ttl"))
        else:
            import os

            from rich.console import Console

            from mkgraph.query import terminal

            console = Console()
            if not console.is_terminal and "COLUMNS" not in os.environ:
                console = Console(width=160)  # piped: no terminal width to respect, keep rows readable
            terminal.render(console, result, title=f"{name}: {len(result)} rows")
    else:
        sys.stdout.write(render(result, fmt))
    if result.next_page:
        # On stderr, so that CSV/JSON on stdout stay clean (grlc says it in a Link header).
        print(f"page {result.page}; more rows: --param page={result.next_page}", file=sys.stderr)
    if not result.rows:
        raise click.exceptions.Exit(EXIT_NOT_OK)
