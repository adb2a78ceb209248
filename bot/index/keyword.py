"""The keyword index: BM25 (bm25s) over passages, persisted beside Chroma.

It is derived data: built from the store's passages and stamped with the
store's document hashes, so a stale or missing copy is rebuilt on open. That
keeps replicas in front of one Chroma server consistent and stateless.
"""

from __future__ import annotations

import hashlib
import json
import math
import shutil
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import bm25s
import numpy as np

from bot.schema import Passage
from bot.tokens import TOKENIZER_VERSION, tokenize


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
