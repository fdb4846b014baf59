"""The saved-query catalogue: queries/*.rq with grlc ``#+`` YAML headers, as API operations.

Parameters follow BASIL/grlc naming: ``?_name`` required, ``?__name`` optional, a
``_iri``/``_integer``/``_decimal``/``_boolean``/``_date`` suffix sets the type. Values are bound
as terms (pyoxigraph substitutions), never pasted into the query text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from mkgraph.errors import InputError

XSD = "http://www.w3.org/2001/XMLSchema#"
_TYPES = {"iri": "iri", "integer": XSD + "integer", "decimal": XSD + "decimal",
          "boolean": XSD + "boolean", "date": XSD + "date", "number": XSD + "decimal"}
_VAR = re.compile(r"[?$](__?)([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*)")


@dataclass(frozen=True)
class Param:
    name: str  # as the API takes it: "addressee"
    variable: str  # as the query writes it, without "?": "_addressee_iri"
    type: str  # "iri", "string" or an XSD datatype IRI
    required: bool
    description: str = ""
    enum: tuple[str, ...] = ()
    default: str | None = None


@dataclass(frozen=True)
class SavedQuery:
    name: str
    path: Path
    text: str
    summary: str
    description: str
    tags: tuple[str, ...]
    params: tuple[Param, ...]


def _header(text: str, path: Path) -> dict:
    lines = [ln[3:] if ln.startswith("#+ ") else ln[2:] for ln in text.splitlines() if ln.startswith("#+")]
    if not lines:
        return {}
    try:
        data = yaml.safe_load("\n".join(lines)) or {}
    except yaml.YAMLError as err:
        raise InputError(str(path), f"bad #+ header: {str(err).splitlines()[0]}") from None
    if not isinstance(data, dict):
        raise InputError(str(path), "the #+ header is not a YAML mapping")
    return data


def parse(path: Path) -> SavedQuery:
    text = path.read_text(encoding="utf-8")
    head = _header(text, path)
    body = "\n".join(ln for ln in text.splitlines() if not ln.lstrip().startswith("#"))
    declared = head.get("parameters") or {}
    if isinstance(declared, list):  # a list of {name: …} entries
        declared = {d.get("name"): d for d in declared if isinstance(d, dict)}
    enums = head.get("enumerate") or {}
    defaults = head.get("defaults") or {}
    if isinstance(defaults, list):
        defaults = {k: v for d in defaults if isinstance(d, dict) for k, v in d.items()}
    params: dict[str, Param] = {}
    for m in _VAR.finditer(body):
        under, rest = m.groups()
        bits = rest.split("_")
        kind = "string"
        if len(bits) > 1 and bits[-1] in _TYPES:
            kind = _TYPES[bits[-1]]
            bits = bits[:-1]
        name = "_".join(bits)
        if name in params:
            continue
        info = declared.get(name) or {}
        if isinstance(info, str):
            info = {"description": info}
        enum = enums.get(name) if isinstance(enums, dict) else None
        params[name] = Param(name, under + rest, kind, under == "_",
                             str(info.get("description", "")),
                             tuple(str(e) for e in (enum or info.get("enum") or ())),
                             None if defaults.get(name, info.get("default")) is None
                             else str(defaults.get(name, info.get("default"))))
    tags = head.get("tags") or ()
    return SavedQuery(path.stem, path, text, str(head.get("summary", "")).strip(),
                      str(head.get("description", "")).strip(),
                      tuple(map(str, tags if isinstance(tags, list) else [tags])),
                      tuple(sorted(params.values(), key=lambda p: (not p.required, p.name))))


def load(folder: Path) -> dict[str, SavedQuery]:
    """Every saved query of a folder by name (sorted); an unreadable header raises InputError."""
    if not folder.is_dir():
        return {}
    return {p.stem: parse(p) for p in sorted(folder.glob("*.rq"))}


def bind(q: SavedQuery, given: dict[str, str], id_base: str) -> tuple[tuple[str, str, str, str], ...]:
    """Substitutions for the given parameter values; InputError names a bad parameter."""
    unknown = sorted(set(given) - {p.name for p in q.params} - {"format"})
    if unknown:
        raise InputError(unknown[0], f"not a parameter of query {q.name!r} "
                         f"(parameters: {', '.join(p.name for p in q.params) or 'none'})")
    out = []
    for p in q.params:
        value = given.get(p.name, p.default)
        if value is None or value == "":
            if p.required:
                raise InputError(p.name, f"required by query {q.name!r}")
            continue
        if p.enum and value not in p.enum:
            raise InputError(p.name, f"must be one of {', '.join(p.enum)}")
        if p.type == "iri":
            if not re.match(r"^[a-z][a-z0-9+.-]*:", value):
                value = id_base + value.lstrip("/")  # "actor/bund" means <base>id/actor/bund
            if re.search(r"[\s<>\"{}|\\^`]", value):
                raise InputError(p.name, f"{value!r} is not an IRI")
            out.append((p.variable, "iri", value, ""))
        elif p.type == XSD + "integer":
            if not re.fullmatch(r"[+-]?\d+", value):
                raise InputError(p.name, f"{value!r} is not an integer")
            out.append((p.variable, "literal", value, p.type))
        elif p.type == "string":
            out.append((p.variable, "literal", value, ""))
        else:
            out.append((p.variable, "literal", value, p.type))
    return tuple(out)
