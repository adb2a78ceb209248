from bot.index.embeddings import same_padding


def test_texts_grouped_by_the_length_they_pad_to_shortest_first() -> None:
    assert same_padding([40, 3, 16, 17, 33, 1], 16) == [[1, 2, 5], [3], [0, 4]]


def test_one_group_when_all_pad_alike_and_none_for_no_texts() -> None:
    assert same_padding([5, 9, 12], 16) == [[0, 1, 2]]
    assert same_padding([], 16) == []


def test_an_empty_text_pads_like_a_short_one() -> None:
    assert same_padding([0, 2], 16) == [[0, 1]]
