"""Training windows for the reader: `[CLS] question [SEP] context [SEP]`, every one of them
exactly `length` tokens, so that a batch needs no padding mask.

A context shorter than the window is filled out with more text of its group (the next
paragraphs of the article), and after that with other contexts of the same source: the
extra text is a distractor, as the other passages are at answering time. Some answerable
questions are also shown a window of another paragraph of their article, labelled "no
answer here", which is what most passages a reader sees are.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np
from tokenizers import Tokenizer

from bot.answer.reader import CLS, MAX_QUESTION_TOKENS, SEP
from training.data import Example


@dataclass
class Windows:
    input_ids: np.ndarray  # (n, length) int64
    token_type_ids: np.ndarray
    starts: np.ndarray  # (n,) answer start token; 0 ([CLS]): no answer in the window
    ends: np.ndarray

    def __len__(self) -> int:
        return len(self.starts)


class WindowMaker:
    def __init__(self, tokenizer: Tokenizer, length: int, seed: int) -> None:
        self.tokenizer = tokenizer
        self.length = length
        self.rng = random.Random(seed)
        self._cache: dict[str, tuple[list[int], list[tuple[int, int]]]] = {}

    def _encode(self, text: str) -> tuple[list[int], list[tuple[int, int]]]:
        found = self._cache.get(text)
        if found is None:
            enc = self.tokenizer.encode(text, add_special_tokens=False)
            found = (enc.ids, enc.offsets)
            if len(self._cache) > 20000:
                self._cache.clear()
            self._cache[text] = found
        return found

    def _stream(self, first: str, rest: list[str], fillers: list[str], need: int) -> str:
        parts, size = [first], len(first)
        for text in [*rest, *self.rng.sample(fillers, min(len(fillers), 8))]:
            if size >= need:
                break
            parts.append(text)
            size += len(text) + 2
        return "\n\n".join(parts)

    def _question(self, question: str) -> list[int]:
        return self._encode(question)[0][:MAX_QUESTION_TOKENS]

    def make(self, examples: list[Example], negatives: float,
             fillers: dict[str, list[str]], retrieved: float = 0.0) -> Windows:
        """One window per example, and for a share `negatives` of the answerable ones with
        other paragraphs, one more from such a paragraph, labelled no-answer; for a share
        `retrieved` of those with keyword-search negatives (`Example.retrieved`), one more
        from the first of them, labelled no-answer."""
        rows: list[tuple[list[int], list[int], int | None, int | None]] = []
        for ex in examples:
            q = self._question(ex.question)
            budget = self.length - 3 - len(q)
            pool = fillers.get(ex.source, [])
            need = budget * 8
            stream = self._stream(ex.context, ex.neighbours, pool, need)
            ids, offsets = self._encode(stream)
            row = self._window(ids, offsets, ex, budget)
            if row is not None:
                rows.append((q, *row))
            others = []
            if ex.answers and ex.neighbours and self.rng.random() < negatives:
                others.append(self.rng.choice(ex.neighbours))
            if ex.answers and ex.retrieved and self.rng.random() < retrieved:
                others.append(ex.retrieved[0])
            for other in others:
                row = self._negative(other, ex, pool, need, budget)
                if row is not None:
                    rows.append((q, row, None, None))
        return self._pack(rows)

    def _negative(self, other: str, ex: Example, pool: list[str], need: int,
                  budget: int) -> list[int] | None:
        """A window that starts with `other`, when none of `ex`'s answers is in it."""
        stream = self._stream(other, [], pool, need)
        ids, offsets = self._encode(stream)
        window = stream[:offsets[min(budget, len(ids)) - 1][1]] if ids else ""
        if not ids or any(a.lower() in window.lower() for _, a in ex.answers):
            return None
        return ids[:budget]

    def _window(self, ids: list[int], offsets: list[tuple[int, int]], ex: Example,
                budget: int) -> tuple[list[int], int | None, int | None] | None:
        n = len(ids)
        if not ex.answers:
            return ids[:budget], None, None
        a_start, a_text = ex.answers[0]
        a_end = a_start + len(a_text)
        first = next((i for i, (s, e) in enumerate(offsets) if e > a_start), None)
        last = next((i for i in range(n - 1, -1, -1) if offsets[i][0] < a_end), None)
        if first is None or last is None or last < first or last - first >= budget:
            return None
        lo, hi = max(0, last - budget + 1), min(first, max(0, n - budget))
        if lo > hi:
            lo = hi = max(0, min(first, n - budget))
        begin = 0 if (lo == 0 and self.rng.random() < 0.5) else self.rng.randint(lo, hi)
        window = ids[begin:begin + budget]
        if last - begin >= len(window):
            return None
        return window, first - begin, last - begin

    def _pack(self, rows: list[tuple[list[int], list[int], int | None, int | None]]) -> Windows:
        n, length = len(rows), self.length
        input_ids = np.zeros((n, length), dtype=np.int64)
        types = np.zeros((n, length), dtype=np.int64)
        starts = np.zeros(n, dtype=np.int64)
        ends = np.zeros(n, dtype=np.int64)
        keep = []
        for i, (q, ctx, s, e) in enumerate(rows):
            seq = [CLS, *q, SEP, *ctx, SEP]
            if len(seq) != length:
                continue  # a source too short to fill a window even with fillers
            offset = len(q) + 2
            input_ids[i] = seq
            types[i, offset:] = 1
            if s is not None and e is not None:
                starts[i], ends[i] = s + offset, e + offset
            keep.append(i)
        idx = np.asarray(keep, dtype=np.int64)
        return Windows(input_ids[idx], types[idx], starts[idx], ends[idx])
