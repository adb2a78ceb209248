"""The best answer span of one reader window, from its start and end logits.

Shared by the serving reader and by the training script's held-out evaluation, so that
the figures in the model card are those of the code that answers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

TOP_POSITIONS = 20
MAX_ANSWER_TOKENS = 30


@dataclass(frozen=True)
class SpanLogits:
    start: int  # token positions in the window
    end: int
    score: float  # start logit + end logit
    null: float  # the no-answer score: [CLS]'s start + end logits

    @property
    def margin(self) -> float:
        """How much the span beats "no answer here" (above 0: the reader would answer)."""
        return self.score - self.null


def best_span(start_logits: np.ndarray, end_logits: np.ndarray, context: np.ndarray,
              max_tokens: int = MAX_ANSWER_TOKENS) -> SpanLogits | None:
    """The highest-scoring span whose tokens all lie in `context`, at most `max_tokens`
    long; None when the window has no context token.

    `context` is a mask over the window: boolean, or segment numbers (0 outside) where a
    span must start and end in one segment (a passage's speaker label and its text, with
    the date between them excluded)."""
    null = float(start_logits[0] + end_logits[0])
    positions = np.flatnonzero(context)
    if positions.size == 0:
        return None
    s_logits = start_logits[positions]
    e_logits = end_logits[positions]
    top = min(TOP_POSITIONS, positions.size)
    s_top = np.argpartition(-s_logits, top - 1)[:top]
    e_top = np.argpartition(-e_logits, top - 1)[:top]
    best: SpanLogits | None = None
    for i in s_top:
        for j in e_top:
            s, e = int(positions[i]), int(positions[j])
            if e < s or e - s + 1 > max_tokens or context[s] != context[e]:
                continue
            score = float(s_logits[i] + e_logits[j])
            if best is None or score > best.score:
                best = SpanLogits(s, e, score, null)
    return best
