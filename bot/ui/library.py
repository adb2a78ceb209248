"""The Library tab's work: the indexed transcripts as rows, uploads, deletions.

Writes need a key when the server has API keys (`can_write` says whether a key
will do); every outcome is a row a reporter can read, never an exception.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from bot.schema import IngestFileResult
from bot.service import QAService

DOC_HEADERS = ["Date", "Title", "Passages", "Source", "Document id"]
DOC_WIDTHS = ["11%", "37%", "8%", "22%", "22%"]
RESULT_HEADERS = ["File", "Result", "Passages", "Details"]
KeyCheck = Callable[[str | None], bool]


def document_rows(service: QAService) -> list[list[object]]:
    """One row per indexed transcript, newest first."""
    docs = sorted(service.documents(), key=lambda d: (d.date or "", d.doc_id), reverse=True)
    return [[d.date or "undated", d.title or d.doc_id, d.passages, d.source or "", d.doc_id]
            for d in docs]


def result_rows(results: Iterable[IngestFileResult]) -> list[list[object]]:
    rows = []
    for r in results:
        details = r.reason or (f"same text as {r.duplicate_of}" if r.duplicate_of else "")
        rows.append([r.path, r.status, r.passages, details])
    return rows


def refused(can_write: KeyCheck | None, key: str | None) -> str | None:
    """Why a write is refused (no key, wrong key), or None when it may go ahead."""
    if can_write is None:
        return None
    if not (key or "").strip():
        return "Enter an API key to upload or delete transcripts."
    if not can_write(key.strip()):
        return "That API key is not valid."
    return None


def upload(service: QAService, paths: list[str], step: Callable[[int, int, str], None]
           ) -> list[IngestFileResult]:
    """Index uploaded files one by one (`step(done, total, name)` before each)."""
    results = []
    for i, path in enumerate(paths):
        name = Path(path).name
        step(i, len(paths), name)
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            results.append(IngestFileResult(path=name, status="failed",
                                            reason=f"cannot read the upload: {error}"))
            continue
        results.append(service.add_upload(name, data))
    return results
