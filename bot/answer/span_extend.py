"""A reader's span, made whole: never a piece of a word ("8.3" of "8.3%", "Carn" of
"Carney"), never with the punctuation that ends its clause."""

from __future__ import annotations

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
