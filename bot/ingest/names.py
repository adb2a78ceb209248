"""Document ids from uploaded files' names: checked, never trusted.

A relative POSIX path (`fomc/2022-09-21_fomc_presser.txt`, as `pressbot ingest
--server` sends for a folder) is kept; an absolute path, a `..` part, a backslash,
a control character or an empty part is refused. Nothing is ever written under
that name: the id is a key in the index.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath

from bot.ingest.pipeline import SUPPORTED_SUFFIXES

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# control (Cc), format (Cf: bidirectional overrides such as U+202E, zero-width
# characters), line and paragraph separators (U+2028, U+2029), surrogates, private use
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co"})
MAX_NAME_CHARS = 300


class BadName(ValueError):
    """A file name that cannot be a document id; `unsupported` when only its type is wrong."""

    def __init__(self, message: str, unsupported: bool = False) -> None:
        super().__init__(message)
        self.unsupported = unsupported


def document_id(name: str | None) -> str:
    """The document id for an uploaded file's `name`, or BadName."""
    if not name or not name.strip():
        raise BadName("each uploaded file needs a file name")
    if len(name) > MAX_NAME_CHARS or "\\" in name or has_control_characters(name):
        raise BadName("file name is too long or has control, invisible or bidirectional "
                      "characters or backslashes")
    path = PurePosixPath(name)
    parts = [p for p in path.parts if p != "."]
    if path.is_absolute() or not parts or any(p in ("..", "") for p in parts) \
            or "//" in name:
        raise BadName(f"file name {name!r} must be a relative path without '..' (the "
                      "document id is the name as given)")
    if PurePosixPath(parts[-1]).suffix.lower() not in SUPPORTED_SUFFIXES:
        kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise BadName(f"{parts[-1]}: cannot read this type of file; send {kinds}",
                      unsupported=True)
    return "/".join(parts)


def has_control_characters(name: str) -> bool:
    """C0 and C1 controls, bidirectional and other invisible format characters, line and
    paragraph separators: characters that make a name display as something it is not."""
    return bool(_CONTROL.search(name)) or any(
        unicodedata.category(c) in _REFUSED_CATEGORIES for c in name)
