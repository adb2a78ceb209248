"""Web-page furniture in a transcript's text: what a saved or converted page adds that
nobody said.

Found by shape: a line that is only a link (a menu item, a related link), a breadcrumb or
menu line (`Home | News | Transcripts`), page controls (`Share this page`, `Back to top`,
`Print`), audio and video player lines, a related-links block (a short heading such as
`Related` and the list under it), section lines of call transcripts (`Questions and
Answers`), letter-spaced headings (`T R A N S C R I P T`), a line in the first ones that
only gives the publication date (`Published 5 March 2019`, `Updated: 2019-03-05 14:00`) and
bracketed transcription markers (`[inaudible]`, `[00:12:04]`). Inline, `[text](url)`
becomes `text`, and images, bare addresses and markers go without leaving a gap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.ingest.dates import date_line

_URL_END = r"[^\s<>()\[\].,;:!?'\"”’]"
_URL = (rf"(?:https?://[^\s<>()\[\]]*{_URL_END}"
        rf"|www\.[^\s<>()\[\]/]+/(?:[^\s<>()\[\]]*{_URL_END})?)")
_IMAGE = re.compile(r"[ \t]*!\[[^\]\n]*\]\([^)\n]*\)[ \t]*")
_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_REF_LINK = re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]")
_LINK_DEFINITION = re.compile(r"^\s*\[[^\]\n]+\]:\s*\S+.*$")
_AUTOLINK = re.compile(rf"[ \t]*<(?:{_URL}|mailto:[^>\s]+)>[ \t]*")
_BARE_URL = re.compile(rf"[ \t]*(?:\({_URL}\)|{_URL})[ \t]*")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_ATTRIBUTE_LIST = re.compile(r"\{:[^}\n]*\}|\{#[\w-]+\}")
_BULLET = r"(?:[-*+•·]|\d{1,2}[.)])\s+"
_ONLY_LINK = re.compile(rf"^(?:{_BULLET})?(?:\[[^\]\n]*\]\([^)\n]*\)[\s|·•,]*)+$")
_MENU_SEPARATOR = re.compile(r"\s+(?:\||›|»|>|/|•|·)\s+")
_CONTROLS = re.compile(
    r"^(?:share(?: this(?: page| article| story)?)?(?: on \w+)?|back to top|to top|"
    r"skip to (?:main )?content|skip navigation|toggle navigation|main menu|menu|search|"
    r"print(?: this page)?|email(?: this page)?|tweet|facebook|twitter|linkedin|whatsapp|"
    r"copy link|subscribe|sign in|log in|you are here|breadcrumb|home|next|previous|"
    r"close|open menu|top of page|return to top|accept(?: all)? cookies|cookie settings|"
    r"related(?: links| content| articles| stories| news)?|see also|read more|"
    r"more (?:on this|news|from [\w ]+)|in this section|on this page|tags?|topics?)"
    r"[:.]?$",
    re.IGNORECASE,
)
_RELATED_HEADING = re.compile(
    r"^(?:#+\s*)?(?:related(?: links| content| articles| stories| news)?|see also|read more|"
    r"more (?:on this|news|from [\w ]+)|in this section|further reading)\s*:?$",
    re.IGNORECASE,
)
_PLAYER = re.compile(
    r"^(?:\W*\s*)?(?:watch|listen|play|download|view|stream)(?: the| to the)?"
    r"(?: full)?(?: live)?\s+(?:video|audio|podcast|recording|webcast|mp3|mp4|broadcast|"
    r"press conference|briefing|livestream)\b.{0,60}$"
    r"|^(?:video|audio|podcast|webcast)\s*(?:[:|(\-–—].{0,60})?$"
    r"|^\(?\d{1,2}:\d{2}(?::\d{2})?\)?\s*(?:min(?:utes)?)?$",
    re.IGNORECASE,
)
_SECTION = re.compile(
    r"^(?:(?:prepared|opening|closing|introductory)\s+(?:remarks|statements?)|presentation|"
    r"questions?\s+(?:and|&)\s+answers?(?:\s+session)?|question-and-answer\s+session|"
    r"q\s*&\s*a(?:\s+session)?|(?:corporate\s+|conference\s+call\s+|call\s+)?participants)"
    r"\s*:?$",
    re.IGNORECASE,
)
_LETTER_SPACED = re.compile(r"^(?:#+\s*)?(?:\S ){3,}\S$")
_MARKER_WORDS = (
    r"inaudible|unintelligible|indiscernible|crosstalk|cross[- ]talk|laughter|laughs|"
    r"applause|music|silence|(?:long |brief )?pause|audio (?:gap|cuts? out|drops?)|"
    r"no audio|technical (?:difficulties|difficulty|glitch)|background noise|coughs?|"
    r"break in (?:audio|recording)|recording (?:starts|ends|begins|stops)|"
    r"end of (?:transcript|recording)|beginning of (?:transcript|recording)|"
    r"overlapping speakers?|phonetic|ph|\?\?+"
)
_MARKER_CORE = (  # also `\[inaudible\]`, as Markdown escapes it
    rf"\\?\[(?:(?:{_MARKER_WORDS})(?:[ ,;]+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?|"
    rf"\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\.\d+)?)\\?\]"
)
_MARKER = re.compile(  # also set in italics or bold: `*[Laughter]*`
    rf"[ \t]*(?:(?P<em>[*_]{{1,2}}){_MARKER_CORE}(?P=em)|{_MARKER_CORE})[ \t]*",
    re.IGNORECASE,
)
_CLOSING = ".,;:?!…)]}”’"
_OPENING = "([{“‘"
_PAIRS = {"(": ")", "[": "]", "{": "}"}
_DASH = re.compile(r"[—–]|--")
_MENU_ITEM_MAX_WORDS = 4
_DATE_TOP_LINES = 12  # where the parser looks for the document's date
# a line ending so is a sentence going on: `signed on` / `March 5, 2019` is not a date line
_RUNS_ON = re.compile(r"(?:,|\b(?:on|of|since|until|till|by|from|to|before|after|and|or|"
                      r"between|through|in|at|the|dated))$", re.IGNORECASE)
_SKIP_LINKS = re.compile(r"^\s*(?:skip to (?:main )?content|skip navigation|toggle navigation|"
                         r"jump to (?:main )?content)\s*", re.IGNORECASE)


@dataclass
class Furniture:
    """The text without its furniture, and the lines dropped whole (for the layout report)."""

    text: str
    dropped: list[str] = field(default_factory=list)


def strip_furniture(text: str, doc_date: str | None = None) -> Furniture:
    """Drop furniture lines and inline links, images, addresses and markers from `text`.
    A date line near the top goes only when it gives the document's date `doc_date`: any
    other date there (the day a call was held) is information, and stays."""
    text = _HTML_COMMENT.sub("", text)
    lines = text.split("\n")
    dropped: list[str] = []
    kept: list[str] = []
    in_related = False
    previous = ""  # the last line kept, if the one before this one; else ""
    seen = 0  # lines with words before this one
    for i, line in enumerate(lines):
        bare = line.strip()
        top = seen < _DATE_TOP_LINES
        seen += bool(bare)
        # a line of its own, not a wrapped line's end (`topics.` after `on those`)
        standalone = not previous or bool(re.search(r"[.?!:;\"”)\]]$", previous))
        last, previous = previous, ""
        if in_related:
            if not bare or _ONLY_LINK.match(bare) or _is_list_item(bare):
                if bare:
                    dropped.append(bare)
                continue
            in_related = False
        if bare and _RELATED_HEADING.match(bare) and _list_follows(lines, i + 1):
            dropped.append(bare)
            in_related = True
            continue
        if bare and standalone and _is_furniture_line(bare):
            dropped.append(bare)
            continue
        if bare and top and doc_date and _date_only(bare, last, lines[i + 1:i + 2]) == doc_date:
            dropped.append(bare)
            continue
        if not any(k.strip() for k in kept):
            line = _strip_first_breadcrumb(line, dropped)
        kept.append(line)
        previous = bare
    return Furniture(_inline("\n".join(kept)), dropped)


def _inline(text: str) -> str:
    text = _drop(_IMAGE, text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _drop(_AUTOLINK, text)
    text = _drop(_BARE_URL, text)
    text = _ATTRIBUTE_LIST.sub("", text)
    return _drop(_MARKER, text)


def _drop(pattern: re.Pattern[str], text: str) -> str:
    """Remove what `pattern` matches (a marker, an image, an address, with its spaces) and
    leave clean text: one space between two words (`the rate [inaudible] went` → `the rate
    went`), none before a closing mark or after an opening one, none where the marker
    touched a dash or a quote (`your head [laughter]—that`); brackets left empty go with
    it, and of the dashes on either side of it one stays (`rate — [inaudible] — went`)."""
    spans: list[tuple[int, int]] = []
    for match in pattern.finditer(text):
        start, end = _widen(text, match.start(), match.end())
        while spans and start <= spans[-1][1]:  # markers side by side are one
            start, end = _widen(text, spans[-1][0], max(end, spans.pop()[1]))
        spans.append((start, end))
    if not spans:
        return text
    pieces: list[str] = []
    cursor = 0
    for start, end in spans:
        pieces += [text[cursor:start], _joint(text, start, end)]
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """The span to remove: brackets left empty around it, and the second of two dashes
    around it, go too (with their spaces)."""
    while True:
        before = text[start - 1] if start else "\n"
        after = text[end] if end < len(text) else "\n"
        dash = _DASH.match(text, end)
        if _PAIRS.get(before) == after:
            start, end = start - 1, end + 1
            while start and text[start - 1] in " \t":
                start -= 1
        elif dash and (before in "—–" or text[max(0, start - 2):start] == "--"):
            end = dash.end()
        else:
            return start, end
        while end < len(text) and text[end] in " \t":
            end += 1


def _joint(text: str, start: int, end: int) -> str:
    """What stands where `text[start:end]` was: a space between two words, else as the
    marks around it were spaced."""
    before = text[start - 1] if start else "\n"
    after = text[end] if end < len(text) else "\n"
    if before == "\n" or after == "\n" or after in _CLOSING or before in _OPENING:
        return ""
    spaced_before, spaced_after = text[start] in " \t", text[end - 1] in " \t"
    if not spaced_after and not after.isalnum():  # glued to the mark after it
        # `your head [laughter]—that` → `head—that`; `DERBY: [Inaudible]—question` keeps it
        return " " if spaced_before and not before.isalnum() else ""
    if not spaced_before and not before.isalnum():  # glued to the mark before it
        return " " if spaced_after and not after.isalnum() else ""  # `worst—[laughs] hope`
    return " "


def _is_furniture_line(line: str) -> bool:
    """A whole line that is page furniture."""
    plain = line.lstrip("#").strip()
    plain = re.sub(r"^[*_]+|[*_]+$", "", plain).strip()
    return bool(
        _ONLY_LINK.match(line)
        or _IMAGE.fullmatch(plain)
        or _LINK_DEFINITION.match(line)
        or re.fullmatch(rf"{_BULLET}?{_URL}", plain)
        or _CONTROLS.match(plain)
        or _PLAYER.match(plain)
        or _LETTER_SPACED.match(line)
        or _SECTION.match(plain)
        or _MARKER.fullmatch(plain)
        or _is_menu(plain)
    )


def _date_only(line: str, previous: str, following: list[str]) -> str | None:
    """The date of a line that only gives a date (the publication date, near the top) and
    is not part of a hard-wrapped sentence (`signed on` / `March 5, 2019` / `and ...`)."""
    if _RUNS_ON.search(previous) or (following and following[0].strip()[:1].islower()):
        return None
    return date_line(_plain(line))


def _plain(line: str) -> str:
    """The line without heading marks and emphasis around it."""
    return re.sub(r"^[*_]+|[*_]+$", "", line.lstrip("#").strip()).strip()


def _is_menu(line: str) -> bool:
    """`Home | News | Speeches | Contact`: three or more short items between separators."""
    items = _MENU_SEPARATOR.split(line)
    return len(items) >= 3 and all(
        0 < len(item.split()) <= _MENU_ITEM_MAX_WORDS and not re.search(r"[.?!]$", item)
        for item in items
    )


def _strip_first_breadcrumb(line: str, dropped: list[str]) -> str:
    """`Home > Newsroom > Transcripts Press conference of ...`: a breadcrumb glued to the
    first line goes (its last item is the one running into the text)."""
    line = _SKIP_LINKS.sub("", line)
    items = _MENU_SEPARATOR.split(line.strip())
    if len(items) < 3 or not all(0 < len(i.split()) <= _MENU_ITEM_MAX_WORDS
                                 for i in items[:-1]):
        return line
    last = list(_MENU_SEPARATOR.finditer(line))[-1]
    words = line[last.end():].split()
    k = min(len(i.split()) for i in items[:-1])  # menu items are about this long
    if len(words) <= k:
        return line
    dropped.append(f"{line[: last.end()].strip()} {' '.join(words[:k])}")
    return " ".join(words[k:])


def _is_list_item(line: str) -> bool:
    return bool(re.match(_BULLET, line)) and len(line.split()) <= 20


def _list_follows(lines: list[str], start: int) -> bool:
    """A list of links or short bullets under a heading (blank lines skipped)."""
    items = [ln.strip() for ln in lines[start:start + 6] if ln.strip()]
    return bool(items) and (_ONLY_LINK.match(items[0]) is not None or _is_list_item(items[0]))
