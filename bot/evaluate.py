"""`pressbot eval`: score answers exactly as `../shared/API.md` ("Scoring") defines."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from pydantic import BaseModel, Field

from bot.answer.matching import CJK, contains_answer
from bot.schema import Answer

MAX_WORDS = 15
MAX_CJK_CHARS = 30


class EvalQuestion(BaseModel):
    id: str
    question: str
    answers: list[str] = Field(default_factory=list)
    doc: str | None = None
    evidence: str | None = None
    type: str
    date: str | None = None
    lang: str | None = None

    @property
    def answerable(self) -> bool:
        return self.type != "unanswerable" and bool(self.answers)


class EvalResult(BaseModel):
    id: str
    type: str
    correct: bool
    cited: bool
    latency_ms: float
    answer: Answer


class EvalSummary(BaseModel):
    n: int
    answerable: int
    unanswerable: int
    answer_accuracy: float
    citation_accuracy: float
    refusal_rate: float
    false_refusal_rate: float
    p50_ms: float
    p95_ms: float
    # generative mode: answers whose LLM text was checked, and the share that failed the check
    grounding_checked: int | None = None
    grounding_failure_rate: float | None = None


class EvalReport(BaseModel):
    summary: EvalSummary
    results: list[EvalResult]


def shorten(answer: str | None) -> str | None:
    """The part of an answer that counts: 15 words, or 30 Chinese characters."""
    if answer is None:
        return None
    if CJK.search(answer):
        return answer[:MAX_CJK_CHARS]
    return " ".join(answer.split()[:MAX_WORDS])


def score_answer(q: EvalQuestion, answer: Answer) -> tuple[bool, bool]:
    """(correct, cited) for one question."""
    if not q.answerable or not answer.answered:
        return False, False
    short = shorten(answer.answer)
    correct = any(contains_answer(short, g) for g in q.answers)
    gold_name = PurePosixPath(q.doc).name if q.doc else None
    cited = False
    for c in answer.citations[:3]:
        if PurePosixPath(c.doc_id).name != gold_name:
            continue
        if any(contains_answer(c.quote, g) for g in q.answers) or (
                q.type == "who" and any(contains_answer(c.speaker, g) for g in q.answers)):
            cited = True
            break
    return correct, cited


def _percentile(values: list[float], pct: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    k = (len(ordered) - 1) * pct
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return round(ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo), 1)


def load_questions(path: Path) -> list[EvalQuestion]:
    questions = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                questions.append(EvalQuestion.model_validate_json(line))
            except ValueError as exc:
                raise ValueError(f"{path}:{n}: not a question record: {exc}") from None
    return questions


def evaluate(questions: list[EvalQuestion], ask: Callable[[str], Answer]) -> EvalReport:
    results: list[EvalResult] = []
    for q in questions:
        started = time.perf_counter()
        answer = ask(q.question)
        latency = (time.perf_counter() - started) * 1000
        correct, cited = score_answer(q, answer)
        results.append(EvalResult(id=q.id, type=q.type, correct=correct, cited=cited,
                                  latency_ms=round(latency, 1), answer=answer))
    answerable = [r for r, q in zip(results, questions, strict=True) if q.answerable]
    unanswerable = [r for r, q in zip(results, questions, strict=True) if not q.answerable]

    def share(items: list[EvalResult], test: Callable[[EvalResult], bool]) -> float:
        return round(sum(map(test, items)) / len(items), 4) if items else 0.0

    latencies = [r.latency_ms for r in results]
    checked = [r for r in results if r.answer.grounding is not None]
    summary = EvalSummary(
        n=len(results),
        answerable=len(answerable),
        unanswerable=len(unanswerable),
        answer_accuracy=share(answerable, lambda r: r.correct),
        citation_accuracy=share(answerable, lambda r: r.cited),
        refusal_rate=share(unanswerable, lambda r: not r.answer.answered),
        false_refusal_rate=share(answerable, lambda r: not r.answer.answered),
        p50_ms=_percentile(latencies, 0.5),
        p95_ms=_percentile(latencies, 0.95),
        grounding_checked=len(checked) if checked else None,
        grounding_failure_rate=share(checked, lambda r: not r.answer.grounding.ok)  # type: ignore[union-attr]
        if checked else None,
    )
    return EvalReport(summary=summary, results=results)


def write_report(report: EvalReport, out: Path) -> None:
    out.write_text(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=1))
