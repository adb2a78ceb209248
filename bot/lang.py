"""Which language a text is in, and Chinese word segmentation (jieba).

Chinese has no spaces between words: keyword search, question analysis and answer
extraction segment CJK runs with jieba and leave other text as it is.
"""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache

CJK_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK = re.compile(f"[{CJK_CHARS}]")
CJK_RUN = re.compile(f"[{CJK_CHARS}]+")
_lock = threading.Lock()


def word_set(words: str) -> frozenset[str]:
    """A word list written as one space-separated string."""
    return frozenset(words.split())


def has_cjk(text: str) -> bool:
    return CJK.search(text) is not None


def language_of(text: str, share: float = 0.3) -> str:
    """`zh` when CJK characters make up at least `share` of the letters, else `en`."""
    sample = text[:20000]
    letters = sum(1 for ch in sample if ch.isalpha())
    cjk = len(CJK.findall(sample))
    return "zh" if letters and cjk / letters >= share else "en"


@lru_cache(maxsize=1)
def _jieba():  # type: ignore[no-untyped-def]
    with _lock:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        return jieba


def segment(text: str) -> list[str]:
    """jieba's words of a Chinese text, in order (punctuation included)."""
    return [w for w in _jieba().cut(text) if w.strip()]


def segment_for_search(text: str) -> list[str]:
    """jieba's search-mode words: a compound and its parts (北京饭店 → 北京, 饭店, 北京饭店)."""
    return [w for w in _jieba().cut_for_search(text) if w.strip()]


def tag(text: str) -> list[tuple[str, str]]:
    """(word, part of speech) pairs from jieba.posseg (`nr` person, `ns` place, `nt` org...)."""
    _jieba()
    import jieba.posseg

    return [(p.word, p.flag) for p in jieba.posseg.cut(text)]
