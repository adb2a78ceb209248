"""Typed candidate answer spans in a sentence.

Regex patterns first (exact: figures with units, dates, titled names), spaCy's
entities second (people, organisations, places, works, events, real dates), noun
chunks last (kind "phrase", for what-questions). Every candidate's text is the
sentence's own characters, `sentence[start:end]`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.answer.doc_spans import counts, noun_chunks, spacy_entities
from bot.answer.name_patterns import ROLE_WORDS, find_people, find_phrases
from bot.answer.patterns import (
    FIGURE_KINDS,
    KINDS,
    NAME_KINDS,
    TIME_KINDS,
    Raw,
    find_dates,
    find_figures,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["KINDS", "Candidate", "candidate_kinds_for", "candidates_from_doc",
           "extract_candidates", "extract_candidates_many"]

MAX_WORDS = 15

# Kinds where a span inside a longer one of the same kind adds nothing.
_NESTED_DROP = FIGURE_KINDS - {"number"} | TIME_KINDS | {"org", "gpe", "product", "event"}
_LEAD_WORDS = {"of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "as",
               "percent", "percentage", "times", "fold"}


@dataclass(frozen=True)
class Candidate:
    text: str  # == sentence[start:end], verbatim
    start: int  # offsets into the sentence string
    end: int
    kind: str  # one of KINDS
    value: float | None = None  # numeric value where it makes sense (for dedup/compare)


_FIGURE_SUBTYPES: dict[str, set[str]] = {
    "percent": {"percent", "range"},
    "rate": {"percent", "range", "number"},
    "money": {"money"},
    "range": {"range", "percent", "money"},
    "count": {"count", "number", "quantity"},
    "multiplier": {"multiplier", "number"},
    "duration": {"quantity", "period", "range"},
}
_WHO_SUBTYPES: dict[str, set[str]] = {
    "person": {"person"},
    "reporter": {"person"},
    "speaker": {"person"},
    "name": {"person", "org"},
    "org": {"org", "phrase"},
}


def candidate_kinds_for(answer_type: str, subtype: str | None) -> set[str]:
    """The candidate kinds that can answer a question of this type and subtype.

    The answer type decides; the subtype narrows it ("number"+"percent" → percent, range)
    or, for a what-question about a figure ("what rate"), switches to figures.
    """
    sub = subtype or ""
    if answer_type == "number":
        return set(_FIGURE_SUBTYPES.get(sub, FIGURE_KINDS))
    if answer_type == "date":
        return TIME_KINDS | ({"quantity", "range"} if sub == "duration" else set())
    if answer_type == "who":
        return set(_WHO_SUBTYPES.get(sub, {"person", "org"}))
    if answer_type == "what":
        if sub in _FIGURE_SUBTYPES:
            return set(_FIGURE_SUBTYPES[sub])
        return set(_WHO_SUBTYPES.get(sub, NAME_KINDS)) if sub != "name" else set(NAME_KINDS)
    if sub in _FIGURE_SUBTYPES:
        return set(_FIGURE_SUBTYPES[sub])
    return set(_WHO_SUBTYPES.get(sub, KINDS))


def extract_candidates(sentence: str, kinds: set[str] | None = None) -> list[Candidate]:
    """Typed candidate spans in one sentence, optionally only of `kinds`."""
    from bot.models import get_nlp

    return candidates_from_doc(get_nlp()(sentence), kinds)


def extract_candidates_many(
    sentences: list[str], kinds: set[str] | None = None, batch_size: int = 64
) -> list[list[Candidate]]:
    """`extract_candidates` for many sentences, parsed together with `nlp.pipe`."""
    from bot.models import get_nlp

    docs = get_nlp().pipe(sentences, batch_size=batch_size)
    return [candidates_from_doc(doc, kinds) for doc in docs]


def candidates_from_doc(doc: Doc, kinds: set[str] | None = None) -> list[Candidate]:
    """Typed candidate spans from an already parsed spaCy Doc of one sentence."""
    text = doc.text
    raws: list[Raw] = [*find_figures(text), *find_dates(text), *find_people(text)]
    raws += counts(doc, raws)
    anchors = [(s, e) for s, e, k, _ in raws if k in FIGURE_KINDS | TIME_KINDS]
    raws += spacy_entities(doc, raws)
    raws = _fix_years(text, raws)
    phrases = _trim_all(text, [*find_phrases(text), *noun_chunks(doc)])
    raws += [r for r in phrases if _good_phrase(text, r, anchors)]
    found = [_make(text, raw) for raw in _trim_all(text, raws)]
    found = [c for c in found if c.text and len(c.text.split()) <= MAX_WORDS]
    if kinds is not None:
        found = [c for c in found if c.kind in kinds]
    return _dedupe(found)


def _make(sentence: str, raw: Raw) -> Candidate:
    start, end, kind, value = raw
    return Candidate(sentence[start:end], start, end, kind, value)


def _trim_all(sentence: str, raws: Iterable[Raw]) -> list[Raw]:
    """Trim white space and stray punctuation so each span starts and ends on a word."""
    out: list[Raw] = []
    for start, end, kind, value in raws:
        while start < end and (sentence[start].isspace() or sentence[start] in "[(\\\"“‘'"):
            start += 1
        while end > start and (sentence[end - 1].isspace() or sentence[end - 1] in ",;:—–-"):
            end -= 1
        if end > start:
            out.append((start, end, kind, value))
    return out


def _good_phrase(sentence: str, raw: Raw, anchors: list[tuple[int, int]]) -> bool:
    """A phrase that is not a figure's or a date's unit ("percent", "times greater risk")."""
    start, end = raw[0], raw[1]
    if any(s <= start < e and (end <= e or start > s) for s, e in anchors):
        return False
    words = sentence[start:end].split()
    if all(w.lower().strip(".") in ROLE_WORDS for w in words):
        return False
    return words[0][0].isalnum() and words[0].lower() not in _LEAD_WORDS


# --- clean-up ------------------------------------------------------------------------------


def _fix_years(sentence: str, raws: list[Raw]) -> list[Raw]:
    """A year-shaped figure counting something ("2000 tests") is not a date; bare numbers
    inside a date ("25" in "September 25") are not figures."""
    count_starts = {s for s, _, k, _ in raws if k == "count"}
    keep = [r for r in raws if not (r[2] == "date" and _year_start(sentence, r) in count_starts)]
    dates = [(s, e) for s, e, k, _ in keep if k in TIME_KINDS]
    return [r for r in keep
            if not (r[2] == "number" and any(s <= r[0] and r[1] <= e for s, e in dates))]


def _year_start(sentence: str, raw: Raw) -> int:
    """Where the year of a year-only date ("2023", "in 2023") starts, else -1."""
    m = re.fullmatch(r"(?:[A-Za-z]+[\s-])?(\d{4})", sentence[raw[0] : raw[1]])
    return raw[0] + m.start(1) if m else -1


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    """One candidate per (span, kind); within a kind, drop spans inside a longer one
    (except bare numbers, people and phrases, where the shorter span is a useful answer)."""
    unique: dict[tuple[int, int, str], Candidate] = {}
    for c in cands:
        key = (c.start, c.end, c.kind)
        if key not in unique or (unique[key].value is None and c.value is not None):
            unique[key] = c
    kept = [c for c in unique.values() if not _inside_same_kind(c, unique.values())]
    return sorted(kept, key=lambda c: (c.start, -(c.end - c.start), c.kind))


def _inside_same_kind(c: Candidate, others: Iterable[Candidate]) -> bool:
    if c.kind not in _NESTED_DROP:
        return False
    return any(o.kind == c.kind and o.start <= c.start and c.end <= o.end
               and (o.end - o.start) > (c.end - c.start) for o in others)
