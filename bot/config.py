"""Settings, read once from the environment and `.env` (prefix `PRESSBOT_`)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_DIR = Path(__file__).resolve().parent.parent
LLMBackend = Literal["openai", "ollama", "transformers", "llamacpp"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PRESSBOT_", env_file=".env", extra="ignore")

    index_dir: Path = PROJECT_DIR / "index"
    corpus_dir: Path = PROJECT_DIR / "corpus"
    collection: str = "passages"
    chroma_url: str | None = None  # a `chroma run` server; embedded store when unset
    # with a Chroma server: how often (seconds) a replica re-reads the documents' hashes to
    # notice another replica's writes (0: on every read)
    chroma_refresh_seconds: float = 2.0
    max_file_mb: float = 50.0
    # passages
    passage_max_chars: int = 700
    # retrieval
    dense_k: int = 40
    keyword_k: int = 40
    fused_k: int = 24
    # answering (English): the learned reader (models/reader), the older rule reader, or
    # cascade: the learned reader's answer where its chooser accepts one, else the rules'
    reader: Literal["learned", "rules", "cascade"] = "cascade"
    read_passages: int = Field(12, ge=1, le=64)  # passages the learned reader reads
    figure_spans: bool = True  # grow a figure answer to its unit, range and rate
    embed_batch_size: int = Field(0, ge=0)  # texts per batch; 0: the backend's own
    # processes embedding a large ingest: 0 is one per core (at most 4),
    # 1 embeds in the ingesting process
    embed_workers: int = Field(0, ge=0, le=64)
    # the embedding model's runtime: torch, onnx (fp32), int8 or int8-full; unset: the
    # index's own, and for a new index bot.models.default_embedding_backend(). Queries and
    # passages must agree.
    embedding_backend: Literal["torch", "onnx", "int8", "int8-full"] | None = None
    # the torch backend's arithmetic: its weights in bf16 (auto: where the CPU does bf16
    # natively, about 3x as fast as fp32)
    embedding_precision: Literal["auto", "fp32", "bf16"] = "auto"
    model_cache_dir: Path = Path.home() / ".cache" / "pressbot"  # ONNX exports of the model
    # the web app and REST API (`pressbot serve`, `python app.py`)
    host: str = "127.0.0.1"
    port: int = 7860
    api_keys: Annotated[list[SecretStr], NoDecode] = []  # comma-separated; needed for writes
    require_key_for_reads: bool = False  # also need a key for ask, search, documents, the UI
    cors_origins: Annotated[list[str], NoDecode] = []  # comma-separated browser origins
    max_upload_mb: float = 50.0  # one upload request, all its files together
    api_key: SecretStr | None = None  # the key `pressbot ingest --server` sends
    # limits (issue 17)
    max_json_mb: float = Field(1.0, gt=0)  # the body of any request but an upload
    max_upload_files: int = Field(100, ge=1)  # files in one upload request
    parse_max_chars: int = Field(5_000_000, ge=1000)  # characters of text in one file
    parse_max_paragraphs: int = Field(100_000, ge=10)  # paragraphs (or lines) of one file
    parse_max_pages: int = Field(2_000, ge=1)  # pages of one PDF
    parse_max_elements: int = Field(1_000_000, ge=100)  # XML/HTML elements of one file
    parse_max_seconds: float = Field(30.0, gt=0)  # reading and parsing one file
    ui_concurrency: int = Field(8, ge=1, le=64)  # web chat events run at once
    header_timeout_seconds: float = Field(10.0, gt=0)  # to send a request's headers
    body_timeout_seconds: float = Field(20.0, gt=0)  # between two pieces of a body
    keep_alive_seconds: float = Field(5.0, gt=0)  # an idle connection is closed after
    login_attempts: int = Field(5, ge=1)  # wrong keys at /login before the back-off
    # generative answers (`mode: "generative"`); unset backend: extractive only
    llm_backend: LLMBackend | None = None
    llm_base_url: str | None = None  # openai: the endpoint's /v1 URL; ollama: its URL
    llm_api_key: SecretStr | None = None  # openai-compatible endpoints
    # the model: a name for openai/ollama; a GGUF file or a transformers folder for
    # transformers/llamacpp (default: the packaged SmolLM2-135M-Instruct GGUF)
    llm_model: str | None = None
    llm_max_tokens: int = Field(200, ge=1, le=4096)  # new tokens per answer
    llm_temperature: float = Field(0.0, ge=0.0, le=2.0)
    llm_timeout_seconds: float = Field(120.0, gt=0)
    llm_passages: int = Field(5, ge=1, le=20)  # passages given to the LLM, numbered [1]..[n]

    @field_validator("api_keys", "cors_origins", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
