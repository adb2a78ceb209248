"""The accuracy floors of the issues, on ../shared/eval over all of ../shared/corpus:
dev.jsonl (the answer engine) and dev_zh.jsonl (Chinese transcripts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.evaluate import evaluate, load_questions

pytestmark = pytest.mark.slow

# file: answer accuracy ≥, citation accuracy ≥, refusal ≥, false refusals ≤
FLOORS = {
    "dev.jsonl": (0.85, 0.90, 0.80, 0.10),
    "dev_zh.jsonl": (0.75, 0.85, 0.50, 0.20),
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_floors(name: str, corpus_service, shared_dir: Path) -> None:
    questions = load_questions(shared_dir / "eval" / name)
    report = evaluate(questions, corpus_service.ask)
    s = report.summary
    misses = [(r.id, r.answer.answer) for r in report.results
              if not r.correct and r.type != "unanswerable"]
    print(s.model_dump(), misses)
    answer, citation, refusal, false_refusal = FLOORS[name]
    assert s.answer_accuracy >= answer, misses
    assert s.citation_accuracy >= citation
    assert s.refusal_rate >= refusal
    assert s.false_refusal_rate <= false_refusal
