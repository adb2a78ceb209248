"""Settings, read once from the environment and `.env` (prefix `PRESSBOT_`)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_DIR = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PRESSBOT_", env_file=".env", extra="ignore")

    index_dir: Path = PROJECT_DIR / "index"
    corpus_dir: Path = PROJECT_DIR / "corpus"
    collection: str = "passages"
    chroma_url: str | None = None  # a `chroma run` server; embedded store when unset
    max_file_mb: float = 50.0
    # passages
    passage_max_chars: int = 700
    # retrieval
    dense_k: int = 40
    keyword_k: int = 40
    fused_k: int = 24
    embed_batch_size: int = 32


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
