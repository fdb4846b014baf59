"""One writer at a time: an exclusive lock on a file beside what a build writes.

``fcntl.flock`` on ``<out>/.mkgraph.lock``, which holds the PID of the build that has it.
The kernel releases the lock when that process ends, however it ends (kill -9 included),
so a stale lock file never blocks the next build. A second build exits 2 naming the PID.
"""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path

from mkgraph.errors import InputError

LOCK = ".mkgraph.lock"
_HELD: set[int] = set()  # descriptors of the locks this process holds


def close_inherited() -> None:
    """In a forked child: close the copies of the parent's lock descriptors, so that the
    lock goes with the parent (the kernel keeps it while any copy is open)."""
    for fd in list(_HELD):
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD.clear()


def lock_path(out: Path) -> Path:
    return Path(out) / LOCK


def holder(path: Path) -> str:
    """The PID written in the lock file (the holder writes it right after taking the lock)."""
    import time

    for _ in range(50):
        try:
            pid = Path(path).read_text(encoding="ascii", errors="replace").strip()
        except OSError:
            return "?"
        if pid:
            return pid
        time.sleep(0.01)
    return "?"


@contextmanager
def exclusive(out: Path, where: str, what: str = "in use"):
    """Hold the build lock of the folder out; InputError(where, "<what> by PID N") if another
    process holds it."""
    path = lock_path(out)
    if Path(out).exists() and not Path(out).is_dir():
        raise InputError(str(out), "not a folder (--out names the folder that receives graph/)")
    created = not Path(out).exists()
    try:
        Path(out).mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as err:
        raise InputError(str(err.filename or path), f"cannot write here: {err.strerror or err}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError(where, f"{what} by PID {holder(path)} (another mkgraph build; "
                             f"lock {path})") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        _HELD.add(fd)
        try:
            yield path
        except BaseException:
            if created:  # a failed first build leaves no folder behind ("nothing written")
                _remove_created(Path(out), path)
            raise
        finally:
            try:
                os.ftruncate(fd, 0)
            except OSError:
                pass
    finally:
        _HELD.discard(fd)
        os.close(fd)  # releases the lock


def _remove_created(out: Path, path: Path) -> None:
    """Remove the folder a failed first build created: nothing in it predates the build
    (the lock kept other builds out), and "nothing written" includes the cache."""
    import shutil

    shutil.rmtree(out, ignore_errors=True)
