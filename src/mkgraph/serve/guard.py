"""Checks on query text before it reaches the store."""

from __future__ import annotations

import re

# Strings, IRIs and comments are blanked before looking for keywords, so a literal
# "SERVICE" in a FILTER does not trip the check.
_NOISE = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_SERVICE = re.compile(r"\bSERVICE\b", re.I)
_UPDATE = re.compile(r"^\s*(?:(?:PREFIX\s+\S*\s*\S+|BASE\s+\S+)\s*)*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I)


def problem(query: str) -> tuple[int, str] | None:
    """(HTTP status, message) when the query must not run, else None."""
    bare = _NOISE.sub(" ", query)
    if _UPDATE.match(bare):
        return 403, "this endpoint is read-only: SPARQL Update is not accepted"
    if _SERVICE.search(bare):
        # pyoxigraph would fetch any URL named in SERVICE: a public endpoint must not.
        return 400, "federated queries (SERVICE) are disabled on this endpoint"
    return None
