"""No training question is a near copy of an evaluation question (token overlap)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from training.data import load_all

MAX_OVERLAP = 0.7  # Jaccard overlap of lower-cased word sets


def _words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", text.lower()))


def _eval_questions(shared_dir: Path) -> list[str]:
    files = [*sorted((shared_dir / "eval").glob("*.jsonl")),
             *sorted((Path(__file__).resolve().parents[2] / "bench" / "questions").glob("*.jsonl"))]
    return [json.loads(line)["question"] for f in files
            for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_no_training_question_copies_an_evaluation_question(shared_dir: Path) -> None:
    evaluation = [(q, _words(q)) for q in _eval_questions(shared_dir)]
    assert len(evaluation) > 100
    index: dict[str, list[int]] = {}
    for i, (_, words) in enumerate(evaluation):
        for w in words:
            index.setdefault(w, []).append(i)
    close = []
    for examples in load_all(shared_dir / "train").values():
        for ex in examples:
            words = _words(ex.question)
            shared: dict[int, int] = {}
            for w in words:
                for i in index.get(w, ()):
                    shared[i] = shared.get(i, 0) + 1
            for i, n in shared.items():
                if n / len(words | evaluation[i][1]) > MAX_OVERLAP:
                    close.append((ex.question, evaluation[i][0]))
    assert close == []
