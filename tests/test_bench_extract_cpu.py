"""benchmarks/extract_cpu.py: parse + extract CPU per text, per stage (issue 15)."""

from __future__ import annotations

import json

from conftest import bench_module

bench = bench_module("extract_cpu")


def test_prints_each_stage_per_text(capsys):
    assert bench.main(["--texts", "3", "--rounds", "1", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    corpus = rows["generated corpus"]
    assert corpus["texts"] == 3 and corpus["statements"] > 0
    per = corpus["cpu_seconds_per_text"]
    assert set(per) == {"read", "parse", "extract", "parse + extract"}
    assert per["parse"] > 0 and per["extract"] > 0
    assert abs(per["parse + extract"] - (per["read"] + per["parse"] + per["extract"])) < 2e-4  # rounding
    assert rows["seed"]["statements"] == 90  # the seed's statements, every round the same
    assert rows["ingest texts"]["texts"] > 10  # the texts the build refuses are left out


def test_table_names_the_target(capsys):
    assert bench.main(["--texts", "2", "--rounds", "1"]) == 0
    out = capsys.readouterr().out
    assert "| generated corpus | 2 |" in out and "target <= 0.02" in out


def test_bad_arguments_exit_2(capsys):
    assert bench.main(["--texts", "0"]) == 2
    assert "--texts" in capsys.readouterr().err
