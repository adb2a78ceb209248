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


class LLMNotConfiguredError(PressbotError):
    """Generative answers were asked for, but no LLM backend is configured."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "generative answers are not available on this server: no LLM is configured "
            "(set PRESSBOT_LLM_BACKEND to openai, ollama, transformers or llamacpp)"
            + (f"; {detail}" if detail else "") + "; use mode \"extractive\"")


class LLMUnavailableError(PressbotError):
    """The configured LLM could not be reached or failed while answering."""


class EmbeddingMismatchError(PressbotError):
    """The index was embedded with another backend than the one configured."""
