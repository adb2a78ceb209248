"""Dates in a question: which one names the press conference, which are content.

Regexes over a month-name table (dateparser misreads "Sept 27", "end-2022",
"Jan-Aug 2022" and has no notion of which date is the conference's).

Rules, in short:
- a full date with a year ("March 15, 2021", "Aug 18, 2021") names the
  conference (strict), unless a content preposition sits right before it
  ("since", "starting", "until", ...);
- "Month Year" names the conference unless a content preposition sits right
  before it, or it modifies a data noun ("June 2022 CPI"); strict only when
  tied to a conference noun (briefing, presser, meeting, SEP, dots, ...) or
  introduced by "at the" / "at its" / "in the";
- "early/mid/late Month Year" narrows the month (tolerant: 1-15, 8-23, 15-end);
- a year-less "Month Day" is content ("by September 25") unless tied to a
  conference noun ("the June 3 trade briefing", strict) or
  introduced by "on" (not strict); then it matches by month and day;
- "end-2022", "the end of 2022", "Jan-Aug 2022" are content; a bare year is a
  soft `year_hint` unless it is content ("since 2008", "for 2024").
When one date is chosen as the conference, every other date is content.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

_MON = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_MOD = r"(?:(?P<mod>early|mid|late)[\s-]*)?"

_PATTERNS: list[tuple[str, str]] = [
    ("iso", rf"\b(?P<y>{_YEAR})-(?P<mn>[01]\d)-(?P<d>[0-3]\d)\b"),
    ("slash", rf"\b(?P<mn>1[0-2]|0?[1-9])/(?P<d>[0-3]?\d)/(?P<y>{_YEAR})\b"),
    ("range", rf"\b(?P<m>{_MON})\s*(?:-|–|—|to|through)\s*(?P<m2>{_MON}),?\s+(?P<y>{_YEAR})\b"),
    ("full", rf"\b(?P<m>{_MON})\s+(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})\b"),
    ("full", rf"\b(?:the\s+)?(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MON}),?\s+(?P<y>{_YEAR})\b"),
    ("end", rf"\b(?:(?:the\s+)?end(?:\s+of|-)\s*|year-?end\s+)(?P<y>{_YEAR})\b"),
    ("month", rf"\b{_MOD}(?P<m>{_MON}),?\s+(?:of\s+)?(?P<y>{_YEAR})\b"),
    ("monthday", rf"\b(?P<m>{_MON})\s+(?P<d>{_DAY})\b(?![\d,.]*\d|\s*%|\s*percent)"),
    ("year", rf"(?<![\d.,$])\b(?P<y>{_YEAR})\b(?![\d.,%])"),
]
_RX = [(kind, re.compile(p, re.I)) for kind, p in _PATTERNS]

# right before a date: the date is a content bound, not the conference
CONTENT_PREPS = {
    "starting", "since", "from", "until", "till", "through", "thru", "before", "after",
    "beginning", "between", "ending", "for", "to", "by", "of", "and", "past", "than",
}  # fmt: skip
# "by", "as of", "for", "of" bind year-less dates and month-years, not full dates with a year
_WEAK_PREPS = {"by", "for", "of", "to", "and"}
CONFERENCE_NOUNS = {
    "briefing", "briefings", "presser", "conference", "meeting", "sep", "dots", "dot",
    "projections", "projection", "update", "session", "remarks", "statement",
}  # fmt: skip
DATA_NOUNS = {
    "cpi", "pce", "ppi", "inflation", "jobs", "payrolls", "payroll", "employment",
    "unemployment", "gdp", "data", "numbers", "number", "figures", "figure", "reading",
    "sales", "report", "deficit", "readings", "price", "prices", "index", "survey",
}  # fmt: skip
_STOP_AFTER = re.compile(r"[^\w\s'’.-]")


@dataclass(frozen=True)
class DateSpan:
    """A conference date constraint, inclusive.

    For a year-less "the Sept 27 briefing", `month_day` is (9, 27) and
    start/end are date.min/date.max: match by month and day.
    """

    start: date
    end: date
    text: str
    strict: bool
    month_day: tuple[int, int] | None = None

    def contains(self, d: date | str | None) -> bool:
        if d is None:
            return False
        if isinstance(d, str):
            try:
                d = date.fromisoformat(d[:10])
            except ValueError:
                return False
        if self.month_day is not None:
            return (d.month, d.day) == self.month_day
        return self.start <= d <= self.end


@dataclass
class DateMention:
    kind: str  # full | month | monthday | range | end | year
    text: str
    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    mod: str | None = None
    role: str = "content"  # conference | content | year_hint
    tied: bool = False  # followed by a conference noun, or "at the"/"in the" before it
    strict: bool = False
    extra: dict[str, int] = field(default_factory=dict)

    def span(self) -> DateSpan | None:
        if self.kind == "monthday" and self.month and self.day:
            return DateSpan(date.min, date.max, self.text, self.strict, (self.month, self.day))
        if self.year is None or self.month is None:
            return None
        last = calendar.monthrange(self.year, self.month)[1]
        if self.kind == "full" and self.day:
            try:
                d = date(self.year, self.month, min(self.day, last))
            except ValueError:
                return None
            return DateSpan(d, d, self.text, self.strict)
        lo, hi = 1, last
        if self.mod == "early":
            lo, hi = 1, 15
        elif self.mod == "mid":
            lo, hi = 8, 23
        elif self.mod == "late":
            lo, hi = 15, last
        return DateSpan(
            date(self.year, self.month, lo), date(self.year, self.month, hi), self.text, self.strict
        )


def _month(s: str) -> int:
    return MONTHS[s.lower().rstrip(".")[:3]]


def find_mentions(q: str) -> list[DateMention]:
    """Every date expression, longest first, non-overlapping, in question order."""
    taken: list[tuple[int, int]] = []
    out: list[DateMention] = []
    for kind, rx in _RX:
        for m in rx.finditer(q):
            s, e = m.span()
            if any(s < b and a < e for a, b in taken):
                continue
            g = m.groupdict()
            if kind in ("month", "monthday", "full", "range") and not _plausible_month(
                m.group("m")
            ):
                continue
            text = re.sub(r"^the\s+", "", m.group(0).strip(), flags=re.I)
            dm = DateMention(kind if kind not in ("iso", "slash") else "full", text, s, e)
            if g.get("y"):
                dm.year = int(g["y"])
            if g.get("m"):
                dm.month = _month(g["m"])
            if g.get("mn"):
                dm.month = int(g["mn"])
            if g.get("d"):
                dm.day = int(re.sub(r"\D", "", g["d"]))
            if g.get("m2"):
                dm.extra["month2"] = _month(g["m2"])
            dm.mod = (g.get("mod") or "").lower() or None
            if kind == "year" and _looks_like_count(q, e):
                continue
            if dm.month is not None and not 1 <= dm.month <= 12:
                continue
            taken.append((s, e))
            out.append(dm)
    out.sort(key=lambda d: d.start)
    return out


def _plausible_month(tok: str) -> bool:
    # "may" and "march" as words are common; only a capitalised "May"/"Mar" is the month
    low = tok.lower().rstrip(".")
    if low == "sep" and tok.isupper():  # the SEP, not September
        return False
    if low in ("may", "mar", "march"):
        return tok[0].isupper()
    return True


def _looks_like_count(q: str, end: int) -> bool:
    """'2000 tests' is a count, not a year."""
    nxt = re.match(r"\s+([a-z]+)", q[end:])
    return bool(nxt and nxt.group(1).endswith("s") and nxt.group(1) not in ("was", "is", "has"))


def _words_before(q: str, start: int, n: int = 3) -> list[str]:
    return re.findall(r"[\w'’-]+|[(]", q[:start].lower())[-n:]


def _words_after(q: str, end: int, n: int = 4) -> list[str]:
    """Up to n words after the date, stopping at punctuation."""
    tail = q[end:]
    stop = _STOP_AFTER.search(tail)
    if stop:
        tail = tail[: stop.start()]
    return re.findall(r"[\w'’.-]+", tail.lower())[:n]


_AFTER_STOPS = {
    "to",
    "on",
    "in",
    "at",
    "for",
    "of",
    "by",
    "from",
    "with",
    "about",
    "and",
    "did",
    "was",
    "were",
    "is",
    "had",
    "has",
    "the",
    "a",
    "an",
    "that",
    "which",
}


def _classify(q: str, dm: DateMention) -> None:
    before = _words_before(q, dm.start)
    prev = before[-1] if before else ""
    prev2 = " ".join(before[-2:])
    after = []
    for w in _words_after(q, dm.end):
        if w in _AFTER_STOPS:
            break
        after.append(w.rstrip(".").removesuffix("'s").removesuffix("’s"))
    conf_noun = any(w in CONFERENCE_NOUNS for w in after) or "press conference" in " ".join(after)
    data_noun = bool(after) and after[0] in DATA_NOUNS and not conf_noun
    prep_content = prev in CONTENT_PREPS or prev2 in ("as of", "the end", "end of")
    if dm.kind in ("end", "range"):
        dm.role = "content"
        return
    if dm.kind == "year":
        dm.role = "content" if prep_content else "year_hint"
        return
    tied = conf_noun or prev2 in ("at the", "at its", "in the", "at their") or prev == "("
    if dm.kind == "monthday":
        if conf_noun or prev2 in ("at the", "at its"):
            dm.role, dm.strict = "conference", True
        elif prev == "on" and after[:1] != ["and"]:
            dm.role = "conference"
        return
    if dm.kind == "full":
        # "by April 8, 2020" names the conference; "since March 15, 2021" does not
        if prep_content and prev not in _WEAK_PREPS and prev2 != "as of" and not conf_noun:
            return
        dm.role, dm.strict, dm.tied = "conference", True, tied
        return
    # Month Year
    if (prep_content or data_noun) and not conf_noun:
        return
    dm.role, dm.tied = "conference", tied
    dm.strict = tied and prev != "("


def analyze_dates(q: str) -> tuple[DateSpan | None, int | None, list[str], list[DateMention]]:
    """(conference, year_hint, content date texts, all mentions)."""
    mentions = find_mentions(q)
    for dm in mentions:
        _classify(q, dm)
    rank = {"full": 3, "month": 2, "monthday": 1}
    confs = [d for d in mentions if d.role == "conference"]
    best = max(confs, key=lambda d: (d.tied or d.strict, rank[d.kind], -d.start), default=None)
    for d in confs:
        if d is not best:
            d.role = "content"
    years = [d.year for d in mentions if d.role == "year_hint"]
    year_hint = years[0] if years else None
    if best is not None and best.year is not None and year_hint is not None:
        # a bare year that merely repeats the conference's year adds nothing
        year_hint = None if year_hint == best.year else year_hint
    content = [d.text for d in mentions if d.role == "content"]
    return (best.span() if best else None), year_hint, content, mentions
