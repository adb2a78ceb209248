"""Typed candidate answer spans in a Chinese sentence (no spaCy: regexes and jieba).

Figures with their unit (8298家, 60周年, 3人, 1.178亿元, 12.71万元, 三千零二, 五点), dates
(2022年9月27日, 7月9日, 23日), people, places and organisations (jieba's parts of speech
and name suffixes), and noun phrases (适度宽松的货币政策) for what-questions. Every
candidate's text is the sentence's own characters.
"""

from __future__ import annotations

import re

from bot.answer.candidates import Candidate
from bot.lang import tag
from bot.zh_numbers import DATE, NUMBER, parse_zh_number

MAX_CHARS = 30
_TIME_UNITS = "周年|个多月|个月|年|天|日|小时|分钟|周|星期|季度|世纪"
_MEASURE_UNITS = "海里|公里|千米|米|吨|公斤|千克|平方米|平方公里|亩|公顷|立方米|千瓦|兆瓦|度"
_MONEY_UNITS = "元人民币|元|美元|欧元|日元|英镑|港元|人民币"
_COUNT_UNITS = ("人次|人|名|位|家|个|次|项|条|艘|架|辆|批|件|份|种|点|起|例|所|座|国|轮|届|场|"
                "篇|台|套|枚|头|只|处|部|支|级|期")
_QUAL = r"(?:约|近|超过|超|逾|共|达|仅|不到|将近|多达|至少)?"
_MORE = r"(?:多|余|左右)?"
FIGURES: list[tuple[str, re.Pattern[str]]] = [
    ("percent", re.compile(rf"百分之{NUMBER}|{NUMBER}\s?[%％]|{NUMBER}个百分点")),
    ("money", re.compile(rf"{NUMBER}{_MORE}(?:{_MONEY_UNITS})")),
    ("multiplier", re.compile(rf"{NUMBER}{_MORE}倍")),
    ("quantity", re.compile(rf"{NUMBER}{_MORE}(?:{_TIME_UNITS}|{_MEASURE_UNITS})")),
    ("count", re.compile(rf"{NUMBER}{_MORE}(?:{_COUNT_UNITS})")),
    ("number", re.compile(r"\d+(?:[.,]\d+)*(?:[万亿]+)?")),
]
_ORG_SUFFIX = re.compile(r"(?:部|局|署|委|委员会|办公室|办|中心|社|组织|政府|银行|公司|集团|"
                         r"大学|学院|医院|法院|协会|饭店|酒店|使馆|大使馆|总部|议会|理事会|"
                         r"联盟|基金会|电视台|通讯社|报)$")
_NOT_PERSON = re.compile(r"(?:会|籍|部|局|省|市|县|国|方)$")  # jieba's nr on 大会, 越南籍
_GLUED_VERBS = "驻在于赴从到往向自"  # jieba's ns on 驻南(苏丹): a verb glued to a place
_PERSON_FLAGS = {"nr", "nrt", "nrfg"}
_NOUNISH = {"n", "nz", "nt", "ns", "nr", "nrt", "nrfg", "vn", "an", "j", "l", "i", "ng", "b"}
_MODIFIERS = {"a", "ad", "d", "b", "n", "nz", "vn", "m", "ns", "nt", "j", "v"}


def extract_candidates_zh(sentence: str) -> list[Candidate]:
    """Typed candidate spans of a Chinese sentence, in order of position."""
    tokens = tag(sentence)
    boundaries = {0}
    for word, _ in tokens:
        boundaries.add(max(boundaries) + len(word))
    found: dict[tuple[int, int, str], Candidate] = {}
    taken: list[tuple[int, int]] = []
    for kind, pattern in FIGURES:
        for m in pattern.finditer(sentence):
            if _is_ordinal(sentence, m.start()) or any(a <= m.start() and m.end() <= b
                                                       for a, b in taken):
                continue
            if kind == "number" and not _standalone(sentence, m.start(), m.end()):
                continue
            text = m.group(0)
            if kind != "number" and _bare_word(text, m.start(), boundaries):
                continue
            found[(m.start(), m.end(), kind)] = Candidate(text, m.start(), m.end(), kind,
                                                          parse_zh_number(text))
            taken.append((m.start(), m.end()))
    for m in DATE.finditer(sentence):
        if not _is_ordinal(sentence, m.start()):
            found[(m.start(), m.end(), "date")] = Candidate(m.group(0), m.start(), m.end(), "date")
    for c in _names(sentence, tokens):
        found.setdefault((c.start, c.end, c.kind), c)
    dates = [(c.start, c.end) for c in found.values() if c.kind == "date"]
    kept = [c for c in found.values() if not (
        c.kind in ("quantity", "count", "number") and any(
            a <= c.start and c.end <= b for a, b in dates))]
    return sorted(kept, key=lambda c: (c.start, -(c.end - c.start), c.kind))


def _is_ordinal(sentence: str, start: int) -> bool:
    """第一, 第二: an ordinal, not a figure."""
    return start > 0 and sentence[start - 1] == "第"


def _standalone(sentence: str, start: int, end: int) -> bool:
    """A bare Arabic number that is not part of a code or a longer figure."""
    before = sentence[start - 1] if start else ""
    after = sentence[end] if end < len(sentence) else ""
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())


_WORDS_WITH_NUMERALS = re.compile(r"^(?:一(?:个|些|点|直|起|次|道|切|样|般|项|定|带|批|方面)|"
                                  r"十一$|万一|千万|百万)")


def _bare_word(text: str, start: int, boundaries: set[int]) -> bool:
    """A Chinese numeral inside an ordinary word (一些, 一直, 统一, 唯一): not a figure."""
    if text[0].isdigit():
        return False
    if start not in boundaries:
        return True  # 统一, 唯一, 万一: the numeral closes a word jieba keeps whole
    return bool(_WORDS_WITH_NUMERALS.match(text)) or (text[0] == "一" and len(text) <= 2)


def _names(sentence: str, tokens: list[tuple[str, str]]) -> list[Candidate]:
    """People (jieba nr, merged with a middle dot), places (ns), organisations (nt or a
    suffix such as 部, 局, 饭店) and noun phrases (modifier + 的 + noun)."""
    spans: list[tuple[int, int, str]] = []
    pos = 0
    starts = []
    for word, _ in tokens:
        starts.append(pos)
        pos += len(word)
    i = 0
    while i < len(tokens):
        word, flag = tokens[i]
        start = starts[i]
        if flag in _PERSON_FLAGS:
            j = i + 1
            while j < len(tokens) and (tokens[j][1] in _PERSON_FLAGS or (
                    tokens[j][0] in "·•" and j + 1 < len(tokens)
                    and tokens[j + 1][1] in _PERSON_FLAGS)):
                j += 1
            end = starts[j - 1] + len(tokens[j - 1][0])
            if end - start >= 2 and not _NOT_PERSON.search(sentence[start:end]):
                spans.append((start, end, "person"))
            i = j
            continue
        if flag == "nt" or (flag.startswith("n") and _ORG_SUFFIX.search(word) and len(word) >= 3):
            spans.append((start, start + len(word), "org"))
        elif flag == "ns" and len(word) >= 2 and word[0] not in _GLUED_VERBS:
            spans.append((start, start + len(word), "gpe"))
        i += 1
    spans += _phrases(tokens, starts)
    return [Candidate(sentence[a:b], a, b, kind) for a, b, kind in spans
            if 1 < b - a <= MAX_CHARS]


def _phrases(tokens: list[tuple[str, str]], starts: list[int]) -> list[tuple[int, int, str]]:
    """Noun phrases: a run of modifiers and nouns ending in a noun, with at most one 的
    (积极的财政政策, 适度宽松的货币政策, 北京饭店), and the bare noun compound at its end."""
    out: list[tuple[int, int, str]] = []
    n = len(tokens)
    for end in range(n):
        word, flag = tokens[end]
        if flag not in _NOUNISH or not re.search(r"[\u4e00-\u9fff]", word):
            continue
        if end + 1 < n and tokens[end + 1][1] in _NOUNISH - {"vn"}:
            continue  # the phrase goes on
        stop = starts[end] + len(word)
        begin, de = end, False
        while begin > 0:
            w, f = tokens[begin - 1]
            if w == "的" and not de and begin - 1 > 0 and tokens[begin - 2][1] in _MODIFIERS:
                de = True
                begin -= 1
                continue
            if f in (_NOUNISH | ({"a", "ad", "b"} if not de else {"a", "ad", "b", "d"})):
                begin -= 1
                continue
            break
        for b in range(begin, end + 1):
            if tokens[b][0] == "的":
                continue
            out.append((starts[b], stop, "phrase"))
    return out
