"""Query results as plain data, and their CSV / TSV / JSON / Turtle / JSON-LD forms.

Both runners (embedded store, remote endpoint) turn their answers into the same
``Result``, with every value normalised the same way: IRIs and plain literals as str,
integers (of any XSD integer type) as int, booleans as bool, decimals as Decimal,
doubles as float, unbound as None. That is what makes local and remote results compare
equal, and what keeps pandas out of the dependencies.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from mkgraph.errors import InputError

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {
    XSD + t
    for t in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt",
        "unsignedShort", "unsignedByte",
    )
}
FORMATS = ("table", "csv", "tsv", "json", "ttl", "nt", "jsonld")
GRAPH_FORMATS = ("ttl", "nt", "jsonld")

Value = str | int | bool | Decimal | float | None


def literal_value(lexical: str, datatype: str | None) -> Value:
    """The Python value of a literal, the same for both runners."""
    try:
        if datatype in _INTEGER_TYPES:
            return int(lexical)
        if datatype == XSD + "boolean":
            return lexical.strip() in ("true", "1")
        if datatype == XSD + "decimal":
            return Decimal(lexical)
        if datatype in (XSD + "double", XSD + "float"):
            return float(lexical)
    except (ValueError, InvalidOperation):
        pass  # an ill-typed literal stays its lexical form
    return lexical


@dataclass(frozen=True)
class Result:
    """A table of values (SELECT), or the triples of a CONSTRUCT as sorted N-Triples lines.

    For a CONSTRUCT, ``rows`` holds (subject, predicate, object) in N-Triples notation.
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]
    triples: tuple[str, ...] | None = None  # N-Triples lines, CONSTRUCT/DESCRIBE only
    page: int | None = None  # the page of a paginated listing (None: not paginated)
    next_page: int | None = None  # the page after it, when this one was full

    @property
    def is_graph(self) -> bool:
        return self.triples is not None

    def records(self) -> list[dict[str, Value]]:
        return [dict(zip(self.columns, r)) for r in self.rows]

    def __iter__(self):
        return iter(self.records())

    def __len__(self) -> int:
        return len(self.rows)

    def to_csv(self) -> str:
        return to_csv(self)

    def to_json(self) -> str:
        return to_json(self)

    def to_pandas(self):
        """The rows as a pandas DataFrame (optional extra: pip install 'mkgraph[pandas]')."""
        return to_pandas(self)


def paged(result: Result, page: int, more: bool) -> Result:
    """The result marked with its page, and the next page when there are more keys."""
    from dataclasses import replace

    return replace(result, page=page, next_page=page + 1 if more else None)


# -- from pyoxigraph ----------------------------------------------------------------------
def ox_value(term) -> Value:
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return literal_value(term.value, term.datatype.value)
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return term.value


def from_ox_solutions(solutions, hide: set[str] = frozenset()) -> Result:
    names = [v.value for v in solutions.variables]
    keep = [i for i, n in enumerate(names) if n not in hide]
    rows = tuple(tuple(ox_value(sol[i]) for i in keep) for sol in solutions)
    return Result(columns=tuple(names[i] for i in keep), rows=rows)


def from_ox_triples(triples) -> Result:
    """A CONSTRUCT answer: distinct triples, sorted by their N-Triples form."""
    lines = sorted({f"{t.subject} {t.predicate} {t.object} ." for t in triples})
    return graph_result(lines)


def graph_result(lines: list[str]) -> Result:
    import pyoxigraph as ox

    rows = []
    for t in ox.parse("\n".join(lines).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
        rows.append((ox_value(t.subject), ox_value(t.predicate), ox_value(t.object)))
    return Result(columns=("subject", "predicate", "object"), rows=tuple(rows), triples=tuple(lines))


# -- from SPARQL 1.1 Query Results JSON (remote endpoints) ----------------------------------
def json_value(binding: dict | None) -> Value:
    if binding is None:
        return None
    kind = binding.get("type")
    if kind in ("literal", "typed-literal"):
        return literal_value(binding["value"], binding.get("datatype") or (None if "xml:lang" in binding else XSD + "string"))
    if kind == "bnode":
        return "_:" + binding["value"]
    return binding["value"]


def from_json_results(data: dict, hide: set[str] = frozenset()) -> Result:
    if "boolean" in data:
        return Result(columns=("result",), rows=((bool(data["boolean"]),),))
    names = [n for n in data["head"]["vars"] if n not in hide]
    rows = tuple(tuple(json_value(b.get(n)) for n in names) for b in data["results"]["bindings"])
    return Result(columns=tuple(names), rows=rows)


# -- writers --------------------------------------------------------------------------------
def text_value(v: Value) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def to_csv(result: Result, delimiter: str = ",") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    w.writerow(result.columns)
    for row in result.rows:
        w.writerow([text_value(v) for v in row])
    return buf.getvalue()


def to_tsv(result: Result) -> str:
    """Tab-separated, one line per row; tabs, newlines and backslashes in values escaped."""

    def esc(v: Value) -> str:
        return text_value(v).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")

    lines = ["\t".join(result.columns)] + ["\t".join(esc(v) for v in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _json_default(o: Any):
    if isinstance(o, Decimal):
        return float(o)
    raise TypeError(type(o).__name__)


def to_json(result: Result) -> str:
    return json.dumps(result.records(), ensure_ascii=False, indent=2, default=_json_default) + "\n"


def to_pandas(result: Result):
    """A DataFrame with the result's columns: whole-number columns as nullable integers
    (Int64, so an unbound value stays <NA> and a count stays a count), the rest as objects."""
    try:
        import pandas as pd
    except ImportError:
        raise ImportError("to_pandas needs pandas: pip install 'mkgraph[pandas]'") from None
    frame = pd.DataFrame.from_records(list(result.rows), columns=list(result.columns))
    for c in frame.columns:
        values = [v for v in frame[c] if v is not None]
        if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            frame[c] = frame[c].astype("Int64")
    return frame


def to_graph_text(result: Result, fmt: str) -> str:
    """Turtle, N-Triples or JSON-LD of a CONSTRUCT result (prefixes of the project)."""
    if not result.is_graph:
        raise InputError("--format", f"{fmt} needs a CONSTRUCT query (e.g. describe); use table, csv, tsv or json")
    if fmt == "nt":
        return "".join(line + "\n" for line in result.triples)
    from rdflib import Graph

    from mkgraph.rdf.namespaces import bind_prefixes

    g = bind_prefixes(Graph())
    g.parse(data="\n".join(result.triples), format="nt")
    if fmt == "ttl":
        return g.serialize(format="turtle")
    return g.serialize(format="json-ld", auto_compact=True, sort_keys=True, indent=2)


def render(result: Result, fmt: str) -> str:
    """The result as text in one of FORMATS except "table" (which rich draws)."""
    if fmt == "csv":
        return to_csv(result)
    if fmt == "tsv":
        return to_tsv(result)
    if fmt == "json":
        return to_json(result)
    if fmt in GRAPH_FORMATS:
        return to_graph_text(result, fmt)
    raise InputError("--format", f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
