"""Answer without an LLM: best evidence sentence, then the typed span inside it.

Who-questions may be answered by the structure of the transcript (who spoke a
turn, who asked a question) rather than by words in the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from bot.answer.candidates import Candidate, extract_candidates_many
from bot.answer.citations import make_citation
from bot.answer.evidence import (
    Sentence,
    TermWeights,
    add_dense,
    score_lexical,
    sentences_of,
)
from bot.answer.multilingual import ForeignReader, uses_e5
from bot.answer.span_extend import extend_figure
from bot.answer.spans import ScoredSpan, normalise, score_spans
from bot.models import get_nlp
from bot.schema import Answer, OtherAnswer, Passage
from bot.stages import Embedder, Hit, TermIndex
from bot.tokens import tokenize
from bot.understand.question import QuestionAnalysis

READ_PASSAGES = 16
FOREIGN_PASSAGES = 6  # passages in another language than the question's
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


def whole_figure(p: Passage, candidate: Candidate, a: int, b: int) -> tuple[str, int, int]:
    """A candidate read in the window `[a, b)` (document offsets) of `p`, grown to its whole
    figure where it is one ("4.5" → "4.5 percent"), with the window stretched to hold it."""
    at = a - p.start + candidate.start
    start, end = extend_figure(p.text, at, at + len(candidate.text))
    return p.text[start:end], min(a, p.start + start), max(b, p.start + end)


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


_HOME = {"us", "u.s.", "the us", "the u.s.", "united states", "the united states", "america",
         "the country", "the nation"}


def asked_places(analysis: QuestionAnalysis) -> list[str]:
    """The places a figure is asked for ("how many buses … in Montana"), but the country
    the briefings are about; a place that only qualifies a name ("the Paris accord") is
    context, not where the figure is from."""
    if analysis.language != "en" or analysis.answer_type != "number":
        return []
    doc = get_nlp()(analysis.question)
    return [e.text for e in doc.ents if e.label_ == "GPE" and e.text.lower() not in _HOME
            and e.start > 0 and doc[e.start - 1].lower_ == "in"]


def names_places(places: list[str], r: Reading) -> bool:
    """"How many schools did the grant reach in Ohio?" needs a passage that names Ohio
    (or a document about it): a national figure does not answer it."""
    p = r.sentence.hit.passage
    if not places or p.language != "en":
        return True
    said = f"{p.text} {p.question or ''} {p.title or ''}".lower()
    return all(place.lower() in said for place in places)


class ExtractiveReader:
    def __init__(self, embeddings: Embedder, multilingual: Embedder,
                 figure_spans: bool = True) -> None:
        """`embeddings` embed English sentences (all-MiniLM), `multilingual` the others (E5):
        the index's own, passed in by the service. `figure_spans`: a figure grows to its
        unit, range and rate, as the learned reader's do ("4.5" → "4.5 percent")."""
        self.embeddings = embeddings
        self.foreign = ForeignReader(multilingual)
        self.figure_spans = figure_spans

    def read(self, analysis: QuestionAnalysis, hits: list[Hit], query_vector: np.ndarray | None,
             keyword: TermIndex,
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
            self.foreign.cross_lingual(analysis, sentences, multilingual_vector)
        # embed only the sentences that the cheap evidence leaves in the running
        sentences = sorted(sentences, key=lambda s: s.score, reverse=True)[:EMBED_SENTENCES]
        self._dense(analysis, sentences, query_vector, multilingual_vector)
        ranked = sorted(sentences, key=lambda s: s.score, reverse=True)[:READ_SENTENCES]
        readings = (self._by_structure(analysis, sentences)
                    + self._by_span(analysis, ranked, weights, multilingual_vector))
        places = asked_places(analysis)
        readings = [r for r in readings if holds_must_terms(analysis, r.sentence)
                    and names_places(places, r)]
        readings.sort(key=lambda r: r.score, reverse=True)
        return readings

    def _dense(self, analysis: QuestionAnalysis, sentences: list[Sentence],
               query_vector: np.ndarray | None, multilingual_vector: np.ndarray | None) -> None:
        english = [s for s in sentences if not uses_e5(s)]
        if english and query_vector is not None:
            add_dense(english, query_vector,
                      self.embeddings.embed_array([s.text for s in english]))
        if multilingual_vector is not None:
            self.foreign.dense(analysis, sentences, multilingual_vector)

    def _spans(self, analysis: QuestionAnalysis, ranked: list[Sentence], texts: list[str],
               weights: TermWeights,
               multilingual_vector: np.ndarray | None) -> list[list[ScoredSpan]]:
        """The scored candidate spans of each sentence: spaCy's for English, the Chinese
        reader's for the others."""
        english = [i for i, s in enumerate(ranked) if not uses_e5(s)]
        out: list[list[ScoredSpan]] = [[] for _ in ranked]
        for i, cands in zip(english, extract_candidates_many([texts[i] for i in english], None),
                            strict=True):
            out[i] = score_spans(texts[i], cands, analysis, weights.weights)
        foreign = self.foreign.spans(analysis, ranked, texts, weights.weights,
                                     multilingual_vector)
        for i, found in foreign.items():
            out[i] = found
        return out

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
            p = s.hit.passage
            answer, a, b = (whole_figure(p, best.candidate, a, b)
                            if self.figure_spans and p.language == "en"
                            else (best.candidate.text, a, b))
            score = s.score + SPAN_WEIGHT * best.score
            if analysis.asks_reporter:
                if p.speaker_role == "reporter" and p.speaker:
                    continue  # the turn's label names the reporter: structure answers
                if len(best.candidate.text.split()) < 2 and p.language == "en":
                    continue  # "Thanks, Karine": a first name greets an official
                score += 0.1 if p.speaker_role == "reporter" else -0.1
            readings.append(Reading(s, answer, score, a, b))
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
