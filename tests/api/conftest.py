"""Real servers on loopback ports, driven over HTTP.

- `corpus_server`: the full app (API + UI) over the session's corpus index;
  read-only use (other test modules share that index).
- `locked_server`: the same index with `require_key_for_reads`.
- `writable_server`: a small index of its own (two transcripts), holding the
  writer lock as `pressbot serve` does; uploads and deletes go here.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

from bot.config import Settings

KEY = "test-key-9f1c2e"
OTHER_KEY = "test-key-second"
ORIGIN = "https://newsroom.example"
SEED = "2022-09-27_tianshan_xinjiang_industry_presser.txt"
FOMC = "fomc/2022-09-21_fomc_presser.txt"


@dataclass
class Server:
    url: str
    settings: Settings
    service: object

    def client(self, key: str | None = None, **kwargs: object) -> httpx.Client:
        headers = {"X-API-Key": key} if key else {}
        kwargs.setdefault("timeout", 120)
        return httpx.Client(base_url=self.url, headers=headers, **kwargs)


@contextmanager
def serving(app: object, settings: Settings | None = None) -> Iterator[str]:
    """Run `app` with uvicorn on a free loopback port, in a thread, configured as `pressbot
    serve` configures it (`bot.app.server_config`: its timeouts); yield its base URL."""
    import uvicorn

    from bot.app import server_config

    server = uvicorn.Server(server_config(app, settings or Settings(), "127.0.0.1", 0,
                                          log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, name="test-uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def _settings(base: Settings, **overrides: object) -> Settings:
    return base.model_copy(update={"api_keys": [SecretStr(KEY), SecretStr(OTHER_KEY)],
                                   "cors_origins": [ORIGIN], "max_upload_mb": 1.0,
                                   **overrides})


@pytest.fixture(scope="package")
def corpus_server(corpus_service) -> Iterator[Server]:
    from bot.app import build_app

    settings = _settings(corpus_service.settings)
    with serving(build_app(corpus_service, settings)) as url:
        yield Server(url, settings, corpus_service)


@pytest.fixture(scope="package")
def locked_server(corpus_service) -> Iterator[Server]:
    from bot.api import create_app

    settings = _settings(corpus_service.settings, require_key_for_reads=True)
    with serving(create_app(corpus_service, settings)) as url:
        yield Server(url, settings, corpus_service)


@pytest.fixture(scope="package")
def small_corpus(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("small-corpus")
    shutil.copy(corpus_dir / SEED, folder / SEED)
    (folder / "fomc").mkdir()
    shutil.copy(corpus_dir / FOMC, folder / FOMC)
    return folder


@pytest.fixture(scope="package")
def writable_server(small_corpus: Path, tmp_path_factory: pytest.TempPathFactory
                    ) -> Iterator[Server]:
    from bot.app import build_app
    from bot.index.lock import WriterLock
    from bot.service import QAService

    index_dir = tmp_path_factory.mktemp("writable-index")
    settings = _settings(Settings(index_dir=index_dir))
    service = QAService(settings)
    report = service.ingest(small_corpus)
    assert len(report.indexed) == 2, report
    service.warm_up()
    with WriterLock(index_dir), serving(build_app(service, settings)) as url:
        yield Server(url, settings, service)
