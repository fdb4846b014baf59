"""Parsing stays linear in the size of a text (issue 15), shown by counting, not timing.

The texts come from benchmarks/bigtext.py: one long TOP (99 points, 6 action fields) and a
protocol of many TOPs. What used to make them quadratic: each TOP of a protocol parsed on
the whole text with the other TOPs blanked; every part, paragraph and line gap scanning
all lines of the body; the layout lines found again for every lookup.
"""

from __future__ import annotations

import re

from conftest import bench_module
from mkgraph.extract import curation
from mkgraph.text import structure, textmap

bigtext = bench_module("bigtext")
CUE = re.compile(r"\b(fordert|bittet|appelliert|erwartet|hält es für erforderlich|begrüßt|erkennt an"
                 r"|würdigt|dankt|kritisiert|bieten|einsetzen|stellt fest|Ziel ist|muss|müssen"
                 r"|sollte|sollten|soll|sollen)\b")


class _CountedLines(list):
    """A list of lines that counts how often it is walked whole."""

    walks = 0

    def __iter__(self):
        type(self).walks += 1
        return super().__iter__()


def test_protocol_tops_are_parsed_on_views_that_add_up_to_the_text(monkeypatch):
    text = bigtext.generate("tops", 200_000)
    tops = re.findall(r"^ ?TOP (\d+) *$", text, re.M)
    seen: list[int] = []
    build = textmap.build

    def counted(original):
        seen.append(len(original))
        return build(original)

    monkeypatch.setattr(textmap, "build", counted)
    docs = structure.parse_all("protocol", text)
    assert [d.header.top for d in docs] == tops and len(tops) > 20
    # the whole text once (to find the TOPs), then one view per TOP: its own text plus the
    # shared header and a bounded run of newlines; blanked whole-text views summed to
    # len(tops) x len(text)
    assert len(seen) == len(tops) + 1
    assert sum(seen) < 3 * len(text)
    for d in docs:  # offsets are into the protocol, not the view
        for p in d.parts:
            assert textmap.cut(text, p.start, p.end) == p.text


def test_a_long_top_walks_its_body_lines_a_fixed_number_of_times(monkeypatch):
    body_lines = structure._body_lines
    monkeypatch.setattr(structure, "_body_lines", lambda *a: _CountedLines(body_lines(*a)))
    walks = []
    for size in (100_000, 200_000):
        _CountedLines.walks = 0
        doc = structure.parse("long", bigtext.generate("long", size))
        assert sum(p.kind == "point" for p in doc.parts) == 99
        walks.append(_CountedLines.walks)
    # 99 points and 6 fields: a walk per part (as before) would be hundreds, and grow
    assert walks[0] == walks[1] < 20


def test_layout_lines_are_found_once_per_text():
    text = bigtext.generate("long", 100_000)
    textmap.noise_spans.cache_clear()
    doc = structure.parse("long", text)
    info = textmap.noise_spans.cache_info()
    assert info.misses == 1 and info.hits > 100  # asked per part and per trimmed character
    assert doc.parts[-1].kind == "field"


def test_a_two_megabyte_resolution_is_parsed_and_extracted():
    text = bigtext.generate("long", 2_000_000)
    assert len(text.encode("utf-8")) >= 2_000_000
    (doc,) = structure.parse_all("long", text)
    kinds = [p.kind for p in doc.parts]
    assert kinds.count("point") == 99 and kinds.count("field") == 6
    statements = curation.statements_for(doc, None)
    cued = sum(1 for p in doc.parts for g in p.paragraphs for s in g.sentences if CUE.search(s.text))
    # every statement-bearing sentence of the generator has one cue; a few are not taken
    # as statements (a cue inside a "dass" clause), none is made up
    assert 0.95 * cued <= len(statements) <= cued
    for st in statements[:: max(1, len(statements) // 200)]:
        assert textmap.cut(text, st.start, st.end) == st.quote
