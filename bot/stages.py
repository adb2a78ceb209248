"""What the stages of the answer path hand each other, below them all.

retrieve/ produces `Hit`s, answer/ and generate/ read them; answer/ reads the keyword index
and the embedders through the protocols here, which index/ implements and the service
passes in. So answer/ needs neither retrieve/ nor index/ (`tests/test_layout.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.schema import Passage


@dataclass
class Hit:
    """A retrieved passage with its fused score and the dense and keyword scores fused."""

    passage: Passage
    score: float
    dense: float = 0.0
    keyword: float = 0.0
    # the indexed documents of the same source as the passage's (the collection it belongs
    # to): what nearly all of them name is the collection's own institution, not a stranger
    peers: tuple[str, ...] = ()
