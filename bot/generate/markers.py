"""Inline citation markers `[n]`: read them, renumber them, take them out.

A marker may name several passages: `[1, 3]`, `[1][2]`, `[2-4]`.
"""

from __future__ import annotations

import re

MARKER = re.compile(r"\[\s*(\d+(?:\s*(?:[,;]|–|-|and)\s*\d+)*)\s*\]")
_NUMBER = re.compile(r"\d+")
_RANGE = re.compile(r"(\d+)\s*(?:–|-)\s*(\d+)")
MAX_RANGE = 20


def numbers_in(marker_body: str) -> list[int]:
    """The passage numbers one marker names, ranges expanded (`2-4` → 2, 3, 4)."""
    numbers: list[int] = []
    for lo, hi in _RANGE.findall(marker_body):
        a, b = int(lo), int(hi)
        numbers.extend(range(a, b + 1) if a <= b <= a + MAX_RANGE else (a, b))
    numbers.extend(int(n) for n in _NUMBER.findall(_RANGE.sub(" ", marker_body)))
    return list(dict.fromkeys(numbers))


def cited(text: str) -> list[int]:
    """Every number the text cites, in order of first use (valid or not)."""
    found: list[int] = []
    for m in MARKER.finditer(text):
        found.extend(numbers_in(m.group(1)))
    return list(dict.fromkeys(found))


def renumber(text: str, mapping: dict[int, int]) -> str:
    """Rewrite every marker through `mapping` (old number → new); unmapped numbers go."""

    def sub(m: re.Match[str]) -> str:
        new = sorted({mapping[n] for n in numbers_in(m.group(1)) if n in mapping})
        return "".join(f"[{n}]" for n in new)

    return MARKER.sub(sub, text)


def strip_markers(text: str) -> str:
    return re.sub(r"\s+([.,;:!?])", r"\1", re.sub(r"[ \t]*" + MARKER.pattern, "", text)).strip()
