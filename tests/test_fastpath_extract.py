"""The extraction's shortcuts (every cue and every lexicon entry of a type run as one
pattern: extract/together.py) give what the entry-by-entry search gives, and the
extraction takes them (counted)."""

from __future__ import annotations

from pathlib import Path

import re

import pytest

from mkgraph.store import build
from mkgraph.extract import statements as extract, lexicon, together
from conftest import bench_module

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "tests" / "ingest").glob("*.txt")) + sorted((ROOT / "sources").glob("*.txt"))


def first_cue_one_by_one(clause):
    for cue in extract.cues():
        m = cue.pattern.search(clause)
        if m:
            return cue, m
    return None


def keys_one_by_one(text, type_, before=None):
    hits = sorted((m.start(), e.key) for e in lexicon.entries() if e.type == type_
                  for m in e.pattern.finditer(text) if before is None or m.start() < before)
    return tuple(dict.fromkeys(k for _, k in hits))


def mentions_one_by_one(text, type_):
    hits = sorted(((m.start(), m.end(), e.key) for e in lexicon.entries() if e.type == type_
                   for m in e.pattern.finditer(text) if m.end() > m.start()),
                  key=lambda h: (h[0], -(h[1] - h[0]), h[2]))
    kept = []
    for h in hits:
        if not kept or h[0] >= kept[-1][1]:
            kept.append(h)
    return kept


def _texts(tmp_path):
    mod = bench_module("corpus")
    paths = list(CORPUS)
    for name, text in mod.generate(10, seed=5):
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(tmp_path / name)
    out = []
    for path in paths:
        try:
            docs = build.extracted(path)
        except Exception:  # noqa: BLE001 - texts the corpus keeps to be refused
            continue
        for doc, _ in docs:
            for part in doc.parts:
                for para in part.paragraphs:
                    for sent in para.sentences:
                        out.append(sent.text)
                        out.extend(c for c in sent.text.split(", "))  # clause-sized pieces too
    return out


def test_shortcuts_agree_with_the_search_entry_by_entry(tmp_path):
    texts = _texts(tmp_path)
    assert len(texts) > 2000
    with_cue = 0
    for text in texts:
        got, want = extract.first_cue(text), first_cue_one_by_one(text)
        assert (got and (got[0], got[1].span())) == (want and (want[0], want[1].span())), text
        with_cue += want is not None
        for type_ in lexicon.TYPES:
            assert lexicon.keys(text, type_) == keys_one_by_one(text, type_), (type_, text)
            assert lexicon.keys(text, type_, before=20) == keys_one_by_one(text, type_, before=20)
            assert lexicon.mentions(text, type_) == mentions_one_by_one(text, type_), (type_, text)
        lexicon.forget()
    assert 0 < with_cue < len(texts)  # both branches of the shortcut ran


def test_combined_patterns_give_each_patterns_matches():
    """Overlapping patterns, alternatives of different preference, lookarounds at the
    edges, a pattern that matches again inside its own earlier match: per position the
    combination says what pattern.match says, and finditer is rebuilt from it."""
    patterns = [re.compile(p) for p in (r"\bBund\b", r"\bBund(?:es)?\w*", r"(?<![\w-])AB(?![\w-])",
                                        r"aa", r"a(?=b)|ab", r"\b(?:x|xy)\b", r"(?<=-)\d+")]
    joint = together.combine(patterns)
    assert joint is not None
    for text in ("Bund und Bundesländer", "AB-AB AB", "aaaab aab", "xy x", "a-12-3", "", "Bundes"):
        found = sorted(h for pos in joint.starts(text) for h in joint.at(text, pos))
        want = sorted((i, m.start(), m.end()) for i, p in enumerate(patterns)
                      for pos in range(len(text) + 1) if (m := p.match(text, pos)))
        assert found == want, text
        hits = together.finditer_hits(sorted(found, key=lambda h: h[1]))
        assert sorted(hits) == [(i, *m.span()) for i, p in enumerate(patterns) for m in p.finditer(text)], text


def test_patterns_that_cannot_be_combined_are_refused():
    assert together.combine([re.compile(r"(?P<a>x)(?P=a)")]) is None
    assert together.combine([re.compile(r"(x)\1")]) is None
    assert together.combine([re.compile("x", re.IGNORECASE)]) is None
    # an empty match: finditer's rule for it is not rebuilt, the caller searches one by one
    assert together.finditer_hits([(0, 2, 2)]) is None


def test_the_extraction_takes_the_combined_path(monkeypatch):
    """The cue table and every lexicon type combine (so a table row that cannot be
    combined fails here, not silently slower), most entries sit behind a shared lead,
    and extracting the seed never searches entry by entry."""
    assert extract._joint() is not None
    for type_ in lexicon.TYPES:
        found, _, joint = lexicon._of_type(type_)
        assert joint is not None, type_
    actors = lexicon._of_type("actor")[0]
    behind = sum(together._lead(e.pattern.pattern) != "" for e in actors)
    assert behind >= 0.9 * len(actors), (behind, len(actors))
    calls = {"one by one": 0, "combined scans": 0}

    def refuse(*args):
        calls["one by one"] += 1
        raise AssertionError("searched entry by entry")

    starts = together.Together.starts

    def counted(self, text):
        calls["combined scans"] += 1
        return starts(self, text)

    monkeypatch.setattr(lexicon, "_one_by_one", refuse)
    monkeypatch.setattr(extract, "_first_cue_one_by_one", refuse)
    monkeypatch.setattr(together.Together, "starts", counted)
    lexicon.forget()
    found = build.extracted(ROOT / "sources" / "intmk-2017-top-2-1.txt")
    assert sum(len(st) for _, st in found) > 50
    assert calls["one by one"] == 0 and calls["combined scans"] > 100
