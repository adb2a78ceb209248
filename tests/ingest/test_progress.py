"""The progress bar of `pressbot ingest`: files, passages per second, time left."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from bot.ingest.progress import IngestProgress
from bot.schema import IngestFileResult


def test_progress_counts_files_and_passages(make_service, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for day in ("2022-01-04", "2022-01-05"):
        (folder / f"{day}_briefing.txt").write_text(
            f"Title: Briefing\nDate: {day}\n---\n\nMS. ARNOLD: We opened 12 clinics today.\n")
    (folder / "notes.txt").write_text("")
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=160)
    shown: list[IngestFileResult] = []
    progress = IngestProgress(folder, console, shown.append)
    assert progress.total_files == 3
    with progress:
        report = make_service().ingest(folder, on_file=progress)
    assert [r.path for r in shown] == [f.path for f in report.files]
    task = progress.progress.tasks[0]
    assert task.completed == task.total  # every byte accounted for: the estimate ends at 0
    assert task.fields["passages"] == sum(f.passages or 0 for f in report.files) >= 2
    text = out.getvalue()
    assert "3/3 files" in text and "/s" in text and "left" in text
