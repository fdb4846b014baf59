"""The record store's state file (``store.json`` beside the store folder), as readers see it.

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
