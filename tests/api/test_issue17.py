"""Issue 17, the attack on a running server, replayed against real servers on loopback ports:
each side door of the web chat is closed, over HTTP as the attacker used it."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from bot.config import Settings
from tests.api.conftest import KEY, OTHER_KEY, SEED, Server, serving
from tests.api.gradio_calls import call, dependencies, join, new_session
from tests.ingest.bombs import empty_paragraphs_docx, unbroken_text

MARKER = "zebracrossing"  # a word no transcript has
SECRET = (f"Title: Not a transcript\nDate: 2020-01-01\n---\n\nMR. ROOT: The password of "
          f"the {MARKER} account is hunter2. It must never be indexed.\n")


@pytest.fixture(scope="module")
def open_server(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory
                ) -> Iterator[Server]:
    """The default configuration: no API keys, reads open (one transcript indexed)."""
    from bot.app import build_app
    from bot.service import QAService

    corpus = tmp_path_factory.mktemp("open-corpus")
    shutil.copy(corpus_dir / SEED, corpus / SEED)
    settings = Settings(index_dir=tmp_path_factory.mktemp("open-index"))
    service = QAService(settings)
    service.ingest(corpus)
    service.warm_up()
    with serving(build_app(service, settings), settings) as url:
        yield Server(url, settings, service)


@pytest.fixture(scope="module")
def secret_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("server-files") / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


def file_data(path: Path) -> dict:
    return {"path": str(path), "orig_name": path.name, "meta": {"_type": "gradio.FileData"},
            "mime_type": "text/plain", "size": path.stat().st_size}


def gradio_cache() -> Path:
    import os

    return Path(os.environ["GRADIO_TEMP_DIR"])


def copies_in_cache() -> list[Path]:
    return [p for p in gradio_cache().rglob("*") if p.is_file()
            and MARKER.encode() in p.read_bytes()]


def indexed_ids(server: Server, key: str | None = None) -> set[str]:
    with server.client(key) as http:
        return {d["doc_id"] for d in http.get("/api/v1/documents").json()["documents"]}


# ---- 1. no file on the server is read through Gradio ------------------------------------


@pytest.mark.parametrize("keyed", [False, True], ids=["no-keys", "key-holder"])
def test_a_server_path_handed_to_any_gradio_function_is_refused_and_not_read(
        open_server: Server, writable_server: Server, secret_file: Path, keyed: bool) -> None:
    server = writable_server if keyed else open_server
    headers = {"X-API-Key": KEY} if keyed else {}
    before = indexed_ids(server, KEY)
    functions = dependencies(server.url)
    assert functions, "the page has functions"
    for name, dep in functions.items():
        if not dep["inputs"]:
            continue  # nothing to hand a file to
        data = [file_data(secret_file)] * len(dep["inputs"])
        reply = join(server.url, dep["id"], data, **headers)
        assert reply.status_code == 400, (name, reply.text)
        assert reply.json()["error"]["code"] == "files_not_accepted"
        nested = [{"role": "user", "content": [{"type": "file", "file": file_data(secret_file)}]}]
        reply = join(server.url, dep["id"], [nested] * len(dep["inputs"]), **headers)
        assert reply.status_code == 400, (name, reply.text)
    for route in ("run/respond", "call/respond"):
        reply = httpx.post(f"{server.url}/gradio_api/{route}", headers=headers, timeout=30,
                           json={"data": [file_data(secret_file)]})
        assert reply.status_code == 400, (route, reply.text)
    assert indexed_ids(server, KEY) == before
    with server.client(KEY) as http:
        found = http.post("/api/v1/search", json={"query": f"{MARKER} password"}).json()
    assert all(MARKER not in p["quote"] for p in found["passages"])
    assert copies_in_cache() == []


def test_the_library_no_longer_takes_a_path_at_all(writable_server: Server) -> None:
    """Library uploads go to the REST API from the page; no Gradio function takes files."""
    functions = dependencies(writable_server.url)
    assert "do_upload" not in functions
    config = httpx.get(f"{writable_server.url}/config", timeout=30).json()
    assert not [c for c in config["components"] if c.get("type") in ("file", "uploadbutton")]


def test_gradio_refuses_a_file_path_even_without_the_guard(secret_file: Path) -> None:
    """The second line: the mounted Blocks counts as launched, so Gradio's own check that a
    file was uploaded applies too."""
    from gradio import processing_utils
    from gradio.context import LocalContext

    from bot.app import build_app
    from bot.config import Settings as S

    class Stub:
        llm_configured = False
        settings = S()

        def documents(self) -> list:
            return []

    app = build_app(Stub(), S())  # type: ignore[arg-type]
    ui = next(r.app for r in app.routes if hasattr(getattr(r, "app", None), "get_blocks"))
    blocks = ui.get_blocks()
    assert blocks.has_launched
    token = LocalContext.blocks.set(blocks)
    try:
        with pytest.raises(Exception, match=r"not uploaded by a user|was not uploaded"):
            processing_utils._check_allowed(secret_file, check_in_upload_folder=True)
    finally:
        LocalContext.blocks.reset(token)


def test_gradio_cache_is_served_only_with_a_key(writable_server: Server, secret_file: Path
                                                ) -> None:
    url = writable_server.url
    uploaded = httpx.post(f"{url}/gradio_api/upload", headers={"X-API-Key": KEY}, timeout=30,
                          files={"files": ("note.txt", b"MR. A: a cached note.\n")})
    assert uploaded.status_code == 200, uploaded.text
    [path] = uploaded.json()
    assert Path(path).is_relative_to(gradio_cache())
    anonymous = httpx.get(f"{url}/gradio_api/file={path}", timeout=30)
    wrong = httpx.get(f"{url}/gradio_api/file={path}", headers={"X-API-Key": "nope"}, timeout=30)
    keyed = httpx.get(f"{url}/gradio_api/file={path}", headers={"X-API-Key": KEY}, timeout=30)
    assert anonymous.status_code == 404 and wrong.status_code == 404
    assert keyed.status_code == 200 and b"cached note" in keyed.content
    readme = Path(__file__).resolve().parents[2] / "README.md"  # in the working directory
    for other in ("/etc/passwd", "/proc/self/environ", str(readme), str(secret_file)):
        assert httpx.get(f"{url}/gradio_api/file={other}", timeout=30).status_code == 404
        assert httpx.get(f"{url}/gradio_api/file={other}", headers={"X-API-Key": KEY},
                         timeout=30).status_code in (403, 404)


# ---- 2. no anonymous write through the web chat -----------------------------------------


def library_session(url: str, functions: dict) -> str:
    """A session whose Library tab was opened (so the delete list offers the transcripts),
    as a browser's would be."""
    session = new_session()
    done = call(url, functions["library_state"]["id"], [], session=session)
    assert done["success"], done
    return session


def test_with_no_keys_gradio_writes_are_refused_as_rest_writes_are(open_server: Server
                                                                    ) -> None:
    functions = dependencies(open_server.url)
    delete = functions["do_delete"]
    for key in (None, "any-key-at-all"):
        done = call(open_server.url, delete["id"], [SEED, key],
                    session=library_session(open_server.url, functions))
        status = done["output"]["data"][-1]
        assert "disabled" in str(status) and "PRESSBOT_API_KEYS" in str(status)
    assert SEED in indexed_ids(open_server)
    with open_server.client() as http:
        rest = http.delete(f"/api/v1/documents/{SEED}")
        upload = http.post("/api/v1/documents", files={"files": ("a.txt", b"MR. A: hi.\n")})
    assert rest.status_code == 403 and rest.json()["error"]["code"] == "writes_disabled"
    assert upload.status_code == 403 and upload.json()["error"]["code"] == "writes_disabled"
    gradio_upload = httpx.post(f"{open_server.url}/gradio_api/upload", timeout=30,
                               files={"files": ("a.txt", b"MR. A: hi.\n")})
    assert gradio_upload.status_code == 403
    assert gradio_upload.json()["error"]["code"] == "writes_disabled"
    assert SEED in indexed_ids(open_server)


def test_with_keys_a_gradio_delete_needs_one(writable_server: Server) -> None:
    functions = dependencies(writable_server.url)
    delete = functions["do_delete"]
    for key, says in ((None, "Enter an API key"), ("wrong", "not valid")):
        done = call(writable_server.url, delete["id"], [SEED, key],
                    session=library_session(writable_server.url, functions))
        assert says in str(done["output"]["data"][-1])
    assert SEED in indexed_ids(writable_server)


# ---- 3. an expensive file fails fast and holds up no other write --------------------------


def test_the_two_million_paragraph_docx_fails_fast_while_another_upload_completes(
        writable_server: Server) -> None:
    bomb = empty_paragraphs_docx()
    assert len(bomb) < 80_000
    other = (b"Title: Ferry briefing\nDate: 2023-06-01\n---\n\nMS. ALDER: The ferry carried "
             b"5123 passengers in May.\n")
    results: dict[str, tuple[float, httpx.Response]] = {}

    def send(name: str, data: bytes) -> None:
        started = time.monotonic()
        with writable_server.client(KEY) as http:
            reply = http.post("/api/v1/documents", files={"files": (name, data)})
        results[name] = (time.monotonic() - started, reply)

    threads = [threading.Thread(target=send, args=("bombs/empty.docx", bomb)),
               threading.Thread(target=send, args=("uploads/ferry.txt", other))]
    for t in threads:
        t.start()
        time.sleep(0.05)
    for t in threads:
        t.join(timeout=120)
    took, bombed = results["bombs/empty.docx"]
    assert took < 10, took
    assert bombed.status_code == 422
    reason = bombed.json()["error"]["message"]
    assert "bombs/empty.docx" in reason and "PRESSBOT_PARSE_MAX_PARAGRAPHS" in reason
    took_other, ferry = results["uploads/ferry.txt"]
    assert ferry.status_code == 200 and ferry.json()["files"][0]["status"] == "indexed"
    assert took_other < 10, took_other
    with writable_server.client(KEY) as http:
        assert http.delete("/api/v1/documents/uploads/ferry.txt").status_code == 200
    assert "bombs/empty.docx" not in indexed_ids(writable_server)


def test_a_parse_holds_no_writer_lock(writable_server: Server) -> None:
    """While a file is parsed (here: a slow one, held in its parse), a delete completes."""
    service = writable_server.service
    lock = service._write_lock  # type: ignore[attr-defined]
    import bot.ingest.pipeline as pipeline

    entered, release = threading.Event(), threading.Event()
    real = pipeline.parse_transcript

    def slow_parse(*args: object, **kwargs: object) -> object:
        entered.set()
        release.wait(30)
        return real(*args, **kwargs)

    pipeline.parse_transcript = slow_parse  # type: ignore[assignment]
    try:
        outcome: dict[str, httpx.Response] = {}

        def upload() -> None:
            with writable_server.client(KEY) as http:
                outcome["upload"] = http.post("/api/v1/documents", files={
                    "files": ("uploads/slow.txt", b"MR. SLOW: We parse 61 slow files.\n")})

        thread = threading.Thread(target=upload)
        thread.start()
        assert entered.wait(30)
        assert not lock.locked()
        with writable_server.client(KEY) as http:
            started = time.monotonic()
            gone = http.delete("/api/v1/documents/no/such/doc.txt")
            assert gone.status_code == 404 and time.monotonic() - started < 5
        release.set()
        thread.join(60)
    finally:
        pipeline.parse_transcript = real  # type: ignore[assignment]
        release.set()
    assert outcome["upload"].json()["files"][0]["status"] == "indexed"
    with writable_server.client(KEY) as http:
        assert http.delete("/api/v1/documents/uploads/slow.txt").status_code == 200


# ---- 4. links are http(s) only ----------------------------------------------------------


@pytest.mark.parametrize(("name", "header"), [
    ("links/header.txt", "Title: Link test\nDate: 2022-02-02\nOriginal URL: "
                         "javascript:alert(document.cookie)\n---\n\n"),
    ("links/yaml.md", '---\ntitle: Link test\ndate: 2022-02-02\nsource_url: '
                      '"javascript:alert(1)"\n---\n\n'),
])
def test_a_javascript_source_url_is_dropped_and_never_linked(writable_server: Server,
                                                             name: str, header: str) -> None:
    text = (header + "MR. LINK: We counted 8812 links this year.\n").encode()
    with writable_server.client(KEY) as http:
        assert http.post("/api/v1/documents", files={"files": (name, text)}).status_code == 200
        try:
            doc = http.get(f"/api/v1/documents/{name}").json()
            page = http.get(f"/view/{name}").text
            answer = http.post("/api/v1/ask", json={
                "question": "How many links were counted this year?"}).json()
        finally:
            http.delete(f"/api/v1/documents/{name}")
    assert doc["source_url"] is None
    assert "javascript" not in page.lower().replace("<script>", "")
    assert all(c["source_url"] is None for c in answer["citations"] if c["doc_id"] == name)


# ---- 5. the chat's limit, its concurrency, a body limit on every JSON route ---------------


def test_the_chat_refuses_a_question_over_the_rest_limit(open_server: Server) -> None:
    chat = dependencies(open_server.url)["chat"]
    done = call(open_server.url, chat["id"], ["why " * 2000, [], None, "", "", "", "",
                                              "extractive"][:len(chat["inputs"])])
    reply = str(done["output"]["data"][0])
    assert "limited to 2,000 characters" in reply
    direct = httpx.post(f"{open_server.url}/gradio_api/run/respond", timeout=30,
                        json={"data": ["why " * 2000]})
    assert "limited to 2,000 characters" in direct.json()["data"][0]


def test_a_long_question_does_not_delay_a_short_one_in_another_session(
        corpus_server: Server) -> None:
    url = corpus_server.url
    chat = dependencies(url)["chat"]
    n = len(chat["inputs"])
    short = ["How many difficulties had been resolved for companies by September 25?",
             [], None, "", "", "", "", "extractive"][:n]
    words = ("What did the Chair say about inflation expectations, wages, rents, energy "
             "prices, supply chains and the labor market in each press conference ")
    long = [(words * 40)[:1990], [], None, "", "", "", "", "extractive"][:n]
    call(url, chat["id"], short)  # models loaded before anything is compared
    finished: dict[str, float] = {}

    def run(name: str, data: list) -> None:
        call(url, chat["id"], data)
        finished[name] = time.monotonic()

    # two reporters send long questions, then a third a short one: answered one at a time
    # (as the chat did before), the short question would come back after the long ones
    # that arrived first; side by side it comes back first. Ordering, not a wall-clock
    # bound: the speed figures are in docs/security.md and bench/
    slow = [threading.Thread(target=run, args=(f"long{i}", long)) for i in range(2)]
    for thread in slow:
        thread.start()
    time.sleep(0.3)
    run("short", short)
    for thread in slow:
        thread.join(300)
    assert finished["short"] < min(finished["long0"], finished["long1"]), finished


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def _raw(url: str, head: bytes, body_chunks: Iterator[bytes] | None = None) -> bytes:
    """Send a request head and (from a thread, so that a server replying early is read) a
    body; the reply as far as the server sent it."""
    parts = urlsplit(url)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=60)

    def feed() -> None:
        try:
            for chunk in body_chunks or ():
                sock.sendall(chunk)
        except OSError:
            pass  # the server refused and closed: what is tested

    sock.sendall(head)
    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    reply = b""
    try:
        while chunk := sock.recv(65536):
            reply += chunk
            if b"\r\n\r\n" in reply and b'"error"' in reply:
                break
    except OSError:
        pass
    finally:
        sock.close()
    feeder.join(60)
    return reply


@pytest.mark.parametrize("path", ["/api/v1/ask", "/api/v1/search", "/gradio_api/queue/join",
                                  "/gradio_api/run/respond", "/login"])
def test_a_200_mb_json_body_is_413_without_the_server_growing(open_server: Server,
                                                               path: str) -> None:
    size = 200 * 1024 * 1024
    chunk = b" " * (1024 * 1024)
    kind = "application/x-www-form-urlencoded" if path == "/login" else "application/json"
    declared = (f"POST {path} HTTP/1.1\r\nHost: t\r\nContent-Type: {kind}\r\n"
                f"Content-Length: {size}\r\n\r\n").encode()
    chunked = (f"POST {path} HTTP/1.1\r\nHost: t\r\nContent-Type: {kind}\r\n"
               "Transfer-Encoding: chunked\r\n\r\n").encode()

    def chunks() -> Iterator[bytes]:
        framed = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
        for _ in range(size // len(chunk)):
            yield framed
        yield b"0\r\n\r\n"

    peak = baseline = _rss_mb()
    stop = threading.Event()

    def watch() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _rss_mb())
            time.sleep(0.01)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        replies = [_raw(open_server.url, declared, iter([chunk] * 4)),
                   _raw(open_server.url, chunked, chunks())]
    finally:
        stop.set()
        watcher.join()
    for reply in replies:
        assert reply.startswith(b"HTTP/1.1 413"), reply[:300]
        assert b"too_large" in reply and b"PRESSBOT_MAX_JSON_MB" in reply
    assert peak - baseline < 50, (baseline, peak)
    with open_server.client() as http:  # and the server still answers
        assert http.get("/api/v1/healthz").status_code == 200


# ---- 6. a passage has a maximum length ---------------------------------------------------


def test_a_1_mb_text_without_sentence_breaks_is_asked_over_in_capped_passages(
        writable_server: Server) -> None:
    # how long such an ask takes is measured in docs/security.md, not timed here
    name = "uploads/unbroken.txt"
    data = unbroken_text(1_000_000)
    cap = writable_server.settings.passage_max_chars
    with writable_server.client(KEY) as http:
        reply = http.post("/api/v1/documents", files={"files": (name, data)})
        assert reply.status_code == 200, reply.text
        try:
            doc = http.get(f"/api/v1/documents/{name}").json()
            assert max(p["end"] - p["start"] for p in doc["passages"]) <= cap
            for question in ("Is the labor market tight?",
                             "What did Chair Powell say about returning inflation to two "
                             "percent?"):
                answer = http.post("/api/v1/ask", json={"question": question})
                assert answer.status_code == 200
                cited = [c for c in answer.json()["citations"] if c["doc_id"] == name]
                assert all(c["end"] - c["start"] <= cap for c in cited), question
        finally:
            http.delete(f"/api/v1/documents/{name}")


# ---- 7. Gradio's upload route: keys, size, files per request ---------------------------------


def test_gradio_uploads_need_a_key_and_keep_the_rest_limits(writable_server: Server) -> None:
    url = f"{writable_server.url}/gradio_api/upload"
    one = {"files": ("a.txt", b"MR. A: hi.\n")}
    assert httpx.post(url, files=one, timeout=30).status_code == 401
    assert httpx.post(url, files=one, headers={"X-API-Key": "nope"}, timeout=30).status_code \
        == 403
    assert httpx.post(url, files=one, headers={"X-API-Key": OTHER_KEY}, timeout=30).status_code \
        == 200
    big = {"files": ("big.txt", b"x" * (2 * 1024 * 1024))}  # the server's limit is 1 MB
    too_big = httpx.post(url, files=big, headers={"X-API-Key": KEY}, timeout=30)
    assert too_big.status_code == 413 and too_big.json()["error"]["code"] == "too_large"
    most = writable_server.settings.max_upload_files
    many = [("files", (f"f{i}.txt", b"MR. A: hi.\n")) for i in range(most + 1)]
    too_many = httpx.post(url, files=many, headers={"X-API-Key": KEY}, timeout=30)
    assert too_many.status_code == 413 and too_many.json()["error"]["code"] == "too_many_files"
    with writable_server.client(KEY) as http:
        rest = http.post("/api/v1/documents", files=many)
    assert rest.status_code == 413 and rest.json()["error"]["code"] == "too_many_files"


# ---- 8. the lower items ---------------------------------------------------------------------


def test_every_gradio_route_called_malformed_gives_no_5xx(open_server: Server) -> None:
    url = open_server.url
    info = httpx.get(f"{url}/gradio_api/info", timeout=30).json()
    names = [n.strip("/") for n in info["named_endpoints"]]
    names += list(dependencies(url))  # the private ones too, by name
    bodies = [None, b"", b"{", b"[]", b'"x"', b"{}", b'{"data": 1}', b'{"data": []}',
              b'{"data": [1, 2, 3, 4, 5, 6, 7, 8]}', b'{"data": [{"path": "/etc/passwd"}]}',
              b'{"data": ["q"], "fn_index": 9999}', b'{"data": ["q"], "fn_index": -1}',
              b'{"data": ["q"], "fn_index": "0"}', b'{"message": 5}', b'{"nope": "x"}',
              b'{"data": [null, null, null, null, null]}', b"\xff\xfe"]
    failures = []
    with httpx.Client(base_url=url, timeout=60) as http:
        for name in names:
            for route in ("run", "api", "call", "call/v2"):
                for body in bodies:
                    reply = http.post(f"/gradio_api/{route}/{name}", content=body,
                                      headers={"Content-Type": "application/json"})
                    if reply.status_code >= 500:
                        failures.append((route, name, body, reply.status_code, reply.text[:100]))
        for dep in dependencies(url).values():
            for data in ([], [None] * len(dep["inputs"]), [1] * len(dep["inputs"]),
                         [[]] * len(dep["inputs"]), [{}] * len(dep["inputs"])):
                for extra in ({}, {"trigger_id": "x"}, {"session_hash": 5}):
                    body = {"data": data, "fn_index": dep["id"], "session_hash": "s1", **extra}
                    reply = http.post("/gradio_api/queue/join", json=body)
                    if reply.status_code >= 500:
                        failures.append(("queue/join", dep["api_name"], body,
                                         reply.status_code, reply.text[:100]))
        for path in ("/gradio_api/queue/join", "/gradio_api/upload", "/gradio_api/cancel",
                     "/gradio_api/reset", "/gradio_api/component_server", "/login",
                     "/gradio_api/process_recording", "/gradio_api/stream/x"):
            for body in bodies:
                reply = http.post(path, content=body, headers={"Content-Type":
                                                               "application/json"})
                if reply.status_code >= 500:
                    failures.append((path, body, reply.status_code, reply.text[:100]))
        for path in ("/gradio_api/queue/data", "/gradio_api/heartbeat/x", "/config",
                     "/gradio_api/info", "/gradio_api/upload_progress", "/gradio_api/file=x",
                     "/gradio_api/proxy=http://x", "/gradio_api/call/respond/nope",
                     "/monitoring", "/gradio_api/startup-events", "/theme.css"):
            with http.stream("GET", path, params={"session_hash": "x", "upload_id": "x"},
                             timeout=10) as reply:  # some are event streams: the status only
                if reply.status_code >= 500:
                    failures.append((path, reply.status_code))
    assert not failures, "\n".join(map(str, failures))


def test_optional_arguments_of_the_public_endpoint_may_be_left_out(open_server: Server
                                                                   ) -> None:
    reply = httpx.post(f"{open_server.url}/gradio_api/run/respond", timeout=60,
                       json={"data": ["How many difficulties had been resolved for companies "
                                      "by September 25?"]})
    assert reply.status_code == 200 and "3002" in reply.json()["data"][0]


@pytest.fixture(scope="module")
def strict_server(corpus_service) -> Iterator[Server]:
    """Keyed reads (the UI asks for a sign-in), short read deadlines, a quick back-off."""
    from pydantic import SecretStr

    from bot.app import build_app

    settings = corpus_service.settings.model_copy(update={
        "api_keys": [SecretStr(KEY)], "require_key_for_reads": True,
        "header_timeout_seconds": 1.0, "body_timeout_seconds": 1.0, "login_attempts": 3})
    with serving(build_app(corpus_service, settings), settings) as url:
        yield Server(url, settings, corpus_service)


def test_idle_and_trickling_connections_are_closed(strict_server: Server) -> None:
    parts = urlsplit(strict_server.url)
    socks = [socket.create_connection((parts.hostname, parts.port), timeout=10)
             for _ in range(30)]
    for i, sock in enumerate(socks):
        if i % 3 == 1:
            sock.sendall(b"GET /api/v1/healthz HTTP/1.1\r\nHost: t\r\n")  # no end of head
        elif i % 3 == 2:
            sock.sendall(b"G")  # a byte now and then
    started = time.monotonic()
    closed = 0
    for i, sock in enumerate(socks):
        try:
            while True:
                if i % 3 == 2 and time.monotonic() - started < 5:
                    sock.sendall(b"E")
                if sock.recv(1024) == b"":
                    closed += 1
                    break
        except (TimeoutError, OSError):
            closed += 1  # reset: closed as well
        finally:
            sock.close()
    assert closed == len(socks)
    assert time.monotonic() - started < 10


def test_a_stalled_body_is_408(strict_server: Server) -> None:
    head = (f"POST /api/v1/ask HTTP/1.1\r\nHost: t\r\nX-API-Key: {KEY}\r\n"
            "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"question\"").encode()
    started = time.monotonic()
    reply = _raw(strict_server.url, head)
    assert reply.startswith(b"HTTP/1.1 408"), reply[:200]
    assert time.monotonic() - started < 5


def test_wrong_keys_at_login_back_off(strict_server: Server) -> None:
    with httpx.Client(base_url=strict_server.url, timeout=30) as http:
        def login(password: str) -> httpx.Response:
            return http.post("/login", data={"username": "r", "password": password})

        statuses = [login(f"wrong-{i}").status_code for i in range(8)]
        assert statuses[:3] == [400, 400, 400]
        assert 429 in statuses[3:]
        blocked = login(KEY)  # even the right key waits out the back-off
        assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) >= 1
        time.sleep(int(blocked.headers["retry-after"]) + 0.2)
        assert login(KEY).status_code == 200
        assert login("wrong-again").status_code == 400  # a success starts the count afresh


@pytest.mark.parametrize("name", ["evil\u202etxt.exe.txt", "line\u2028break.txt",
                                  "c1\u0085control.txt", "zero\u200bwidth.txt"])
def test_upload_names_with_control_or_bidi_characters_are_400(writable_server: Server,
                                                              name: str) -> None:
    with writable_server.client(KEY) as http:
        reply = http.post("/api/v1/documents", files={"files": (name, b"MR. A: hi there.\n")})
    assert reply.status_code == 400 and reply.json()["error"]["code"] == "invalid_filename"


def test_nul_bytes_do_not_reach_the_stored_text(writable_server: Server) -> None:
    name = "uploads/nul.txt"
    data = (b"MR. NUL: " + b"The harbour was quiet all week long. " * 300 + b"\x00Then 77 ships"
            b"\x00 came.\n")
    with writable_server.client(KEY) as http:
        assert http.post("/api/v1/documents", files={"files": (name, data)}).status_code == 200
        try:
            text = http.get(f"/api/v1/documents/{name}").json()["text"]
        finally:
            http.delete(f"/api/v1/documents/{name}")
    assert "\x00" not in text and "Then 77 ships came." in text


@pytest.mark.parametrize(("method", "path", "allowed"), [
    ("DELETE", "/api/v1/documents", {"GET", "POST"}),
    ("PUT", "/api/v1/documents", {"GET", "POST"}),
    ("POST", f"/api/v1/documents/{SEED}", {"GET", "DELETE"}),
    ("GET", "/api/v1/ask", {"POST"}),
    ("DELETE", "/api/v1/search", {"POST"}),
])
def test_405_names_every_allowed_method(corpus_server: Server, method: str, path: str,
                                        allowed: set[str]) -> None:
    with corpus_server.client() as http:
        reply = http.request(method, path)
    assert reply.status_code == 405
    assert set(reply.headers["allow"].replace(" ", "").split(",")) == allowed


def test_two_conflicting_auth_headers_are_refused(writable_server: Server) -> None:
    doc = "keys/conflict.txt"
    text = b"MR. KEY: We found 3 keys.\n"
    with writable_server.client() as http:
        for other in (f"Bearer {KEY}x", "Basic Zm9vOmJhcg==", "garbage"):
            reply = http.post("/api/v1/documents", files={"files": (doc, text)},
                              headers={"X-API-Key": KEY, "Authorization": other})
            assert reply.status_code == 403, (other, reply.text)
        same = http.post("/api/v1/documents", files={"files": (doc, text)},
                         headers={"X-API-Key": KEY, "Authorization": f"Bearer {KEY}"})
        assert same.status_code == 200
        assert http.delete(f"/api/v1/documents/{doc}", headers={"X-API-Key": KEY}).status_code \
            == 200
