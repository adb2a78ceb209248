"""Generative answers: numbered passages to a chat model, streamed, checked, or fallen back.

    >>> answerer = GenerativeAnswerer(llm, passages=5)
    >>> for event in answerer.stream(question, retrieve, history): ...

`retrieve(question)` is the extractive path (scope, hybrid retrieval, reading): it
gives the extractive Answer and the ranked hits. The passages given to the model are
the extractive answer's passages first, then the best hits. The stream is the given
passages as `citations` (numbered as the model cites them), the model's tokens, and
the final Answer: its citations are exactly the passages the text cites, renumbered in
order of first use. When the grounding check fails, the Answer is the extractive one,
with `grounding` saying what was unsupported and `note` saying so plainly.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage

from bot.answer.citations import make_citation
from bot.answer.events import AnswerEvent, CitationsEvent, Event, TokenEvent, events_of
from bot.errors import LLMUnavailableError, PressbotError
from bot.generate.attribute import attribute
from bot.generate.grounding import NO_CITATION, check, sentences
from bot.generate.markers import cited, renumber, strip_markers
from bot.generate.prompt import NOT_FOUND, NumberedPassage, answer_messages, number_passages
from bot.generate.rewrite import standalone_question
from bot.schema import Answer, ChatTurn, Citation, Grounding
from bot.stages import Hit

Retrieve = Callable[[str], tuple[Answer, list[Hit]]]
_FINISHED = re.compile(r"[.!?][\"'”’)]*(?:\s*\[[^\]]*\])*\s*$")
_REFUSAL = re.compile(r"\b(?:do|does|did) not (?:say|mention|state|answer)\b|\bno information\b"
                      r"|\bnot (?:mentioned|stated)\b", re.IGNORECASE)


def _text(content: Any) -> str:
    if isinstance(content, str):
        return content
    return "".join(c if isinstance(c, str) else str(c.get("text", "")) for c in content)


@contextmanager
def _llm_errors() -> Iterator[None]:
    """Whatever the chat model raises becomes LLMUnavailableError (ours pass through)."""
    try:
        yield
    except PressbotError:
        raise
    except Exception as exc:
        raise LLMUnavailableError(f"the LLM failed: {type(exc).__name__}: {exc}") from exc


def tidy(text: str) -> str:
    """A repeated sentence once, and an unfinished last one (cut off at the token limit)
    dropped when a whole one precedes it."""
    kept: list[str] = []
    seen: set[str] = set()
    for sentence in sentences(text):
        key = re.sub(r"\W+", " ", strip_markers(sentence)).strip().lower()
        if key and key not in seen:
            seen.add(key)
            kept.append(sentence)
    if len(kept) > 1 and not _FINISHED.search(kept[-1]):
        kept.pop()
    return " ".join(kept)


def explain(unsupported: list[str]) -> str:
    """The grounding failure in a sentence a reporter reads."""
    markers = [u for u in unsupported if u.startswith("[")]
    claims = [u for u in unsupported if not u.startswith("[") and u != NO_CITATION]
    parts = []
    if claims:
        parts.append("it states " + ", ".join(f"“{c}”" for c in claims)
                     + ", which the passages it cites do not")
    if markers:
        parts.append("it cites " + ", ".join(markers) + ", which no passage given has")
    if NO_CITATION in unsupported:
        parts.append("it cites no passage")
    return "The generated answer was not used: " + "; ".join(parts) + "."


class GenerativeAnswerer:
    """Answers written by a LangChain chat model from numbered passages, then checked."""

    def __init__(self, llm: BaseChatModel, passages: int = 5) -> None:
        if passages < 1:
            raise ValueError("passages must be at least 1")
        self.llm = llm
        self.passages = passages

    def stream(self, question: str, retrieve: Retrieve,
               history: list[ChatTurn] | None = None) -> Iterator[Event]:
        started = time.perf_counter()
        standalone = self._call(lambda: standalone_question(self.llm, question, history or []))
        rewritten = time.perf_counter()
        extractive, hits = retrieve(standalone)
        extractive = extractive.model_copy(update={
            "question": question, "mode": "generative",
            "standalone_question": standalone if standalone != question else None})
        retrieved = time.perf_counter()
        given = self._given(extractive, hits)
        if not given:  # refused by scope, or read off the transcript's structure
            yield from events_of(extractive)
            return
        numbered = number_passages(given)
        yield CitationsEvent([p.citation for p in numbered])
        text = ""
        for piece in self._generate(answer_messages(standalone, numbered)):
            text += piece
            yield TokenEvent(piece)
        generated = time.perf_counter()
        answer = self._finish(tidy(text), numbered, extractive)
        done = time.perf_counter()
        answer.timings_ms = {"rewrite": round((rewritten - started) * 1000, 1),
                             "retrieve": round((retrieved - rewritten) * 1000, 1),
                             "generate": round((generated - retrieved) * 1000, 1),
                             "check": round((done - generated) * 1000, 1),
                             "total": round((done - started) * 1000, 1)}
        yield AnswerEvent(answer)

    def _given(self, extractive: Answer, hits: list[Hit]) -> list[Citation]:
        """Whole passages: the extractive answer's first, then the best hits."""
        by_id = {h.passage.id: h for h in hits}
        order = [c.passage_id for c in extractive.citations if c.passage_id in by_id]
        order += [h.passage.id for h in hits]
        chosen = list(dict.fromkeys(order))[:self.passages]
        return [make_citation(n, by_id[pid].passage, by_id[pid].passage.start,
                              by_id[pid].passage.end, by_id[pid].score)
                for n, pid in enumerate(chosen, start=1)]

    def _generate(self, messages: list[BaseMessage]) -> Iterator[str]:
        with _llm_errors():
            for chunk in self.llm.stream(messages):
                piece = _text(chunk.content)
                if piece:
                    yield piece

    @staticmethod
    def _call(fn: Callable[[], str]) -> str:
        with _llm_errors():
            return fn()

    @staticmethod
    def _finish(text: str, numbered: list[NumberedPassage], extractive: Answer) -> Answer:
        fallback = ("This is the extractive answer." if extractive.answered
                    else "The transcripts do not state it.")
        if text.lower().startswith(NOT_FOUND.lower().rstrip(".")) or (
                not cited(text) and _REFUSAL.search(text)):
            return extractive.model_copy(update={
                "grounding": Grounding(ok=True),
                "note": f"The LLM found no answer in the passages it was given. {fallback}"})
        supports = [p.support for p in numbered]
        attributed = attribute(text, supports)
        text = attributed or text
        grounding = check(text, supports).model_copy(update={"attributed": bool(attributed)})
        if not grounding.ok:
            return extractive.model_copy(update={
                "grounding": grounding, "note": f"{explain(grounding.unsupported)} {fallback}"})
        mapping = {old: new for new, old in enumerate(cited(text), start=1)}
        citations = [numbered[old - 1].citation.model_copy(update={"n": new})
                     for old, new in mapping.items()]
        return extractive.model_copy(update={
            "answered": True, "answer": renumber(text, mapping), "sentence": None,
            "citations": citations, "others": [], "reason": None, "grounding": grounding,
            "note": None})
