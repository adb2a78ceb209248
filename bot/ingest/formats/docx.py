"""Word `.docx` transcripts with python-docx: paragraphs (and table cells) in order."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.table import Table

from bot.errors import IngestError
from bot.ingest.formats.compose import transcript_text

_TITLE_STYLES = ("Title", "Heading 1")


def load_docx(data: bytes, name: str) -> str:
    """Transcript text of a `.docx`; the core properties' title, else a Title paragraph."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise IngestError(name, "not a Word .docx file (not a zip archive)")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors...
        raise IngestError(name, f"cannot read Word document: {exc.__class__.__name__}") from None
    title = (document.core_properties.title or "").strip() or None
    paragraphs: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            paragraphs.extend(_table_text(block))
            continue
        text = block.text.strip()
        style = block.style.name if block.style is not None else ""
        if title is None and text and style in _TITLE_STYLES and not paragraphs:
            title = text
            continue
        paragraphs.append(text)
    if not any(paragraphs):
        raise IngestError(name, "Word document has no text")
    return transcript_text(paragraphs, title=title)


def _table_text(table: Table) -> list[str]:
    rows = []
    for row in table.rows:
        cells = [c.text.strip() for c in row.cells if c.text.strip()]
        if cells:
            rows.append(" ".join(dict.fromkeys(cells)))  # merged cells repeat their text
    return rows
