"""Per-query median time of the saved queries on the embedded store (pyoxigraph).

    python benchmarks/queries.py [--copies 1000] [--runs 5] [--only NAME ...]
    python benchmarks/queries.py --store DIR [--pages-only]   # an on-disk store, loaded once
    python benchmarks/queries.py --store DIR --fresh [--queries DIR] [--cap S] [--union]
        # each run in a fresh process with a fresh read-only store handle, default parameters
        # (page 1 of a paginated listing); --queries measures another catalogue (e.g. an old one)

Measures the seed graph (graph/dataset.nt, or a fresh unvalidated build of sources/
when none is committed), then a graph of COPIES resolutions made from the seed by
rewriting every resolution-specific IRI (the resolution, its parts, statements, anchors,
source and curation activity) with a copy number; conferences, Länder, actors and
concepts stay shared, as in a real multi-resolution dataset. Queries with an optional
``resolution`` parameter are measured twice: on the whole record, and for one resolution
(one page of the record; the form the 100 ms target is about for listings).
Prints a markdown table; asserts nothing (tests assert behaviour, not times).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from mkgraph.query import catalogue as queries, local as store
from mkgraph.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
SEED_STATEMENT = "/statement/demand-8440-8545"
PARAMS = {
    "text": {"part": "a"},
    "search": {"word": "Geflüchtete"},
    "describe": {"resource": "https://w3id.org/mkgraph/id/land/DE-BY"},
    "demands": {"addressee": "Bund"},
}


def seed_nt() -> str:
    committed = ROOT / "graph" / "dataset.nt"
    if committed.is_file():
        return committed.read_text(encoding="utf-8")
    from mkgraph.store import record

    return record.exports_of(validate=False).files["graph/dataset.nt"].decode("utf-8")


def copies(nt: str, n: int) -> str:
    """n copies of the seed's resolution-specific triples (shared triples once); the
    whole-dataset tallies are those of the n copies (mkgraph.rdf.tally), not the seed's."""
    from mkgraph.rdf import tally
    from mkgraph.rdf.iris import Iris

    specific = re.compile(r"(/id/resolution/[^>/]+/[^>/]+/top-[^>/]+|/id/source/[^>/]+|/id/activity/curation/[^>/]+)(?=[/>])")
    resolution = re.compile(r"https?://[^>]*/id/resolution/[^>/]+/[^>/]+/top-[^>/]+(?=[/>])")
    whole = re.compile(r"^<[^>]*/id/dataset/mkgraph/tally/")
    shared, own = [], []
    for line in nt.splitlines():
        if not whole.match(line):
            (own if specific.search(line) else shared).append(line)
    out, counts = list(shared), []
    for i in range(n):
        lines = [specific.sub(lambda m, i=i: f"{m.group(1)}-copy{i}", line) for line in own]
        out.extend(lines)
        doc = ("\n".join(lines) + "\n").encode("utf-8")
        counts += [tally.of_ntriples(doc, r) for r in sorted({m.group(0) for x in lines for m in resolution.finditer(x)})]
    out.extend(tally.record_ntriples(counts, Iris()).decode("utf-8").splitlines())
    return "\n".join(out) + "\n"


def resolution_iri(st: ox.Store, union: bool = False) -> str:
    q = "SELECT ?r WHERE { ?r a <https://w3id.org/mkgraph/ontology#Resolution> } ORDER BY ?r LIMIT 1"
    return next(iter(st.query(q, use_default_graph_as_union=union)))[0].value


def _time(st: ox.Store, q, bindings, runs: int) -> tuple[float, int]:
    times, n = [], 0
    for _ in range(runs):
        t0 = time.perf_counter()
        n = len(store.run(st, q, bindings).rows)
        times.append(time.perf_counter() - t0)
        if times[-1] > 5:  # one run of a slow query tells enough
            break
    return statistics.median(times) * 1000, n


def measure(st: ox.Store, runs: int, only: list[str] | None = None, pages_only: bool = False) -> dict[str, tuple[float, int]]:
    """Median ms and row count by query name; "NAME resolution=…" for the paged form."""
    res = resolution_iri(st)
    out = {}
    for name, q in queries.catalogue().items():
        if only and name not in only:
            continue
        params = dict(PARAMS.get(name, {}))
        if name == "provenance":
            params = {"statement": res + SEED_STATEMENT}
        variants = [(name, params)]
        if any(p.name == "resolution" and not p.required for p in q.parameters):
            variants.append((f"{name} resolution=…", {**params, "resolution": res}))
        if pages_only and len(variants) > 1:  # the whole-record listing grows with N
            variants = variants[1:]
        for label, values in variants:
            try:
                bindings = queries.bind(q, values)
            except InputError as err:  # a query needing a parameter we cannot supply here
                print(f"  {label}: skipped ({err})", file=sys.stderr, flush=True)
                continue
            out[label] = _time(st, q, bindings, runs)
            print(f"  {label}: {out[label][0]:.1f} ms, {out[label][1]} rows", file=sys.stderr, flush=True)
    return out


def one(store_path: str, query_path: str, params_json: str, union: bool) -> None:
    """One timed run in this (fresh) process: prints "ms rows"."""
    import json

    st = ox.Store.read_only(store_path)
    q = queries.find(query_path)
    values, page = queries.page_number(q, json.loads(params_json))
    bindings = queries.bind(q, values)
    t0 = time.perf_counter()
    n = len(store.run(st, q, bindings, page, union=union).rows)
    print(f"{(time.perf_counter() - t0) * 1000:.3f} {n}")


def fresh(store_path: Path, folder: Path | None, runs: int, cap: float, only, union: bool) -> dict[str, tuple[float | None, int]]:
    """Median ms (None: stopped at the cap) and rows of each query, each run a new process."""
    import json
    import subprocess

    res = resolution_iri(ox.Store.read_only(str(store_path)), union)
    out = {}
    for name, q in queries.catalogue(folder).items():
        if only and name not in only:
            continue
        params = dict(PARAMS.get(name, {}))
        if name == "provenance":
            params = {"statement": res + SEED_STATEMENT}
        times, n = [], 0
        for _ in range(runs):
            cmd = [sys.executable, __file__, "--one", str(store_path), str(q.path), json.dumps(params)]
            if union:
                cmd.append("--union")
            try:
                done = subprocess.run(cmd, capture_output=True, text=True, timeout=cap, check=False)
            except subprocess.TimeoutExpired:
                times = None
                break
            if done.returncode:  # e.g. federated-records: SERVICE needs a server
                last = (done.stderr.strip().splitlines() or ["failed"])[-1]
                print(f"  {name}: skipped ({last})", file=sys.stderr, flush=True)
                break
            ms, rows = done.stdout.split()
            times.append(float(ms))
            n = int(rows)
            if times[-1] > 5000:  # one run of a slow query tells enough
                break
        if times == []:
            continue
        out[name] = (statistics.median(times) if times else None, n)
        shown = "stopped" if times is None else f"{out[name][0]:.1f} ms"
        print(f"  {name}: {shown}, {n} rows", file=sys.stderr, flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--one"]:
        one(argv[1], argv[2], argv[3], "--union" in argv[4:])
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--only", nargs="*", default=None, help="query names to measure (default: all)")
    ap.add_argument("--store", type=Path, help="measure this on-disk pyoxigraph store instead (read-only)")
    ap.add_argument("--pages-only", action="store_true", help="paged queries only in their one-resolution form")
    ap.add_argument("--fresh", action="store_true", help="with --store: every run in a fresh process, default parameters")
    ap.add_argument("--queries", type=Path, help="with --fresh: the catalogue folder to measure (default: queries/)")
    ap.add_argument("--cap", type=float, default=30.0, help="with --fresh: seconds before a run counts as stopped")
    ap.add_argument("--union", action="store_true", help="query the union of the named graphs (a record store)")
    args = ap.parse_args(argv)
    if args.store and args.fresh:
        print("| query | median ms | rows |\n|---|---:|---:|")
        for name, (ms, n) in fresh(args.store, args.queries, args.runs, args.cap, args.only, args.union).items():
            print(f"| {name} | {'stopped' if ms is None else f'{ms:.1f}'} | {n if ms is not None else '-'} |")
        return 0
    if args.store:
        st = ox.Store.read_only(str(args.store))
        print(f"{args.store}: {len(st):,} triples", file=sys.stderr, flush=True)
        print("| query | median ms (rows) |\n|---|---:|")
        for name, (ms, n) in measure(st, args.runs, args.only, args.pages_only).items():
            print(f"| {name} | {ms:.1f} ({n}) |")
        return 0
    nt = seed_nt()
    tables = {}
    for label, text in (("seed", nt), (f"{args.copies} resolutions", copies(nt, args.copies))):
        t0 = time.perf_counter()
        st = ox.Store()
        st.bulk_load(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
        load = time.perf_counter() - t0
        print(f"{label}: {len(st):,} triples, loaded in {load:.2f} s", file=sys.stderr, flush=True)
        tables[label] = measure(st, args.runs, args.only)
        del st
    seed, big = tables.values()
    labels = list(tables)
    print(f"| query | {labels[0]} median ms (rows) | {labels[1]} median ms (rows) |")
    print("|---|---:|---:|")
    for name in big:  # same catalogue, same order
        a = f"{seed[name][0]:.1f} ({seed[name][1]})" if name in seed else "–"
        print(f"| {name} | {a} | {big[name][0]:.1f} ({big[name][1]}) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
