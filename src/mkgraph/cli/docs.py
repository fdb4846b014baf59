"""mkgraph docs: HTML documentation of the ontology (pyLODE) into docs/ontology/."""

from __future__ import annotations

from pathlib import Path

import click

from mkgraph.cli._common import PATH, fail, guarded


def register(app: click.Group) -> None:
    app.add_command(docs_command)


def ontology_html(ontology: Path) -> str:
    """pyLODE's OntPub page of one ontology file (deterministic: no dates but the data's)."""
    import logging

    try:
        from pylode import OntPub
    except Exception as err:  # pylode 3.4.1 fails on import (reads a pyproject.toml it does not ship)
        raise RuntimeError(f"pyLODE cannot be imported ({type(err).__name__}); pip install 'pylode>=3.2.1,<3.4'")
    logging.getLogger().setLevel(logging.WARNING)  # pyLODE logs its progress at INFO on the root logger
    return OntPub(ontology=str(ontology)).make_html()


def _check_ontology_file(src: Path) -> None:
    """pyLODE prints a parse error and carries on: read the file ourselves first."""
    from rdflib import Graph
    from rdflib.namespace import OWL, RDF

    try:
        g = Graph().parse(src)
    except Exception as err:
        fail(f"{src}: not readable RDF: {' '.join(str(err).split())[:160]}")
    if (None, RDF.type, OWL.Ontology) not in g:
        fail(f"{src}: no owl:Ontology in it")


@click.command("docs")
@click.option("--out", "-o", type=PATH, default=Path("docs/ontology"), help="Folder that receives index.html.")
@click.option("--ontology", type=PATH, default=None, help="Ontology file; default: ontology/mkgraph.ttl.")
@guarded
def docs_command(out: Path, ontology: Path | None) -> None:
    """Write HTML documentation of the mkgraph ontology."""
    from mkgraph import atomic
    from mkgraph.resources import locate

    src = ontology or locate("ontology") / "mkgraph.ttl"
    if not src.is_file():
        fail(f"{src}: no such file")
    _check_ontology_file(src)
    try:
        html = ontology_html(src)
    except RuntimeError as err:
        fail(str(err))
    except Exception as err:  # pyLODE's own errors: the file is not an ontology it can read
        fail(f"{src}: pyLODE cannot document it: {' '.join(str(err).split())[:160]}")
    target = out / "index.html"
    atomic.write_text(target, html)
    print(f"wrote {target} ({len(html)} characters)")
