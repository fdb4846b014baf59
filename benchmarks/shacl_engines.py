"""pyrudof against fastcheck (the build's validator): seconds to validate the seed and N
generated resolutions (issue 15 asks whether fastcheck can be dropped for a SHACL engine).

Both get the same input: the resolutions' N-Triples documents as the record build makes
them (benchmarks/corpus.py texts, extracted and assembled), with the shared vocabulary and
the ontology. fastcheck runs as build.Validator.violations_nt does (one store, every
compiled check once) on batches of 8 resolutions as the record build does; pyrudof reads the same triples (plus the mksh:UsedTerm typing that
validate() adds, since rudof ignores sh:SPARQLTarget) and the shapes, then validates
(native engine). Load and validation are timed separately; both must find nothing on
valid data, and the row says how many results each found.

Run from the checkout: python benchmarks/shacl_engines.py [--resolutions 1000] [--runs 3]
Prints a Markdown table (wall seconds on a shared machine: compare within a run).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyrudof
from rdflib import Graph

from mkgraph.publish import export
from mkgraph.rdf import assemble, ntriples
from mkgraph.rdf.iris import Iris
from mkgraph.store import build
from mkgraph.validate import shacl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))


def documents(paths: list[Path], iris: Iris) -> list[bytes]:
    out = []
    for path in paths:
        for d, s in build.extracted(path):
            out.append(ntriples.document(assemble.resolution_triples(d, s, iris)))
    return out


def generated(n: int, folder: Path) -> list[Path]:
    import corpus
    from scale import write_texts

    return write_texts(corpus.generate(n, 0), folder)


def time_fastcheck(validator: build.Validator, docs: list[bytes]) -> tuple[float, int]:
    t0 = time.perf_counter()
    found = validator.violations_nt(docs)
    return time.perf_counter() - t0, len(found)


def rudof_input(validator: build.Validator, docs: list[bytes]) -> str:
    """The documents with the shared vocabulary, the ontology and the used-term typing."""
    context = export.to_ntriples(validator.shared) + export.to_ntriples(validator.ontology)
    data = b"".join(docs)
    used = shacl.used_terms(Graph().parse(data=data + context, format="nt"))
    typing = "".join(f"<{t}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{shacl.USED_TERM}> .\n" for t in sorted(used))
    return (data + context).decode("utf-8") + typing


def time_rudof(nt: str, shapes_ttl: str) -> tuple[float, float, int]:
    t0 = time.perf_counter()
    r = pyrudof.Rudof(pyrudof.RudofConfig())
    r.read_data(nt, format=pyrudof.RDFFormat.NTriples)
    r.read_shacl(shapes_ttl)
    t1 = time.perf_counter()
    report = r.validate_shacl()
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, len(list(report))


BATCH = 8  # resolutions per validation, as the record build's workers batch them (store/cache.py)


def _sum(runs: list[list[tuple]], i: int) -> float:
    return statistics.median(sum(r[i] for r in run) for run in runs)


def measure(label: str, validator: build.Validator, docs: list[bytes], shapes_ttl: str, runs: int) -> list[str]:
    """Both engines over the documents in batches of BATCH, serially; seconds summed over
    the batches (median over runs), results summed."""
    batches = [docs[i:i + BATCH] for i in range(0, len(docs), BATCH)]
    fast = [[time_fastcheck(validator, b) for b in batches] for _ in range(runs)]
    inputs = [rudof_input(validator, b) for b in batches]
    rud = [[time_rudof(nt, shapes_ttl) for nt in inputs] for _ in range(runs)]
    triples = sum(nt.count("\n") for nt in inputs)
    where = f"{label} ({len(batches)} batch{'es' if len(batches) > 1 else ''})"
    return [
        f"| {where} | {len(docs)} | {triples:,} | fastcheck | {_sum(fast, 0):.2f} | – | {sum(r[1] for r in fast[0])} |",
        f"| {where} | {len(docs)} | {triples:,} | pyrudof | {_sum(rud, 1):.2f} | {_sum(rud, 0):.2f} "
        f"| {sum(r[2] for r in rud[0])} |",
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--resolutions", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    iris = Iris()
    validator = build.Validator(iris)
    shapes_ttl = shacl.load_shapes().serialize(format="turtle")
    rows = ["| data | resolutions | triples (with vocabulary, per batch) | engine | validate s | load s | results |",
            "|---|---:|---:|---|---:|---:|---:|"]
    rows += measure("seed", validator, documents(sorted((ROOT / "sources").glob("*.txt")), iris), shapes_ttl, args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        docs = documents(generated(args.resolutions, Path(tmp)), iris)
    rows += measure("generated", validator, docs, shapes_ttl, args.runs)
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
