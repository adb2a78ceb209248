"""What the parser found in one file, for `pressbot ingest --explain FILE`: title, date and
where each came from, source, the layout of its turns, each speaker's turns and role, and
the lines dropped as not the conference. Nothing is indexed and no model is loaded."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pydantic import BaseModel, Field

from bot.ingest.parse import ParseNotes, parse_with_notes
from bot.ingest.passages import split_passages
from bot.ingest.pipeline import read_text_bytes
from bot.schema import SpeakerRole

_DEFAULT_MAX_BYTES = 50 * 1024 * 1024


class SpeakerReport(BaseModel):
    speaker: str | None  # None: turns without a name (`Q:`, an unlabelled question)
    role: SpeakerRole | None
    turns: int
    labels: list[str] = Field(default_factory=list)  # as printed


class LayoutReport(BaseModel):
    path: str
    title: str | None
    date: str | None
    source: str | None
    source_url: str | None
    language: str
    notes: ParseNotes
    speakers: list[SpeakerReport]
    turns: int
    passages: int
    characters: int


def explain_file(path: Path, max_bytes: int = _DEFAULT_MAX_BYTES) -> LayoutReport:
    """Read and parse `path` as ingesting it would, and say what was found."""
    parsed = parse_with_notes(read_text_bytes(path.read_bytes(), path.name, max_bytes, path),
                              path.name, str(path))
    doc = parsed.doc
    counts: Counter[tuple[str | None, SpeakerRole | None]] = Counter()
    labels: dict[tuple[str | None, SpeakerRole | None], dict[str, None]] = {}
    for turn in doc.turns:
        key = (turn.speaker, turn.speaker_role)
        counts[key] += 1
        if turn.label:
            labels.setdefault(key, {})[turn.label] = None
    speakers = [SpeakerReport(speaker=s, role=r, turns=n, labels=list(labels.get((s, r), {})))
                for (s, r), n in counts.most_common()]
    return LayoutReport(path=str(path), title=doc.title, date=doc.date, source=doc.source,
                        source_url=doc.source_url, language=doc.language, notes=parsed.notes,
                        speakers=speakers, turns=len(doc.turns),
                        passages=len(split_passages(doc)), characters=len(doc.text))


def render(report: LayoutReport) -> str:
    """The report as lines of text."""
    notes = report.notes
    lines = [
        f"file:     {report.path}",
        f"title:    {report.title or '-'}  (from {notes.title_from})",
        f"date:     {report.date or '-'}  (from {notes.date_from})",
        f"source:   {report.source or '-'}  {report.source_url or ''}".rstrip(),
        f"language: {report.language}",
        f"layout:   {notes.layout}",
        f"turns:    {report.turns}, passages: {report.passages}, "
        f"characters: {report.characters}",
        "speakers:",
    ]
    for s in report.speakers:
        shown = ", ".join(s.labels[:4]) + (" ..." if len(s.labels) > 4 else "")
        lines.append(f"  {s.turns:4d}  {s.speaker or '(unnamed)'}  [{s.role or 'no role'}]"
                     + (f"  labels: {shown}" if shown else ""))
    lines.append(f"dropped lines: {len(notes.dropped)}")
    lines.extend(f"  - {line[:120]}" for line in notes.dropped)
    return "\n".join(lines)
