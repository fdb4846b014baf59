"""Content negotiation: pick one of the media types we offer from an Accept header or ?format=.

The Accept header is parsed and matched by werkzeug (a kept library, not a parser of our own);
here are only our media types, the short names of ?format= and the synonyms clients send.
"""

from __future__ import annotations

from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

# Short names accepted by ?format= (as Fuseki and Virtuoso users type them, and as SPARQLWrapper
# sends them): each names the media types it can mean, the one offered for the answer is taken
# ("xml" is SPARQL XML for results, RDF/XML for graphs; "json" SPARQL JSON or JSON-LD).
FORMAT_ALIASES = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv",),
    "tsv": ("text/tab-separated-values",),
    "ttl": ("text/turtle",),
    "turtle": ("text/turtle",),
    "nt": ("application/n-triples",),
    "ntriples": ("application/n-triples",),
    "n-triples": ("application/n-triples",),
    "jsonld": ("application/ld+json",),
    "json-ld": ("application/ld+json",),
    "rdfxml": ("application/rdf+xml",),
    "rdf+xml": ("application/rdf+xml",),
    "rdf": ("application/rdf+xml",),
    "html": ("text/html",),
}

RESULTS = (
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
)
GRAPHS = ("text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml")

# Media types clients send that mean one of ours.
SYNONYMS = {
    "application/json": ("application/sparql-results+json", "application/ld+json"),
    "text/javascript": ("application/sparql-results+json",),
    "application/javascript": ("application/sparql-results+json",),
    "application/xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "text/xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "application/x-turtle": ("text/turtle",),
    "text/plain": ("application/n-triples",),
}


class NotAcceptable(Exception):
    """None of the offered media types matches the request."""

    def __init__(self, offered: tuple[str, ...]):
        self.offered = offered
        super().__init__("acceptable: " + ", ".join(offered))


def from_format(fmt, offered: tuple[str, ...]) -> str | None:
    """The offered media type the ?format= value(s) name, or None.

    ``fmt`` is one value or several (SPARQLWrapper sends ``format=rdf+xml&format=application/rdf+xml``);
    the first that names an offered type wins. A value that names none of them (unknown, such
    as SPARQLWrapper's ``n3``, or one for the other kind of answer, such as ``csv`` for a graph)
    is ignored, so that the Accept header decides.
    """
    for value in ([fmt] if isinstance(fmt, str) else list(fmt or ())):
        value = (value or "").strip().lower()
        if not value:
            continue
        wanted = FORMAT_ALIASES.get(value, (value,))
        for m in (c for w in wanted for c in (w, *SYNONYMS.get(w, ()))):
            if m in offered:
                return m
    return None


def negotiate(accept: str | None, offered: tuple[str, ...], fmt=None) -> str:
    """The best offered media type; the first offered is the default for */* or no header.

    ``fmt`` (the ?format= value or values: short names or media types) overrides the header
    when it names an offered type; otherwise the header decides.
    """
    chosen = from_format(fmt, offered)
    if chosen:
        return chosen
    if not (accept or "").strip():
        return offered[0]
    # werkzeug parses the header (q-values, wildcards, parameters) and picks: the highest q,
    # then the more specific range; among equals the earlier name below, so our default
    # (the first offered) for */*, and our own types before the synonyms clients send.
    names: dict[str, str] = {}
    for m in offered:
        names[m] = m
    for syn, targets in SYNONYMS.items():
        hit = next((t for t in targets if t in offered), None)
        if hit and syn not in names:
            names[syn] = hit
    # a charset parameter is no reason to refuse (werkzeug matches parameters exactly)
    names.update({f"{n};charset=utf-8": m for n, m in list(names.items())})
    best = parse_accept_header(accept, MIMEAccept).best_match(names)
    if best is None:
        raise NotAcceptable(offered)
    return names[best]


def wants_html(accept: str | None) -> bool:
    """A browser: text/html explicitly preferred over any RDF or results type."""
    try:
        return negotiate(accept, ("text/html", *RESULTS, *GRAPHS)) == "text/html" and "text/html" in (accept or "")
    except NotAcceptable:
        return False
