"""Answer without an LLM: best evidence sentence, then the typed span inside it.

Who-questions may be answered by the structure of the transcript (who spoke a
turn, who asked a question) rather than by words in the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from bot.answer.candidates import Candidate, extract_candidates_many
from bot.answer.candidates_zh import extract_candidates_zh
from bot.answer.citations import make_citation
from bot.answer.evidence import (
    W_DENSE,
    W_PASSAGE,
    W_SENTENCE,
    Sentence,
    TermWeights,
    add_dense,
    score_lexical,
    sentences_of,
)
from bot.answer.spans import ScoredSpan, is_preferred, normalise, score_spans
from bot.answer.spans_zh import allowed, context_of, score_spans_zh
from bot.index.embeddings import PackagedEmbeddings
from bot.index.keyword import KeywordIndex, tokenize
from bot.index.multilingual import MultilingualEmbeddings
from bot.retrieve.hybrid import Hit
from bot.retrieve.question import QuestionAnalysis
from bot.schema import Answer, OtherAnswer

READ_PASSAGES = 16
FOREIGN_PASSAGES = 6  # passages in another language than the question's
# E5 reads about 25 short texts a second on 2 cores: what it embeds per question is capped
E5_CROSS_SENTENCES = 24  # sentences in another language, in order of passage rank
E5_SENTENCES = 20  # sentences of the question's language, after the cheap evidence
E5_SPAN_SENTENCES = 3  # cross-lingual sentences whose candidates are compared one by one
READ_SENTENCES = 14
EMBED_SENTENCES = 40
MIN_PINNED_COVERAGE = 0.45
MIN_SCORE = 0.47
SPAN_WEIGHT = 0.2
MIN_SENTENCE_SCORE = 0.28  # a good span in a sentence that is not about the question
NOT_STATED = "The transcripts do not state it."


@dataclass
class Reading:
    sentence: Sentence
    answer: str
    score: float
    start: int  # quote offsets (may reach back one sentence for context)
    end: int
    by_structure: bool = False


_ASKING = re.compile(r"[？?]$|吗$|呢$|什么|是否|能否|如何|怎样|怎么|哪|谁|多少|几|何时|何种|"
                     r"有何|请证实|请介绍")


def asks_itself(s: Sentence) -> bool:
    """A reporter's Chinese sentence that asks (ends in ？, has 什么, 是否 ...): it states
    nothing an answer could be taken from."""
    return s.hit.passage.speaker_role == "reporter" and bool(_ASKING.search(s.text))


def _uses_e5(s: Sentence) -> bool:
    return s.hit.passage.language != "en"


def _same_language(analysis: QuestionAnalysis, s: Sentence) -> bool:
    return s.hit.passage.language == analysis.language


def _surname_match(name: str | None, wanted: list[str]) -> bool:
    if not name:
        return False
    words = {w.lower().strip(".") for w in name.split()}
    return any(w.lower().split()[-1].strip(".") in words for w in wanted if w.split())


_CONFERENCE_WORDS = {"meeting", "briefing", "presser", "conference", "press", "news"}
_CONTENT_DATE_WORD = re.compile(r"[A-Za-z]{3,}|\d{1,4}")


def _content_terms(analysis: QuestionAnalysis) -> list[str]:
    """The question's terms that the answer's words should share."""
    terms = analysis.terms + analysis.speakers
    if analysis.conference is not None:
        terms = [t for t in terms if t.lower() not in _CONFERENCE_WORDS]
    return terms


def _prior(analysis: QuestionAnalysis, s: Sentence) -> float:
    """What the question says about who speaks and when, as evidence for a sentence."""
    p = s.hit.passage
    bonus = 0.0
    if analysis.answer_type == "who":
        if analysis.asks_reporter and p.speaker_role == "reporter":
            bonus += 0.1
    else:
        if analysis.speakers and _surname_match(p.speaker, analysis.speakers):
            bonus += 0.08
        if p.speaker_role == "reporter":
            bonus -= 0.05  # a figure only a reporter states is weaker evidence
    for expression in analysis.content_dates:
        words = _CONTENT_DATE_WORD.findall(expression)
        found = [w for w in words if re.search(rf"\b{re.escape(w)}", s.text, re.I)]
        if words:
            bonus += 0.08 * len(found) / len(words)
        months = [w for w in words if w.isalpha()]
        if months and not any(re.search(rf"\b{re.escape(w)}", p.text, re.I) for w in months):
            bonus -= 0.1  # "June 2022 CPI": a passage that never says June is not about it
        years = [int(w) for w in words if len(w) == 4 and w.isdigit()]
        if years and p.date and int(p.date[:4]) in {y for y in years} | {y - 1 for y in years}:
            bonus += 0.04
    return bonus


def holds_must_terms(analysis: QuestionAnalysis, s: Sentence) -> bool:
    """A question pinned by a code or a year ("BA.2.12.1", "end-2024") needs a sentence that
    says it, and that is about the same thing (not another series for that year)."""
    if not analysis.must_terms:
        return True
    present = set(tokenize(s.text))
    for term in analysis.must_terms:
        tokens = tokenize(term)
        whole = bool(tokens) and all(t in present for t in tokens)
        if not whole and term.lower() not in s.text.lower():
            return False
    return s.lexical >= MIN_PINNED_COVERAGE


def e5_evidence(similarity: float, cross_lingual: bool) -> float:
    """An E5 cosine on the scale of the other evidence (about 0 unrelated, 1 the answer).

    E5 similarities are high and flat: about 0.84 for any Chinese sentence and a Chinese
    question, 0.96 for the one that answers it; 0.73 and 0.82 across languages.
    """
    low, span = (0.72, 0.14) if cross_lingual else (0.80, 0.20)
    return min(1.0, max(-0.2, (similarity - low) / span))


class ExtractiveReader:
    def __init__(self, embeddings: PackagedEmbeddings,
                 multilingual: MultilingualEmbeddings | None = None) -> None:
        self.embeddings = embeddings
        self.multilingual = multilingual or MultilingualEmbeddings()

    def read(self, analysis: QuestionAnalysis, hits: list[Hit], query_vector: np.ndarray | None,
             keyword: KeywordIndex,
             multilingual_vector: np.ndarray | None = None) -> list[Reading]:
        """Readings of the question in the hits, best first (empty: nothing answers it).

        `query_vector` (all-MiniLM) weighs English sentences, `multilingual_vector` (E5) the
        others; a sentence in another language than the question's has no terms in common
        with it, so E5 stands in for the term coverage there.
        """
        weights = TermWeights(_content_terms(analysis), keyword)
        sentences: list[Sentence] = []
        own = [h for h in hits if h.passage.language == analysis.language][:READ_PASSAGES]
        other = [h for h in hits if h.passage.language != analysis.language][:FOREIGN_PASSAGES]
        for group in (own, other):  # each ranked among its own language's passages
            found = sentences_of(group)
            score_lexical(found, group, weights)
            sentences += found
        if not sentences:
            return []
        for s in sentences:
            s.score += _prior(analysis, s)
        if multilingual_vector is not None:
            self._cross_lingual(analysis, sentences, multilingual_vector)
        # embed only the sentences that the cheap evidence leaves in the running
        sentences = sorted(sentences, key=lambda s: s.score, reverse=True)[:EMBED_SENTENCES]
        self._dense(analysis, sentences, query_vector, multilingual_vector)
        ranked = sorted(sentences, key=lambda s: s.score, reverse=True)[:READ_SENTENCES]
        readings = (self._by_structure(analysis, sentences)
                    + self._by_span(analysis, ranked, weights, multilingual_vector))
        readings = [r for r in readings if holds_must_terms(analysis, r.sentence)]
        readings.sort(key=lambda r: r.score, reverse=True)
        return readings

    def _cross_lingual(self, analysis: QuestionAnalysis, sentences: list[Sentence],
                       vector: np.ndarray) -> None:
        """Sentences in another language than the question's: E5 similarity of the sentence
        and of its passage in place of the term coverage they cannot have."""
        foreign = [s for s in sentences if _uses_e5(s) and not _same_language(analysis, s)]
        foreign = foreign[:E5_CROSS_SENTENCES]  # `sentences_of` keeps passage rank order
        if not foreign:
            return
        sims = self.multilingual.embed_array([s.text for s in foreign]) @ vector
        for s, sim in zip(foreign, sims, strict=True):
            s.lexical = e5_evidence(float(sim), True)
            s.context = e5_evidence(s.hit.dense, True) if s.hit.dense else 0.0
            s.score += W_SENTENCE * s.lexical + W_PASSAGE * s.context

    def _dense(self, analysis: QuestionAnalysis, sentences: list[Sentence],
               query_vector: np.ndarray | None, multilingual_vector: np.ndarray | None) -> None:
        english = [s for s in sentences if not _uses_e5(s)]
        if english and query_vector is not None:
            add_dense(english, query_vector,
                      self.embeddings.embed_array([s.text for s in english]))
        foreign = [s for s in sentences if _uses_e5(s)][:E5_SENTENCES]
        if foreign and multilingual_vector is not None:
            sims = self.multilingual.embed_array([s.text for s in foreign]) @ multilingual_vector
            for s, sim in zip(foreign, sims, strict=True):
                s.dense = e5_evidence(float(sim), not _same_language(analysis, s))
                s.score += W_DENSE * s.dense

    def _spans(self, analysis: QuestionAnalysis, ranked: list[Sentence], texts: list[str],
               weights: TermWeights,
               multilingual_vector: np.ndarray | None) -> list[list[ScoredSpan]]:
        """The scored candidate spans of each sentence: spaCy's for English, jieba's and the
        Chinese patterns' for Chinese."""
        english = [i for i, s in enumerate(ranked) if not _uses_e5(s)]
        out: list[list[ScoredSpan]] = [[] for _ in ranked]
        for i, cands in zip(english, extract_candidates_many([texts[i] for i in english], None),
                            strict=True):
            out[i] = score_spans(texts[i], cands, analysis, weights.weights)
        compared = 0
        for i, s in enumerate(ranked):
            if not _uses_e5(s) or asks_itself(s):
                continue
            cands = [c for c in extract_candidates_zh(texts[i]) if allowed(analysis, c)]
            sims = None
            if (not _same_language(analysis, s) and multilingual_vector is not None
                    and compared < E5_SPAN_SENTENCES and len(cands) > 1):
                sims = self._candidate_sims(texts[i], cands, multilingual_vector)
                compared += 1
            out[i] = score_spans_zh(texts[i], cands, analysis, weights.weights, sims)
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

    def _by_span(self, analysis: QuestionAnalysis, ranked: list[Sentence],
                 weights: TermWeights, multilingual_vector: np.ndarray | None) -> list[Reading]:
        windows = [self._window(s, analysis) for s in ranked]
        texts = [s.hit.passage.text[a - s.hit.passage.start:b - s.hit.passage.start]
                 for s, (a, b) in zip(ranked, windows, strict=True)]
        readings: list[Reading] = []
        for s, (a, b), spans in zip(ranked, windows,
                                    self._spans(analysis, ranked, texts, weights,
                                                multilingual_vector), strict=True):
            if not spans:
                continue
            best = spans[0]
            score = s.score + SPAN_WEIGHT * best.score
            if not is_preferred(analysis, best.candidate.kind):
                score -= 0.1  # "four crises" answers no "how long"
            p = s.hit.passage
            if analysis.asks_reporter:
                if p.speaker_role == "reporter" and p.speaker:
                    continue  # the turn's label names the reporter: structure answers
                if len(best.candidate.text.split()) < 2 and p.language == "en":
                    continue  # "Thanks, Karine": a first name greets an official
                score += 0.1 if p.speaker_role == "reporter" else -0.1
            readings.append(Reading(s, best.candidate.text, score, a, b))
        return readings

    @staticmethod
    def _window(s: Sentence, analysis: QuestionAnalysis) -> tuple[int, int]:
        """Who-questions look one sentence back too ("John Ydstie with NPR News. ...")."""
        if analysis.answer_type != "who" or s.previous_start is None:
            return s.start, s.end
        return s.previous_start, s.end

    @staticmethod
    def _by_structure(analysis: QuestionAnalysis, ranked: list[Sentence]) -> list[Reading]:
        if analysis.answer_type != "who":
            return []
        wanted = "reporter" if analysis.asks_reporter else "official"
        readings = []
        for s in ranked:
            p = s.hit.passage
            if (analysis.asks_speaker or analysis.asks_reporter) and p.speaker and (
                    p.speaker_role == wanted):
                # who spoke is a property of the whole turn: weigh the passage's evidence too
                score = s.score + 0.2 + 0.15 * s.context
                readings.append(Reading(s, p.speaker, score, s.start, s.end, True))
        return readings


def build_answer(question: str, readings: list[Reading], dated: bool) -> Answer:
    """The Answer for the best reading, with differing answers from other dates as `others`."""
    readings = [r for r in readings if r.sentence.score >= MIN_SENTENCE_SCORE]
    if not readings or readings[0].score < MIN_SCORE:
        return Answer(question=question, answered=False, reason=NOT_STATED)
    best = readings[0]
    others: list[Reading] = []
    if not dated:
        best, others = _most_recent(readings)
    p = best.sentence.hit.passage
    citations = [make_citation(1, p, best.start, best.end, best.score)]
    seen = {(p.doc_id, best.start)}
    for r in readings[1:]:
        if len(citations) >= 3:
            break
        q = r.sentence.hit.passage
        if (q.doc_id, r.start) in seen or r.score < best.score * 0.75:
            continue
        if normalise(r.answer) != normalise(best.answer) and not r.by_structure:
            continue
        seen.add((q.doc_id, r.start))
        citations.append(make_citation(len(citations) + 1, q, r.start, r.end, r.score))
    return Answer(
        question=question,
        answered=True,
        answer=best.answer,
        sentence=best.sentence.text,
        confidence=round(min(1.0, max(0.0, (best.score - MIN_SCORE) / 0.4 + 0.5)), 3),
        citations=citations,
        others=[OtherAnswer(answer=o.answer, date=o.sentence.hit.passage.date,
                            citation=make_citation(1, o.sentence.hit.passage, o.start, o.end,
                                                   o.score)) for o in others],
    )


def _most_recent(readings: list[Reading]) -> tuple[Reading, list[Reading]]:
    """Close readings from other conferences that differ: the newest wins, the rest are others."""
    top = readings[0]
    rivals: dict[str, Reading] = {}
    for r in readings:
        date = r.sentence.hit.passage.date
        if r.score < top.score * 0.88 or not date or r.by_structure:
            continue
        if r.sentence.lexical < 0.8 * top.sentence.lexical:
            continue  # not the same statement made at another conference
        rivals.setdefault(date, r)
    answers = {normalise(r.answer) for r in rivals.values()}
    if len(rivals) < 2 or len(answers) < 2:
        return top, []
    ordered = sorted(rivals.values(), key=lambda r: r.sentence.hit.passage.date or "",
                     reverse=True)
    main = ordered[0]
    return main, [r for r in ordered[1:] if normalise(r.answer) != normalise(main.answer)]
