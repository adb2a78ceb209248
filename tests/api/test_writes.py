"""Uploads and deletes on a server that holds the writer lock; asks go on meanwhile."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from tests.api.conftest import FOMC, KEY, SEED, Server

NEW_ID = "uploads/2023-03-03_harbour_briefing.txt"
NEW_TEXT = b"""Title: Harbour authority briefing
Date: 2023-03-03
Source: Test Harbour Authority
---
MODERATOR: Good morning. We begin with the harbour figures.

MS. LINDQVIST: This quarter the harbour handled 4127 container ships, a record for the port.

Q: How many cranes are working?

MS. LINDQVIST: Nineteen cranes are working today.
"""
QUESTION = "How many container ships did the harbour handle this quarter?"


def cited_ids(answer: dict) -> set[str]:
    return {c["doc_id"] for c in answer["citations"]} | {
        o["citation"]["doc_id"] for o in answer["others"]}


def test_upload_then_ask_then_delete(writable_server: Server) -> None:
    with writable_server.client(KEY) as http:
        upload = http.post("/api/v1/documents", files={"files": (NEW_ID, NEW_TEXT)})
        assert upload.status_code == 200, upload.text
        [result] = upload.json()["files"]
        assert result["path"] == NEW_ID and result["status"] == "indexed"
        assert result["passages"] >= 2
        again = http.post("/api/v1/documents", files={"files": (NEW_ID, NEW_TEXT)})
        assert again.json()["files"][0]["status"] == "unchanged"

        doc = http.get(f"/api/v1/documents/{NEW_ID}").json()
        assert doc["date"] == "2023-03-03" and "lindqvist" in str(doc["speakers"]).lower()
        answer = http.post("/api/v1/ask", json={"question": QUESTION}).json()
        assert answer["answered"] and "4127" in answer["answer"]
        assert answer["citations"][0]["doc_id"] == NEW_ID

        deleted = http.delete(f"/api/v1/documents/{NEW_ID}")
        assert deleted.status_code == 200
        after = http.post("/api/v1/ask", json={"question": QUESTION}).json()
        found = http.post("/api/v1/search", json={"query": "4127 container ships harbour"})
        assert NEW_ID not in cited_ids(after)
        assert NEW_ID not in {p["doc_id"] for p in found.json()["passages"]}
        assert http.get(f"/api/v1/documents/{NEW_ID}").status_code == 404
        assert NEW_ID not in {d["doc_id"] for d in http.get("/api/v1/documents").json()[
            "documents"]}
        gone = http.delete(f"/api/v1/documents/{NEW_ID}")
        assert gone.status_code == 404 and gone.json()["error"]["code"] == "not_found"


def test_several_files_in_one_upload(writable_server: Server) -> None:
    files = [("files", ("multi/one.md", b"# One\n\nMR. A: We built 12 bridges.\n")),
             ("files", ("multi/two.txt", b"MR. B: We opened 5 schools.\n")),
             ("files", ("multi/three.txt", b""))]
    with writable_server.client(KEY) as http:
        reply = http.post("/api/v1/documents", files=files)
        statuses = {f["path"]: f["status"] for f in reply.json()["files"]}
        for doc_id in ("multi/one.md", "multi/two.txt"):
            assert http.delete(f"/api/v1/documents/{doc_id}").status_code == 200
    assert reply.status_code == 200
    assert statuses == {"multi/one.md": "indexed", "multi/two.txt": "indexed",
                        "multi/three.txt": "failed"}


def test_asks_are_served_while_an_upload_is_indexed(writable_server: Server,
                                                    corpus_dir) -> None:
    # several Fed transcripts in one file (under the 1 MB upload limit), so that indexing
    # lasts long enough for asks to be answered meanwhile, however fast the model is
    big = (corpus_dir / FOMC).read_bytes()
    for path in sorted((corpus_dir / "fomc").glob("*.txt")):
        if len(big) + path.stat().st_size < 900_000:
            big += b"\n" + path.read_bytes().split(b"\n---\n", 1)[-1]
    big += b"\nMR. SMITH: One more line, so it is new.\n"
    big_id = "uploads/big-copy.txt"
    done: dict[str, float] = {}

    def upload() -> None:
        # indexing 900 KB while asks share the two cores can outlast the client's usual
        # 120 s on an AVX2-only machine; this test is about the asks, not the upload's speed
        with writable_server.client(KEY, timeout=900) as http:
            reply = http.post("/api/v1/documents", files={"files": (big_id, big)})
            assert reply.json()["files"][0]["status"] == "indexed"
        done["upload"] = time.monotonic()

    with writable_server.client() as http:
        thread = threading.Thread(target=upload)
        thread.start()
        time.sleep(0.3)
        answers = []
        while thread.is_alive() and len(answers) < 50:
            reply = http.post("/api/v1/ask", json={
                "question": "How many difficulties had been resolved for companies by "
                            "September 25?"})
            answers.append((time.monotonic(), reply.status_code, reply.json()))
        thread.join()
        with writable_server.client(KEY) as writer:
            assert writer.delete(f"/api/v1/documents/{big_id}").status_code == 200
    assert answers, "the upload finished before any ask was sent"
    during = [a for a in answers if a[0] < done["upload"]]
    assert during, "no ask completed while the upload was being indexed"
    assert all(status == 200 and body["citations"][0]["doc_id"] == SEED
               for _, status, body in answers)


def test_concurrent_asks_get_the_same_answers(writable_server: Server) -> None:
    questions = ["How many difficulties had been resolved for companies by September 25?",
                 "What is the target range for the federal funds rate?",
                 "Who answered questions at the Xinjiang industry briefing?",
                 "How much did industrial value added grow?"] * 4
    with writable_server.client() as http:
        alone = {q: http.post("/api/v1/ask", json={"question": q}).json() for q in questions}

        def ask(q: str) -> tuple[str, dict]:
            return q, http.post("/api/v1/ask", json={"question": q}).json()

        with ThreadPoolExecutor(max_workers=8) as pool:
            together = list(pool.map(ask, questions))
    for q, answer in together:
        assert answer["answer"] == alone[q]["answer"]
        # the same passages and quotes; a score comes from threaded float kernels and, when
        # requests overlap, may differ in its last rounded digit (seen once in CI: 0.4849
        # against 0.485)
        assert [_without_score(c) for c in answer["citations"]] == [
            _without_score(c) for c in alone[q]["citations"]]
        for c, a in zip(answer["citations"], alone[q]["citations"], strict=True):
            assert abs(c["score"] - a["score"]) <= 1e-3


def _without_score(citation: dict) -> dict:
    return {k: v for k, v in citation.items() if k != "score"}
