"""partition.split_ntriples visits only the lines a resolution does not own (issue 15: a
2 MB text's 510,000 lines as objects took 120 MB): it must split exactly as a walk over
every line does, on sorted documents and on anything else it may be handed."""

from __future__ import annotations

import random
from pathlib import Path

from mkgraph.rdf import partition
from mkgraph.rdf.iris import Iris
from mkgraph.store import build

ROOT = Path(__file__).resolve().parents[1]
R = "https://example.org/id/resolution/a"


def _line_by_line(nt: bytes, resolution: str) -> tuple[bytes, bytes]:
    """The reference: every line, own if its subject is the resolution or under it."""
    exact, under = f"<{resolution}>".encode(), f"<{resolution}/".encode()
    own, shared = [], []
    for line in nt.splitlines(keepends=True):
        if line.strip():
            (own if line.startswith(exact) or line.startswith(under) else shared).append(line)
    return b"".join(own), b"".join(shared)


PIECES = [f'<{R}> <urn:p> "x" .\n', f"<{R}/point/1> <urn:p> <urn:o> .\n", f"<{R}x> <urn:p> <urn:o> .\n",
          f"<{R}-1> <urn:p> <urn:o> .\n", "<https://example.org/id/session/1> <urn:p> <urn:o> .\n", "\n",
          "  \n", f'<{R}/q> <urn:p> "a\\nb" .\n', "<urn:o> <urn:p> <urn:s> .\n", f"<{R}/r> <urn:p> <urn:o> .\r\n"]


def test_random_documents_split_as_line_by_line():
    rng = random.Random(15)
    for _ in range(2000):
        lines = [rng.choice(PIECES) for _ in range(rng.randint(0, 9))]
        if lines and rng.random() < 0.3:
            lines[-1] = lines[-1].rstrip("\n")  # no newline at the end
        if rng.random() < 0.5:
            lines.sort()
        doc = "".join(lines).encode()
        assert partition.split_ntriples(doc, R) == _line_by_line(doc, R), doc


def test_the_seed_splits_as_line_by_line():
    iris = Iris()
    for path in sorted((ROOT / "sources").glob("*.txt")):
        for iri, nt, _ in build.ntriples_of(path, iris):
            own, shared = partition.split_ntriples(nt, iri)
            assert (own, shared) == _line_by_line(nt, iri)
            assert own and shared and own.count(b"\n") + shared.count(b"\n") == nt.count(b"\n")


def test_bulk_groups_cover_every_file_in_line_aligned_ranges(tmp_path, monkeypatch):
    """bulk.groups: each bulk_load call at most BULK_BYTES (but a single line),
    a big file cut only at line ends, every byte of every file in exactly one range; the
    TriG stream of the ranges holds every file's lines under its graph."""
    import io

    import pyoxigraph as ox

    from mkgraph.store import bulk, cache

    monkeypatch.setattr(bulk, "BULK_BYTES", 200)
    rng = random.Random(3)
    named = []
    for n in range(6):
        path = tmp_path / f"{n}.nt"
        path.write_bytes(b"".join(f'<urn:s{n}:{i}> <urn:p> "{"x" * rng.randint(0, 60)}" .\n'.encode()
                                  for i in range(rng.choice((1, 3, 30)))))
        named.append((f"urn:g:{n}", path))
    groups = list(bulk.groups(named))
    assert len(groups) > len(named) // 2
    for graph, path in named:
        data = path.read_bytes()
        ranges = sorted((s, e) for group in groups for g, p, s, e in group if p == path)
        assert ranges[0][0] == 0 and ranges[-1][1] == len(data)
        assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:]))
        assert all(data[e - 1:e] == b"\n" for _, e in ranges)
    for group in groups:
        lines = [path.read_bytes()[s:e] for _, path, s, e in group]
        assert sum(map(len, lines)) <= 200 or len(group) == 1
    store = ox.Store()
    for group in groups:
        store.load(io.BufferedReader(cache.TrigStream(group)), format=ox.RdfFormat.TRIG)
    for graph, path in named:
        assert len(list(store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))) == path.read_bytes().count(b"\n")
    # a caller may pass its own cap: fewer, bigger calls
    wide = list(bulk.groups(named, 800))
    assert len(wide) < len(groups)
    assert all(sum(e - s for _, _, s, e in group) <= 800 or len(group) == 1 for group in wide)
    assert sum(e - s for group in wide for *_, s, e in group) == sum(p.stat().st_size for _, p in named)


def test_a_load_takes_record_sized_calls_only_when_it_is_record_sized(tmp_path):
    # by the bytes loaded, not the graphs: one 2 MB protocol is 248 graphs in 111 MB and
    # took 615 MB in one record-sized call (sparse files: only their size is read)
    from mkgraph.store import bulk

    def files(*sizes):
        out = []
        for i, size in enumerate(sizes):
            path = tmp_path / f"{len(sizes)}-{i}.nt"
            with open(path, "wb") as f:
                f.truncate(size)
            out.append(path)
        return out

    protocol = files(*([111 * 2**20 // 248] * 248))
    assert bulk.cap_for(protocol) == bulk.BULK_BYTES
    assert bulk.cap_for(files(bulk.RECORD_LOAD_BYTES)) == bulk.BULK_BYTES
    assert bulk.cap_for(files(bulk.RECORD_LOAD_BYTES, 1)) == bulk.ONE_CALL
