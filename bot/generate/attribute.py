"""Markers for a model that writes none: each sentence to the passage that holds its claims.

Small models (SmolLM2-135M) answer from the passages but rarely write `[n]`. When the
text cites nothing, each sentence that states a figure, date or name is given the
passage that holds all of them (among several, the one sharing most words with the
sentence); a sentence no single passage supports gets no marker, and fails the check.
The Answer says so (`grounding.attributed`). A text with any marker is left as written.
"""

from __future__ import annotations

import re

from bot.generate.grounding import claims, sentences, unsupported_claims
from bot.generate.markers import cited


def _overlap(sentence: str, support: str) -> int:
    words = {w for w in re.findall(r"[a-z0-9]{4,}", sentence.lower())}
    return len(words & set(re.findall(r"[a-z0-9]{4,}", support.lower())))


def attribute(text: str, supports: list[str]) -> str | None:
    """`text` with markers added, or None when it already cites or nothing could be added."""
    if cited(text):
        return None
    out, added = [], False
    for sentence in sentences(text):
        holders = [n for n, support in enumerate(supports, start=1)
                   if claims(sentence) and not unsupported_claims(sentence, support)]
        if holders:
            best = max(holders, key=lambda n: _overlap(sentence, supports[n - 1]))
            sentence = re.sub(r"([.!?]*)$", rf" [{best}]\1", sentence, count=1)
            added = True
        out.append(sentence)
    return " ".join(out) if added else None
