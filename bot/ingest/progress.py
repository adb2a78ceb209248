"""The progress bar of `pressbot ingest`: files done, passages per second, time left.

The time left is estimated from the bytes of the files still to read, so that a folder
of files of unequal sizes gets a steady estimate.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from bot.ingest.pipeline import discover, doc_id_for
from bot.schema import IngestFileResult


class _PassageRate(ProgressColumn):
    """Passages embedded per second since the start."""

    def render(self, task: Task) -> Text:
        passages = task.fields.get("passages", 0)
        elapsed = max(time.monotonic() - task.fields.get("started", time.monotonic()), 1e-6)
        return Text(f"{passages} passages, {passages / elapsed:.1f}/s", style="cyan")


class IngestProgress:
    """Use as `on_file` of `QAService.ingest`, inside `with`; `show` prints each file's line."""

    def __init__(self, root: Path, console: Console,
                 show: Callable[[IngestFileResult], None] | None = None) -> None:
        root = root.resolve() if not root.is_symlink() else root
        self.sizes = {doc_id_for(p, root): _size(p) for p in discover(root)}
        self.console = console
        self.show = show
        self.files = 0
        self.progress = Progress(
            TextColumn("[bold]ingest"), BarColumn(),
            TextColumn("{task.fields[files]}/{task.fields[total_files]} files"), _PassageRate(),
            TimeElapsedColumn(), TextColumn("elapsed,"), TimeRemainingColumn(), TextColumn("left"),
            console=console, transient=False, disable=not console.is_terminal)
        self.task = self.progress.add_task("ingest", total=sum(self.sizes.values()) or 1,
                                           passages=0, started=time.monotonic(),
                                           files=0, total_files=len(self.sizes))

    def __enter__(self) -> IngestProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def __call__(self, result: IngestFileResult) -> None:
        self.files += 1
        task = self.progress.tasks[0]
        passages = task.fields["passages"] + (result.passages or 0)
        self.progress.update(self.task, advance=self.sizes.get(result.path, 0),
                             passages=passages, files=self.files)
        if self.show:
            self.show(result)

    @property
    def total_files(self) -> int:
        return len(self.sizes)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
