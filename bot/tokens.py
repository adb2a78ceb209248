"""The keyword tokenizer: what keyword search, question terms and evidence match on.

Lower-case, stemmed English words without stop words, figures kept whole; Chinese runs
segmented by jieba. The keyword index (`bot.index.keyword`) is built with it, and answer/
weighs and matches a question's terms with it, so both see the same words.
"""

from __future__ import annotations

import re

import bm25s
import Stemmer

from bot.lang import CJK_RUN, has_cjk, segment_for_search, word_set

_TOKEN = re.compile(r"\w+(?:[.,’']\w+)*")
_STEMMER = Stemmer.Stemmer("english")
_STOPWORDS = frozenset(bm25s.stopwords.STOPWORDS_EN)
_SYNONYMS = {"fed": "federal", "u.s": "us"}  # one spelling for words reporters shorten


TOKENIZER_VERSION = "4"  # part of the stamp: a new tokenizer rebuilds saved keyword indexes
_PHRASES = re.compile(r"\bunited states\b")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3})")
# Chinese function words and question words: they match everything, or only questions
ZH_STOPWORDS = word_set(
    "的 了 是 在 和 与 及 或 也 都 就 对 将 于 把 被 从 向 以 为 "
    "而 之 其 这 那 这个 那个 这些 那些 我 你 他 她 它 我们 你们 他们 "
    "有 没有 不 很 还 又 并 等 个 中 上 下 吗 呢 吧 啊 哪 哪个 哪些 "
    "哪里 哪家 哪位 哪天 哪年 什么 什么样 怎么 怎样 如何 为什么 谁 多少 "
    "几 是否 能否 请问 请 据 称 说 表示 问题 关于 有关 一 二 已经 可以 "
    "会 要 所 能"
)


def _tokenize_cjk(run: str) -> list[str]:
    """jieba's search-mode words of a Chinese run, function words left out."""
    return [w for w in segment_for_search(run) if w not in ZH_STOPWORDS]


def tokenize(text: str) -> list[str]:
    """Lower-case, stemmed word tokens; numbers lose thousands separators ("3,002" → "3002").

    Chinese runs are segmented by jieba (search mode: 北京饭店 gives 北京, 饭店 and 北京饭店),
    so keyword search works for Chinese passages and questions; other text is unchanged.
    """
    if not has_cjk(text):
        return _tokenize_latin(text)
    tokens: list[str] = []
    cursor = 0
    for run in CJK_RUN.finditer(text):
        tokens += _tokenize_latin(text[cursor:run.start()])
        tokens += _tokenize_cjk(run.group(0))
        cursor = run.end()
    return tokens + _tokenize_latin(text[cursor:])


def _tokenize_latin(text: str) -> list[str]:
    words = []
    for raw in _TOKEN.findall(_PHRASES.sub("us", text.lower())):
        if "," in raw:
            raw = _THOUSANDS.sub("", raw)
        if "’" in raw:
            raw = raw.replace("’", "'")
        raw = _SYNONYMS.get(raw, raw)
        if raw not in _STOPWORDS:
            words.append(raw)
    stems = _STEMMER.stemWords(words)  # one call for the text: half the time of one per word
    return [w if w[0].isdigit() else stem for w, stem in zip(words, stems, strict=True)]
