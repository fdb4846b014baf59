"""Checks on query text before it reaches the store."""

from __future__ import annotations

import re

# Strings, IRIs and comments are blanked before looking for keywords, so a literal
# "SERVICE" in a FILTER does not trip the check.
_NOISE = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_SERVICE = re.compile(r"\bSERVICE\b", re.I)
# One prologue declaration at a time (IRIs are already blanked): no nested quantifiers, so no
# catastrophic backtracking on the long PREFIX blocks rdflib sends.
_PROLOGUE = re.compile(r"\s*(?:PREFIX\s+[^\s:]*:|BASE)\s*", re.I)
_WORD = re.compile(r"\s*([A-Za-z]+)")
_UPDATES = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}


def _first_keyword(bare: str) -> str:
    pos = 0
    while (m := _PROLOGUE.match(bare, pos)) and m.end() > pos:
        pos = m.end()
    m = _WORD.match(bare, pos)
    return m.group(1).upper() if m else ""


def problem(query: str) -> tuple[int, str] | None:
    """(HTTP status, message) when the query must not run, else None."""
    bare = _NOISE.sub(" ", query)
    if _first_keyword(bare) in _UPDATES:
        return 403, "this endpoint is read-only: SPARQL Update is not accepted"
    if _SERVICE.search(bare):
        # pyoxigraph would fetch any URL named in SERVICE: a public endpoint must not.
        return 400, "federated queries (SERVICE) are disabled on this endpoint"
    return None
