"""mkgraph build: texts in sources/ -> validated graph: the store graph/store and, for a
small record (or with --dumps), the files of graph/ and ontology/.

One build for any number of texts (mkgraph.store.record.build_record: parallel,
incremental through .mkgraph-cache/, the on-disk store updated in place; docs/scale.md).
Exit codes as every command: 0 written (or current), 1 not conforming or stale, 2 bad input.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from mkgraph.cli._common import EXIT_NOT_OK, MAX_SOURCE_HELP, fail, guarded, source_limit
from mkgraph.rdf.iris import DEFAULT_BASE


def register(app: typer.Typer) -> None:
    app.command("build")(build_command)


def existing_sources(source: Optional[list[Path]]) -> list[Path] | None:
    """The --source files as given (None: every text in sources/); exit 2 naming a missing one."""
    for path in source or []:
        if not path.is_file():
            fail(f"{path}: no such file")
    return list(source) if source else None


def built_or_fail(source: Optional[list[Path]], base: str, out: Path = Path("."), check: bool = False,
                  jobs: int | None = None, dumps: bool = False, exports: bool | None = None, report: bool = True):
    """record.build_record of the --source files; a source that breaks a shape prints its
    report (when report) and exits 1 with nothing changed."""
    from mkgraph.store import record

    sources = existing_sources(source)
    try:
        return record.build_record(sources, out=out, base=base, jobs=jobs, progress=sys.stderr.isatty(),
                                   dumps=dumps, exports=exports, check=check)
    except record.RecordNotConforming as err:
        if report:
            print(format_violations(err.violations, err.sources, base), file=sys.stderr)
        fail(f"{err}; nothing was written", EXIT_NOT_OK)


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
    dumps: bool = typer.Option(
        False, "--dumps", help="Also write graph/dataset.nt and graph/dataset.nq, whatever the record's size "
        "(a record of more than 50 resolutions gets no other export)."
    ),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="Worker processes (default: one per core)."),
    max_source_bytes: Optional[int] = typer.Option(None, "--max-source-bytes", help=MAX_SOURCE_HELP),
) -> None:
    """Build the graph from the resolution texts, validate it, and write it."""
    source_limit(max_source_bytes)
    if jobs is not None and jobs < 1:
        fail(f"--jobs: {jobs} is not a number of worker processes (1 or more)")
    if check and dumps:
        fail("--dumps: not with --check (--check writes nothing)")
    if check:
        _check(source, out, base, jobs)
        return
    rec = built_or_fail(source, base, out, jobs=jobs, dumps=dumps)
    print(f"built {rec.resolutions} resolution(s)"
          + (f", {rec.statements} statements" if rec.statements is not None else "")
          + f", {rec.triples} triples; {len(rec.rebuilt)} source(s) extracted and validated, the rest from the cache")
    print("  " + store_change(rec))
    removed = [w for w in rec.written if w.startswith("removed ")]
    written = [w for w in rec.written if w not in removed]
    if not rec.exported:
        print(f"  no exports for a record of more than {_small()} resolutions"
              + ("" if dumps else ": --dumps writes graph/dataset.nt and graph/dataset.nq")
              + (f"; {', '.join(removed)} (an earlier record's)" if removed else ""))
    if rec.exported or written:
        print(f"  wrote {len(written)} file(s)" + (": " + ", ".join(written) if written else " (all current)"))
    print("  " + ", ".join(f"{step} {seconds:.2f} s" for step, seconds in rec.timings.items()))


def _small() -> int:
    from mkgraph.store.record import SMALL

    return SMALL


def _check(source: Optional[list[Path]], out: Path, base: str, jobs: int | None) -> None:
    from mkgraph import atomic
    from mkgraph.store import build as b

    from mkgraph.store.record import EXPORT_FOLDERS

    rec = built_or_fail(source, base, out, check=True, jobs=jobs)
    files = rec.exports.files if rec.exports else {}
    # an interrupted build's journal and temporary files count as stale: the next build finishes them
    stale = atomic.leftovers(out, list(EXPORT_FOLDERS)) + b.stale(files, out)
    if stale:
        fail("stale: " + ", ".join(stale) + " (run 'mkgraph build')", EXIT_NOT_OK)
    if not rec.exported:
        print(f"no exports to check: the record has more than {_small()} resolutions")
        return
    print("graph/ and ontology/ are current" + (f" ({len(files)} files)" if files else ""))


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


def format_violations(violations: dict, sources: dict | None = None, base: str = DEFAULT_BASE) -> str:
    """The human report of each source's violations (fastcheck.Violation or its dict),
    the offending nodes named by their labels where the source is known."""
    from mkgraph.store.build import labelled_report
    from mkgraph.validate.shacl import format_human

    out = []
    for name in sorted(violations):
        report = labelled_report(violations[name], (sources or {}).get(name), base)
        out.append(f"{name}:\n" + format_human(report))
    return "\n".join(out)
