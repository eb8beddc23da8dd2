"""PDF and Word input: text, metadata, and one-line errors for what cannot be read."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from framing import api
from framing.errors import InputError, MissingExtraError
from framing.ingest import read_path
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from hard_inputs import ENGLISH


def _pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def make_pdf(path: Path, paragraphs: list[str], info: dict[str, str]) -> None:
    """A one-page PDF with a text layer (Helvetica, one paragraph per block) and an Info
    dictionary: written by hand, so the test needs no PDF writer."""
    lines = ["BT", "/F1 10 Tf", "14 TL", "50 780 Td"]
    for p in paragraphs:
        words, line = p.split(), ""
        for w in words:
            if len(line) + len(w) > 90:
                lines.append(f"{_pdf_string(line.strip())} Tj T*")
                line = ""
            line += w + " "
        lines.append(f"{_pdf_string(line.strip())} Tj T*")
        lines.append("() Tj T*")
    lines.append("ET")
    stream = "\n".join(lines).encode("latin-1")
    meta = " ".join(f"/{k} {_pdf_string(v)}" for k, v in info.items())
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< {meta} >>".encode("latin-1"),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    path.write_bytes(bytes(out))


PARAGRAPHS = [p.replace("“", '"').replace("”", '"') for p in ENGLISH[:3]]


def test_a_pdf_is_read_with_its_metadata(tmp_path: Path) -> None:
    path = tmp_path / "story.pdf"
    info = {"Title": "Ferry crews strike", "Author": "Ann Lee", "CreationDate": "D:20250516120000"}
    make_pdf(path, PARAGRAPHS, info)
    (document,) = read_path(path)
    assert "stranding about 3,000" in document.text
    assert "night-shift allowance" in document.text
    meta = document.metadata
    assert (meta.title, meta.byline, meta.date) == ("Ferry crews strike", "Ann Lee", "2025-05-16")
    (score,) = api.score_paths([path], spacy_model="blank")
    assert score.article["title"] == "Ferry crews strike"
    assert score.metrics["words"] > 50


def test_a_pdf_without_a_text_layer_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    make_pdf(path, [], {})
    with pytest.raises(InputError, match=r"scan\.pdf: the PDF has no text layer"):
        read_path(path)


def test_a_damaged_pdf_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is not a pdf")
    with pytest.raises(InputError) as error:
        read_path(path)
    assert str(error.value).startswith(f"{path}: not a readable PDF")
    assert "\n" not in str(error.value)


def test_a_word_file_is_read_with_its_core_properties(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    from datetime import datetime

    word = docx.Document()
    word.add_paragraph("Share")  # furniture the cleaner removes, as from any page
    for p in ENGLISH[:4]:
        word.add_paragraph(p)
    word.core_properties.title = "Ferry crews strike"
    word.core_properties.author = "Ann Lee"
    word.core_properties.created = datetime(2025, 5, 16, 9, 30)
    path = tmp_path / "story.docx"
    word.save(str(path))
    (document,) = read_path(path)
    assert document.text.startswith("Ferry crews on the northern route")
    assert "“We have been patient for six months,”" in document.text
    meta = document.metadata
    assert (meta.title, meta.byline, meta.date) == ("Ferry crews strike", "Ann Lee", "2025-05-16")
    assert [r.reason for r in document.removed] == ["share-widget"]


def test_a_damaged_word_file_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match=r"broken\.docx: not a readable \.docx file"):
        read_path(path)


def test_without_the_extra_the_error_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pypdf", None)  # import raises ImportError
    path = tmp_path / "story.pdf"
    make_pdf(path, PARAGRAPHS, {})
    with pytest.raises(MissingExtraError) as error:
        read_path(path)
    assert str(error.value) == (
        "reading PDF files needs pypdf (pip install 'framing-toolkit[documents]')"
    )
