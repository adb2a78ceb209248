"""The packaged sentence-embedding model as a LangChain `Embeddings`."""

from __future__ import annotations

import numpy as np
from langchain_core.embeddings import Embeddings

from bot.models import get_embedder


class PackagedEmbeddings(Embeddings):
    """all-MiniLM-L6-v2, normalised, batched; texts sorted by length to save padding."""

    def __init__(self, batch_size: int = 32) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.batch_size = batch_size

    def embed_array(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vectors = get_embedder().encode(
            [texts[i] for i in order],
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=show_progress,
        )
        out = np.empty_like(vectors)
        out[order] = vectors
        return out

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_array(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_array([text])[0].tolist()
