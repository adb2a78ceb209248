"""Choose the short answer inside a Chinese evidence sentence from its typed candidates.

Like `spans.py`, but positions are characters, not words: a candidate is close to the
question's terms when few characters (and no clause break) lie between them. For a
question in another language (an English question over a Chinese passage) the terms
cannot be found in the sentence; there the candidates' clauses are compared with the
question by the multilingual embeddings instead (`clause_sims`).
"""

from __future__ import annotations

import re

from bot.answer.candidates import Candidate
from bot.answer.spans import _PREFERENCE, ScoredSpan, kind_order
from bot.understand.question import QuestionAnalysis

MAX_CHARS = 30
CLAUSE_BREAK = re.compile(r"[，,；;：:。！？、]")
CLAUSE_SIM_SCALE = 0.005  # E5 similarities of clauses of one sentence differ by thousandths
CONTEXT_CHARS = 6
_RELATIVE = re.compile(r"^(?:今|明|昨|前|后|当|同|次|本|上|下)")
_FIGURES = ("range", "percent", "money", "multiplier", "count", "quantity", "number")


def clause_of(sentence: str, c: Candidate) -> tuple[int, int]:
    """The clause around a candidate: between the clause breaks before and after it."""
    start = max((m.end() for m in CLAUSE_BREAK.finditer(sentence, 0, c.start)), default=0)
    after = CLAUSE_BREAK.search(sentence, c.end)
    return start, after.start() if after else len(sentence)


def context_of(sentence: str, c: Candidate, chars: int = CONTEXT_CHARS) -> str:
    """A figure or date with the few words that say what it is, inside its clause: the
    words after it ("3人轻伤"), else those before it ("改革开放38年")."""
    start, end = clause_of(sentence, c)
    if end - c.end >= 2:
        return sentence[c.start:min(end, c.end + chars)]
    return sentence[max(start, c.start - chars):c.end]


def allowed(analysis: QuestionAnalysis, c: Candidate) -> bool:
    """Kinds that can answer the question at all."""
    if analysis.answer_type == "number":
        return c.kind in _FIGURES
    if analysis.answer_type == "date":
        return c.kind == "date"
    if analysis.answer_type == "who":
        return c.kind == ("org" if analysis.subtype == "org" else "person")
    if analysis.subtype == "place":
        return c.kind == "gpe"  # 哪座城市 asks for a place
    return c.kind in ("phrase", "org", "person", "gpe")


def score_spans_zh(sentence: str, candidates: list[Candidate], analysis: QuestionAnalysis,
                   weights: dict[str, float],
                   clause_sims: dict[tuple[int, int], float] | None = None) -> list[ScoredSpan]:
    """Rank candidates: right kind, the head noun, close to the question's rarer terms."""
    order = kind_order(analysis)
    preferred = _PREFERENCE.get(analysis.subtype, _FIGURES)
    head = analysis.head_noun or ""
    total = sum(weights.values()) or 1.0
    best_sim = max(clause_sims.values()) if clause_sims else 0.0
    asked_units = units_asked(analysis)
    scored: list[ScoredSpan] = []
    for c in candidates:
        if not allowed(analysis, c) or len(c.text) > MAX_CHARS:
            continue
        if said_in_question(c, analysis.question) or c.text == head:
            continue
        if c.kind == "date" and _RELATIVE.match(c.text):
            continue  # 今年, 明天: not a date a reporter can print
        score = 1.0
        if analysis.answer_type == "number":
            score -= 0.0 if c.kind in preferred else 0.4
            if c.kind == "number":
                score -= 0.3  # a bare number without its unit
        elif c.kind in order:
            score -= 0.15 * order.index(c.kind)
        if head and c.kind != "date" and (c.text.endswith(head) or head in c.text):
            score += 0.35  # 北京饭店 for 哪家饭店, 38年 for 多少年
        if c.kind in _FIGURES and any(u.search(c.text) for u in asked_units):
            score += 0.35  # "how many nautical miles" → 55海里
        if analysis.answer_type == "what" and "的" in c.text:
            score += 0.1  # 适度宽松的货币政策 answers "what kind of"
        score += 0.6 * _proximity(sentence, c, weights, total)
        if clause_sims:
            sim = clause_sims.get((c.start, c.end), best_sim)
            score += 0.3 * max(-1.0, (sim - best_sim) / CLAUSE_SIM_SCALE)
        scored.append(ScoredSpan(c, score))
    scored.sort(key=lambda s: s.score, reverse=True)
    return scored


# what an English question counts, as the Chinese measure words that count it
UNITS_OF: dict[str, re.Pattern[str]] = {
    word.rstrip("s"): re.compile(units)
    for words, units in [
        ("people persons peacekeepers soldiers reporters journalists fishermen "
         "citizens workers staff casualties victims", "[人名位]$"),
        ("companies enterprises firms businesses", "家$"),
        ("proposals points suggestions measures", "[点项条]$"),
        ("years", "年$"), ("days", "[天日]$"), ("months", "月$"), ("hours", "小时$"),
        ("miles", "海里$|英里$"), ("kilometers kilometres km", "公里$|千米$"),
        ("tons tonnes", "吨$"), ("yuan", "元$"), ("dollars", "美元$"), ("times", "倍$"),
        ("countries nations", "国$"), ("ships vessels boats", "艘$"),
        ("anniversary", "周年$"), ("percent percentage", "[%％]$|百分"),
    ]
    for word in words.split()
}
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_HOW_MANY = re.compile(r"\bhow (?:many|much)((?:\s+[a-z-]+){1,3})", re.I)


def units_asked(analysis: QuestionAnalysis) -> list[re.Pattern[str]]:
    """The measure words of what an English question counts: its head noun, or a word just
    after "how many" ("how many kilometres of road ..." → 公里)."""
    words = [analysis.head_noun or ""]
    m = _HOW_MANY.search(analysis.question)
    if m:
        words += m.group(1).split()
    found = [UNITS_OF.get(w.lower().rstrip("s")) for w in words]
    return [u for u in dict.fromkeys(found) if u is not None]


def said_in_question(c: Candidate, question: str) -> bool:
    """The question already says it: the same words (中国 in 遭袭的中国维和人员), or, for a
    figure, the same number ("the 28 EU countries" → not 28国)."""
    text = re.sub(r"\s", "", c.text)
    if len(text) >= 2 and text in re.sub(r"\s", "", question):
        return True
    if c.kind in _FIGURES:
        asked = set(_DIGITS.findall(question.replace(",", "")))
        return any(n in asked for n in _DIGITS.findall(c.text.replace(",", "")))
    return False


def _proximity(sentence: str, c: Candidate, weights: dict[str, float], total: float) -> float:
    """IDF-weighted closeness (in characters) of the question's terms to the candidate."""
    value = 0.0
    for term, weight in weights.items():
        best = 0.0
        for m in re.finditer(re.escape(term), sentence):
            if c.start <= m.start() < c.end:
                continue
            lo, hi = (m.end(), c.start) if m.end() <= c.start else (c.end, m.start())
            distance = max(hi - lo, 0) + (20 if CLAUSE_BREAK.search(sentence, lo, hi) else 0)
            best = max(best, 1.0 / (1.0 + distance / 8.0))
        value += weight * best
    return value / total
