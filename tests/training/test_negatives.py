"""Keyword-search negatives: the passages a search ranks high for a question that do not
hold its answer, shown to the reader as "no answer here"."""

from __future__ import annotations

from training.data import Example
from training.negatives import add_retrieved_negatives

POOL = [
    "The harbour programme repaired 412 berths along the northern quay this spring.",
    "The harbour programme will repair more berths along the southern quay next year.",
    "Berths on the northern quay were built in 1912 by the harbour board.",
    "The orchestra played three symphonies at the concert hall on Friday evening.",
    "Rainfall in the valley was twice the seasonal average during April.",
    "The museum opened a new wing for maritime history and old ship models.",
]


def test_negatives_are_similar_passages_without_the_answer() -> None:
    ex = Example("How many berths did the harbour programme repair on the northern quay?",
                 POOL[0], [(31, "412")], "s", "g")
    unanswerable = Example("Who built the southern quay?", POOL[1], [], "s", "g")
    add_retrieved_negatives([ex, unanswerable], {"s": POOL}, k=2)
    assert len(ex.retrieved) == 2
    assert POOL[0] not in ex.retrieved
    assert set(ex.retrieved) <= {POOL[1], POOL[2]}
    assert unanswerable.retrieved == []


def test_a_passage_that_holds_the_answer_is_never_a_negative() -> None:
    pool = [*POOL, "Crews repaired 412 berths in all, the harbour programme's report says."]
    ex = Example("How many berths did the harbour programme repair?", POOL[0],
                 [(31, "412")], "s", "g")
    add_retrieved_negatives([ex], {"s": pool}, k=3)
    assert ex.retrieved and all("412" not in text for text in ex.retrieved)


def test_each_answerable_question_gets_a_no_answer_window_from_its_negative() -> None:
    from tokenizers import Tokenizer

    from bot.models import embedding_model_path
    from training.windows import WindowMaker

    tokenizer = Tokenizer.from_file(f"{embedding_model_path()}/tokenizer.json")
    tokenizer.no_truncation()
    tokenizer.no_padding()
    ex = Example("How many berths did the harbour programme repair on the northern quay?",
                 POOL[0], [(31, "412")], "s", "g")
    add_retrieved_negatives([ex], {"s": POOL}, k=1)
    fillers = {"s": POOL[1:] * 20}  # text to fill the windows out, none with "412"
    plain = WindowMaker(tokenizer, 64, seed=1).make([ex], 0.0, fillers)
    more = WindowMaker(tokenizer, 64, seed=1).make([ex], 0.0, fillers, retrieved=1.0)
    assert len(plain) == 1 and plain.starts[0] > 0
    assert len(more) == 2 and more.starts[1] == 0 and more.ends[1] == 0
    assert more.input_ids.shape == (2, 64)
