"""Reviewed fixes to rule output: ``sources/<name>.curation.yaml``.

The file names the source it was reviewed against (its sha256) and holds three lists:

- ``add``: statements the rules miss, located by ``quote`` (normalised text), optionally
  inside a longer ``context`` and/or as the n-th ``occurrence`` (1-based), never by raw
  offsets, so the file stays readable and survives re-extraction of the text.
- ``drop``: rule statements to remove, by ``key`` ("demand-8440-8702") or by ``quote``
  (optionally with ``kind``).
- ``amend``: fields to change (under ``set``) on one rule statement, selected like ``drop``.

Every entry carries a ``reason``. Curated statements (added or amended) are marked
``produced_by="curation"`` without rule id or confidence: a person reviewed them.
Any problem (hash mismatch, unknown key or notation, a quote that is not found or is
ambiguous) is an ``InputError`` naming the file and the entry.
"""

from __future__ import annotations

import dataclasses
import hashlib
from functools import cache
from pathlib import Path

import yaml

from mkgraph.extract import statements as extract, lexicon
from mkgraph.errors import InputError
from mkgraph.model import Document, Statement
from mkgraph.tabledata import column
from mkgraph.text.textmap import normalise

# libyaml's safe loader where it is built in (ten times faster), the pure one otherwise
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

LIST_FIELDS = ("addressees", "target_groups", "instruments", "countries")
SET_FIELDS = ("kind", "speaker", "no_addressee", "modality") + LIST_FIELDS
SELECT_FIELDS = ("key", "quote", "kind", "context", "occurrence")


def key(st: Statement) -> str:
    """The statement's identity, as in its IRI: kind-start-end."""
    return f"{st.kind}-{st.start}-{st.end}"


@cache
def vocabularies() -> dict[str, frozenset[str]]:
    """Allowed values per field, from the same tables the graph is built from."""
    conferences = frozenset(a.lower() for a in column("conferences.csv", "abbreviation"))
    actors = column("actors.csv", "key") | column("laender.csv", "iso") | conferences
    return {
        "kind": column("concepts/statement-kind.csv", "notation"),
        "speaker": actors,
        "addressees": actors,
        "target_groups": column("concepts/target-group.csv", "notation"),
        "instruments": column("concepts/instrument.csv", "notation"),
        "countries": column("countries.csv", "iso2"),
    }


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load(path: Path, doc: Document) -> dict:
    where = str(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except OSError as err:
        raise InputError(where, f"cannot read: {err.strerror}") from None
    except yaml.YAMLError as err:
        raise InputError(where, f"not valid YAML: {str(err).splitlines()[0]}") from None
    if not isinstance(data, dict):
        raise InputError(where, "must be a mapping with sha256, add, drop, amend")
    unknown = set(data) - {"source", "sha256", "add", "drop", "amend"}
    if unknown:
        raise InputError(where, f"unknown top-level key(s): {', '.join(sorted(unknown))}")
    if data.get("sha256") != sha256(doc.original):
        raise InputError(
            where, f"sha256 {data.get('sha256')!r} does not match the source text {doc.name} "
            f"({sha256(doc.original)}): review the curation against the changed text"
        )
    for section in ("add", "drop", "amend"):
        entries = data.get(section) or []
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise InputError(where, f"{section} must be a list of mappings")
        data[section] = entries
    return data


class _Entry:
    """One entry of the file, with a label for messages: "add[3] ('Die Länder …')"."""

    def __init__(self, where: str, section: str, index: int, raw: dict, allowed: tuple[str, ...]):
        self.where, self.raw = where, raw
        hint = str(raw.get("quote") or raw.get("key") or "")
        self.label = f"{section}[{index}]" + (f" ({hint[:40]!r})" if hint else "")
        extra = set(raw) - set(allowed) - {"reason"}
        if extra:
            self.fail(f"unknown field(s) {', '.join(sorted(extra))}")
        if not str(raw.get("reason") or "").strip():
            self.fail("has no reason")

    def fail(self, what: str):
        raise InputError(self.where, f"{self.label}: {what}")

    def values(self) -> dict:
        """The fields to set, checked against the vocabularies."""
        vocab = vocabularies()
        out = {}
        for f in SET_FIELDS:
            if f not in self.raw:
                continue
            v = self.raw[f]
            if f in LIST_FIELDS:
                if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                    self.fail(f"{f} must be a list of keys")
                bad = [x for x in v if x not in vocab[f]]
                if bad:
                    self.fail(f"unknown {f} {', '.join(map(repr, bad))}")
                v = tuple(v)
            elif f == "no_addressee":
                if not isinstance(v, bool):
                    self.fail("no_addressee must be true or false")
            elif f == "modality":
                v = str(v)
            elif v not in vocab[f]:
                self.fail(f"unknown {f} {v!r}")
            out[f] = v
        return out


def locate(doc: Document, entry: _Entry) -> tuple[int, int]:
    """Original span of the entry's quote (inside its context, the n-th occurrence)."""
    quote = entry.raw.get("quote")
    if not isinstance(quote, str) or not quote.strip():
        entry.fail("needs a quote")
    norm = doc.norm
    lo, hi = 0, len(norm.text)
    context = entry.raw.get("context")
    if context is not None:
        c = norm.find(str(context))
        if c < 0:
            entry.fail("context not found in the source text")
        if norm.find(str(context), c + 1) >= 0:
            entry.fail("context occurs more than once")
        lo, hi = c, c + len(normalise(str(context)))
    hits, i = [], norm.find(quote, lo, hi)
    while i >= 0:
        hits.append(i)
        i = norm.find(quote, i + 1, hi)
    if not hits:
        entry.fail("quote not found in the source text" + (" (inside its context)" if context else ""))
    occurrence = entry.raw.get("occurrence")
    if occurrence is None:
        if len(hits) > 1:
            entry.fail(f"quote occurs {len(hits)} times: give a context or an occurrence")
        i = hits[0]
    else:
        if not isinstance(occurrence, int) or not 1 <= occurrence <= len(hits):
            entry.fail(f"occurrence must be 1..{len(hits)}")
        i = hits[occurrence - 1]
    return norm.span(i, i + len(normalise(quote)))


def _place(doc: Document, start: int, end: int, entry: _Entry):
    for part in doc.parts:
        for para in part.paragraphs:
            for sent in para.sentences:
                if sent.start <= start and end <= sent.end:
                    return part, para.index, sent.index
    entry.fail("quote does not lie inside one sentence")


def _select(doc: Document, statements: list[Statement], entry: _Entry) -> int:
    """Index of the one rule statement an amend/drop entry points at."""
    if "key" in entry.raw:
        found = [i for i, s in enumerate(statements) if key(s) == entry.raw["key"]]
    else:
        start, end = locate(doc, entry)
        found = [i for i, s in enumerate(statements) if (s.start, s.end) == (start, end)]
        if "kind" in entry.raw:
            found = [i for i in found if statements[i].kind == entry.raw["kind"]]
    if len(found) != 1:
        entry.fail("matches no rule statement" if not found else "matches several statements: give kind")
    return found[0]


def _curated(st: Statement, **changes) -> Statement:
    st = dataclasses.replace(st, **changes, produced_by="curation", rule=None, confidence=None)
    if st.kind != "demand" or st.addressees:
        st = dataclasses.replace(st, no_addressee=False)
    elif "no_addressee" not in changes:
        st = dataclasses.replace(st, no_addressee=True)
    return st


def apply(doc: Document, statements: list[Statement], path: Path) -> list[Statement]:
    """The statements with the curation file's drops, amendments and additions applied."""
    where = str(path)
    data = load(path, doc)
    out = list(statements)
    dropped: set[int] = set()
    for n, raw in enumerate(data["drop"], 1):
        entry = _Entry(where, "drop", n, raw, SELECT_FIELDS)
        dropped.add(_select(doc, out, entry))
    for n, raw in enumerate(data["amend"], 1):
        entry = _Entry(where, "amend", n, raw, SELECT_FIELDS + ("set",))
        i = _select(doc, out, entry)
        if i in dropped:
            entry.fail("amends a dropped statement")
        changes = raw.get("set")
        if not isinstance(changes, dict) or not changes:
            entry.fail("needs a 'set' mapping of the fields to change")
        out[i] = _curated(out[i], **_Entry(where, "amend", n, {**changes, "reason": raw["reason"]}, SET_FIELDS).values())
    out = [s for i, s in enumerate(out) if i not in dropped]
    conference = (doc.header.conference or "").lower()
    for n, raw in enumerate(data["add"], 1):
        entry = _Entry(where, "add", n, raw, ("quote", "context", "occurrence") + SET_FIELDS)
        values = entry.values()
        if "kind" not in values:
            entry.fail("needs a kind")
        start, end = locate(doc, entry)
        part, paragraph, sentence = _place(doc, start, end, entry)
        quote = doc.norm.text[doc.norm.norm_index(start) : doc.norm.norm_index(end)]
        detected = {
            "target_groups": lexicon.keys(quote, "target-group"),
            "instruments": lexicon.keys(quote, "instrument"),
            "countries": lexicon.keys(quote, "country"),
        }
        base = Statement(
            kind=values["kind"], start=start, end=end, quote=quote, speaker=conference,
            part=(part.kind, part.number), paragraph=paragraph, sentence=sentence,
            action_field=part.action_field, **detected,
        )
        out.append(_curated(base, **values))
    return _unique(out, where)


def _unique(statements: list[Statement], where: str) -> list[Statement]:
    seen: dict[tuple[str, int, int], Statement] = {}
    for st in statements:
        k = (st.kind, st.start, st.end)
        if k in seen:
            raise InputError(where, f"two statements {key(st)} ({st.quote[:40]!r}): drop one")
        seen[k] = st
    return sorted(seen.values(), key=lambda s: (s.start, s.end, s.kind))


def statements_for(doc: Document, curation_path: Path | None) -> list[Statement]:
    """Rule output, then the reviewed curation (if there is a file)."""
    rules = extract.extract(doc)
    if curation_path is None:
        return _unique(rules, doc.name)
    return apply(doc, rules, curation_path)
