"""Sentence boundaries as character offsets, for English and Chinese text.

A rule-based splitter: fast, deterministic, and good on transcripts, where
spaCy's parser is slow and trips over speaker labels. It knows the
abbreviations that end in a dot inside a sentence (Dr., U.S., p.m., Sept.).
"""

from __future__ import annotations

import re

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "gov", "sen", "rep", "adm",
    "lt", "col", "capt", "sgt", "rev", "hon", "pres", "no", "nos", "vs", "etc", "inc",
    "corp", "co", "ltd", "dept", "est", "approx", "fig", "vol", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "u.s", "u.k",
    "u.n", "e.g", "i.e", "a.m", "p.m", "d.c", "h.r", "s", "u",
}
_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s)|[。！？；]+[”’」』）]*")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def _is_abbreviation(text: str, dot_pos: int) -> bool:
    match = _WORD_BEFORE.search(text, max(0, dot_pos - 40), dot_pos)  # not from 0: O(n) a dot
    if not match:
        return False
    word = match.group(1).lower().rstrip(".")
    if word in _ABBREVIATIONS:
        return True
    # single capital initials ("John F. Kennedy") and dotted acronyms ("U.S.")
    return bool(re.fullmatch(r"[a-z]|(?:[a-z]\.)+[a-z]", word))


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences of `text[start:end]`, stripped."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _END.finditer(text, start, end):
        stop = match.end()
        if match.group(0).startswith(".") and _is_abbreviation(text, match.start()):
            nxt = text[stop:stop + 2].strip()
            if not nxt or not nxt[0].isupper() or match.group(0) != ".":
                continue
            # "U.S. The" ends a sentence; "Dr. Fauci" does not
            word = _WORD_BEFORE.search(text, max(0, match.start() - 40), match.start())
            enders = {"u.s", "etc", "inc", "a.m", "p.m"}
            if word and word.group(1).lower().rstrip(".") not in enders:
                continue
        spans.append((cursor, stop))
        cursor = stop
    if cursor < end:
        spans.append((cursor, end))
    return [s for s in (_strip(text, a, b) for a, b in spans) if s[0] < s[1]]


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b
