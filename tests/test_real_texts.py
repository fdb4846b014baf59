"""Real resolution texts (../shared/realtexts): what a careful reader found, field by field.

The scoring is benchmarks/real_texts.py's (the table it prints is the same data). Every
text with a decision must be ingested with a conforming graph and no header field stated
wrongly; conference, agenda id and vote must be right, and every demand the reader listed
found with its addressee.
"""

from __future__ import annotations

import pytest
from conftest import bench_module
from floors import assert_none_stated_wrongly

real = bench_module("real_texts")
FOLDER = real.DEFAULT

pytestmark = pytest.mark.skipif(not (FOLDER / "expected.json").is_file(),
                                reason=f"{FOLDER} (the shared real texts) is not beside the checkout")


@pytest.fixture(scope="module")
def outcomes():
    return {(o.file, o.top): o for o in real.score(FOLDER)}


def _ids():
    return real.keys(FOLDER)


@pytest.mark.parametrize("key", _ids(), ids=lambda k: f"{k[0][:3]}-{k[1]}")
def test_ingested_with_a_conforming_graph(outcomes, key):
    o = outcomes[key]
    assert o.ingested, o.error


@pytest.mark.parametrize("key", _ids(), ids=lambda k: f"{k[0][:3]}-{k[1]}")
def test_no_header_field_stated_wrongly(outcomes, key):
    assert_none_stated_wrongly(outcomes[key])


@pytest.mark.parametrize("field", ["conference", "top", "vote", "title", "date", "applicants"])
def test_field_right_everywhere(outcomes, field):
    missed = {k: o.values.get(field) for k, o in outcomes.items() if o.fields.get(field) not in ("right", "n/a")}
    assert not missed, missed


def test_points_right(outcomes):
    assert all(o.points in ("right", "n/a") for o in outcomes.values()), {
        k: o.values.get("points") for k, o in outcomes.items() if o.points == "wrong"}


def test_demands_found_with_their_addressees_and_none_invented(outcomes):
    missed = {k: o.missed for k, o in outcomes.items() if o.missed}
    extra = {k: o.extra for k, o in outcomes.items() if o.extra}
    assert not missed, missed
    assert not extra, extra
    assert sum(o.demands_expected for o in outcomes.values()) > 0  # the set does ask for demands


def test_the_report_prints_a_table_with_totals(outcomes, capsys):
    assert real.main([str(FOLDER)]) == 0
    out = capsys.readouterr().out
    assert "measure" in out and "stated wrongly" in out and "demands" in out
    assert real.main(["/nonexistent-folder"]) == 2
