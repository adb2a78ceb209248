"""Follow-up questions made to stand alone, without an LLM.

"And by the end of August?" after "How many difficulties had been resolved by
September 25?" keeps the earlier question's subject and swaps its date; "What about
in June 2022?" likewise; "And to Florida?" swaps the phrase after the same
preposition; "And Yellen?" swaps the earlier question's name. A question that already
stands on its own is returned unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.understand.dates import _MON, find_mentions
from bot.understand.question import analyze_question

_LEAD = re.compile(
    r"^\s*(?:(?:and|but|so|also|ok(?:ay)?|then|now)\b[,\s]*)*"
    r"(?P<about>(?:what|how)\s+about\b|what\s+of\b|same\s+(?:question\s+)?for\b)?[,\s]*",
    re.I)
_WH = re.compile(r"^\s*(?:who|whom|whose|what|which|when|where|why|how|did|does|do|is|are|was|"
                 r"were|has|have|had|will|would|can|could|should)\b", re.I)
PREPOSITIONS = ("as of", "in", "on", "by", "at", "during", "since", "until", "before", "after",
                "through", "for", "to", "from", "about", "of", "with", "between")
_PREP = r"(?:as\s+of|in|on|by|at|during|since|until|before|after|through|for|to|from|about|of|" \
        r"with|between)"
# dates find_mentions leaves out because a question alone would not need them
_LOOSE_DATE = re.compile(
    rf"\b(?:(?:the\s+)?(?:end|beginning|start|middle|first\s+half|second\s+half)\s+of\s+)?"
    rf"(?:(?:early|mid|late)[\s-]*)?{_MON}(?!\w)|\b(?:last|this|next)\s+(?:year|month|week)\b",
    re.I)
_CONFERENCE_NOUN = re.compile(
    r"\s+(?:FOMC\s+|press\s+|news\s+)?(?:meeting|briefing|conference|presser|session|"
    r"news conference|press conference)\b", re.I)
_STOP = {"the", "a", "an", "then", "there", "that", "this", "one", "ones", "it", "please"}


@dataclass(frozen=True)
class Phrase:
    """A date expression with the preposition in front of it, if any."""

    text: str
    start: int
    end: int
    preposition: str | None


def date_phrases(text: str) -> list[Phrase]:
    """Date expressions in `text`, each widened to the preposition before it."""
    spans = [(m.start, m.end) for m in find_mentions(text)]
    for m in _LOOSE_DATE.finditer(text):
        if not any(m.start() < b and a < m.end() for a, b in spans):
            spans.append(m.span())
    out = []
    for start, end in sorted(spans):
        before = re.search(rf"\b({_PREP})\s+(?:the\s+)?$", text[:start], re.I)
        prep = re.sub(r"\s+", " ", before.group(1).lower()) if before else None
        if before:
            start = before.start()
        out.append(Phrase(text[start:end], start, end, prep))
    return out


def _content_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[\w'’-]+", text) if w.lower() not in _STOP]


def _strip_end(question: str) -> str:
    return re.sub(r"[\s?.!]+$", "", question.strip())


def _swap_date(previous: str, new: Phrase) -> str:
    """The earlier question with its (last) date phrase replaced by `new`."""
    old = date_phrases(previous)
    base = _strip_end(previous)
    bare = _bare(new)
    if not old:
        return f"{base} {new.preposition} {bare}?" if new.preposition else f"{base} {bare}?"
    last = old[-1]
    if _CONFERENCE_NOUN.match(base[last.end:]):  # "at the September 2022 meeting"
        date_only = _bare(new, article=True)
        return f"{base[:last.end - len(_bare(last, article=True))]}{date_only}{base[last.end:]}?"
    prep = new.preposition or last.preposition
    text = f"{prep} {bare}" if prep else bare
    return f"{base[:last.start]}{text}{base[last.end:]}?"


def _bare(phrase: Phrase, article: bool = False) -> str:
    """The date of a phrase without its preposition (and its article, if asked)."""
    pattern = rf"^(?:{_PREP})\s+(?:the\s+)?" if article else rf"^(?:{_PREP})\s+"
    return re.sub(pattern, "", phrase.text, flags=re.I)


def _swap_prepositional(previous: str, rest: str) -> str | None:
    """"And to Florida?": replace what follows the same preposition in the earlier question."""
    m = re.match(rf"({_PREP})\s+(.+)$", rest, re.I)
    if m is None:
        return None
    prep, phrase = m.group(1).lower(), m.group(2)
    base = _strip_end(previous)
    hits = list(re.finditer(rf"\b{re.escape(prep)}\s+", base, re.I))
    if not hits:
        return f"{base} {rest}?"
    hit = hits[-1]
    tail = base[hit.end():]
    stop = re.search(rf"\s+(?:{_PREP})\b|[,;]", tail, re.I)
    end = hit.end() + (stop.start() if stop else len(tail))
    return f"{base[:hit.end()]}{phrase}{base[end:]}?"


def _swap_topic(previous: str, topic: str) -> str | None:
    """"What about housing?": the earlier question's "about …" phrase or its head noun,
    replaced by this topic."""
    about = _swap_prepositional(previous, f"about {topic}")
    if about is not None and re.search(r"\babout\s", previous, re.I):
        return about
    head = analyze_question(previous).head_noun
    base = _strip_end(previous)
    if head and re.search(rf"\b{re.escape(head)}\b", base, re.I):
        m = list(re.finditer(rf"\b{re.escape(head)}\b", base, re.I))[-1]
        start = m.start()
        amount = re.match(r"\s*how\s+(?:many|much)\s+", base, re.I)
        if amount and amount.end() <= start and "," not in base[amount.end():start]:
            start = amount.end()  # "how many nursing homes" → "how many hospitals"
        return f"{base[:start]}{topic}{base[m.end():]}?"
    return None


def _swap_name(previous: str, name: str) -> str | None:
    """"And Yellen?": replace the earlier question's last capitalised name (not its first
    word, not a month) with this one."""
    base = _strip_end(previous)
    names = [m for m in re.finditer(r"\b[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*", base)
             if m.start() > 0 and not re.fullmatch(_MON, m.group(0), re.I)]
    if not names:
        return None
    m = names[-1]
    return f"{base[:m.start()]}{name}{base[m.end():]}?"


def standalone(question: str, previous: str | None) -> str:
    """`question` made to stand alone, given the earlier (already standalone) question."""
    if not previous or not question.strip():
        return question
    lead = _LEAD.match(question)
    marked = bool(lead and lead.end() > 0 and lead.group(0).strip())
    rest = _strip_end(question[lead.end():] if lead else question)
    if not rest:
        return question
    if _WH.match(rest) and len(_content_words(rest)) > 2:
        return question  # a question of its own ("And how many hospitals closed in May?")
    dates = date_phrases(rest)
    undated = rest
    for phrase in reversed(dates):
        undated = undated[:phrase.start] + undated[phrase.end:]
    if dates and not _content_words(undated):
        return _swap_date(previous, dates[-1])
    if not marked and len(_content_words(rest)) > 3:
        return question
    swapped = _swap_prepositional(previous, rest)
    if swapped is None and marked and re.fullmatch(r"[a-z][\w'’ -]*", rest):
        swapped = _swap_topic(previous, rest)
    if swapped is None and marked and re.fullmatch(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*",
                                                   rest):
        swapped = _swap_name(previous, rest)
    if swapped is not None:
        return swapped
    if marked:
        return f"{_strip_end(previous)}, {rest}?"
    return question


def resolve(question: str, earlier: list[str]) -> str:
    """`question` made to stand alone against a conversation's earlier questions (oldest
    first), each of which may itself have been a follow-up."""
    context: str | None = None
    for asked in earlier:
        context = standalone(asked, context)
    return standalone(question, context)
