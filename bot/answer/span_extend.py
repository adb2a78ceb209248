"""A reader's span, made whole: never a piece of a word ("8.3" of "8.3%", "Carn" of
"Carney"), never with the punctuation that ends its clause."""

from __future__ import annotations

import re

_CLOSING = ",.;:!?)]}\"'”’"
_OPENING = "([{\"'“‘"


def extend_span(text: str, start: int, end: int) -> tuple[int, int]:
    """`text[start:end]` grown to whole words, then trimmed of outer punctuation."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    while end > start and text[end - 1] in _CLOSING and not _closes_inside(text, start, end):
        end -= 1
    while start < end and text[start] in _OPENING and not _opens_inside(text, start, end):
        start += 1
    return start, end


def _closes_inside(text: str, start: int, end: int) -> bool:
    """A closing bracket or quote that closes one opened inside the span ("(SEP)")."""
    pairs = {")": "(", "]": "[", "}": "{", "”": "“", "’": "‘"}
    opener = pairs.get(text[end - 1])
    return opener is not None and opener in text[start:end - 1]


def _opens_inside(text: str, start: int, end: int) -> bool:
    pairs = {"(": ")", "[": "]", "{": "}", "“": "”", "‘": "’"}
    closer = pairs.get(text[start])
    return closer is not None and closer in text[start + 1:end]


# ---- a figure made whole: its unit, its range, its rate --------------------------------
# Number words and units are English grammar (closed classes), not words of any question.
_NUMBER_WORD = (r"\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|"
                r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a\s+half|"
                r"a\s+quarter|half)\b")
_NUMBER = (rf"(?:[$€£¥]?\d(?:[\d,.]*\d)?(?:\s?[¼½¾⅛⅜⅝⅞])?|[$€£¥]?\d*[¼½¾⅛⅜⅝⅞]|\d+/\d+|"
           rf"{_NUMBER_WORD}(?:[-\s]{_NUMBER_WORD})*)")
_SCALE = r"(?:thousand|million|billion|trillion)"
_UNIT = (r"(?:percent(?:age\s+points?)?|per\s+cent|%|basis\s+points?|points?|"
         rf"{_SCALE}(?:\s+(?:dollars|euros|yuan|pounds))?|dollars|euros|yuan|pounds)")
_PER = r"(?:a|per|each)\s+(?:day|week|month|quarter|year)"
_FIGURE_TEXT = rf"{_NUMBER}(?:\s+{_UNIT})*"  # a number with its units
FIGURE = re.compile(rf"(?i){_FIGURE_TEXT}")
# what joins two figures into one: "2 to 2¼ percent", "3-4 percent"; "and" only after
# "between" ("between 3 and 4 percent", not "in 2019 and 2020")
_JOIN = r"(?:\s*(?:-|–|—)\s*|\s+(?:to|through)\s+)"
_RANGE_AFTER = re.compile(rf"(?i){_JOIN}{_FIGURE_TEXT}")
_BETWEEN_AFTER = re.compile(rf"(?i)\s+and\s+{_FIGURE_TEXT}")
_RANGE_BEFORE = re.compile(rf"(?i)(?:from\s+)?{_FIGURE_TEXT}{_JOIN}$")
_BETWEEN_BEFORE = re.compile(rf"(?i)between\s+{_FIGURE_TEXT}\s+and\s+$")
_RATE_AFTER = re.compile(rf"(?i)\s+{_PER}\b")
_PART_OF = re.compile(rf"(?i)\s+of\s+(?:the\s+)?{_NUMBER}\b")


def extend_figure(text: str, start: int, end: int) -> tuple[int, int]:
    """A span that ends in a figure, grown to the whole figure: its unit ("2¼" → "2¼
    percent"), the other end of its range ("2¼ percent" → "2 to 2¼ percent"), a rate
    ("$85 billion" → "$85 billion a month") and a share ("nine" → "nine of the twelve").
    Any other span is returned as it is."""
    last = None
    for m in FIGURE.finditer(text, start, end):
        last = m
    if last is None or last.end() < end - 1:  # no figure, or words after the last one
        return start, end
    # the last figure grown by its unit (and a second unit: "billion dollars")
    grown = FIGURE.match(text, last.start())
    if grown is not None and grown.end() > end and whole_word(text, grown.end()):
        end = grown.end()
    between = re.search(r"(?i)\bbetween\s+$", text[max(0, start - 12):start])
    for pattern in (_RANGE_AFTER, _BETWEEN_AFTER if between else None):
        after = pattern.match(text, end) if pattern else None
        if after is not None and whole_word(text, after.end()) and is_figure(text, start,
                                                                               end):
            end = after.end()
            break
    if between:
        start -= len(between.group(0))
    for pattern in (_RANGE_BEFORE, _BETWEEN_BEFORE):
        before = pattern.search(text, max(0, start - 60), start)
        if before is not None and whole_word(text, before.start(), left=True):
            start = before.start()
            break
    for pattern in (_RATE_AFTER, _PART_OF):
        found = pattern.match(text, end)
        if found is not None:
            end = found.end()
    return start, end


def is_figure(text: str, start: int, end: int) -> bool:
    """The span is one figure (with its unit), not words that end in one."""
    m = FIGURE.fullmatch(text, start, end)
    return m is not None


def whole_word(text: str, at: int, left: bool = False) -> bool:
    if left:
        return at == 0 or not text[at - 1].isalnum()
    return at >= len(text) or not text[at].isalnum()

