"""The formula patterns rewritten to start with a literal (formulas.csv) match exactly
where and what the patterns as first written matched."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from mkgraph.text import header, sourcefile, textmap

ROOT = Path(__file__).resolve().parents[1]
# as first written -> as written now (literal first)
REWRITTEN = {
    r"(?:die\s+)?folgenden?\s+(?:Stellungnahme|Entschließung|Beschlüsse)\s+(?:einstimmig\s+|mehrheitlich\s+)?"
    r"(?:beschlossen|gefasst)\s*:":
    r"(?:die\s+folgenden?|folgenden?)\s+(?:Stellungnahme|Entschließung|Beschlüsse)\s+(?:einstimmig\s+"
    r"|mehrheitlich\s+)?(?:beschlossen|gefasst)\s*:",
    r"\bhat\s+in\s+seiner\s+\d{1,4}\.\s+Sitzung\b[^:]{0,200}?\b(?:beschlossen|gefasst)\b":
    r"hat(?<!\what)\s+in\s+seiner\s+\d{1,4}\.\s+Sitzung\b[^:]{0,200}?\b(?:beschlossen|gefasst)\b",
    r"(?<=\s)Beschluss\s*:(?=\s+(?:1|I)\.\s+[A-ZÄÖÜ])": r"Beschluss(?<=\sBeschluss)\s*:(?=\s+(?:1|I)\.\s+[A-ZÄÖÜ])",
}
PAIRS = [(re.compile(old), re.compile(new)) for old, new in REWRITTEN.items()]
PIECES = ["die folgende Stellungnahme beschlossen:", "folgenden Beschlüsse einstimmig gefasst :", "die  ",
          "hat in seiner 1012. Sitzung am 5. Mai beschlossen", "Was hat in seiner 3. Sitzung gefasst", "that",
          "Beschluss: 1. Die", " Beschluss : I. Der", "xBeschluss: 1. A", "\n", " ", "Die", "hat", "1."]


def _same(text: str) -> None:
    for old, new in PAIRS:
        assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)], (old, text)


def test_the_table_holds_the_rewritten_patterns():
    patterns = {p.pattern for p, _, _ in header._formulas()}
    assert set(REWRITTEN.values()) <= patterns and not set(REWRITTEN) & patterns


@given(st.lists(st.sampled_from(PIECES) | st.text(alphabet="ahtx Bd1.:\n", max_size=8), max_size=12))
def test_same_matches_on_any_text(pieces):
    _same("".join(pieces))


def test_same_matches_on_the_texts():
    paths = sorted((ROOT / "tests" / "ingest").glob("*.txt")) + sorted((ROOT / "sources").glob("*.txt"))
    found = 0
    for path in paths:
        text = textmap.build(sourcefile.read(path)[1]).text
        _same(text)
        found += sum(1 for _, new in PAIRS for _ in new.finditer(text))
    assert found  # the texts hold some of these formulas
