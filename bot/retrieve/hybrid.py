"""Hybrid retrieval: the documents a question is about, then dense + keyword, fused.

Dates choose documents first: a question that names its conference searches
only the transcripts of that date (and is refused when there is none, if it
named it strictly); filters narrow further. Inside that scope the dense and
keyword rankings are fused by reciprocal rank.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from bot.index.index import Index
from bot.index.store import filters_to_where
from bot.schema import DocumentInfo, Filters
from bot.stages import Hit
from bot.understand.question import QuestionAnalysis

RRF_K = 60
MIN_PASSAGE_CHARS = 25
MIN_PASSAGE_CHARS_CJK = 8  # a Chinese character says about as much as an English word
FOREIGN_K = 6  # passages in other languages kept besides the `fused_k` in the question's


@dataclass
class Scope:
    """The documents a question may be answered from, and why."""

    doc_ids: list[str] | None  # None: every document
    refusal: str | None = None
    conference_docs: list[str] = field(default_factory=list)


def _parse_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _in_conference(doc: DocumentInfo, analysis: QuestionAnalysis) -> bool:
    span = analysis.conference
    day = _parse_date(doc.date)
    if span is None or day is None:
        return False
    if span.month_day is not None:
        return (day.month, day.day) == span.month_day
    return span.start <= day <= span.end


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _named_among(docs: list[DocumentInfo], names: list[str]) -> list[str]:
    """Of the conferences on the question's date, those whose id, title, source or speakers
    name someone or something the question names ("the September 2022 FOMC press
    conference"), where that tells some apart from others; else all of them."""
    wanted = [_words(n) for n in names if _words(n)]
    named = [d for d in docs if any(w <= _words(" ".join(
        [d.doc_id, d.title or "", d.source or "", *d.speakers])) for w in wanted)]
    return [d.doc_id for d in (named if named and len(named) < len(docs) else docs)]


def _passes_filters(doc: DocumentInfo, filters: Filters | None) -> bool:
    if filters is None:
        return True
    if filters.doc_ids is not None and doc.doc_id not in filters.doc_ids:
        return False
    if filters.source and doc.source != filters.source:
        return False
    if filters.date_from and (doc.date or "") < filters.date_from:
        return False
    return not (filters.date_to and (not doc.date or doc.date > filters.date_to))


def resolve_scope(docs: dict[str, DocumentInfo], analysis: QuestionAnalysis,
                  filters: Filters | None) -> Scope:
    """Which documents to search, or a refusal when the named conference is absent."""
    allowed = [d for d in docs.values() if _passes_filters(d, filters)]
    if not allowed:
        return Scope([], refusal="No transcript matches the filters.")
    if analysis.conference is not None:
        matching = _named_among([d for d in allowed if _in_conference(d, analysis)],
                                analysis.organisations + analysis.speakers)
        if matching:
            return Scope(matching, conference_docs=matching)
        if analysis.conference.strict:
            return Scope([], refusal=(
                f"There is no transcript of a press conference on "
                f"{analysis.conference.text.strip()} in the index."))
    if filters is None or filters == Filters():
        return Scope(None)
    return Scope([d.doc_id for d in allowed])


def rrf(rankings: list[list[str]], weights: list[float]) -> dict[str, float]:
    fused: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, pid in enumerate(ranking):
            fused[pid] = fused.get(pid, 0.0) + weight / (RRF_K + rank + 1)
    return fused


class HybridRetriever:
    """Dense (Chroma) and keyword (BM25) search over a scope, fused by reciprocal rank."""

    def __init__(self, index: Index) -> None:
        self.index = index

    def search(self, query: str, query_vector: list[float] | None, scope: Scope,
               filters: Filters | None = None, k: int | None = None,
               keyword_query: str | None = None,
               boost_years: set[int] | None = None,
               multilingual_vector: list[float] | None = None,
               language: str = "en") -> list[Hit]:
        """The best `k` passages in the question's `language` and `FOREIGN_K` others, best first.

        `query_vector` (all-MiniLM) ranks English passages, `multilingual_vector` (E5) the
        non-English ones; either may be None (a Chinese question has no MiniLM ranking).
        """
        settings = self.index.settings
        k = k or settings.fused_k
        speaker = filters.speaker if filters else None
        where = filters_to_where(Filters(speaker=speaker) if speaker else None, scope.doc_ids)
        dense = (self.index.store.dense_search(query_vector, settings.dense_k, where)
                 if query_vector is not None else [])
        foreign = (self.index.store.dense_search(multilingual_vector, settings.dense_k, where,
                                                 multilingual=True)
                   if multilingual_vector is not None else [])
        keyword = self.index.keyword().search(keyword_query or query, settings.keyword_k * 3,
                                              scope.doc_ids)
        docs = self.index.documents()
        ids = [pid for pid, _ in [*dense, *foreign, *keyword] if pid.rsplit("#", 1)[0] in docs]
        passages = self.index.store.get_passages(list(dict.fromkeys(ids)))
        # all-MiniLM does not read Chinese: its ranks count for English passages only
        english_dense = [pid for pid, _ in dense
                         if pid in passages and passages[pid].language == "en"]
        keyword_ids = [pid for pid, _ in keyword if pid in passages]
        fused = rrf([english_dense, [pid for pid, _ in foreign], keyword_ids], [1.0, 1.0, 1.0])
        dense_scores = dict(dense)
        dense_scores.update(foreign)
        keyword_scores = dict(keyword)
        hits: list[Hit] = []
        for pid, score in fused.items():
            p = passages[pid]
            if speaker and p.speaker != speaker:
                continue
            if len(p.text) < (MIN_PASSAGE_CHARS_CJK if p.language == "zh" else MIN_PASSAGE_CHARS):
                continue  # "Yep.", "Thank you.": nothing to answer from
            if boost_years and p.date and int(p.date[:4]) in boost_years:
                score *= 1.3
            hits.append(Hit(p, score, dense_scores.get(pid, 0.0), keyword_scores.get(pid, 0.0)))
        hits.sort(key=lambda h: h.score, reverse=True)
        mine = [h for h in hits if h.passage.language == language][:k]
        others = [h for h in hits if h.passage.language != language][:FOREIGN_K]
        return sorted(mine + others, key=lambda h: h.score, reverse=True)
