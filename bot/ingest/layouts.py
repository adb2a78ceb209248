"""Where speaker turns start, in whichever layout a transcript is set.

- `labels`: `CHAIR POWELL:`, `Q:` at a paragraph's start (as published by governments),
  and with them `Q.`/`A.`; where every such label is a generic one (`Q:`), names in
  headings or before a colon count too;
- `names`: without capitalised labels, mixed-case `Jane Doe:` labels, `Question:` /
  `Answer:`, or a name on a line of its own (a Markdown heading, an export of a call
  transcript) with the speech on the next lines;
- `bold-questions`: questions set in bold, answers in plain text;
- `interview`: questions without any label, told by their question mark (`interview_starts`).

The layout is chosen for the whole document from the shape of its lines, never from a
list of names.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from bot.ingest.name_lines import GENERIC, NameLine, colon_name, name_line
from bot.ingest.speakers import Kind, match_label, normalise

Layout = Literal["labels", "names", "bold-questions", "interview", "reported", "none"]

_DOTTED_QA = re.compile(r"^(?P<label>Q|A)\.[ ]+(?=\S)")
_QUESTION_END = re.compile(r"\?[\"”’)\]]*$")
_QUESTION_MAX_WORDS = 80
_MIN_QUESTIONS = 3
_SPEECH_MIN_WORDS = 4
_INTERVIEWEE = re.compile(
    r"\b[Ii]nterview(?:ed)?\s+(?:with|of)\s+(?:the\s+)?"
    r"(?P<name>(?:[A-Z][\w’'\-]*\.?)(?:\s+(?:[A-Z][\w’'\-]*\.?|de|van|von|bin|al)){0,5})"
)
_NOT_INTERVIEWEE_TAIL = {"On", "About", "In", "At", "For", "By", "After", "Before", "The"}


@dataclass(frozen=True)
class Start:
    """A turn starting: its words from `at`; the one before ends before `line` (where its
    label's line starts)."""

    line: int
    at: int
    label: str | None
    speaker: str | None
    kind: Kind | None


@dataclass(frozen=True)
class Starts:
    layout: Layout
    starts: list[Start]


def find_starts(
    text: str,
    emphasised: list[tuple[int, int]],
    title: str | None = None,
    president: str | None = None,
    vice: str | None = None,
) -> Starts:
    """The turns' starts in `text` (cleaned: paragraphs at blank lines, one per line)."""
    strong: list[Start] = []
    dotted: list[Start] = []
    named: list[Start] = []
    alone: list[Start] = []
    lines = text.split("\n")
    offset = 0
    for i, line in enumerate(lines):
        label = match_label(line, paragraph_start=True)
        if label is not None:
            name = normalise(label.label, president, vice)
            strong.append(Start(offset, offset + label.end, label.label, name.speaker, name.kind))
        elif (dot := _DOTTED_QA.match(line)) is not None:
            dotted.append(_generic(offset, offset + dot.end(), dot.group("label")))
        elif (found := colon_name(line)) is not None:
            named.append(_named(offset, offset + found.end, found, president, vice))
        elif _speech_follows(lines, i) and (whole := name_line(line)) is not None:
            alone.append(_named(offset, offset + len(line) + 1, whole, president, vice))
        offset += len(line) + 1
    if len({s.label for s in dotted}) < 2:
        dotted = []  # `A.` alone is as often a list item
    if strong:
        extra = [*named, *alone] if all(s.speaker is None for s in strong) else []
        return Starts("labels", _ordered([*strong, *dotted, *extra]))
    if len(named) + len(dotted) >= 2:
        return Starts("names", _ordered([*named, *dotted]))
    if len(alone) >= 2 and (len(alone) >= 3 or _recurs(alone)):
        return Starts("names", alone)
    bold = _bold_questions(text, emphasised, interviewee(title))
    if bold:
        return Starts("bold-questions", bold)
    return Starts("none", [])


def _ordered(starts: list[Start]) -> list[Start]:
    return sorted(starts, key=lambda s: s.line)


def _recurs(starts: list[Start]) -> bool:
    return max(Counter(s.speaker or s.label for s in starts).values()) >= 2


def _generic(line: int, at: int, label: str) -> Start:
    name = normalise(label.upper())
    return Start(line, at, label, name.speaker, name.kind)


def _named(line: int, at: int, found: NameLine, president: str | None,
           vice: str | None) -> Start:
    """A name label's speaker, as published (in capitals: as `normalise` writes them)."""
    if found.name.lower() in GENERIC or found.name.isupper():
        name = normalise(found.name.upper(), president, vice)
        speaker, kind = name.speaker, name.kind
    else:
        speaker, kind = found.name, normalise(found.name.upper()).kind
    if found.affiliation != "unknown" and speaker is not None:
        kind = found.affiliation
    return Start(line, at, found.label, speaker, kind)


def _speech_follows(lines: list[str], i: int) -> bool:
    """The next non-empty line is someone speaking: not another name, not a label."""
    for line in lines[i + 1 : i + 4]:
        if not line.strip():
            continue
        if match_label(line) or name_line(line) is not None:
            return False
        return len(line.split()) >= _SPEECH_MIN_WORDS or bool(re.search(r"[.?!…]$", line))
    return False


def _bold_questions(text: str, emphasised: list[tuple[int, int]],
                    answerer: str | None) -> list[Start]:
    """A question set in bold, then its answer in plain text, at least twice."""
    questions = [(a, b) for a, b in emphasised if _QUESTION_END.search(text[a:b])
                 or len(text[a:b].split()) >= _SPEECH_MIN_WORDS]
    if len(questions) < 2:
        return []
    asked = {a for a, _ in questions}
    starts: list[Start] = []
    for a, b in questions:
        starts.append(Start(a, a, None, None, "reporter"))
        if b + 2 < len(text) and b + 2 not in asked:
            starts.append(Start(b + 2, b + 2, None, answerer, "official"))
    return starts


def interview_starts(text: str, title: str | None) -> list[Start]:
    """An interview whose questions carry no label: short paragraphs ending in `?`, each
    followed by a paragraph that is not a question, at least three times."""
    paragraphs: list[tuple[int, str]] = []
    offset = 0
    for paragraph in text.split("\n\n"):
        paragraphs.append((offset, paragraph))
        offset += len(paragraph) + 2
    asks = [_is_question(p) for _, p in paragraphs]
    answered = [i for i, ask in enumerate(asks)
                if ask and i + 1 < len(asks) and not asks[i + 1]]  # fmt: skip
    if len(answered) < _MIN_QUESTIONS or sum(asks) * 8 < len(paragraphs):
        return []
    answerer = interviewee(title)
    starts: list[Start] = []
    for i, (at, _) in enumerate(paragraphs):
        if asks[i] and (i == 0 or not asks[i - 1]):
            starts.append(Start(at, at, None, None, "reporter"))
        elif not asks[i] and i > 0 and asks[i - 1]:
            starts.append(Start(at, at, None, answerer, "official"))
    return starts


def _is_question(paragraph: str) -> bool:
    return bool(_QUESTION_END.search(paragraph.strip())) and \
        len(paragraph.split()) <= _QUESTION_MAX_WORDS


def interviewee(title: str | None) -> str | None:
    """`Interview with Prime Minister Jane Doe on ...` -> `Prime Minister Jane Doe`."""
    match = _INTERVIEWEE.search(title or "")
    if not match:
        return None
    words = match.group("name").split()
    while words and words[-1] in _NOT_INTERVIEWEE_TAIL:
        words.pop()
    return " ".join(words).rstrip(".,") or None
