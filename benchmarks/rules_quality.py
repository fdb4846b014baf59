"""How good are the cue rules alone? The seed's rule output against its reviewed curation.

For sources/intmk-2017-top-2-1.txt, ``extract.extract`` (rules only) is compared with
``curation.statements_for`` (rules + the reviewed curation file, i.e. what the committed
graph holds). A rule statement and a curated statement match when they have the same
kind and their spans overlap by at least half of the shorter one. Per kind:

    precision = matched rule statements / rule statements
    recall    = matched curated statements / curated statements

and, for matched demands, how often the addressees agree exactly. Prints a table;
not part of the test suite. Run: ``python benchmarks/rules_quality.py [SOURCE.txt]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkgraph.store import build
from mkgraph.extract import curation, statements as extract
from mkgraph.text import structure

SEED = Path(__file__).resolve().parents[1] / "sources" / "intmk-2017-top-2-1.txt"


def _overlaps(a, b) -> bool:
    inter = min(a.end, b.end) - max(a.start, b.start)
    return inter > 0 and inter >= 0.5 * min(a.end - a.start, b.end - b.start)


def compare(rules, curated) -> dict[str, dict[str, float]]:
    kinds = sorted({s.kind for s in rules} | {s.kind for s in curated})
    out = {}
    for kind in kinds + ["all"]:
        r = [s for s in rules if kind in ("all", s.kind)]
        c = [s for s in curated if kind in ("all", s.kind)]
        tp_r = [s for s in r if any(s.kind == t.kind and _overlaps(s, t) for t in c)]
        tp_c = [t for t in c if any(s.kind == t.kind and _overlaps(s, t) for s in r)]
        same_addr = [
            s for s in tp_r
            if any(s.kind == t.kind and _overlaps(s, t) and set(s.addressees) == set(t.addressees) for t in c)
        ]
        out[kind] = {
            "rules": len(r),
            "curated": len(c),
            "precision": len(tp_r) / len(r) if r else float("nan"),
            "recall": len(tp_c) / len(c) if c else float("nan"),
            "addressees": len(same_addr) / len(tp_r) if tp_r else float("nan"),
        }
    return out


def main(source: Path = SEED) -> None:
    doc = structure.parse_all(*structure.read_source(source))[0]
    rules = extract.extract(doc)
    cur_path = build.curation_path(source)
    if cur_path is None:
        sys.exit(f"{source}: no curation file to compare with")
    curated = curation.statements_for(doc, cur_path)
    table = compare(rules, curated)
    print(f"rules alone vs. curated: {source.name}")
    print(f"{'kind':<16}{'rules':>6}{'curated':>8}{'precision':>11}{'recall':>8}{'same addressees':>17}")
    for kind, m in table.items():
        print(f"{kind:<16}{m['rules']:>6}{m['curated']:>8}{m['precision']:>11.2f}{m['recall']:>8.2f}"
              f"{m['addressees']:>17.2f}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else SEED)
