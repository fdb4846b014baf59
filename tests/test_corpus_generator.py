"""The synthetic corpus generator (benchmarks/corpus.py): deterministic, in range, parseable.

Counts are taken from the generated TEXT with regexes written here, not from the
generator's own bookkeeping alone, so a generator that lies about what it wrote fails.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mkgraph.text.textmap import build as normalise_text
from conftest import bench_module

ROOT = Path(__file__).resolve().parents[1]


corpus = bench_module("corpus")
N = 60
SAMPLE = corpus.generate(N, seed=7)

POINT_LINE = re.compile(r"^ ?(\d{1,2})\. ", re.M)
FIELD_LINE = re.compile(r"^ ?([a-f])\) \S", re.M)
AGENDA = re.compile(r"^ ?(?:TOP:? (\d+(?:\.\d+)?):?|Punkt (\d+(?:\.\d+)?) der Tagesordnung:) $", re.M)
APPLICANTS = re.compile(r"^ ?(?:Antragsteller|Antrag): \S", re.M)
FORMULA = re.compile(r"^ ?Die (\w+) (?:hat (?:einstimmig|mehrheitlich) beschlossen|beschließt einstimmig"
                     r"|hat den folgenden Beschluss mehrheitlich gefasst):", re.M)
HEADER = re.compile(r"^ ?(\d+)\. (\S.*konferenz) (\d{4}) $", re.M)
# one cue per statement-bearing sentence; the filler sentences carry none
CUE = re.compile(r"\b(fordert|bittet|appelliert|erwartet|hält es für erforderlich|begrüßt|erkennt an"
                 r"|würdigt|dankt|kritisiert|bieten|einsetzen|stellt fest|Ziel ist|muss|müssen"
                 r"|sollte|sollten|soll|sollen)\b")


def _body(text: str) -> str:
    """Normalised text after the decision formula (the decided part)."""
    norm = normalise_text(text).text
    m = FORMULA.search(text)
    assert m, "no decision formula"
    return norm[norm.index(normalise_text(m.group(0)).text) + len(m.group(0)):]


def test_same_seed_gives_identical_texts_and_another_seed_differs():
    again = corpus.generate(N, seed=7)
    assert again == SAMPLE
    other = corpus.generate(N, seed=8)
    assert [n for n, _ in other] == [n for n, _ in SAMPLE]  # slots depend on the index only
    assert sum(a[1] != b[1] for a, b in zip(other, SAMPLE)) == N


def test_cli_writes_byte_identical_files(tmp_path):
    for out in ("a", "b"):
        assert corpus.main(["--resolutions", "12", "--out", str(tmp_path / out), "--seed", "3"]) == 0
    a = sorted((tmp_path / "a").iterdir())
    b = sorted((tmp_path / "b").iterdir())
    assert [p.name for p in a] == [p.name for p in b] and len(a) == 12
    assert all(x.read_bytes() == y.read_bytes() for x, y in zip(a, b))
    assert [p.name for p in a] == sorted(n for n, _ in corpus.generate(12, seed=3))


def test_names_and_tops_are_distinct():
    many = [corpus.build(i, seed=0) for i in range(1500)]
    names = [s.name for s in many]
    assert len(set(names)) == len(names)
    keys = {(s.conference, s.year, s.top) for s in many}
    assert len(keys) == len(many)
    assert len({s.conference for s in many}) >= 10


@pytest.mark.parametrize("i", range(0, N, 3))
def test_every_text_has_a_header(i):
    name, text = SAMPLE[i]
    spec = corpus.build(i, seed=7)
    head = HEADER.search(text)
    assert head and int(head.group(1)) == spec.session and int(head.group(3)) == spec.year
    agenda = AGENDA.search(text)
    assert agenda and (agenda.group(1) or agenda.group(2)) == spec.top
    assert APPLICANTS.search(text)
    formula = FORMULA.search(text)
    assert formula and formula.group(1) == spec.conference
    assert head.start() < agenda.start() < formula.start()
    assert name == spec.name + ".txt"


@pytest.mark.parametrize("i", range(N))
def test_counts_in_the_text_are_within_range_and_match_the_spec(i):
    _, text = SAMPLE[i]
    spec = corpus.build(i, seed=7)
    decided = text[FORMULA.search(text).end():]
    points = [int(n) for n in POINT_LINE.findall(decided)]
    assert points == list(range(1, spec.points + 1))
    assert 5 <= spec.points <= 15
    fields = FIELD_LINE.findall(decided)
    assert tuple(fields) == spec.fields and 0 <= len(fields) <= 6
    sentences = re.split(r"(?<=[.:])\s+", _body(text))
    clauses = sum(1 for s in sentences if CUE.search(s))
    assert clauses == spec.clauses
    assert 10 <= clauses <= 90
    assert all(len(CUE.findall(s)) == 1 for s in sentences if CUE.search(s))
    assert 5_000 <= len(text.encode("utf-8")) <= 30_000


def test_layout_is_pdf_like():
    text = "".join(t for _, t in SAMPLE)
    assert re.search(r"[a-zäöü]-\n\n[a-zäöü]", text), "no hyphenation across blank lines"
    assert re.search(r" \n [^\s]", text), "no page break shown as a line starting with a space"
    assert re.search(r"^- \d+ -", text, re.M), "no page marker"
    # every hyphenated break joins again into a word when normalised
    _, one = SAMPLE[0]
    assert "-\n\n" not in normalise_text(one).text


def test_wrap_keeps_every_word_and_hyphenates_long_ones():
    para = "Die Integrationsministerkonferenz fordert Mecklenburg-Vorpommern und die Bundesregierung auf, " * 4
    lines = corpus.wrap(para, 40)
    assert all(len(line) <= 41 for line in lines)
    joined = normalise_text("\n\n".join(lines)).text
    assert joined == " ".join(para.split())


def test_generate_rejects_negative_counts():
    with pytest.raises(ValueError):
        corpus.generate(-1)


def test_parser_finds_the_points_the_generator_put_in():
    try:
        from mkgraph.text import structure
    except ImportError:
        pytest.skip("mkgraph.text.structure (the parser) does not exist yet")
    for i in range(20):
        spec = corpus.build(i, seed=11)
        doc = structure.parse(spec.name, spec.text)
        points = [p for p in doc.parts if p.kind == "point"]
        fields = [p.number for p in doc.parts if p.kind == "field"]
        assert len(points) == spec.points, spec.name
        assert tuple(fields) == spec.fields, spec.name
        assert doc.header.conference == spec.conference, spec.name
        assert doc.header.top == spec.top, spec.name
        assert doc.header.year == spec.year, spec.name
        assert tuple(sorted(doc.header.applicants)) == spec.applicants, spec.name


DATE_LINE = re.compile(r"^ ?am (\d+)\. und \d+\. (\w+) (\d{4}) in (.+?) $", re.M)


def test_one_session_has_one_date_and_place_and_numbers_are_unique_per_meeting():
    """Every resolution of a session names the same dates and place (the cross-document
    checks of the record build reject a session described two ways), and a session
    number belongs to one (conference, year, meeting)."""
    described: dict = {}
    for i in range(1500):
        spec = corpus.build(i, seed=0)
        date = DATE_LINE.search(spec.text)
        assert date and int(date.group(3)) == spec.year
        described.setdefault((spec.conference, spec.session), set()).add(date.groups())
    assert all(len(v) == 1 for v in described.values()), [k for k, v in described.items() if len(v) > 1][:5]
    assert len(described) < 1500  # sessions with several resolutions exist
    months = corpus.MONTHS
    by_year: dict = {}
    for (conf, number), (date,) in ((k, tuple(v)) for k, v in described.items()):
        by_year.setdefault((conf, int(date[2])), []).append((number, months.index(date[1])))
    # two meetings of one year: two numbers, the later number in the later months
    twice = [sorted(v) for v in by_year.values() if len(v) > 1]
    assert twice and all(a[1] < b[1] for v in twice for a, b in zip(v, v[1:]))
    assert all(len({n for n, _ in v}) == len(v) for v in by_year.values())
