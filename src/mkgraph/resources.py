"""Where the project's artefacts (ontology, shapes, queries, graph, sources) are found.

One rule: a folder of that name in the current working directory wins (you are working
in a checkout or in your own project); otherwise the copy shipped inside the installed
package (``mkgraph/_data``, see pyproject.toml) is used; a source checkout's folders
are the last resort, for editable installs, where hatchling does not copy them.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

KINDS = ("ontology", "shapes", "queries", "graph", "sources")


def packaged(kind: str) -> Path:
    """The shipped copy of a folder (or the checkout's, in an editable install)."""
    if kind not in KINDS:
        raise ValueError(kind)
    shipped = Path(str(resources.files("mkgraph") / "_data" / kind))
    if shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parents[2] / kind


def locate(kind: str, cwd: Path | None = None) -> Path:
    """The folder to use for ``kind``: the working directory's, else the packaged one."""
    here = (cwd or Path.cwd()) / kind
    return here if here.is_dir() else packaged(kind)


def tables() -> Path:
    """The package's data tables (conferences, Länder, cue verbs …)."""
    return Path(str(resources.files("mkgraph") / "tables"))


def examples(kind: str) -> Path:
    """The package's example files of one kind (``link``: datasets to try `mkgraph link` on)."""
    return Path(str(resources.files("mkgraph") / "examples" / kind))
