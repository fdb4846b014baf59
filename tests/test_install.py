"""A plain (non-editable) install works from any directory: the ontology, shapes,
queries, sources and built graph travel inside the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    r = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=600,
    )
    assert r.returncode == 0, r.stderr
    return next(out.glob("mkgraph-*.whl"))


def test_wheel_carries_the_artefacts(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for kind, example in [
        ("graph", "dataset.nt"),
        ("ontology", "mkgraph.ttl"),
        ("sources", "intmk-2017-top-2-1.txt"),
        ("queries", "demands.rq"),
    ]:
        assert f"mkgraph/_data/{kind}/{example}" in names
    assert any(n.startswith("mkgraph/_data/shapes/") and n.endswith(".ttl") for n in names)
    assert "mkgraph/tables/laender.csv" in names
    for example in ("govdata-example.ttl", "wikidata-example.ttl", "foerderprogramme.csv"):
        assert f"mkgraph/examples/link/{example}" in names  # mkgraph link --example NAME


def test_installed_wheel_answers_queries_from_another_directory(wheel, tmp_path):
    site = tmp_path / "site"
    r = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
        capture_output=True, text=True, timeout=600,
    )
    assert r.returncode == 0, r.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    r = subprocess.run(
        [sys.executable, "-m", "mkgraph", "query", "run", "applicants", "--format", "csv"],
        cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300,
    )
    assert r.returncode == 0, r.stderr
    rows = r.stdout.strip().splitlines()
    assert rows[0] == "land,label,iso,wikidata,applicant"
    assert len(rows) == 17
    assert sum(row.endswith(",true") for row in rows[1:]) == 15
    r = subprocess.run([sys.executable, "-m", "mkgraph", "link", "--example", "foerderprogramme.csv",
                        "--linkset", "ls.ttl"], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "6 link(s)" in r.stdout and (elsewhere / "ls.ttl").is_file()
    # the code that ran is the installed copy, not the checkout
    r = subprocess.run(
        [sys.executable, "-c", "import mkgraph, sys; print(mkgraph.__file__)"],
        cwd=elsewhere, env=env, capture_output=True, text=True,
    )
    assert r.stdout.startswith(str(site))
