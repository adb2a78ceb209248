"""Every format and every bad input through `Ingester`, into a temporary index."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader, PdfWriter

from bot.config import Settings
from bot.errors import IngestError
from bot.ingest.pipeline import discover, read_text_bytes
from bot.schema import IngestReport
from bot.service import QAService

SHORT_PDF = "FOMCpresconf20200303.pdf"  # 7 pages
SHORT_HTML = "white_house_briefing_April-24-2020.html"
MD = "2021-01-20-press-briefing-by-press-secretary-jen-psaki-january-20-2021.md"
MAX_MB = 0.5


def _docx() -> bytes:
    document = docx.Document()
    document.add_heading("Press Briefing by the Mayor, June 3, 2024", level=0)
    document.add_paragraph("THE MAYOR: Good morning. The new bridge opens on Monday.")
    document.add_paragraph("Q: How much did it cost?")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _locked_pdf(path: Path) -> bytes:
    writer = PdfWriter()
    writer.add_page(PdfReader(path).pages[0])
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path) -> Path:
    raw = shared_dir / "raw"
    root = tmp_path_factory.mktemp("inbox")
    good, bad = root / "good", root / "bad"
    good.mkdir()
    bad.mkdir()
    pdf = (raw / "fomc-pdf" / SHORT_PDF).read_bytes()
    shutil.copy(raw / "fomc-pdf" / SHORT_PDF, good / SHORT_PDF)
    shutil.copy(raw / "whitehouse-covid-html" / SHORT_HTML, good / SHORT_HTML)
    shutil.copy(raw / "whitehouse-press-briefings-md" / MD, good / MD)
    (good / "mayor.docx").write_bytes(_docx())
    (good / "zh.txt").write_bytes("问：你能否证实这个消息？\n答：我没有听说。\n".encode("gb18030"))
    (good / "fr.txt").write_bytes("LE MINISTRE: Un café au lait, s'il vous plaît.\n"
                                  .encode("latin-1"))
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.md").write_bytes(b"\x00\x01\x02\x03" * 100)
    (bad / "half.pdf").write_bytes(pdf[: len(pdf) // 2])
    (bad / "locked.pdf").write_bytes(_locked_pdf(raw / "fomc-pdf" / SHORT_PDF))
    (bad / "nav-only.html").write_bytes(b"<html><body><nav><a href='/'>Home</a></nav>"
                                        b"<p>Subscribe</p></body></html>")
    (bad / "old.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    (bad / "big.txt").write_bytes(b"Q: Hello?\n" * int(MAX_MB * 1024 * 1024 / 5))
    (bad / "loop").symlink_to(root, target_is_directory=True)  # a folder that loops back
    (bad / "self.txt").symlink_to(bad / "self.txt")  # a file link that points at itself
    return root


@pytest.fixture(scope="module")
def report(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> IngestReport:
    index_dir = tmp_path_factory.mktemp("index")
    return QAService(Settings(index_dir=index_dir, max_file_mb=MAX_MB)).ingest(folder)


def _by_path(report: IngestReport) -> dict[str, tuple[str, str | None]]:
    return {f.path: (f.status, f.reason) for f in report.files}


def test_discover_does_not_follow_a_symlink_loop(folder: Path) -> None:
    found = [p.relative_to(folder).as_posix() for p in discover(folder)]
    assert len(found) == len(set(found)) == 14  # 6 good, 8 bad; none via the loop
    assert not any(p.startswith("bad/loop/") for p in found)


def test_every_format_is_indexed(report: IngestReport) -> None:
    status = _by_path(report)
    for name in (SHORT_PDF, SHORT_HTML, MD, "mayor.docx", "zh.txt", "fr.txt"):
        assert status[f"good/{name}"][0] == "indexed", status[f"good/{name}"]
    assert all(f.passages > 0 for f in report.indexed)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "file is empty"),
        ("binary.md", "binary file, not a transcript"),
        ("half.pdf", "truncated PDF"),
        ("locked.pdf", "PDF is password-protected"),
        ("nav-only.html", "no transcript text found in the HTML page"),
        ("old.docx", "not a Word .docx file (not a zip archive)"),
        ("big.txt", "over the limit of 0.5 MB"),
        ("self.txt", "Too many levels of symbolic links"),
    ],
)
def test_bad_inputs_fail_with_a_reason(report: IngestReport, name: str, reason: str) -> None:
    status, why = _by_path(report)[f"bad/{name}"]
    assert status == "failed"
    assert why and reason in why


def test_indexed_documents_carry_their_metadata(report: IngestReport, folder: Path,
                                                tmp_path_factory: pytest.TempPathFactory
                                                ) -> None:
    service = QAService(Settings(index_dir=tmp_path_factory.mktemp("one")))
    service.ingest(folder / "good" / SHORT_PDF)
    (info,) = service.documents()
    assert info.date == "2020-03-03"
    assert info.source == "Board of Governors of the Federal Reserve System"
    assert "Chair Powell" in info.speakers


def test_upload_bytes_are_size_checked_and_named() -> None:
    with pytest.raises(IngestError) as info:
        read_text_bytes(b"x" * 2000, "uploads/big.txt", 1000, None)
    assert info.value.path == "uploads/big.txt"
    assert "over the limit" in info.value.reason
    with pytest.raises(IngestError) as info:
        read_text_bytes(b"%PDF-1.4 cut", "uploads/cut.pdf", 10_000, None)
    assert info.value.path == "uploads/cut.pdf"
    assert "truncated PDF" in info.value.reason


def test_symlink_loop_root_is_reported(tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    assert os.path.islink(loop)
    service = QAService(Settings(index_dir=tmp_path / "index"))
    with pytest.raises(IngestError):
        service.ingest(loop)
