"""Give freed memory back to the system after a big step (a shared helper: imports no step).

glibc's allocator keeps what a process frees on its heap for the next allocation. After
an in-memory Oxigraph store of one 2 MB resolution (510,000 triples in ≈ 200 MB of small
allocations) is dropped, the process still held those pages; the next big buffer (the
N-Triples split for the cache, the store's bulk load) is mapped anew beside them, and
the peak RSS was their sum. ``malloc_trim`` returns the free pages (≈ 20 ms at that
size); elsewhere (no glibc) this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import lru_cache

# below this many bytes of data in a step, what was freed is reused by the next step of
# the same kind (a record's batches) and trimming would only cost time
BIG = 16 << 20


@lru_cache(maxsize=1)
def _trim():
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


def give_back(size: int = BIG) -> bool:
    """Return freed heap pages to the system after a step over size bytes of data;
    whether anything could be asked (glibc)."""
    trim = _trim()
    if size < BIG or trim is None:
        return False
    trim(0)
    return True
