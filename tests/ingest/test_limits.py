"""Parse budgets, safe links, names and passage lengths (issue 17), without a server."""

from __future__ import annotations

import time

import pytest

from bot.errors import IngestError
from bot.ingest.formats import load_document
from bot.ingest.limits import ParseBudget, safe_url
from bot.ingest.names import BadName, document_id
from bot.ingest.parse import parse_transcript
from bot.ingest.passages import split_passages
from bot.ingest.pipeline import read_text_bytes
from bot.ingest.sentences import split_sentences
from tests.ingest.bombs import empty_paragraphs_docx, unbroken_text


def test_two_million_empty_paragraphs_fail_at_once_naming_the_file_and_limit() -> None:
    data = empty_paragraphs_docx()
    assert len(data) < 80_000
    started = time.monotonic()
    with pytest.raises(IngestError) as error:
        read_text_bytes(data, "uploads/empty.docx", 50 << 20, None)
    assert time.monotonic() - started < 10
    assert "uploads/empty.docx" in error.value.reason
    assert "100,000" in error.value.reason and "PRESSBOT_PARSE_MAX_PARAGRAPHS" in error.value.reason


@pytest.mark.parametrize(("data", "name", "budget", "setting"), [
    (b"MR. A: " + b"word " * 3000, "a.txt", ParseBudget(max_chars=10_000),
     "PRESSBOT_PARSE_MAX_CHARS"),
    (b"MR. A: hello.\n" * 200, "a.txt", ParseBudget(max_paragraphs=100),
     "PRESSBOT_PARSE_MAX_PARAGRAPHS"),
    (b"<html><body>" + b"<p>MR. A: hello there, everyone.</p>" * 500 + b"</body></html>",
     "a.html", ParseBudget(max_elements=200), "PRESSBOT_PARSE_MAX_ELEMENTS"),
], ids=["characters", "lines", "elements"])
def test_each_budget_names_its_setting(data: bytes, name: str, budget: ParseBudget,
                                       setting: str) -> None:
    with pytest.raises(IngestError) as error:
        read_text_bytes(data, name, 50 << 20, None, budget)
    assert setting in error.value.reason and name in error.value.reason


def test_pdf_pages_are_budgeted(shared_dir) -> None:
    path = next((shared_dir / "raw" / "fomc-pdf").glob("*.pdf"))
    with pytest.raises(IngestError) as error:
        load_document(path.read_bytes(), path.name, ParseBudget(max_pages=1))
    assert "pages" in error.value.reason and "PRESSBOT_PARSE_MAX_PAGES" in error.value.reason


def test_a_file_over_its_time_budget_fails() -> None:
    budget = ParseBudget(max_seconds=0.001)
    time.sleep(0.01)
    with pytest.raises(IngestError, match="PRESSBOT_PARSE_MAX_SECONDS"):
        read_text_bytes(b"MR. A: Hello there.\n", "slow.txt", 1 << 20, None, budget)


@pytest.mark.parametrize(("url", "kept"), [
    ("https://www.federalreserve.gov/x.pdf", True),
    ("http://example.org/briefing", True),
    ("HTTPS://EXAMPLE.ORG/", True),
    ("javascript:alert(document.cookie)", False),
    ("JavaScript:alert(1)", False),
    (" javascript:alert(1)", False),
    ("java\tscript:alert(1)", False),
    ("data:text/html,<script>alert(1)</script>", False),
    ("file:///etc/passwd", False),
    ("vbscript:msgbox", False),
    ("//evil.example/x", False),
    ("/relative/path", False),
    ("https://", False),
    ("http://[::1", False),
])
def test_only_http_links_are_kept(url: str, kept: bool) -> None:
    assert (safe_url(url) is not None) is kept


@pytest.mark.parametrize("header", [
    "Title: T\nDate: 2022-01-01\nOriginal URL: javascript:alert(1)\n---\n",
    '---\ntitle: T\ndate: 2022-01-01\nsource_url: "javascript:alert(1)"\n---\n',
])
def test_a_javascript_source_url_is_dropped_at_ingest(header: str, caplog) -> None:
    doc = parse_transcript(header + "\nMR. A: We counted 12 boats.\n", "a.md", "a.md")
    assert doc.source_url is None
    assert "dropped its source URL" in caplog.text


@pytest.mark.parametrize("name", ["evil\u202etxt.exe.txt", "a\u2028b.txt", "a\u2029b.txt",
                                  "c1\x85.txt", "c1\x9b.txt", "zero\u200bwidth.txt",
                                  "bidi\u2066x\u2069.txt", "nul\x00.txt", "del\x7f.txt"])
def test_control_and_bidirectional_characters_are_refused_in_names(name: str) -> None:
    with pytest.raises(BadName):
        document_id(name)


def test_ordinary_names_still_pass() -> None:
    assert document_id("fomc/2022-09-21 presser (final).txt") == \
        "fomc/2022-09-21 presser (final).txt"
    assert document_id("mfa/外交部发言人_2023.txt") == "mfa/外交部发言人_2023.txt"
    assert document_id("café/Zürich-Besuch.md") == "café/Zürich-Besuch.md"


def test_nul_bytes_after_the_sniffed_head_are_removed() -> None:
    data = b"MR. A: " + b"All quiet on the harbour front today. " * 300 + b"\x00\x00END\x00 here."
    assert b"\x00" not in data[:8192]
    text = read_text_bytes(data, "nul.txt", 1 << 20, None)
    assert "\x00" not in text and "END here." in text


@pytest.mark.parametrize("chinese", [False, True])
def test_passages_never_exceed_the_limit_without_sentence_breaks(chinese: bool) -> None:
    raw = unbroken_text() if not chinese else ("发言人：" + "经济运行总体平稳" * 120_000).encode()
    started = time.monotonic()
    doc = parse_transcript(read_text_bytes(raw, "long.txt", 50 << 20, None), "long.txt")
    passages = split_passages(doc, 700)
    assert time.monotonic() - started < 10
    assert len(passages) > 1000
    assert max(p.end - p.start for p in passages) <= 700
    assert all(p.text == doc.text[p.start:p.end] and p.text.strip() == p.text
               for p in passages)
    covered = sum(len(p.text) for p in passages)
    assert covered >= 0.95 * len(doc.text)


def test_ordinary_sentences_are_not_cut() -> None:
    text = "MR. A: " + " ".join(f"Sentence number {i} ends here." for i in range(60))
    doc = parse_transcript(text, "a.txt")
    for p in split_passages(doc, 700):
        assert p.text.endswith("here.")


def test_sentence_splitting_is_linear_in_abbreviations() -> None:
    text = "Dr. Who came. " * 100_000  # each "Dr. W" once looked back to the start
    started = time.monotonic()
    spans = split_sentences(text)
    assert time.monotonic() - started < 5
    assert len(spans) == 100_000
