"""textmap.normalise (text only, regular expressions) equals the text of textmap.build
(the character scan that also keeps offsets) on any input."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from mkgraph.text import textmap

ROOT = Path(__file__).resolve().parents[1]
PIECES = ["a", "B", "Ä", "ß", "1", "_", "-", "--", "\n", "\r\n", " ", "\t", "\u00a0", "\u2028", "\x1c",
          ".", "/", "\\", "C:\\", "Seite 2", " von 5", "- 2 -", "x.pdf", "Unter-\n\nbringung",
          "Mecklenburg-\nVorpommern", "Sprach- \nund", "–", "\n- 3 -\n"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=30))
def test_normalise_equals_build(pieces):
    fragment = "".join(pieces)
    assert textmap.normalise(fragment) == textmap.build(fragment).text


def test_normalise_equals_build_on_spans_of_the_sources():
    rng = random.Random(7)
    for path in sorted((ROOT / "sources").glob("*.txt")) + sorted((ROOT / "tests").rglob("*.txt"))[:20]:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert textmap.normalise(text) == textmap.build(text).text
        for _ in range(200):
            a = rng.randrange(len(text))
            b = rng.randrange(a, min(len(text), a + 600) + 1)
            # normalise, not cut: cut reads a slice's edges in the context of their lines
            # (tests/test_textmap.py checks cut against build's text of the whole)
            assert textmap.normalise(text[a:b]) == textmap.build(text[a:b]).text, (path, a, b)
