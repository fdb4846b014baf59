"""The saved-query catalogue: ``queries/*.rq`` files with grlc-style ``#+`` YAML headers.

A query file is plain SPARQL, so it runs in any SPARQL tool. Its leading ``#+`` lines are
a YAML header (summary, description, tags, parameters). Parameters follow the BASIL
naming that grlc uses: ``?_name`` is required, ``?__name`` optional, and a suffix gives
the type (``?_resolution_iri``, ``?_limit_integer``); the user-facing name drops the
underscores and the suffix (``resolution``). Values are converted to RDF terms here,
checked (an IRI against RFC 3987, an integer as an integer), and then bound by the
runner, never pasted into the text by us (see store.py and remote.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from mkgraph.errors import InputError
from mkgraph.resources import locate

XSD = "http://www.w3.org/2001/XMLSchema#"

# BASIL/grlc type suffixes we understand, and the datatype of the literal they make.
TYPES = {
    "iri": None,
    "string": XSD + "string",
    "literal": XSD + "string",
    "integer": XSD + "integer",
    "decimal": XSD + "decimal",
    "boolean": XSD + "boolean",
    "date": XSD + "date",
}

# -- a small SPARQL lexer: enough to tell variables from strings, IRIs and comments ----
_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n]*)
    | (?P<string>\"\"\"(?:[^\\]|\\.)*?\"\"\"|'''(?:[^\\]|\\.)*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)
    | (?P<word>[A-Za-z_][A-Za-z0-9_\-]*(?::[A-Za-z0-9_\-.]*)?)
    | (?P<space>\s+)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int


def tokens(text: str) -> list[Token]:
    return [Token(m.lastgroup, m.group(), m.start()) for m in _TOKEN.finditer(text)]


# -- parameters ----------------------------------------------------------------------------
_PARAM = re.compile(r"^(__?)([A-Za-z][A-Za-z0-9]*)(?:_(iri|string|literal|integer|decimal|boolean|date))?$")


@dataclass(frozen=True)
class Parameter:
    name: str  # user-facing: "resolution"
    variable: str  # SPARQL variable without "?": "__resolution_iri"
    type: str  # "iri" | "string" | "integer" | …
    required: bool
    description: str = ""
    default: str | None = None
    example: str | None = None


@dataclass(frozen=True)
class Query:
    name: str
    path: Path
    text: str
    form: str  # "SELECT" | "CONSTRUCT" | "ASK" | "DESCRIBE"
    summary: str
    description: str
    tags: tuple[str, ...]
    parameters: tuple[Parameter, ...]
    header: dict

    def parameter(self, name: str) -> Parameter:
        for p in self.parameters:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.parameters) or "none"
        raise InputError(f"--param {name}", f"query {self.name!r} has no parameter {name!r} (its parameters: {known})")


def _header(text: str, where: str) -> dict:
    lines = [ln[2:] for ln in text.splitlines() if ln.startswith("#+")]
    if not lines:
        return {}
    try:
        data = yaml.safe_load("\n".join(ln[1:] if ln.startswith(" ") else ln for ln in lines))
    except yaml.YAMLError as err:
        raise InputError(where, f"the #+ header is not valid YAML: {str(err).splitlines()[0]}") from None
    if not isinstance(data, dict):
        raise InputError(where, "the #+ header is not a YAML mapping")
    return data


def _form(toks: list[Token]) -> str:
    for t in toks:
        if t.kind == "word" and t.text.upper() in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE"):
            return t.text.upper()
    return "SELECT"


def parse(text: str, name: str, path: Path) -> Query:
    """A query from its text: header, parameters (from the variables), form."""
    where = str(path)
    header = _header(text, where)
    toks = tokens(text)
    declared = header.get("parameters") or {}
    if not isinstance(declared, dict):
        raise InputError(where, "'parameters' in the #+ header must be a mapping of name to details")
    found: dict[str, Parameter] = {}
    for t in toks:
        if t.kind != "var":
            continue
        m = _PARAM.match(t.text[1:])
        if not m:
            continue
        pname = m.group(2)
        info = declared.get(pname) or {}
        kind = m.group(3) or str(info.get("type", "string"))
        if kind not in TYPES:
            raise InputError(where, f"parameter {pname!r} has unknown type {kind!r}")
        p = Parameter(
            name=pname,
            variable=t.text[1:],
            type=kind,
            required=m.group(1) == "_",
            description=str(info.get("description", "")),
            default=None if info.get("default") is None else str(info.get("default")),
            example=None if info.get("example") is None else str(info.get("example")),
        )
        old = found.get(pname)
        if old and old.variable != p.variable:
            raise InputError(where, f"parameter {pname!r} is written both as ?{old.variable} and ?{p.variable}")
        found[pname] = p
    tags = header.get("tags") or []
    return Query(
        name=name,
        path=path,
        text=text,
        form=_form(toks),
        summary=str(header.get("summary", "")).strip(),
        description=str(header.get("description", "")).strip(),
        tags=tuple(str(t) for t in (tags if isinstance(tags, list) else [tags])),
        parameters=tuple(sorted(found.values(), key=lambda p: (not p.required, p.name))),
        header=header,
    )


def catalogue(folder: Path | None = None) -> dict[str, Query]:
    """Every saved query of a queries folder, by name (file stem), in name order."""
    folder = folder or locate("queries")
    out = {}
    for path in sorted(folder.glob("*.rq")):
        out[path.stem] = parse(path.read_text(encoding="utf-8"), path.stem, path)
    return out


def find(name: str, folder: Path | None = None) -> Query:
    """A saved query by name, or the user's own .rq file by path."""
    p = Path(name)
    if name.endswith(".rq") or p.suffix or "/" in name:
        if not p.is_file():
            raise InputError(name, "no such query file")
        try:
            text = p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(name, f"cannot read: {err}") from None
        return parse(text, p.stem, p)
    cat = catalogue(folder)
    if name not in cat:
        raise InputError(name, f"unknown query; known queries: {', '.join(cat)}")
    return cat[name]


# -- values -> checked RDF terms -----------------------------------------------------------
# RFC 3987 IRI, absolute: scheme ":" then no characters the grammar forbids (space,
# controls, <>"{}|\^`). Narrower checks (ihier-part details) add nothing for our use:
# what matters is that the value cannot break out of <…> or a literal.
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>\"{}|\\^`\x7f-\x9f]+$")
_PCT = re.compile(r"%(?![0-9A-Fa-f]{2})")


@dataclass(frozen=True)
class Term:
    """A parameter value as an RDF term: an IRI, or a literal with a datatype."""

    kind: str  # "iri" | "literal"
    value: str
    datatype: str | None = None

    def sparql(self) -> str:
        """The term written as SPARQL, escaped so that it is only ever this one term."""
        if self.kind == "iri":
            return f"<{self.value}>"
        esc = (
            self.value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\r", "\\r").replace("\t", "\\t").replace("\b", "\\b").replace("\f", "\\f")
        )
        if self.datatype in (None, XSD + "string"):
            return f'"{esc}"'
        return f'"{esc}"^^<{self.datatype}>'


def to_term(param: Parameter, value: str) -> Term:
    where = f"--param {param.name}"
    if param.type == "iri":
        if not _IRI.match(value) or _PCT.search(value):
            raise InputError(where, f"{value!r} is not an absolute IRI (RFC 3987)")
        return Term("iri", value)
    if param.type == "integer":
        if not re.fullmatch(r"[+-]?[0-9]+", value.strip()):
            raise InputError(where, f"{value!r} is not an integer")
        return Term("literal", str(int(value)), TYPES["integer"])
    if param.type == "decimal":
        if not re.fullmatch(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)", value.strip()):
            raise InputError(where, f"{value!r} is not a decimal number")
        return Term("literal", value.strip(), TYPES["decimal"])
    if param.type == "boolean":
        v = value.strip().lower()
        if v not in ("true", "false", "1", "0"):
            raise InputError(where, f"{value!r} is not a boolean (true or false)")
        return Term("literal", "true" if v in ("true", "1") else "false", TYPES["boolean"])
    if param.type == "date":
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value.strip()):
            raise InputError(where, f"{value!r} is not a date (YYYY-MM-DD)")
        return Term("literal", value.strip(), TYPES["date"])
    return Term("literal", value, TYPES["string"])


def bind(query: Query, values: dict[str, str]) -> dict[str, Term]:
    """Checked terms for the given values, by variable name; defaults filled in.

    Unknown parameters and missing required ones are input errors.
    """
    out: dict[str, Term] = {}
    for name in sorted(values):
        p = query.parameter(name)
        out[p.variable] = to_term(p, str(values[name]))
    for p in query.parameters:
        if p.variable in out:
            continue
        if p.default is not None:
            out[p.variable] = to_term(p, p.default)
        elif p.required:
            raise InputError(f"--param {p.name}", f"query {query.name!r} needs parameter {p.name!r} ({p.type}): {p.description}".rstrip(": "))
    return out


def parse_params(pairs: list[str]) -> dict[str, str]:
    """``name=value`` strings (from --param) to a dict."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise InputError(f"--param {pair}", "expected name=value")
        out[name.strip()] = value
    return out
