"""A whole conference in one line: paragraphs again at the speaker labels inside it.

Datasets that store a conference per CSV row lose its line breaks: `CHAIR POWELL: Good
afternoon. ... Q: Thank you. ... CHAIR POWELL: Yes.` A label after a finished sentence
starts a paragraph again when it is printed in capitals, is a generic one (`Q:`,
`Question:`, `Answer:`), or is a mixed-case name that stands before a colon at least twice.
A line without labels is cut into paragraphs of a few sentences instead.
"""

from __future__ import annotations

import re
from collections import Counter

from bot.ingest.name_lines import colon_name
from bot.ingest.sentences import split_sentences
from bot.ingest.speakers import match_label

_AFTER_SENTENCE = re.compile(r"(?<=[.?!…\"”’)\]]) +(?=\S)")
_PARAGRAPH_SENTENCES = 4
_PARAGRAPH_CHARS = 600
_QUESTION_END = re.compile(r"[?？][\"”’)\]]*$")


def split_inline_labels(line: str) -> list[str]:
    """`line` cut before every label that follows a finished sentence."""
    cuts: list[tuple[int, str | None]] = []
    for match in _AFTER_SENTENCE.finditer(line):
        rest = line[match.end() : match.end() + 120]
        strong = match_label(rest, paragraph_start=False)
        if strong is not None and (strong.label.isupper() or strong.label == "Q"):
            cuts.append((match.start(), None))
            continue
        named = colon_name(rest)
        if named is not None:
            cuts.append((match.start(), named.name))
    counts = Counter(name for _, name in cuts if name)
    kept = [at for at, name in cuts if name is None or counts[name] >= 2
            or name.lower() in ("question", "answer")]
    pieces, start = [], 0
    for at in kept:
        pieces.append(line[start:at].strip())
        start = at
    pieces.append(line[start:].strip())
    return [p for p in pieces if p]


def sentence_paragraphs(line: str) -> list[str]:
    """`line` (a conference without labels) in paragraphs of a few sentences: at most four,
    and no longer than about 600 characters unless one sentence is. A paragraph does not
    end on a question, so that where the cuts fall never makes up an interview."""
    sentences = split_sentences(line)
    paragraphs: list[str] = []
    start = count = 0
    for i, (a, b) in enumerate(sentences):
        count += 1
        following = sentences[i + 1] if i + 1 < len(sentences) else None
        if following is None:
            break
        full = count >= _PARAGRAPH_SENTENCES or following[1] - start > _PARAGRAPH_CHARS
        if full and not _QUESTION_END.search(line[a:b]):
            paragraphs.append(line[start:b].strip())
            start, count = following[0], 0
    paragraphs.append(line[start:].strip())
    return [p for p in paragraphs if p]
