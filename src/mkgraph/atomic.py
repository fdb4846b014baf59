"""Atomic file writes: a failed run never leaves a half-written file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _stage(path: Path, data: bytes) -> str:
    """Write data to a temporary sibling of path, with the mode a plain open() would give."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a published file is readable
    except OSError as err:  # a full disk: named by the file the user asked for, not the temporary
        Path(tmp).unlink(missing_ok=True)
        raise OSError(err.errno, err.strerror or str(err), str(path)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def write_bytes(path: Path, data: bytes) -> None:
    tmp = _stage(Path(path), data)
    try:
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def write_all(files: dict[Path, bytes]) -> None:
    """Write several files so that either all of them are replaced or none is.

    Every file is first written to a temporary sibling; only when all are written are
    they renamed into place (renames on one file system do not fail part-way in practice).
    """
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            staged.append((_stage(Path(path), data), Path(path)))
    except BaseException:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise
    for tmp, path in staged:
        os.replace(tmp, path)


# -- a set of files under one folder, replaced as a whole ----------------------------------------
# write_all's renames can be cut short by a kill (the 5th of 11 renames left 4 new and 7 old
# files in graph/). replace_all writes a journal before the first rename and removes it
# after the last; whoever finds a journal (the next build, recover()) finishes the renames
# from the staged files it lists, checked by their SHA-256, so the folder ends old or new.
# Readers and `mkgraph build --check` treat a journal as "half-replaced: run mkgraph build".
JOURNAL = ".mkgraph-replacing.json"


def _sha(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def interrupted(root: Path) -> bool:
    """Whether a replace_all under root was cut short (its journal is still there)."""
    return (Path(root) / JOURNAL).exists()


def _temporaries(folder: Path) -> list[Path]:
    """Temporary files this module stages (".<name>.<random>.tmp") directly in folder."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp") and p.is_file())


def remove_temporaries(folder: Path) -> int:
    """Remove the stale temporary files a killed writer left in folder (call with the build lock)."""
    found = _temporaries(Path(folder))
    for p in found:
        p.unlink(missing_ok=True)
    return len(found)


def leftovers(root: Path, folders: list[str]) -> list[str]:
    """The journal and the stale temporary files under root's folders (relative names)."""
    root = Path(root)
    out = [JOURNAL] if interrupted(root) else []
    for rel in folders:
        out += [str(p.relative_to(root)) for p in _temporaries(root / rel)]
    out += [p.name for p in _temporaries(root) if p.name.startswith("." + JOURNAL + ".")]
    return out


def recover(root: Path, folders: list[str]) -> list[str]:
    """Finish the renames of an interrupted replace_all under root (only staged files whose
    content is what the journal says), then remove the journal and every stale temporary
    file in root's folders. Returns the files renamed into place. Call with the build lock."""
    import json

    root = Path(root)
    done: list[str] = []
    journal = root / JOURNAL
    if journal.exists():
        try:
            entries = json.loads(journal.read_text(encoding="utf-8"))["files"]
        except (OSError, ValueError, KeyError, TypeError):
            entries = []  # unreadable: the build that follows rewrites what differs anyway
        for tmp, rel, sha in entries:
            staged = root / tmp
            if staged.is_file() and _sha(staged.read_bytes()) == sha:
                os.replace(staged, root / rel)
                done.append(rel)
        journal.unlink()
    for rel in leftovers(root, folders):
        (root / rel).unlink(missing_ok=True)
    return done


def replace_all(root: Path, files: dict[str, bytes]) -> None:
    """write_all for files given relative to root, with a journal: a kill during the renames
    leaves a journal from which recover() completes them."""
    import json

    root = Path(root)
    staged: list[tuple[str, str, str]] = []
    try:
        for rel, data in files.items():
            tmp = _stage(root / rel, data)
            staged.append((os.path.relpath(tmp, root), rel, _sha(data)))
    except BaseException:
        for tmp, _, _ in staged:
            (root / tmp).unlink(missing_ok=True)
        raise
    if not staged:
        return
    write_bytes(root / JOURNAL, json.dumps({"files": staged}, indent=0).encode())
    for tmp, rel, _ in staged:
        os.replace(root / tmp, root / rel)
    (root / JOURNAL).unlink()
