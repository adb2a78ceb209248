from bot.answer.span_extend import extend_figure, extend_span


def _grow(text: str, piece: str) -> str:
    start = text.index(piece)
    a, b = extend_span(text, start, start + len(piece))
    return text[a:b]


def test_a_piece_of_a_word_becomes_the_word() -> None:
    assert _grow("growth was 8.3% in the first months", "8.3") == "8.3%"
    assert _grow("the destroyer USS Carney answered", "Carn") == "Carney"


def test_clause_punctuation_is_dropped_but_brackets_it_opened_stay() -> None:
    assert _grow("about $85 billion, each month", "$85 billion") == "$85 billion"
    assert _grow("the Summary of Economic Projections (SEP) is back", "(SEP)") == "(SEP)"
    assert _grow("it said (roughly 40 percent) of cases", "40 percent)") == "40 percent"


def _figure(text: str, piece: str) -> str:
    start = text.index(piece)
    a, b = extend_figure(text, start, start + len(piece))
    return text[a:b]


def test_a_figure_gets_its_unit_and_the_other_end_of_its_range() -> None:
    text = "The committee set the target range at 1¾ to 2 percent on Wednesday."
    for piece in ("2", "2 percent", "1¾ to 2", "1¾"):
        assert _figure(text, piece) == "1¾ to 2 percent", piece
    assert _figure("output grew between 5 and 6 percent last year", "6 percent") == \
        "between 5 and 6 percent"
    assert _figure("a ratio of 4.2 percent.", "4.2") == "4.2 percent"


def test_a_rate_and_a_share_stay_with_their_figure() -> None:
    assert _figure("it will buy $40 billion a month of bonds", "$40 billion") == \
        "$40 billion a month"
    assert _figure("seven of the eleven governors dissented", "seven") == \
        "seven of the eleven"


def test_words_that_are_not_one_figure_are_left_alone() -> None:
    assert _figure("we met in 2018 and 2019 as planned", "2019") == "2019"
    assert _figure("someone asked", "someone") == "someone"
    assert _figure("one of the reasons", "one") == "one"
    assert _figure("Governor Brainard spoke", "Brainard") == "Brainard"
    assert _figure("the 2020 meeting was held", "the 2020 meeting") == "the 2020 meeting"
