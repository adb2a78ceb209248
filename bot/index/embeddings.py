"""The packaged sentence-embedding model as a LangChain `Embeddings`, on a chosen backend.

Backends (`PRESSBOT_EMBEDDING_BACKEND`): `torch` (sentence-transformers), `onnx` (the same
weights exported to ONNX, onnxruntime) and `int8` (that export with int8 weights). The model
loads on the first text to embed, never before: opening an index or re-ingesting unchanged
files loads nothing.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from bot.models import (
    EMBEDDING_BACKENDS,
    EMBEDDING_BATCH_SIZES,
    EMBEDDING_PAD_MULTIPLE,
    EmbeddingBackend,
    EmbeddingPrecision,
    get_embedder,
    get_onnx_encoder,
    torch_uses_bf16,
)

DIMENSIONS = 384


def same_padding(lengths: list[int], multiple: int) -> list[list[int]]:
    """The positions of `lengths` grouped by the length they pad to (the next multiple of
    `multiple`), shortest first, each group in the order given."""
    groups: dict[int, list[int]] = {}
    for i, n in enumerate(lengths):
        groups.setdefault(-(-max(n, 1) // multiple), []).append(i)
    return [groups[padded] for padded in sorted(groups)]


class PackagedEmbeddings(Embeddings):
    """all-MiniLM-L6-v2, normalised, batched; texts sorted by length to save padding.

    `batch_size` 0 is the backend's own (`bot.models.EMBEDDING_BATCH_SIZES`); `precision`
    applies to the torch backend (see `bot.models.torch_uses_bf16`); `threads` to the ONNX
    backends (0: one per core)."""

    def __init__(self, batch_size: int = 0, backend: EmbeddingBackend = "torch",
                 cache_dir: Path | None = None, precision: EmbeddingPrecision = "auto",
                 threads: int = 0) -> None:
        if batch_size < 0:
            raise ValueError("batch_size must be at least 1 (0: the backend's own)")
        if backend not in EMBEDDING_BACKENDS:
            raise ValueError(f"embedding backend {backend!r} is not one of "
                             f"{', '.join(EMBEDDING_BACKENDS)}")
        if backend != "torch" and cache_dir is None:
            raise ValueError(f"the {backend} backend needs a cache_dir for its ONNX file")
        self.batch_size = batch_size or EMBEDDING_BATCH_SIZES[backend]
        self.backend = backend
        self.cache_dir = cache_dir
        self.precision = precision
        self.threads = threads

    def embed_array(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        ordered = [texts[i] for i in order]
        if self.backend == "torch":
            vectors = self._encode_torch(ordered, show_progress)
        else:
            assert self.cache_dir is not None
            vectors = get_onnx_encoder(self.backend, self.cache_dir, self.threads).encode(
                ordered, self.batch_size)
        out = np.empty_like(vectors)
        out[order] = vectors
        return out

    def _encode_torch(self, texts: list[str], show_progress: bool) -> np.ndarray:
        """Batches of texts that pad to one length: a batch of mixed lengths pads every
        text to its longest (the 40 sentences the rule reader embeds per question were
        padded to twice their tokens). A text's vector does not depend on the batch it is
        in (bf16: bit for bit, checked over 1,309 sentences in random batches; fp32: to
        1e-7, as `get_embedder` says)."""
        model = get_embedder(torch_uses_bf16(self.precision))
        lengths = model.tokenizer(texts, truncation=True, max_length=model.max_seq_length,
                                  return_length=True)["length"]
        vectors = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
        for group in same_padding(lengths, EMBEDDING_PAD_MULTIPLE):
            part = model.encode([texts[i] for i in group], batch_size=self.batch_size,
                                convert_to_tensor=True, show_progress_bar=show_progress).float()
            part = part / part.norm(dim=1, keepdim=True).clamp_min(1e-12)
            vectors[group] = part.numpy()
        return vectors

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_array(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_array([text])[0].tolist()
