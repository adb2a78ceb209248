"""Regular expressions for names: titled people, speaker labels, self-introductions,
capitalised multi-word names, acronyms and quoted titles.

Like `patterns.py`, each finder yields `Raw` tuples `(start, end, kind, value)`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.answer.patterns import Raw

# --- people --------------------------------------------------------------------------------

TITLES = ("Dr|Mr|Mrs|Ms|Miss|Prof|Gen|Adm|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Amb|Sec|Doctor|Admiral|"
          "General|Secretary|Chair|Chairman|Chairwoman|Chairperson|Vice Chair|President|"
          "Vice President|Senator|Governor|Representative|Congressman|Congresswoman|Ambassador|"
          "Director|Administrator|Acting Administrator|Commissioner|Surgeon General|Speaker|"
          "Leader|Captain|Colonel|Lieutenant|Major|Sergeant|Judge|Justice|Minister|Premier|"
          "Mayor|Professor|Reporter|Correspondent|Deputy|Commander|Attorney General|"
          "Press Secretary|Prime Minister|Chancellor|King|Queen|Pope|Prince|Princess|Sheriff|"
          "Chief|Spokesperson|Spokesman|Spokeswoman|Coordinator|Sister|Father|Rabbi|Bishop")
TITLE_WORDS = {w.lower() for t in TITLES.split("|") for w in t.split()} | {"the", "vice"}
ROLE_WORDS = TITLE_WORDS | {
    "q", "question", "moderator", "operator", "reporter", "participant", "audience", "member",
    "staff", "press", "secretary", "official", "senior", "administration", "unidentified",
    "speaker", "interpreter", "narrator", "voice", "acting",
}
NOT_NAMES = ROLE_WORDS | {
    "all", "good", "thank", "thanks", "yes",
    "hi", "hello", "this", "that", "these", "those", "we", "our", "it", "i", "and", "but", "so",
    "as", "in", "on", "at", "for", "of", "federal", "reserve", "committee", "today", "house",
    "white", "united", "states", "new", "american", "national", "last", "next", "after",
    "news", "times", "post", "journal", "business", "network", "radio", "television", "tv",
    "daily", "agency", "media", "wire", "tribune", "reuters", "bloomberg", "associated",
    "nbc", "cbs", "abc", "cnn", "npr", "fox", "bbc", "office", "department", "ministry",
}
_NAME_WORD = r"(?:[A-Z][a-z]+(?:[-'’][A-Z][a-z]+|-[a-z]+)*|[A-Z][a-z]*[A-Z][a-z]+)"
_NAME = rf"{_NAME_WORD}(?:\s+(?:[A-Z]\.\s+)?{_NAME_WORD}){{0,2}}"
_ORG_WORD = r"(?:[A-Z][\w&'’-]*(?:\.[A-Za-z][\w-]*)*)"
_TITLED = re.compile(rf"\b(?:{TITLES})\.?\s+(?P<name>{_NAME})")
_LABEL = re.compile(r"^\s*(?P<label>[A-Z][A-Z.'’-]*(?:\s+[A-Z][A-Z.'’-]*){0,4})\s*:")
_INTRO = re.compile(
    r"^(?:[A-Z][A-Z.'’-]*(?:\s+[A-Z][A-Z.'’-]*){0,4}:\s*)?"
    rf"(?:(?:Hi|Hello|Hey|Yes|Thanks|Thank you|Good (?:morning|afternoon|evening))[,.!]?\s+)?"
    rf"(?:(?:I'm|I’m|I am|This is|My name is|It's|It’s)\s+)?(?P<name>{_NAME_WORD}(?:\s+"
    rf"{_NAME_WORD}){{1,2}})(?:,\s+|\s+(?:with|from|at|of|for|here with)\s+|\s+\()"
    rf"(?P<org>(?:the\s+)?{_ORG_WORD}(?:\s+(?:of\s+|the\s+|and\s+)?{_ORG_WORD}){{0,4}})")


def find_people(sentence: str) -> Iterator[Raw]:
    """Titled names ("Admiral John Kirby" and "John Kirby"), speaker labels, self-intros.

    Self-introductions also yield the outlet as an "org".
    """
    yield from _titled_people(sentence)
    yield from _label_people(sentence)
    m = _INTRO.match(sentence)
    if m and _is_name(m.group("name")):
        yield m.start("name"), m.end("name"), "person", None
        yield m.start("org"), m.end("org"), "org", None


def _is_name(text: str) -> bool:
    words = [w.lower().strip(".") for w in text.split()]
    return bool(words) and not any(w in NOT_NAMES for w in words)


def _titled_people(sentence: str) -> Iterator[Raw]:
    for m in _TITLED.finditer(sentence):
        name = m.group("name")
        words = name.split()
        keep = 0
        while keep < len(words) and words[keep].lower().strip(".") not in NOT_NAMES:
            keep += 1
        if keep == 0:
            continue
        end = m.start("name") + len(" ".join(words[:keep]))
        yield m.start(), end, "person", None
        yield m.start("name"), end, "person", None


def _label_people(sentence: str) -> Iterator[Raw]:
    m = _LABEL.match(sentence)
    if not m:
        return
    label = m.group("label")
    words = label.split()
    if all(w.lower().strip(".") in NOT_NAMES for w in words):
        return
    yield m.start("label"), m.end("label"), "person", None
    lead = 0
    while lead < len(words) - 1 and words[lead].lower().strip(".") in TITLE_WORDS:
        lead += 1
    if lead:
        offset = m.start("label") + label.index(words[lead], len(" ".join(words[:lead])))
        yield offset, m.end("label"), "person", None


# --- phrases -------------------------------------------------------------------------------

_CAP_WORD = r"(?:[A-Z][\w'’&.-]*[\w]|[A-Z])"
_CONNECT = r"(?:of|on|and|is|the|for|a|an|to|in|at|with|&|de|du|la)"
_CAP_SEQ = re.compile(rf"\b{_CAP_WORD}(?:\s+(?:{_CONNECT}\s+)*{_CAP_WORD})+")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9&]{1,7}\b")
_QUOTED = re.compile(r"[“\"]([^”\"]{3,80})[”\"]")
_LEADING = re.compile(r"^(?:(?:The|A|An|As|In|On|At|For|And|But|So|If|When|This|That|These|"
                      r"Those|We|I|Our|It|Today|Yesterday|Tomorrow|Now|Then|Also|Yes|No|"
                      r"Well|Thank|Thanks|Good|Last|Next|Since|After|Before|With|May|Can|Could|Will|"
                      r"Would|Let|Do|Does|Did|Is|Are|Was|Were|What|How|Why|Who|Where|Which|"
                      r"Q)\s+)+")


def find_phrases(sentence: str) -> Iterator[Raw]:
    """Capitalised multi-word names ("Time is Money"), acronyms ("SAVE"), quoted titles."""
    for m in _CAP_SEQ.finditer(sentence):
        lead = _LEADING.match(m.group(0))
        start = m.start() + (lead.end() if lead else 0)
        if len(sentence[start : m.end()].split()) >= 2:
            yield start, m.end(), "phrase", None
    for m in _ACRONYM.finditer(sentence):
        word = m.group(0)
        if not re.fullmatch(r"[IVX]+|Q[1-4]?", word) and word.lower() not in ROLE_WORDS:
            yield m.start(), m.end(), "phrase", None
    for m in _QUOTED.finditer(sentence):
        if 1 <= len(m.group(1).split()) <= 8:
            yield m.start(1), m.end(1), "phrase", None
