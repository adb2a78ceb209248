"""Helpers for the format tests: the raw published files and their text versions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.ingest.clean import _PAGE_NUMBER, _RUNNING_HEADER
from bot.ingest.dates import long_form
from bot.ingest.parse import parse_transcript
from bot.schema import ParsedDocument


@pytest.fixture(scope="session")
def raw_dir(shared_dir: Path) -> Path:
    return shared_dir / "raw"


def squash(text: str) -> str:
    """Text without any white space: compare 'modulo whitespace'."""
    return re.sub(r"\s+", "", text)


def text_version(path: Path) -> ParsedDocument:
    return parse_transcript(path.read_text(encoding="utf-8"), path.name, path.name)


def text_sentences(doc: ParsedDocument) -> list[str]:
    """The text version's sentences, without the PDF page-header junk glued into it
    and without speaker labels glued to a sentence's end."""
    body = _PAGE_NUMBER.sub(" ", _RUNNING_HEADER.sub(" ", doc.text))
    if doc.date:
        body = body.replace(long_form(doc.date), " ")
    body = re.sub(r"(?<=\S) [A-Z][A-Z.’' -]+[.:](?= |$)", "\n", body)  # `... so— CHAIR YELLEN.`
    sentences = re.split(r"(?<=[.?!”])\s+(?=[A-Z“\"])|\n+", body)
    return [s.strip() for s in sentences if len(s.strip()) > 25]
