"""Saved queries, each run once in each of R fresh processes: min / median / max.

    python benchmarks/query_stability.py STORE [--runs 8] [--cap 20] [--only NAME …] [--skip NAME …] [--json]

STORE is a record store (`<out>/graph/store`), opened read-only; the queries read the union of
its named graphs, default parameters (scale.PARAMS: the first page of a listing), as the
app runs them (query.local.run). Why fresh processes: Oxigraph's join order can differ
from one process to the next for the same text (a hash seed in the planner), so one
process's median says nothing about the next; a query is within the target only if its
max is. A run still going after --cap seconds is stopped and counted as the cap.
Times are the query's wall time in the child (from store.query to the last row, plus
the next-page ASK of a listing), not the process start.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

CHILD = """
import json, sys, time
import pyoxigraph as ox
from mkgraph.query import catalogue as queries, local
st = ox.Store.read_only(sys.argv[1])
q = queries.catalogue()[sys.argv[2]]
bindings = queries.bind(q, json.loads(sys.argv[3]))
t0, c0 = time.perf_counter(), time.process_time()
rows = len(local.run(st, q, bindings, union=True).rows)
print(json.dumps({"ms": (time.perf_counter() - t0) * 1000, "cpu_ms": (time.process_time() - c0) * 1000, "rows": rows}))
"""


def values_for(q, params: dict) -> dict:
    """The benchmark's parameters of a query: PARAMS, else its required ones' examples."""
    return params.get(q.name) or {p.name: p.example for p in q.parameters if p.required and p.example}


def cases(params: dict, only: list[str], skip: list[str]) -> list[tuple[str, str, dict]]:
    """(query name, label, parameters): every local query with its defaults, and those with
    a benchmark parameter set (scale.PARAMS) also with that; a query that needs a parameter
    the set does not give runs with its header's example values."""
    from mkgraph.errors import InputError
    from mkgraph.query import catalogue as queries

    out = []
    for name, q in queries.catalogue().items():
        if "SERVICE" in q.text.upper() or name in skip or (only and name not in only):
            continue
        given = values_for(q, params)
        for values in ({}, given):
            if out and out[-1][0] == name and out[-1][2] == values:
                continue  # no parameter set of its own: the defaults once
            try:
                queries.bind(q, values)
            except InputError:  # a required parameter without a value
                continue
            out.append((name, json.dumps(values, ensure_ascii=False) if values else "", values))
    return out


def one_run(store: Path, name: str, values: dict, cap: float) -> dict:
    try:
        done = subprocess.run([sys.executable, "-c", CHILD, str(store), name, json.dumps(values)],
                              capture_output=True, text=True, timeout=cap, check=True)
    except subprocess.TimeoutExpired:
        return {"ms": cap * 1000, "cpu_ms": None, "rows": None, "stopped": True}
    return json.loads(done.stdout)


def measure(store: Path, runs: int, cap: float, params: dict, only=(), skip=()) -> list[dict]:
    table = []
    for name, label, values in cases(params, list(only), list(skip)):
        got = [one_run(store, name, values, cap) for _ in range(runs)]
        ms = [g["ms"] for g in got]
        rows = sorted({g["rows"] for g in got if g["rows"] is not None})
        row = {"query": name, "params": label, "min_ms": round(min(ms), 1),
               "median_ms": round(statistics.median(ms), 1), "max_ms": round(max(ms), 1),
               "stopped": sum(1 for g in got if g.get("stopped")), "rows": rows, "runs": [round(m, 1) for m in ms]}
        table.append(row)
        print(f"  {name} {label}: {row['min_ms']} / {row['median_ms']} / {row['max_ms']} ms, rows {rows}"
              + (f", {row['stopped']} stopped at {cap:g} s" if row["stopped"] else ""), file=sys.stderr, flush=True)
    return table


def markdown(table: list[dict], cap: float, target_ms: float = 100.0) -> str:
    lines = ["| query | parameters | min ms | median ms | max ms | rows | max ≤ %g ms |" % target_ms,
             "|---|---|---|---|---|---|---|"]
    for r in table:
        mx = f"> {cap:g} s ({r['stopped']} of {len(r['runs'])} stopped)" if r["stopped"] else r["max_ms"]
        lines.append(f"| {r['query']} | {r['params'] or 'defaults'} | {r['min_ms']} | {r['median_ms']} | {mx} | "
                     f"{', '.join(map(str, r['rows'])) or '–'} | {'yes' if r['max_ms'] <= target_ms else '**no**'} |")
    return "\n".join(lines)


def main() -> None:
    from scale import PARAMS, TARGETS

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--runs", type=int, default=8, help="fresh processes per query (default 8)")
    ap.add_argument("--cap", type=float, default=20.0, help="seconds before a run is stopped (default 20)")
    ap.add_argument("--only", nargs="*", default=[], help="these queries only")
    ap.add_argument("--skip", nargs="*", default=[], help="not these queries")
    ap.add_argument("--json", action="store_true", help="print the table as JSON")
    a = ap.parse_args()
    if not a.store.is_dir():
        sys.exit(f"query_stability: {a.store}: no such store folder")
    from mkgraph.query.local import open_record

    st = open_record(a.store)  # the checks of the app (an unfinished store is refused)
    params = {k: dict(v) for k, v in PARAMS.items()}
    first = next(iter(st.query("SELECT ?s WHERE { ?s a <https://w3id.org/mkgraph/ontology#Demand> } LIMIT 1",
                               use_default_graph_as_union=True)), None)
    if first is not None:
        params["provenance"] = {"statement": first[0].value}
    del st
    table = measure(a.store, a.runs, a.cap, params, a.only, a.skip)
    print(json.dumps(table, indent=1, ensure_ascii=False) if a.json else markdown(table, a.cap, TARGETS["query_ms"]))


if __name__ == "__main__":
    main()
