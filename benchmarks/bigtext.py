"""One large resolution text of a given size, for the text-size rows of benchmarks/scale.py.

    python benchmarks/bigtext.py --form long --bytes 2000000 --out /tmp/long.txt

Two forms, both laid out like the generated corpus (corpus.layout: a blank line after
every line, hyphenated words, page breaks, "- 2 -" markers) with its sentences
(corpus._statement's demands, appeals, acknowledgements … and the filler sentences):

- ``long``: one agenda item whose decision runs to the size: up to 99 numbered points
  (the parser's point numbers have two digits), each of many paragraphs, some with dash
  bullets, and six lettered action fields with a chapeau;
- ``tops``: a protocol of one session with as many agenda items ("TOP 1" … "TOP 300")
  as fill the size, each with its title, applicants, decision formula and 5-15 points.

Deterministic from the seed; the size is reached to within one paragraph (long) or one
agenda item (tops).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402

FORMS = ("long", "tops")


def _sentences(rng: random.Random, conf, topic, n: int) -> list[str]:
    # about one statement in three, as in the corpus
    return [corpus._statement(rng, conf, topic) if rng.random() < 0.35 else rng.choice(corpus.FILLERS)
            for _ in range(n)]


def _para(rng, conf, topic) -> str:
    return " ".join(_sentences(rng, conf, topic, rng.randint(2, 6)))


def _head(rng, conf, year) -> list[tuple[str, str]]:
    session, month, day, place = corpus._session(conf, year, 0, 0)
    return [("line", f"{session}. {conf.name} {year}"),
            ("line", f"am {day}. und {day + 1}. {corpus.MONTHS[month]} {year} in {place}"),
            ("gap", ""), ("gap", "")]


def _top_head(rng, conf, topic, top: str) -> list[tuple[str, str]]:
    chosen = sorted(rng.sample(corpus.LAENDER, rng.randint(1, 15)), key=lambda l: l[1])
    return [("line", f"TOP {top}"), ("line", rng.choice(topic["titles"])),
            ("para", "Antragsteller: " + ", ".join(name for _, name in chosen)), ("gap", ""),
            ("line", rng.choice((f"Die {conf.abbr} hat einstimmig beschlossen:",
                                 f"Die {conf.abbr} hat mehrheitlich beschlossen:"))),
            ("gap", "")]


def _point(rng, conf, topic, number: int, paragraphs: int) -> list[tuple[str, str]]:
    out = [("para", f"{number}. {_para(rng, conf, topic)}")]
    for _ in range(paragraphs - 1):
        if rng.random() < 0.1:  # a dash list inside the point
            out += [("para", f"- {s}") for s in _sentences(rng, conf, topic, rng.randint(2, 4))]
        else:
            out.append(("para", _para(rng, conf, topic)))
    return out


def long_top(size: int, seed: int = 0) -> str:
    """One agenda item of about `size` bytes (UTF-8)."""
    rng = random.Random(f"long:{seed}")
    conf = corpus.CONFERENCES[0]
    topic = corpus.TOPICS[conf.domain]
    style = corpus.Style(width=88, page_lines=46, markers=True)
    head = _head(rng, conf, 2020) + _top_head(rng, conf, topic, "2.1")
    per_para = 365  # bytes of a laid-out paragraph, about (measured)
    paras = max(1, (size - 2_000) // per_para)
    points, fields = 99, 6
    per_part = max(1, paras // (points + fields))
    blocks = list(head)
    for p in range(1, points + 1):
        blocks += _point(rng, conf, topic, p, per_part)
    blocks += [("gap", ""), ("para", corpus.CHAPEAUS[1].format(abbr=conf.abbr)), ("gap", "")]
    for letter, name in zip("abcdef", topic["fields"]):
        blocks.append(("line", f"{letter}) {name}"))
        blocks += [("para", _para(rng, conf, topic)) for _ in range(per_part)]
        blocks.append(("gap", ""))
    return corpus.layout(blocks, style)


def many_tops(size: int, seed: int = 0) -> str:
    """A protocol of one session with as many agenda items as fill about `size` bytes."""
    rng = random.Random(f"tops:{seed}")
    conf = corpus.CONFERENCES[2]  # IMK: flat agenda ids, "TOP 49"
    topic = corpus.TOPICS[conf.domain]
    style = corpus.Style(width=88, page_lines=46, markers=True)
    blocks = _head(rng, conf, 2020)
    reached, top = 0, 0
    while reached < size:
        top += 1
        item = _top_head(rng, conf, topic, str(top))
        for p in range(1, rng.randint(5, 15) + 1):
            item += _point(rng, conf, topic, p, rng.randint(1, 3))
        item.append(("gap", ""))
        blocks += item
        # each item laid out alone is within a few bytes of its share of the whole
        reached += len(corpus.layout(item, style).encode("utf-8"))
    return corpus.layout(blocks, style)


def generate(form: str, size: int, seed: int = 0) -> str:
    if form not in FORMS:
        raise ValueError(f"form must be one of {FORMS}")
    return long_top(size, seed) if form == "long" else many_tops(size, seed)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--form", choices=FORMS, default="long")
    ap.add_argument("--bytes", type=int, default=2_000_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    if args.bytes < 1:
        print("bigtext.py: --bytes must be >= 1", file=sys.stderr)
        return 2
    text = generate(args.form, args.bytes, args.seed)
    args.out.write_bytes(text.encode("utf-8"))
    print(f"{args.out}: {len(text.encode('utf-8'))} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
