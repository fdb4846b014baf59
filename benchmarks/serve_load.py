"""Bounded load run against `mkgraph serve` on loopback: mixed saved-query and page requests.

    python benchmarks/serve_load.py [--seconds 30] [--max-requests 20000] [--concurrency 8] [--data FILE]

Starts the server on a free 127.0.0.1 port, warms it up, then runs until the time or the
request bound is reached. Prints requests/s, p50/p99 latency, error count, and the RSS of
the server process tree (main process + query workers) before and after. Not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
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


def rss_kib(pid: int) -> int:
    """RSS of a process and its children (the query workers), in KiB."""
    total = 0
    pids = [pid]
    try:
        kids = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
        pids += [int(k) for k in kids]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--max-requests", type=int, default=20000)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--data", type=Path, default=ROOT / "graph" / "dataset.nt")
    args = ap.parse_args()
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "mkgraph.serve", "--port", str(port), "--data", str(args.data),
                             "--workers", str(args.workers), "--no-access-log"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
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
        before = rss_kib(proc.pid)
        lat, errors, wall = asyncio.run(load(base, mix, args.seconds, args.max_requests, args.concurrency))
        after = rss_kib(proc.pid)
    finally:
        proc.terminate()
        proc.wait(10)
    lat.sort()
    p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000  # noqa: E731
    print(f"{'data':<22} {args.data.name} ({len(mix)} distinct requests, concurrency {args.concurrency}, "
          f"{args.workers} query workers)")
    print(f"{'requests':<22} {len(lat)} in {wall:.1f} s")
    print(f"{'requests/s':<22} {len(lat) / wall:.1f}")
    print(f"{'latency p50 / p99':<22} {p(0.50):.1f} ms / {p(0.99):.1f} ms (mean {statistics.mean(lat) * 1000:.1f} ms)")
    print(f"{'errors':<22} {sum(errors.values())}")
    for k, v in sorted(errors.items()):
        print(f"{'':<22} {v} × {k}")
    print(f"{'server RSS before':<22} {before / 1024:.1f} MiB")
    print(f"{'server RSS after':<22} {after / 1024:.1f} MiB ({(after - before) / 1024:+.1f} MiB)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
