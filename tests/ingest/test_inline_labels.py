"""A conference in one line: paragraphs again, at its labels or every few sentences."""

from __future__ import annotations

from bot.ingest.inline_labels import sentence_paragraphs, split_inline_labels
from bot.ingest.sentences import split_sentences

SENTENCES = [
    "The pier reopens on Monday with forty berths.", "Fees stay where they were last year.",
    "Will the night ferry run again?", "It will, from June onwards.",
    "Cargo is up by a fifth on last year.", "Dr. Holm will chair the harbour board.",
]


def test_labels_cut_the_line() -> None:
    line = "MAYOR EK: Welcome. Q: Thanks. Is it open? MAYOR EK: Yes."
    assert split_inline_labels(line) == ["MAYOR EK: Welcome.", "Q: Thanks. Is it open?",
                                         "MAYOR EK: Yes."]


def test_a_line_without_labels_in_paragraphs_of_a_few_sentences() -> None:
    line = " ".join(SENTENCES[i % len(SENTENCES)] for i in range(40))
    paragraphs = sentence_paragraphs(line)
    assert " ".join(paragraphs) == line  # nothing lost, nothing added
    assert len(paragraphs) >= 8
    for paragraph in paragraphs:
        assert 1 <= len(split_sentences(paragraph)) <= 5
        assert len(paragraph) <= 600
    for paragraph in paragraphs[:-1]:
        assert not paragraph.endswith("?")  # cuts never make up an interview
    assert "Dr. Holm" in line and all(not p.startswith("Holm") for p in paragraphs)


def test_a_short_line_stays_whole() -> None:
    assert sentence_paragraphs("Pier works update") == ["Pier works update"]
    assert sentence_paragraphs("One. Two.") == ["One. Two."]
