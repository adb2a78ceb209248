"""Errors that carry a clear, user-facing reason."""

from __future__ import annotations


class PressbotError(Exception):
    """Base class of the errors this package raises on purpose."""


class IngestError(PressbotError):
    """A file could not be ingested; `path` names it, `reason` says why."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class IndexLockedError(PressbotError):
    """Another process holds the embedded index for writing."""


class EmbeddingMismatchError(PressbotError):
    """The index was embedded with another backend than the one configured."""
