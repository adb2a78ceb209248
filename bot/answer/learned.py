"""Answer with the learned reader: read the top passages in one batch, take the span that
best beats "no answer here", quote the sentence that holds it.

Each passage is read with who said it and when in front ("Chair Powell, 2022-09-21: …"),
so that a who-question can be answered by the turn's speaker: a span inside the speaker
label answers with the speaker, and cites the passage. A span anywhere else in that
label (the date) is not a quote and is not used.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from bot.answer.citations import make_citation
from bot.answer.reader import Reader, SpanReading
from bot.answer.span_extend import extend_span
from bot.answer.spans import normalise
from bot.ingest.sentences import split_sentences
from bot.retrieve.hybrid import Hit
from bot.schema import Answer, OtherAnswer, Passage

READ_PASSAGES = 12
MAX_ANSWER_WORDS = 15
CITATIONS = 3
NOT_STATED = "The transcripts do not state it."


@dataclass(frozen=True)
class Context:
    text: str  # what the reader sees
    body: int  # where the passage's own text starts in it
    speaker: tuple[int, int] | None  # the speaker's name in it


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

    @property
    def passage(self) -> Passage:
        return self.hit.passage


def _sentence_around(p: Passage, start: int, end: int) -> tuple[int, int]:
    """The sentences of `p` that hold `[start, end)` (passage-relative), as document offsets."""
    spans = split_sentences(p.text) or [(0, len(p.text))]
    first = next((a for a, b in spans if b > start), spans[0][0])
    last = next((b for a, b in reversed(spans) if a < end), spans[-1][1])
    return p.start + min(first, start), p.start + max(last, end)


def _candidate(hit: Hit, context: Context, reading: SpanReading) -> Candidate | None:
    p = hit.passage
    if reading.start >= context.body:
        start, end = reading.start - context.body, reading.end - context.body
        start, end = extend_span(p.text, start, end)
        answer = p.text[start:end].strip()
        if not answer or len(answer.split()) > MAX_ANSWER_WORDS:
            return None
        return Candidate(hit, answer, reading.margin, _sentence_around(p, start, end))
    if context.speaker and p.speaker and reading.start < context.speaker[1]:
        first = split_sentences(p.text)
        a, b = first[0] if first else (0, len(p.text))
        return Candidate(hit, p.speaker, reading.margin, (p.start + a, p.start + b), True)
    return None


class LearnedAnswerer:
    def __init__(self, reader: Reader, read_passages: int = READ_PASSAGES) -> None:
        self.reader = reader
        self.read_passages = read_passages

    def candidates(self, question: str, hits: list[Hit]) -> list[Candidate]:
        """The reader's best span in each of the top English passages, best first."""
        hits = [h for h in hits if h.passage.language == "en"][:self.read_passages]
        contexts = [context_of(h.passage) for h in hits]
        readings = self.reader.read(question, [c.text for c in contexts])
        found = [c for h, ctx, r in zip(hits, contexts, readings, strict=True)
                 if r is not None and (c := _candidate(h, ctx, r)) is not None]
        return sorted(found, key=lambda c: c.margin, reverse=True)

    def answer(self, question: str, found: list[Candidate], dated: bool) -> Answer:
        """The Answer from `candidates` (best first): refused when none beats no-answer."""
        if not found or found[0].margin <= self.reader.threshold:
            return Answer(question=question, answered=False, reason=NOT_STATED)
        best = found[0]
        key = normalise(best.answer)
        same = [c for c in found[1:] if normalise(c.answer) == key
                and c.margin > self.reader.threshold]
        cited = [best, *same[:CITATIONS - 1]]
        citations = [make_citation(i + 1, c.passage, *c.quote, c.margin)
                     for i, c in enumerate(cited)]
        others: list[OtherAnswer] = []
        if not dated:
            seen = {key}
            for c in found[1:]:
                if c.margin <= self.reader.threshold or not c.passage.date:
                    continue
                if c.passage.date == best.passage.date or normalise(c.answer) in seen:
                    continue
                seen.add(normalise(c.answer))
                others.append(OtherAnswer(answer=c.answer, date=c.passage.date,
                                          citation=make_citation(1, c.passage, *c.quote,
                                                                 c.margin)))
        return Answer(question=question, answered=True, answer=best.answer,
                      sentence=citations[0].quote, confidence=_confidence(best.margin,
                                                                         self.reader.threshold),
                      citations=citations, others=others[:3])


def _confidence(margin: float, threshold: float) -> float:
    """The margin over the threshold squashed to (0, 1): 0.5 at the threshold."""
    return round(1.0 / (1.0 + math.exp(-(margin - threshold) / 2.0)), 3)
