"""Lines of a PDF page with their positions, and their assembly into paragraphs.

pypdf's plain text extraction keeps words and spaces well but loses the layout;
its text visitor tells where each piece starts. From that we know which lines are
running headers and footers (in the page's top and bottom margins), which start a
paragraph (indented), and which continue one (at the left margin).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from pypdf import PageObject

HEADER_BAND = 60.0  # points from the top edge: running headers
FOOTER_BAND = 66.0  # points from the bottom edge: page numbers, footers
INDENT = 12.0  # points right of the left margin that start a paragraph
_WORD_END = re.compile(r"([A-Za-z]+)-$")
_WORD_START = re.compile(r"^([A-Za-z]+)")
_WORDS = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_SPACES = re.compile(r"[ \t\u00a0]+")


@dataclass
class Line:
    text: str
    x: float
    y: float
    page: int


def page_lines(page: PageObject, number: int) -> list[Line]:
    """The page's non-blank lines, in reading order, with where each one starts."""
    lines: list[Line] = []
    buffer: list[str] = []
    start: list[float] = []

    def flush() -> None:
        text = _SPACES.sub(" ", "".join(buffer)).strip()
        if text and start:
            lines.append(Line(text, start[0], start[1], number))
        buffer.clear()
        start.clear()

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        pieces = text.split("\n")
        for i, piece in enumerate(pieces):
            if i:
                flush()
            if piece.strip() and not start:
                start.extend((tm[4] * cm[0] + tm[5] * cm[2] + cm[4],
                              tm[4] * cm[1] + tm[5] * cm[3] + cm[5]))  # fmt: skip
            buffer.append(piece)

    page.extract_text(visitor_text=visit)
    flush()
    return lines


def body_lines(lines: list[Line], bottom: float, top: float) -> list[Line]:
    """Drop lines in the top and bottom margins: running headers, page numbers."""
    return [ln for ln in lines if bottom + FOOTER_BAND <= ln.y <= top - HEADER_BAND]


def left_margin(lines: Iterable[Line]) -> float:
    """The x where most lines start."""
    counts = Counter(round(ln.x) for ln in lines)
    return float(counts.most_common(1)[0][0]) if counts else 0.0


def paragraphs(lines: list[Line], starts_turn: re.Pattern[str]) -> list[str]:
    """Join lines into paragraphs: a new one at an indented line or a speaker label."""
    margin = left_margin(lines)
    vocabulary = _vocabulary(lines)
    result: list[str] = []
    for line in lines:
        indented = line.x > margin + INDENT
        if not result or indented or starts_turn.match(line.text):
            result.append(line.text)
        else:
            result[-1] = join_lines(result[-1], line.text, vocabulary)
    return result


def join_lines(before: str, after: str, vocabulary: set[str]) -> str:
    """Join a wrapped line to the next, mending a word hyphenated across them.

    `infla-` + `tion` becomes `inflation` when the document spells it so elsewhere;
    `longer-` + `run` stays `longer-run`. A dash at the end joins without a space.
    """
    head = _WORD_END.search(before)
    tail = _WORD_START.match(after)
    if head and tail:
        whole = (head.group(1) + tail.group(1)).lower()
        hyphenated = f"{head.group(1)}-{tail.group(1)}".lower()
        if whole in vocabulary and hyphenated not in vocabulary:
            return before[:-1] + after
        return before + after
    if before.endswith(("—", "–")):
        return before + after
    return f"{before} {after}"


def _vocabulary(lines: Iterable[Line]) -> set[str]:
    """Words (and hyphenated compounds) written whole on one line somewhere."""
    words: set[str] = set()
    for line in lines:
        found = _WORDS.findall(line.text)
        if line.text.endswith("-") and found:
            found = found[:-1]  # the broken word at the line's end
        words.update(w.lower() for w in found)
    return words
