"""The ingest corpus itself is consistent: every text has its expected facts, and the
facts are the kind a parser can be checked against (quotes occur, codes are valid)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from mkgraph.text.textmap import build

HERE = Path(__file__).parent
TEXTS = sorted(HERE.glob("*.txt"))
ISO = {"DE-" + c for c in "BB BE BW BY HB HE HH MV NI NW RP SH SL SN ST TH".split()}
KEYS = ["conference", "session", "year", "top", "title", "applicants", "rapporteur", "vote",
        "vote_counts", "points", "fields", "notes", "demands"]


def read(path: Path) -> str:
    return path.read_bytes().decode("cp1252" if path.stem.endswith("-cp1252") else "utf-8")


def expected(path: Path):
    return yaml.safe_load(path.with_suffix(".expected.yaml").read_text(encoding="utf-8"))


def test_corpus_size_and_pairs():
    resolutions = [p for p in TEXTS if isinstance(expected(p), list)]
    errors = [p for p in TEXTS if isinstance(expected(p), dict)]
    assert len(resolutions) >= 24 and len(errors) == 4
    assert sum(len(expected(p)) > 1 for p in resolutions) >= 2  # files with several TOPs
    assert sorted(HERE.glob("*.expected.yaml")) == [p.with_suffix(".expected.yaml") for p in TEXTS]


def test_windows_1252_file_is_not_utf8():
    cp = [p for p in TEXTS if p.stem.endswith("-cp1252")]
    assert cp
    for p in cp:
        with pytest.raises(UnicodeDecodeError):
            p.read_bytes().decode("utf-8")


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_expected_facts_fit_the_text(path):
    facts = expected(path)
    text = read(path)
    norm = build(text).text
    if isinstance(facts, dict):
        assert set(facts) == {"error"} and facts["error"].startswith("no ")
        return
    for r in facts:
        assert list(r) == KEYS
        assert r["vote"] in {"unanimous", "majority", "unknown"}
        apps = r["applicants"]
        assert apps is None or (set(apps) <= ISO and apps == sorted(apps))  # None: no applicants line
        assert r["rapporteur"] in ISO | {"bund", None}
        assert r["fields"] == sorted(r["fields"])
        assert set(r["notes"]) <= {"protokollnotiz", "begruendung", "hinweis"}
        assert r["title"] in norm and (r["top"] is None or r["top"] in norm)
        if r["vote_counts"]:
            assert f"Abstimmungsergebnis: {r['vote_counts']}" in norm
        for d in r["demands"]:
            assert norm.count(d["quote_start"]) == 1, d["quote_start"]
            assert d["addressees"] == sorted(d["addressees"])
        for letter in r["fields"]:
            assert f"{letter}) " in norm
