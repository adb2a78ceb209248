"""Answer with the learned reader: read the top passages in one batch, take the span that
best beats "no answer here", quote the sentence that holds it.

Each passage is read with who said it and when in front ("Chair Powell, 2022-09-21: …"),
so that a who-question can be answered by the turn's speaker: a span inside the speaker
label answers with the speaker, and cites the passage. A span anywhere else in that
label (the date) is not a quote and is not used.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from bot.answer.choose import CandidateFeatures, Chooser
from bot.answer.citations import make_citation
from bot.answer.reader import Reader, SpanReading
from bot.answer.span_extend import extend_figure, extend_span
from bot.answer.spans import normalise
from bot.ingest.sentences import split_sentences
from bot.schema import Answer, OtherAnswer, Passage
from bot.stages import Hit

READ_PASSAGES = 12
MAX_ANSWER_WORDS = 15
CITATIONS = 3
NOT_STATED = "The transcripts do not state it."


@dataclass(frozen=True)
class Context:
    text: str  # what the reader sees
    body: int  # where the passage's own text starts in it
    speaker: tuple[int, int] | None  # the speaker's name in it

    def answerable(self) -> list[tuple[int, int]]:
        """Where an answer may lie: the speaker's name and the passage's text, not the date
        between them."""
        return [r for r in (self.speaker, (self.body, len(self.text))) if r is not None]


def context_of(p: Passage) -> Context:
    """`Speaker, date: text`, with the parts the reader may answer from located."""
    head, speaker = "", None
    if p.speaker:
        speaker = (0, len(p.speaker))
        head = p.speaker
    if p.date:
        head = f"{head}, {p.date}" if head else p.date
    prefix = f"{head}: " if head else ""
    return Context(prefix + p.text, len(prefix), speaker)


@dataclass
class Candidate:
    hit: Hit
    answer: str
    margin: float
    quote: tuple[int, int]  # offsets into the document's text
    by_speaker: bool = False
    null: float = 0.0  # the reader's no-answer score for the passage
    # what the chooser reads, set by `LearnedAnswerer.candidates` once all are found
    features: CandidateFeatures = field(default_factory=lambda: CandidateFeatures(
        0.0, 0.0, 0, 1.0, 0.0, 0.0, 0, False, 0))
    score: float = 0.0  # the chooser's probability (the margin when there is no chooser)

    @property
    def passage(self) -> Passage:
        return self.hit.passage


def _sentence_around(p: Passage, start: int, end: int) -> tuple[int, int]:
    """The sentences of `p` that hold `[start, end)` (passage-relative), as document offsets."""
    spans = split_sentences(p.text) or [(0, len(p.text))]
    first = next((a for a, b in spans if b > start), spans[0][0])
    last = next((b for a, b in reversed(spans) if a < end), spans[-1][1])
    return p.start + min(first, start), p.start + max(last, end)


def _candidate(hit: Hit, context: Context, reading: SpanReading,
               figures: bool = True) -> Candidate | None:
    p = hit.passage
    if reading.start >= context.body:
        start, end = reading.start - context.body, reading.end - context.body
        start, end = extend_span(p.text, start, end)
        if figures:
            start, end = extend_figure(p.text, start, end)
        answer = p.text[start:end].strip()
        if not answer or len(answer.split()) > MAX_ANSWER_WORDS:
            return None
        return Candidate(hit, answer, reading.margin, _sentence_around(p, start, end),
                         null=reading.null)
    if context.speaker and p.speaker and reading.start < context.speaker[1]:
        first = split_sentences(p.text)
        a, b = first[0] if first else (0, len(p.text))
        return Candidate(hit, p.speaker, reading.margin, (p.start + a, p.start + b), True,
                         null=reading.null)
    return None


class LearnedAnswerer:
    """The reader over the top passages; the chooser (when fitted) picks or refuses."""

    def __init__(self, reader: Reader, read_passages: int = READ_PASSAGES,
                 chooser: Chooser | None = None, figure_spans: bool = True) -> None:
        self.reader = reader
        self.read_passages = read_passages
        self.chooser = chooser
        self.figure_spans = figure_spans  # grow figures to their unit, range and rate

    @property
    def threshold(self) -> float:
        """The score the best candidate must beat to be the answer."""
        return self.chooser.threshold if self.chooser else self.reader.threshold

    def candidates(self, question: str, hits: list[Hit]) -> list[Candidate]:
        """The reader's best span in each of the top English passages, best first."""
        top_dense = max((h.dense for h in hits), default=0.0)
        hits = [h for h in hits if h.passage.language == "en"][:self.read_passages]
        contexts = [context_of(h.passage) for h in hits]
        readings = self.reader.read(question, [c.text for c in contexts],
                                    [c.answerable() for c in contexts])
        top = max((h.score for h in hits), default=0.0) or 1.0
        ranked = [(rank, c) for rank, (h, ctx, r)
                  in enumerate(zip(hits, contexts, readings, strict=True))
                  if r is not None
                  and (c := _candidate(h, ctx, r, self.figure_spans)) is not None]
        found = [c for _, c in ranked]
        for (rank, c), votes in zip(ranked, votes_of(found), strict=True):
            c.features = CandidateFeatures(
                c.margin, c.null, rank, c.hit.score / top, c.hit.dense, top_dense,
                votes, c.by_speaker, len(c.answer.split()))
        scores = (self.chooser.probabilities([c.features for c in found]) if self.chooser
                  else [c.margin for c in found])
        for c, score in zip(found, scores, strict=True):
            c.score = score
        return sorted(found, key=lambda c: c.score, reverse=True)

    def answer(self, question: str, found: list[Candidate], dated: bool,
               threshold: float | None = None) -> Answer:
        """The Answer from `candidates` (best first): refused when none beats `threshold`
        (by default the chooser's)."""
        threshold = self.threshold if threshold is None else threshold
        if not found or found[0].score <= threshold:
            return Answer(question=question, answered=False, reason=NOT_STATED)
        best = found[0]
        key = normalise(best.answer)
        same = [c for c in found[1:] if normalise(c.answer) == key and c.score > threshold]
        cited = [best, *same[:CITATIONS - 1]]
        citations = [make_citation(i + 1, c.passage, *c.quote, c.score)
                     for i, c in enumerate(cited)]
        others: list[OtherAnswer] = []
        if not dated:
            seen = {key}
            for c in found[1:]:
                if c.score <= threshold or not c.passage.date:
                    continue
                if c.passage.date == best.passage.date or normalise(c.answer) in seen:
                    continue
                seen.add(normalise(c.answer))
                others.append(OtherAnswer(answer=c.answer, date=c.passage.date,
                                          citation=make_citation(1, c.passage, *c.quote,
                                                                 c.score)))
        confidence = (best.score if self.chooser
                      else _confidence(best.margin, self.reader.threshold))
        return Answer(question=question, answered=True, answer=best.answer,
                      sentence=citations[0].quote, confidence=round(confidence, 3),
                      citations=citations, others=others[:3])


def votes_of(found: list[Candidate]) -> list[int]:
    """For each candidate, the other passages whose text gives the same answer. A speaker
    label gets none: every passage of one speaker would vote for it."""
    keys = [normalise(c.answer) for c in found if not c.by_speaker]
    return [0 if c.by_speaker else keys.count(normalise(c.answer)) - 1 for c in found]


def _confidence(margin: float, threshold: float) -> float:
    """The margin over the threshold squashed to (0, 1): 0.5 at the threshold."""
    return 1.0 / (1.0 + math.exp(-(margin - threshold) / 2.0))
