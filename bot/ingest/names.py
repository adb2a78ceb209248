"""Document ids from uploaded files' names: checked, never trusted.

A relative POSIX path (`fomc/2022-09-21_fomc_presser.txt`, as `pressbot ingest
--server` sends for a folder) is kept; an absolute path, a `..` part, a backslash,
a control character or an empty part is refused. Nothing is ever written under
that name: the id is a key in the index.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from bot.ingest.pipeline import SUPPORTED_SUFFIXES

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
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
    if len(name) > MAX_NAME_CHARS or _CONTROL.search(name) or "\\" in name:
        raise BadName("file name is too long or has control characters or backslashes")
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
