"""Bad requests get a JSON error and a 4xx, never a 5xx."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

import pytest

from tests.api.conftest import KEY, Server

Q = "How many difficulties had been resolved for companies by September 25?"


def assert_error(reply, status: int, code: str | None = None) -> None:  # type: ignore[no-untyped-def]
    assert reply.status_code == status, reply.text
    assert reply.headers["content-type"].startswith("application/json")
    error = reply.json()["error"]
    assert isinstance(error["message"], str) and error["message"]
    if code:
        assert error["code"] == code


@pytest.mark.parametrize("body", [
    {},
    {"question": ""},
    {"question": "   \n\t "},
    {"question": "x" * 10_000},
    {"question": 42},
    {"question": ["a list"]},
    {"question": None},
    {"question": Q, "stream": "yes"},
    {"question": Q, "mode": "poetic"},
    {"question": Q, "filters": {"date_from": "2022-13-01"}},
    {"question": Q, "filters": {"date_from": "yesterday"}},
    {"question": Q, "filters": {"date_to": "2022/09/25"}},
    {"question": Q, "filters": {"date_to": 20220925}},
    {"question": Q, "filters": {"date_to": "2022-09-25T10:00:00"}},
    {"question": Q, "filters": {"topic": "inflation"}},
    {"question": Q, "filters": {"doc_ids": "fomc/2022-09-21_fomc_presser.txt"}},
    {"question": Q, "filters": "2022"},
    {"question": Q, "history": [{"question": Q, "answer": "3002"}]},
    {"question": Q, "history": "none"},
    {"question": Q, "history": [{"question": Q, "answer": {
        "question": Q, "answered": True, "citations": [{
            "n": 1, "doc_id": "d", "path": "d", "passage_id": "p", "quote": "q",
            "start": True, "end": 5, "score": 1.0, "url": "/view/d"}]}}]},
    {"question": Q, "temperature": 0.2},
], ids=lambda b: str(b)[:60])
def test_bad_ask_bodies_are_422(corpus_server: Server, body: dict) -> None:
    with corpus_server.client() as http:
        assert_error(http.post("/api/v1/ask", json=body), 422, "invalid_request")


@pytest.mark.parametrize("body", [
    {"query": ""}, {"query": "inflation", "k": 0}, {"query": "inflation", "k": 10_000},
    {"query": "inflation", "k": "5"}, {"query": "inflation", "k": 2.5},
    {"query": "inflation", "filters": {"speaker": ""}}, {"query": "x" * 10_000},
], ids=lambda b: str(b)[:60])
def test_bad_search_bodies_are_422(corpus_server: Server, body: dict) -> None:
    with corpus_server.client() as http:
        assert_error(http.post("/api/v1/search", json=body), 422, "invalid_request")


def test_malformed_json_and_wrong_content_are_4xx(corpus_server: Server) -> None:
    with corpus_server.client() as http:
        assert_error(http.post("/api/v1/ask", content=b'{"question": ',
                               headers={"Content-Type": "application/json"}), 422)
        assert_error(http.post("/api/v1/ask", content=b"question=hi",
                               headers={"Content-Type": "application/x-www-form-urlencoded"}),
                     422)
        assert_error(http.post("/api/v1/ask", content=b"\xff\xfe\x00",
                               headers={"Content-Type": "application/json"}), 400)


def test_unknown_routes_and_methods(corpus_server: Server) -> None:
    with corpus_server.client() as http:
        assert_error(http.get("/api/v1/nothing"), 404, "not_found")
        assert_error(http.get("/api/v1/ask"), 405, "method_not_allowed")
        assert_error(http.get("/api/v1/documents/no/such/doc.txt"), 404, "not_found")
        assert_error(http.get("/api/v1/documents/..%2F..%2Fetc%2Fpasswd"), 404, "not_found")


@pytest.mark.parametrize(("name", "data", "status", "code"), [
    ("../../etc/passwd", b"root:x:0:0", 400, "invalid_filename"),
    ("../escape.txt", b"Title: x\n---\nQ: hi?\n", 400, "invalid_filename"),
    ("/etc/motd.txt", b"hello there", 400, "invalid_filename"),
    ("a\\b.txt", b"hello there", 400, "invalid_filename"),
    ("archive.zip", b"PK\x03\x04 binary", 415, "unsupported_media_type"),
    ("photo.png", b"\x89PNG\r\n\x1a\n", 415, "unsupported_media_type"),
    ("empty.txt", b"", 422, "unreadable"),
    ("binary.txt", bytes(range(256)) * 8, 422, "unreadable"),
])
def test_bad_uploads_are_refused(writable_server: Server, name: str, data: bytes, status: int,
                                 code: str) -> None:
    with writable_server.client(KEY) as http:
        before = http.get("/api/v1/documents").json()["documents"]
        assert_error(http.post("/api/v1/documents", files={"files": (name, data)}), status, code)
        assert http.get("/api/v1/documents").json()["documents"] == before


def test_upload_without_files_is_422(writable_server: Server) -> None:
    with writable_server.client(KEY) as http:
        assert_error(http.post("/api/v1/documents", data={"other": "x"}), 422)
        assert_error(http.post("/api/v1/documents", json={"files": ["a.txt"]}), 422)


def _raw_request(url: str, head: str) -> bytes:
    """Send a request's head byte for byte (so a declared length need not be sent) and read
    the reply."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as sock:
        sock.sendall(head.encode())
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    return reply


def test_a_200_mb_upload_is_refused_by_its_content_length(writable_server: Server) -> None:
    head = (f"POST /api/v1/documents HTTP/1.1\r\nHost: test\r\nX-API-Key: {KEY}\r\n"
            "Content-Type: multipart/form-data; boundary=xyz\r\n"
            f"Content-Length: {200 * 1024 * 1024}\r\n\r\n")
    # headers only: the refusal must not wait for the body, and a server that closes with
    # unread body bytes resets the connection, which can drop its reply before it is read
    reply = _raw_request(writable_server.url, head)
    status_line, _, rest = reply.partition(b"\r\n")
    assert status_line.startswith(b"HTTP/1.1 413"), reply[:300]
    assert b'"code":"too_large"' in rest.replace(b" ", b"")


def test_an_oversized_streamed_upload_is_refused_while_it_streams(
        writable_server: Server) -> None:
    limit = int(writable_server.settings.max_upload_mb * 1024 * 1024)

    def chunks():  # a multipart body with no Content-Length: chunked, 3x the limit
        yield (b'--xyz\r\nContent-Disposition: form-data; name="files"; filename="big.txt"\r\n'
               b"Content-Type: text/plain\r\n\r\n")
        line = b"MR. SPEAKER: The numbers went up again this week, as expected.\n"
        for _ in range(3 * limit // (64 * len(line))):
            yield line * 64
        yield b"\r\n--xyz--\r\n"

    with writable_server.client(KEY) as http:
        reply = http.post("/api/v1/documents", content=chunks(),
                          headers={"Content-Type": "multipart/form-data; boundary=xyz"})
        assert_error(reply, 413, "too_large")
        ids = {d["doc_id"] for d in http.get("/api/v1/documents").json()["documents"]}
    assert "big.txt" not in ids


def test_a_client_mistake_never_gives_5xx_for_odd_paths(corpus_server: Server) -> None:
    with corpus_server.client() as http:
        for path in ["/api/v1/documents/%00", "/api/v1/documents/" + "a" * 5000,
                     "/api/v1/documents/%ff%fe.txt", "/api/v1/documents/ "]:
            reply = http.get(path)
            assert reply.status_code < 500, (path, reply.text)
