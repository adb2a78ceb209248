"""`load_pdf` on the Federal Reserve's own transcripts, and on broken or locked PDFs."""

from __future__ import annotations

import io
import random
import re
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from bot.errors import IngestError
from bot.ingest.formats import load_document
from bot.ingest.formats.pdf_lines import join_lines
from bot.ingest.parse import parse_transcript
from bot.schema import ParsedDocument
from tests.ingest.formats.conftest import squash, text_sentences, text_version

SEPT_2022 = "FOMCpresconf20220921.pdf"


@cache
def _pdf(raw_dir: Path, name: str) -> tuple[str, ParsedDocument]:
    text = load_document((raw_dir / "fomc-pdf" / name).read_bytes(), name)
    return text, parse_transcript(text, name, name)


def test_september_2022_has_the_text_versions_sentences(raw_dir: Path, corpus_dir: Path) -> None:
    _, doc = _pdf(raw_dir, SEPT_2022)
    reference = text_version(corpus_dir / "fomc" / "2022-09-21_fomc_presser.txt")
    sentences = text_sentences(reference)
    pdf_text = squash(doc.text)
    sample = random.Random(20220921).sample(sentences, 20)
    assert [s for s in sample if squash(s) not in pdf_text] == []
    found = sum(1 for s in sentences if squash(s) in pdf_text)
    assert found / len(sentences) >= 0.99, (found, len(sentences))


def test_september_2022_metadata_and_speakers(raw_dir: Path, corpus_dir: Path) -> None:
    text, doc = _pdf(raw_dir, SEPT_2022)
    reference = text_version(corpus_dir / "fomc" / "2022-09-21_fomc_presser.txt")
    assert doc.title == "Transcript of Chair Powell’s Press Conference"
    assert doc.date == "2022-09-21"
    assert doc.source == "Board of Governors of the Federal Reserve System"
    assert doc.source_url == (
        "https://www.federalreserve.gov/mediacenter/files/FOMCpresconf20220921.pdf")
    assert set(doc.speakers) == set(reference.speakers)
    assert doc.speakers[0] == "Chair Powell"
    assert text.split("---\n\n", 1)[1].startswith("CHAIR POWELL: Good afternoon.")


def test_page_headers_footers_and_numbers_are_gone(raw_dir: Path) -> None:
    _, doc = _pdf(raw_dir, SEPT_2022)
    assert "FINAL" not in doc.text
    assert "Page 5 of 21" not in doc.text
    assert "Press Conference" not in doc.text
    assert "September 21, 2022" not in doc.text


def test_lines_are_joined_across_lines_and_pages(raw_dir: Path) -> None:
    _, doc = _pdf(raw_dir, SEPT_2022)
    # "... for real" | page 2 | "GDP growth standing at ..."
    assert "for real GDP growth standing at just 0.2 percent" in doc.text
    assert "the unemployment rate near a 50-year low" in doc.text  # `50-` | `year`
    assert "\n\n" in doc.text  # paragraphs kept


@pytest.mark.parametrize(
    ("name", "date", "speaker", "label", "sentence"),
    [
        ("FOMCpresconf20110427.pdf", "2011-04-27", "Chair Bernanke", "QUESTION:",
         "Of course, my remarks and interpretations are my own responsibility."),
        ("fomcpresconf20150917.pdf", "2015-09-17", "Chair Yellen", "CHAIR YELLEN:",
         "As the transitory factors holding down inflation abate and labor market conditions "
         "continue to firm, the median inflation projection rises from just 0.4 percent this "
         "year to 1.7 percent next year"),
        ("FOMCpresconf20200303.pdf", "2020-03-03", "Chair Powell", "CHAIR POWELL:",
         "The fundamentals of the U.S. economy remain strong."),
    ],
)
def test_other_fed_pdfs(raw_dir: Path, name: str, date: str, speaker: str, label: str,
                        sentence: str) -> None:
    text, doc = _pdf(raw_dir, name)
    assert doc.date == date
    assert doc.title and doc.title.startswith("Transcript of Chair")
    assert doc.speakers[0] == speaker
    assert f"\n\n{label} " in text
    assert squash(sentence) in squash(doc.text)
    assert "FINAL" not in doc.text
    pages = len(PdfReader(raw_dir / "fomc-pdf" / name).pages)
    assert re.search(rf"\b\d{{1,2}} of {pages}\b", doc.text) is None  # `Page 5 of 26`


def test_join_lines_mends_a_broken_word_only_when_the_document_spells_it_whole() -> None:
    words = {"inflation", "longer-run"}
    assert join_lines("rising infla-", "tion is", words) == "rising inflation is"
    assert join_lines("the longer-", "run goal", words) == "the longer-run goal"
    assert join_lines("a wait-and-", "see attitude", words) == "a wait-and-see attitude"
    assert join_lines("answer—", "I will", words) == "answer—I will"
    assert join_lines("two", "words", words) == "two words"


def test_truncated_pdf(raw_dir: Path) -> None:
    data = (raw_dir / "fomc-pdf" / SEPT_2022).read_bytes()
    with pytest.raises(IngestError) as info:
        load_document(data[: len(data) // 2], "half.pdf")
    assert info.value.path == "half.pdf"
    assert "truncated PDF" in info.value.reason


def test_corrupt_pdf() -> None:
    data = b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n"
    with pytest.raises(IngestError, match="corrupt PDF"):
        load_document(data, "garbage.pdf")


def test_not_a_pdf() -> None:
    with pytest.raises(IngestError, match="not a PDF file"):
        load_document(b"just some text, misnamed", "notes.pdf")


def _locked(raw_dir: Path, user_password: str) -> bytes:
    reader = PdfReader(raw_dir / "fomc-pdf" / "FOMCpresconf20200303.pdf")
    writer = PdfWriter()
    for page in reader.pages[:2]:
        writer.add_page(page)
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_password_protected_pdf(raw_dir: Path) -> None:
    with pytest.raises(IngestError) as info:
        load_document(_locked(raw_dir, "secret"), "locked.pdf")
    assert info.value.reason.startswith("PDF is password-protected")


def test_pdf_encrypted_without_a_user_password_is_read(raw_dir: Path) -> None:
    text = load_document(_locked(raw_dir, ""), "FOMCpresconf20200303.pdf")
    assert "CHAIR POWELL: Earlier today the Federal Open Market Committee announced" in text
