"""Choose the short answer inside an evidence sentence from its typed candidates."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from bot.answer.candidates import KINDS, Candidate
from bot.tokens import tokenize
from bot.understand.question import NUMBER_SUBTYPES, QuestionAnalysis

MAX_WORDS = 15
_FIGURE_KINDS = ("range", "percent", "money", "multiplier", "count", "quantity", "number")
_PREFERENCE: dict[str | None, tuple[str, ...]] = {
    "percent": ("range", "percent", "number"),
    "rate": ("range", "percent", "number"),
    "range": ("range", "percent"),
    "money": ("money", "count", "number"),
    "count": ("count", "quantity", "number", "money"),
    "multiplier": ("multiplier", "number"),
    "duration": ("quantity", "period", "date"),
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
    value = normalise(re.sub(r"^(?:the|a|an|its|their|our)\s+", "", candidate.text, flags=re.I))
    q = normalise(question)
    if value.isdigit():  # "11" in "kids ages 5 through 11"
        return re.search(rf"(?<![\d.,]){value}(?![\d.,]?\d)", q) is not None
    return len(value) > 2 and value in q


_RELATIVE = re.compile(
    r"^(?:the )?(?:today|tomorrow|yesterday|tonight|now|recently|soon|earlier|later|"
    r"(?:(?:later|earlier) )?(?:this|next|last|past|coming|same|previous|following) \w+"
    r"(?: \w+)?|the (?:last|next|same|other) \w+)$", re.I)
_HALF_RELATIVE = re.compile(r"\b(?:this|next|last|that) (?:year|month|week)\b", re.I)
_REJECTED = re.compile(r"\b(?:rather than|instead of|not)\s+(?:in |on |at |the )?$", re.I)
_ASKS_CHANGE = re.compile(
    r"\b(?:by how much|how much did|by what|raise|raised|cut|cuts|hike|hiked|lower(?:ed)?|"
    r"increase|decrease|change|move|rise|fall|points?)\b", re.I)
_TITLES = {"mr", "mrs", "ms", "dr", "president", "vice", "chair", "chairman", "secretary",
           "admiral", "general", "senator", "governor", "the", "leader", "ambassador"}


def _word_positions(sentence: str) -> list[tuple[int, str]]:
    out = []
    for m in re.finditer(r"\w+(?:[.,]\w+)*", sentence):
        tokens = tokenize(m.group(0))
        if tokens:
            out.append((m.start(), tokens[0]))
    return out


def _name_in_question(candidate: Candidate, question: str) -> bool:
    """A person or organisation the question already names ("Putin" in "Xi-Putin")."""
    words = [w for w in re.findall(r"[\w’'-]+", candidate.text) if w.lower() not in _TITLES]
    if not words:
        return True
    q_words = {w.lower() for w in re.findall(r"[A-Za-z’']+", question)}
    return words[-1].lower() in q_words


_YEAR = re.compile(r"^(?:19|20)\d\d$")
_ASKS_SPAN = re.compile(r"\b(?:which|what) (?:years|months|dates|period)\b|\bfrom when\b", re.I)
_RATIO = re.compile(r"^(?:by )?(?:a )?\d+(?:\.\d+)?-to-\d+\b", re.I)


def span_kind(c: Candidate) -> str:
    """The candidate's kind, but a ratio ("a 2-to-1 margin") is a range of figures."""
    return "range" if _RATIO.match(c.text) else c.kind


def kind_order(analysis: QuestionAnalysis) -> tuple[str, ...]:
    if analysis.answer_type == "number":
        preferred = _PREFERENCE.get(analysis.subtype, _FIGURE_KINDS)
        return preferred + tuple(k for k in _FIGURE_KINDS if k not in preferred)
    if analysis.answer_type == "date":  # "in which years" asks for "from 2012 to 2014"
        return ("period", "date") if _ASKS_SPAN.search(analysis.question) else ("date", "period")
    if analysis.answer_type == "who":
        return ("person",) if analysis.subtype != "org" else ("org", "person")
    return ("phrase", "product", "event", "org", "person", "gpe", "law")


def score_spans(sentence: str, candidates: list[Candidate], analysis: QuestionAnalysis,
                weights: dict[str, float]) -> list[ScoredSpan]:
    """Rank candidates: right kind, next to the head noun and the question's rarer terms."""
    order = kind_order(analysis)
    preferred = len(_PREFERENCE.get(analysis.subtype, _FIGURE_KINDS)) if (
        analysis.answer_type == "number") else len(order)
    words = _word_positions(sentence)
    # a term said again and again in the sentence is context, not what tells figures apart
    repeats = Counter(t for _, t in words)
    weights = {t: w / repeats.get(t, 1) for t, w in weights.items()}
    total = sum(w for t, w in weights.items() if t in repeats) or 1.0
    head_tokens = tokenize(analysis.head_noun) if analysis.head_noun else []
    head = head_tokens[0] if head_tokens else None
    scored: list[ScoredSpan] = []
    # "how many buses" → neither "400 school districts" nor its "400"
    asked = set(tokenize(analysis.question))
    strict = _strict_kinds(analysis)
    other_things = {c.start for c in candidates if analysis.subtype == "count" and head
                    and c.kind in ("count", "quantity") and _counts_other_things(c, asked)}
    for c in candidates:
        kind = span_kind(c)
        if kind not in order or _in_question(c, analysis.question):
            continue
        if len(c.text.split()) > MAX_WORDS:
            continue
        if c.kind in ("person", "org") and _name_in_question(c, analysis.question):
            continue
        rank = order.index(kind)
        if kind not in strict or c.start in other_things:
            continue  # a price is an amount of money, never "2 innocent people"
        if analysis.answer_type == "number" and _YEAR.match(c.text):
            continue  # "the 2023 Easter Egg Roll" names an event; it counts nothing
        if analysis.answer_type == "what":
            rank = 0 if kind not in ("person", "gpe") else 1  # a name of any kind
        if analysis.answer_type == "number" and analysis.subtype is None:
            rank = 1 if kind == "number" else 0  # any figure with a unit will do
        score = 1.0 - 0.3 * min(rank, preferred) - (0.4 if rank >= preferred else 0.0)
        unit = _UNITS.get(analysis.head_noun or "")
        if unit and unit.search(c.text):
            score += 0.4  # "what distance" → "five miles"
        score += 0.6 * _proximity(c, words, weights, total, sentence)
        if head:
            score += _head_bonus(sentence, c, head, words)
        if analysis.subtype == "count" and _counts_other_measure(sentence, c, head):
            score -= 0.5  # "how many difficulties" → not "1.178 billion yuan"
        if (c.kind == "percent" and "point" in c.text
                and analysis.subtype in ("percent", "rate", None)
                and not _ASKS_CHANGE.search(analysis.question)):
            score -= 0.3  # "1.5 percentage points higher": a difference, not the level asked
        if c.kind in ("date", "period") and _RELATIVE.match(c.text.strip()):
            continue  # "tomorrow" cannot be printed as a date
        if c.kind in ("date", "period") and _HALF_RELATIVE.search(c.text):
            score -= 0.3  # "January of this year"
        if _REJECTED.search(sentence[max(0, c.start - 16):c.start]):
            score -= 0.4  # "in August rather than in September": not what happened
        if analysis.answer_type == "what":
            score += _name_shape(c, weights, head)
        scored.append(ScoredSpan(c, score))
    scored.sort(key=lambda s: s.score, reverse=True)
    return scored


_APPOSITION = re.compile(
    r"^[\s,:—–-]*(?:(?:is |was )?(?:called|named|known as|dubbed|like|such as|including)\s+)?"
    r"[\s,:—–-]*$")
_UNITS = {
    "distance": re.compile(r"\b(?:miles?|kilometers?|km|feet|yards|meters|blocks)\b", re.I),
    "weight": re.compile(r"\b(?:pounds|tons|tonnes|kilograms|kg|grams)\b", re.I),
    "height": re.compile(r"\b(?:feet|meters|inches|stories)\b", re.I),
    "time": re.compile(r"\b(?:days|weeks|months|years|hours|minutes)\b", re.I),
}
_MEASURE = re.compile(
    r"\s*(?:(?:[mb]illion|thousand|hundred)\s+)?(?:yuan|rmb|dollars?|euros?|pounds?|yen|rupees?|"
    r"percent|per\s*cent|percentage|%|tons?|tonnes?|kilo\w*|km|miles?|meters?|metres?|kwh|"
    r"barrels?|acres?|hectares?|mu|degrees?)\b", re.I)
_MONEY_NOUNS = {"money", "dollar", "fund", "yuan", "euro", "cost", "budget", "spend", "loan",
                "debt", "revenu", "invest", "payment", "percent", "percentag", "ton", "mile",
                "barrel", "acr", "hectar", "degre", "meter", "kilomet"}


# the only kinds of figure that answer these number questions ("percent" and "rate" are
# not so strict: "what monthly pace of buying" is answered by "$75 billion")
_STRICT: dict[str | None, tuple[str, ...]] = {
    "money": ("money",),
    "count": ("count", "quantity", "number"),
    "multiplier": ("multiplier", "number"),
}
_MONEY_HEADS = dict(NUMBER_SUBTYPES)["money"]


def _strict_kinds(analysis: QuestionAnalysis) -> tuple[str, ...] | frozenset[str]:
    """The kinds a number question's answer must be of (any, when it is not strict).

    A money question is strict only when it names money ("the price", "how much money"):
    "how much did the FOMC raise its rate" is read as money from its verb, wrongly."""
    if analysis.subtype == "money" and (analysis.head_noun or "").lower() not in _MONEY_HEADS:
        return _ANY_KIND
    return _STRICT.get(analysis.subtype, _ANY_KIND)


_ANY_KIND = frozenset(KINDS)
_COUNTED = re.compile(r"^[\d.,]+(?:\s+(?:million|billion|thousand|hundred|dozen))?\s+"
                      r"(?:[a-z-]+\s+)?(?!(?:million|billion|thousand|hundred|dozen)$)([a-z]+)$",
                      re.I)
# who and what is counted may be said in other words: "how many people" → "3 million Americans"
_GENERIC_COUNTED = frozenset(tokenize(
    "people person persons Americans individuals residents citizens workers employees families "
    "households children kids students patients cases times things units items"))


def _counts_other_things(c: Candidate, asked: set[str]) -> bool:
    """A count of things asked (`asked`: the question's tokens), and this figure counts
    things the question never names ("400 school districts" for "how many buses", "2022
    session" for "how many interns"); figures without a noun of their own are not judged."""
    match = _COUNTED.match(c.text.strip())
    if match is None or asked & _GENERIC_COUNTED:
        return False
    noun = tokenize(match.group(1))
    return bool(noun) and noun[0] not in asked and noun[0] not in _GENERIC_COUNTED


def _counts_other_measure(sentence: str, c: Candidate, head: str | None) -> bool:
    """A count of things asked, and this figure is an amount of money or a measure."""
    if head is None or head in _MONEY_NOUNS:
        return False
    return bool(_MEASURE.match(sentence[c.end:]) or _MEASURE.search(c.text))


_CLAUSE_BREAK = re.compile(r";|, (?:and|but|while|whereas|or)\b|, higher than|, compared")


def _head_bonus(sentence: str, c: Candidate, head: str,
                words: list[tuple[int, str]]) -> float:
    """The head noun in the span ("3002 difficulties") or named by it ("destroyer USS Carney")."""
    if head in tokenize(c.text):
        return 0.35
    for pos, token in words:
        if token == head and pos < c.start:
            end = pos + len(re.match(r"\S+", sentence[pos:]).group(0))  # type: ignore[union-attr]
            if end <= c.start and _APPOSITION.match(sentence[end:c.start]):
                return 0.45
    for pos, token in words:
        if token != head or not c.start - 25 <= pos <= c.end + 25:
            continue
        lo, hi = (pos, c.start) if pos < c.start else (c.end, pos)
        if not _CLAUSE_BREAK.search(sentence, lo, hi):
            return 0.15
    return 0.0


def _name_shape(c: Candidate, weights: dict[str, float], head: str | None) -> float:
    """What-questions want a name: capitalised, several words, not the question's own words."""
    tokens = tokenize(c.text)
    asked = [t for t in tokens if t in weights and t != head]
    score = -0.6 if tokens and len(asked) / len(tokens) >= 0.5 else 0.0
    if c.text[:1].isupper():
        score += 0.35
        if sum(w[:1].isupper() for w in c.text.split()) >= 2:
            score += 0.15  # a multi-word proper name
    else:
        score -= 0.2 if len(tokens) == 1 else 0.1  # "colleagues", "deadly virus"
    return score


def _proximity(c: Candidate, words: list[tuple[int, str]], weights: dict[str, float],
               total: float, sentence: str) -> float:
    """IDF-weighted closeness of the question's terms to the candidate, within its clause."""
    best: dict[str, float] = {}
    for pos, token in words:
        if token not in weights or c.start <= pos < c.end:
            continue
        lo, hi = (pos, c.start) if pos < c.start else (c.end, pos)
        distance = hi - lo + (60 if _CLAUSE_BREAK.search(sentence, lo, hi) else 0)
        closeness = 1.0 / (1.0 + max(distance, 0) / 20.0)
        best[token] = max(best.get(token, 0.0), closeness)
    return sum(weights[t] * v for t, v in best.items()) / total
