"""The record store's state file (``store.json`` beside the store folder): written by the
record build (``write_state``, ``read_state``), and as readers see it (``unfinished``).

A record build marks the state "dirty" before it changes the store in place and writes the
clean state when it is done (mkgraph.store.record); a build killed in between leaves it
dirty, and the store half-updated. Readers (`query run --store`, `serve --store`) refuse
such a store instead of answering from half the data.
"""

from __future__ import annotations

import json
from pathlib import Path

STATE = "store.json"


def state_path(store_dir: Path) -> Path:
    return Path(store_dir).parent / STATE


def unfinished(store_dir: Path | str) -> str | None:
    """Why the store must not be read (its last update did not finish), with the command
    that repairs it; None when the state is clean or there is no state file (a store that
    mkgraph's record build did not make)."""
    store_dir = Path(store_dir)
    try:
        doc = json.loads(state_path(store_dir).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        doc = {"dirty": True, "store": store_dir.name}
    if not isinstance(doc, dict) or doc.get("store") not in (None, store_dir.name) or not doc.get("dirty"):
        return None
    out = store_dir.resolve().parent.parent
    return (f"the store's last update did not finish ({state_path(store_dir)} is marked dirty), so it may hold "
            f"part of the data; rebuild it: mkgraph build --out {out}")


def read_state(store_dir: Path) -> dict | None:
    """What the store holds, as the last build recorded it; None if unknown, unreadable,
    or left by an update that did not finish (then the store is rebuilt)."""
    try:
        doc = json.loads(state_path(store_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(doc, dict) or doc.get("dirty") or doc.get("store") != store_dir.name:
        return None
    return doc


def write_state(store_dir: Path, doc: dict) -> None:
    from mkgraph import atomic

    doc = {**doc, "store": store_dir.name}
    atomic.write_all({state_path(store_dir): (json.dumps(doc, indent=1, sort_keys=True) + "\n").encode()})
