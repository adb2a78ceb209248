"""Whether a reading's evidence is about what the question names: an organisation, the
topic a reporter asked about, a year.

Counts come from the keyword index (which passages hold a stemmed word), so that a check
can look at the whole transcript, or at every transcript of its source, not just at the
passages retrieved for the question.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.stages import Hit, TermIndex
from bot.tokens import tokenize
from bot.understand.question import QuestionAnalysis

HOME_MENTIONS = 3  # passages of its transcript that name the transcript's own institution
HOME_SHARE = 0.5  # or the share of its source's transcripts that name it
MIN_PREFIX = 4  # "crypto" finds "cryptocurrency"; shorter stems would find anything
# the country the transcripts are about, not an organisation foreign to any of them
_HOME = {"us", "u.s", "u.s.", "usa", "united states", "america", "the us", "the u.s."}


def _context(hit: Hit) -> str:
    p = hit.passage
    return " ".join(x for x in (p.text, p.question, p.speaker, p.asker, p.title, p.source) if x)


class Mentions:
    """Which passages of which documents name a word, cached per question."""

    def __init__(self, keyword: TermIndex) -> None:
        self.keyword = keyword
        self._rows: dict[tuple[str, tuple[str, ...]], frozenset[int]] = {}

    def rows(self, token: str, doc_ids: Iterable[str]) -> frozenset[int]:
        """The keyword index's rows (passages) of `doc_ids` that hold `token`."""
        docs = tuple(doc_ids)
        key = (token, docs)
        if key not in self._rows:
            self._rows[key] = self.keyword.rows_holding(token, docs)
        return self._rows[key]

    def naming(self, tokens: set[str], doc_ids: Iterable[str]) -> frozenset[int]:
        """Rows of `doc_ids` that hold all of `tokens`."""
        docs = tuple(doc_ids)
        out: frozenset[int] | None = None
        for token in sorted(tokens):
            found = self.rows(token, docs)
            out = found if out is None else out & found
            if not out:
                return frozenset()
        return out or frozenset()

    def docs_of(self, rows: Iterable[int]) -> set[str]:
        return {self.keyword.ids[i].rsplit("#", 1)[0] for i in rows}

    def has_word(self, stem: str, doc_id: str) -> bool:
        """Whether the document holds the stem, or (for a long one) a word it begins."""
        words = [stem]
        if len(stem) >= MIN_PREFIX:
            words += [w for w in self.keyword.df if w.startswith(stem) and w != stem]
        return any(self.rows(w, (doc_id,)) for w in words)


def _qualifies_answer(question: str, org: str) -> bool:
    """"Which Navy destroyer …", "Which CNBC reporter …": the organisation describes the
    thing asked for, which may carry it without naming it (a ship of the Navy)."""
    return bool(re.search(rf"\b(?:which|what)\s+(?:[\w’'-]+\s+){{0,2}}?{re.escape(org)}\b",
                          question, re.I))


def names_organisations(analysis: QuestionAnalysis, hit: Hit, mentions: Mentions) -> bool:
    """A question about another institution's decision is not answered by a passage about
    the speaker's own institution's. Each organisation the question names must be named by
    the passage (its turn's question, speaker and title included), unless it is the
    transcript's own institution, which its passages mostly leave unsaid ("the Committee",
    "we"): named in the title or source, in a few passages of the transcript, or in most
    transcripts of its source. An organisation the transcript never names is let pass only
    when it describes the thing asked for ("Which army unit")."""
    if analysis.language != "en" or hit.passage.language != "en" or not analysis.organisations:
        return True
    present = set(tokenize(_context(hit)))
    home = set(tokenize(" ".join(x for x in (hit.passage.title, hit.passage.source) if x)))
    doc = hit.passage.doc_id
    for org in analysis.organisations:
        tokens = set(tokenize(org))
        if not tokens or org.lower().strip() in _HOME or tokens <= present or tokens <= home:
            continue
        in_doc = len(mentions.naming(tokens, (doc,)))
        if in_doc >= HOME_MENTIONS:
            continue
        peers = hit.peers or (doc,)
        if len(peers) > 1 and len(mentions.docs_of(mentions.naming(tokens, peers))) >= (
                HOME_SHARE * len(peers)):
            continue
        if in_doc == 0 and _qualifies_answer(analysis.question, org):
            continue
        return False
    return True


def holds_topic(topic: list[str], hit: Hit, mentions: Mentions) -> bool:
    """"Which reporter asked the chair about housing starts?" cannot be answered from a
    transcript that never says housing (nor any other word of the topic)."""
    if not topic or hit.passage.language != "en":
        return True
    stems = {t for word in topic for t in tokenize(word)}
    return not stems or any(mentions.has_word(s, hit.passage.doc_id) for s in stems)


def holds_year(analysis: QuestionAnalysis, hit: Hit) -> bool:
    """"The 2022 Easter Egg Roll" is not answered by a 2023 briefing about that year's: a
    bare year in the question needs evidence from a transcript of that year, or a passage
    that says the year (or "last year" a year later, "next year" a year before)."""
    year = analysis.year_hint
    p = hit.passage
    if year is None or p.language != "en" or not p.date or not p.date[:4].isdigit():
        return True
    held = int(p.date[:4])
    if held == year:
        return True
    text = " ".join(x for x in (p.text, p.question) if x)
    if re.search(rf"\b{year}\b", text):
        return True
    if held == year + 1 and re.search(r"\blast year\b", text, re.I):
        return True
    return held == year - 1 and bool(re.search(r"\bnext year\b", text, re.I))
