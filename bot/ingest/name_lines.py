"""The shape of a speaker's name standing for a label: on a line of its own (an export of a
call transcript, a Markdown heading) or before a colon in mixed case (`Jane Doe:`).

A name is one to five capitalised words (particles such as `de`, `van`, `bin` allowed),
perhaps with an honorific; after it may come what the person is, after a dash or a comma
(`Jane Doe -- Chief Financial Officer`), or an outlet in brackets (`Jane Doe (Daily
Paper)`). Section lines (`Prepared Remarks`, `Questions and Answers`) are not names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.ingest.speakers import _NOT_LABELS

Affiliation = Literal["official", "reporter", "unknown"]

_PARTICLES = r"(?:de|da|di|del|della|der|den|van|von|bin|binti|al|el|la|le|du|dos|y|ibn)"
_WORD = r"(?:[A-ZÀ-ÖØ-Þ][\w’'\-]+\.?|[A-Z]\.)"
_NAME = rf"{_WORD}(?:[ ]+(?:{_WORD}|{_PARTICLES}(?=[ ]))){{0,4}}"
_QUALIFIER = (r"(?:(?:[ ]*(?:--|—|–|\|)|[ ]+-|,)[ ]+(?P<role>[^\n():;?!]{1,80}?)"
              r"|[ ]*\((?P<outlet>[^()\n]{1,60})\))")
_NAME_LINE = re.compile(rf"^(?P<name>{_NAME}){_QUALIFIER}?[ ]*:?$")
_COLON_LABEL = re.compile(rf"^(?P<label>(?P<name>{_NAME}){_QUALIFIER}?)[ ]*:[ ]+(?=\S)")
_SECTION_WORDS = {
    "remarks", "presentation", "questions", "question-and-answer", "answers", "session",
    "participants", "statement", "statements", "transcript", "introduction", "contents",
    "disclaimer", "agenda", "overview", "summary", "highlights", "conclusion", "opening",
    "closing", "prepared", "q&a", "part", "section", "chapter", "appendix", "index",
    "update", "updates", "video", "audio", "photos", "related", "press", "release", "news",
    "briefing", "conference", "call", "earnings", "results", "quarter", "fiscal", "year",
    "copyright", "rights", "reserved", "note", "notes", "editor", "editors", "source",
}  # fmt: skip
GENERIC = {
    "operator", "moderator", "host", "interviewer", "reporter", "journalist", "question",
    "answer", "q", "a", "audience", "participant", "interpreter", "spokesperson", "speaker",
    "unidentified", "presenter", "chair", "chairman", "chairwoman", "anchor",
}  # fmt: skip
_REPORTER_WORDS = re.compile(
    r"\b(?:analyst|reporter|correspondent|journalist|editor|columnist|news|newspaper|times|"
    r"post|journal|radio|television|tv|magazine|daily|gazette|herald|tribune|broadcast\w*|"
    r"media|wire|press agency|news agency|investors?|securities|capital|research|"
    r"bank|partners|asset management)\b",
    re.IGNORECASE,
)
_OFFICIAL_WORDS = re.compile(
    r"\b(?:director|minister|spokes(?:person|man|woman)|official|deputy|head|chair(?:man|"
    r"woman)?|secretary|governor|mayor|commissioner|president|chief|leader|department|"
    r"bureau|ministry|government|administration|committee|council|authority|officer|ceo|"
    r"cfo|coo|cto|executive|founder|treasurer|ambassador|general|senator|prime|"
    r"investor relations|vice|manager|principal|chancellor|premier|commander)\b",
    re.IGNORECASE,
)
_MAX_NAME_CHARS = 50
_SMALL_WORDS = {"of", "and", "the", "for", "in", "at", "on", "to", "&", "de", "du", "des"}


@dataclass(frozen=True)
class NameLine:
    """A name standing for a speaker, what the text says they are, and where it ends."""

    name: str
    affiliation: Affiliation
    label: str  # as published: the name with its role or outlet
    end: int = 0  # in a colon label, where the words after the colon start


def name_line(line: str) -> NameLine | None:
    """`Jane Doe -- Analyst, Big Bank` on a line of its own; None if it is not a name."""
    line = line.strip().strip("*_").strip()
    match = _NAME_LINE.match(line)
    return _name(match, line.rstrip(":").strip()) if match else None


def colon_name(line: str) -> NameLine | None:
    """`Jane Doe (Daily Paper): ...` at the start of a paragraph, in mixed case."""
    match = _COLON_LABEL.match(line)
    if not match or not re.search(r"[a-z]", match.group("name")):
        return None  # all-caps labels are `bot.ingest.speakers.match_label`'s
    found = _name(match, match.group("label").strip())
    return NameLine(found.name, found.affiliation, found.label, match.end()) if found else None


def _name(match: re.Match[str], label: str) -> NameLine | None:
    name = match.group("name").strip()
    words = name.split()
    lowered = [w.lower().strip(".") for w in words]
    if len(name) > _MAX_NAME_CHARS or any(w in _SECTION_WORDS for w in lowered):
        return None
    if name.upper() in _NOT_LABELS or words[0].upper().strip(".") in _NOT_LABELS:
        return None
    if len(words) == 1 and lowered[0] not in GENERIC and not name.isupper():
        return None  # one capitalised word is as often a heading as a name
    if len(words) > 1 and words[-1].endswith(".") and len(words[-1]) > 2:
        return None  # `Thank You.`: a sentence
    role = match.group("role") or ""
    if _sentence_like(role):
        return None  # sentences, not a role
    if role and re.search(r"[.?!:;]$", role.rstrip(")")) and not re.search(
            r"\b(?:Inc|Co|Ltd|Corp|Jr|Sr)\.$", role):
        return None
    return NameLine(name, _affiliation(name, role, match.group("outlet")), label)


def _sentence_like(role: str) -> bool:
    """A role is a few capitalised words (`Executive Vice President and CFO`), not a
    sentence: more than one lower-case word other than `of`, `and`, `the`... is one."""
    words = role.split()
    lower = [w for w in words if w[:1].islower() and w not in _SMALL_WORDS]
    return len(words) > 12 or len(lower) > 1 or bool(re.search(r"\. +[A-Z][a-z]", role))


def _affiliation(name: str, role: str, outlet: str | None) -> Affiliation:
    said = f"{role} {outlet or ''}"
    if _OFFICIAL_WORDS.search(name):
        return "official"  # `Minister Smith (Finance)`
    if _REPORTER_WORDS.search(role) and not _OFFICIAL_WORDS.search(role):
        return "reporter"
    if _OFFICIAL_WORDS.search(said):
        return "official"
    if _REPORTER_WORDS.search(said) or outlet:
        return "reporter"  # an outlet in brackets
    return "unknown"
