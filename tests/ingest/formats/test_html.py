"""`load_html` on whole whitehouse.gov pages, and on pages with no transcript."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from bot.errors import IngestError
from bot.ingest.formats import load_document
from bot.ingest.parse import parse_transcript
from bot.schema import ParsedDocument
from tests.ingest.formats.conftest import squash, text_sentences, text_version

TITLE = ("Remarks by President Trump, Vice President Pence, and Members of the Coronavirus "
         "Task Force in Press Briefing")


@cache
def _page(raw_dir: Path, name: str) -> tuple[str, ParsedDocument]:
    text = load_document((raw_dir / "whitehouse-covid-html" / name).read_bytes(), name)
    return text, parse_transcript(text, name, name)


@pytest.mark.parametrize(
    ("name", "reference", "date"),
    [
        ("white_house_briefing_March-14-2020.html",
         "2020-03-14_whitehouse_covid_taskforce_briefing.txt", "2020-03-14"),  # `<time>` only
        ("white_house_briefing_April-24-2020.html",
         "2020-04-24_whitehouse_covid_taskforce_briefing.txt", "2020-04-24"),  # dateline;
        # the page says "Issued on: April 27, 2020"
    ],
)
def test_page_matches_its_text_version(raw_dir: Path, corpus_dir: Path, name: str,
                                       reference: str, date: str) -> None:
    _, doc = _page(raw_dir, name)
    ref = text_version(corpus_dir / "whitehouse_covid" / reference)
    assert doc.title == TITLE
    assert doc.date == date
    assert doc.source == "The White House"
    assert doc.source_url == ref.source_url
    assert doc.speakers == ref.speakers
    assert [t.label for t in doc.turns] == [t.label for t in ref.turns]
    page = squash(doc.text)
    missing = [s for s in text_sentences(ref) if squash(s) not in page]
    assert missing == []


def test_navigation_scripts_and_footer_are_dropped(raw_dir: Path) -> None:
    text, doc = _page(raw_dir, "white_house_briefing_March-14-2020.html")
    for junk in ("Share this page", "Copy URL", "All News", "NREUM", "Jobs", "Issued on"):
        assert junk not in text
    assert doc.text.startswith("THE PRESIDENT: Thank you very much.")  # room, time: cleaned
    assert "Q: Mr. President" in text  # the bare `Q` as printed, labelled
    assert doc.text.endswith("Thank you.")  # `END` and the closing time are cleaned


def test_the_pages_own_dateline_beats_the_file_name(raw_dir: Path) -> None:
    """The March-30 file holds the Rose Garden briefing of Sunday, March 29."""
    _, doc = _page(raw_dir, "white_house_briefing_March-30-2020.html")
    assert doc.date == "2020-03-29"


def test_page_without_a_transcript() -> None:
    page = b"""<!doctype html><html><head><title>Home | Agency</title>
    <script>var x = "lots of script text here that is not a transcript at all";</script></head>
    <body><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
    <main><p>Page not found.</p></main><footer><p>Contact us</p></footer></body></html>"""
    with pytest.raises(IngestError) as info:
        load_document(page, "empty-page.html")
    assert info.value.path == "empty-page.html"
    assert "no transcript text found in the HTML page" in info.value.reason


def test_simple_page_with_br_separated_turns() -> None:
    page = (b"<html><head><meta property='og:title' content='Briefing | Example'>"
            b"<meta property='og:site_name' content='Example'>"
            b"<meta property='article:published_time' content='2021-05-04T10:00:00Z'>"
            b"</head><body><article><p>MS. PSAKI: Good morning, everyone, and welcome to the "
            b"briefing room. We have a busy day and I want to get straight to it."
            b"<br>Q Thanks, Jen. What is the plan for the vaccine rollout next month?"
            b"<br>MS. PSAKI: We will have more to say about the rollout on Friday, when the "
            b"team has finished its review of the supply numbers."
            b"</p></article></body></html>")
    text = load_document(page, "b.htm")
    doc = parse_transcript(text, "b.htm")
    assert doc.title == "Briefing"
    assert doc.date == "2021-05-04"
    assert doc.source == "Example"
    assert [t.label for t in doc.turns] == ["MS. PSAKI", "Q", "MS. PSAKI"]
