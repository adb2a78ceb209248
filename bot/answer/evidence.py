"""Score the sentences of retrieved passages as evidence for a question.

A sentence's score mixes its dense similarity to the question, the share of
the question's informative terms (IDF-weighted) it holds, the same share over
its whole passage (speaker and the reporter's question included), and the
passage's retrieval rank.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.ingest.sentences import split_sentences
from bot.stages import Hit, TermIndex
from bot.tokens import tokenize

W_DENSE, W_SENTENCE, W_PASSAGE, W_RANK = 0.35, 0.30, 0.20, 0.15


@dataclass
class Sentence:
    hit: Hit
    start: int  # offsets into the document's parsed text
    end: int
    text: str
    position: int  # index of the sentence inside its passage
    previous_start: int | None = None  # where the sentence before it starts, in its passage
    score: float = 0.0
    dense: float = 0.0
    lexical: float = 0.0
    context: float = 0.0  # term coverage of the whole passage, speaker and question included


class TermWeights:
    """IDF weights of a question's terms, from the keyword index."""

    def __init__(self, terms: list[str], keyword: TermIndex) -> None:
        tokens = list(dict.fromkeys(t for term in terms for t in tokenize(term)))
        self.weights = {t: keyword.idf(t) for t in tokens}
        self.total = sum(self.weights.values()) or 1.0

    def coverage(self, text: str) -> float:
        present = set(tokenize(text))
        return sum(w for t, w in self.weights.items() if t in present) / self.total


def sentences_of(hits: list[Hit]) -> list[Sentence]:
    out: list[Sentence] = []
    for hit in hits:
        p = hit.passage
        previous: int | None = None
        for i, (a, b) in enumerate(split_sentences(p.text)):
            out.append(Sentence(hit, p.start + a, p.start + b, p.text[a:b], i, previous))
            previous = p.start + a
    return out


def score_lexical(sentences: list[Sentence], hits: list[Hit], weights: TermWeights) -> None:
    """The cheap part of the score: term coverage of sentence and passage, passage rank."""
    rank = {id(h): r for r, h in enumerate(hits)}
    passage_cov: dict[int, float] = {}
    for hit in hits:
        p = hit.passage
        context = " ".join(x for x in (p.text, p.speaker, p.asker, p.question) if x)
        passage_cov[id(hit)] = weights.coverage(context)
    for s in sentences:
        s.lexical = weights.coverage(s.text)
        s.context = passage_cov[id(s.hit)]
        prior = 1.0 / (1.0 + rank[id(s.hit)] / 4.0)
        s.score = W_SENTENCE * s.lexical + W_PASSAGE * passage_cov[id(s.hit)] + W_RANK * prior


def add_dense(sentences: list[Sentence], query_vector: np.ndarray,
              sentence_vectors: np.ndarray) -> None:
    """The costly part: similarity of each sentence's embedding to the question's."""
    if not sentences:
        return
    for s, d in zip(sentences, sentence_vectors @ query_vector, strict=True):
        s.dense = float(d)
        s.score += W_DENSE * s.dense
