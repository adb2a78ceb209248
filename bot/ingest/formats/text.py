"""Plain text and Markdown: decode the bytes, as `read_text` does for a file on disk."""

from __future__ import annotations

from bot.errors import IngestError
from bot.ingest.limits import ParseBudget
from bot.ingest.read import _MAX_CONTROL_SHARE, _control_share, decode_bytes


def load_text(data: bytes, name: str, budget: ParseBudget | None = None) -> str:
    """Decoded text with `\\n` newlines; Markdown front matter is left for the parser."""
    if not data:
        raise IngestError(name, "file is empty")
    budget = budget or ParseBudget()
    budget.count(name, "characters", len(data) // 4)  # at most 4 bytes a character
    text = decode_bytes(data, name)
    budget.count(name, "characters", len(text))
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise IngestError(name, "file is empty")
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise IngestError(name, "binary file, not a transcript")
    return text
