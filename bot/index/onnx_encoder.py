"""Sentence embeddings from an ONNX file of all-MiniLM-L6-v2: onnxruntime, mean pooling.

What sentence-transformers does for this model (tokenizer.json, 256 tokens at most,
mean pooling over the attention mask, L2 normalisation), without importing torch.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bot.index.onnx_export import INPUTS


class OnnxEncoder:
    """`encode(texts)` → normalised float32 vectors, one row per text."""

    def __init__(self, model_file: Path, tokenizer_file: Path, max_tokens: int,
                 threads: int = 0) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.intra_op_num_threads = threads  # 0: one per core
        # no busy-waiting between operators: on a shared machine (or beside torch's and
        # E5's thread pools) spinning threads take the cores the work needs
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(str(model_file), options,
                                            providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(tokenizer_file))
        self.tokenizer.enable_truncation(max_tokens)
        self.tokenizer.enable_padding()

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        parts = [self._batch(texts[i:i + batch_size]) for i in range(0, len(texts), batch_size)]
        return np.vstack(parts) if parts else np.zeros((0, 384), dtype=np.float32)

    def _batch(self, texts: list[str]) -> np.ndarray:
        encoded = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        feeds = dict(zip(INPUTS, (ids, mask, np.zeros_like(ids)), strict=True))
        hidden = self.session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
