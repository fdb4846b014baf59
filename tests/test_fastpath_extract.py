"""The extraction's shortcuts (one search for "any cue" / "any lexicon entry of a type"
before searching entry by entry) give what the entry-by-entry search gives."""

from __future__ import annotations

from pathlib import Path

from mkgraph.store import build
from mkgraph.extract import statements as extract, lexicon
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
    assert 0 < with_cue < len(texts)  # both branches of the shortcut ran
