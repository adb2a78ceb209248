"""`pressbot serve` as a user runs it: a subprocess that holds the index, and `ingest --server`."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.api.conftest import FOMC, KEY, SEED


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pressbot(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], capture_output=True,
                          text=True, timeout=600, env=env)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path):
    """`pressbot serve` on an empty index whose corpus is one transcript (indexed at start)."""
    corpus = tmp_path_factory.mktemp("serve-corpus")
    shutil.copy(corpus_dir / SEED, corpus / SEED)
    index = tmp_path_factory.mktemp("serve-index")
    port = free_port()
    env = {**os.environ, "PRESSBOT_CORPUS_DIR": str(corpus), "PRESSBOT_API_KEYS": KEY}
    env.pop("PRESSBOT_API_KEY", None)
    log = (index.parent / "serve.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "serve", "--index", str(index),
                             "--port", str(port)], env=env, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    statuses = []
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            assert proc.poll() is None, (index.parent / "serve.log").read_text()
            try:
                status = httpx.get(f"{url}/api/v1/readyz", timeout=5).status_code
            except httpx.TransportError:
                time.sleep(0.3)
                continue
            statuses.append(status)
            if status == 200:
                break
            time.sleep(0.2)
        assert statuses and statuses[-1] == 200, (index.parent / "serve.log").read_text()
        yield url, index, statuses, env
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_serve_indexes_the_corpus_on_first_start(served) -> None:
    url, _, statuses, _ = served
    assert set(statuses) <= {200, 503}
    docs = httpx.get(f"{url}/api/v1/documents").json()["documents"]
    assert [d["doc_id"] for d in docs] == [SEED]
    answer = httpx.post(f"{url}/api/v1/ask", timeout=60, json={
        "question": "How many difficulties had been resolved for companies by September 25?"})
    assert "3002" in answer.json()["answer"]
    assert httpx.get(f"{url}/").status_code == 200


def test_plain_ingest_stops_on_an_index_a_server_holds(served, corpus_dir: Path) -> None:
    _, index, _, env = served
    result = pressbot("ingest", str(corpus_dir / FOMC), "--index", str(index), env=env)
    message = " ".join(result.stderr.split())
    assert result.returncode == 2
    assert "held by another process" in message and "--server" in message


def test_ingest_through_the_server(served, corpus_dir: Path,
                                   tmp_path: Path) -> None:
    url, _, _, env = served
    folder = tmp_path / "inbox"
    (folder / "fomc").mkdir(parents=True)
    shutil.copy(corpus_dir / FOMC, folder / FOMC)
    (folder / "empty.txt").write_bytes(b"")
    without_key = pressbot("ingest", str(folder), "--server", url, env=env)
    assert without_key.returncode == 2 and "API key" in " ".join(without_key.stderr.split())
    sent = pressbot("ingest", str(folder), "--server", url, env={**env, "PRESSBOT_API_KEY": KEY})
    assert sent.returncode == 1, sent.stderr  # one indexed, one failed (empty)
    assert "indexed" in sent.stderr and FOMC in sent.stderr and "empty" in sent.stderr
    ids = {d["doc_id"] for d in httpx.get(f"{url}/api/v1/documents").json()["documents"]}
    assert ids == {SEED, FOMC}
    (folder / "empty.txt").unlink()
    again = pressbot("ingest", str(folder), "--server", url, "--api-key", KEY, env=env)
    assert again.returncode == 0 and "unchanged" in again.stderr


def _start(index: Path, corpus: Path, port: int, log_path: Path) -> subprocess.Popen:
    env = {**os.environ, "PRESSBOT_CORPUS_DIR": str(corpus), "PRESSBOT_API_KEYS": KEY}
    for name in ("PRESSBOT_API_KEY", "PRESSBOT_GRADIO_CACHE", "GRADIO_TEMP_DIR"):
        env.pop(name, None)
    log = log_path.open("a")
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "serve", "--index", str(index),
                             "--port", str(port)], env=env, stdout=log, stderr=log)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        assert proc.poll() is None, log_path.read_text()
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/readyz", timeout=5).status_code == 200:
                return proc
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    proc.kill()
    raise AssertionError(log_path.read_text())


def test_gradio_uploads_do_not_outlive_the_server(tmp_path: Path, corpus_dir: Path) -> None:
    """Files sent to Gradio's upload route live in the server's own folder: removed when it
    stops, and by the next start when it was killed."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(corpus_dir / SEED, corpus / SEED)
    index, log = tmp_path / "index", tmp_path / "serve.log"

    def upload(port: int) -> Path:
        reply = httpx.post(f"http://127.0.0.1:{port}/gradio_api/upload", timeout=30,
                           headers={"X-API-Key": KEY},
                           files={"files": ("kept.txt", b"MR. A: kept?\n")})
        assert reply.status_code == 200, reply.text
        [path] = reply.json()
        assert Path(path).is_file()
        return Path(path)

    port = free_port()
    first = _start(index, corpus, port, log)
    try:
        killed = upload(port)
    finally:
        first.kill()  # SIGKILL: no clean-up of its own
        first.wait(30)
    folder = next(p for p in killed.parents if p.name.startswith("pressbot-gradio-"))
    assert folder.is_dir() and str(first.pid) in folder.name
    port = free_port()
    second = _start(index, corpus, port, log)
    try:
        assert not folder.exists()  # swept at start: its process is gone
        stopped = upload(port)
    finally:
        second.send_signal(signal.SIGINT)
        second.wait(30)
    assert not stopped.exists()
    assert not next(p for p in stopped.parents
                    if p.name.startswith("pressbot-gradio-")).exists()
