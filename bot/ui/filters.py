"""The filter fields of the chat: parsed into `Filters`, and described in words."""

from __future__ import annotations

import re
from datetime import date

from bot.schema import Filters

MAX_FIELD_CHARS = 200  # as the REST API's filters


def make_filters(date_from: str | None, date_to: str | None, source: str | None,
                 speaker: str | None) -> Filters | None:
    """Filters from the UI's fields (blank is no filter); ValueError on a bad date, a
    field that is not text, or one over MAX_FIELD_CHARS (as the REST API refuses)."""
    fields = {"date_from": date_from, "date_to": date_to, "source": source, "speaker": speaker}
    for name, value in fields.items():
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{name.replace('_', ' ')} must be text")
        if value is not None and len(value) > MAX_FIELD_CHARS:
            raise ValueError(f"{name.replace('_', ' ')} is over {MAX_FIELD_CHARS} characters")
    values: dict[str, str] = {}
    for name, value in (("date_from", date_from), ("date_to", date_to)):
        value = (value or "").strip()
        if value:
            label = name.replace("_", " ")
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError(f"{label} must be YYYY-MM-DD, not {value!r}")
            try:
                date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"{label} must be YYYY-MM-DD, not {value!r}") from None
            values[name] = value
    if (source or "").strip():
        values["source"] = (source or "").strip()
    if (speaker or "").strip():
        values["speaker"] = (speaker or "").strip()
    return Filters(**values) if values else None


def describe_filters(date_from: str | None, date_to: str | None, source: str | None,
                     speaker: str | None) -> str:
    """The active filters, in words, for the line above the chat."""
    try:
        filters = make_filters(date_from, date_to, source, speaker)
    except ValueError as error:
        return f"⚠ {error}"
    if filters is None:
        return "Filters: none (all transcripts)."
    bits = []
    if filters.date_from or filters.date_to:
        bits.append(f"dates {filters.date_from or '…'} to {filters.date_to or '…'}")
    if filters.source:
        bits.append(f"source “{filters.source}”")
    if filters.speaker:
        bits.append(f"speaker “{filters.speaker}”")
    return "Active filters: " + "; ".join(bits) + "."
