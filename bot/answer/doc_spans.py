"""spaCy-based candidate spans: counted nouns, checked entities, noun chunks.

Helpers of `candidates.py`; each returns `Raw` tuples `(start, end, kind, value)` with
offsets into the parsed sentence (`doc.text`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.answer.name_patterns import NOT_NAMES, ROLE_WORDS
from bot.answer.patterns import (
    FIGURE_KINDS,
    MONTH,
    NOT_NUMBERS,
    QUAL,
    TIME_KINDS,
    YEAR,
    Raw,
    parse_number,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_ENT_KINDS = {"PERSON": "person", "ORG": "org", "GPE": "gpe", "NORP": "gpe", "LOC": "gpe",
              "FAC": "gpe", "PRODUCT": "product", "LAW": "product", "WORK_OF_ART": "product",
              "EVENT": "event", "MONEY": "money", "PERCENT": "percent", "QUANTITY": "quantity",
              "CARDINAL": "number"}
_RELATIVE = re.compile(r"(?i)\b(?:today|tomorrow|yesterday|tonight)\b|\b(?:this|next|last|past|"
                       r"coming|end|beginning|start|middle|early|late|earlier|later)\b.*\b(?:"
                       r"week|weekend|month|year|quarter|decade|century|spring|summer|fall|"
                       r"autumn|winter|day)s?\b")
_NUM_WORDS = (r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
              r"fifteen|twenty|thirty|a few|few|several|a couple of|couple of)")
_DURATION = re.compile(rf"(?i)^(?:(?:the|about|over|nearly|almost|more than|at least)\s+)*"
                       rf"(?:(?:past|last|next|first|coming|final)\s+)?{_NUM_WORDS}\s+"
                       r"(?:days?|weeks?|months?|years?|decades?|quarters?)(?:\s+\w+)?$")
_UNIT_HEADS = {"percent", "%", "times", "fold", "yuan", "dollars", "dollar", "billion",
               "million", "thousand", "trillion", "hundred", "percentage", "point", "points",
               "a.m.", "p.m.", "am", "pm", "o'clock", "st", "nd", "rd", "th"}
_QUAL_BEFORE = re.compile(rf"{QUAL}$")
_STRIP_WORDS = {"the", "a", "an", "our", "their", "its", "his", "her", "my", "your", "this",
                "that", "these", "those", "some", "any", "all", "each", "every", "both",
                "such", "which", "what", "whose", "no", "another", "other"}
_PRONOUNS = {"PRON", "DET", "NUM", "PUNCT", "SPACE"}



# --- counts --------------------------------------------------------------------------------


def counts(doc: Doc, raws: list[Raw]) -> list[Raw]:
    """A figure with the noun it counts: "3002 difficulties", "over 50,000 US citizens"."""
    unit_spans = [(s, e) for s, e, k, _ in raws if k in FIGURE_KINDS - {"number"}]
    date_spans = [(s, e) for s, e, k, _ in raws if k in TIME_KINDS]
    out: list[Raw] = []
    for start, end, kind, value in raws:
        if kind != "number" or any(s <= start and end <= e for s, e in unit_spans):
            continue
        if any(s <= start and end <= e and (s, e) != (start, end) for s, e in date_spans):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        head = _counted_noun(span[-1])
        if head is None:
            continue
        qual = _QUAL_BEFORE.search(doc.text[:start])
        first = qual.start() if qual and qual.group(0) else start
        out.append((first, head.idx + len(head.text), "count", value))
        if first != start:
            out.append((first, end, "number", value))
    return out


def _counted_noun(tok: Token) -> Token | None:
    head = tok.head
    if tok.dep_ == "nummod" and head.pos_ in ("NOUN", "PROPN") and 0 < head.i - tok.i <= 5:
        return None if head.lower_ in _UNIT_HEADS else head
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.tag_ in ("NNS", "NNPS") and nxt.lower_ not in _UNIT_HEADS:
        return nxt
    return None


# --- spaCy entities ------------------------------------------------------------------------


def spacy_entities(doc: Doc, raws: list[Raw]) -> list[Raw]:
    """spaCy's entities, where they add to the patterns and pass a sanity check."""
    taken = [(s, e) for s, e, k, _ in raws if k in FIGURE_KINDS]
    people = [(s, e) for s, e, k, _ in raws if k == "person"]
    dates = [(s, e) for s, e, k, _ in raws if k in TIME_KINDS]
    out: list[Raw] = []
    for ent in doc.ents:
        kind = _entity_kind(ent, taken)
        if kind is None or (kind in TIME_KINDS and _swallows_date(ent, dates)):
            continue
        if kind != "person" and any(s < ent.end_char and ent.start_char < e for s, e in people):
            continue
        start, end = _strip_entity(ent)
        value = parse_number(ent.text) if kind in FIGURE_KINDS else None
        out.append((start, end, kind, value))
    return out


def _entity_kind(ent: Span, taken: list[tuple[int, int]]) -> str | None:
    label, text = ent.label_, ent.text
    start, end = ent.start_char, ent.end_char
    overlaps = any(s < end and start < e for s, e in taken)
    if label in ("DATE", "TIME"):
        return _date_kind(text, label, overlaps)
    kind = _ENT_KINDS.get(label)
    if kind is None:
        return None
    if kind in FIGURE_KINDS:
        return None if overlaps or _glued(ent) or text.lower() in NOT_NUMBERS else kind
    if overlaps or re.search(r"[\d¼½¾%$]", text) or not re.search(r"[A-Z]\w", text):
        return None
    stop = NOT_NAMES if kind == "person" else ROLE_WORDS
    if all(w.lower().strip(".") in stop for w in text.split()):
        return None
    return kind


def _swallows_date(ent: Span, dates: list[tuple[int, int]]) -> bool:
    """spaCy's DATE running a pattern date into other figures: "March 15, 2020 10 years"."""
    for s, e in dates:
        if ent.start_char <= s and e <= ent.end_char and (s, e) != (ent.start_char, ent.end_char):
            rest = ent.doc.text[ent.start_char : s] + ent.doc.text[e : ent.end_char]
            if re.search(r"\d", rest):
                return True
    return False


def _glued(ent: Span) -> bool:
    """A figure stuck to letters ("3M") is a name, not a number."""
    text = ent.doc.text
    before = text[ent.start_char - 1] if ent.start_char else " "
    after = text[ent.end_char] if ent.end_char < len(text) else " "
    return before.isalnum() or after.isalnum() or bool(re.search(r"\d[A-Za-z]", ent.text))


def _date_kind(text: str, label: str, overlaps_figure: bool) -> str | None:
    """spaCy's DATE/TIME only when it is a real date: not "3002", "quarterly" or "8.3%year"."""
    if re.search(r"[%$¼½¾]", text) or (overlaps_figure and not re.search(YEAR, text)):
        return None
    if re.fullmatch(r"[\d,.]+", text):
        return "date" if re.fullmatch(YEAR, text) else None
    if label == "TIME":
        return "date" if re.search(r"\d|noon|midnight|tonight", text) else None
    if _DURATION.match(text) or re.search(rf"{MONTH}.*\b(?:to|through|until)\b.*{MONTH}", text):
        return "period"
    if re.search(r"\d", text) or re.search(r"\b[A-Z][a-z]+", text.lstrip("Tt")[1:]):
        return "date"
    if _RELATIVE.search(text):
        return "date"
    return None


def _strip_entity(ent: Span) -> tuple[int, int]:
    """Drop a leading "the", a trailing possessive or connector from names: "the Federal
    Reserve’s", "Policy Normalization Principles and"."""
    if ent.label_ in ("DATE", "TIME"):
        return ent.start_char, ent.end_char
    toks = list(ent)
    while len(toks) > 1 and toks[0].lower_ in ("the", "a", "an"):
        toks = toks[1:]
    while len(toks) > 1 and toks[-1].lower_ in ("’s", "'s", "and", "of", "the", "&", "for"):
        toks = toks[:-1]
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


# --- noun chunks ---------------------------------------------------------------------------


def noun_chunks(doc: Doc) -> list[Raw]:
    """Noun chunks without leading determiners: "existing maturity extension program"."""
    out: list[Raw] = []
    for chunk in doc.noun_chunks:
        toks = list(chunk)
        while toks and (toks[0].lower_ in _STRIP_WORDS or toks[0].pos_ in _PRONOUNS
                        or toks[0].tag_ == "PRP$"):
            toks = toks[1:]
        if not toks or all(t.is_stop or t.pos_ in _PRONOUNS for t in toks):
            continue
        out.append((toks[0].idx, toks[-1].idx + len(toks[-1].text), "phrase", None))
    return out
