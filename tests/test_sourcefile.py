"""Reading source files: UTF-8 text in, one-line InputError for anything unusable."""

from pathlib import Path

import pytest

from mkgraph.errors import InputError
from mkgraph.text.sourcefile import decode
from mkgraph.text.structure import read_source

SEED = Path(__file__).resolve().parents[1] / "sources" / "intmk-2017-top-2-1.txt"


def test_seed_reads_as_name_and_text():
    name, text = read_source(SEED)
    assert name == "intmk-2017-top-2-1"
    assert text == SEED.read_bytes().decode("utf-8")
    assert text.lstrip().startswith("12. Integrationsministerkonferenz 2017")


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty file"),
        (b"  \n\n \t", "empty file (whitespace only)"),
        (b"TOP 1\x00\x01\x02", "binary file (contains NUL bytes)"),
        (b"\x89PNG\r\n\x1a\n\xff\xfe\x81\x8d", "not UTF-8 text"),
        (b"TOP 1 \x85 no German letters here", "not UTF-8 text"),
        (b"abc\x07def", "control characters"),
    ],
)
def test_bad_files_name_the_file(tmp_path, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as exc:
        read_source(path)
    assert exc.value.where == str(path)
    assert message in exc.value.what
    assert "\n" not in str(exc.value)


def test_cp1252_german_text_is_accepted_and_reported(tmp_path):
    raw = "Die Länder fördern Sprachkurse für Geflüchtete.".encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert decode(raw, "x.txt") == ("Die Länder fördern Sprachkurse für Geflüchtete.", "cp1252")
    path = tmp_path / "alt.txt"
    path.write_bytes(raw)
    assert read_source(path) == ("alt", "Die Länder fördern Sprachkurse für Geflüchtete.")


def test_utf16_with_byte_order_mark_is_read():
    text = "Die Länder bitten den Bund,\r\n\fdie Mittel zu erhöhen."
    assert decode(text.encode("utf-16"), "x") == (text, "utf-16")
    assert decode(text.encode("utf-16-be").join([b"\xfe\xff", b""]), "x") == (text, "utf-16")
    with pytest.raises(InputError, match="not UTF-16 text"):
        decode(b"\xff\xfeA\x00\x00\xd8", "x")  # a lone surrogate
    with pytest.raises(InputError, match="control characters"):
        decode("TOP\x01".encode("utf-16"), "x")


def test_byte_order_mark_is_dropped():
    assert decode("\ufeffTOP 2.1".encode("utf-8"), "x") == ("TOP 2.1", "utf-8")


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_source(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_source(tmp_path)
