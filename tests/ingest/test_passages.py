from __future__ import annotations

from pathlib import Path

from bot.ingest.parse import parse_transcript
from bot.ingest.passages import split_passages
from bot.ingest.read import read_text
from bot.ingest.sentences import split_sentences


def test_sentences_respect_abbreviations() -> None:
    text = "Dr. Fauci said the U.S. has 3.5 percent. We start the week of Sept. 20th. Really?"
    got = [text[a:b] for a, b in split_sentences(text)]
    assert got == ["Dr. Fauci said the U.S. has 3.5 percent.",
                   "We start the week of Sept. 20th.", "Really?"]


def test_passage_offsets_and_turns_on_every_english_file(corpus_dir: Path) -> None:
    files = [p for p in sorted(corpus_dir.rglob("*")) if p.suffix in {".txt", ".md"}
             and "mfa_zh" not in str(p)]
    assert len(files) >= 60
    for path in files:
        doc_id = path.relative_to(corpus_dir).as_posix()
        doc = parse_transcript(read_text(path), doc_id, doc_id)
        passages = split_passages(doc, 700)
        assert passages, doc_id
        for n, p in enumerate(passages):
            assert p.id == f"{doc_id}#{n}"
            assert doc.text[p.start:p.end] == p.text
            turn = doc.turns[p.turn]
            assert turn.start <= p.start < p.end <= turn.end
            assert p.speaker == turn.speaker
            assert len(p.text) <= 700 or len(split_sentences(p.text)) == 1


def test_answers_keep_the_question_they_answer(corpus_dir: Path) -> None:
    path = corpus_dir / "fomc/2022-09-21_fomc_presser.txt"
    doc = parse_transcript(read_text(path), "fomc/x.txt", "fomc/x.txt")
    passages = split_passages(doc, 700)
    answers = [p for p in passages if p.speaker_role == "official" and p.question]
    assert answers
    assert any(p.asker and "Liesman" in p.asker for p in answers)
