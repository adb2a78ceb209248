"""Read a transcript file from disk and decode it to text with `\\n` newlines."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from bot.errors import IngestError

_SNIFF_BYTES = 8192
_CONTROL = re.compile("[\x00-\x08\x0d-\x1f\x7f-\x9f\ue000-\uf8ff"
                      "\U000f0000-\U000ffffd\U00100000-\U0010fffd]")
_MAX_CONTROL_SHARE = 0.05
_HIGH_BYTE_RUN = re.compile(rb"[\x80-\xff]+")
_BINARY_MAGIC = (b"%PDF-", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x7fELF")


def read_text(path: Path, max_bytes: int | None = None) -> str:
    """Read `path` and return its text, decoded and with newlines normalised to `\\n`.

    Tries UTF-8 (with or without BOM, or UTF-16 with a BOM), then GB18030 when the
    bytes look like CJK text, then cp1252 and finally Latin-1. Raises `IngestError`
    for a missing, unreadable, empty, binary or oversized file.
    """
    path = Path(path)
    data = _read_bytes(path, max_bytes)
    if not data:
        raise IngestError(str(path), "file is empty")
    text = decode_bytes(data, str(path))
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise IngestError(str(path), "file is empty")
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise IngestError(str(path), "binary file, not a transcript")
    return text


def _read_bytes(path: Path, max_bytes: int | None) -> bytes:
    """Return the file's bytes after checking that it exists and is small enough."""
    try:
        if not path.exists():
            raise IngestError(str(path), "file not found")
        if not path.is_file():
            raise IngestError(str(path), "not a regular file")
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            size_mb, limit_mb = _mb(size), _mb(max_bytes)
            if size_mb == limit_mb:
                size_mb = _mb(size, digits=6)
            raise IngestError(str(path), f"file is {size_mb} MB, over the limit of {limit_mb} MB")
        return path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise IngestError(str(path), f"cannot read file: {reason}") from exc


def _mb(n: int, digits: int = 1) -> str:
    """Format a byte count in megabytes: `12`, `0.5`, `12.3`, `0.0001`."""
    value = n / (1024 * 1024)
    while digits < 6 and round(value, digits) == 0 and value > 0:
        digits += 1
    return f"{value:.{digits}f}".rstrip("0").rstrip(".")


def decode_bytes(data: bytes, path: str = "<bytes>") -> str:
    """Decode raw bytes of a text file; see `read_text` for the order of encodings."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8", path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path)
    if _looks_binary(data):
        raise IngestError(path, "binary file, not a transcript")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _looks_cjk(data):
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise IngestError(path, f"cannot decode file as {encoding}: {exc.reason}") from exc


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or a known binary signature near the start mean it is not text."""
    head = data[:_SNIFF_BYTES]
    return b"\x00" in head or head.startswith(_BINARY_MAGIC)


def _looks_cjk(data: bytes) -> bool:
    """Double-byte CJK text has its high bytes in long runs; Latin-1 text in single bytes."""
    runs = [len(m.group()) for m in _HIGH_BYTE_RUN.finditer(data)]
    high = sum(runs)
    return high > 0 and sum(r for r in runs if r >= 4) / high >= 0.5


def _control_share(text: str) -> float:
    """Share of characters that are control characters other than white space (Unicode
    categories Cc and Co, less tab, newline, vertical tab and form feed)."""
    sample = text[: _SNIFF_BYTES * 4]
    if not sample:
        return 0.0
    return len(_CONTROL.findall(sample)) / len(sample)
