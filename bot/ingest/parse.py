"""Parse a transcript: header metadata, cleaned text, and speaker turns with offsets."""

from __future__ import annotations

import logging
import re
from typing import Literal

from pydantic import BaseModel, Field

from bot.errors import IngestError
from bot.ingest.aliases import merge_aliases
from bot.ingest.clean import clean
from bot.ingest.dates import date_from_name, date_in_line, is_date_line
from bot.ingest.header import Header, split_header
from bot.ingest.layouts import Layout, Start, find_starts, interview_starts
from bot.ingest.limits import safe_url
from bot.ingest.roles import (
    RawTurn,
    merge_typo_speakers,
    name_questioners,
    reported_speaker,
    resolve_persons,
)
from bot.ingest.speakers import match_label, named_leaders, normalise
from bot.lang import language_of
from bot.schema import ParsedDocument, SpeakerRole, Speech, Turn

log = logging.getLogger(__name__)

_DATE_LINES = 12
_ROLES: dict[str, SpeakerRole] = {
    "official": "official",
    "reporter": "reporter",
    "moderator": "moderator",
}


class ParseNotes(BaseModel):
    """How a transcript was read: where its title and date came from, the layout of its
    turns, and the lines dropped as not the conference (for `pressbot ingest --explain`)."""

    title_from: Literal["header", "text", "none"]
    date_from: Literal["header", "text", "file name", "none"]
    layout: Layout
    dropped: list[str] = Field(default_factory=list)


class Parsed(BaseModel):
    doc: ParsedDocument
    notes: ParseNotes


def parse_transcript(raw: str, doc_id: str, path: str | None = None) -> ParsedDocument:
    """Parse one transcript's text into a `ParsedDocument`.

    Raises `IngestError(path, "no transcript text found")` when nothing is left
    after the header and the clean-up.
    """
    return parse_with_notes(raw, doc_id, path).doc


def parse_with_notes(raw: str, doc_id: str, path: str | None = None) -> Parsed:
    """`parse_transcript`, and how the transcript was read."""
    where = path or doc_id
    header = split_header(raw.replace("\r\n", "\n").replace("\r", "\n"))
    date, date_from = _date(header, doc_id, path)
    cleaned = clean(
        header.body,
        markdown=header.markdown or where.lower().endswith((".md", ".markdown")),
        doc_date=date,
        pdf_source=(header.source_url or "").lower().endswith(".pdf"),
    )
    text = cleaned.text
    if not text.strip():
        raise IngestError(where, "no transcript text found")
    title = header.title or _title_from_text(text)
    layout, turns, speech = _turns(text, cleaned.emphasised, title)
    if not header.title and turns and turns[0].label and text.startswith(turns[0].label):
        title = None  # the first line is a speaker's name, not a title
    source_url = safe_url(header.source_url)
    if header.source_url and source_url is None:
        log.warning("%s: dropped its source URL %.80r: only http(s) addresses are kept",
                    where, header.source_url)
    doc = ParsedDocument(
        doc_id=doc_id,
        path=path or doc_id,
        title=title,
        date=date,
        source=header.source,
        source_url=source_url,
        language=detect_language(text),
        text=text,
        turns=[_to_turn(t, speech) for t in turns],
        speakers=_distinct_speakers(turns),
    )
    title_from = "header" if header.title else ("text" if title else "none")
    return Parsed(doc=doc, notes=ParseNotes(title_from=title_from, date_from=date_from,
                                            layout=layout, dropped=cleaned.dropped))


DateFrom = Literal["header", "text", "file name", "none"]


def _date(header: Header, doc_id: str, path: str | None) -> tuple[str | None, DateFrom]:
    """The header's date; else a date in the title or the body's first lines; else the file
    name's leading date; else none (a header that gives no usable date, `undated`, wins)."""
    if header.date:
        return header.date, "header"
    if header.date_text:
        return None, "none"
    lines = [line.strip() for line in header.body.split("\n", _DATE_LINES)[:_DATE_LINES]]
    for line in [header.title or "", *(line for line in lines if line)]:
        found = date_in_line(line)
        if found:
            return found, "text"
    found = date_from_name(doc_id) or (date_from_name(path) if path else None)
    return (found, "file name") if found else (None, "none")


def detect_language(text: str) -> str:
    """`zh` when CJK characters make up a good share of the letters, else `en`."""
    return language_of(text)


def _turns(text: str, emphasised: list[tuple[int, int]], title: str | None
           ) -> tuple[Layout, list[RawTurn], Speech]:
    """Labelled turns with roles worked out, or the turns of a prose write-up."""
    president, vice = named_leaders(title)
    found = find_starts(text, emphasised, title, president, vice)
    if found.starts:
        turns = segment(text, found.starts, president, vice)
        merge_typo_speakers(turns)
        merge_aliases(turns)
        resolve_persons(turns, text)
        name_questioners(turns, text)
        return found.layout, turns, "direct"
    turns, speech = _prose_turns(text)
    if speech == "reported":
        return "reported", turns, speech
    asked = interview_starts(text, title)
    if asked:
        turns = segment(text, asked)
        name_questioners(turns, text)
        return "interview", turns, "direct"
    return "none", turns, speech


def segment(text: str, starts: list[Start], president: str | None = None,
            vice: str | None = None) -> list[RawTurn]:
    """Split `text` at the turns' starts; text before the first is a turn of its own."""
    turns: list[RawTurn] = []
    pending = RawTurn(0, 0, None, None, None)
    for start in starts:
        _close(pending, start.line, text, turns)
        pending = RawTurn(start.at, 0, start.label, start.speaker, start.kind)
    _close(pending, len(text), text, turns)
    return _split_glued_labels(turns, text, president, vice)


def _split_glued_labels(
    turns: list[RawTurn], text: str, president: str | None, vice: str | None
) -> list[RawTurn]:
    """Split where a known label was glued into a paragraph: `... so— CHAIR YELLEN. I simply`."""
    labels = {t.label for t in turns if t.label and len(t.label) > 2 and " " in t.label}
    if not labels:
        return turns
    alternatives = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    glued = re.compile(rf"(?<=[.?!…—–\-”\"\]\)] )(?P<label>{alternatives})[.:] +(?=\S)")
    result: list[RawTurn] = []
    for turn in turns:
        for match in glued.finditer(text, turn.start, turn.end):
            _close(RawTurn(turn.start, 0, turn.label, turn.speaker, turn.kind),
                   match.start(), text, result)  # fmt: skip
            name = normalise(match.group("label"), president, vice)
            turn = RawTurn(match.end(), turn.end, match.group("label"), name.speaker, name.kind)
        _close(turn, turn.end, text, result)
    return result


def _close(turn: RawTurn | None, limit: int, text: str, turns: list[RawTurn]) -> None:
    """Set the turn's span to its words before `limit`; keep it if it has any."""
    if turn is None:
        return
    start = turn.start
    while start < limit and text[start].isspace():
        start += 1
    end = min(limit, len(text))
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        turn.start, turn.end = start, end
        turns.append(turn)


def _prose_turns(text: str) -> tuple[list[RawTurn], Speech]:
    """A write-up without labels: the intro, then the person it says answered or said."""
    offset = 0
    for block in text.split("\n\n"):
        found = reported_speaker(block)
        offset += len(block) + 2
        if found:
            if offset >= len(text):
                break
            kind = "official" if found.official else "unknown"
            turns = [
                RawTurn(0, offset, None, None, None),
                RawTurn(offset, 0, None, found.name, kind),
            ]
            kept: list[RawTurn] = []
            _close(turns[0], offset, text, kept)
            _close(turns[1], len(text), text, kept)
            return kept, "reported"
    whole: list[RawTurn] = []
    _close(RawTurn(0, 0, None, None, None), len(text), text, whole)
    return whole, "direct"


def _to_turn(turn: RawTurn, speech: Speech) -> Turn:
    return Turn(
        start=turn.start,
        end=turn.end,
        speaker=turn.speaker,
        speaker_role=_ROLES.get(turn.kind or ""),
        speech=speech,
        label=turn.label,
        outlet=turn.outlet,
    )


def _distinct_speakers(turns: list[RawTurn]) -> list[str]:
    seen: dict[str, None] = {}
    for turn in turns:
        if turn.speaker:
            seen.setdefault(turn.speaker, None)
    return list(seen)


def _title_from_text(text: str) -> str | None:
    """A headerless file's first line when it reads like a title (kept in the text); a
    date on a line of its own before it is passed over."""
    for first in (line.strip() for line in text.split("\n", 3)[:3]):
        if first and is_date_line(first):
            continue
        if len(first) > 150 or match_label(first) or re.search(r"[.?!:;,]$", first):
            return None
        return first or None
    return None
