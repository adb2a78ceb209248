from bot.answer.span_extend import extend_span


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
