"""Word `.docx` transcripts with python-docx: paragraphs (and table cells) in order.

Bounded (`bot.ingest.limits`): the archive's declared sizes, the document's XML elements
and its paragraphs are counted before python-docx walks them, so a small file of millions
of empty paragraphs fails at once; a paragraph's style is looked up only while the title
is still being looked for (a lookup per paragraph cost 2 ms).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

import docx
from docx.oxml.ns import qn
from docx.table import Table

from bot.errors import IngestError
from bot.ingest.formats.compose import transcript_text
from bot.ingest.limits import ParseBudget

_TITLE_STYLES = ("Title", "Heading 1")
_XML_BYTES_PER_CHAR = 40  # markup around each character of text, generously


def load_docx(data: bytes, name: str, budget: ParseBudget | None = None) -> str:
    """Transcript text of a `.docx`; the core properties' title, else a Title paragraph."""
    budget = budget or ParseBudget()
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise IngestError(name, "not a Word .docx file (not a zip archive)")
    _check_archive(data, name, budget)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors...
        raise IngestError(name, f"cannot read Word document: {exc.__class__.__name__}") from None
    budget.tick(name)
    body = document.element.body
    _count(body.iter(qn("w:p"), qn("w:tr")), name, "paragraphs", budget)
    _count(body.iter(), name, "elements", budget)
    title = (document.core_properties.title or "").strip() or None
    paragraphs: list[str] = []
    for i, block in enumerate(document.iter_inner_content()):
        if i % 1000 == 0:
            budget.tick(name)
        if isinstance(block, Table):
            paragraphs.extend(_table_text(block))
            continue
        text = block.text.strip()
        if title is None and text and not paragraphs:
            style = block.style.name if block.style is not None else ""
            if style in _TITLE_STYLES:
                title = text
                continue
        paragraphs.append(text)
    if not any(paragraphs):
        raise IngestError(name, "Word document has no text")
    return transcript_text(paragraphs, title=title)


def _check_archive(data: bytes, name: str, budget: ParseBudget) -> None:
    """Refuse an archive whose parts unpack to more than the budget's text could need."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    limit = budget.max_chars * _XML_BYTES_PER_CHAR
    if unpacked > limit:
        raise IngestError(name, f"{name} unpacks to {unpacked:,} bytes, over the limit of "
                                f"{limit:,} ({_XML_BYTES_PER_CHAR} x PRESSBOT_PARSE_MAX_CHARS)")


def _count(elements: Iterable[object], name: str, what: str, budget: ParseBudget) -> None:
    limit = budget.limit(what)
    for n, _ in enumerate(elements, 1):
        if n > limit:
            budget.count(name, what, n, counted_all=False)


def _table_text(table: Table) -> list[str]:
    rows = []
    for row in table.rows:
        cells = [c.text.strip() for c in row.cells if c.text.strip()]
        if cells:
            rows.append(" ".join(dict.fromkeys(cells)))  # merged cells repeat their text
    return rows
