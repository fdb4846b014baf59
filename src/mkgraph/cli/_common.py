"""What every command shares: turning the project's errors into the exit-code contract."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from mkgraph.errors import InputError

EXIT_OK, EXIT_NOT_OK, EXIT_INPUT = 0, 1, 2
PATH = click.Path(path_type=Path)  # a path as given: the commands check it and name it


def fail(message: str, code: int = EXIT_INPUT) -> None:
    """Print one line to stderr and leave with the given exit code."""
    print(f"mkgraph: {message}", file=sys.stderr)
    raise click.exceptions.Exit(code)


def os_error(err: OSError) -> str:
    """An OSError as "<file>: what is wrong" on one line."""
    what = err.strerror or " ".join(str(err).split()) or type(err).__name__
    # a failed rename names its target: the file the user asked for, not our temporary
    where = err.filename2 if err.filename2 is not None else err.filename
    return what if where is None else f"{where}: {what}"


def guarded(fn):
    """Run a command so that bad input ends in one line and exit code 2, not a traceback."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except InputError as err:
            fail(str(err))
        except OSError as err:  # a full disk, a folder that cannot be written, a file in the way …
            fail(os_error(err))

    return wrapper


class OneLineErrors:
    """Mixin for a click command or group: a usage error (an unknown option, a value of
    the wrong type) is one line on stderr and exit 2, as every other input error; the
    help that no arguments ask for is shown as it is."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as err:
            err.show()
            code = err.exit_code
        except click.ClickException as err:
            ctx = getattr(err, "ctx", None)
            hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
            print(f"mkgraph: {' '.join(err.format_message().split())}{hint}", file=sys.stderr)
            code = err.exit_code
        except click.Abort:
            print("Aborted!", file=sys.stderr)
            code = EXIT_NOT_OK
        # without standalone mode click returns what ctx.exit was given (our commands return None)
        code = code if isinstance(code, int) else EXIT_OK
        if standalone_mode:
            sys.exit(code)
        return code


class Group(OneLineErrors, click.Group):
    """The mkgraph command group (defaults shown in every command's --help, as typer did)."""


class Command(OneLineErrors, click.Command):
    """A command that is also run on its own (``python -m mkgraph.serve``)."""


MAX_SOURCE_HELP = "Largest source text accepted, in bytes (default 10,000,000, or MKGRAPH_MAX_SOURCE_BYTES)."


def source_limit(max_bytes: int | None) -> None:
    """Apply --max-source-bytes: through the environment, so the build's worker processes see it too."""
    import os

    from mkgraph.text.sourcefile import LIMIT_VARIABLE

    if max_bytes is None:
        return
    if max_bytes <= 0:
        fail(f"--max-source-bytes: {max_bytes} is not a positive number of bytes")
    os.environ[LIMIT_VARIABLE] = str(max_bytes)
