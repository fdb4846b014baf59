"""Load run against `mkgraph serve` on loopback: normal clients beside abusive ones.

    python benchmarks/serve_load.py [--seconds 30] [--concurrency 20] [--abandon-every 2]
                                    [--half-open 200] [--workers 2] [--data FILE]

Starts the server on a free 127.0.0.1 port and warms it up (every request once). Then, first,
8 long queries whose clients go away at once, and how long the next query waits. Then for
`--seconds`: `--concurrency` clients in a loop over a mix of saved queries, /sparql queries and
pages; beside them a client that every `--abandon-every` seconds sends a long query and hangs up
before the answer, and `--half-open` connections that send part of a request's headers and never
finish (each reopened when the server closes it). Prints per half of the run requests, req/s,
p50/p99 latency and errors of the normal clients, and the RSS of the server (main process +
query workers) at the start, the middle and the end. Not a test: the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parents[1]
# a cross product of the graph with itself three times: runs far past any timeout
LONG = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SPARQL = [
    "PREFIX mk: <https://w3id.org/mkgraph/ontology#> SELECT ?s ?k WHERE { ?s mk:statementKind ?k } LIMIT 50",
    "PREFIX mk: <https://w3id.org/mkgraph/ontology#> SELECT ?k (COUNT(*) AS ?n) WHERE { ?s mk:statementKind ?k } "
    "GROUP BY ?k",
    "ASK { ?s ?p ?o }",
    "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 200",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children(pid: int) -> list[int]:
    try:
        return [int(k) for k in subprocess.run(["pgrep", "-P", str(pid)], capture_output=True,
                                               text=True).stdout.split()]
    except OSError:
        return []


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
    return one(pid), sum(one(k) for k in children(pid))


def urls(client: httpx.Client) -> list[tuple[str, dict]]:
    """The request mix: saved queries without parameters, /sparql queries, pages, VoID."""
    mix: list[tuple[str, dict]] = []
    for q in client.get("/api/queries").json()["queries"]:
        if not any(p["required"] for p in q["parameters"]):
            mix.append((f"/api/queries/{q['name']}", {"Accept": "application/sparql-results+json"}))
    mix.append(("/api/queries/demands?addressee=Bund", {"Accept": "text/csv"}))
    mix += [("/sparql?query=" + quote(q), {"Accept": "application/sparql-results+json, text/turtle"}) for q in SPARQL]
    html = {"Accept": "text/html"}
    res = client.get("/sparql", params={"query": "PREFIX mk: <https://w3id.org/mkgraph/ontology#> "
                                        "SELECT ?r WHERE { ?r a mk:Resolution } ORDER BY ?r LIMIT 3"}).json()
    for b in res["results"]["bindings"]:
        path = "/id/" + b["r"]["value"].split("/id/", 1)[1]
        mix += [(path, html), (path, {"Accept": "text/turtle"})]
    mix += [("/", html), ("/id/land/DE-BW", html), ("/id/actor/bund", html), ("/query", html),
            ("/.well-known/void", {"Accept": "text/turtle"})]
    return mix


async def abandon(port: int, n: int) -> None:
    """Send a long query and hang up before the answer."""
    _, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET /sparql?query={quote(f'{LONG} # {n}')} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    await writer.drain()
    await asyncio.sleep(0.2)
    writer.close()


class Stats:
    def __init__(self):
        self.lat: list[float] = []
        self.errors: dict[str, int] = {}

    def error(self, key: str) -> None:
        self.errors[key] = self.errors.get(key, 0) + 1


async def client_loop(client: httpx.AsyncClient, mix, halves: list[Stats], t0: float, seconds: float, k: int):
    i = k
    while (now := time.monotonic()) < t0 + seconds:
        stats = halves[0 if now < t0 + seconds / 2 else 1]
        url, headers = mix[i % len(mix)]
        i += 7  # clients start apart in the mix
        start = time.perf_counter()
        try:
            r = await client.get(url, headers=headers)
            if r.status_code != 200:
                stats.error(f"{r.status_code} {url[:60]}")
        except httpx.HTTPError as err:
            stats.error(f"{type(err).__name__} {url[:60]}")
        stats.lat.append(time.perf_counter() - start)


async def half_open(port: int, until: float, counts: dict) -> None:
    """One connection that never finishes its headers; reopened whenever the server closes it."""
    while time.monotonic() < until:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            counts["refused"] += 1
            await asyncio.sleep(0.5)
            continue
        counts["opened"] += 1
        writer.write(b"GET /api/queries HTTP/1.1\r\nHost: x\r\n")
        try:
            answer = await asyncio.wait_for(reader.read(100), timeout=max(0.01, until - time.monotonic()))
            counts["408" if answer.startswith(b"HTTP/1.1 408") else "closed"] += 1
        except (asyncio.TimeoutError, OSError):
            pass
        writer.close()


async def run(base: str, port: int, mix, args, pid: int, seen: set):
    halves = [Stats(), Stats()]
    counts = {"opened": 0, "408": 0, "closed": 0, "refused": 0, "abandoned": 0}
    rss = {}
    t0 = time.monotonic()
    until = t0 + args.seconds

    async def abuser():
        while time.monotonic() < until:
            counts["abandoned"] += 1
            asyncio.ensure_future(abandon(port, counts["abandoned"]))
            await asyncio.sleep(args.abandon_every)

    async def watch():  # RSS in the middle; every query worker process seen
        while time.monotonic() < until:
            seen.update(children(pid))
            if "middle" not in rss and time.monotonic() >= t0 + args.seconds / 2:
                rss["middle"] = rss_kib(pid)
            await asyncio.sleep(0.2)

    limits = httpx.Limits(max_connections=args.concurrency, max_keepalive_connections=args.concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        tasks = [client_loop(client, mix, halves, t0, args.seconds, k) for k in range(args.concurrency)]
        tasks += [half_open(port, until, counts) for _ in range(args.half_open)]
        if args.abandon_every > 0:
            tasks.append(abuser())
        await asyncio.gather(*tasks, watch())
    return halves, counts, rss


async def stall(base: str, port: int) -> float:
    """Seconds the next query waits after 8 long queries whose clients went away."""
    await asyncio.gather(*(abandon(port, 1000 + n) for n in range(8)))
    start = time.perf_counter()
    async with httpx.AsyncClient(base_url=base, timeout=600) as client:
        r = await client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert r.status_code == 200, r.text
    return time.perf_counter() - start


def start_server(args) -> tuple[subprocess.Popen, str, int]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "mkgraph.serve", "--port", str(port), "--data", str(args.data),
                             "--workers", str(args.workers), "--no-access-log"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(base + "/api/queries", timeout=1).status_code == 200:
                return proc, base, port
        except httpx.HTTPError:
            if proc.poll() is not None:
                sys.exit(proc.stderr.read().decode())
            time.sleep(0.1)
    proc.kill()
    sys.exit("the server did not start")


def mib(kib: int) -> str:
    return f"{kib / 1024:.1f}"


def report(args, mix, halves, counts, rss, waited: float, workers_seen: int) -> int:
    print(f"data {args.data.name}: {len(mix)} distinct requests, {args.concurrency} clients, {args.workers} query "
          f"workers, {args.seconds:g} s; an abandoned long query every {args.abandon_every:g} s "
          f"({counts['abandoned']} sent); {args.half_open} half-open connections held "
          f"({counts['opened']} opened, {counts['408']} answered 408, {counts['closed']} closed otherwise, "
          f"{counts['refused']} refused)")
    print(f"after 8 abandoned long queries the next query waited {waited:.2f} s; "
          f"{workers_seen} query worker processes over the run (killed ones replaced)")
    print(f"{'at':<8} {'requests':>8} {'req/s':>6} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} "
          f"{'RSS MiB':>8} {'main':>6} {'workers':>7}")
    rows = [("start", None, rss["start"]), ("middle", halves[0], rss["middle"]), ("end", halves[1], rss["end"])]
    for name, stats, (main_kib, kids_kib) in rows:
        cells = f"{'':>8} {'':>6} {'':>7} {'':>7} {'':>6}"
        if stats is not None and stats.lat:
            lat = sorted(stats.lat)
            p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000  # noqa: E731
            cells = (f"{len(lat):>8} {len(lat) / (args.seconds / 2):>6.1f} {p(0.50):>7.0f} {p(0.99):>7.0f} "
                     f"{sum(stats.errors.values()):>6}")
        print(f"{name:<8} {cells} {mib(main_kib + kids_kib):>8} {mib(main_kib):>6} {mib(kids_kib):>7}")
    errors: dict[str, int] = {}
    for stats in halves:
        for k, v in stats.errors.items():
            errors[k] = errors.get(k, 0) + v
    for k, v in sorted(errors.items()):
        print(f"  {v} × {k}")
    return 1 if errors else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=30, help="length of the load run")
    ap.add_argument("--concurrency", type=int, default=20, help="normal clients")
    ap.add_argument("--abandon-every", type=float, default=2, help="seconds between abandoned queries (0: none)")
    ap.add_argument("--half-open", type=int, default=200, help="half-open connections held throughout")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--data", type=Path, default=ROOT / "graph" / "dataset.nt")
    args = ap.parse_args()
    proc, base, port = start_server(args)
    workers = set(children(proc.pid))
    try:
        with httpx.Client(base_url=base, timeout=60) as c:
            mix = urls(c)
            for url, headers in mix:  # warm-up: every request once
                c.get(url, headers=headers)
        waited = asyncio.run(stall(base, port))
        rss = {"start": rss_kib(proc.pid)}
        halves, counts, more = asyncio.run(run(base, port, mix, args, proc.pid, workers))
        rss.update(more, end=rss_kib(proc.pid))
        workers |= set(children(proc.pid))
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
    return report(args, mix, halves, counts, rss, waited, len(workers) - 1)  # minus the resource tracker


if __name__ == "__main__":
    sys.exit(main())
