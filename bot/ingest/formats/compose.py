"""Write a loader's result in the text form `parse_transcript` reads."""

from __future__ import annotations

import re
from collections.abc import Iterable

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def transcript_text(
    paragraphs: Iterable[str],
    *,
    title: str | None = None,
    date: str | None = None,
    source: str | None = None,
    url: str | None = None,
) -> str:
    """A `Title:`/`Date:`/`Source:`/`Original URL:` block and `---` (when any is known),
    then the paragraphs separated by blank lines."""
    fields = (("Title", title), ("Date", date), ("Source", source), ("Original URL", url))
    header = [f"{key}: {one_line(value)}" for key, value in fields if value and one_line(value)]
    body = "\n\n".join(p for p in (p.strip() for p in paragraphs) if p)
    if not header:
        return body
    return "\n".join(header) + "\n---\n\n" + body


def one_line(text: str) -> str:
    """Collapse all white space (non-breaking and newlines included) to single spaces."""
    return _SPACES.sub(" ", text.replace("\n", " ")).strip()
