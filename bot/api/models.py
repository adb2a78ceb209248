"""Request and response bodies of the REST API; requests reject unknown fields and wrong types."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

# API.md names both modes; this server's OpenAPI schema lists the ones it can answer (app.py)
from bot.schema import (
    Answer,
    ChatTurn,
    Citation,
    DocumentInfo,
    Filters,
    IngestFileResult,
    Mode,
    ParsedDocument,
)
from bot.schema import Passage as IndexedPassage

# part of the API's contract (published in the OpenAPI schema), not a deployment setting
MAX_QUESTION_CHARS = 2000
MAX_HISTORY_TURNS = 20


def _iso_date(value: object) -> object:
    """Dates are `YYYY-MM-DD` strings, nothing else (no timestamps, no datetimes)."""
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or len(value) != 10:
        raise ValueError("a date must be a string YYYY-MM-DD")
    return dt.date.fromisoformat(value)


def _json_integer(value: object) -> object:
    """An integer as JSON Schema has it: `12` or `12.0`, not `"12"`, `12.5` or `true`."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("must be an integer")
    return value


def _integral_floats_as_ints(value: object) -> object:
    """JSON has one number type: `12.0` may stand for the integer 12 (bools stay bools)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [_integral_floats_as_ints(item) for item in value]
    if isinstance(value, dict):
        return {key: _integral_floats_as_ints(item) for key, item in value.items()}
    return value


def _strict_answer(value: object) -> object:
    """An earlier turn's Answer, checked strictly all the way down (`true` is no integer)."""
    if isinstance(value, Answer):
        return value
    return Answer.model_validate(_integral_floats_as_ints(value), strict=True)


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
Text = Annotated[str, Field(min_length=1, max_length=MAX_QUESTION_CHARS, pattern=r"\S")]
Name = Annotated[str, Field(min_length=1, max_length=200, pattern=r"\S")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class FiltersIn(Strict):
    """Narrow the transcripts searched: a date range (inclusive), a source, a speaker, ids."""

    date_from: IsoDate | None = Field(None, strict=False)
    date_to: IsoDate | None = Field(None, strict=False)
    source: Name | None = None
    speaker: Name | None = None
    doc_ids: list[Name] | None = Field(None, max_length=1000)

    def to_filters(self) -> Filters | None:
        filters = Filters(
            date_from=self.date_from.isoformat() if self.date_from else None,
            date_to=self.date_to.isoformat() if self.date_to else None,
            source=self.source, speaker=self.speaker, doc_ids=self.doc_ids)
        return None if filters == Filters() else filters


class HistoryTurn(Strict):
    """An earlier turn: its question, the Answer it got, and the filters it was asked under."""

    question: Text
    answer: Annotated[Answer, BeforeValidator(_strict_answer)] = Field(strict=False)
    filters: FiltersIn | None = None

    def to_turn(self) -> ChatTurn:
        return ChatTurn(question=self.question, answer=self.answer,
                        filters=self.filters.to_filters() if self.filters else None)


class AskRequest(Strict):
    question: Text
    filters: FiltersIn | None = None
    history: list[HistoryTurn] = Field(
        default_factory=list, max_length=MAX_HISTORY_TURNS,
        description="Earlier turns of the conversation, oldest first. A follow-up (\"And by "
                    "the end of August?\") is read with the earlier questions' subject (by "
                    "rules; in generative mode the LLM rewrites it), and without filters of "
                    "its own it keeps the last turn's filters; the Answer's "
                    "`standalone_question` shows how it was read.")
    mode: Mode = Field("extractive", description=(
        "`extractive` (the default): a short answer read off the best sentence. `generative`:"
        " the configured LLM writes it from numbered passages, citing [n], and it is checked:"
        " every figure, date and name must be in a passage it cites (`grounding`); on a "
        "failed check the answer is the extractive one, with a `note`. 422 "
        "`llm_not_configured` when this server has no LLM."))
    stream: bool | None = Field(
        None, description="Send server-sent events (`citations`, `token`..., `answer`); "
                          "also chosen by `Accept: text/event-stream`.")


class SearchRequest(Strict):
    query: Text
    k: Annotated[int, BeforeValidator(_json_integer)] = Field(10, ge=1, le=100, strict=False)
    filters: FiltersIn | None = None


class SearchResponse(BaseModel):
    passages: list[Citation]


class DocumentList(BaseModel):
    documents: list[DocumentInfo]


class DocumentDetail(ParsedDocument):
    """A document's metadata, its parsed text, its speaker turns and its indexed passages."""

    content_hash: str | None = None
    passages: list[IndexedPassage] = Field(default_factory=list)


class UploadResponse(BaseModel):
    files: list[IngestFileResult]


class Deleted(BaseModel):
    doc_id: str
    deleted: bool = True


class Health(BaseModel):
    status: Literal["ok", "ready"]
    documents: int | None = None
