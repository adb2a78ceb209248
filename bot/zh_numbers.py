"""Chinese numerals and dates: 三千零二 → 3002, 1.178亿 → 117800000, 2022年9月27日.

Shared by question analysis (dates a question names) and answer extraction
(figures with units). Rules only.
"""

from __future__ import annotations

import re
from datetime import date

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
          "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)
ZH_NUMERAL = f"[{NUMERAL_CHARS}]+"
ARABIC = r"\d+(?:[.,]\d+)*"
# a number as Chinese writes it: 8298, 1.178亿, 12.71万, 三千零二, 5万余
NUMBER = rf"(?:{ARABIC}(?:[万亿]+)?|{ZH_NUMERAL})"


def parse_zh_int(text: str) -> int | None:
    """The value of a Chinese numeral: 三千零二 → 3002, 十三 → 13, 两万 → 20000."""
    if not text or any(ch not in NUMERAL_CHARS for ch in text):
        return None
    if all(ch in DIGITS for ch in text) and len(text) > 1:  # 二〇二二: digit by digit
        return int("".join(str(DIGITS[ch]) for ch in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            section += (1 if digit is None else digit) * SMALL_UNITS[ch]
            digit = None
        else:  # 万, 亿
            section += digit or 0
            total = (total + section) * BIG_UNITS[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


def parse_zh_number(text: str) -> float | None:
    """The value of a figure's number: "1.178亿" → 117800000.0, "8,298" → 8298.0."""
    text = text.strip()
    m = re.match(rf"({ARABIC})([万亿]*)", text)
    if m:
        try:
            value = float(m.group(1).replace(",", ""))
        except ValueError:
            return None
        for ch in m.group(2):
            value *= BIG_UNITS[ch]
        return value
    m = re.match(ZH_NUMERAL, text)
    if m:
        parsed = parse_zh_int(m.group(0))
        return float(parsed) if parsed is not None else None
    return None


_PART = rf"(?:\d{{1,4}}|{ZH_NUMERAL})"
DATE = re.compile(
    rf"(?P<y>\d{{4}}|[{''.join(DIGITS)}]{{4}})年(?:(?P<m>{_PART})月(?:(?P<d>{_PART})[日号])?)?"
    rf"|(?P<m2>{_PART})月(?:(?P<d2>{_PART})[日号])?"
    rf"|(?<![\d{NUMERAL_CHARS}月])(?P<d3>\d{{1,2}}|[{NUMERAL_CHARS}]{{1,3}})[日号](?![\d本元])"
)


def _value(part: str | None) -> int | None:
    if not part:
        return None
    return int(part) if part.isdigit() else parse_zh_int(part)


def parse_zh_date(text: str) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) of a Chinese date; None where it is not given (23日 → day only)."""
    m = DATE.fullmatch(text.strip())
    if not m:
        return None, None, None
    return (_value(m.group("y")), _value(m.group("m") or m.group("m2")),
            _value(m.group("d") or m.group("d2") or m.group("d3")))


def iso_of(text: str) -> str | None:
    """`2022年9月27日` → `2022-09-27`; None unless year, month and day are all given."""
    year, month, day = parse_zh_date(text)
    if year is None or month is None or day is None:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
