"""The checks the development sets share (tests/test_real_texts.py, test_realish.py,
test_realish3.py): no header field stated wrongly, and each measure at least its floor.
Each set keeps its own floors; these functions only state what a floor means."""

from __future__ import annotations


def assert_none_stated_wrongly(o) -> None:
    wrong = {f: o.values[f] for f, v in o.fields.items() if v == "wrong"}
    assert not wrong, wrong  # (expected, found) per field


def assert_at_least_floor(real, outcomes: dict, floors: dict, measure: str) -> None:
    """The set's score on measure reaches its floor, and the set still counts what the
    floor was set for; the misses named when it does not."""
    right, of = real.totals(list(outcomes.values()))[measure]
    floor, total = floors[measure]
    assert of == total, f"{measure}: the set now counts {of}, the floor was set for {total}"
    misses = {k: o.values.get(measure) or o.missed for k, o in outcomes.items()
              if o.fields.get(measure, "right") != "right" or (measure == "points" and o.points == "wrong")}
    assert right >= floor, (measure, right, misses)


def assert_probes_at_least_floor(real, outcomes: dict, floors: dict, measure: str) -> None:
    right, of = real.totals(list(outcomes.values()))[measure]
    floor, total = floors[measure]
    assert of == total and right >= floor, (measure, right, of)
