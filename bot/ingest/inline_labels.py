"""A whole conference in one line: paragraphs again at the speaker labels inside it.

Datasets that store a conference per CSV row lose its line breaks: `CHAIR POWELL: Good
afternoon. ... Q: Thank you. ... CHAIR POWELL: Yes.` A label after a finished sentence
starts a paragraph again when it is printed in capitals, is a generic one (`Q:`,
`Question:`, `Answer:`), or is a mixed-case name that stands before a colon at least twice.
"""

from __future__ import annotations

import re
from collections import Counter

from bot.ingest.name_lines import colon_name
from bot.ingest.speakers import match_label

_AFTER_SENTENCE = re.compile(r"(?<=[.?!…\"”’)\]]) +(?=\S)")


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
