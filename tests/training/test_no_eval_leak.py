"""No training question is a near copy of an evaluation question (token overlap)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from training.data import Example, load_all
from training.transcript_questions import QuestionMaker, cited_documents, transcript_files

MAX_OVERLAP = 0.7  # Jaccard overlap of lower-cased word sets


def _words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", text.lower()))


def _eval_questions(shared_dir: Path) -> list[str]:
    files = [*sorted((shared_dir / "eval").glob("*.jsonl")),
             *sorted((Path(__file__).resolve().parents[2] / "bench" / "questions").glob("*.jsonl"))]
    return [json.loads(line)["question"] for f in files
            for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]


def _near_copies(shared_dir: Path, examples: list[Example]) -> list[tuple[str, str]]:
    evaluation = [(q, _words(q)) for q in _eval_questions(shared_dir)]
    assert len(evaluation) > 100
    index: dict[str, list[int]] = {}
    for i, (_, words) in enumerate(evaluation):
        for w in words:
            index.setdefault(w, []).append(i)
    close = []
    for ex in examples:
        words = _words(ex.question)
        shared: dict[int, int] = {}
        for w in words:
            for i in index.get(w, ()):
                shared[i] = shared.get(i, 0) + 1
        for i, n in shared.items():
            if n / len(words | evaluation[i][1]) > MAX_OVERLAP:
                close.append((ex.question, evaluation[i][0]))
    return close


def test_no_training_question_copies_an_evaluation_question(shared_dir: Path) -> None:
    examples = [ex for found in load_all(shared_dir / "train").values() for ex in found]
    assert _near_copies(shared_dir, examples) == []


def test_no_question_made_from_transcripts_copies_an_evaluation_question(
        shared_dir: Path) -> None:
    """A sample of the in-domain questions `train_reader.py --transcript-questions` makes,
    from the briefing archive less the files the measuring sets cite."""
    root = Path(__file__).resolve().parents[2]
    files = transcript_files(shared_dir / "raw" / "whitehouse-press-briefings-md",
                             exclude=cited_documents(root, shared_dir))
    examples = QuestionMaker(seed=13).from_files(files[::10], 300)
    assert len(examples) >= 250
    assert _near_copies(shared_dir, examples) == []


def test_no_code_quotes_a_measuring_question() -> None:
    """bot/, training/ and tests/ hold no run of six words of an eval or bench question (the
    seed question of the brief aside): no rule, word list, example or test case is written
    from them. `python scripts/eval_overlap.py` lists any that creep back in."""
    import importlib.util

    root = Path(__file__).resolve().parents[2]
    script = root / "scripts" / "eval_overlap.py"
    spec = importlib.util.spec_from_file_location("eval_overlap", script)
    assert spec and spec.loader
    overlap = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(overlap)
    assert overlap.overlaps([root / "bot", root / "training", root / "tests"],
                            keep_seed=False) == {}
    # the check itself finds a quote: the seed question is in the code
    assert overlap.overlaps([root / "bot"], keep_seed=True)
