"""Reading a source text file: bytes to text, with one-line errors for bad files.

Sources are UTF-8 (a leading byte-order mark is dropped, so offsets count from the first
real character); UTF-16 with a byte-order mark (Windows' "Unicode") is read too. A file that is not UTF-8 but decodes as Windows-1252 (cp1252) and reads as
German text — it contains umlauts or ß and no control characters — is accepted as
cp1252: texts saved by older Windows tools are common among conference documents.
Offsets then count code points of the decoded text, exactly as for UTF-8 files, but a
tool that cuts characters out of the stored bytes must decode them as cp1252 too;
``decode`` returns the encoding it used so callers can record it. Anything else (empty,
NUL bytes, neither UTF-8 nor German cp1252) is an InputError naming the file.

A PDF (by its suffix) is read through its text layer (pypdf, the optional extra ``pdf``).

A file larger than ``max_bytes()`` (10,000,000 bytes unless the environment variable
``MKGRAPH_MAX_SOURCE_BYTES`` says otherwise; ``--max-source-bytes`` of build and ingest sets
it) is refused by its size on disk before a byte is read: the pipeline needs many times a
text's size in memory, and a resolution is 5-100 KB.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from mkgraph.errors import InputError

# control characters that mean binary data; a form feed (\x0c) is how pdftotext and
# printed text files separate pages, so it is text
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_GERMAN = re.compile(r"[äöüÄÖÜß]")
LIMIT_VARIABLE = "MKGRAPH_MAX_SOURCE_BYTES"
DEFAULT_MAX_BYTES = 10_000_000


def max_bytes() -> int:
    """The largest source file accepted, in bytes (``MKGRAPH_MAX_SOURCE_BYTES`` or 10,000,000)."""
    value = os.environ.get(LIMIT_VARIABLE, "").strip()
    if not value:
        return DEFAULT_MAX_BYTES
    if not value.isdigit() or int(value) <= 0:
        raise InputError(LIMIT_VARIABLE, f"must be a positive number of bytes, not {value!r}")
    return int(value)


def check_size(path: Path) -> None:
    """InputError naming the file and the limit when it is too large to read (by stat, unread)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    limit = max_bytes()
    if size > limit:
        raise InputError(str(path), f"{size:,} bytes is larger than the {limit:,}-byte limit for a source text "
                         f"(raise it with --max-source-bytes or {LIMIT_VARIABLE})")


def decode(data: bytes, where: str) -> tuple[str, str]:
    """(text, encoding) of a source file's bytes; InputError(where, …) when unusable."""
    if not data:
        raise InputError(where, "empty file")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        # what Windows editors save as "Unicode": UTF-16 with its byte-order mark (NUL bytes
        # in every other byte, so it must be told apart before the binary check)
        try:
            return _checked(data.decode("utf-16"), where), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(where, f"not UTF-16 text (undecodable bytes at offset {exc.start})") from None
    if b"\x00" in data:
        raise InputError(where, "binary file (contains NUL bytes), expected UTF-8 text")
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(where, f"not UTF-8 text (undecodable byte at offset {exc.start})") from None
        if _CONTROL.search(text) or not _GERMAN.search(text):
            raise InputError(where, f"not UTF-8 text (undecodable byte at offset {exc.start})")
        encoding = "cp1252"
    return _checked(text, where), encoding


def _checked(text: str, where: str) -> str:
    if _CONTROL.search(text):
        raise InputError(where, "binary file (contains control characters), expected text")
    if not text.strip():
        raise InputError(where, "empty file (whitespace only)")
    return text


def read_source(path: Path) -> tuple[str, str]:
    """(name, text) of a source file: name is the file stem, text the decoded contents."""
    path = Path(path)
    if not path.is_dir():
        check_size(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(str(path), "is a directory, expected a text file") from None
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    text, _ = decode(data, str(path))
    return path.stem, text


def pdf_text(path: Path) -> str:
    """The text layer of a PDF, pages separated by a blank line; InputError if there is none."""
    try:
        import pypdf
    except ImportError:
        raise InputError(str(path), "reading PDFs needs pypdf (pip install 'mkgraph[pdf]')") from None
    try:
        reader = pypdf.PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except Exception as exc:  # pypdf raises many kinds for damaged files; all mean the same here
        raise InputError(str(path), f"not a readable PDF ({type(exc).__name__})") from None
    text = "\n\n".join(p.strip("\n") for p in pages)
    if not text.strip():
        raise InputError(str(path), "the PDF has no text layer (scanned?); OCR it first")
    return text


def read(path: Path) -> tuple[str, str]:
    """(name, text) of a resolution file: a PDF by its suffix, anything else as text."""
    path = Path(path)
    if path.suffix.lower() == ".pdf":
        if not path.is_file():
            raise InputError(str(path), "no such file")
        check_size(path)
        return path.stem, pdf_text(path)
    return read_source(path)
