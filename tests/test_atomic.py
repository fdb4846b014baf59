"""Atomic writes: all files or none, never a half-written one, readable like any file."""

from __future__ import annotations

import os
import stat

import pytest

from mkgraph import atomic


def test_written_files_get_the_mode_of_a_plain_open(tmp_path):
    plain = tmp_path / "plain"
    plain.write_bytes(b"x")
    atomic.write_bytes(tmp_path / "a" / "one.ttl", b"data")
    atomic.write_all({tmp_path / "two.ttl": b"data"})
    want = stat.S_IMODE(plain.stat().st_mode)
    assert stat.S_IMODE((tmp_path / "a" / "one.ttl").stat().st_mode) == want
    assert stat.S_IMODE((tmp_path / "two.ttl").stat().st_mode) == want
    assert want & stat.S_IRGRP  # not mkstemp's 0600 under the usual umask


def test_write_all_replaces_nothing_when_one_file_fails(tmp_path, monkeypatch):
    old = {tmp_path / f"f{i}": f"old {i}".encode() for i in range(3)}
    for path, data in old.items():
        path.write_bytes(data)
    real = atomic._stage
    calls = []

    def failing(path, data):
        calls.append(path)
        if len(calls) == 3:
            raise OSError("disk full")
        return real(path, data)

    monkeypatch.setattr(atomic, "_stage", failing)
    with pytest.raises(OSError):
        atomic.write_all({path: b"new" for path in old})
    assert {p: p.read_bytes() for p in old} == old
    assert sorted(os.listdir(tmp_path)) == ["f0", "f1", "f2"]  # no temporary files left
