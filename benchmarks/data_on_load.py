"""What completing files given with --data costs (mkgraph.query.complete): the shipped
vocabulary and the whole-dataset tallies counted from the files' statements.

    python benchmarks/data_on_load.py [--sizes 1 100 1000] [--runs 3] [--tmp DIR]

Copies of the seed (benchmarks/queries.py: resolution IRIs rewritten per copy) written to
one N-Triples file each, loaded into an in-memory store, then completed. Prints a markdown
table of medians; asserts nothing (tests assert behaviour, not times).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import queries as seed_copies  # noqa: E402  (benchmarks/queries.py)

from mkgraph.query import local  # noqa: E402
from mkgraph.query.complete import complete  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 100, 1000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--tmp", type=Path, default=Path(tempfile.gettempdir()))
    args = ap.parse_args(argv)
    nt = seed_copies.seed_nt()
    print("| resolutions | triples | load ms | + vocabulary and counts ms | share |")
    print("|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        path = args.tmp / f"mkgraph-copies-{n}.nt"
        if not path.exists():
            path.write_text(seed_copies.copies(nt, n) if n > 1 else nt, encoding="utf-8")
        loads, extra, triples = [], [], 0
        for _ in range(args.runs):
            t = time.perf_counter()
            st = local.load([path])
            loads.append(time.perf_counter() - t)
            t = time.perf_counter()
            complete(st)
            extra.append(time.perf_counter() - t)
            triples = len(st)
        load, more = statistics.median(loads), statistics.median(extra)
        print(f"| {n:,} | {triples:,} | {load * 1000:,.0f} | {more * 1000:,.0f} | {more / load:.0%} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
