"""Dates as written in headers and file names, turned into `YYYY-MM-DD`."""

from __future__ import annotations

import re
from datetime import date

MONTHS = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]  # fmt: skip
_MONTH_RE = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
    r"Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_NUMERIC = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})[-./年](?P<m>\d{1,2})[-./月](?P<d>\d{1,2})(?!\d)"
)
_MONTH_DAY_YEAR = re.compile(
    rf"\b{_MONTH_RE}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.I
)
_DAY_MONTH_YEAR = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH_RE}\s+(?P<y>\d{{4}})\b", re.I
)
_DAY_FIRST = re.compile(
    r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d{2})(?![\d.])"
)
_SLASHED = re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)\d{2})(?![\d/])")
_FILE_DATE = re.compile(r"^(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)")
_DATE_LINE_MAX = 80
_UNDATED = re.compile(r"\b(?:undated|unknown|n/?a)\b", re.I)


def parse_date(value: str) -> str | None:
    """The first full date (year, month and day) in `value`, as `YYYY-MM-DD`."""
    if not value or _UNDATED.search(value[:20]):
        return None
    candidates = []
    for pattern in (_NUMERIC, _MONTH_DAY_YEAR, _DAY_MONTH_YEAR, _DAY_FIRST, _SLASHED):
        match = pattern.search(value)
        if match:
            candidates.append(match)
    for match in sorted(candidates, key=lambda m: m.start()):
        iso = _iso(match)
        if iso:
            return iso
    return None


def date_from_name(name: str) -> str | None:
    """A `YYYY-MM-DD` at the start of a file name (the last path component)."""
    match = _FILE_DATE.match(name.rsplit("/", 1)[-1])
    return _iso(match) if match else None


def long_form(iso: str) -> str:
    """`2022-03-16` -> `March 16, 2022`."""
    d = date.fromisoformat(iso)
    return f"{MONTHS[d.month - 1].capitalize()} {d.day}, {d.year}"


def _iso(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    if "a" in groups:  # 03/05/2019: month first, as in American usage, unless it cannot be
        a, b = int(groups["a"]), int(groups["b"])
        groups = {"y": groups["y"], "m": str(b if a > 12 else a), "d": str(a if a > 12 else b)}
    month = groups.get("m")
    if month is None:
        prefix = (groups.get("month") or "")[:3].lower()
        month_n = next((i + 1 for i, m in enumerate(MONTHS) if m.startswith(prefix)), 0)
    else:
        month_n = int(month)
    try:
        return date(int(groups["y"]), month_n, int(groups["d"] or 0)).isoformat()
    except ValueError:
        return None


def date_in_line(line: str) -> str | None:
    """A date written in `line` in any common form (`5 March 2019`, `March 5th, 2019`,
    `05.03.2019`, `2019-03-05`, `Tuesday, the 5th of March 2019`): day, month and year
    must all be written, so that no date is ever made up (nor today's taken)."""
    found = parse_date(line)
    if found or len(line) > _DATE_LINE_MAX or not re.search(r"(?:19|20)\d{2}", line):
        return found
    import dateparser  # slow to import, and needed only for the unusual forms

    for part in [line, *re.split(r"[,|–—]\s*", line)]:
        parsed = dateparser.parse(part.strip(), languages=["en"], settings={
            "REQUIRE_PARTS": ["day", "month", "year"], "STRICT_PARSING": True})
        if parsed is not None:
            return parsed.date().isoformat()
    return None


_DATE_WORDS = re.compile(
    r"(?:published|updated|posted|modified|released|issued|date|dated|last|as|on|of|the|at|"
    r"st|nd|rd|th|a|p|m|am|pm|h|hrs|"
    r"mon|tue|tues|wed|thu|thurs|fri|sat|sun|(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|"
    + "|".join(MONTHS) + r"|年|月|日|号|发布|发布时间|发布日期|更新时间|日期|时间)", re.IGNORECASE)
_TIME_ZONE = re.compile(r"[A-Z]{1,3}[SD]?T|UTC|GMT")  # EDT, ET, CEST, UTC (in capitals)


def is_date_line(line: str) -> bool:
    """A line that only gives a date, with at most a lead word and a time (`Published:
    Tuesday, 5 March 2019`, `Updated: 2019-03-05 14:00`, `March 5, 2019, 2:30 p.m. EDT`);
    not a sentence that holds one (`We met on March 5, 2019.`)."""
    return date_line(line) is not None


def date_line(line: str) -> str | None:
    """The date a line gives when it gives nothing else (see `is_date_line`), else None."""
    if len(line) > _DATE_LINE_MAX:
        return None
    words = re.findall(r"[^\W\d_]+", line)  # letters (any script), not digits
    if not all(_DATE_WORDS.fullmatch(w) or _TIME_ZONE.fullmatch(w) for w in words):
        return None
    return date_in_line(line)
