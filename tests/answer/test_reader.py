"""The shipped reader: its token masks (no model needed for `segments`), and passages read
side by side reading as one by one."""

from __future__ import annotations

from bot.answer.reader import Reader, default_workers, get_reader, segments


def test_each_token_gets_the_range_that_holds_it_and_zero_between_ranges() -> None:
    # "Zhu Dadong, 2022-09-27: 3002": the name, the date, the text
    offsets = [(0, 3), (4, 10), (10, 11), (12, 22), (22, 23), (24, 28)]
    assert segments(offsets, [(0, 10), (24, 28)]).tolist() == [1, 1, 0, 0, 0, 2]


def test_no_tokens_no_segments() -> None:
    assert segments([], [(0, 5)]).tolist() == []


CONTEXTS = [
    "Chair Powell, 2022-09-21: Inflation rose 8.3 percent over the year to August.",
    "Chair Powell, 2022-09-21: We raised the target range by three-quarters of a point.",
    "Reporter: Thank you. Could you say more about the labor market?",
    "Unemployment stood at 3.7 percent in August, and payrolls rose by 315,000.",
]


def test_default_workers_is_one_per_core_at_most_four() -> None:
    assert 1 <= default_workers() <= 4


def test_passages_read_side_by_side_read_as_one_by_one() -> None:
    question = "How much did inflation rise?"
    together = get_reader().read(question, CONTEXTS)
    alone = Reader(workers=1).read(question, CONTEXTS)
    assert together == alone
    assert [get_reader().read(question, [c])[0] for c in CONTEXTS] == together
    ranges = [[(0, 12), (26, len(c))] if c.startswith("Chair") else [(0, len(c))]
              for c in CONTEXTS]
    assert (get_reader().read(question, CONTEXTS, ranges)
            == Reader(workers=1).read(question, CONTEXTS, ranges))


def test_no_contexts_no_readings() -> None:
    assert get_reader().read("Who spoke?", []) == []
