"""The learned extractive reader: the shipped ONNX model, run by onnxruntime.

It reads a question against several contexts in one batch and gives, for each, its best
span (character offsets into that context) and how much that span beats "no answer
here". It knows nothing of passages: `bot.answer.learned` makes the contexts.
"""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from bot.answer.spans_decode import best_span

READER_DIR = Path(__file__).resolve().parent.parent.parent / "models" / "reader"
MODEL_FILE = "reader-int8.onnx"
CLS, SEP = 101, 102  # bert-base-uncased, all-MiniLM-L6-v2's vocabulary
MAX_QUESTION_TOKENS = 64
# contexts a run: one, since int8 activation scales are set per run (by its largest value):
# read alone, a passage reads the same whatever else is read beside it
MAX_BATCH = 1


def default_workers() -> int:
    """Passages read at once: one per core, at most 4."""
    return max(1, min(os.cpu_count() or 1, 4))


@dataclass(frozen=True)
class SpanReading:
    start: int  # character offsets into the context
    end: int
    margin: float  # span score minus no-answer score (above the threshold: an answer)
    null: float  # the no-answer score itself


class Reader:
    """One onnxruntime session, shared by every thread of the process.

    The passages of one question are read side by side, one run each on `workers` threads
    of one onnxruntime thread each (`threads`): a run of one short window splits poorly
    over cores, and a run's output does not depend on the thread that computes it. Its
    threads sleep between runs instead of spinning (spinning took the cores the embedding
    model and spaCy need next, and doubled the reader's CPU time)."""

    def __init__(self, model_dir: Path = READER_DIR, threads: int = 1,
                 workers: int = 0) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        config = json.loads((model_dir / "reader.json").read_text())
        self.max_length = int(config["max_length"])
        self.threshold = float(config["threshold"])
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(str(model_dir / MODEL_FILE), options,
                                            providers=["CPUExecutionProvider"])
        self.workers = workers or default_workers()
        self._pool = (ThreadPoolExecutor(self.workers, thread_name_prefix="reader")
                      if self.workers > 1 else None)

    def read(self, question: str, contexts: list[str],
             answerable: list[list[tuple[int, int]]] | None = None) -> list[SpanReading | None]:
        """The best span of each context (None: no context token fits the window).

        `answerable` gives, for each context, the character ranges a span may lie in (one
        range to a span); by default the whole context."""
        if not contexts:
            return []
        ranges = answerable or [[(0, len(c))] for c in contexts]
        q = self.tokenizer.encode(question, add_special_tokens=False).ids[:MAX_QUESTION_TOKENS]
        encodings = self.tokenizer.encode_batch(contexts, add_special_tokens=False)
        budget = self.max_length - 3 - len(q)
        starts = range(0, len(contexts), MAX_BATCH)

        def read_batch(first: int) -> list[SpanReading | None]:
            batch = encodings[first:first + MAX_BATCH]
            return self._read_batch(q, [e.ids[:budget] for e in batch],
                                    [e.offsets[:budget] for e in batch],
                                    ranges[first:first + MAX_BATCH])

        runs = (self._pool.map(read_batch, starts) if self._pool and len(starts) > 1
                else map(read_batch, starts))
        return [reading for readings in runs for reading in readings]

    def _read_batch(self, q: list[int], contexts: list[list[int]],
                    offsets: list[list[tuple[int, int]]],
                    ranges: list[list[tuple[int, int]]]) -> list[SpanReading | None]:
        base = len(q) + 2
        width = base + max(len(c) for c in contexts) + 1
        ids = np.zeros((len(contexts), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        types = np.zeros_like(ids)
        for i, c in enumerate(contexts):
            row = [CLS, *q, SEP, *c, SEP]
            ids[i, :len(row)] = row
            mask[i, :len(row)] = 1
            types[i, base:len(row)] = 1
        start_logits, end_logits = self.session.run(
            None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})
        readings: list[SpanReading | None] = []
        for i, c in enumerate(contexts):
            in_context = np.zeros(width, dtype=np.int64)
            in_context[base:base + len(c)] = segments(offsets[i], ranges[i])
            span = best_span(start_logits[i], end_logits[i], in_context)
            if span is None:
                readings.append(None)
                continue
            start = offsets[i][span.start - base][0]
            end = offsets[i][span.end - base][1]
            readings.append(SpanReading(start, end, span.margin, span.null))
        return readings


def segments(offsets: list[tuple[int, int]], ranges: list[tuple[int, int]]) -> np.ndarray:
    """For each token (its character offsets), the number of the range holding it
    (1-based), or 0 when none does."""
    out = np.zeros(len(offsets), dtype=np.int64)
    for k, (a, b) in enumerate(ranges, start=1):
        out[[a <= s and e <= b for s, e in offsets]] = k
    return out


@lru_cache(maxsize=1)
def get_reader() -> Reader:
    """The shipped reader, loaded once per process."""
    return Reader()
