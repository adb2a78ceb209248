"""`load_docx`: a small Word file made with python-docx itself."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from bot.errors import IngestError
from bot.ingest.formats import load_document
from bot.ingest.parse import parse_transcript


def _docx(core_title: str | None = None) -> bytes:
    document = docx.Document()
    if core_title:
        document.core_properties.title = core_title
    document.add_heading("Press Briefing by the Mayor, June 3, 2024", level=0)
    document.add_paragraph("City Hall")
    document.add_paragraph("THE MAYOR: Good morning. The new bridge opens on Monday.")
    document.add_paragraph("Q: How much did it cost?")
    document.add_paragraph("THE MAYOR: It cost 42 million dollars, under budget.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Q: And the opening time?"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_paragraphs_in_order_with_title() -> None:
    text = load_document(_docx(), "mayor.docx")
    doc = parse_transcript(text, "mayor.docx")
    assert doc.title == "Press Briefing by the Mayor, June 3, 2024"
    assert doc.date == "2024-06-03"
    assert [t.label for t in doc.turns] == ["THE MAYOR", "Q", "THE MAYOR", "Q"]
    assert "It cost 42 million dollars, under budget." in doc.text
    assert doc.text.index("bridge opens") < doc.text.index("42 million")


def test_core_title_wins() -> None:
    text = load_document(_docx(core_title="Mayor's briefing"), "mayor.docx")
    assert text.startswith("Title: Mayor's briefing\n---\n")
    assert "Press Briefing by the Mayor, June 3, 2024" in text  # kept as a paragraph


def test_not_a_zip() -> None:
    with pytest.raises(IngestError) as info:
        load_document(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old-word.docx")
    assert info.value.path == "old-word.docx"
    assert info.value.reason == "not a Word .docx file (not a zip archive)"


def test_zip_that_is_not_a_word_document() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(IngestError, match="cannot read Word document"):
        load_document(out.getvalue(), "fake.docx")
