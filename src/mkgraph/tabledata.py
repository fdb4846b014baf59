"""The package's data tables (``mkgraph/tables/**/*.csv``): the one way they are read.

Cells are stripped, empty cells are "". A table that lacks a column the caller needs,
or a row with an empty required cell, is an InputError naming the table and the line.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from mkgraph.errors import InputError
from mkgraph.resources import tables


def read(
    path: Path,
    columns: tuple[str, ...] = (),
    required: tuple[str, ...] = (),
    where: str | None = None,
    lines: bool = False,
) -> tuple[dict[str, str], ...]:
    """Rows of a CSV file; with ``lines`` each row also carries its line number as ``_line``."""
    where = where or str(path)
    if not path.is_file():
        raise InputError(where, "table not found")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(where, f"missing column(s) {', '.join(missing)}")
        out = []
        for row in reader:
            row = {k: (v or "").strip() for k, v in row.items() if k}
            empty = [c for c in required if not row.get(c)]
            if empty:
                raise InputError(where, f"line {reader.line_num}: empty {', '.join(empty)}")
            if lines:
                row["_line"] = reader.line_num
            out.append(row)
    return tuple(out)


@cache
def rows(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``tables/<name>`` (e.g. "conferences.csv", "concepts/action-field.csv")."""
    return read(tables() / name, where=f"tables/{name}")


def by(name: str, key: str) -> dict[str, dict[str, str]]:
    """Rows of a table indexed by one column."""
    return {row[key]: row for row in rows(name)}


def column(name: str, key: str) -> frozenset[str]:
    """The non-empty values of one column."""
    return frozenset(row[key] for row in rows(name) if row.get(key))
