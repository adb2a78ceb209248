import numpy as np

from bot.answer.spans_decode import best_span


def test_the_best_span_lies_in_the_context_and_ends_after_it_starts() -> None:
    start = np.array([5.0, 9.0, 1.0, 0.0, 2.0, 0.0])
    end = np.array([5.0, 0.0, 8.0, 1.0, 0.0, 3.0])
    context = np.array([False, False, True, True, True, True])  # 0: [CLS]; 1: the question
    span = best_span(start, end, context)
    assert span is not None
    assert (span.start, span.end, span.score) == (2, 2, 9.0)  # not 1: it is the question's
    assert span.null == 10.0 and span.margin == -1.0


def test_a_span_too_long_is_not_taken() -> None:
    start = np.array([0.0, 9.0, 0.0, 0.0, 0.0])
    end = np.array([0.0, 0.0, 0.0, 0.0, 9.0])
    context = np.array([False, True, True, True, True])
    span = best_span(start, end, context, max_tokens=2)
    assert span is not None and span.end - span.start + 1 <= 2


def test_no_context_no_span() -> None:
    assert best_span(np.zeros(3), np.zeros(3), np.zeros(3, dtype=bool)) is None


def test_a_span_starts_and_ends_in_one_segment() -> None:
    # segments: 1 is a speaker label, 0 the date between, 2 the passage's text
    start = np.array([0.0, 9.0, 0.0, 0.0, 1.0, 0.0])
    end = np.array([0.0, 0.0, 0.0, 0.0, 0.0, 9.0])
    context = np.array([0, 1, 0, 2, 2, 2])
    span = best_span(start, end, context)
    assert span is not None and (span.start, span.end) == (4, 5)  # not 1..5 across the date


def test_a_span_is_never_on_a_token_outside_every_segment() -> None:
    start = np.array([0.0, 0.0, 9.0, 1.0])
    end = np.array([0.0, 0.0, 9.0, 1.0])
    span = best_span(start, end, np.array([0, 1, 0, 1]))
    assert span is not None and (span.start, span.end) == (3, 3)
