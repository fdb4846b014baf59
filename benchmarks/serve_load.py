"""Bounded load run against `mkgraph serve` on loopback: mixed saved-query and page requests.

    python benchmarks/serve_load.py [--phases 3] [--seconds 20] [--max-requests 20000] [--concurrency 8] [--data FILE]

Starts the server on a free 127.0.0.1 port, warms it up, then runs `--phases` consecutive
phases of `--seconds` each (a phase also ends at `--max-requests`). Prints, after the warm-up
and after each phase, the RSS of the server process tree (main process + query workers, and
the two separately), and per phase requests/s, p50/p99 latency and errors: whether memory
levels off or keeps growing shows across the phases. Not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kib(pid: int) -> tuple[int, int]:
    """RSS of a process and of its children (the query workers), in KiB."""
    def one(p: int) -> int:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        except OSError:
            pass
        return 0
    try:
        kids = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    except OSError:
        kids = []
    return one(pid), sum(one(int(k)) for k in kids)


def urls(client: httpx.Client) -> list[tuple[str, dict]]:
    """The request mix: every saved query without parameters, the demands query filtered, pages."""
    mix: list[tuple[str, dict]] = []
    for q in client.get("/api/queries").json()["queries"]:
        if not any(p["required"] for p in q["parameters"]):
            mix.append((f"/api/queries/{q['name']}", {"Accept": "application/sparql-results+json"}))
    mix.append(("/api/queries/demands?addressee=Bund", {"Accept": "text/csv"}))
    html = {"Accept": "text/html"}
    res = client.get("/sparql", params={"query": "PREFIX mk: <https://w3id.org/mkgraph/ontology#> "
                                        "SELECT ?r WHERE { ?r a mk:Resolution } ORDER BY ?r LIMIT 3"}).json()
    for b in res["results"]["bindings"]:
        path = "/id/" + b["r"]["value"].split("/id/", 1)[1]
        mix += [(path, html), (path, {"Accept": "text/turtle"})]
    mix += [("/", html), ("/id/land/DE-BW", html), ("/id/actor/bund", html),
            ("/.well-known/void", {"Accept": "text/turtle"})]
    return mix


async def load(base: str, mix, seconds: float, max_requests: int, concurrency: int):
    lat: list[float] = []
    errors: dict[str, int] = {}
    count = 0
    stop_at = time.monotonic() + seconds

    async def worker(client: httpx.AsyncClient):
        nonlocal count
        while count < max_requests and time.monotonic() < stop_at:
            url, headers = mix[count % len(mix)]
            count += 1
            t0 = time.perf_counter()
            try:
                r = await client.get(url, headers=headers)
                if r.status_code != 200:
                    errors[f"{r.status_code} {url}"] = errors.get(f"{r.status_code} {url}", 0) + 1
            except httpx.HTTPError as err:
                errors[f"{type(err).__name__} {url}"] = errors.get(f"{type(err).__name__} {url}", 0) + 1
            lat.append(time.perf_counter() - t0)

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        t0 = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        wall = time.perf_counter() - t0
    return lat, errors, wall


def mib(kib: int) -> str:
    return f"{kib / 1024:.1f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--phases", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=20, help="length of one phase")
    ap.add_argument("--max-requests", type=int, default=20000, help="per phase")
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--data", type=Path, default=ROOT / "graph" / "dataset.nt")
    args = ap.parse_args()
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "mkgraph.serve", "--port", str(port), "--data", str(args.data),
                             "--workers", str(args.workers), "--no-access-log"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    rows = []
    all_errors: dict[str, int] = {}
    try:
        for _ in range(600):
            try:
                if httpx.get(base + "/api/queries", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                if proc.poll() is not None:
                    print(proc.stderr.read().decode(), file=sys.stderr)
                    return 2
                time.sleep(0.1)
        with httpx.Client(base_url=base, timeout=60) as c:
            mix = urls(c)
            for url, headers in mix:  # warm-up: every request once
                c.get(url, headers=headers)
        rows.append(("warm-up", None, rss_kib(proc.pid)))
        for i in range(args.phases):
            lat, errors, wall = asyncio.run(load(base, mix, args.seconds, args.max_requests, args.concurrency))
            for k, v in errors.items():
                all_errors[k] = all_errors.get(k, 0) + v
            rows.append((f"phase {i + 1}", (lat, errors, wall), rss_kib(proc.pid)))
    finally:
        proc.terminate()
        proc.wait(10)
    print(f"data {args.data.name}: {len(mix)} distinct requests, concurrency {args.concurrency}, "
          f"{args.workers} query workers, {args.phases} phases of {args.seconds:g} s")
    print(f"{'after':<9} {'requests':>8} {'req/s':>6} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} "
          f"{'RSS MiB':>8} {'main':>6} {'workers':>7} {'change':>7}")
    prev = None
    for name, stats, (main_kib, kids_kib) in rows:
        total = main_kib + kids_kib
        change = "" if prev is None else f"{(total - prev) / 1024:+.1f}"
        prev = total
        if stats is None:
            print(f"{name:<9} {'':>8} {'':>6} {'':>7} {'':>7} {'':>6} {mib(total):>8} {mib(main_kib):>6} "
                  f"{mib(kids_kib):>7} {change:>7}")
            continue
        lat, errors, wall = stats
        lat.sort()
        p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000  # noqa: E731
        print(f"{name:<9} {len(lat):>8} {len(lat) / wall:>6.1f} {p(0.50):>7.0f} {p(0.99):>7.0f} "
              f"{sum(errors.values()):>6} {mib(total):>8} {mib(main_kib):>6} {mib(kids_kib):>7} {change:>7}")
    for k, v in sorted(all_errors.items()):
        print(f"  {v} × {k}")
    return 1 if all_errors else 0


if __name__ == "__main__":
    sys.exit(main())
