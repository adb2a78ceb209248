"""The learned answer path on hand-made passages: the shipped reader, real spans."""

from __future__ import annotations

import pytest

from bot.answer.learned import LearnedAnswerer, _candidate, context_of, votes_of
from bot.answer.reader import SpanReading, get_reader
from bot.schema import Passage
from bot.stages import Hit

SEED = ("As of September 25, the region's industrial and information system has helped "
        "enterprises to coordinate and solve 3002 difficulties in the processing of passage, "
        "raw material supply, and material transportation.")
OTHER = "The weather in the capital was mild, and the markets opened on time this morning."


def _hit(text: str, n: int = 0, speaker: str | None = "Zhu Dadong",
         date: str | None = "2022-09-27") -> Hit:
    p = Passage(id=f"doc.txt#{n}", doc_id="doc.txt", n=n, text=text, start=100,
                end=100 + len(text), turn=0, speaker=speaker, speaker_role="official", date=date)
    return Hit(p, 1.0)


def test_the_reader_sees_who_spoke_and_when_in_front_of_the_text() -> None:
    ctx = context_of(_hit(SEED).passage)
    assert ctx.text.startswith("Zhu Dadong, 2022-09-27: As of")
    assert ctx.text[ctx.body:] == SEED and ctx.speaker == (0, len("Zhu Dadong"))
    assert context_of(_hit(SEED, speaker=None, date=None).passage).text == SEED


def test_a_span_in_the_label_answers_with_the_speaker_and_the_date_is_never_an_answer() -> None:
    hit = _hit(SEED)
    ctx = context_of(hit.passage)
    speaker = _candidate(hit, ctx, SpanReading(0, 3, 2.0, 0.0))
    assert speaker is not None and speaker.answer == "Zhu Dadong" and speaker.by_speaker
    assert _candidate(hit, ctx, SpanReading(12, 22, 2.0, 0.0)) is None  # "2022-09-27"


def test_a_span_in_the_text_is_quoted_in_its_sentence_at_document_offsets() -> None:
    hit = _hit(f"{OTHER} {SEED}")
    ctx = context_of(hit.passage)
    at = ctx.text.index("3002")
    found = _candidate(hit, ctx, SpanReading(at, at + 4, 3.0, 0.0))
    assert found is not None and found.answer == "3002"
    start, end = found.quote
    assert hit.passage.text[start - 100:end - 100] == SEED


def test_votes_count_passages_whose_text_gives_the_answer_and_never_a_speaker_label() -> None:
    hits = [_hit(SEED, n) for n in range(4)]
    at = [context_of(h.passage).text.index("3002") for h in hits]
    text = [_candidate(h, context_of(h.passage), SpanReading(a, a + 4, 2.0, 0.0))
            for h, a in zip(hits[:2], at[:2], strict=True)]
    labels = [_candidate(h, context_of(h.passage), SpanReading(0, 3, 2.0, 0.0))
              for h in hits[2:]]
    found = [c for c in (*text, *labels) if c is not None]
    assert [c.by_speaker for c in found] == [False, False, True, True]
    assert votes_of(found) == [1, 1, 0, 0]


@pytest.fixture(scope="module")
def answerer() -> LearnedAnswerer:
    return LearnedAnswerer(get_reader())


def test_the_shipped_reader_answers_from_the_passage_that_states_it(answerer) -> None:
    question = "How many difficulties had been resolved for companies by September 25?"
    hits = [_hit(OTHER, 0), _hit(SEED, 1)]
    answer = answerer.answer(question, answerer.candidates(question, hits), dated=True)
    assert answer.answered and answer.answer == "3002"
    assert answer.citations[0].passage_id == "doc.txt#1"
    assert answer.citations[0].speaker == "Zhu Dadong"
    assert "3002" in answer.citations[0].quote


def test_the_reader_never_spends_its_span_on_the_date_in_front_of_the_text(answerer) -> None:
    text = ("On the proposals now before the legislature, which would bring it into our rate "
            "decisions. The legislature itself decided in 1978 that that was a bad idea, and it "
            "carved out this one area of reviews.")
    hit = _hit(text, speaker="Governor Lee", date="2015-03-18")
    ctx = context_of(hit.passage)
    assert ctx.answerable() == [(0, len("Governor Lee")), (ctx.body, len(ctx.text))]
    # a question dated like the passage: read whole, the reader's best span is the date
    question = ("In her remarks of March 2015, the governor named which year for the "
                "legislature's exemption of rate decisions?")
    whole = answerer.reader.read(question, [ctx.text])[0]
    assert whole is not None and whole.end <= ctx.body
    found = answerer.candidates(question, [hit])
    assert [c.answer for c in found] == ["1978"]


def test_the_shipped_reader_refuses_when_no_passage_states_it(answerer) -> None:
    question = "How many electric buses did the city buy last year?"
    hits = [_hit(OTHER, 0)]
    answer = answerer.answer(question, answerer.candidates(question, hits), dated=True)
    assert not answer.answered and answer.citations == []
