"""How validation time grows with the number of resolutions.

Copies the seed resolution (graph/dataset.ttl) N times as distinct resolutions (its
IRIs and its source text's IRI get a "-cN" suffix; the shared nodes — conference,
session, actors, Länder, schemes — stay one) and measures:

- whole graph: one pySHACL run over all N copies (skipped when the previous size
  predicts more than --budget seconds);
- per resolution: validate_split, each copy with the shared nodes on its own, serially
  and with --workers processes (sizes whose serial estimate exceeds --budget are
  measured on a sample of the copies and extrapolated, marked "~").

Run from the checkout: python benchmarks/validate.py [--sizes 1,10,100,1000]
Prints a Markdown table (CPU-bound work; on a loaded machine wall times vary).
"""

from __future__ import annotations

import argparse
import math
import time
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from mkgraph.validate import shacl as v
from mkgraph.rdf.namespaces import MK

ROOT = Path(__file__).resolve().parents[1]


def seed() -> tuple[Graph, Graph, URIRef, URIRef]:
    """(the resolution's own triples, the shared triples, resolution IRI, source IRI)."""
    data = v.load_data([ROOT / "graph" / "dataset.ttl"])
    (piece,) = v.split_by_resolution(data)
    res = next(data.subjects(RDF.type, MK.Resolution))
    src = data.value(res, MK.source)
    own, shared = Graph(), Graph()
    for t in piece:
        s = str(t[0])
        (own if s == str(res) or s.startswith(str(res) + "/") or t[0] == src else shared).add(t)
    return own, shared, res, src


def copy(own: Graph, res: URIRef, src: URIRef, i: int) -> Graph:
    """Copy i of the resolution: every IRI under it, and its source, renamed."""
    r, s = str(res), str(src)

    def ren(node):
        if isinstance(node, URIRef):
            t = str(node)
            if t == r or t.startswith(r + "/"):
                return URIRef(r + f"-c{i}" + t[len(r):])
            if t == s:
                return URIRef(s + f"-c{i}")
        return node

    g = Graph()
    for t in own:
        g.add(tuple(ren(x) for x in t))
    return g


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,10,100,1000")
    ap.add_argument("--budget", type=float, default=120.0, help="seconds one measurement may take")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]

    own, shared, res, src = seed()
    shapes, ontology = v.load_shapes(ROOT / "shapes"), v.load_ontology(ROOT / "ontology")
    v.validate(own + shared, shapes, ontology)  # warm-up: imports, SPARQL parsing

    print(f"seed: {len(own)} triples of the resolution, {len(shared)} shared, "
          f"{len(ontology)} ontology; {args.workers} workers\n")
    print("| resolutions | triples | whole graph (s) | per resolution, serial (s) "
          f"| per resolution, {args.workers} processes (s) | serial s/resolution |")
    print("|---:|---:|---:|---:|---:|---:|")
    whole_seen: list[tuple[int, float]] = []
    for n in sizes:
        copies = [copy(own, res, src, i) for i in range(n)] if n <= 100 else None
        triples = n * len(own) + len(shared)
        # whole graph: predict from the growth seen so far (exponent 1.5 until two sizes are known)
        whole = "skipped"
        if whole_seen:
            (n0, t0), (n1, t1_) = (whole_seen[-2] if len(whole_seen) > 1 else (0, 0)), whole_seen[-1]
            k = 1.5 if len(whole_seen) < 2 else math.log(t1_ / t0) / math.log(n1 / n0)
            predicted = t1_ * (n / n1) ** k
        if not whole_seen or predicted <= args.budget:
            g = Graph()
            for c in copies or [copy(own, res, src, i) for i in range(n)]:
                g += c
            g += shared
            t, rep = timed(lambda: v.validate(g, shapes, ontology))
            assert rep.conforms, v.format_human(rep)
            whole = f"{t:.2f}"
            whole_seen.append((n, t))
            del g
        # per resolution, serially: measure a sample when the whole would exceed the budget
        sample = n
        t1, _ = timed(lambda: v.validate(copy(own, res, src, 0) + shared, shapes, ontology))
        if t1 * n > args.budget:
            sample = max(1, int(args.budget / t1))
        t, reps = timed(lambda: [v.validate(copy(own, res, src, i) + shared, shapes, ontology) for i in range(sample)])
        assert all(r.conforms for r in reps)
        per = t / sample
        serial = f"{per * n:.2f}" if sample == n else f"~{per * n:.0f}"
        # per resolution, in processes, through validate_split on the merged graph
        if sample == n and copies is not None:
            g = Graph()
            for c in copies:
                g += c
            g += shared
            tp, rep = timed(lambda: v.validate_split(g, shapes, ontology, workers=args.workers))
            assert rep.conforms
            par = f"{tp:.2f}"
            del g
        else:
            par = f"~{per * n / args.workers:.0f}"
        print(f"| {n} | {triples} | {whole} | {serial} | {par} | {per:.2f} |", flush=True)
    if len(whole_seen) > 1:
        (n0, t0), (n1, t1_) = whole_seen[0], whole_seen[-1]
        print(f"\nwhole graph grows as n^{math.log(t1_ / t0) / math.log(n1 / n0):.2f} "
              f"between {n0} and {n1} resolutions; per resolution it is linear by construction")


if __name__ == "__main__":
    main()
