"""The packaged SmolLM2, loaded once per session, directly and behind an OpenAI-compatible
server on a loopback port; services over the shared corpus index that answer with it."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import Settings
from tests.api.conftest import serving
from tests.conftest import MAX_TOKENS


@pytest.fixture(scope="session")
def openai_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """An OpenAI-compatible `/v1/chat/completions` serving SmolLM2; yields the `/v1` URL.

    `PRESSBOT_TEST_OPENAI_URL` points the tests at a server already running instead
    (`scripts/llamacpp_check.sh` sets it to llama.cpp's)."""
    external = os.environ.get("PRESSBOT_TEST_OPENAI_URL")
    if external:
        yield external
        return
    from tests.generate.openai_server import openai_app

    app = openai_app(request.getfixturevalue("smollm2"))
    with serving(app) as url:
        yield f"{url}/v1"


@pytest.fixture(scope="session")
def gen_service(corpus_service, smollm2):
    """A service over the shared corpus index that answers generatively with SmolLM2."""
    from bot.service import QAService

    return QAService(corpus_service.settings, llm=smollm2)


def openai_settings(base: Settings, url: str) -> Settings:
    return base.model_copy(update={"llm_backend": "openai", "llm_base_url": url,
                                   "llm_model": "smollm2", "llm_max_tokens": MAX_TOKENS})


@pytest.fixture(scope="session")
def dev_questions(shared_dir: Path) -> list[dict]:
    lines = (shared_dir / "eval" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]
