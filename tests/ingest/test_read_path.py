"""read_path dispatch and the one-line InputError for every file that cannot be read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from framing.errors import InputError
from framing.ingest import SUPPORTED_EXTENSIONS, read_path, read_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
ARTICLE = "Harbour ferry returns\n\nThe ferry sailed again on Friday.\n\nShare\n"


def fails(path: Path | str) -> str:
    """The message of the InputError that reading ``path`` raises; it names the file."""
    with pytest.raises(InputError) as error:
        read_path(path)
    message = str(error.value)
    assert str(path) in message
    assert "\n" not in message
    return message


@pytest.mark.parametrize("name", ["story.txt", "story.md", "story", "STORY.TXT"])
def test_plain_text_files(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(ARTICLE, encoding="utf-8")
    (document,) = read_path(path)
    assert document.text == "The ferry sailed again on Friday."
    assert document.metadata.title == "Harbour ferry returns"
    assert document.source == str(path)


def test_markdown_heading_marks_are_not_part_of_the_title() -> None:
    (document,) = read_path(FIXTURES / "plain.md")
    assert document.metadata.title == "Not a markdown parser"


def test_a_string_path_works_too() -> None:
    assert read_path(str(FIXTURES / "plain.md"))[0].text.startswith("The reader treats")


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "The café reopened on Friday.".encode())
    assert read_path(path)[0].text == "The café reopened on Friday."


def test_missing_file(tmp_path: Path) -> None:
    assert "no such file" in fails(tmp_path / "absent.txt")


def test_directory(tmp_path: Path) -> None:
    assert "is a directory" in fails(tmp_path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert "empty" in fails(path)


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text(" \n\t\n  \n")
    assert "whitespace only" in fails(path)


def test_binary_file_with_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert "binary" in fails(path)


def test_utf16_without_a_byte_order_mark_is_refused_as_binary(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes("The ferry sailed.".encode("utf-16-le"))
    assert "binary" in fails(path)


def test_utf16_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes("The ferry sailed.".encode("utf-16"))
    (document,) = read_path(path)
    assert (document.text, document.encoding, document.warnings) == (
        "The ferry sailed.",
        "utf-16",
        (),
    )


def test_latin1_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("The café reopened on Friday after the storm.".encode("latin-1"))
    (document,) = read_path(path)
    assert document.text == "The café reopened on Friday after the storm."
    assert document.encoding == "cp1252"
    assert "not valid UTF-8: decoded as cp1252" in document.warnings[0]


def test_bytes_no_encoding_fits_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 4)
    assert "not valid UTF-8 (byte 0x80 at offset 0)" in fails(path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(ARTICLE)
    path.chmod(0)
    try:
        assert "cannot be read" in fails(path)
    finally:
        path.chmod(0o600)


def test_nothing_left_after_cleaning(tmp_path: Path) -> None:
    path = tmp_path / "furniture.txt"
    path.write_text("Share\n\nSubscribe\n\nLEAVE A REPLY\n\nspot_imgspot_img\n")
    assert "nothing left after cleaning" in fails(path)


def test_unknown_extension_names_the_supported_ones(tmp_path: Path) -> None:
    message = fails(tmp_path / "report.odt")
    assert "'.odt'" in message
    assert all(ext in message for ext in SUPPORTED_EXTENSIONS if ext)
    assert "(no extension)" in message


def test_read_text_refuses_empty_input_and_names_the_source() -> None:
    with pytest.raises(InputError, match=r"^<stdin>: empty"):
        read_text("  \n ")
    with pytest.raises(InputError, match=r"^pasted: nothing left after cleaning"):
        read_text("Share\nSubscribe", source="pasted")


def test_reading_a_small_file_reserves_no_more_than_its_size(tmp_path: Path) -> None:
    import tracemalloc

    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "Rain fell on Monday."}\n', encoding="utf-8")
    tracemalloc.start()
    try:
        read_path(feed)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8_000_000  # read(limit) once reserved the whole 4 GB limit at once
