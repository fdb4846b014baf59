"""The mkgraph command line: thin wiring of the package's functions.

Exit codes (as pySHACL's): 0 success / conforms, 1 does not conform or nothing found,
2 usage or input error, reported in one line that names the file or parameter.

Built on click directly: typer (0.29) validates every parameter through pydantic, which
cost every command ≈ 0.2 s before it did anything (a seventh of the seed's whole build).
"""

from __future__ import annotations

import sys

from mkgraph.cli import build as _build
from mkgraph.cli import docs as _docs
from mkgraph.cli import export as _export
from mkgraph.cli import ingest as _ingest
from mkgraph.cli import link as _link
from mkgraph.cli import load as _load
from mkgraph.cli import query as _query
from mkgraph.cli import serve as _serve
from mkgraph.cli import validate as _validate
from mkgraph.cli._common import Group

app = Group("mkgraph", help=__doc__.split("\n\nBuilt on", 1)[0], no_args_is_help=True,
            context_settings={"show_default": True})
for _module in (_build, _validate, _query, _export, _link, _docs, _ingest, _load, _serve):
    _module.register(app)


def main() -> None:
    app(prog_name="mkgraph", args=sys.argv[1:])
