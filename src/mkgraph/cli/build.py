"""mkgraph build: texts in sources/ -> validated graph: the store graph/store and, for a
small record (or with --dumps), the files of graph/ and ontology/.

One build for any number of texts (mkgraph.store.record.build_record: parallel,
incremental through .mkgraph-cache/, the on-disk store updated in place; docs/scale.md).
Exit codes as every command: 0 written (or current), 1 not conforming or stale, 2 bad input.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from mkgraph.cli._common import EXIT_NOT_OK, MAX_SOURCE_HELP, PATH, fail, guarded, source_limit
from mkgraph.rdf.iris import DEFAULT_BASE


def register(app: click.Group) -> None:
    app.add_command(build_command)


def existing_sources(source: Sequence[Path] | None) -> list[Path] | None:
    """The --source texts as given, a folder standing for its *.txt files in name order
    (None: every text in sources/); exit 2 naming a missing one or an empty folder."""
    from mkgraph.store.build import discover

    found: list[Path] = []
    for path in source or []:
        if path.is_dir():
            found += discover(path)
        elif path.is_file():
            found.append(path)
        else:
            fail(f"{path}: no such file or folder")
    return list(dict.fromkeys(found)) or None  # a file named and inside a named folder: once


def built_or_fail(source: Sequence[Path] | None, base: str, out: Path = Path("."), check: bool = False,
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


@click.command("build")
@click.option("--source", "-s", type=PATH, multiple=True, help="Resolution text(s) or folder(s) of them (every *.txt); default: sources/.")
@click.option("--out", "-o", type=PATH, default=Path("."), help="Folder that receives graph/ and ontology/.")
@click.option("--base", default=DEFAULT_BASE, help="Base IRI of the resources (ends in '/').")
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 and name the stale files if graph/ or ontology/ is not current.")
@click.option("--dumps", is_flag=True, help="Also write graph/dataset.nt and graph/dataset.nq, whatever the record's "
              "size (a record of more than 50 resolutions or 200,000 triples gets no other export).")
@click.option("--jobs", "-j", type=int, default=None, help="Worker processes (default: one per core).")
@click.option("--max-source-bytes", type=int, default=None, help=MAX_SOURCE_HELP)
@guarded
def build_command(source: tuple[Path, ...], out: Path, base: str, check: bool, dumps: bool, jobs: int | None,
                  max_source_bytes: int | None) -> None:
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
        print(f"  no exports for a record of more than {_small()}"
              + ("" if dumps else ": --dumps writes graph/dataset.nt and graph/dataset.nq")
              + (f"; {', '.join(removed)} (an earlier record's)" if removed else ""))
    if rec.exported or written:
        print(f"  wrote {len(written)} file(s)" + (": " + ", ".join(written) if written else " (all current)"))
    print("  " + ", ".join(f"{step} {seconds:.2f} s" for step, seconds in rec.timings.items()))


def _small() -> str:
    from mkgraph.store.record import SMALL, SMALL_TRIPLES

    return f"{SMALL} resolutions or {SMALL_TRIPLES:,} triples"


def _check(source: Sequence[Path] | None, out: Path, base: str, jobs: int | None) -> None:
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
