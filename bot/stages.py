"""What the stages of the answer path hand each other, below them all.

retrieve/ produces `Hit`s, answer/ and generate/ read them; answer/ reads the keyword index
and the embedders through the protocols here, which index/ implements and the service
passes in. So answer/ needs neither retrieve/ nor index/ (`tests/test_layout.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from bot.schema import Passage

if TYPE_CHECKING:
    import numpy as np


@dataclass
class Hit:
    """A retrieved passage: its fused score, and the dense and keyword scores fused into it."""

    passage: Passage
    score: float
    dense: float = 0.0
    keyword: float = 0.0


class Embedder(Protocol):
    """Sentence vectors, one row per text (`bot.index`: all-MiniLM, E5)."""

    def embed_array(self, texts: list[str]) -> np.ndarray: ...


class TermIndex(Protocol):
    """What answer/ reads of the keyword index (`bot.index.keyword.KeywordIndex`): how rare a
    token is. Tokens are `bot.tokens.tokenize`'s."""

    ids: list[str]  # the passage id of each row
    df: dict[str, int]  # token → the number of passages that hold it

    def idf(self, token: str) -> float: ...

