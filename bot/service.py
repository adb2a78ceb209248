"""QAService: the one object the CLI, the REST API and the web UI all use."""

from __future__ import annotations

import functools
import re
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from bot.answer.attribution import quote_line, speaker_description
from bot.answer.cascade import CascadeSwitch, load_cascade
from bot.answer.choose import FEATURES, load_chooser
from bot.answer.citations import make_citation
from bot.answer.events import AnswerEvent, Event, events_of, final_answer
from bot.answer.extractive import ExtractiveReader, build_answer
from bot.answer.learned import NOT_STATED, Candidate, LearnedAnswerer
from bot.answer.reader import get_reader
from bot.answer.structure import asked_outlets, nth_question, of_outlets
from bot.answer.translate_zh import gloss
from bot.answer.years import answer_for_year, asked_year
from bot.config import Settings, get_settings
from bot.index.index import Index
from bot.index.lock import WriterLock
from bot.ingest.names import BadName, document_id
from bot.ingest.pipeline import Ingester, Progress
from bot.lang import has_cjk
from bot.retrieve import followup
from bot.retrieve.hybrid import HybridRetriever, resolve_scope
from bot.schema import (
    MODES,
    Answer,
    ChatTurn,
    Citation,
    DocumentInfo,
    Explanation,
    Filters,
    IngestFileResult,
    IngestReport,
    ParsedDocument,
    Passage,
    ReaderCandidate,
    RetrievedPassage,
)
from bot.stages import Hit
from bot.understand.question import QuestionAnalysis, analyze_question

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from bot.generate.generative import GenerativeAnswerer


class QAService:
    """Ingest transcripts, answer questions, search passages, list documents."""

    def __init__(self, settings: Settings | None = None, llm: BaseChatModel | None = None) -> None:
        """`llm`: a LangChain chat model for generative answers instead of the one the
        settings configure (`PRESSBOT_LLM_BACKEND`)."""
        self.settings = settings or get_settings()
        self.index = Index(self.settings)
        self.retriever = HybridRetriever(self.index)
        self.reader = ExtractiveReader(self.index.embeddings, self.index.multilingual,
                                       self.settings.figure_spans)
        self._write_lock = threading.Lock()
        self._llm = llm
        self._generator: GenerativeAnswerer | None = None
        self._generator_lock = threading.Lock()
        self._learned: LearnedAnswerer | None = None
        self._switch: CascadeSwitch | None = None
        self._learned_lock = threading.Lock()
        # E5 embeds a question while all-MiniLM does (two models, two OpenMP runtimes)
        self._e5_queries = ThreadPoolExecutor(4, thread_name_prefix="e5-query")

    # ---- writing ---------------------------------------------------------------
    def ingest(self, path: Path, prune: bool = False, on_file: Progress | None = None,
               hold_lock: bool = True) -> IngestReport:
        with self._write_lock:
            if hold_lock and not self.settings.chroma_url:
                with WriterLock(self.settings.index_dir):
                    return Ingester(self.index).ingest_path(path, prune, on_file)
            return Ingester(self.index).ingest_path(path, prune, on_file)

    def add_document(self, data: bytes, doc_id: str) -> IngestFileResult:
        """Index one uploaded file (the caller, the server, holds the writer lock). It is
        parsed and embedded first, within the parse budget and without the writer lock;
        only the write takes it, so a slow file holds up no other upload or delete."""
        ingester = Ingester(self.index)
        prepared = ingester.prepare_upload(data, doc_id)
        with self._write_lock:
            return ingester.write_upload(prepared)

    def add_upload(self, name: str, data: bytes) -> IngestFileResult:
        """Index an uploaded file under its (checked) name; a bad name is a failed result."""
        try:
            doc_id = document_id(name)
        except BadName as error:
            return IngestFileResult(path=name, status="failed", reason=str(error))
        return self.add_document(data, doc_id)

    def delete_document(self, doc_id: str) -> bool:
        with self._write_lock:
            return Ingester(self.index).delete(doc_id)

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
        if self.settings.reader in ("learned", "cascade"):
            self.learned().reader.read("How much did it rise?", ["It rose 3 percent."])
        if self.llm_configured:
            self.generator()
        self._warm_up_chinese()

    def _warm_up_chinese(self) -> None:
        """E5 and jieba, when the index has Chinese passages."""
        if self.index.has_multilingual():
            from bot.answer.candidates_zh import extract_candidates_zh

            self.index.multilingual.embed_query("预热")
            extract_candidates_zh("共有8298家企业复工。")

    # ---- generative answers ------------------------------------------------------
    @property
    def llm_configured(self) -> bool:
        return self._llm is not None or self.settings.llm_backend is not None

    def generator(self) -> GenerativeAnswerer:
        """The generative answerer, its chat model loaded on first use (LLMNotConfiguredError
        when there is none)."""
        with self._generator_lock:
            if self._generator is None:
                from bot.generate.backends import chat_model
                from bot.generate.generative import GenerativeAnswerer

                llm = self._llm or chat_model(self.settings)
                self._generator = GenerativeAnswerer(llm, self.settings.llm_passages)
            return self._generator

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
                for i, h in enumerate(hits[:k])]  # the retriever adds other languages' best

    def ask(self, question: str, filters: Filters | None = None,
            history: list[ChatTurn] | None = None, mode: str = "extractive") -> Answer:
        """Answer `question`. With `history` (earlier turns, oldest first) a follow-up is
        first made to stand alone (by rules; by the LLM in "generative" mode) and, without
        filters of its own, keeps the last turn's. `mode` "generative" has the configured
        LLM write the answer, checked against the passages."""
        if mode == "generative":
            return final_answer(self.ask_events(question, filters, history, mode))
        _check_mode(mode)
        if history and filters is None:
            filters = history[-1].filters
        if not history:
            return self._answer(question, filters)[0]
        standalone = followup.resolve(question, [t.question for t in history])
        answer = self._answer(standalone, filters)[0]
        if standalone != question:
            answer.question, answer.standalone_question = question, standalone
        return answer

    def ask_events(self, question: str, filters: Filters | None = None,
                   history: list[ChatTurn] | None = None,
                   mode: str = "extractive") -> Iterator[Event]:
        """The answer as events: `citations` first, then `token`s, then the `answer`."""
        _check_mode(mode)
        if mode == "generative":
            if history and filters is None:
                filters = history[-1].filters
            events = self.generator().stream(question, lambda q: self._answer(q, filters),
                                             history)
            return self._attributed(events)
        return events_of(self.ask(question, filters, history))

    def _attributed(self, events: Iterator[Event]) -> Iterator[Event]:
        """The final answer's citations get their "copy as quote" lines."""
        for event in events:
            if isinstance(event, AnswerEvent):
                self._attribute(event.answer)
            yield event

    def explain(self, question: str, filters: Filters | None = None) -> Explanation:
        """The extractive answer with each stage's output: the question's reading, the
        documents searched, the passages retrieved and what the reader found in each."""
        trace = Explanation(question=question, language="en", answer=Answer(
            question=question, answered=False))
        trace.answer = self._answer(question, filters, trace)[0]
        return trace

    def _answer(self, question: str, filters: Filters | None,
                trace: Explanation | None = None) -> tuple[Answer, list[Hit]]:
        """The extractive answer and the passages retrieved for it (none when refused by
        scope or answered from the transcript's structure); `trace` records the stages."""
        started = time.perf_counter()
        analysis = analyze_question(question)
        docs = self.index.documents()
        scope = resolve_scope(docs, analysis, filters)
        if trace is not None:
            trace.language, trace.answer_type = analysis.language, analysis.answer_type
            trace.scope = scope.doc_ids
        if scope.refusal:
            return self._refuse(question, scope.refusal, started), []
        structural = self._by_structure(question, analysis, scope.conference_docs, started)
        if structural is not None:
            return structural, []
        vector, multilingual = self._query_vectors(question, analysis)
        years = self._years(analysis)
        hits = self.retriever.search(
            question, None if vector is None else vector.tolist(), scope, filters,
            keyword_query=self._keyword_query(question, analysis), boost_years=years,
            multilingual_vector=None if multilingual is None else multilingual.tolist(),
            language=analysis.language)
        if analysis.answer_type == "who" and (
                outlets := asked_outlets(analysis.organisations + analysis.speakers, hits)):
            analysis = replace(analysis, asks_reporter=True)  # "Who from CNBC asked …"
            hits = of_outlets(hits, outlets)
        retrieved = time.perf_counter()
        if trace is not None:
            trace.retrieved = [RetrievedPassage(
                passage_id=h.passage.id, date=h.passage.date, speaker=h.passage.speaker,
                score=h.score, dense=h.dense, keyword=h.keyword) for h in hits]
        dated = scope.conference_docs != [] or analysis.year_hint is not None
        answer = None
        switch = None
        candidates: list[Candidate] = []
        if analysis.language == "en" and self.settings.reader in ("learned", "cascade"):
            learned = self.learned()
            candidates = learned.candidates(question, hits)
            if self.settings.reader == "cascade" and not self._mostly_foreign(hits):
                switch = self.cascade_switch()
            threshold = switch.learned_threshold if switch else learned.threshold
            answer = learned.answer(question, candidates, dated, threshold)
            if trace is not None:
                trace.threshold = threshold
                trace.read = [ReaderCandidate(
                    passage_id=c.passage.id, answer=c.answer, margin=round(c.margin, 3),
                    score=round(c.score, 4),
                    features=dict(zip(FEATURES, c.features.vector(), strict=True)))
                    for c in candidates]
            if not answer.answered and (self.settings.reader == "cascade"
                                        or self._mostly_foreign(hits)):
                answer = None  # the rule reader's turn (it also reads the non-English)
        if answer is None:
            readings = self.reader.read(analysis, hits, vector, self.index.keyword(),
                                        multilingual)
            answer = build_answer(question, readings, dated)
            if switch is not None:
                answer = self._switched(question, answer, candidates, switch, dated)
        if analysis.language == "en" and (year := asked_year(analysis)) is not None:
            answer_for_year(answer, year)  # "1.9 percent in 2026", not 2024's figure
        if answer.answer and analysis.language == "en" and has_cjk(answer.answer):
            answer.translation = gloss(answer.answer)  # the answer stays the Chinese span
        self._attribute(answer)
        done = time.perf_counter()
        answer.timings_ms = {"retrieve": round((retrieved - started) * 1000, 1),
                             "read": round((done - retrieved) * 1000, 1),
                             "total": round((done - started) * 1000, 1)}
        return answer, hits

    def _switched(self, question: str, rules: Answer, candidates: list[Candidate],
                  switch: CascadeSwitch, dated: bool) -> Answer:
        """The cascade below the learned path's threshold: the rules' answer, the learned
        path's best candidate, or a refusal, as the switch decides."""
        best = candidates[0].score if candidates else 0.0
        choice = switch.below_threshold(rules.answer if rules.answered else None,
                                        [c.answer for c in candidates], best)
        if choice == "learned" and switch.fallback_threshold is not None:
            return self.learned().answer(question, candidates, dated, switch.fallback_threshold)
        if choice == "refuse" and rules.answered:
            return Answer(question=question, answered=False, reason=NOT_STATED)
        return rules

    def learned(self) -> LearnedAnswerer:
        """The learned reader, loaded on first use."""
        with self._learned_lock:
            if self._learned is None:
                self._learned = LearnedAnswerer(get_reader(), self.settings.read_passages,
                                                load_chooser(), self.settings.figure_spans)
                self._switch = load_cascade()
            return self._learned

    def cascade_switch(self) -> CascadeSwitch:
        """The cascade's switch: fitted for it, else the chooser's threshold, rules free."""
        learned = self.learned()  # loads the fitted switch with the models
        return self._switch or CascadeSwitch(learned.threshold, rules_need_agreement=False)

    @staticmethod
    def _mostly_foreign(hits: list[Hit]) -> bool:
        top = hits[:6]
        return bool(top) and sum(h.passage.language != "en" for h in top) * 2 >= len(top)

    # ---- helpers ---------------------------------------------------------------
    def _query_vectors(self, question: str,
                       analysis: QuestionAnalysis) -> tuple[np.ndarray | None, np.ndarray | None]:
        """all-MiniLM's vector for an English question (it does not read Chinese), and E5's
        when there are non-English passages to search or the question is not English (the
        two computed side by side)."""
        e5 = None
        if analysis.language != "en" or self.index.has_multilingual():
            e5 = self._e5_queries.submit(self.index.multilingual.embed_query, question)
        vector = None
        if analysis.language == "en":
            vector = np.asarray(self.index.embeddings.embed_query(question), dtype=np.float32)
        multilingual = None if e5 is None else np.asarray(e5.result(), dtype=np.float32)
        return vector, multilingual

    def _by_structure(self, question: str, analysis: QuestionAnalysis, conference_docs: list[str],
                      started: float) -> Answer | None:
        """Who asked the n-th question at one named briefing: read off its turns."""
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
        answer = Answer(question=question, answered=True, answer=found.answer,
                        sentence=citation.quote, confidence=0.9, citations=[citation],
                        timings_ms={"retrieve": total, "read": 0.0, "total": total})
        self._attribute(answer)
        return answer

    def _attribute(self, answer: Answer) -> None:
        """Give each citation its "copy as quote" line."""
        docs = self.index.documents()
        for citation in [*answer.citations, *(o.citation for o in answer.others)]:
            info = docs.get(citation.doc_id)
            description = None
            if citation.speaker and len(citation.speaker.split()) > 1:
                description = self._description(citation.doc_id, citation.speaker,
                                                info.content_hash if info else "")
            citation.quote_line = quote_line(citation, answer.answer, description,
                                             citation.language)

    @functools.lru_cache(maxsize=4096)  # noqa: B019 (one service per process)
    def _description(self, doc_id: str, speaker: str, content_hash: str) -> str | None:
        doc = self.index.store.get_document(doc_id)
        return speaker_description(doc.text, speaker) if doc else None

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


def _check_mode(mode: str) -> None:
    if mode not in MODES:
        raise ValueError(f"mode: unknown mode {mode!r}; use one of {', '.join(MODES)}")
