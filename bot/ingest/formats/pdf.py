"""PDF transcripts (the Federal Reserve's FOMC press conferences and the like) with pypdf.

Running headers (`Chair Powell’s Press Conference FINAL`, the date) and footers
(`Page 5 of 26`) are dropped by where they sit on the page; wrapped lines are
joined into paragraphs; `CHAIR POWELL.` at a paragraph's start becomes
`CHAIR POWELL:`. Title and date come from the first page's title block, else
from the file name (`FOMCpresconf20220921.pdf`) and the PDF's metadata.
"""

from __future__ import annotations

import io
import logging
import re
from pathlib import PurePath

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

from bot.errors import IngestError
from bot.ingest.dates import parse_date
from bot.ingest.formats.compose import one_line, transcript_text
from bot.ingest.formats.pdf_lines import Line, body_lines, left_margin, page_lines, paragraphs
from bot.ingest.limits import ParseBudget
from bot.ingest.speakers import MODERATOR_LABELS, REPORTER_LABELS, UNKNOWN_LABELS

FED = "Board of Governors of the Federal Reserve System"
FED_URL = "https://www.federalreserve.gov/mediacenter/files/{name}"
_FOMC_NAME = re.compile(r"FOMCpresconf(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})", re.IGNORECASE)
_NAME_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})-?(?P<m>\d{2})-?(?P<d>\d{2})(?!\d)")
_LABEL = re.compile(
    r"^(?P<label>(?:[A-Z][A-Z’'\-]*\.? ){0,5}[A-Z][A-Z’'\-]+)[.:] +(?=\S)"
)
_SINGLE_WORD_LABELS = REPORTER_LABELS | MODERATOR_LABELS | UNKNOWN_LABELS
_EOF_WINDOW = 2048

logging.getLogger("pypdf").setLevel(logging.ERROR)  # it warns about every odd object


def load_pdf(data: bytes, name: str, budget: ParseBudget | None = None) -> str:
    """Transcript text of a PDF; `IngestError` for a corrupt, truncated or locked one."""
    budget = budget or ParseBudget()
    reader = _open(data, name)
    budget.count(name, "pages", len(reader.pages))
    lines: list[Line] = []
    chars = 0
    try:
        for number, page in enumerate(reader.pages):
            box = page.mediabox
            found = page_lines(page, number)
            lines.extend(body_lines(found, float(box.bottom), float(box.top)))
            chars += sum(len(line.text) for line in found)
            budget.count(name, "characters", chars)
            budget.count(name, "lines", len(lines))
            budget.tick(name)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise IngestError(name, f"corrupt PDF: {_detail(exc)}") from None
    if not lines:
        raise IngestError(name, "PDF has no text layer (a scanned image?); nothing to read")
    title_lines, lines = _title_block(lines)
    body = [_label(p) for p in paragraphs(lines, _LABEL)]
    meta = reader.metadata or {}
    title, date = _title_and_date(title_lines, meta, name)
    fomc = _FOMC_NAME.search(PurePath(name).name)
    author = str(meta.get("/Author") or "")
    source = FED if fomc or "federal reserve" in author.lower() else (author or None)
    url = FED_URL.format(name=PurePath(name).name) if fomc else None
    return transcript_text(body, title=title, date=date, source=source, url=url)


def _open(data: bytes, name: str) -> PdfReader:
    if b"%PDF-" not in data[:1024]:
        raise IngestError(name, "not a PDF file (no %PDF header)")
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        raise IngestError(name, "truncated PDF: the file ends before its end-of-file marker")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError(name, "PDF is password-protected; save an unlocked copy")
        len(reader.pages)
    except IngestError:
        raise
    except FileNotDecryptedError:
        raise IngestError(name, "PDF is password-protected; save an unlocked copy") from None
    except DependencyError as exc:
        raise IngestError(name, f"encrypted PDF needs an extra package: {exc}") from None
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise IngestError(name, f"corrupt PDF: {_detail(exc)}") from None
    return reader


def _detail(exc: Exception) -> str:
    return str(exc).strip().split("\n", 1)[0][:200] or exc.__class__.__name__


def _title_block(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """First-page lines before the first paragraph that are centred (the title block)."""
    margin = left_margin(lines)
    block: list[Line] = []
    for line in lines:
        if line.page != 0 or _LABEL.match(line.text) or line.x <= margin + 72:
            break
        block.append(line)
    if len(block) > 4:  # not a title block: an indented first page
        return [], lines
    return block, lines[len(block) :]


def _title_and_date(
    block: list[Line], meta: dict, name: str
) -> tuple[str | None, str | None]:
    dated = [ln.text for ln in block if parse_date(ln.text) and len(ln.text) <= 40]
    words = [ln.text for ln in block if ln.text not in dated]
    title = one_line(" ".join(words)) or str(meta.get("/Title") or "") or None
    date = next((parse_date(t) for t in dated), None) or _date_from_name(name)
    return title, date


def _date_from_name(name: str) -> str | None:
    match = _FOMC_NAME.search(PurePath(name).name) or _NAME_DATE.search(PurePath(name).stem)
    if not match:
        return None
    return parse_date(f"{match['y']}-{match['m']}-{match['d']}")


def _label(paragraph: str) -> str:
    """`CHAIR POWELL.  Good afternoon.` -> `CHAIR POWELL: Good afternoon.`"""
    match = _LABEL.match(paragraph)
    if not match:
        return paragraph
    label = match.group("label")
    if " " not in label and label not in _SINGLE_WORD_LABELS:
        return paragraph  # `OK. So ...`: a sentence, not a speaker
    return f"{label}: {paragraph[match.end() :]}"
