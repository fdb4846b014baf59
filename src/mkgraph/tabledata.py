"""The package's data tables (``mkgraph/tables/*.csv``), read once."""

from __future__ import annotations

import csv
from functools import cache

from mkgraph.resources import tables


@cache
def rows(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``tables/<name>.csv`` as dicts (empty cells as "")."""
    path = tables() / f"{name}.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return tuple({k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh))


def by(name: str, key: str) -> dict[str, dict[str, str]]:
    """Rows of a table indexed by one column."""
    return {row[key]: row for row in rows(name)}
