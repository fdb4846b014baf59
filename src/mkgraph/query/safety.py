"""What a query may do, checked before it runs: size and nesting, no update, SERVICE only where allowed.

pyoxigraph fetches any URL a query names in ``SERVICE`` (and crashes the process on a
few thousand nested brackets), so every query that runs on our machine — `mkgraph serve`
on all its routes, `mkgraph query run` on local data or a store — passes :func:`problem`
first:

1. **Limits, before any parser**: at most ``MAX_CHARS`` characters and ``MAX_DEPTH`` nested
   brackets, counted over the raw text (cheap, and no parser recursion).
2. **No SPARQL Update** (a public endpoint is read-only).
3. **SERVICE by parsing, not by scanning**: the query is parsed with rdflib's SPARQL parser
   and its algebra walked for ``ServiceGraphPattern`` nodes; each must name, as an IRI, an
   endpoint the user allowed explicitly (``--allow-service``; none by default). A variable
   endpoint is never allowed (its value would come from the data). A query that rdflib
   cannot parse is refused, so a text that lexes differently in two parsers cannot slip
   through. The one shortcut is sound: a text without the letters "service" (any case) and
   without ``\\u`` escapes cannot contain the keyword, so it is not parsed twice.
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Collection
from functools import lru_cache

from mkgraph.errors import InputError

MAX_CHARS = 1_000_000  # as the server's body cap
MAX_DEPTH = 200  # nested ( { [ ; pyoxigraph's parser overflows its stack at some thousands
# rdflib's parser is quadratic in the length of a group (100 triple patterns, 3,200 characters:
# 0.1 s; 1,000, 34,000 characters: 3.9 s; 3,000: 31 s, measured), so a
# query that must be parsed for SERVICE is kept short.
MAX_SERVICE_CHECK_CHARS = 10_000

# For the update check only (a 403 rather than a syntax error): strings, IRIs and comments
# blanked, then the first keyword after the prologue. One declaration at a time, so no
# catastrophic backtracking on the long PREFIX blocks rdflib sends.
_NOISE = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_PROLOGUE = re.compile(r"\s*(?:PREFIX\s+[^\s:]*:|BASE)\s*", re.I)
_WORD = re.compile(r"\s*([A-Za-z]+)")
_UPDATES = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_OPEN, _CLOSE = set("({["), set(")}]")


def nesting(text: str) -> int:
    """The deepest nesting of brackets in the raw text (strings and comments included:
    an over-estimate is safe)."""
    if sum(text.count(c) for c in _OPEN) <= MAX_DEPTH:
        return sum(text.count(c) for c in _OPEN)  # an upper bound, and small
    depth = deepest = 0
    for ch in text:
        if ch in _OPEN:
            depth += 1
            deepest = max(deepest, depth)
        elif ch in _CLOSE and depth:
            depth -= 1
    return deepest


def limit_problem(text: str) -> str | None:
    """Why the text is too large to hand to any parser, or None."""
    if len(text) > MAX_CHARS:
        return f"query too long: {len(text):,} characters (limit {MAX_CHARS:,})"
    depth = nesting(text)
    if depth > MAX_DEPTH:
        return f"query nested too deeply: {depth} levels of brackets (limit {MAX_DEPTH})"
    return None


def is_update(text: str) -> bool:
    bare = _NOISE.sub(" ", text)
    pos = 0
    while (m := _PROLOGUE.match(bare, pos)) and m.end() > pos:
        pos = m.end()
    m = _WORD.match(bare, pos)
    return bool(m) and m.group(1).upper() in _UPDATES


def might_name_service(text: str) -> bool:
    return "service" in text.lower() or "\\u" in text.lower()


class Unparseable(Exception):
    pass


def _big_stack(fn, *args):
    """Run fn in a thread with room for rdflib's recursive-descent parser (its recursion
    grows with the length of a group; the caps above bound it)."""
    out: dict = {}

    def target():
        try:
            out["value"] = fn(*args)
        except BaseException as err:  # noqa: BLE001 - handed back to the caller
            out["error"] = err

    with _STACK_LOCK:
        old_size = threading.stack_size(256 * 1024 * 1024)
        old_limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(old_limit, 60_000))
        try:
            t = threading.Thread(target=target, name="mkgraph-sparql-check")
            t.start()
            t.join()
        finally:
            threading.stack_size(old_size)
            sys.setrecursionlimit(old_limit)
    if "error" in out:
        raise out["error"]
    return out["value"]


_STACK_LOCK = threading.Lock()


def _walk(node, found: list) -> None:
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, CompValue):
            if n.name == "ServiceGraphPattern":
                found.append(n.get("term"))
            stack.extend(n.values())
        elif isinstance(n, dict):
            stack.extend(n.values())
        elif isinstance(n, (list, tuple)):
            stack.extend(n)
        elif hasattr(n, "asList") and not isinstance(n, str):  # pyparsing ParseResults
            stack.extend(list(n))


def _parse_services(text: str) -> tuple:
    import logging

    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    rdflib_log = logging.getLogger("rdflib")
    level = rdflib_log.level
    rdflib_log.setLevel(logging.ERROR)  # "… does not look like a valid URI" warnings
    try:
        tree = parseQuery(text)
        in_tree: list = []
        _walk(tree, in_tree)
        in_algebra: list = []
        _walk(translateQuery(tree).algebra, in_algebra)
    finally:
        rdflib_log.setLevel(level)
    if len(in_tree) != len(in_algebra):
        raise Unparseable("the SERVICE clauses could not be resolved")
    return tuple(in_algebra)


@lru_cache(maxsize=512)
def services(text: str) -> tuple[str | None, ...]:
    """The endpoints the query's SERVICE clauses name (None: a variable); Unparseable when
    rdflib's parser does not accept the query."""
    if not might_name_service(text):
        return ()
    if len(text) > MAX_SERVICE_CHECK_CHARS:
        raise Unparseable(f"a query that mentions SERVICE may be at most {MAX_SERVICE_CHECK_CHARS:,} "
                          f"characters long to be checked ({len(text):,})")
    from rdflib.term import URIRef

    try:
        terms = _big_stack(_parse_services, text)
    except Unparseable:
        raise
    except RecursionError:
        raise Unparseable("rdflib's parser ran out of recursion depth (nested SERVICE or very deep groups)") from None
    except Exception as err:  # noqa: BLE001 - pyparsing and rdflib raise many kinds
        msg = " ".join(str(err).split()) or type(err).__name__
        raise Unparseable(msg[:200]) from None
    return tuple(str(t) if isinstance(t, URIRef) else None for t in terms)


def problem(text: str, allowed: Collection[str] = ()) -> tuple[int, str] | None:
    """(HTTP status, one-line message) when the query must not run here, else None.

    allowed: the SERVICE endpoints the user named (exact IRIs); none by default.
    """
    too_big = limit_problem(text)
    if too_big:
        return 400, too_big
    if is_update(text):
        return 403, "this endpoint is read-only: SPARQL Update is not accepted"
    try:
        named = services(text)
    except Unparseable as err:
        return 400, f"cannot parse the query to check it for SERVICE: {err}"
    for endpoint in named:
        if endpoint is None:
            return 400, "SERVICE with a variable endpoint is not accepted (name the endpoint as an IRI)"
        if endpoint not in allowed:
            if not allowed:
                return 400, f"federated queries (SERVICE) are disabled here; SERVICE <{endpoint}> refused"
            return 400, (f"SERVICE <{endpoint}> is not an allowed endpoint "
                         f"(allowed: {', '.join(sorted(allowed))})")
    return None


def check(text: str, where: str, allowed: Collection[str] = ()) -> None:
    """problem() as the CLI's InputError (one line, exit 2)."""
    bad = problem(text, allowed)
    if bad:
        raise InputError(where, bad[1])


def check_allowed(endpoints: Collection[str], where: str = "--allow-service") -> tuple[str, ...]:
    """The user's allowed SERVICE endpoints, each an http(s) IRI."""
    out = []
    for e in endpoints:
        if not re.match(r"^https?://[^\s<>\"{}|\\^`]+$", e):
            raise InputError(where, f"{e!r} is not an http(s) URL")
        out.append(e)
    return tuple(out)
