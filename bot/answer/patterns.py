"""Regular expressions for typed answer spans: figures with units, dates and periods.

Each finder takes a sentence and yields `Raw` tuples `(start, end, kind, value)` whose
offsets index the sentence verbatim. These are exact where spaCy is not (it tags
"3002" as a DATE and misses "3 to 3¼ percent"); `candidates.py` merges them with
spaCy's entities and noun chunks; names are in `name_patterns.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

Raw = tuple[int, int, str, "float | None"]

KINDS = {"percent", "money", "range", "multiplier", "count", "quantity", "number", "date",
         "period", "person", "org", "gpe", "product", "event", "phrase"}
FIGURE_KINDS = {"percent", "money", "range", "multiplier", "count", "quantity", "number"}
TIME_KINDS = {"date", "period"}
NAME_KINDS = {"phrase", "org", "product", "event", "person", "gpe"}

# --- numbers -------------------------------------------------------------------------------

_FRACTIONS = {"¼": 0.25, "½": 0.5, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 0.125}
_FRAC_CHARS = "".join(_FRACTIONS)
_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
          "seventeen", "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
           "万": 1e4, "亿": 1e8}
_DENOMS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
           "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}
_WORD_VALUES = {w: float(i) for i, w in enumerate(_ONES)}
_WORD_VALUES.update({w: float(i + 10) for i, w in enumerate(_TEENS)})
_WORD_VALUES.update({w: float(20 + 10 * i) for i, w in enumerate(_TENS)})
_WORD_VALUES.update({"a": 1.0, "an": 1.0, "dozen": 12.0})

_LB = r"(?<![A-Za-z0-9_.,$£€¥/:-])"  # no \w: it matches CJK, which may abut a figure
_RB = r"(?![A-Za-z0-9/:]|[.,]\d)"
NUM = rf"(?:(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?[{_FRAC_CHARS}]?|[{_FRAC_CHARS}])"
_ONE_W = "|".join(_ONES[1:])
_INT_W = (rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{_ONE_W}))?|{'|'.join(_TEENS)}|{_ONE_W}"
          r"|zero|a dozen)")
WORD_INT = rf"(?:{_INT_W}(?:\s+hundred(?:\s+(?:and\s+)?{_INT_W})?)?|a hundred)"
WORD_FRAC = (r"(?:(?:one|two|three|four|a)[- ](?:halves|half|thirds?|quarters?|fourths?|"
             r"fifths?|tenths?)|half)(?=\s+(?:of|percent|percentage|point|million|billion)\b|"
             r"\s*[,.;:)]|\s*$)")
SCALE = r"(?:hundred|thousand|million|billion|trillion)"
AMOUNT = (rf"(?:{NUM}(?:\s*{SCALE}\b|\s?[万亿])?|(?i:\b{WORD_FRAC}\b|\b{WORD_INT}\b)"
          rf"(?:\s+{SCALE}\b)?)")
QUAL = (r"(?i:(?:(?:just|well|a little|slightly)\s+)?(?:over|under|more than|less than|"
        r"fewer than|nearly|almost|about|around|approximately|roughly|some|at least|at most|"
        r"up to|close to|upwards of|an estimated|as many as|as much as|as few as|"
        r"as little as|below|above)\s+)?")

_PCT_UNIT = r"(?:\s?%|\s*(?:percentage points?|percent|per cent|basis points?|bps)\b)"
_CUR_SYM = r"(?:US\$|U\.S\.\s?\$|[CA]\$|HK\$|\$|RMB\s?|USD\s?|EUR\s?|CNY\s?|¥|€|£)"
_CUR_WORD = (r"(?:yuan|dollars|euros?|pounds sterling|yen|RMB|renminbi|won|rupees|rubles|"
             r"USD|元|美元|人民币)")
_TIME_UNIT = (r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|quarters?|"
              r"centuries|century|nights?)")
_MEASURE_UNIT = (r"(?:tons?|tonnes?|kilograms?|kg|grams?|pounds|miles?|kilometers?|"
                 r"kilometres?|km|meters?|metres?|feet|foot|inches|acres?|hectares?|mu|"
                 r"gallons?|barrels?|liters?|litres?|megawatts?|gigawatts?|kilowatts?|MW|GW|"
                 r"kWh|square (?:meters|metres|kilometers|kilometres|miles|feet)|degrees?)")


def parse_number(text: str) -> float | None:
    """The numeric value of a figure's text ("12.71 million", "two thirds", "6½"), or None."""
    t = text.lower().replace(",", "").strip()
    m = re.search(rf"(\d+(?:\.\d+)?)([{_FRAC_CHARS}])?|()([{_FRAC_CHARS}])", t)
    if m:
        frac = m.group(2) or m.group(4) or ""
        value: float | None = float(m.group(1) or 0) + _FRACTIONS.get(frac, 0.0)
        scales = _SCALES
    else:
        value = _parse_words(re.findall(r"[a-z]+", t))
        scales = {k: v for k, v in _SCALES.items() if k != "hundred"}
    if value is None:
        return None
    for word, factor in scales.items():
        if re.search(rf"(?<![a-z]){word}(?![a-z])", t):
            value *= factor
    return value


def _parse_words(words: list[str]) -> float | None:
    current, seen = 0.0, False
    for word in words:
        if word in _WORD_VALUES:
            current += _WORD_VALUES[word]
            seen = True
        elif word in _DENOMS:
            return (current or 1.0) / _DENOMS[word]
        elif word == "hundred":
            current = (current or 1.0) * 100
            seen = True
    return current if seen else None


# --- figure patterns -----------------------------------------------------------------------

_BETWEEN = rf"(?i:between)\s+{AMOUNT}\s*(?:%|percent)?\s+and\s+{AMOUNT}"
_FROM_TO = (rf"(?:(?i:from)\s+)?{AMOUNT}\s*(?:%|percent)?\s*(?:to|through|–|—|"
            rf"(?<=[\d%{_FRAC_CHARS}])-)\s*{AMOUNT}")
_MONEY_RANGE = (rf"(?:(?i:between|from)\s+)?{_CUR_SYM}{AMOUNT}\s*(?:to|and|-|–)\s*"
                rf"{_CUR_SYM}?{AMOUNT}")

FIGURE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("range", re.compile(rf"{_LB}(?:{_BETWEEN}|{_FROM_TO}){_PCT_UNIT}")),
    ("range", re.compile(rf"{_LB}{_MONEY_RANGE}(?:\s+{_CUR_WORD}\b)?")),
    ("range", re.compile(rf"{_LB}(?:{_BETWEEN}|{_FROM_TO})\s+(?:{_CUR_WORD}|{_TIME_UNIT}|"
                         rf"{_MEASURE_UNIT})\b")),
    ("range", re.compile(rf"{_LB}{_BETWEEN}{_RB}")),
    ("percent", re.compile(rf"{_LB}{QUAL}{AMOUNT}{_PCT_UNIT}")),
    ("money", re.compile(rf"{QUAL}{_CUR_SYM}{NUM}(?:\s*{SCALE}\b|\s?[万亿])?"
                         rf"(?:\s+(?:dollars|yuan)\b)?")),
    ("money", re.compile(rf"{_LB}{QUAL}{AMOUNT}\s*{_CUR_WORD}(?![A-Za-z])")),
    ("multiplier", re.compile(rf"(?i:a factor of)\s+{AMOUNT}{_RB}")),
    ("multiplier", re.compile(rf"{_LB}{QUAL}{AMOUNT}[\s-]?(?i:times|fold)\b(?:\s+(?i:greater|"
                              r"higher|lower|more|less|larger|smaller|faster|slower|bigger|"
                              r"as (?:many|much|likely|high|large|fast)))?")),
    ("multiplier", re.compile(r"\b(?i:twice|thrice)\b")),
    ("count", re.compile(rf"{_LB}{QUAL}{AMOUNT}\s+(?i:out of|of the|in)\s+(?:(?i:our|the|all)\s+)?"
                         rf"{NUM}\s+[A-Za-z]+")),
    ("quantity", re.compile(rf"{_LB}{QUAL}{AMOUNT}[\s-](?:{_TIME_UNIT}|{_MEASURE_UNIT})\b")),
    ("number", re.compile(rf"{_LB}{NUM}(?:\s*{SCALE}\b|\s?[万亿])?{_RB}")),
    ("number", re.compile(rf"(?i:\b{WORD_FRAC}\b|\b{WORD_INT}\b)(?:\s+{SCALE}\b)?")),
]
NOT_NUMBERS = {"one", "a dozen", "zero"}


def find_figures(sentence: str) -> Iterator[Raw]:
    """Percentages, ranges, money, multipliers, quantities and bare numbers."""
    for kind, pattern in FIGURE_PATTERNS:
        for m in pattern.finditer(sentence):
            text = m.group(0)
            if kind == "number" and text.lower() in NOT_NUMBERS:
                continue
            value = None if kind == "range" else _figure_value(kind, text)
            yield m.start(), m.end(), kind, value


def _figure_value(kind: str, text: str) -> float | None:
    if kind == "multiplier" and text.lower() in ("twice", "thrice"):
        return 2.0 if text.lower() == "twice" else 3.0
    body = re.sub(r"(?i)^(?:a factor of|over|under|more than|less than|fewer than|nearly|"
                  r"almost|about|around|approximately|roughly|some|at least|at most|up to)\s+",
                  "", text)
    return parse_number(body)


# --- dates and periods ---------------------------------------------------------------------

MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
         r"December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.?|Oct\.|Nov\.|Dec\.)")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
YEAR = r"(?:1[89]\d{2}|20\d{2})"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_HOLIDAY = (r"(?:Easter(?: Sunday)?|Christmas(?: Day| Eve)?|Thanksgiving(?: Day)?|"
            r"New Year(?:’s|'s)?(?: Day| Eve)?|Labor Day|Memorial Day|Independence Day|"
            r"(?:the )?Fourth of July|Veterans Day|Halloween|Passover|Ramadan|Spring Festival|"
            r"(?:Chinese|Lunar) New Year|National Day|Juneteenth|Election Day|Inauguration Day)")
_REL = r"(?:this|next|last|early|late|mid|the end of|the beginning of|the start of|the middle of)"
_PERIOD_WORD = r"(?:year|month|week|quarter|decade|summer|spring|fall|autumn|winter)"
_FULL_DATE = (rf"(?:(?:the\s+)?(?i:week of)\s+|{_WEEKDAY},?\s+)?{MONTH}\s+{_DAY}"
              rf"(?:,?\s+{YEAR})?(?![0-9])")

DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("period", re.compile(rf"{MONTH}(?:\s+{YEAR})?\s*(?:to|through|until|till|-|–)\s*"
                          rf"{MONTH}(?:\s+{YEAR})?\b|(?i:between)\s+{MONTH}(?:\s+{YEAR})?\s+"
                          rf"and\s+{MONTH}(?:\s+{YEAR})?\b")),
    ("period", re.compile(rf"\b{YEAR}\s*(?:to|through|-|–)\s*(?:{YEAR}|\d{{2}})(?![-/0-9%])|"
                          rf"(?i:between)\s+{YEAR}\s+and\s+{YEAR}\b")),
    ("period", re.compile(rf"(?i:the\s+)?(?i:first|second|third|fourth|final|last)\s+"
                          rf"(?i:quarter|half)(?:\s+of\s+(?:{YEAR}|this year|next year|"
                          rf"last year|the year))?\b")),
    ("period", re.compile(rf"\b(?:Q[1-4]|H[12])(?:\s+{YEAR})?\b|\b(?:fiscal year|FY)\s*"
                          rf"(?:{YEAR}|\d{{2}})\b|\b(?:the\s+)?(?:19|20)\d0s\b")),
    ("date", re.compile(_FULL_DATE)),
    ("date", re.compile(rf"{_DAY}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?")),
    ("date", re.compile(rf"(?:(?i:{_REL})[\s-])?{MONTH}(?:\s+of)?,?\s+{YEAR}\b")),
    ("date", re.compile(rf"(?:(?i:{_REL})[\s-])?\b{MONTH}(?!\w)")),
    ("date", re.compile(rf"(?:(?i:{_REL})[\s-])?\b{YEAR}"
                        rf"(?![0-9%]|[.,]\d)")),
    ("date", re.compile(rf"(?:(?i:this|next|last|on)\s+)?\b{_WEEKDAY}\b")),
    ("date", re.compile(rf"\b{_HOLIDAY}\b")),
    ("date", re.compile(rf"\b(?i:{_REL})\s+(?:of\s+)?(?:this|next|last|the)\s+{_PERIOD_WORD}\b")),
    ("date", re.compile(r"\b(?i:today|tomorrow|yesterday|tonight)\b")),
    ("date", re.compile(r"\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b|\b\d{4}-\d{2}-\d{2}\b")),
    ("date", re.compile(r"\b\d{1,2}(?::\d{2})?\s?(?i:a\.m\.|p\.m\.|am\b|pm\b)")),
    ("date", re.compile(r"\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?|\d{1,2}月(?:\d{1,2}日)?")),
]
_MODAL_MAY_PREV = re.compile(r"(?i:\b(?:in|since|until|till|by|from|of|through|to|and|early|"
                             r"late|mid|last|next|this|before|after)[\s-])$")


def find_dates(sentence: str) -> Iterator[Raw]:
    """Dates ("September 20th", "June 2011", "Easter") and periods ("January to August")."""
    for kind, pattern in DATE_PATTERNS:
        for m in pattern.finditer(sentence):
            if _is_modal_may(sentence, m):
                continue
            yield m.start(), m.end(), kind, None


def _is_modal_may(sentence: str, m: re.Match[str]) -> bool:
    """A lone capitalised "May" opening a sentence is the verb unless context says month."""
    if m.group(0) != "May":
        return False
    return not _MODAL_MAY_PREV.search(sentence[: m.start()])
