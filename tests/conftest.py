"""Shared fixtures: the `../shared/` data, and one index built per test session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

PROJECT_DIR = Path(__file__).resolve().parent.parent
SHARED_DIR = Path(os.environ.get("PRESSBOT_SHARED_DIR", PROJECT_DIR.parent / "shared")).resolve()
CORPUS_DIR = SHARED_DIR / "corpus"
EVAL_DIR = SHARED_DIR / "eval"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED_DIR.is_dir():
        pytest.fail(f"shared data not found at {SHARED_DIR} (set PRESSBOT_SHARED_DIR)")
    return SHARED_DIR


@pytest.fixture(scope="session")
def corpus_dir(shared_dir: Path) -> Path:
    return shared_dir / "corpus"


@pytest.fixture(scope="session")
def corpus_service(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    """One QAService over an index of all of `../shared/corpus`, built once per run.

    `PRESSBOT_TEST_CORPUS_INDEX=DIR` (an index of that corpus built by the same code) is
    copied instead, to run a few tests without building it again; CI does not set it.
    """
    from bot.config import Settings
    from bot.service import QAService

    index_dir = tmp_path_factory.mktemp("corpus-index")
    prebuilt = os.environ.get("PRESSBOT_TEST_CORPUS_INDEX")
    if prebuilt:
        shutil.copytree(prebuilt, index_dir, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("writer.lock"))
    service = QAService(Settings(index_dir=index_dir))
    report = service.ingest(corpus_dir)  # incremental: nothing to do on a prebuilt copy
    failed = [f for f in report.files if f.status == "failed"]
    assert not failed, failed
    service.warm_up()
    return service


@pytest.fixture
def make_service(tmp_path: Path):
    """A QAService over a fresh, empty index in a temporary folder."""
    from bot.config import Settings
    from bot.service import QAService

    def make(name: str = "index") -> QAService:
        return QAService(Settings(index_dir=tmp_path / name))

    return make


MAX_TOKENS = 64  # short generations: SmolLM2 is slow on 2 shared cores


@pytest.fixture(scope="session")
def smollm2():
    """SmolLM2-135M-Instruct (the packaged GGUF) through transformers, as a LangChain chat
    model, loaded once per session (the generative tests and the UI's generative mode)."""
    from bot.generate.backends import transformers_chat_model
    from bot.models import smollm2_gguf_path

    return transformers_chat_model(smollm2_gguf_path(), MAX_TOKENS)
