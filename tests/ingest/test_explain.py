"""`pressbot ingest --explain FILE`: what the parser found, without indexing anything."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bot.ingest.explain import explain_file, render

PAGE = """# Harbour briefing

Home | News | Briefings

12 May 2020

### Mayor Lina Ek

The harbour reopens on Monday with 40 berths.

### Per Dahl (Coast Radio)

Will fees go up?

### Mayor Lina Ek

No, they stay at 2019 levels.

Share this page
"""


def test_report_of_a_markdown_page(tmp_path: Path) -> None:
    path = tmp_path / "briefing.md"
    path.write_text(PAGE)
    report = explain_file(path)
    assert report.title == "Harbour briefing" and report.notes.title_from == "text"
    assert report.date == "2020-05-12" and report.notes.date_from == "text"
    assert report.notes.layout == "names"
    by_name = {s.speaker: s for s in report.speakers}
    assert by_name["Mayor Lina Ek"].turns == 2 and by_name["Mayor Lina Ek"].role == "official"
    assert by_name["Per Dahl"].role == "reporter"
    assert by_name["Per Dahl"].labels == ["Per Dahl (Coast Radio)"]
    assert {"Home | News | Briefings", "Share this page"} <= set(report.notes.dropped)
    assert "12 May 2020" in report.notes.dropped  # the date is taken, the line dropped
    text = render(report)
    assert "layout:   names" in text and "Share this page" in text
    assert "  - 12 May 2020" in text


def test_cli_prints_the_report_and_writes_no_index(tmp_path: Path) -> None:
    path = tmp_path / "2020-05-12_briefing.txt"
    path.write_text("MAYOR EK: Welcome.\n\nQ: Thanks. Per Dahl, Coast Radio. Fees?\n\n"
                    "MAYOR EK: Unchanged.\n")
    index = tmp_path / "index"
    result = subprocess.run([sys.executable, "-m", "bot.cli", "ingest", "--explain", str(path),
                             "--index", str(index)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "date:     2020-05-12  (from file name)" in result.stdout
    assert "Mayor Ek  [official]" in result.stdout
    assert "Per Dahl  [reporter]" in result.stdout
    assert not index.exists()
    folder = subprocess.run([sys.executable, "-m", "bot.cli", "ingest", "--explain",
                             str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert folder.returncode == 2 and "one file" in folder.stderr
