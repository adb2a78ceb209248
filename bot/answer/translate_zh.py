"""An English gloss of a Chinese figure or date, for an English question's `translation`.

Only what rules can translate exactly: 7月9日 → "July 9", 3人 → "3 people", 1.178亿元 →
"117.8 million yuan". Anything else has no translation at hand (None); the answer itself
always stays the Chinese span, verbatim.
"""

from __future__ import annotations

import re

from bot.zh_numbers import NUMBER, parse_zh_date, parse_zh_number

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
UNITS = {"人": "people", "名": "people", "位": "people", "人次": "visits", "家": "firms",
         "年": "years", "周年": "years (anniversary)", "个月": "months", "天": "days",
         "小时": "hours", "元": "yuan", "元人民币": "yuan", "美元": "US dollars", "欧元": "euros",
         "海里": "nautical miles", "公里": "km", "千米": "km", "米": "metres", "吨": "tonnes",
         "倍": "times", "%": "percent", "％": "percent", "个百分点": "percentage points",
         "艘": "ships", "国": "countries", "次": "times", "起": "cases", "例": "cases",
         "个": "", "点": "points", "项": "items", "条": "items"}
_FIGURE = re.compile(rf"^(?P<num>{NUMBER})(?P<more>多|余)?(?P<unit>\D*)$")


def gloss(text: str) -> str | None:
    """English for a Chinese date or figure, or None when no rule translates it."""
    text = text.strip()
    year, month, day = parse_zh_date(text)
    if year or month or day:
        return _date(year, month, day)
    m = _FIGURE.match(text)
    if not m:
        return None
    value = parse_zh_number(m.group("num"))
    if value is None:
        return None
    unit = m.group("unit")
    if unit and unit not in UNITS:
        return None
    words = [("over " if m.group("more") else "") + _number(value)]
    if unit and UNITS[unit]:
        words.append(UNITS[unit])
    return " ".join(words)


def _date(year: int | None, month: int | None, day: int | None) -> str | None:
    if month and not 1 <= month <= 12:
        return None
    if month and day:
        return f"{MONTHS[month - 1]} {day}" + (f", {year}" if year else "")
    if month:
        return MONTHS[month - 1] + (f" {year}" if year else "")
    if day:
        suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
        return f"the {day}{suffix}"
    return str(year) if year else None


def _number(value: float) -> str:
    for scale, word in ((1e9, "billion"), (1e6, "million")):
        if value >= scale:
            return f"{value / scale:.4g} {word}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")
