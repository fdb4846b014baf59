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
    | (?P<number>[0-9]+(?![A-Za-z_]))
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
    pagination: int | None = None  # rows (keys) per page, from grlc's `#+ pagination: N`

    def parameter(self, name: str) -> Parameter:
        if name == PAGE.name and self.pagination:
            return PAGE
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
    pagination = _pagination(header, toks, where)
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
        pagination=pagination,
    )


# -- paging (grlc's `#+ pagination: N`) ------------------------------------------------------
# grlc appends LIMIT/OFFSET to the whole query, so the store computes and sorts every row
# before the first page. Our listings instead select the page of keys in a subquery
# written `LIMIT N` (page 1, so the file runs as it is in any SPARQL tool) and look up
# the columns for those keys only; page p rewrites that one LIMIT to `LIMIT N OFFSET …`.
PAGE = Parameter(
    name="page", variable="", type="integer", required=False,
    description="page number, 1-based (paginated listings only)", default="1", example="2",
)


def _limit_positions(toks: list[Token], n: int) -> list[int]:
    """Indexes of `LIMIT` tokens followed by the integer n."""
    out = []
    for i, t in enumerate(toks):
        if t.kind == "word" and t.text.upper() == "LIMIT":
            rest = [u for u in toks[i + 1:i + 4] if u.kind != "space"]
            if rest and rest[0].text == str(n):
                out.append(i)
    return out


def _pagination(header: dict, toks: list[Token], where: str) -> int | None:
    raw = header.get("pagination")
    if raw is None:
        return None
    if not isinstance(raw, int) or isinstance(raw, bool) or raw < 1:
        raise InputError(where, f"'pagination' in the #+ header must be a positive integer, not {raw!r}")
    if len(_limit_positions(toks, raw)) != 1:
        raise InputError(where, f"'pagination: {raw}' needs exactly one `LIMIT {raw}` (the page-of-keys subquery) in the query")
    return raw


def page_number(query: Query, values: dict[str, str]) -> tuple[dict[str, str], int]:
    """The values without `page`, and the page (1 when not given or not paginated)."""
    rest = {k: v for k, v in values.items() if k != PAGE.name}
    if PAGE.name not in values:
        return rest, 1
    if not query.pagination:
        query.parameter(PAGE.name)  # raises: names the query's real parameters
    raw = str(values[PAGE.name]).strip()
    if not re.fullmatch(r"[0-9]+", raw) or int(raw) < 1:
        raise InputError(f"--param {PAGE.name}", f"{values[PAGE.name]!r} is not a page number (1, 2, …)")
    return rest, int(raw)


def _key_limit(query: Query, toks: list[Token]) -> tuple[int, int]:
    """Token indexes of the key subquery's `LIMIT` and of its number."""
    i = _limit_positions(toks, query.pagination)[0]
    j = next(k for k in range(i + 1, len(toks)) if toks[k].kind == "number")
    return i, j


def shown_parameters(query: Query) -> tuple[Parameter, ...]:
    """The parameters a user can give: the query's own, and `page` for a listing."""
    return query.parameters + ((PAGE,) if query.pagination else ())


def paged_text(query: Query, text: str, page: int) -> str:
    """The (already substituted) text with the page's OFFSET after the key LIMIT."""
    if not query.pagination or page == 1:
        return text
    toks = tokens(text)
    _, j = _key_limit(query, toks)
    head = "".join(t.text for t in toks[: j + 1])
    tail = "".join(t.text for t in toks[j + 1:])
    return f"{head} OFFSET {(page - 1) * query.pagination}{tail}"


def next_page_probe(query: Query, text: str, page: int) -> str:
    """An ASK whether a key exists after the page: the key subquery alone, LIMIT 1 at
    OFFSET page × N (a scan of the keys, a few ms), with the query's prologue."""
    toks = tokens(text)
    i, _ = _key_limit(query, toks)
    # The subquery starts at the SELECT whose WHERE block closes right before LIMIT.
    depth, k = 0, i - 1
    while k >= 0:
        t = toks[k]
        if t.text == "}":
            depth += 1
        elif t.text == "{":
            depth -= 1
            if depth == 0:
                break
        k -= 1
    while k >= 0 and not (toks[k].kind == "word" and toks[k].text.upper() == "SELECT"):
        k -= 1
    first = next(n for n, t in enumerate(toks) if t.kind == "word" and t.text.upper() in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE"))
    prologue = "".join(t.text for t in toks[:first] if t.kind != "comment").strip() + "\n"
    sub = "".join(t.text for t in toks[k:i])
    return f"{prologue}ASK {{ {{ {sub}LIMIT 1 OFFSET {page * query.pagination} }} }}\n"


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
