"""What every command shares: turning the project's errors into the exit-code contract."""

from __future__ import annotations

import functools
import sys

import typer

from mkgraph.errors import InputError

EXIT_OK, EXIT_NOT_OK, EXIT_INPUT = 0, 1, 2


def fail(message: str, code: int = EXIT_INPUT) -> None:
    """Print one line to stderr and leave with the given exit code."""
    print(f"mkgraph: {message}", file=sys.stderr)
    raise typer.Exit(code)


def guarded(fn):
    """Run a command so that bad input ends in one line and exit code 2, not a traceback."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except InputError as err:
            fail(str(err))

    return wrapper
