"""The terms table (``tables/terms.yaml``): read and checked once, the one source of the
ontology's terms, the scheme labels and the statement classes.

Imports only the shared helpers and rdf.namespaces; rdf.ontology and rdf.vocab both read it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from rdflib import URIRef
from rdflib.namespace import OWL

from mkgraph.errors import InputError
from mkgraph.rdf.namespaces import MK, PREFIXES
from mkgraph.resources import tables

# libyaml's safe loader where it is built in (ten times faster), the pure one otherwise
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

TERMS_TABLE = "tables/terms.yaml"
# vocabularies the ontology aligns to that the data does not bind a prefix for
ALIGNMENT_PREFIXES = {"qb": "http://purl.org/linked-data/cube#"}
KINDS = {"class": OWL.Class, "object": OWL.ObjectProperty, "datatype": OWL.DatatypeProperty}
REQUIRED = ("kind", "label_de", "label_en", "definition_de", "definition_en", "example")
HEADER_REQUIRED = ("iri", "version", "title_de", "title_en", "description_de",
                   "description_en", "creator", "license", "prefix", "namespace")


@lru_cache(maxsize=None)
def _load(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=_YAML_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(TERMS_TABLE, f"cannot be read: {str(exc).splitlines()[0]}") from None
    if not isinstance(data, dict) or not {"ontology", "terms", "schemes"} <= set(data):
        raise InputError(TERMS_TABLE, "needs the top-level keys ontology, schemes and terms")
    missing = [k for k in HEADER_REQUIRED if not data["ontology"].get(k)]
    if missing:
        raise InputError(TERMS_TABLE, f"ontology: missing {', '.join(missing)}")
    for name, term in data["terms"].items():
        if not isinstance(term, dict):
            raise InputError(TERMS_TABLE, f"{name}: not a mapping")
        if term.get("kind") not in KINDS:
            raise InputError(TERMS_TABLE, f"{name}: kind must be one of {', '.join(KINDS)}")
    return data


def load_terms(path: Path | None = None) -> dict:
    """The parsed terms table (header, schemes, terms)."""
    return _load(str(path or tables() / "terms.yaml"))


def expand(curie: str) -> URIRef:
    """``mk:Actor`` → full IRI, with the project's prefixes; anything else is refused."""
    prefix, sep, local = str(curie).partition(":")
    known = {**PREFIXES, **ALIGNMENT_PREFIXES}
    if not sep or prefix not in known or not local:
        raise InputError(TERMS_TABLE, f"{curie!r} is not a CURIE with a known prefix")
    return URIRef(str(known[prefix]) + local)


def statement_classes(path: Path | None = None) -> dict[str, URIRef]:
    """Statement-kind notation → its class (``"demand"`` → ``mk:Demand``)."""
    return {
        term["statement_kind"]: MK[name]
        for name, term in load_terms(path)["terms"].items()
        if term.get("statement_kind")
    }
