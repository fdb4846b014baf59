"""Content negotiation: pick one of the media types we offer from an Accept header or ?format=."""

from __future__ import annotations

# Short names accepted by ?format= (as Fuseki and Virtuoso users type them).
FORMAT_ALIASES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "ttl": "text/turtle",
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "n-triples": "application/n-triples",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "rdf": "application/rdf+xml",
    "html": "text/html",
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


def parse_accept(header: str | None) -> list[tuple[str, float, int]]:
    """(media range, q, position) for each entry of an Accept header."""
    out = []
    for pos, item in enumerate((header or "").split(",")):
        parts = [p.strip() for p in item.split(";")]
        if not parts[0]:
            continue
        q = 1.0
        for p in parts[1:]:
            if p.lower().startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        out.append((parts[0].lower(), q, pos))
    return out


def negotiate(accept: str | None, offered: tuple[str, ...], fmt: str | None = None) -> str:
    """The best offered media type; the first offered is the default for */* or no header.

    ``fmt`` (a short name or a media type) overrides the header, as the ?format= parameter.
    """
    if fmt:
        wanted = FORMAT_ALIASES.get(fmt.lower(), fmt.lower())
        for m in (wanted, *SYNONYMS.get(wanted, ())):
            if m in offered:
                return m
        raise NotAcceptable(offered)
    ranges = parse_accept(accept)
    if not ranges:
        return offered[0]
    best: tuple[float, int, int] | None = None
    choice = None
    for rng, q, pos in ranges:
        if q <= 0:
            continue
        if rng == "*/*":
            cands = [offered[0]]
        elif rng.endswith("/*"):
            cands = [m for m in offered if m.startswith(rng[:-1])]
        else:
            cands = [m for m in (rng, *SYNONYMS.get(rng, ())) if m in offered]
        for c in cands[:1]:
            # Higher q wins; at equal q the earlier header entry, then an exact type over a wildcard.
            key = (q, -pos, 0 if "*" in rng else 1)
            if best is None or key > best:
                best, choice = key, c
    if choice is None:
        raise NotAcceptable(offered)
    return choice


def wants_html(accept: str | None) -> bool:
    """A browser: text/html explicitly preferred over any RDF or results type."""
    try:
        return negotiate(accept, ("text/html", *RESULTS, *GRAPHS)) == "text/html" and "text/html" in (accept or "")
    except NotAcceptable:
        return False
