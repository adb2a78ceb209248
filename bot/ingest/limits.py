"""How much work one file may cost to parse (issue 17): a budget of characters, lines and
paragraphs, pages, markup elements and seconds.

A file over its budget fails with a reason that names the file and the limit (and the
setting that raises it); it never holds the writer for long. The defaults are far above
any real transcript (the longest in the archives has about 3,000 paragraphs and 40 pages).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bot.errors import IngestError

SAFE_URL_SCHEMES = ("http", "https")


@dataclass(frozen=True)
class ParseBudget:
    max_chars: int = 5_000_000  # characters of text in one file
    max_paragraphs: int = 100_000  # paragraphs (or lines) of one file
    max_pages: int = 2_000  # pages of one PDF
    max_elements: int = 1_000_000  # XML or HTML elements of one file
    max_seconds: float = 30.0  # wall-clock time of reading and parsing one file
    started: float = field(default_factory=time.monotonic, compare=False)

    @classmethod
    def of(cls, settings: object) -> ParseBudget:
        """The budget the settings give (`PRESSBOT_PARSE_MAX_*`), its clock started now."""
        return cls(max_chars=settings.parse_max_chars,  # type: ignore[attr-defined]
                   max_paragraphs=settings.parse_max_paragraphs,  # type: ignore[attr-defined]
                   max_pages=settings.parse_max_pages,  # type: ignore[attr-defined]
                   max_elements=settings.parse_max_elements,  # type: ignore[attr-defined]
                   max_seconds=settings.parse_max_seconds)  # type: ignore[attr-defined]

    def limit(self, what: str) -> int:
        return _LIMITS[what](self)[0]

    def count(self, name: str, what: str, n: int, counted_all: bool = True) -> None:
        """IngestError when `n` `what`s (characters, lines, paragraphs, pages, elements)
        are over the limit; `counted_all` False when counting stopped past the limit."""
        limit, setting = _LIMITS[what](self)
        if n > limit:
            many = f"{n:,} {what}" if counted_all else f"more than {limit:,} {what}"
            raise IngestError(name, f"{name} has {many}, over the limit of {limit:,} per "
                                    f"file ({setting})")

    def tick(self, name: str) -> None:
        """IngestError once the file has taken longer than `max_seconds`."""
        if time.monotonic() - self.started > self.max_seconds:
            raise IngestError(name, f"{name} took over {self.max_seconds:g} s to parse, the "
                                    "limit per file (PRESSBOT_PARSE_MAX_SECONDS)")


_LIMITS = {
    "characters": lambda b: (b.max_chars, "PRESSBOT_PARSE_MAX_CHARS"),
    "paragraphs": lambda b: (b.max_paragraphs, "PRESSBOT_PARSE_MAX_PARAGRAPHS"),
    "lines": lambda b: (b.max_paragraphs, "PRESSBOT_PARSE_MAX_PARAGRAPHS"),
    "pages": lambda b: (b.max_pages, "PRESSBOT_PARSE_MAX_PAGES"),
    "elements": lambda b: (b.max_elements, "PRESSBOT_PARSE_MAX_ELEMENTS"),
}

def safe_url(url: str | None) -> str | None:
    """`url` when it is an absolute http(s) address, else None (`javascript:`, `data:`,
    `file:`, relative and malformed addresses are not links anyone should follow)."""
    if not url:
        return None
    value = url.strip()
    if any(ord(c) < 0x21 or 0x7f <= ord(c) <= 0x9f for c in value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_URL_SCHEMES or not parts.netloc:
        return None
    return value
