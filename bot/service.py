"""QAService: the one object the CLI, the REST API and the web UI all use."""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import numpy as np

from bot.answer.citations import make_citation
from bot.answer.extractive import ExtractiveReader, build_answer
from bot.answer.structure import nth_question
from bot.answer.translate_zh import gloss
from bot.config import Settings, get_settings
from bot.index.index import Index
from bot.index.lock import WriterLock
from bot.ingest.pipeline import Ingester, Progress
from bot.lang import has_cjk
from bot.retrieve.hybrid import HybridRetriever, resolve_scope
from bot.retrieve.question import QuestionAnalysis, analyze_question
from bot.schema import (
    Answer,
    Citation,
    DocumentInfo,
    Filters,
    IngestFileResult,
    IngestReport,
    ParsedDocument,
    Passage,
)


class QAService:
    """Ingest transcripts, answer questions, search passages, list documents."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self.index = Index(self.settings)
        self.retriever = HybridRetriever(self.index)
        self.reader = ExtractiveReader(self.index.embeddings, self.index.multilingual)
        self._write_lock = threading.Lock()

    # ---- writing ---------------------------------------------------------------
    def ingest(self, path: Path, prune: bool = False, on_file: Progress | None = None,
               hold_lock: bool = True) -> IngestReport:
        with self._write_lock:
            if hold_lock and not self.settings.chroma_url:
                with WriterLock(self.settings.index_dir):
                    return Ingester(self.index).ingest_path(path, prune, on_file)
            return Ingester(self.index).ingest_path(path, prune, on_file)

    def add_document(self, data: bytes, doc_id: str) -> IngestFileResult:
        """Index one uploaded file (the caller, the server, holds the writer lock)."""
        with self._write_lock:
            return Ingester(self.index).ingest_bytes(data, doc_id)

    def delete_document(self, doc_id: str) -> bool:
        with self._write_lock:
            existed = self.index.store.delete_document(doc_id)
            self.index.refresh()
            return existed

    # ---- reading ---------------------------------------------------------------
    def documents(self) -> list[DocumentInfo]:
        return list(self.index.documents().values())

    def get_document(self, doc_id: str) -> ParsedDocument | None:
        return self.index.store.get_document(doc_id)

    def passages(self, doc_id: str) -> list[Passage]:
        """A document's passages, in order, with their offsets and speakers."""
        return self.index.store.passages_of(doc_id)

    def warm_up(self) -> None:
        """Load the models and the keyword index now, not on the first question."""
        self.index.embeddings.embed_query("warm up")
        self.index.keyword()
        analyze_question("How many were there on March 1, 2020?")
        from bot.answer.candidates import extract_candidates

        extract_candidates("It rose 3 percent.")
        if self.index.has_multilingual():  # Chinese passages: E5 and jieba
            from bot.answer.candidates_zh import extract_candidates_zh

            self.index.multilingual.embed_query("预热")
            extract_candidates_zh("共有8298家企业复工。")

    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> list[Citation]:
        analysis = analyze_question(query)
        scope = resolve_scope(self.index.documents(), analysis, filters)
        if scope.refusal:
            return []
        vector, multilingual = self._query_vectors(query, analysis)
        hits = self.retriever.search(
            query, None if vector is None else vector.tolist(), scope, filters, k=k,
            keyword_query=self._keyword_query(query, analysis),
            multilingual_vector=None if multilingual is None else multilingual.tolist(),
            language=analysis.language)
        return [make_citation(i + 1, h.passage, h.passage.start, h.passage.end, h.score)
                for i, h in enumerate(hits)]

    def ask(self, question: str, filters: Filters | None = None) -> Answer:
        started = time.perf_counter()
        analysis = analyze_question(question)
        docs = self.index.documents()
        scope = resolve_scope(docs, analysis, filters)
        if scope.refusal:
            return self._refuse(question, scope.refusal, started)
        structural = self._by_structure(question, analysis, scope.conference_docs, started)
        if structural is not None:
            return structural
        vector, multilingual = self._query_vectors(question, analysis)
        years = self._years(analysis)
        hits = self.retriever.search(
            question, None if vector is None else vector.tolist(), scope, filters,
            keyword_query=self._keyword_query(question, analysis), boost_years=years,
            multilingual_vector=None if multilingual is None else multilingual.tolist(),
            language=analysis.language)
        retrieved = time.perf_counter()
        readings = self.reader.read(analysis, hits, vector, self.index.keyword(), multilingual)
        dated = scope.conference_docs != [] or analysis.year_hint is not None
        answer = build_answer(question, readings, dated)
        if answer.answer and analysis.language == "en" and has_cjk(answer.answer):
            answer.translation = gloss(answer.answer)  # the answer stays the Chinese span
        done = time.perf_counter()
        answer.timings_ms = {"retrieve": round((retrieved - started) * 1000, 1),
                             "read": round((done - retrieved) * 1000, 1),
                             "total": round((done - started) * 1000, 1)}
        return answer

    # ---- helpers ---------------------------------------------------------------
    def _query_vectors(self, question: str,
                       analysis: QuestionAnalysis) -> tuple[np.ndarray | None, np.ndarray | None]:
        """all-MiniLM's vector for an English question (it does not read Chinese), and E5's
        when there are non-English passages to search or the question is not English."""
        vector = None
        if analysis.language == "en":
            vector = np.asarray(self.index.embeddings.embed_query(question), dtype=np.float32)
        multilingual = None
        if analysis.language != "en" or self.index.has_multilingual():
            multilingual = np.asarray(self.index.multilingual.embed_query(question),
                                      dtype=np.float32)
        return vector, multilingual

    def _by_structure(self, question: str, analysis: QuestionAnalysis, conference_docs: list[str],
                      started: float) -> Answer | None:
        """"Who got the first question" at one named briefing: read off its turns."""
        if not (analysis.asks_reporter and analysis.ordinal and len(conference_docs) == 1):
            return None
        doc = self.index.store.get_document(conference_docs[0])
        if doc is None:
            return None
        found = nth_question(doc, self.index.store.passages_of(doc.doc_id), analysis.ordinal)
        if found is None:
            return None
        citation = make_citation(1, found.passage, found.start, found.end, 1.0)
        total = round((time.perf_counter() - started) * 1000, 1)
        return Answer(question=question, answered=True, answer=found.answer,
                      sentence=citation.quote, confidence=0.9, citations=[citation],
                      timings_ms={"retrieve": total, "read": 0.0, "total": total})

    @staticmethod
    def _keyword_query(question: str, analysis: QuestionAnalysis) -> str:
        return " ".join(analysis.terms + analysis.organisations) or question

    @staticmethod
    def _years(analysis: QuestionAnalysis) -> set[int] | None:
        """Years whose conferences a question leans to: a bare year, or the year of a date in
        its content ("starting January 2014" is likely said in 2013 or 2014)."""
        years = {analysis.year_hint} if analysis.year_hint else set()
        for expression in [*analysis.content_dates, *analysis.terms]:
            for year in re.findall(r"\b(?:19|20)\d\d\b", expression):
                years |= {int(year) - 1, int(year)}
        return years or None

    @staticmethod
    def _refuse(question: str, reason: str, started: float) -> Answer:
        total = round((time.perf_counter() - started) * 1000, 1)
        return Answer(question=question, answered=False, reason=reason,
                      timings_ms={"retrieve": total, "read": 0.0, "total": total})
