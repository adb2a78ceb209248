"""Embedding a large ingest in worker processes, one thread each (torch or onnxruntime).

On 2 cores two processes with one thread each encode about 1.3× as fast as one process
with two threads (one process keeps its cores 1.6 busy: the rest is synchronisation and
Python between batches). They also leave the parent free to parse the next files and
write the last ones while they work. Queries and small ingests embed in-process.

A worker exits by itself when its parent dies (`kill -9` of an ingest leaves no
process behind).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import numpy as np

from bot.models import EmbeddingBackend, EmbeddingPrecision, onnx_model_file

_worker_model = None  # the worker process's embeddings


def default_workers() -> int:
    """One per core, at most 4 (only 2 cores were measured)."""
    return max(1, min(os.cpu_count() or 1, 4))


def _exit_with_parent(parent: int) -> None:
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(0)


def _start_worker(batch_size: int, backend: EmbeddingBackend, cache_dir: Path | None,
                  precision: EmbeddingPrecision, parent: int) -> None:
    global _worker_model
    from bot.index.embeddings import PackagedEmbeddings

    if backend == "torch":
        import torch

        torch.set_num_threads(1)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    _worker_model = PackagedEmbeddings(batch_size, backend, cache_dir, precision, threads=1)


def _encode(texts: list[str]) -> np.ndarray:
    assert _worker_model is not None
    return _worker_model.embed_array(texts)


class PendingVectors:
    """Vectors being computed by the workers, in the order of the texts submitted."""

    def __init__(self, shards: list[tuple[list[int], Future[np.ndarray]]], size: int) -> None:
        self._shards = shards
        self._size = size

    def result(self) -> np.ndarray:
        parts = [(order, future.result()) for order, future in self._shards]
        width = next((v.shape[1] for _, v in parts if v.size), 0)
        out = np.zeros((self._size, width), dtype=np.float32)
        for order, vectors in parts:
            out[order] = vectors
        return out


class EmbeddingPool:
    """`workers` processes embedding with the packaged model on `backend` (`batch_size`
    and `precision` as in `PackagedEmbeddings`)."""

    def __init__(self, workers: int, batch_size: int = 0, backend: EmbeddingBackend = "torch",
                 cache_dir: Path | None = None, precision: EmbeddingPrecision = "auto") -> None:
        self.workers = workers
        if backend != "torch":
            if cache_dir is None:
                raise ValueError(f"the {backend} backend needs a cache_dir for its ONNX file")
            onnx_model_file(backend, cache_dir)  # exported here once, not by every worker
        self._executor = ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(batch_size, backend, cache_dir, precision, os.getpid()))

    def submit(self, texts: list[str]) -> PendingVectors:
        """Start embedding `texts`: sorted by length and dealt round-robin, so that every
        worker gets as much work and each batch little padding."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        shards = [order[w::self.workers] for w in range(self.workers)]
        return PendingVectors(
            [(s, self._executor.submit(_encode, [texts[i] for i in s])) for s in shards if s],
            len(texts))

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
