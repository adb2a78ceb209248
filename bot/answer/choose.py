"""Choose the answer among the reader's candidates, or refuse: a logistic model over what
the reader and the retriever say of each candidate, fitted by `training/fit_chooser.py` on
held-out training questions asked of an index of their own texts (never on the eval sets).

Each candidate is the reader's best span in one retrieved passage. Its features: how far
the span beats "no answer" (margin), the no-answer score itself, where retrieval ranked the
passage and with what share of the top score, the question's cosine with the passage and
with the best passage retrieved (a topic the index never discusses has none close), how many
other passages give the same answer, whether the answer is the speaker, and the answer's
length. The model gives each candidate the probability that it is right; the best is the
answer when that beats the threshold.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.answer.reader import READER_DIR

CHOOSER_FILE = READER_DIR / "chooser.json"
FEATURES = ("margin", "null", "log_rank", "retrieval_share", "dense", "top_dense", "votes",
            "by_speaker", "log_words")


@dataclass(frozen=True)
class CandidateFeatures:
    margin: float
    null: float
    rank: int  # retrieval's rank of the passage, 0 first
    retrieval_share: float  # the passage's fused score over the top passage's
    dense: float  # the question's cosine with the passage (0: dense search missed it)
    top_dense: float  # the best cosine of any retrieved passage: is the topic in the index?
    votes: int  # other candidates with the same answer
    by_speaker: bool
    words: int

    def vector(self) -> list[float]:
        return [self.margin, self.null, math.log1p(self.rank), self.retrieval_share,
                self.dense, self.top_dense, float(self.votes), float(self.by_speaker),
                math.log(max(1, self.words))]


@dataclass(frozen=True)
class Chooser:
    """Weights over FEATURES (standardised by `mean` and `scale`) and a refusal threshold."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float  # refuse when the best candidate's probability is below it

    @classmethod
    def load(cls, path: Path) -> Chooser:
        data = json.loads(path.read_text())
        if tuple(data["features"]) != FEATURES:
            raise ValueError(f"{path}: fitted on features {data['features']}, "
                             f"this code computes {list(FEATURES)}")
        return cls(tuple(data["mean"]), tuple(data["scale"]), tuple(data["weights"]),
                   float(data["bias"]), float(data["threshold"]))

    def probabilities(self, features: list[CandidateFeatures]) -> list[float]:
        if not features:
            return []
        x = (np.array([f.vector() for f in features]) - self.mean) / self.scale
        z = x @ np.array(self.weights) + self.bias
        return [float(p) for p in 1.0 / (1.0 + np.exp(-z))]


def load_chooser(path: Path = CHOOSER_FILE) -> Chooser | None:
    """The fitted chooser, or None where none is fitted (the reader's margin decides)."""
    return Chooser.load(path) if path.exists() else None
