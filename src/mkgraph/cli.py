"""The mkgraph command line: thin wiring of the package's functions (see docs/cli.md)."""

import typer

app = typer.Typer(no_args_is_help=True, add_completion=False, help=__doc__)


def main() -> None:
    app()
