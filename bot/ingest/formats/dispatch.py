"""Choose a loader by file suffix; refuse what no loader reads.

    >>> load_document(b"CHAIR POWELL: Good afternoon.", "a.txt")
    'CHAIR POWELL: Good afternoon.'
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath

from bot.errors import IngestError
from bot.ingest.formats.docx import load_docx
from bot.ingest.formats.html import load_html
from bot.ingest.formats.pdf import load_pdf
from bot.ingest.formats.text import load_text
from bot.ingest.limits import ParseBudget

Loader = Callable[[bytes, str, ParseBudget | None], str]

LOADERS: dict[str, Loader] = {
    ".txt": load_text,
    ".md": load_text,
    ".html": load_html,
    ".htm": load_html,
    ".pdf": load_pdf,
    ".docx": load_docx,
}
SUFFIXES = frozenset(LOADERS)


def load_document(data: bytes, name: str, budget: ParseBudget | None = None) -> str:
    """Transcript text of a file's bytes; `name` (a path or file name) gives the format.

    Raises `IngestError(name, reason)` for an unsupported type, an empty file, or
    one its loader cannot read, or one over its `budget` (of characters, paragraphs,
    pages, elements, seconds).
    """
    suffix = PurePath(name).suffix.lower()
    loader = LOADERS.get(suffix)
    if loader is None:
        known = ", ".join(sorted(SUFFIXES))
        shown = f"'{suffix}'" if suffix else "no suffix"
        raise IngestError(name, f"unsupported file type ({shown}); supported: {known}")
    if not data or not data.strip():
        raise IngestError(name, "file is empty")
    return loader(data, name, budget)
