"""Parse + extract CPU seconds per generated corpus text, per stage (issue 15).

    python benchmarks/extract_cpu.py [--texts 200] [--rounds 3] [--json]

The record build's per-text step before assembly (``store.build.extracted``), split into
its stages and timed with CPU time (the machine is shared): reading the file
(text/sourcefile), parsing (text/textmap, header, structure, sentences:
``structure.parse_all``) and extracting (extract/statements, lexicon, curation:
``curation.statements_for``). The texts are ``corpus.generate(texts, 1)``, the same as
benchmarks/scale.py's ``corpus_extract_cpu``; each round runs every text once, the
fastest round per stage is printed (the least disturbed by other processes). The seed
(one text, so its row is noisier) and the ingest texts the build accepts are timed too.
Run it against another checkout with ``PYTHONPATH=that/src`` to compare.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
TARGET = 0.02  # CPU s per text, parse + extract (issue 15: the whole record in 5 minutes)


def stages(paths: list[Path], rounds: int) -> dict:
    from mkgraph.extract import curation
    from mkgraph.store.build import curation_path
    from mkgraph.text import sourcefile, structure

    clock = time.process_time
    best = {"read": float("inf"), "parse": float("inf"), "extract": float("inf")}
    for path in paths[:1]:  # tables and compiled patterns loaded outside the clock
        name, text = sourcefile.read(path)
        for doc in structure.parse_all(name, text):
            curation.statements_for(doc, curation_path(path))
    statements = 0
    for _ in range(rounds):
        spent = dict.fromkeys(best, 0.0)
        statements = 0
        for path in paths:
            t0 = clock()
            name, text = sourcefile.read(path)
            t1 = clock()
            docs = structure.parse_all(name, text)
            t2 = clock()
            for doc in docs:
                statements += len(curation.statements_for(doc, curation_path(path)))
            t3 = clock()
            spent["read"] += t1 - t0
            spent["parse"] += t2 - t1
            spent["extract"] += t3 - t2
        best = {k: min(best[k], spent[k]) for k in best}
    per = {k: v / len(paths) for k, v in best.items()}
    per["parse + extract"] = sum(per.values())
    return {"texts": len(paths), "statements": statements,
            "mean_bytes": round(sum(p.stat().st_size for p in paths) / len(paths)),
            "cpu_seconds_per_text": {k: round(v, 4) for k, v in per.items()}}


def _resolutions(paths: list[Path]) -> list[Path]:
    """The texts the build accepts (the ingest folder also keeps texts to be refused)."""
    from mkgraph.errors import InputError
    from mkgraph.store import build

    out = []
    for path in paths:
        try:
            build.extracted(path)
        except InputError:
            continue
        out.append(path)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--texts", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if args.texts < 1 or args.rounds < 1:
        print("extract_cpu.py: --texts and --rounds must be >= 1", file=sys.stderr)
        return 2
    import corpus

    folder = Path(tempfile.mkdtemp(prefix="mkgraph-extract-cpu-"))
    for name, text in corpus.generate(args.texts, 1):
        (folder / name).write_bytes(text.encode("utf-8"))
    rows = {"generated corpus": stages(sorted(folder.iterdir()), args.rounds),
            "seed": stages([ROOT / "sources" / "intmk-2017-top-2-1.txt"], max(args.rounds, 5)),
            "ingest texts": stages(_resolutions(sorted((ROOT / "tests" / "ingest").glob("*.txt"))), args.rounds)}
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    names = list(rows["generated corpus"]["cpu_seconds_per_text"])
    print("| texts | n | mean bytes | statements | " + " | ".join(f"{k} CPU s" for k in names) + " |")
    print("|---|---:|---:|---:|" + "---:|" * len(names))
    for label, r in rows.items():
        cells = [label, r["texts"], r["mean_bytes"], r["statements"]] + [r["cpu_seconds_per_text"][k] for k in names]
        print("| " + " | ".join(map(str, cells)) + " |")
    got = rows["generated corpus"]["cpu_seconds_per_text"]["parse + extract"]
    print(f"\ngenerated corpus: parse + extract {got} CPU s per text (target <= {TARGET}): "
          f"{'PASS' if got <= TARGET else 'FAIL'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
