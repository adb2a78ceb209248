"""The floors of the Chinese issue, on ../shared/eval/dev_zh.jsonl over all of ../shared/corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.evaluate import evaluate, load_questions

pytestmark = pytest.mark.slow


def test_dev_zh_floors(corpus_service, shared_dir: Path) -> None:
    questions = load_questions(shared_dir / "eval" / "dev_zh.jsonl")
    report = evaluate(questions, corpus_service.ask)
    s = report.summary
    misses = [(r.id, r.answer.answer) for r in report.results
              if not r.correct and r.type != "unanswerable"]
    print(s.model_dump(), misses)
    assert s.answer_accuracy >= 0.75, misses
    assert s.citation_accuracy >= 0.85
    assert s.refusal_rate >= 0.5
    assert s.false_refusal_rate <= 0.2
