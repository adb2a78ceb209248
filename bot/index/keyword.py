"""The keyword index: BM25 (bm25s) over passages, persisted beside Chroma.

It is derived data: built from the store's passages and stamped with the
store's document hashes, so a stale or missing copy is rebuilt on open. That
keeps replicas in front of one Chroma server consistent and stateless.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import shutil
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import bm25s
import numpy as np
import Stemmer

from bot.lang import CJK_RUN, has_cjk, segment_for_search, word_set
from bot.schema import Passage

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


def keyword_text(p: Passage) -> str:
    """What the keyword index sees of a passage: its words (who spoke is a prior, not a match:
    a name in the index would rank every "Yep." of that speaker first)."""
    return p.text


def stamp_of(hashes: dict[str, str]) -> str:
    digest = hashlib.sha256(TOKENIZER_VERSION.encode())
    for doc_id in sorted(hashes):
        digest.update(f"{doc_id}\0{hashes[doc_id]}\n".encode())
    return digest.hexdigest()


class KeywordIndex:
    """BM25 over passage ids, with document frequencies for term weighting."""

    def __init__(self, ids: list[str], retriever: bm25s.BM25 | None, df: dict[str, int]) -> None:
        self.ids = ids
        self.retriever = retriever
        self.df = df
        self.by_doc: dict[str, list[int]] = {}
        for i, pid in enumerate(ids):
            self.by_doc.setdefault(pid.rsplit("#", 1)[0], []).append(i)

    @classmethod
    def build(cls, passages: Iterable[Passage]) -> KeywordIndex:
        ids: list[str] = []
        corpus: list[list[str]] = []
        df: Counter[str] = Counter()
        for p in passages:
            tokens = tokenize(keyword_text(p)) or ["\0"]
            ids.append(p.id)
            corpus.append(tokens)
            df.update(set(tokens))
        if not ids:
            return cls([], None, {})
        retriever = bm25s.BM25()
        retriever.index(corpus, show_progress=False)
        return cls(ids, retriever, dict(df))

    def save(self, folder: Path, stamp: str) -> None:
        tmp = folder.with_name(folder.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        if self.retriever is not None:
            self.retriever.save(str(tmp / "bm25"), show_progress=False)
        (tmp / "ids.json").write_text(json.dumps(self.ids))
        (tmp / "df.json").write_text(json.dumps(self.df))
        (tmp / "stamp").write_text(stamp)  # last: a folder with a stamp is complete
        # swap by renames, so that a kill at any point leaves the old copy, the new one or
        # none (rebuilt on open), never a mix of the two
        old = folder.with_name(folder.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if folder.exists():
            folder.rename(old)
        tmp.rename(folder)
        shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path, stamp: str) -> KeywordIndex | None:
        """The saved index if it was built from exactly this store state, else None."""
        try:
            if (folder / "stamp").read_text() != stamp:
                return None
            ids = json.loads((folder / "ids.json").read_text())
            df = json.loads((folder / "df.json").read_text())
            retriever = (bm25s.BM25.load(str(folder / "bm25"), show_progress=False)
                         if ids else None)
        except (OSError, ValueError, KeyError, EOFError):  # missing or half-deleted: rebuild
            return None
        return cls(ids, retriever, df)

    def idf(self, token: str) -> float:
        n = max(len(self.ids), 1)
        return math.log(1 + (n - self.df.get(token, 0) + 0.5) / (self.df.get(token, 0) + 0.5))

    def search(self, query: str, k: int,
               doc_ids: Iterable[str] | None = None) -> list[tuple[str, float]]:
        """(passage id, BM25 score), best first, only in `doc_ids` when given."""
        tokens = [t for t in tokenize(query) if t in self.df]
        if self.retriever is None or not tokens:
            return []
        mask = None
        if doc_ids is not None:
            mask = np.zeros(len(self.ids), dtype=np.float32)
            for doc_id in doc_ids:
                mask[self.by_doc.get(doc_id, [])] = 1.0
            if not mask.any():
                return []
        k = min(k, len(self.ids))
        docs, scores = self.retriever.retrieve([tokens], k=k, show_progress=False,
                                               weight_mask=mask, n_threads=0)
        return [(self.ids[int(i)], float(s)) for i, s in zip(docs[0], scores[0], strict=True)
                if s > 0]
