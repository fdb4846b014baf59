"""Ingest quality on real resolution texts: what a careful reader found vs what mkgraph finds.

    python benchmarks/real_texts.py [FOLDER ...]

Each FOLDER (default ``../shared/realtexts``) holds ``texts/*.txt`` and ``expected.json``
(a list of records: ``file``, header facts, ``numbered_points``, ``demands`` with
``addressee`` and ``quote``, ``additional_blocks`` for further TOPs of the same file).
Every text is ingested as ``mkgraph ingest`` does it (parse, extract, assemble, validate);
the table shows per resolution and in total:

- ingested: parsed without error and its graph conforms to the shapes;
- header: fields right / fields stated WRONGLY / fields the text has but we left not stated;
- points: the number of top-level points is right;
- demands: expected demands found as a demand with the expected addressee;
- extra: demands we found that the reader did not list.

A field the expected record gives as null (or [] for applicants) must be left not stated
(or be empty); stating something there counts as wrong. ``score`` returns the same numbers
as data: tests/test_real_texts.py asserts them per field.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from mkgraph.errors import InputError
from mkgraph.extract import lexicon
from mkgraph.rdf.iris import Iris
from mkgraph.store import build
from mkgraph.tabledata import rows
from mkgraph.text.header import parse_actor_list
from mkgraph.text.textmap import normalise

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "realtexts"
HEADER_FIELDS = ("conference", "conference_number", "date", "place", "top", "title", "applicants", "vote")
_VOTES = {"einstimmig": "unanimous", "mehrheitlich": "majority", None: "unknown"}


@dataclass
class Outcome:
    """What one expected resolution (a file's main record or one of its additional blocks) got."""

    file: str
    top: str | None
    ingested: bool = False
    error: str | None = None
    fields: dict[str, str] = field(default_factory=dict)  # field -> right | wrong | missing | n/a
    values: dict[str, tuple] = field(default_factory=dict)  # field -> (expected, found) where not right
    points: str = "n/a"  # right | wrong | n/a
    demands_expected: int = 0
    demands_found: int = 0  # with the right addressee
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)


def _conference_names() -> dict[str, str]:
    names = {}
    for row in rows("conferences.csv"):
        for w in (row["abbreviation"], row["name_de"], *row["aliases"].split("|")):
            if w:
                names[w.casefold()] = row["abbreviation"]
    return names


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", normalise(text or "")).strip().replace("”", "“").replace('"', "“")


def _applicant_keys(names: list[str]) -> tuple[str, ...]:
    return tuple(sorted(parse_actor_list(", ".join(names))))


def _addressee_key(name: str) -> set[str]:
    keys = set(lexicon.keys(name, "actor"))
    conf = _conference_names().get(name.casefold())
    if conf:
        keys.add(conf.lower())
    return keys or {name.casefold()}


def _compare(exp: dict, doc) -> tuple[dict[str, str], dict[str, tuple]]:
    h = doc.header
    found = {
        "conference": h.conference,
        "conference_number": h.session_number,
        "date": h.start_date.isoformat() if h.start_date else None,
        "place": h.place,
        "top": h.top,
        "title": h.title,
        "applicants": None if h.applicants is None and not h.rapporteur else
        tuple(sorted({k for k in (h.applicants or ()) + tuple(h.rapporteur) if k.startswith("DE-")})),
        "vote": h.vote,
    }
    want = {
        "conference": _conference_names().get((exp.get("conference") or "").casefold(), exp.get("conference")),
        "conference_number": exp.get("conference_number"),
        "date": exp.get("date"),
        "place": exp.get("place"),
        "top": exp.get("top"),
        "title": exp.get("title"),
        "applicants": _applicant_keys(exp["applicants"]) if exp.get("applicants") else None,
        "vote": _VOTES.get(exp.get("vote"), exp.get("vote")),
    }
    verdict, values = {}, {}
    for f in HEADER_FIELDS:
        if f not in exp and f not in ("conference",):
            verdict[f] = "n/a"
            continue
        w, g = want[f], found[f]
        if f == "title":
            w, g = _norm(w) or None, _norm(g) or None
        if f == "vote":
            ok = w == g
            state = "right" if ok else ("missing" if g == "unknown" else "wrong")
        elif w is None or w == ():
            state = "right" if g in (None, ()) else "wrong"
        elif g is None or g == ():
            state = "missing"
        else:
            state = "right" if str(w) == str(g) else "wrong"
        verdict[f] = state
        if state != "right":
            values[f] = (w, g)
    return verdict, values


def _demands(exp: dict, res) -> tuple[int, list[str], list[str]]:
    """(expected demands found with the right addressee, missed, extra demands)."""
    doc = res.document
    norm = doc.norm.text
    found = [st for st in res.statements if st.kind == "demand"]
    matched: set[int] = set()
    hits, missed = 0, []
    for d in exp.get("demands", []):
        q = _norm(d["quote"])
        i = norm.find(q)
        if i < 0:  # quote spelled differently: fall back to its first words
            i = norm.find(" ".join(q.split()[:6]))
        if i < 0:
            missed.append(f"{d['quote'][:50]} (quote not in text)")
            continue
        a, b = doc.norm.span(i, i + len(q))
        # a demand split at "und" ("… zu erarbeiten und der GMK vorzulegen") goes on to the
        # end of its sentence: its later segments are the same demand, not extra ones
        b = max(b, _sentence_end(doc, a))
        keys = _addressee_key(d["addressee"])
        ok = False
        for k, st in enumerate(found):
            if st.start < b and a < st.end:
                matched.add(k)
                if keys & set(st.addressees):
                    ok = True
        if ok:
            hits += 1
        else:
            missed.append(f"{d['quote'][:50]} → {d['addressee']}")
    extra = [f"{st.quote[:60]} → {', '.join(st.addressees) or '-'}" for k, st in enumerate(found) if k not in matched]
    return hits, missed, extra


def _sentence_end(doc, offset: int) -> int:
    for p in doc.parts:
        for para in p.paragraphs:
            for sent in para.sentences:
                if sent.start <= offset < sent.end:
                    return sent.end
    return offset


def keys(folder: Path = DEFAULT) -> list[tuple[str, str | None]]:
    """(file, agenda id) of every expected resolution of the folder, additional blocks
    included: the keys of score's outcomes; [] when the folder has no expected.json."""
    path = Path(folder) / "expected.json"
    if not path.is_file():
        return []
    return [(rec["file"], block.get("top"))
            for rec in json.loads(path.read_text(encoding="utf-8"))
            for block in [rec, *rec.get("additional_blocks", [])]]


def score(folder: Path = DEFAULT) -> list[Outcome]:
    """One Outcome per expected resolution of the folder."""
    from mkgraph.store.build import Validator

    folder = Path(folder)
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    iris = Iris()
    validator = Validator(iris)
    out: list[Outcome] = []
    for rec in expected:
        blocks = [rec] + list(rec.get("additional_blocks", []))
        path = folder / "texts" / rec["file"]
        try:
            resolutions = build.resolve(path, iris)
            error = None
        except InputError as err:
            resolutions, error = [], err.what
        for k, exp in enumerate(blocks):
            o = Outcome(rec["file"], exp.get("top"))
            o.demands_expected = len(exp.get("demands", []))
            res = _match(resolutions, exp, k)
            if res is None:
                o.error = error or "resolution not found"
                out.append(o)
                continue
            report = validator(res.graph)
            o.ingested = bool(report.conforms)
            if not o.ingested:
                o.error = "does not conform"
            merged = {**{f: rec.get(f) for f in ("conference", "conference_number", "date", "place")}, **exp}
            o.fields, o.values = _compare(merged, res.document)
            n = exp.get("numbered_points")
            if n is not None:
                o.points = "right" if sum(p.kind == "point" for p in res.document.parts) == n else "wrong"
                if o.points == "wrong":
                    o.values["points"] = (n, sum(p.kind == "point" for p in res.document.parts))
            o.demands_found, o.missed, o.extra = _demands(exp, res)
            out.append(o)
    return out


def _match(resolutions, exp: dict, k: int):
    """The resolution an expected block describes: by agenda id, else by position."""
    for r in resolutions:
        if exp.get("top") is not None and r.document.header.top == exp["top"]:
            return r
    if k < len(resolutions) and (exp.get("top") is None or k == 0):
        return resolutions[k]
    return None


def totals(outcomes: list[Outcome]) -> dict[str, tuple[int, int]]:
    """(right, of) per measure over all outcomes; header fields counted where expected."""
    t: dict[str, list[int]] = {"ingested": [0, 0], "points": [0, 0], "demands": [0, 0], "extra demands": [0, 0]}
    for f in HEADER_FIELDS:
        t[f] = [0, 0]
    t["stated wrongly"] = [0, 0]
    for o in outcomes:
        t["ingested"][0] += o.ingested
        t["ingested"][1] += 1
        for f, v in o.fields.items():
            if v != "n/a":
                t[f][0] += v == "right"
                t[f][1] += 1
                t["stated wrongly"][0] += v == "wrong"
                t["stated wrongly"][1] += 1
        if o.points != "n/a":
            t["points"][0] += o.points == "right"
            t["points"][1] += 1
        t["demands"][0] += o.demands_found
        t["demands"][1] += o.demands_expected
        t["extra demands"][0] += len(o.extra)
    return {k: (a, b) for k, (a, b) in t.items()}


def table(outcomes: list[Outcome]) -> str:
    lines = [f"{'file':32} {'top':6} {'ok':3} {'header r/w/m':13} {'points':7} {'demands':8} {'extra':5}"]
    for o in outcomes:
        vals = list(o.fields.values())
        hdr = f"{vals.count('right')}/{vals.count('wrong')}/{vals.count('missing')}"
        lines.append(
            f"{o.file[:32]:32} {str(o.top)[:6]:6} {'yes' if o.ingested else 'NO':3} {hdr:13} {o.points:7} "
            f"{o.demands_found}/{o.demands_expected:<6} {len(o.extra):<5}"
        )
        if o.error:
            lines.append(f"    error: {o.error}")
        for f, (w, g) in o.values.items():
            lines.append(f"    {o.fields.get(f, 'wrong')} {f}: expected {w!r}, found {g!r}")
        for m in o.missed:
            lines.append(f"    missed demand: {m}")
        for e in o.extra:
            lines.append(f"    extra demand: {e}")
    lines.append("")
    lines.append(f"{'measure':16} {'right':>6} {'of':>4} {'share':>6}")
    for k, (a, b) in totals(outcomes).items():
        share = f"{100 * a / b:5.0f}%" if b else "   n/a"
        if k in ("extra demands",):
            share = ""
        lines.append(f"{k:16} {a:6} {b:4} {share:>6}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv] or [DEFAULT]
    for folder in folders:
        if not (folder / "expected.json").is_file():
            print(f"real_texts: {folder}: no expected.json", file=sys.stderr)
            return 2
        print(f"# {folder}")
        print(table(score(folder)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
