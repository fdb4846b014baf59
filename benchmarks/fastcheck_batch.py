"""The record build's validation cost per text, by batch size: fastcheck as one call
(fastcheck.load + fastcheck.check over the batch plus the context, a fresh store, every
check; what build.Validator.violations_nt ran before validate.batch) against
validate.batch.BatchChecker (what it runs now). Both with the shapes and the compiler of
this checkout: for the code before both, run an older checkout's violations_nt on the
same documents (docs/scale.md has those numbers).

    python benchmarks/fastcheck_batch.py [--resolutions 64] [--batches 1,8,16,32] [--repeat 3]

Generates the texts with benchmarks/corpus.py, extracts each once, then validates the same
documents both ways. CPU seconds (the machine is shared), the best of --repeat runs of each
batch, summed over the batches and divided by the texts. Both ways must report the same
violations (the benchmark stops otherwise). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402

from mkgraph.rdf.iris import Iris  # noqa: E402
from mkgraph.store import build  # noqa: E402
from mkgraph.validate import fastcheck  # noqa: E402


def documents(n: int, seed: int) -> list[bytes]:
    """The N-Triples documents of n generated texts (one per resolution)."""
    iris = Iris()
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in corpus.generate(n, seed):
            path = Path(tmp) / name
            path.write_text(text, encoding="utf-8")
            out += [nt for _, nt, _ in build.ntriples_of(path, iris)]
    return out


def best(fn, repeat: int):
    """(the least CPU seconds of repeat runs, the result)."""
    least, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.process_time()
        result = fn()
        least = min(least, time.process_time() - t0)
    return least, result


def measure(docs: list[bytes], size: int, validator: build.Validator, repeat: int) -> dict:
    context, plain = validator.context, validator.checks
    checker = validator.batches
    before = after = 0.0
    batches = [docs[i:i + size] for i in range(0, len(docs), size)]
    violations = 0
    for batch in batches:
        t_old, old = best(lambda: fastcheck.check(fastcheck.load(batch + context, plain), plain), repeat)
        t_new, new = best(lambda: checker.violations(batch), repeat)
        if new != old:
            raise SystemExit(f"batch of {size}: BatchChecker and fastcheck.check disagree")
        before, after, violations = before + t_old, after + t_new, violations + len(new)
    checker.stats.clear()
    checker.violations(batches[0])  # what one batch runs
    n = len(docs)
    return {"batch": size, "batches": len(batches), "before ms": 1000 * before / n, "after ms": 1000 * after / n,
            "checks": len(plain), "queries": checker.stats.get("queries", 0),
            "in Python": checker.stats.get("in Python", 0), "skipped": checker.stats.get("skipped", 0),
            "violations": violations}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--resolutions", type=int, default=64)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--batches", default="1,8,16,32")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    docs = documents(args.resolutions, args.seed)
    validator = build.Validator(Iris())
    rows = [measure(docs, int(b), validator, args.repeat) for b in args.batches.split(",")]
    print(f"fastcheck CPU per text, {len(docs)} generated resolutions, best of {args.repeat}\n")
    print("| batch | batches | one call ms/text | BatchChecker ms/text | checks | queries run (first batch) "
          "| datatype checks settled in Python | skipped (terms absent) | violations |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['batch']} | {r['batches']} | {r['before ms']:.1f} | {r['after ms']:.1f} | {r['checks']} "
              f"| {r['queries']} | {r['in Python']} | {r['skipped']} | {r['violations']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
