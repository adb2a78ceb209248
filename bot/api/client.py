"""`pressbot ingest --server URL`: send transcripts to a running server, one file a request.

Each file goes to `POST /api/v1/documents` under the same id a local ingest
would give it (its path relative to the folder), so the server, which holds
the index's writer lock, does the indexing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx

from bot.errors import PressbotError
from bot.ingest.pipeline import discover, doc_id_for
from bot.schema import IngestFileResult, IngestReport

TIMEOUT_S = 600.0


def _reason(response: httpx.Response) -> str:
    try:
        return str(response.json()["error"]["message"])
    except (ValueError, KeyError, TypeError):
        return f"HTTP {response.status_code}"


def upload_path(server: str, path: Path, api_key: str | None = None,
                on_file: Callable[[IngestFileResult], None] | None = None) -> IngestReport:
    """Upload every transcript under `path` to `server`; per-file results, as a local ingest."""
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    url = server.rstrip("/") + "/api/v1/documents"
    report = IngestReport()
    root = path.resolve()
    with httpx.Client(headers=headers, timeout=TIMEOUT_S) as client:
        for file in discover(root):
            doc_id = doc_id_for(file, root)
            try:
                response = client.post(url, files={"files": (doc_id, file.read_bytes())})
            except httpx.HTTPError as exc:
                raise PressbotError(f"cannot reach the server at {server}: {exc}") from None
            except OSError as exc:
                result = IngestFileResult(path=doc_id, status="failed", reason=str(exc))
            else:
                if response.status_code in (401, 403):
                    raise PressbotError(f"{server}: {_reason(response)} (set PRESSBOT_API_KEY "
                                        "or --api-key)")
                if response.status_code == 200:
                    result = IngestFileResult.model_validate(response.json()["files"][0])
                else:
                    result = IngestFileResult(path=doc_id, status="failed",
                                              reason=_reason(response))
            report.files.append(result)
            if on_file:
                on_file(result)
    return report
