"""Choose the short answer inside an evidence sentence from its typed candidates."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answer.candidates import Candidate
from bot.index.keyword import tokenize
from bot.retrieve.question import QuestionAnalysis

MAX_WORDS = 15
_FIGURE_KINDS = ("range", "percent", "money", "multiplier", "count", "quantity", "number")
_PREFERENCE: dict[str | None, tuple[str, ...]] = {
    "percent": ("range", "percent", "number"),
    "rate": ("range", "percent", "number"),
    "range": ("range", "percent"),
    "money": ("money", "count", "number"),
    "count": ("count", "quantity", "number", "money"),
    "multiplier": ("multiplier", "number"),
    "duration": ("quantity", "period", "date", "count"),
    None: _FIGURE_KINDS,
}


def normalise(text: str) -> str:
    return re.sub(r"[\s,]", "", text.lower())


@dataclass
class ScoredSpan:
    candidate: Candidate
    score: float


def _in_question(candidate: Candidate, question: str) -> bool:
    """The question already says it: "September 25" in "by September 25"."""
    value = normalise(candidate.text)
    q = normalise(question)
    if not value or value not in q:
        return False
    return not (candidate.kind in _FIGURE_KINDS and re.search(r"\d", value) is None)


def _term_positions(sentence: str, terms: set[str]) -> list[int]:
    return [m.start() for m in re.finditer(r"\w+(?:[.,]\w+)*", sentence)
            if (tokenize(m.group(0)) or [""])[0] in terms]


def kind_order(analysis: QuestionAnalysis) -> tuple[str, ...]:
    if analysis.answer_type == "number":
        return _PREFERENCE.get(analysis.subtype, _FIGURE_KINDS)
    if analysis.answer_type == "date":
        return ("date", "period")
    if analysis.answer_type == "who":
        return ("person", "org") if analysis.subtype != "org" else ("org", "person")
    return ("phrase", "product", "event", "org", "person", "gpe", "law")


def score_spans(sentence: str, candidates: list[Candidate], analysis: QuestionAnalysis,
                terms: set[str]) -> list[ScoredSpan]:
    """Rank candidates: right kind, next to the head noun and the question's terms."""
    order = kind_order(analysis)
    positions = _term_positions(sentence, terms)
    head = tokenize(analysis.head_noun)[0] if analysis.head_noun and tokenize(
        analysis.head_noun) else None
    scored: list[ScoredSpan] = []
    for c in candidates:
        if c.kind not in order or _in_question(c, analysis.question):
            continue
        if len(c.text.split()) > MAX_WORDS:
            continue
        score = 1.0 - 0.15 * order.index(c.kind)
        if positions:
            distance = min(abs(pos - c.start) for pos in positions)
            score += 0.4 / (1.0 + distance / 25.0)
        if head:
            after = sentence[c.end:c.end + 30]
            inside_or_after = tokenize(c.text) + tokenize(after)[:2]
            if head in inside_or_after:
                score += 0.5
        if analysis.answer_type == "what" and c.kind == "phrase":
            overlap = set(tokenize(c.text)) & terms
            score -= 0.3 * len(overlap)  # a phrase made of the question's words answers nothing
            if c.text[:1].isupper():
                score += 0.2
        scored.append(ScoredSpan(c, score))
    scored.sort(key=lambda s: s.score, reverse=True)
    return scored
