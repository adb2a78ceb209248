"""Clean a transcript body: drop room/time lines, end markers and PDF page-header junk."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.ingest.dates import long_form
from bot.ingest.furniture import strip_furniture
from bot.ingest.inline_labels import sentence_paragraphs, split_inline_labels
from bot.ingest.name_lines import name_line
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
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_LONG_LINE_CHARS = 3000
_SHORT_LINE_SHARE = 0.6  # a name's line is short beside the speech (wrapped lines are not)
_PREAMBLE_MAX_WORDS = 8
_SPEECH_MIN_WORDS = 4
_TAIL_MAX_CHARS = 600


_GLUED_PERCENT = re.compile(r"(?<=\d)%(?=[A-Za-z])")


@dataclass
class Cleaned:
    """The parsed text, the spans of its paragraphs that were set in bold as a whole
    (questions, in some interview layouts), and the lines dropped as not the conference."""

    text: str
    emphasised: list[tuple[int, int]] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


@dataclass
class _Paragraph:
    text: str
    emphasised: bool = False


def clean_body(
    body: str,
    *,
    markdown: bool = False,
    doc_date: str | None = None,
    pdf_source: bool = False,
) -> str:
    """Return the transcript text: paragraphs separated by blank lines, junk removed."""
    return clean(body, markdown=markdown, doc_date=doc_date, pdf_source=pdf_source).text


def clean(
    body: str,
    *,
    markdown: bool = False,
    doc_date: str | None = None,
    pdf_source: bool = False,
) -> Cleaned:
    """The transcript text with what is not the conference removed, and what was."""
    text = _normalise_spaces(_unescape_newlines(body))
    furniture = strip_furniture(text, doc_date)
    text = _strip_page_headers(furniture.text, doc_date, pdf_source)
    unwrap = markdown or _is_hard_wrapped(text)
    paragraphs = _paragraphs(text, markdown or looks_like_markdown(text), unwrap)
    paragraphs = _drop_boilerplate(paragraphs, furniture.dropped)
    if _one_long_line(paragraphs):
        paragraphs = [_Paragraph(p) for p in _split_long_line(paragraphs[0].text)]
    return _assemble(paragraphs, furniture.dropped)


def _assemble(paragraphs: list[_Paragraph], dropped: list[str]) -> Cleaned:
    emphasised: list[tuple[int, int]] = []
    offset = 0
    for paragraph in paragraphs:
        if paragraph.emphasised:
            emphasised.append((offset, offset + len(paragraph.text)))
        offset += len(paragraph.text) + 2
    return Cleaned("\n\n".join(p.text for p in paragraphs), emphasised, dropped)


def _unescape_newlines(text: str) -> str:
    """A conference stored in one CSV cell with its line breaks written as `\\n`."""
    if text.count("\\n") >= 3 and text.strip().count("\n") <= 2:
        return text.replace("\\r\\n", "\n").replace("\\n", "\n")
    return text


def _normalise_spaces(text: str) -> str:
    """Non-breaking and zero-width characters, tabs, trailing blanks."""
    text = _ZERO_WIDTH.sub("", text).replace("\u00a0", " ").replace("\t", " ")
    text = _GLUED_PERCENT.sub("% ", text)  # scraped "8.3%year" → "8.3% year"
    return "\n".join(line.rstrip() for line in text.split("\n"))


def looks_like_markdown(text: str) -> bool:
    """Headings or bold markers at line starts: a Markdown conversion, whatever its name."""
    head = text[:20000]
    return bool(re.search(r"^(?:#{1,6} \S|\*\*\S)", head, re.MULTILINE))


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


def _paragraphs(text: str, markdown: bool, unwrap: bool) -> list[_Paragraph]:
    """Split on blank lines; a heading is a paragraph of its own; a paragraph set in bold
    as a whole is marked; wrapped lines are joined unless the next line starts a turn."""
    paragraphs: list[_Paragraph] = []
    for block in re.split(r"\n\s*\n", text):
        for part in _split_headings(block) if markdown else [block]:
            lines = [line.strip() for line in part.split("\n") if line.strip()]
            if not lines:
                continue
            bold = markdown and _all_bold(lines)
            if markdown:
                lines = [_strip_markdown(line).strip() for line in lines]
                lines = [line for line in lines if line]
            if unwrap:
                lines = _unwrap(lines)
            if lines:
                paragraphs.append(_Paragraph("\n".join(lines), bold))
    return paragraphs


def _split_headings(block: str) -> list[str]:
    """`### Jane Doe` lines as blocks of their own, without their `#` marks."""
    parts: list[str] = []
    current: list[str] = []
    for line in block.split("\n"):
        heading = _HEADING.match(line)
        if heading:
            parts.extend(["\n".join(current), heading.group(1)])
            current = []
        else:
            current.append(line)
    parts.append("\n".join(current))
    return [p for p in parts if p.strip()]


def _all_bold(lines: list[str]) -> bool:
    """A paragraph set in bold from its first word to its last (`**Why now?**`)."""
    joined = " ".join(lines)
    return bool(re.fullmatch(r"(\*\*|__)(?=\S).+(?<=\S)\1", joined)) and not re.search(
        r"(\*\*|__)\s", joined[2:-2] + " ")


def _unwrap(lines: list[str]) -> list[str]:
    joined = [lines[0]]
    for i, line in enumerate(lines[1:], 1):
        if (match_label(line, paragraph_start=False) or _is_junk_line(line)
                or _alone(lines, i) or _alone(lines, i - 1)):
            joined.append(line)
        else:
            joined[-1] = f"{joined[-1]} {line}"
    return joined


def _alone(lines: list[str], i: int) -> bool:
    """A name on a line of its own, after a finished sentence or first: a speaker's line
    in an export of a call transcript, not a wrapped line."""
    before = lines[i - 1] if i > 0 else ""
    finished = not before or bool(re.search(r"[.?!…\"”’)\]]$", before))
    short = len(lines[i]) < _SHORT_LINE_SHARE * max(len(line) for line in lines)
    return finished and short and i + 1 < len(lines) and name_line(lines[i]) is not None


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


def _drop_boilerplate(paragraphs: list[_Paragraph], dropped: list[str]) -> list[_Paragraph]:
    """Drop junk lines, location lines before the first turn, and what follows an end
    (listed in `dropped`, the tail after an end as its first line and a count)."""
    kept: list[_Paragraph] = []
    in_preamble = True
    texts = [p.text for p in paragraphs]
    for index, paragraph in enumerate(paragraphs):
        lines: list[str] = []
        own = paragraph.text.split("\n")
        for k, line in enumerate(own):
            following = own[k + 1] if k + 1 < len(own) else (
                texts[index + 1].split("\n", 1)[0] if index + 1 < len(texts) else "")
            if (
                not in_preamble
                and _is_end(line)
                and _tail_is_droppable(texts[index + 1 :], line)
            ):
                rest = len(texts) - index - 1
                tail = f" (and the {rest} paragraph(s) after it)" if rest else ""
                dropped.append(line + tail)
                return _join_kept(kept, lines, paragraph.emphasised)
            if _is_junk_line(line) or (in_preamble and _is_location_line(line, following)):
                dropped.append(line)
                continue
            lines.append(line)
            in_preamble = False
        if lines:
            kept.append(_Paragraph("\n".join(lines), paragraph.emphasised))
    return kept


def _join_kept(kept: list[_Paragraph], lines: list[str], bold: bool) -> list[_Paragraph]:
    return [*kept, _Paragraph("\n".join(lines), bold)] if lines else kept


def _one_long_line(paragraphs: list[_Paragraph]) -> bool:
    """A whole conference in one line (as datasets store one a CSV row)."""
    return len(paragraphs) == 1 and len(paragraphs[0].text) > _LONG_LINE_CHARS \
        and paragraphs[0].text.count("\n") <= 2


def _split_long_line(text: str) -> list[str]:
    """Paragraphs again in a conference stored in one line: at its labels, or where it has
    none, every few sentences (a short line before or after it, a title, stays apart)."""
    pieces = split_inline_labels(text)
    if len(pieces) > 1:
        return pieces
    return [p for line in text.split("\n") for p in sentence_paragraphs(line)]


def _is_end(line: str) -> bool:
    return bool(_END_LINE.match(line) or _TIME_LINE.match(line))


def _tail_is_droppable(rest: list[str], marker: str) -> bool:
    """After an END marker: nothing said by a labelled speaker. After a closing time: short."""
    if any(match_label(line, paragraph_start=True) for p in rest for line in p.split("\n")):
        return False
    if _END_LINE.match(marker):
        return True
    return sum(len(p) for p in rest) <= _TAIL_MAX_CHARS


def _is_location_line(line: str, following: str = "") -> bool:
    """`Rose Garden`, `East Room`: a short line with no sentence punctuation, before any turn
    (and not a speaker's name with the speech below it)."""
    speech_follows = len(following.split()) >= _SPEECH_MIN_WORDS and not (
        _capitalised(following) or match_label(following) or _is_junk_line(following))
    if speech_follows and name_line(line) is not None:
        return False
    return _capitalised(line) and not match_label(line, paragraph_start=True)


def _capitalised(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= _PREAMBLE_MAX_WORDS
        and not re.search(r"[.?!:;\"”)]$", line)
        and all(w[:1].isupper() or w.lower() in {"of", "the", "and", "en", "to"} for w in words)
    )
