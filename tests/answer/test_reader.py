"""The shipped reader's token masks (no model needed for `segments`)."""

from __future__ import annotations

from bot.answer.reader import segments


def test_each_token_gets_the_range_that_holds_it_and_zero_between_ranges() -> None:
    # "Zhu Dadong, 2022-09-27: 3002": the name, the date, the text
    offsets = [(0, 3), (4, 10), (10, 11), (12, 22), (22, 23), (24, 28)]
    assert segments(offsets, [(0, 10), (24, 28)]).tolist() == [1, 1, 0, 0, 0, 2]


def test_no_tokens_no_segments() -> None:
    assert segments([], [(0, 5)]).tolist() == []
