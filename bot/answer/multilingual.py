"""Reading sentences that are not English: E5 evidence, Chinese spans, across languages.

all-MiniLM and spaCy read English; the sentences of other passages (Chinese) get their
dense evidence from E5 (the packaged multilingual-e5-small) and their candidate spans
from the Chinese patterns and jieba. A sentence in another language than the question's
shares no terms with it: E5 stands in for the term coverage there, and for the words
around each candidate when there are several.
"""

from __future__ import annotations

import re

import numpy as np

from bot.answer.candidates import Candidate
from bot.answer.candidates_zh import extract_candidates_zh
from bot.answer.evidence import W_DENSE, W_PASSAGE, W_SENTENCE, Sentence
from bot.answer.spans import ScoredSpan
from bot.answer.spans_zh import allowed, context_of, score_spans_zh
from bot.stages import Embedder
from bot.understand.question import QuestionAnalysis

# E5 reads about 25 short texts a second on 2 cores: what it embeds per question is capped
E5_CROSS_SENTENCES = 24  # sentences in another language, in order of passage rank
E5_SENTENCES = 20  # sentences of the question's language, after the cheap evidence
E5_SPAN_SENTENCES = 3  # cross-lingual sentences whose candidates are compared one by one


def e5_evidence(similarity: float, cross_lingual: bool) -> float:
    """An E5 cosine on the scale of the other evidence (about 0 unrelated, 1 the answer).

    E5 similarities are high and flat: about 0.84 for any Chinese sentence and a Chinese
    question, 0.96 for the one that answers it; 0.73 and 0.82 across languages.
    """
    low, span = (0.72, 0.14) if cross_lingual else (0.80, 0.20)
    return min(1.0, max(-0.2, (similarity - low) / span))


_ASKING = re.compile(r"[？?]$|吗$|呢$|什么|是否|能否|如何|怎样|怎么|哪|谁|多少|几|何时|何种|"
                     r"有何|请证实|请介绍")


def asks_itself(s: Sentence) -> bool:
    """A reporter's Chinese sentence that asks (ends in ？, has 什么, 是否 ...): it states
    nothing an answer could be taken from."""
    return s.hit.passage.speaker_role == "reporter" and bool(_ASKING.search(s.text))


def uses_e5(s: Sentence) -> bool:
    return s.hit.passage.language != "en"


def same_language(analysis: QuestionAnalysis, s: Sentence) -> bool:
    return s.hit.passage.language == analysis.language


class ForeignReader:
    """E5 evidence and Chinese spans for the sentences that are not English."""

    def __init__(self, multilingual: Embedder) -> None:
        self.multilingual = multilingual

    def cross_lingual(self, analysis: QuestionAnalysis, sentences: list[Sentence],
                      vector: np.ndarray) -> None:
        """Sentences in another language than the question's: E5 similarity of the sentence
        and of its passage in place of the term coverage they cannot have."""
        foreign = [s for s in sentences if uses_e5(s) and not same_language(analysis, s)]
        foreign = foreign[:E5_CROSS_SENTENCES]  # `sentences_of` keeps passage rank order
        if not foreign:
            return
        sims = self.multilingual.embed_array([s.text for s in foreign]) @ vector
        for s, sim in zip(foreign, sims, strict=True):
            s.lexical = e5_evidence(float(sim), True)
            s.context = e5_evidence(s.hit.dense, True) if s.hit.dense else 0.0
            s.score += W_SENTENCE * s.lexical + W_PASSAGE * s.context

    def dense(self, analysis: QuestionAnalysis, sentences: list[Sentence],
              vector: np.ndarray) -> None:
        """E5 similarity of the (first `E5_SENTENCES`) non-English sentences to the question."""
        foreign = [s for s in sentences if uses_e5(s)][:E5_SENTENCES]
        if not foreign:
            return
        sims = self.multilingual.embed_array([s.text for s in foreign]) @ vector
        for s, sim in zip(foreign, sims, strict=True):
            s.dense = e5_evidence(float(sim), not same_language(analysis, s))
            s.score += W_DENSE * s.dense

    def spans(self, analysis: QuestionAnalysis, ranked: list[Sentence], texts: list[str],
              weights: dict[str, float],
              vector: np.ndarray | None) -> dict[int, list[ScoredSpan]]:
        """The scored Chinese candidate spans of the non-English sentences, by position."""
        out: dict[int, list[ScoredSpan]] = {}
        compared = 0
        for i, s in enumerate(ranked):
            if not uses_e5(s) or asks_itself(s):
                continue
            cands = [c for c in extract_candidates_zh(texts[i]) if allowed(analysis, c)]
            sims = None
            if (not same_language(analysis, s) and vector is not None
                    and compared < E5_SPAN_SENTENCES and len(cands) > 1):
                sims = self._candidate_sims(texts[i], cands, vector)
                compared += 1
            out[i] = score_spans_zh(texts[i], cands, analysis, weights, sims)
        return out

    def _candidate_sims(self, text: str, cands: list[Candidate],
                        vector: np.ndarray) -> dict[tuple[int, int], float]:
        """E5 similarity to the question of each candidate's words: a name or phrase itself,
        a figure or date with the words that say what it is ("3人轻伤" against "2人重伤")."""
        units = {}
        for c in cands:
            if c.kind in ("phrase", "org", "person", "gpe"):
                units[(c.start, c.end)] = c.text
            else:
                units[(c.start, c.end)] = context_of(text, c)
        if not units:
            return {}
        sims = self.multilingual.embed_array(list(units.values())) @ vector
        return {key: float(sim) for key, sim in zip(units, sims, strict=True)}
