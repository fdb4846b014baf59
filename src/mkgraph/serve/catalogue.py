"""The saved-query catalogue as web API operations, on top of mkgraph.query.catalogue (the #+ headers).

Values are checked and turned into terms by ``mkgraph.query.catalogue.bind`` and written into the
query as one escaped term each (``mkgraph.query.remote.substitute``), exactly as ``mkgraph query``
does locally and remotely (docs/queries.md: Oxigraph plans with the constant in place).
"""

from __future__ import annotations

import re
from pathlib import Path

from mkgraph.query import catalogue as q_
from mkgraph.errors import InputError
from mkgraph.query.remote import substitute

SavedQuery = q_.Query
XSD = q_.XSD


def load(folder: Path) -> dict[str, SavedQuery]:
    """Every saved query of a folder by name (sorted); a bad header raises InputError."""
    return q_.catalogue(folder) if folder.is_dir() else {}


def prepare(q: SavedQuery, given: dict[str, str], id_base: str
            ) -> tuple[str, tuple[tuple[str, str, str, str], ...], tuple[str, ...]]:
    """(query text, substitutions, columns to hide) for API parameter values.

    An IRI parameter may be given as a path under the id/ base ("actor/bund"); `page`
    selects the page of a paginated listing (the same text `mkgraph query run` sends).
    """
    text, _probe, _page = prepare_paged(q, given, id_base)
    return text, (), ()


def prepare_paged(q: SavedQuery, given: dict[str, str], id_base: str) -> tuple[str, str | None, int]:
    """(query text, the ASK whether a next page exists or None, page number)."""
    values = {k: v for k, v in given.items() if k not in ("format", "run")}
    known = {p.name: p for p in q_.shown_parameters(q)}
    for name in sorted(values):
        if name not in known:
            raise InputError(name, f"not a parameter of query {q.name!r} "
                                   f"(parameters: {', '.join(known) or 'none'})")
        if values[name] == "":
            del values[name]  # an empty form field means "not given"
        elif known[name].type == "iri" and not re.match(r"^[a-z][a-z0-9+.-]*:", values[name]):
            values[name] = id_base + values[name].lstrip("/")
    try:
        values, page = q_.page_number(q, values)
        terms = q_.bind(q, values)
    except InputError as err:
        raise InputError(err.where.removeprefix("--param "), err.what) from None
    text = substitute(q.text, terms)
    probe = q_.next_page_probe(q, text, page) if q.pagination else None
    return q_.paged_text(q, text, page), probe, page
