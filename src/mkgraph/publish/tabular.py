"""A CSV table as a graph, so that `mkgraph link` reads the format most policy data comes in.

Each row becomes a resource (its ``uri``/``iri``/``id`` cell when that is an http(s) IRI,
else ``<file>#row-N``), each cell a triple whose predicate is ``<file>#<column>``: an
http(s) cell an IRI, any other a plain literal. find_links then sees Wikidata/NUTS/AGS
IRIs, ISO and NUTS codes, AGS keys under a column called AGS (or Schlüssel …) and Land
names exactly as it does in RDF. What cannot be read is one InputError naming the file
and the line: not UTF-8 or Windows-1252, binary, no header, a nameless or repeated column,
a row with more or fewer cells than the header, no rows.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from mkgraph.errors import InputError

SUFFIXES = (".csv", ".tsv")
_ID_COLUMNS = ("uri", "iri", "id", "@id")
_IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")


def _text(path: Path) -> str:
    raw = path.read_bytes()
    if b"\0" in raw[:4096]:
        raise InputError(str(path), "a binary file, not a CSV table")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:  # what spreadsheet exports on German Windows often are
        return raw.decode("cp1252")
    except UnicodeDecodeError as err:
        raise InputError(str(path), f"neither UTF-8 nor Windows-1252 (byte {err.start})") from None


def _dialect(path: Path, text: str) -> type[csv.Dialect] | csv.Dialect:
    if path.suffix.lower() == ".tsv":
        return csv.excel_tab
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:  # rows that disagree: read by the header's delimiter, the rows are checked
        header = text.splitlines()[0]
        counts = {d: header.count(d) for d in ",;\t|"}
        best = max(counts, key=counts.get)

        class Header(csv.excel):
            delimiter = best if counts[best] else ","

        return Header


def _columns(path: Path, header: list[str]) -> list[str]:
    names = [h.strip() for h in header]
    for i, name in enumerate(names, 1):
        if not name:
            raise InputError(str(path), f"line 1: column {i} has no name (the first line must name the columns)")
    seen = set()
    for name in names:
        if name.casefold() in seen:
            raise InputError(str(path), f"line 1: column {name!r} appears twice")
        seen.add(name.casefold())
    return names


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-") or "column"


def load_csv(path: Path) -> Graph:
    """The table as triples (see the module's description)."""
    if not path.is_file():
        raise InputError(str(path), "no such file")
    text = _text(path)
    if not text.strip():
        raise InputError(str(path), "the file is empty")
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(path, text))
    try:
        rows = list(reader)
    except csv.Error as err:
        raise InputError(str(path), f"line {reader.line_num}: {err}") from None
    columns = _columns(path, rows[0])
    body = [(n, r) for n, r in enumerate(rows[1:], 2) if any(c.strip() for c in r)]
    if not body:
        raise InputError(str(path), "no rows below the header line")
    base = path.resolve().as_uri()
    ids = [i for i, c in enumerate(columns) if c.casefold() in _ID_COLUMNS]
    g = Graph()
    for n, row in body:
        if len(row) != len(columns):
            raise InputError(str(path), f"line {n}: {len(row)} cell{'' if len(row) == 1 else 's'}, the header names {len(columns)} columns")
        given = [row[i].strip() for i in ids if _IRI.match(row[i].strip())]
        subject = URIRef(given[0] if given else f"{base}#row-{n}")
        for name, cell in zip(columns, row):
            cell = cell.strip()
            if cell:
                obj = URIRef(cell) if _IRI.match(cell) else Literal(cell)
                g.add((subject, URIRef(f"{base}#{_slug(name)}"), obj))
    return g
