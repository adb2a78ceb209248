"""A real Chroma server (`chroma run` on a free loopback port) for the index tests."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.config import Settings


def _chroma_binary() -> str | None:
    beside = Path(sys.executable).parent / "chroma"
    return str(beside) if beside.exists() else shutil.which("chroma")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`chroma run` on a free loopback port with a temporary path, for the whole session
    (or the server at `PRESSBOT_TEST_CHROMA_URL`, when CI runs one)."""
    if os.environ.get("PRESSBOT_TEST_CHROMA_URL"):
        yield os.environ["PRESSBOT_TEST_CHROMA_URL"]
        return
    binary = _chroma_binary()
    if binary is None:
        pytest.skip("the `chroma` command (from the chromadb wheel) is not installed")
    port = _free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    log = (data.parent / "chroma-server.log").open("wb")
    proc = subprocess.Popen([binary, "run", "--path", str(data), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"chroma run exited with {proc.returncode}; see {log.name}")
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"chroma run did not answer on {url} within 60 s; see {log.name}")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def server_settings(index_dir: Path, url: str, collection: str,
                    refresh: float = 0.0) -> Settings:
    """Settings of an app on the Chroma server at `url`, in its own `collection`."""
    return Settings(index_dir=index_dir, chroma_url=url, collection=collection,
                    chroma_refresh_seconds=refresh)


def write_folder(root: Path, docs: dict[str, str]) -> Path:
    """A folder of transcripts, `docs` by file name."""
    root.mkdir()
    for name, text in docs.items():
        (root / name).write_text(text)
    return root
