"""The read endpoints over HTTP on the corpus index: answers, streaming, search, documents."""

from __future__ import annotations

import json

import pytest

from bot.ingest.pipeline import discover, doc_id_for
from tests.api.conftest import FOMC, SEED, Server

QUESTION = "How many difficulties had been resolved for companies by September 25?"


def parse_events(text: str) -> list[tuple[str, object]]:
    events = []
    for block in text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        events.append((lines["event"], json.loads(lines["data"])))
    return events


def without_timings(answer: dict) -> dict:
    return {k: v for k, v in answer.items() if k != "timings_ms"}


def test_health_and_ready(corpus_server: Server) -> None:
    with corpus_server.client() as http:
        assert http.get("/api/v1/healthz").json() == {"status": "ok", "documents": None}
        ready = http.get("/api/v1/readyz")
        assert ready.status_code == 200
        assert ready.json()["status"] == "ready"
        assert ready.json()["documents"] == len(corpus_server.service.documents())


def test_ask_returns_the_answer_of_the_service(corpus_server: Server) -> None:
    with corpus_server.client() as http:
        reply = http.post("/api/v1/ask", json={"question": QUESTION})
    assert reply.status_code == 200
    answer = reply.json()
    assert answer["answered"] is True
    assert "3002" in answer["answer"]
    first = answer["citations"][0]
    assert first["doc_id"] == SEED and "3002 difficulties" in first["quote"]
    assert set(answer) >= {"question", "answered", "answer", "sentence", "confidence",
                           "citations", "others", "mode", "timings_ms", "reason"}
    direct = corpus_server.service.ask(QUESTION).model_dump(mode="json")
    assert without_timings(answer) == without_timings(direct)


def test_quote_offsets_point_into_the_document_text(corpus_server: Server) -> None:
    with corpus_server.client() as http:
        answer = http.post("/api/v1/ask", json={"question": QUESTION}).json()
        for c in answer["citations"]:
            doc = http.get(f"/api/v1/documents/{c['doc_id']}").json()
            assert doc["text"][c["start"]:c["end"]] == c["quote"]


def test_filters_narrow_the_transcripts(corpus_server: Server) -> None:
    question = "What did the Chair say about inflation?"
    with corpus_server.client() as http:
        dated = http.post("/api/v1/ask", json={"question": question, "filters": {
            "date_from": "2022-09-01", "date_to": "2022-09-30"}}).json()
        by_id = http.post("/api/v1/search", json={"query": "inflation", "k": 5,
                                                  "filters": {"doc_ids": [FOMC]}}).json()
        nothing = http.post("/api/v1/ask", json={"question": question, "filters": {
            "date_from": "1990-01-01", "date_to": "1990-12-31"}}).json()
    assert all(c["date"].startswith("2022-09") for c in dated["citations"])
    assert by_id["passages"] and {p["doc_id"] for p in by_id["passages"]} == {FOMC}
    assert nothing["answered"] is False and nothing["citations"] == []
    assert nothing["reason"]


def test_history_is_accepted_and_validated(corpus_server: Server) -> None:
    with corpus_server.client() as http:
        first = http.post("/api/v1/ask", json={"question": QUESTION}).json()
        follow = http.post("/api/v1/ask", json={
            "question": QUESTION, "history": [{"question": QUESTION, "answer": first}]})
        bad = http.post("/api/v1/ask", json={
            "question": QUESTION, "history": [{"question": QUESTION}]})
    assert follow.status_code == 200 and follow.json()["answered"]
    assert follow.json()["standalone_question"] is None  # it stood alone already
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_request"


def test_a_follow_up_is_read_with_the_earlier_question_and_filters(corpus_server: Server) -> None:
    earlier = "What did Powell say about inflation?"
    june = {"date_from": "2022-06-01", "date_to": "2022-06-30"}
    with corpus_server.client() as http:
        first = http.post("/api/v1/ask", json={"question": earlier, "filters": june}).json()
        follow = http.post("/api/v1/ask", json={
            "question": "What about housing?",
            "history": [{"question": earlier, "answer": first, "filters": june}]})
    body = follow.json()
    assert follow.status_code == 200, body
    assert body["question"] == "What about housing?"
    assert body["standalone_question"] == "What did Powell say about housing?"
    assert body["answered"] and {c["date"] for c in body["citations"]} == {"2022-06-15"}


def test_generative_mode_is_refused_clearly(corpus_server: Server) -> None:
    with corpus_server.client() as http:
        reply = http.post("/api/v1/ask", json={"question": QUESTION, "mode": "generative"})
    assert reply.status_code == 422
    assert reply.json()["error"]["code"] == "llm_not_configured"
    assert "generative answers are not available" in reply.json()["error"]["message"]
    assert "PRESSBOT_LLM_BACKEND" in reply.json()["error"]["message"]


@pytest.mark.parametrize("how", ["body", "accept"])
def test_stream_sends_citations_then_tokens_then_the_answer(corpus_server: Server,
                                                            how: str) -> None:
    body = {"question": QUESTION, **({"stream": True} if how == "body" else {})}
    headers = {"Accept": "text/event-stream"} if how == "accept" else {}
    with corpus_server.client() as http, \
            http.stream("POST", "/api/v1/ask", json=body, headers=headers) as reply:
        assert reply.status_code == 200
        assert reply.headers["content-type"].startswith("text/event-stream")
        text = "".join(reply.iter_text())
    events = parse_events(text)
    names = [name for name, _ in events]
    assert names[0] == "citations" and names[-1] == "answer"
    assert set(names[1:-1]) == {"token"} and len(names) > 3
    answer = events[-1][1]
    assert isinstance(answer, dict)
    assert events[0][1] == answer["citations"]
    tokens = "".join(data["text"] for name, data in events if name == "token")  # type: ignore[index]
    assert tokens == f"{answer['answer']}\n\n{answer['sentence']}"
    assert "3002" in answer["answer"]


def test_stream_of_a_refusal_says_why(corpus_server: Server) -> None:
    body = {"question": "What did the Fed decide on March 3, 1999?", "stream": True}
    with corpus_server.client() as http:
        events = parse_events(http.post("/api/v1/ask", json=body).text)
    answer = events[-1][1]
    assert isinstance(answer, dict) and answer["answered"] is False
    assert events[0] == ("citations", [])
    assert "".join(d["text"] for n, d in events if n == "token") == answer["reason"]  # type: ignore[index]


def test_search_ranks_passages_without_answering(corpus_server: Server) -> None:
    with corpus_server.client() as http:
        reply = http.post("/api/v1/search", json={"query": "3002 difficulties supply chain",
                                                  "k": 4})
    passages = reply.json()["passages"]
    assert reply.status_code == 200 and 1 <= len(passages) <= 4
    assert [p["n"] for p in passages] == list(range(1, len(passages) + 1))
    assert SEED in {p["doc_id"] for p in passages}
    assert {"quote", "start", "end", "speaker", "date", "url", "score"} <= set(passages[0])


def test_documents_list_and_get(corpus_server: Server, corpus_dir) -> None:
    with corpus_server.client() as http:
        listed = http.get("/api/v1/documents").json()["documents"]
        doc = http.get(f"/api/v1/documents/{FOMC}")
        missing = http.get("/api/v1/documents/fomc/1999-01-01_nothing.txt")
    ids = {d["doc_id"] for d in listed}
    files = {doc_id_for(p, corpus_dir) for p in discover(corpus_dir)}
    assert ids == files
    row = next(d for d in listed if d["doc_id"] == FOMC)
    assert row["date"] == "2022-09-21" and row["passages"] > 10 and row["speakers"]
    assert doc.status_code == 200
    body = doc.json()
    assert body["doc_id"] == FOMC and body["date"] == "2022-09-21"
    assert len(body["passages"]) == row["passages"]
    for p in body["passages"]:
        assert body["text"][p["start"]:p["end"]] == p["text"]
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"


def test_openapi_and_docs_are_served(corpus_server: Server) -> None:
    with corpus_server.client() as http:
        spec = http.get("/api/v1/openapi.json").json()
        docs = http.get("/api/v1/docs")
    paths = set(spec["paths"])
    assert {"/ask", "/search", "/documents", "/documents/{doc_id}", "/healthz",
            "/readyz"} <= paths
    assert spec["servers"] == [{"url": "/api/v1"}]
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


def test_the_web_ui_is_at_the_root(corpus_server: Server) -> None:
    with corpus_server.client() as http:
        page = http.get("/")
    assert page.status_code == 200 and "gradio" in page.text.lower()


def test_gradio_client_calls_the_chat(corpus_server: Server) -> None:
    from gradio_client import Client

    client = Client(corpus_server.url + "/", verbose=False)
    reply = client.predict(QUESTION, api_name="/respond")
    assert "3002" in reply and SEED in reply
