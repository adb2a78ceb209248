"""Markdown with YAML front matter (`raw/whitehouse-press-briefings-md/`): read as text,
parsed by `parse_transcript`."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.ingest.formats import load_document
from bot.ingest.parse import parse_transcript

FIRST = "2021-01-20-press-briefing-by-press-secretary-jen-psaki-january-20-2021.md"


@pytest.mark.parametrize(
    ("name", "title", "date", "speaker", "sentence"),
    [
        (FIRST, "Press Briefing by Press Secretary Jen Psaki, January 20, 2021", "2021-01-20",
         "Ms. Psaki", "It’s an honor to be here with all of you."),
        ("2021-01-22-press-briefing-by-press-secretary-jen-psaki-and-national-economic-"
         "director-brian-deese.md", None, "2021-01-22", "Ms. Psaki", None),
    ],
)
def test_white_house_markdown(raw_dir: Path, name: str, title: str | None, date: str,
                              speaker: str, sentence: str | None) -> None:
    path = raw_dir / "whitehouse-press-briefings-md" / name
    doc = parse_transcript(load_document(path.read_bytes(), name), name, name)
    if title:
        assert doc.title == title
    assert doc.title and "\\" not in doc.title
    assert doc.date == date
    assert doc.source_url and doc.source_url.startswith("https://bidenwhitehouse.archives.gov/")
    assert speaker in doc.speakers
    assert any(t.speaker_role == "reporter" for t in doc.turns)
    if sentence:
        assert sentence in doc.text
    assert "7:06 P.M." not in doc.text[:200]


def test_hard_wrapped_lines_are_joined(raw_dir: Path) -> None:
    path = raw_dir / "whitehouse-press-briefings-md" / FIRST
    doc = parse_transcript(load_document(path.read_bytes(), FIRST), FIRST)
    assert ("When the President asked me to serve in this role, we talked about the importance "
            "of bringing truth and transparency back to the briefing room") in doc.text
