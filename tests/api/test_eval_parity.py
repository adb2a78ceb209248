"""Every dev question asked through POST /api/v1/ask scores as `pressbot eval` does."""

from __future__ import annotations

from bot.evaluate import evaluate, load_questions
from bot.schema import Answer
from tests.api.conftest import Server


def test_http_answers_score_the_same_as_the_service(corpus_server: Server,
                                                    shared_dir) -> None:
    questions = load_questions(shared_dir / "eval" / "dev.jsonl")
    with corpus_server.client() as http:
        def ask(question: str) -> Answer:
            reply = http.post("/api/v1/ask", json={"question": question})
            assert reply.status_code == 200, reply.text
            return Answer.model_validate(reply.json())

        over_http = evaluate(questions, ask)
    direct = evaluate(questions, corpus_server.service.ask)
    latency = {"p50_ms", "p95_ms"}
    assert over_http.summary.model_dump(exclude=latency) == direct.summary.model_dump(
        exclude=latency)
    for a, b in zip(over_http.results, direct.results, strict=True):
        assert (a.id, a.correct, a.cited, a.answer.answer) == (b.id, b.correct, b.cited,
                                                              b.answer.answer)
