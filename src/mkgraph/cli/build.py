"""mkgraph build: texts in sources/ -> validated graph in graph/ (and ontology/).

``--record`` builds the whole record instead (record.build_record: parallel, incremental,
into the on-disk store graph/store, updated in place; ``--dumps`` also writes
graph/dataset.nt and graph/dataset.nq; see docs/scale.md). Exit codes as every command:
0 written (or current), 1 not conforming or stale, 2 bad input.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from mkgraph.cli._common import EXIT_NOT_OK, fail, guarded
from mkgraph.rdf.iris import DEFAULT_BASE


def register(app: typer.Typer) -> None:
    app.command("build")(build_command)


def existing_sources(source: Optional[list[Path]]) -> list[Path] | None:
    """The --source files as given (None: every text in sources/); exit 2 naming a missing one."""
    for path in source or []:
        if not path.is_file():
            fail(f"{path}: no such file")
    return list(source) if source else None


def built_or_fail(source: Optional[list[Path]], base: str, report: bool = True):
    """build.build of the --source files; a graph that breaks a shape prints its report
    (when report) and exits 1 with nothing written."""
    from mkgraph.store import build as b
    from mkgraph.validate.shacl import format_human

    sources = existing_sources(source)
    try:
        return b.build(sources, base=base)
    except b.NotConforming as err:
        if report:
            print(format_human(err.report), file=sys.stderr)
        fail(f"{err.source}: the graph does not conform to the shapes; nothing was written", EXIT_NOT_OK)


@guarded
def build_command(
    source: Optional[list[Path]] = typer.Option(
        None, "--source", "-s", help="Resolution text(s); default: every *.txt in sources/."
    ),
    out: Path = typer.Option(Path("."), "--out", "-o", help="Folder that receives graph/ and ontology/."),
    base: str = typer.Option(DEFAULT_BASE, "--base", help="Base IRI of the resources (ends in '/')."),
    check: bool = typer.Option(
        False, "--check", help="Write nothing; exit 1 and name the stale files if graph/ or ontology/ is not current."
    ),
    record: bool = typer.Option(
        False, "--record", help="Build the whole record: in parallel, incrementally (.mkgraph-cache/), "
        "into the on-disk store graph/store (one named graph per resolution; docs/scale.md)."
    ),
    dumps: bool = typer.Option(
        False, "--dumps", help="With --record: also write graph/dataset.nt and graph/dataset.nq of the whole record."
    ),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="Worker processes for --record (default: one per core)."),
) -> None:
    """Build the graph from the resolution texts, validate it, and write it."""
    if jobs is not None and not record:
        fail("--jobs: only with --record")
    if dumps and not record:
        fail("--dumps: only with --record (mkgraph build always writes every export)")
    if jobs is not None and jobs < 1:
        fail(f"--jobs: {jobs} is not a number of worker processes (1 or more)")
    if record:
        if check:
            fail("--check: not with --record (the record build keeps what is current by itself)")
        return _record(existing_sources(source), out, base, jobs, dumps)
    if check:
        from mkgraph.store import build as b

        from mkgraph import atomic

        built = built_or_fail(source, base)
        # an interrupted build's journal and temporary files count as stale: the next build finishes them
        stale = atomic.leftovers(out, b.folders(built.files)) + b.stale(built.files, out)
        if stale:
            fail("stale: " + ", ".join(stale) + " (run 'mkgraph build')", EXIT_NOT_OK)
        print(f"graph/ and ontology/ are current ({len(built.files)} files)")
        return
    from mkgraph import lock

    existing_sources(source)  # a missing --source fails before anything is created
    # one build of a folder at a time: two with different --base left graph/ mixed
    with lock.exclusive(out, str(out / "graph"), "in use"):
        _write(source, out, base)


def _write(source: Optional[list[Path]], out: Path, base: str) -> None:
    from mkgraph.store import build as b

    built = built_or_fail(source, base)
    written = b.write(built.files, out)
    n_st = sum(len(r.statements) for r in built.resolutions)
    print(
        f"built {len(built.resolutions)} resolution(s), {n_st} statements, "
        f"{len(built.dataset)} triples; wrote {len(written)} file(s)"
        + (": " + ", ".join(written) if written else " (all current)")
    )


def _record(sources: list[Path] | None, out: Path, base: str, jobs: int | None, dumps: bool = False) -> None:
    from mkgraph.store import record

    try:
        rec = record.build_record(sources, out=out, base=base, jobs=jobs, progress=sys.stderr.isatty(), dumps=dumps)
    except record.RecordNotConforming as err:
        print(format_violations(err.violations), file=sys.stderr)
        fail(f"{err}; nothing was changed", EXIT_NOT_OK)
    print(f"built the record: {rec.resolutions} resolution(s), {rec.triples} triples; "
          f"{len(rec.rebuilt)} source(s) extracted and validated, the rest from the cache")
    print("  " + store_change(rec))
    if rec.dumps:
        print("  wrote " + ", ".join(rec.dumps))
    print("  " + ", ".join(f"{step} {seconds:.2f} s" for step, seconds in rec.timings.items()))


def store_change(rec) -> str:
    """One line: what the build did to the store."""
    where = rec.store
    if rec.cold:
        return f"store {where}: bulk-loaded {len(rec.loaded)} graph(s)"
    if not rec.loaded and not rec.dropped:
        return f"store {where}: unchanged"
    shown = 5
    def names(graphs):
        cut = [g.rsplit("/id/graph/", 1)[-1] for g in graphs[:shown]]
        return ", ".join(cut) + (f" … (+{len(graphs) - shown})" if len(graphs) > shown else "")
    out = [f"store {where}:"]
    if rec.loaded:
        out.append(f"loaded {len(rec.loaded)} graph(s) ({names(rec.loaded)})")
    if rec.dropped:
        out.append(f"dropped {len(rec.dropped)} ({names(rec.dropped)})")
    return " ".join(out)


def format_violations(violations: dict) -> str:
    """The human report of each source's violations (fastcheck.Violation or its dict)."""
    from rdflib import Graph

    from mkgraph.validate import fastcheck
    from mkgraph.store.build import fast_report
    from mkgraph.validate.shacl import format_human

    out = []
    for name in sorted(violations):
        found = [v if isinstance(v, fastcheck.Violation) else fastcheck.Violation(**v) for v in violations[name]]
        out.append(f"{name}:\n" + format_human(fast_report(found, Graph())))
    return "\n".join(out)
