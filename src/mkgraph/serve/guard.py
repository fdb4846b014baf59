"""Checks on query text before it reaches the store: mkgraph.query.safety (limits, no update,
SERVICE found by parsing the query, only to endpoints the operator allowed)."""

from __future__ import annotations

from collections.abc import Collection

from mkgraph.query import safety


def problem(query: str, allowed: Collection[str] = ()) -> tuple[int, str] | None:
    """(HTTP status, message) when the query must not run, else None."""
    return safety.problem(query, allowed)
