"""Per-item cost of the answer engine's cheap parts, on the dev set's questions and
evidence sentences: question analysis (target < 5 ms a question) and typed candidate
extraction (target < 10 ms a sentence). Targets live here, not in timed tests.

    python bench/components.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from bot.answer.candidates import extract_candidates_many
from bot.understand.question import analyze_question

TARGET_QUESTION_MS = 5.0
TARGET_SENTENCE_MS = 10.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path,
                        default=Path(__file__).resolve().parents[1].parent / "shared")
    args = parser.parse_args()
    rows = [json.loads(line) for line in
            (args.shared / "eval" / "dev.jsonl").read_text(encoding="utf-8").splitlines() if line]
    questions = [r["question"] for r in rows]
    sentences = [str(r["evidence"]) for r in rows if r.get("evidence")] * 3
    analyze_question(questions[0])
    extract_candidates_many(sentences[:5])  # load the models first
    began = time.perf_counter()
    for q in questions:
        analyze_question(q)
    question_ms = (time.perf_counter() - began) * 1000 / len(questions)
    began = time.perf_counter()
    extract_candidates_many(sentences)
    sentence_ms = (time.perf_counter() - began) * 1000 / len(sentences)
    for name, value, target in (("question analysis", question_ms, TARGET_QUESTION_MS),
                                ("candidates per sentence", sentence_ms, TARGET_SENTENCE_MS)):
        verdict = "ok" if value < target else "OVER"
        print(f"{name:>24}: {value:6.2f} ms (target < {target:g} ms) {verdict}")


if __name__ == "__main__":
    main()
