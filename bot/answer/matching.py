"""Whether one answer holds another, as the evaluation scores it: whole tokens, ignoring
case, spacing and thousands separators (Chinese: characters, spaces ignored)."""

from __future__ import annotations

import re

CJK = re.compile(r"[\u3400-\u9fff]")


def _normalise(text: str) -> str:
    text = re.sub(r"(?<=\d)[,，](?=\d{3}(?!\d))", "", text.lower())
    return re.sub(r"\s+", " ", text).strip()


def contains_answer(text: str | None, gold: str) -> bool:
    """`gold` appears in `text` as a whole token, ignoring case, spacing, thousands separators."""
    if not text or not gold.strip():
        return False
    hay, needle = _normalise(text), _normalise(gold)
    if CJK.search(needle):
        return needle.replace(" ", "") in hay.replace(" ", "")
    pattern = r"(?<![0-9a-z])" + re.escape(needle).replace(r"\ ", r"\s*") + r"(?![0-9a-z])"
    return re.search(pattern, hay) is not None


def same_answer(a: str | None, b: str | None) -> bool:
    """Either answer holds the other."""
    return bool(a and b) and (contains_answer(a, b or "") or contains_answer(b, a or ""))
