"""The mkgraph command line: thin wiring of the package's functions.

Exit codes (as pySHACL's): 0 success / conforms, 1 does not conform or nothing found,
2 usage or input error, reported in one line that names the file or parameter.
"""

from __future__ import annotations

import typer

from mkgraph.cli import build as _build
from mkgraph.cli import docs as _docs
from mkgraph.cli import export as _export
from mkgraph.cli import ingest as _ingest
from mkgraph.cli import link as _link
from mkgraph.cli import load as _load
from mkgraph.cli import query as _query
from mkgraph.cli import serve as _serve
from mkgraph.cli import validate as _validate

app = typer.Typer(no_args_is_help=True, add_completion=False, help=__doc__,
                  pretty_exceptions_enable=False)
_build.register(app)
_validate.register(app)
_query.register(app)
_export.register(app)
_link.register(app)
_docs.register(app)
_ingest.register(app)
_load.register(app)
_serve.register(app)


def main() -> None:
    app()
