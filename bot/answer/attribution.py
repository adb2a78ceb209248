""""Copy as quote": an attribution line a reporter can paste into a story.

Honest about the kind of words: direct speech from a transcript goes in quotation
marks with "said"; reported speech (a write-up or translation paraphrasing someone)
never does: it is "told a press conference … that …, according to <source>". A
figure only a reporter's question states is attributed to the reporter. Names and
titles go only as far as the transcript gives them.
"""

from __future__ import annotations

import re
from datetime import date

from bot.ingest.sentences import split_sentences
from bot.schema import Citation

_AP_MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
              "Nov.", "Dec."]
# a sentence's first word that is an ordinary word, lower-cased after "that"
_ORDINARY_START = {
    "a", "about", "according", "after", "all", "also", "an", "as", "at", "before", "by",
    "currently", "during", "for", "from", "in", "it", "more", "most", "on", "our", "over",
    "since", "so", "some", "that", "the", "there", "these", "this", "those", "through", "to",
    "under", "up", "we", "with", "within", "meanwhile", "moreover", "besides", "now",
    "first", "second", "third", "next", "finally", "recently", "today",
}
_SAID = re.compile(r"^(?:he|she|they|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s+"
                   r"(?:said|says|stated|noted|added|introduced|pointed out|explained|told "
                   r"reporters)(?:\s+that)?[,:]?\s+", re.I)
MAX_QUOTE_CHARS = 400
_TITLES = {"mr", "mrs", "ms", "dr", "president", "vice", "chair", "chairman", "chairwoman",
           "secretary", "governor", "senator", "general", "admiral", "minister", "director",
           "ambassador", "administrator", "commissioner", "surgeon", "acting", "deputy"}


def _date(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso) if iso else None
    except ValueError:
        return None


def ap_date(iso: str | None) -> str | None:
    """`2022-09-21` → `Sept. 21, 2022` (AP style)."""
    d = _date(iso)
    return f"{_AP_MONTHS[d.month - 1]} {d.day}, {d.year}" if d else None


def zh_date(iso: str | None) -> str | None:
    """`2022-09-27` → `2022年9月27日`."""
    d = _date(iso)
    return f"{d.year}年{d.month}月{d.day}日" if d else None


def organisation(source: str | None) -> str | None:
    """The publisher named first in a document's source line ("The White House (…), …")."""
    if not source:
        return None
    name = re.split(r"\s*[(,;|]\s*", source.strip(), maxsplit=1)[0].strip()
    return name or None


def speaker_description(text: str, speaker: str | None) -> str | None:
    """A title the transcript gives a named speaker in apposition: "Zhu Dadong, deputy
    director of the Industry and Information Department of the Autonomous Region," → the
    words between the commas. Only full names (two words or more), only lower-case titles."""
    words = (speaker or "").split()
    if len(words) < 2 or words[0].lower().rstrip(".") in _TITLES:
        return None
    for m in re.finditer(rf"\b{re.escape(speaker)},\s+((?:the\s+)?[a-z][^.;:()\n,?]{{3,160}}?),"
                         rf"\s", text):
        if not re.search(r"\b(?:I|we|you|me|us|my|our|your)\b", m.group(1), re.I):
            return m.group(1).strip()
    return None


def quoted_sentence(citation: Citation, answer: str | None) -> str:
    """The sentence of the quote that holds the answer (or its first), shortened if long."""
    text = citation.quote
    sentences = [text[a:b] for a, b in split_sentences(text) if text[a:b].strip()] or [text]
    chosen = sentences[0]
    if answer:
        for s in sentences:
            if answer.lower() in s.lower():
                chosen = s
                break
    chosen = re.sub(r"\s+", " ", chosen).strip()
    if len(chosen) > MAX_QUOTE_CHARS:
        chosen = chosen[:MAX_QUOTE_CHARS].rsplit(" ", 1)[0] + " …"
    return chosen


def _lower_first(sentence: str) -> str:
    first = re.match(r"[A-Za-z]+", sentence)
    if first and first.group(0).lower() in _ORDINARY_START and not first.group(0).isupper():
        return sentence[0].lower() + sentence[1:]
    return sentence


def _at_conference(when: str | None) -> str:
    """Where the words were said (the source publishes the transcript: it may not be the host)."""
    return "a press conference" + (f" on {when}" if when else "")


def _direct(sentence: str, who: str, verb: str, where: str) -> str:
    body = sentence.rstrip()
    if body.endswith((".", ";", ":")):
        body = body[:-1].rstrip() + ","
    elif not body.endswith(("?", "!", "…")):
        body += ","
    return f"“{body}” {who} {verb} at {where}."


def quote_line(citation: Citation, answer: str | None = None, description: str | None = None,
               language: str | None = "en") -> str:
    """The line to paste into a story for this citation."""
    sentence = quoted_sentence(citation, answer)
    if language == "zh":
        return _quote_line_zh(citation, sentence)
    org = organisation(citation.source)
    when = ap_date(citation.date)
    where = _at_conference(when)
    name = citation.speaker
    if citation.speaker_role == "reporter":
        who = f"a reporter, {name}," if name else "a reporter"
        return _direct(sentence, who, "asked", where)
    if citation.speech == "reported":
        content = _lower_first(_SAID.sub("", sentence, count=1)).rstrip(" .;")
        source = f", according to {org}" if org else ""
        if name:
            who = f"{name}, {description}," if description else name
            return f"{who} told {where} that {content}{source}."
        return (f"According to {org}, {where} was told that {content}." if org
                else f"{where[0].upper()}{where[1:]} was told that {content}.")
    who = (f"{name}, {description}," if description else name) if name else None
    if who is None:
        return _direct(sentence, "a speaker", "said", where)
    return _direct(sentence, who, "said", where)


def _quote_line_zh(citation: Citation, sentence: str) -> str:
    who = citation.speaker or ("记者" if citation.speaker_role == "reporter" else "发言人")
    when = zh_date(citation.date)
    at = f"在{when}的记者会上" if when else "在记者会上"
    verb = "问" if citation.speaker_role == "reporter" else "说"
    if citation.speech == "reported":
        org = organisation(citation.source)
        return (f"据{org}，" if org else "") + f"{who}{at}表示，{sentence.rstrip('。')}。"
    return f"{who}{at}{verb}：“{sentence}”"
