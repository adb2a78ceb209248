"""API keys (401 without, 403 wrong, 200 right; never logged) and the CORS allow-list."""

from __future__ import annotations

import logging

import pytest

from tests.api.conftest import KEY, ORIGIN, OTHER_KEY, SEED, Server

DOC = "keys/auth-probe.txt"
TEXT = b"Title: Probe\nDate: 2020-02-02\n---\nMR. PROBE: We counted 77 probes.\n"


def test_writes_need_a_key(writable_server: Server) -> None:
    with writable_server.client() as http:
        none = http.post("/api/v1/documents", files={"files": (DOC, TEXT)})
        wrong = http.post("/api/v1/documents", files={"files": (DOC, TEXT)},
                          headers={"X-API-Key": "not-the-key"})
        delete_none = http.delete(f"/api/v1/documents/{SEED}")
        delete_wrong = http.delete(f"/api/v1/documents/{SEED}",
                                   headers={"Authorization": "Bearer nope"})
        still = http.get(f"/api/v1/documents/{SEED}")
    assert none.status_code == 401 and none.json()["error"]["code"] == "unauthorized"
    assert none.headers["www-authenticate"] == "Bearer"
    assert wrong.status_code == 403 and wrong.json()["error"]["code"] == "forbidden"
    assert delete_none.status_code == 401 and delete_wrong.status_code == 403
    assert still.status_code == 200


@pytest.mark.parametrize("header", [{"X-API-Key": KEY}, {"Authorization": f"Bearer {KEY}"},
                                    {"X-API-Key": OTHER_KEY}])
def test_any_configured_key_in_either_header_may_write(writable_server: Server,
                                                      header: dict[str, str]) -> None:
    with writable_server.client() as http:
        upload = http.post("/api/v1/documents", files={"files": (DOC, TEXT)}, headers=header)
        deleted = http.delete(f"/api/v1/documents/{DOC}", headers=header)
    assert upload.status_code == 200, upload.text
    assert upload.json()["files"][0]["status"] in ("indexed", "unchanged")
    assert deleted.status_code == 200 and deleted.json() == {"doc_id": DOC, "deleted": True}


def test_reads_are_open_unless_configured(writable_server: Server) -> None:
    with writable_server.client() as http:
        assert http.get("/api/v1/documents").status_code == 200
        assert http.post("/api/v1/search", json={"query": "difficulties"}).status_code == 200


@pytest.mark.parametrize(("method", "path", "body"), [
    ("POST", "/api/v1/ask", {"question": "How many difficulties were resolved?"}),
    ("POST", "/api/v1/search", {"query": "difficulties"}),
    ("GET", "/api/v1/documents", None),
    ("GET", f"/api/v1/documents/{SEED}", None),
])
def test_reads_need_a_key_when_required(locked_server: Server, method: str, path: str,
                                        body: dict | None) -> None:
    with locked_server.client() as http:
        none = http.request(method, path, json=body)
        wrong = http.request(method, path, json=body, headers={"X-API-Key": KEY + "x"})
        right = http.request(method, path, json=body, headers={"Authorization": f"Bearer {KEY}"})
    assert none.status_code == 401 and none.json()["error"]["code"] == "unauthorized"
    assert wrong.status_code == 403 and wrong.json()["error"]["code"] == "forbidden"
    assert right.status_code == 200, right.text


def test_health_needs_no_key_even_when_reads_do(locked_server: Server) -> None:
    with locked_server.client() as http:
        assert http.get("/api/v1/healthz").status_code == 200
        assert http.get("/api/v1/readyz").status_code == 200
        assert http.get("/api/v1/openapi.json").status_code == 200


def test_keys_are_never_logged(locked_server: Server, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with locked_server.client() as http:
        http.get("/api/v1/documents", headers={"X-API-Key": "wrong-secret-123"})
        http.get("/api/v1/documents", headers={"X-API-Key": KEY})
        reply = http.get("/api/v1/documents", headers={"Authorization": "Bearer wrong-secret-123"})
    assert "wrong-secret-123" not in caplog.text and KEY not in caplog.text
    assert "wrong-secret-123" not in reply.text


def test_cors_allows_only_the_listed_origins(corpus_server: Server) -> None:
    with corpus_server.client() as http:
        allowed = http.get("/api/v1/documents", headers={"Origin": ORIGIN})
        other = http.get("/api/v1/documents", headers={"Origin": "https://evil.example"})
        preflight = http.options("/api/v1/ask", headers={
            "Origin": ORIGIN, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type, x-api-key"})
        refused = http.options("/api/v1/ask", headers={
            "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert allowed.headers["access-control-allow-origin"] == ORIGIN
    assert "access-control-allow-origin" not in other.headers
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == ORIGIN
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "x-api-key" in preflight.headers["access-control-allow-headers"].lower()
    assert refused.status_code == 400
    assert "access-control-allow-origin" not in refused.headers
