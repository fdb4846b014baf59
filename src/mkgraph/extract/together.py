"""Many regular expressions run as one: where any of them matches, and which match there.

The lexicon (≈130 entries) and the cue table (≈45 rules) are lists of patterns that the
extraction used to search one by one over every clause: a Python call and a scan of
the clause per pattern. Here the whole list is two compiled patterns:

- ``where``: a lookahead over the alternation of every pattern, so ``finditer`` stops
  at each position where at least one of them matches (and nowhere else);
- ``which``: at such a position, one optional lookahead per pattern, each capturing
  what its pattern matches there (a group per pattern).

Exact, not a heuristic: a lookahead sees the whole string, like ``pattern.match(text,
pos)`` does, and it keeps the first match its body finds in the body's own order of
preference, which is the match ``pattern.match(text, pos)`` returns. So the spans are
those each pattern gives at that position, and ``search``/``finditer`` of each pattern
follow from them (``finditer``: the leftmost match, then the next one starting at or
after its end). Patterns that refer back to a group by name or number cannot be
combined (their group numbers change): ``combine`` then returns None and the callers
search pattern by pattern, as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import compress
from operator import itemgetter

try:  # a private module, only to read how a pattern starts: without it, no grouping
    from re import _parser
except ImportError:  # pragma: no cover - a Python that moved it
    _parser = None

_NAMED = re.compile(r"\(\?P<\w+>")
_BACKREF = re.compile(r"\(\?P=|\\[1-9]|\(\?\(")
_UNSET = (-1, -1)  # the span of a group that did not take part in the match


@dataclass(frozen=True)
class Together:
    where: re.Pattern
    which: re.Pattern
    groups: tuple[int, ...]  # the group number in ``which`` of each pattern

    def starts(self, text: str) -> list[int]:
        """Every position of text at which at least one pattern matches, ascending."""
        return [m.start() for m in self.where.finditer(text)]

    def at(self, text: str, pos: int) -> list[tuple[int, int, int]]:
        """(pattern index, start, end) of every pattern that matches at pos."""
        spans = self._spans(self.which.match(text, pos).regs)
        # the set groups picked in C (a Python loop over every group was a third of this)
        return [(i, pos, spans[i][1]) for i in compress(range(len(spans)), map(_UNSET.__ne__, spans))]

    @cached_property
    def _spans(self):
        return itemgetter(*self.groups) if len(self.groups) != 1 else lambda regs: (regs[self.groups[0]],)


def combine(patterns: Sequence[re.Pattern]) -> Together | None:
    """The patterns as one (their group names dropped), or None when they cannot be."""
    if any(p.flags & ~re.UNICODE for p in patterns):
        return None  # a flag given to compile (not inline) would be lost in the combination
    sources = [p.pattern for p in patterns]
    if any(_BACKREF.search(s) for s in sources):
        return None
    bodies = [_NAMED.sub("(?:", s) for s in sources]
    try:
        where = re.compile("(?=" + (_grouped(bodies) or "(?!)") + ")")
        # an empty alternative after each lookahead: a pattern that does not match here
        # leaves its group unset instead of failing the whole match
        which = re.compile("".join(f"(?:(?=(?P<p{i}>{b}))|)" for i, b in enumerate(bodies)))
    except re.error:  # e.g. an inline global flag that is not at the start
        return None
    return Together(where, which, tuple(which.groupindex[f"p{i}"] for i in range(len(bodies))))


# Zero-width starts shared by most lexicon entries and cues ("\\bBund\\b", a conference's
# "(?<![\\w-])IntMK"). Entries that start with one are searched together behind it, so
# at most positions (inside a word) one failed check rejects all of them; as plain
# alternatives each entry tried its own check: the scan was 8 times slower.
_LEADS = (r"\b", r"(?<![\w-])")


def _grouped(bodies: list[str]) -> str:
    """The alternation of the bodies, those that start with the same lead behind it once."""
    groups: dict[str, list[str]] = {}
    for b in bodies:
        groups.setdefault(_lead(b), []).append(f"(?:{b})")
    return "|".join(lead + "(?:" + "|".join(bs) + ")" for lead, bs in groups.items())


def _lead(body: str) -> str:
    """The lead of _LEADS with which every match of body starts (as parsed: the parser
    takes a prefix common to all alternatives out in front), or ""."""
    try:
        first = _plain(_parser.parse(body).data[:1])
        return next((lead for lead in _LEADS if _plain(_parser.parse(lead).data[:1]) == first), "")
    except Exception:  # noqa: BLE001 - a private module: any change in it only costs speed
        return ""


def _plain(item):
    """A parsed pattern as nested tuples, comparable by value."""
    if isinstance(item, _parser.SubPattern):
        return _plain(item.data)
    if isinstance(item, (list, tuple)):
        return tuple(_plain(x) for x in item)
    return item


def finditer_hits(found: list[tuple[int, int, int]]) -> list[tuple[int, int, int]] | None:
    """The (pattern index, start, end) that each pattern's ``finditer`` yields, from every
    (index, start, end) of ``at`` over ``starts`` in ascending order (a match is kept when
    it starts at or after the end of its pattern's last kept match); None when a pattern
    matched the empty string (``finditer``'s rule for those is not rebuilt here: search
    one by one)."""
    last: dict[int, int] = {}
    out = []
    for i, a, b in found:
        if b <= a:
            return None
        if a >= last.get(i, a):
            out.append((i, a, b))
            last[i] = b
    return out
