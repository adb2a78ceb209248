"""`load_document`: choosing the loader, and the files no loader reads."""

from __future__ import annotations

import pytest

from bot.errors import IngestError
from bot.ingest import pipeline
from bot.ingest.formats import SUFFIXES, load_document

TRANSCRIPT = "CHAIR POWELL: Good afternoon.\n\nQ: What about café prices — and the 2% goal?\n"


def test_pipeline_discovers_what_the_loaders_read() -> None:
    assert pipeline.SUPPORTED_SUFFIXES == SUFFIXES


@pytest.mark.parametrize("name", ["notes.doc", "slides.pptx", "README", "a.rtf"])
def test_unsupported_type(name: str) -> None:
    with pytest.raises(IngestError) as info:
        load_document(b"anything", name)
    assert info.value.path == name
    assert info.value.reason.startswith("unsupported file type")
    assert ".pdf" in info.value.reason


@pytest.mark.parametrize("name", ["a.txt", "a.md", "a.html", "a.pdf", "a.docx"])
def test_empty(name: str) -> None:
    with pytest.raises(IngestError, match="file is empty"):
        load_document(b"", name)
    with pytest.raises(IngestError, match="file is empty"):
        load_document(b" \n\t\n", name)


@pytest.mark.parametrize("name", ["a.txt", "a.md", "a.html"])
def test_binary_garbage(name: str) -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    with pytest.raises(IngestError) as info:
        load_document(data, name)
    assert info.value.reason == "binary file, not a transcript"


def test_suffix_is_case_insensitive() -> None:
    assert load_document(TRANSCRIPT.encode(), "NOTES.TXT") == TRANSCRIPT


def test_gb18030_text() -> None:
    chinese = "问：你能否证实温家宝总理将于10月初访问朝鲜？\n答：关于第一个问题，我没有听说。\n"
    assert load_document(chinese.encode("gb18030"), "zh.txt") == chinese


def test_latin1_text() -> None:
    assert load_document(TRANSCRIPT.replace("—", "-").encode("latin-1"), "fr.md") == (
        TRANSCRIPT.replace("—", "-"))


def test_windows_newlines_and_bom() -> None:
    data = b"\xef\xbb\xbf" + TRANSCRIPT.replace("\n", "\r\n").encode()
    assert load_document(data, "a.txt") == TRANSCRIPT
