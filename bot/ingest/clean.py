"""Clean a transcript body: drop room/time lines, end markers and PDF page-header junk."""

from __future__ import annotations

import re

from bot.ingest.dates import long_form
from bot.ingest.speakers import match_label

_TIME = r"\d{1,2}:\d{2}\s*(?:[AaPp]\.?\s?[Mm]\.?)(?:\s*\(?[A-Z]{2,4}\)?)?"
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)"
)
_TIME_LINE = re.compile(rf"^\(?(?:{_TIME})\)?$")
_END_LINE = re.compile(rf"^(?:[-–—*\s]*END[-–—*\s]*|END\s+{_TIME})$")
_DATE_LINE = re.compile(rf"^(?:[A-Z][a-z]+day,\s+)?{_MONTH}\s+\d{{1,2}},\s+\d{{4}}$")
_ROOM_LINE = re.compile(
    r"^\(?(?:Via\s+(?:Teleconference|Telephone|Phone|Zoom|Video\s*conference)|By\s+Phone|"
    r"Telephonic\s+Briefing|James\s+S\.\s+Brady\s+Press\s+Briefing\s+Room)\)?$",
    re.IGNORECASE,
)
_RULE_LINE = re.compile(r"^[\\#*_=~\s-]+$")
_RECORD_ID_LINE = re.compile(r"^\[\d+\]$")
_RUNNING_HEADER = re.compile(
    r"[ \t]*\b(?:(?:Vice[ \t]+)?Chair(?:man|woman)?[ \t]+)?[A-Z][\w’'\-]+[’']s[ \t]+"
    r"(?:FOMC[ \t]+)?Press[ \t]+Conference(?:[ \t]+Call)?[ \t]+FINAL\b[ \t]*"
)
_PAGE_NUMBER = re.compile(r"[ \t]*\bPage[ \t]+\d{1,3}[ \t]+of[ \t]+\d{1,3}\b[ \t]*")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~ ])")
_MD_TAG = re.compile(r"</?(?:s|del|strike|em|strong|b|i|u|sup|sub|span|br)\b[^>]*>", re.I)
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\((?:https?://|/)[^)\s]*\)")
_MD_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_PREAMBLE_MAX_WORDS = 8
_TAIL_MAX_CHARS = 600


_GLUED_PERCENT = re.compile(r"(?<=\d)%(?=[A-Za-z])")


def clean_body(
    body: str,
    *,
    markdown: bool = False,
    doc_date: str | None = None,
    pdf_source: bool = False,
) -> str:
    """Return the transcript text: paragraphs separated by blank lines, junk removed."""
    text = _normalise_spaces(body)
    if markdown:
        text = _strip_markdown(text)
    text = _strip_page_headers(text, doc_date, pdf_source)
    paragraphs = _paragraphs(text, unwrap=markdown or _is_hard_wrapped(text))
    paragraphs = _drop_boilerplate(paragraphs)
    return "\n\n".join(paragraphs)


def _normalise_spaces(text: str) -> str:
    """Non-breaking and zero-width characters, tabs, trailing blanks."""
    text = _ZERO_WIDTH.sub("", text).replace("\u00a0", " ").replace("\t", " ")
    text = _GLUED_PERCENT.sub("% ", text)  # scraped "8.3%year" → "8.3% year"
    return "\n".join(line.rstrip() for line in text.split("\n"))


def _strip_markdown(text: str) -> str:
    """Undo Markdown escapes, inline HTML tags, links and bold markers."""
    text = _MD_TAG.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_AUTOLINK.sub(r"\1", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    return _MD_ESCAPE.sub(r"\1", text)


def _strip_page_headers(text: str, doc_date: str | None, pdf_source: bool) -> str:
    """Remove PDF running headers (`Chair X’s Press Conference FINAL`, page numbers, dates)."""
    text, headers = _RUNNING_HEADER.subn(" ", text)
    text = _PAGE_NUMBER.sub(" ", text)
    if doc_date and (headers or pdf_source):
        page_date = re.compile(rf"[ \t]*\b{re.escape(long_form(doc_date))}\b[ \t]*")
        text = page_date.sub(" ", text)
    lines = (re.sub(r" {2,}", " ", line).strip() for line in text.split("\n"))
    return "\n".join(lines)


def _is_hard_wrapped(text: str) -> bool:
    """Lines broken at a fixed width inside paragraphs (as in Markdown sources)."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 20:
        return False
    long_lines = sum(1 for line in lines if len(line) > 100)
    return long_lines / len(lines) < 0.02


def _paragraphs(text: str, unwrap: bool) -> list[str]:
    """Split on blank lines; join wrapped lines unless the next line starts a turn."""
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if unwrap:
            lines = _unwrap(lines)
        paragraphs.append("\n".join(lines))
    return paragraphs


def _unwrap(lines: list[str]) -> list[str]:
    joined = [lines[0]]
    for line in lines[1:]:
        if match_label(line, paragraph_start=False) or _is_junk_line(line):
            joined.append(line)
        else:
            joined[-1] = f"{joined[-1]} {line}"
    return joined


def _is_junk_line(line: str) -> bool:
    """A line that is not part of what anyone said (time stamp, room, end marker...)."""
    return bool(
        _TIME_LINE.match(line)
        or _END_LINE.match(line)
        or _DATE_LINE.match(line)
        or _ROOM_LINE.match(line)
        or _RULE_LINE.match(line)
        or _RECORD_ID_LINE.match(line)
    )


def _drop_boilerplate(paragraphs: list[str]) -> list[str]:
    """Drop junk lines, location lines before the first turn, and what follows an end."""
    kept: list[str] = []
    in_preamble = True
    for index, paragraph in enumerate(paragraphs):
        lines: list[str] = []
        for line in paragraph.split("\n"):
            if (
                not in_preamble
                and _is_end(line)
                and _tail_is_droppable(paragraphs[index + 1 :], line)
            ):
                return _join_kept(kept, lines)
            if _is_junk_line(line) or (in_preamble and _is_location_line(line)):
                continue
            lines.append(line)
            in_preamble = False
        if lines:
            kept.append("\n".join(lines))
    return kept


def _join_kept(kept: list[str], lines: list[str]) -> list[str]:
    return [*kept, "\n".join(lines)] if lines else kept


def _is_end(line: str) -> bool:
    return bool(_END_LINE.match(line) or _TIME_LINE.match(line))


def _tail_is_droppable(rest: list[str], marker: str) -> bool:
    """After an END marker: nothing said by a labelled speaker. After a closing time: short."""
    if any(match_label(line, paragraph_start=True) for p in rest for line in p.split("\n")):
        return False
    if _END_LINE.match(marker):
        return True
    return sum(len(p) for p in rest) <= _TAIL_MAX_CHARS


def _is_location_line(line: str) -> bool:
    """`Rose Garden`, `East Room`: a short line with no sentence punctuation, before any turn."""
    words = line.split()
    return (
        0 < len(words) <= _PREAMBLE_MAX_WORDS
        and not re.search(r"[.?!:;\"”)]$", line)
        and all(w[:1].isupper() or w.lower() in {"of", "the", "and", "en", "to"} for w in words)
        and not match_label(line, paragraph_start=True)
    )
