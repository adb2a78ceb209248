"""`read_text`: encodings, newlines, and the files it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import IngestError
from bot.ingest.read import read_text

ENGLISH = "CHAIR POWELL: Good afternoon.\n\nQ: What about the 2 percent goal — and café prices?\n"
CHINESE = "问：你能否证实温家宝总理将于10月初访问朝鲜？\n答：关于第一个问题，我没有听说。\n"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_utf8(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.txt", ENGLISH.encode("utf-8"))
    assert read_text(path) == ENGLISH


def test_utf8_with_bom(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.md", b"\xef\xbb\xbf" + ENGLISH.encode("utf-8"))
    text = read_text(path)
    assert text == ENGLISH
    assert not text.startswith("\ufeff")


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.txt", ENGLISH.encode("utf-16"))
    assert read_text(path) == ENGLISH


def test_gb18030_chinese(tmp_path: Path) -> None:
    path = _write(tmp_path, "zh.txt", CHINESE.encode("gb18030"))
    assert read_text(path) == CHINESE


def test_latin1_round_trips(tmp_path: Path) -> None:
    french = "Un café au lait, s’il vous plaît. Été 2020.\n"
    path = _write(tmp_path, "fr.txt", french.encode("cp1252"))
    text = read_text(path)
    assert "café" in text
    assert "Été" in text
    assert "plaît" in text


def test_pure_latin1_bytes(tmp_path: Path) -> None:
    path = _write(tmp_path, "fr.txt", b"caf\xe9")
    assert read_text(path) == "café"


def test_newlines_normalised(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.txt", b"one\r\ntwo\rthree\n")
    assert read_text(path) == "one\ntwo\nthree\n"


def test_empty_file_names_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "empty.txt", b"")
    with pytest.raises(IngestError) as info:
        read_text(path)
    assert info.value.reason == "file is empty"
    assert "empty.txt" in info.value.path
    assert "empty.txt" in str(info.value)


def test_whitespace_only_file_is_empty(tmp_path: Path) -> None:
    path = _write(tmp_path, "blank.txt", b"  \n\n \t\n")
    with pytest.raises(IngestError, match="file is empty"):
        read_text(path)


def test_binary_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(IngestError) as info:
        read_text(path)
    assert info.value.reason == "binary file, not a transcript"


def test_pdf_is_binary(tmp_path: Path) -> None:
    path = _write(tmp_path, "t.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    with pytest.raises(IngestError, match="binary file"):
        read_text(path)


def test_control_characters_are_binary(tmp_path: Path) -> None:
    path = _write(tmp_path, "t.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 50 + b"text")
    with pytest.raises(IngestError, match="binary file"):
        read_text(path)


def test_over_size_limit(tmp_path: Path) -> None:
    path = _write(tmp_path, "big.txt", b"x" * (3 * 1024 * 1024))
    with pytest.raises(IngestError) as info:
        read_text(path, max_bytes=2 * 1024 * 1024)
    assert info.value.reason == "file is 3 MB, over the limit of 2 MB"


def test_under_size_limit(tmp_path: Path) -> None:
    path = _write(tmp_path, "small.txt", b"Q: Hello?\n")
    assert read_text(path, max_bytes=1024) == "Q: Hello?\n"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="file not found"):
        read_text(tmp_path / "nope.txt")


def test_directory_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="not a regular file"):
        read_text(tmp_path)


def test_corpus_files_decode(corpus_dir: Path) -> None:
    for path in sorted(corpus_dir.rglob("*")):
        if path.suffix in (".txt", ".md"):
            text = read_text(path)
            assert "\r" not in text
            assert text.strip()


def test_control_characters_are_unicode_cc_and_co_less_white_space() -> None:
    import unicodedata

    from bot.ingest.read import _control_share

    for code in range(0x110000):
        if 0xD800 <= code < 0xE000:
            continue  # surrogates are not characters
        ch = chr(code)
        expected = ch not in "\n\t\f\v" and unicodedata.category(ch) in ("Cc", "Co")
        assert _control_share(ch) == float(expected), hex(code)
    assert _control_share("ab\x00\x01") == 0.5
