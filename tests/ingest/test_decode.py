"""Bytes to text: byte-order marks, UTF-8, guessed legacy encodings, and what is refused."""

from __future__ import annotations

import codecs
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing import api
from framing.errors import InputError
from framing.ingest import read_path
from framing.ingest.decode import MIN_CONFIDENCE, decode_bytes
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from hard_inputs import ACCENTED, ENGLISH

TEXT = "\n\n".join(ENGLISH)  # with “smart quotes”


@pytest.mark.parametrize(
    ("codec", "name"),
    [
        ("utf-16", "utf-16"),  # a BOM in the machine's byte order
        ("utf-16-be", "utf-16"),
        ("utf-32", "utf-32"),
        ("utf-32-be", "utf-32"),
        ("utf-8-sig", "utf-8"),
    ],
)
def test_a_byte_order_mark_decides_the_encoding(codec: str, name: str) -> None:
    data = TEXT.encode(codec)
    if codec.endswith("-be"):
        bom = codecs.BOM_UTF16_BE if "16" in codec else codecs.BOM_UTF32_BE
        data = bom + data
    decoded = decode_bytes(data, "a.txt")
    assert (decoded.text, decoded.encoding, decoded.confidence, decoded.warning) == (
        TEXT,
        name,
        1.0,
        None,
    )


def test_utf32_le_is_not_mistaken_for_utf16_le() -> None:
    # FF FE 00 00 starts both marks: UTF-32 must be tried first
    decoded = decode_bytes(codecs.BOM_UTF32_LE + "x".encode("utf-32-le"), "a")
    assert (decoded.text, decoded.encoding) == ("x", "utf-32")


def test_cp1252_smart_quotes_are_decoded_as_cp1252_with_a_warning() -> None:
    decoded = decode_bytes(TEXT.encode("cp1252"), "a.txt")
    assert decoded.text == TEXT
    assert "“We have been patient" in decoded.text
    assert decoded.encoding == "cp1252"
    assert MIN_CONFIDENCE <= decoded.confidence <= 1.0
    assert decoded.warning is not None and "decoded as cp1252 (a guess" in decoded.warning


def test_latin1_accents_come_back_as_written() -> None:
    text = "\n\n".join(ACCENTED)
    decoded = decode_bytes(text.encode("latin-1"), "a.txt")
    assert decoded.text == text  # São, naïve, résumé: not "Sćo" (cp1257) as a raw guess gives
    assert decoded.encoding == "cp1252"


def test_a_cyrillic_legacy_file_is_not_forced_into_cp1252() -> None:
    text = "Правительство заявило в понедельник о новых мерах. " * 5
    decoded = decode_bytes(text.encode("cp1251"), "a.txt")
    assert decoded.text == text
    assert decoded.encoding == "cp1251"


def test_nul_bytes_without_a_mark_are_binary() -> None:
    with pytest.raises(InputError, match=r"^a\.txt: binary content \(NUL bytes and no byte"):
        decode_bytes("The ferry sailed.".encode("utf-16-le"), "a.txt")


def test_bytes_that_no_encoding_fits_are_refused_in_one_line() -> None:
    with pytest.raises(InputError) as error:
        decode_bytes(bytes(range(0x80, 0x100)) * 4, "noise.txt")
    assert str(error.value).startswith("noise.txt: not valid UTF-8 (byte 0x80 at offset 0)")
    assert "save it as UTF-8" in str(error.value)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_decode_or_raise_input_error(data: bytes) -> None:
    try:
        decoded = decode_bytes(data, "x")
    except InputError as exc:
        assert "\n" not in str(exc)
    else:
        assert 0.0 <= decoded.confidence <= 1.0


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf16.txt", TEXT.encode("utf-16")),
        ("cp1252.txt", TEXT.encode("cp1252")),
        (
            "latin1.html",
            (
                f"<html><body><article><p>{ACCENTED[0]}</p><p>{ACCENTED[1]}</p>"
                f"<p>{ENGLISH[3]}</p></article></body></html>"
            ).encode("latin-1"),
        ),
    ],
)
def test_files_in_these_encodings_are_scored_and_the_encoding_recorded(
    tmp_path: Path, name: str, data: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    (score,) = api.score_paths([path], spacy_model="blank")
    expected = "utf-16" if name.startswith("utf16") else "cp1252"
    assert score.article["encoding"] == expected
    assert score.flat()["encoding"] == expected
    assert (score.warnings != ()) == (expected == "cp1252")
    (document,) = read_path(path)
    assert document.encoding == expected
