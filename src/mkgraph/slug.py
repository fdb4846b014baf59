"""Readable, IRI-safe path segments: the one way a name becomes part of an IRI or a file name.

A shared helper: imports nothing of the package, so every step may use it.
"""

from __future__ import annotations

import re


def slug(text: str) -> str:
    """A readable, IRI-safe path segment: lower case, umlauts spelled out, dashes."""
    t = text.strip().lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        t = t.replace(a, b)
    t = re.sub(r"[^a-z0-9.+]+", "-", t).strip("-")
    return t.replace("+", "-plus-").strip("-") or "x"
