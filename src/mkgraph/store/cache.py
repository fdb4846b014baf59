"""Incremental build of the whole record: one cached, validated N-Triples file per source.

A source text is parsed, extracted, assembled and checked (mkgraph.validate.fastcheck) once; the
result is kept in ``.mkgraph-cache/`` as the sorted N-Triples of each of its
resolutions, under a key that hashes everything the result depends on: the text, its
curation file, the base IRI, and the version of the code, the shapes and the tables
(``code_version``). A later build reuses every entry whose key still matches, so adding
one resolution to 10,000 costs one resolution's work plus writing the outputs.

Each entry's JSON names the SHA-256 of its N-Triples; an entry whose file does not match
(truncated, edited, half-written) is treated as missing and rebuilt.

Sources are processed in batches by a pool of worker processes (one per core): each
batch is validated as one in-memory Oxigraph store (the shapes are per document, so a
batch is just several documents side by side).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from mkgraph import atomic
from mkgraph.resources import locate, tables

CACHE_DIR = ".mkgraph-cache"
FORMAT = 3  # bump when the entry layout changes


@dataclass(frozen=True)
class Part:
    """One resolution of a cache entry."""

    iri: str
    file: str  # file name of its own sorted N-Triples inside the cache folder (mkgraph.rdf.partition)
    sha256: str
    triples: int
    shared: str = ""  # file name of its triples about shared nodes (session, conference …)
    shared_sha256: str = ""
    shared_triples: int = 0
    counts: dict | None = None  # its tallies (mkgraph.rdf.tally): the record's are their sum


@dataclass(frozen=True)
class Entry:
    source: str  # the source file's name
    key: str
    parts: tuple[Part, ...]
    violations: tuple[dict, ...] = ()  # kept only by keep_invalid builds (benchmarks)


@dataclass
class Outcome:
    """What processing (or reusing) a set of sources gave."""

    entries: list[Entry] = field(default_factory=list)
    rebuilt: list[str] = field(default_factory=list)  # source names processed this time
    violations: dict[str, list] = field(default_factory=dict)  # source name -> fastcheck.Violation
    errors: dict[str, str] = field(default_factory=dict)  # source name -> input error


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@lru_cache(maxsize=4)
def code_version(shapes_dir: str | None = None) -> str:
    """A hash of what turns a text into validated triples: the package's code, its
    tables, the shapes and the ontology sources."""
    pkg = Path(__file__).resolve().parents[1]
    roots = [pkg, tables(), Path(shapes_dir) if shapes_dir else locate("shapes")]
    h = hashlib.sha256(f"mkgraph-cache {FORMAT}\n".encode())
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".py", ".ttl", ".csv", ".yaml", ".yml")):
            if "__pycache__" in path.parts:
                continue
            h.update(str(path.relative_to(root)).encode() + b"\0" + _sha(path.read_bytes()).encode() + b"\n")
    return h.hexdigest()


def source_key(source: Path, base: str, version: str) -> str:
    from mkgraph.store.build import curation_path

    h = hashlib.sha256()
    h.update(f"{version}\n{base}\n".encode())
    h.update(_sha(source.read_bytes()).encode())
    cur = curation_path(source)
    h.update(b"\n" + (_sha(cur.read_bytes()).encode() if cur else b"-"))
    return h.hexdigest()


def _stem(source: Path) -> str:
    # the name plus a short hash of the full path: two folders may hold the same name
    return f"{source.stem}-{_sha(str(_real_folder(str(source.parent)) / source.name).encode())[:8]}"


@lru_cache(maxsize=64)
def _real_folder(folder: str) -> Path:
    # resolved once per folder: Path.resolve per source was a fifth of a warm run
    return Path(folder).resolve()


def _intact(path: Path, sha: str, stamp: list | None) -> bool:
    """Whether path still holds the bytes that hash to sha. Like git's index, a file whose
    size and mtime_ns are those recorded when it was written is trusted without reading
    it (hashing 7 GB of N-Triples at 10,000 resolutions took ≈11 s per build); any
    change to either (truncated, edited, rewritten) and it is hashed again."""
    try:
        st = path.stat()
    except OSError:
        return False
    if stamp and [st.st_size, st.st_mtime_ns] == list(stamp):
        return True
    return _sha(path.read_bytes()) == sha


def _stamp(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


def lookup(cache: Path, source: Path, key: str) -> Entry | None:
    """The cached entry of source if its key matches and every file is intact."""
    meta = cache / f"{_stem(source)}.json"
    try:
        doc = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if doc.get("key") != key or doc.get("format") != FORMAT:
        return None
    parts = []
    stamps = doc.get("stamps", {})
    try:
        for p in doc.get("parts", []):
            for name, sha in ((p["file"], p["sha256"]), (p["shared"], p["shared_sha256"])):
                if not _intact(cache / name, sha, stamps.get(name)):
                    return None  # corrupt or missing: rebuild
            parts.append(Part(**p))
    except (KeyError, TypeError):
        return None
    return Entry(source.name, key, tuple(parts), tuple(doc.get("violations", ())))


def store_entry(cache: Path, source: Path, key: str, graphs: list[tuple[str, bytes, dict]],
                violations: list = ()) -> Entry:
    """Write each resolution of source as two sorted N-Triples files, its own triples and
    those about shared nodes (mkgraph.rdf.partition), then the JSON that vouches for them."""
    from mkgraph.rdf.partition import split_ntriples

    stem = _stem(source)
    parts, files = [], {}
    for n, (iri, nt, counts) in enumerate(graphs):
        own, shared = split_ntriples(nt, iri)
        name, shared_name = f"{stem}.{n}.nt", f"{stem}.{n}.shared.nt"
        files[cache / name] = own
        files[cache / shared_name] = shared
        parts.append(Part(iri, name, _sha(own), own.count(b"\n"), shared_name, _sha(shared), shared.count(b"\n"),
                          counts))
    cache.mkdir(parents=True, exist_ok=True)
    atomic.write_all(files)
    # stamped after writing: the next lookup trusts a file only while these still match
    stamps = {path.name: _stamp(path) for path in files}
    doc = {"format": FORMAT, "source": source.name, "key": key, "stamps": stamps,
           "parts": [p.__dict__ for p in parts], "violations": [v.__dict__ for v in violations]}
    atomic.write_all({cache / f"{stem}.json": (json.dumps(doc, indent=1, sort_keys=True) + "\n").encode()})
    return Entry(source.name, key, tuple(parts), tuple(v.__dict__ for v in violations))


def read_part(cache: Path, part: Part) -> bytes:
    return (cache / part.file).read_bytes()


# -- the work of one batch, in a worker process ---------------------------------------------
_WORKER: dict = {}


def _init_pool_worker(parent: int, base: str, shapes_dir: str | None) -> None:
    from mkgraph.lifeline import die_with_parent

    die_with_parent(parent)  # a killed build leaves no worker behind
    _init_worker(base, shapes_dir)


def _init_worker(base: str, shapes_dir: str | None) -> None:
    from mkgraph.store.build import Validator
    from mkgraph.rdf.iris import Iris

    iris = Iris(base)
    _WORKER.update(iris=iris, validator=Validator(iris, Path(shapes_dir) if shapes_dir else None))


def _process(batch: list[str]) -> list[tuple[str, list[tuple[str, bytes, dict]] | None, list, str | None]]:
    """(source, [(resolution IRI, sorted N-Triples, counts)], violations, input error) per source."""
    from mkgraph.store.build import ntriples_of
    from mkgraph.errors import InputError

    done = []
    for name in batch:
        try:
            graphs = ntriples_of(Path(name), _WORKER["iris"])
        except InputError as err:
            done.append((name, None, [], str(err)))
            continue
        done.append((name, graphs, [], None))
    found = _WORKER["validator"].violations_nt([nt for _, graphs, _, _ in done if graphs for _, nt, _ in graphs])
    owner: dict[str, str] = {}  # which source a focus node is from: only needed to attribute violations
    for name, graphs, _, _ in done if found else ():
        for _, nt, _ in graphs or ():
            for subject in _subjects(nt):
                owner.setdefault(subject, name)
    by_source: dict[str, list] = {}
    for v in found:
        by_source.setdefault(owner.get(v.focus, "(shared vocabulary)"), []).append(v)
    out = [(name, graphs, by_source.pop(name, []), err) for name, graphs, _, err in done]
    for name, vs in by_source.items():  # a violation on a node no resolution owns
        out.append((name, None, vs, None))
    return out


def _subjects(nt: bytes) -> set[str]:
    """The IRI subjects of N-Triples lines, as fastcheck.Violation.focus names them."""
    return {line[1:line.index(b">")].decode() for line in nt.splitlines() if line.startswith(b"<")}


def refresh(sources: list[Path], base: str, cache: Path, jobs: int | None = None,
            shapes_dir: Path | None = None, batch: int = 8, progress: bool = False,
            keep_invalid: bool = False, on_entry=None) -> Outcome:
    """Every source's entry: reused when its key matches, else built (in parallel),
    validated and stored. Sources that do not conform are not stored (unless
    keep_invalid, for benchmarks on data the rules do not yet fully handle).
    on_entry(entry) is called with each entry of outcome.entries as soon as it is known
    (the cached ones first), so that a cold build can load it while the rest are made."""
    tell = on_entry or (lambda entry: None)
    version = code_version(str(shapes_dir) if shapes_dir else None)
    outcome, todo, keys = Outcome(), [], {}
    found: dict[str, Entry] = {}
    for src in sources:
        keys[str(src)] = key = source_key(src, base, version)
        entry = lookup(cache, src, key)
        if entry is None or (entry.violations and not keep_invalid):
            todo.append(str(src))
        else:
            found[str(src)] = entry
            tell(entry)
            if entry.violations:
                outcome.violations[src.name] = list(entry.violations)
    jobs = max(1, jobs or os.cpu_count() or 1)
    # small enough that the workers finish together, large enough to share a store's setup
    batch = max(1, min(batch, -(-len(todo) // (jobs * 4))))
    batches = [todo[i:i + batch] for i in range(0, len(todo), batch)]
    jobs = min(jobs, len(batches) or 1)
    keyed = [[(name, keys[name]) for name in b] for b in batches]
    for name, entry, violations, err in _run_batches(keyed, base, cache, keep_invalid, shapes_dir, jobs,
                                                      progress, len(todo)):
        if err:
            outcome.errors[Path(name).name] = err
            continue
        if violations:
            outcome.violations[Path(name).name] = violations
        if entry is not None:
            found[name] = entry
            tell(entry)
            outcome.rebuilt.append(Path(name).name)
    outcome.entries = [found[str(s)] for s in sources if str(s) in found]
    return outcome


def _work(batch: list[tuple[str, str]], cache: Path, keep_invalid: bool) -> list[tuple]:
    """Process a batch and write its entries here, in the worker: only names and
    violations travel back, so the parent's memory does not grow with the record."""
    keys = dict(batch)
    out = []
    for name, graphs, violations, err in _process([n for n, _ in batch]):
        entry = None
        if graphs is not None and not err and (keep_invalid or not violations):
            entry = store_entry(cache, Path(name), keys[name], graphs, violations)
        out.append((name, entry, violations, err))
    return out


def _run_batches(batches, base, cache, keep_invalid, shapes_dir, jobs, progress, total):
    sd = str(shapes_dir) if shapes_dir else None
    bar = _progress(progress, total)
    with bar:
        task = bar.add_task("extract + validate", total=total) if progress else None
        if not batches:
            return
        if jobs == 1 or len(batches) <= 1:
            _init_worker(base, sd)
            for b in batches:
                yield from _work(b, cache, keep_invalid)
                if progress:
                    bar.advance(task, len(b))
            return
        with ProcessPoolExecutor(jobs, initializer=_init_pool_worker, initargs=(os.getpid(), base, sd)) as pool:
            futures = [pool.submit(_work, b, cache, keep_invalid) for b in batches]
            for b, fut in zip(batches, futures):
                yield from fut.result()
                if progress:
                    bar.advance(task, len(b))


class _Quiet:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def add_task(self, *args, **kwargs):
        return None

    def advance(self, *args, **kwargs):
        return None


def _progress(enabled: bool, total: int):
    if not enabled:
        return _Quiet()
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeRemainingColumn(), transient=True)


# -- outputs without an rdflib graph of the whole record -----------------------------------
def merged_ntriples(chunks: list[bytes]) -> bytes:
    """The sorted, de-duplicated union of sorted N-Triples documents: the same bytes as
    export.to_ntriples of the union graph (shared nodes such as a conference repeat in
    every resolution and appear once here). UTF-8 byte order is code point order, so
    merging bytes gives Python's string order."""
    import io

    out = io.BytesIO()
    _merge([iter(c.splitlines(keepends=True)) for c in chunks], out)
    return out.getvalue()


def _merge(streams, out) -> None:
    import heapq

    last = None
    for line in heapq.merge(*streams):
        if line != last and line.strip():
            if not line.endswith(b"\n"):
                line += b"\n"
            out.write(line)
            last = line


FAN_IN = 200  # files merged at once: well below the usual limit of open files


def merge_files(paths: list[Path], target: Path) -> None:
    """merged_ntriples over files, streamed: memory stays flat for 10,000 resolutions.
    Written to a temporary file next to target, then renamed."""
    import shutil
    import subprocess
    import tempfile
    from contextlib import ExitStack

    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        sort = shutil.which("sort")
        if sort and os.name == "posix":
            # GNU sort's merge does the same (bytewise order under LC_C, whole-line -u)
            # about ten times faster than heapq; the file list goes through a file.
            listing = Path(tmp) / "files"
            listing.write_bytes(b"\0".join(str(p).encode() for p in paths) + b"\0")
            partial = Path(tmp) / "final.nt"
            done = subprocess.run([sort, "-m", "-u", "--files0-from", str(listing), "-o", str(partial),
                                   "-T", tmp], env={**os.environ, "LC_ALL": "C"}, capture_output=True)
            if done.returncode == 0:
                os.replace(partial, target)
                return
        level = list(paths)
        round_ = 0
        while len(level) > FAN_IN:
            merged = []
            for i in range(0, len(level), FAN_IN):
                part = Path(tmp) / f"{round_}-{i}.nt"
                with ExitStack() as stack, open(part, "wb") as out:
                    _merge([stack.enter_context(open(p, "rb")) for p in level[i:i + FAN_IN]], out)
                merged.append(part)
            level, round_ = merged, round_ + 1
        partial = Path(tmp) / "final.nt"
        with ExitStack() as stack, open(partial, "wb") as out:
            _merge([stack.enter_context(open(p, "rb")) for p in level], out)
        os.replace(partial, target)


class TrigStream(io.RawIOBase):
    """(graph IRI, sorted N-Triples file) pairs, or (graph IRI, file, start, end) byte
    ranges of files cut at line ends, as one TriG document, read from the files
    as the reader asks: each file inside ``<graph> { … }`` (an N-Triples line is a TriG
    statement, so nothing is parsed or rewritten here). The store's bulk loader reads it
    instead of an N-Quads copy of the record (9.8 GB written and read again at 10,000).
    named may be any iterable, taken as the reader gets to it (mkgraph.store.bulk feeds
    it while the workers still extract)."""

    def __init__(self, named):
        self._chunks = self._generate(named)
        self._buffer = memoryview(b"")  # a view: handing out a slice copies nothing

    @staticmethod
    def _generate(named):
        for graph, path, *span in named:  # (graph, file) or (graph, file, start, end): a part of it
            start, end = span or (0, None)
            yield f"<{graph}> {{\n".encode()
            with open(path, "rb") as f:
                f.seek(start)
                left = (os.fstat(f.fileno()).st_size if end is None else end) - start
                while left > 0 and (block := f.read(min(1 << 20, left))):
                    yield block
                    left -= len(block)
            yield b"\n}\n"

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        while not self._buffer:
            try:
                self._buffer = memoryview(next(self._chunks))
            except StopIteration:
                return 0
        n = min(len(b), len(self._buffer))
        b[:n] = self._buffer[:n]
        self._buffer = self._buffer[n:]
        return n


def write_nquads(named: list[tuple[str, Path]], target: Path) -> None:
    """N-Quads of (graph IRI, sorted N-Triples file) pairs, graphs in IRI order."""
    partial = target.with_name(target.name + ".partial")
    with open(partial, "wb") as out:
        for graph, path in sorted(named):
            suffix = f" <{graph}> .\n".encode()
            with open(path, "rb") as f:
                for line in f:
                    line = line.rstrip()
                    if line.endswith(b"."):
                        out.write(line[:-1].rstrip() + suffix)
    os.replace(partial, target)


# -- the shared graph: the union of the entries' shared parts ---------------------------
def shared_file(paths: list[Path], vocabulary: bytes, target: Path) -> int:
    """The sorted union of the shared-part files minus the vocabulary's triples (those
    live in the vocabulary graph: one triple, one graph), written to target; its lines."""
    merged = target.with_name(target.name + ".merged")
    merge_files(paths, merged)
    vocab = set(vocabulary.splitlines(keepends=True))
    n = 0
    partial = target.with_name(target.name + ".partial")
    with open(merged, "rb") as f, open(partial, "wb") as out:
        for line in f:
            if line not in vocab:
                out.write(line)
                n += 1
    merged.unlink()
    os.replace(partial, target)
    return n


def file_sha(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def vocabulary(cache: Path, base: str, make) -> tuple[Path, bytes]:
    """The shared vocabulary's N-Triples, made by make() once per code version and base."""
    key = _sha(f"{code_version()}\n{base}".encode())[:16]
    path = cache / f"vocabulary-{key}.nt"
    if path.is_file():
        return path, path.read_bytes()
    data = make()
    atomic.write_all({path: data})
    return path, data
