"""What a Chinese question asks for: answer type from its question word, its head noun,
the dates it names and its content words (jieba).

多少/几 ask for a figure, 几号/哪天/何时/什么时候 for a date, 谁/哪位 for a person,
哪个部门 for an organisation, 哪家饭店/什么政策 for a name whose head noun is given.
A date followed by 的发布会/记者会 names the press conference; other dates are content.
"""

from __future__ import annotations

import re
from datetime import date

from bot.lang import segment, word_set
from bot.tokens import ZH_STOPWORDS
from bot.understand.dates import DateSpan
from bot.zh_numbers import DATE, iso_of, parse_zh_date

_DATE_ASK = re.compile(r"几号|几日|哪天|哪一天|哪日|何日|什么时候|何时|哪年|哪一年|几月|哪个月|"
                       r"什么日子|哪个日子|什么日期|哪个日期|日期是")
_PERSON_ASK = re.compile(r"谁|哪位|哪一位|什么人|何人")
_DURATION_ASK = re.compile(r"多久|多长时间|多少年|几年|多少天|几天|多少个月|几个月")
_NUMBER_ASK = re.compile(r"多少|几(?=[^\s，。？?号日月])|多大|多高|多远|多重|百分之几|几成")
_WHICH = re.compile(r"(?:哪(?:一|个|家|座|所|些|条|项|种|国|位)?|什么样的?|什么|何种|何)"
                    r"(?P<rest>[\u4e00-\u9fff]{1,6})")
_CLASSIFIER = re.compile(r"^(?:个|名|位|家|座|所|项|条|次|艘|架|辆|批|件|份|种|点|起|例|人)")
_MONEY = re.compile(r"多少钱|金额|资金|投资额|费用|多少元|多少美元|多少亿|多少万")
_PERCENT = re.compile(r"百分之|比例|比重|增长率|增幅|降幅|占比|几成|增长了?多少|同比")
ORG_HEADS = word_set(
    "部门 机构 组织 单位 媒体 公司 企业 银行 政府 部委 部 委员会 机关 "
    "通讯社 报社 报纸 电视台 社"
)
PERSON_HEADS = word_set(
    "人 官员 领导人 发言人 记者 总统 总理 主席 部长 大使 委员 首相 大臣 "
    "外长 人物 代表 特使"
)
NUMBER_UNITS = word_set(
    "年 周年 天 日 个月 月 小时 人 家 名 个 次 项 条 元 万元 亿元 "
    "美元 岁 点 倍 艘 架 国 座 所 起 例"
)
PLACE_HEADS = word_set("城市 国家 地方 地区 省份 省 城 港口 岛 岛屿 海域 首都 地点 州 县")
CONFERENCE_WORDS = re.compile(r"^的?(?:例行)?(?:新闻)?(?:发布会|记者会|吹风会|答记者问)")
QUESTION_WORDS = word_set(
    "哪 哪个 哪些 哪家 哪位 哪天 哪年 哪座 哪一 什么 什么样 何时 何种 "
    "多少 几 几号 谁 是否 如何 怎样 怎么 为何 请问 据 发言人 记者"
)


def chinese_answer_type(q: str) -> tuple[str, str | None, str | None]:
    """(answer type, subtype, head noun) of a Chinese question."""
    if _DATE_ASK.search(q):
        return "date", None, None
    if _PERSON_ASK.search(q):
        return "who", "person", None
    if _DURATION_ASK.search(q):
        m = re.search(r"(?:多少|几)(个月|年|天)", q)
        return "number", "duration", m.group(1) if m else None
    if _NUMBER_ASK.search(q):
        if _MONEY.search(q):
            return "number", "money", None
        if _PERCENT.search(q):
            return "number", "percent", None
        return "number", "count", _counted_noun(q)
    which = _WHICH.search(q)
    if which:
        head = _head_noun(which.group("rest"))
        if head in ORG_HEADS or any(head.endswith(h) for h in ("部门", "机构", "组织")):
            return "who", "org", head
        if head in PERSON_HEADS:
            return "who", "person", head
        if head in PLACE_HEADS:
            return "what", "place", head
        return "what", "name", head
    return "what", None, None


def _counted_noun(q: str) -> str | None:
    """The noun a figure counts: 多少家企业 → 企业."""
    m = re.search(r"(?:多少|几)(?P<rest>[\u4e00-\u9fff]{1,6})", q)
    if not m:
        return None
    rest = _CLASSIFIER.sub("", m.group("rest"))
    return _head_noun(rest) if rest else None


def _head_noun(rest: str) -> str:
    """The first word of what follows the question word: 饭店了解 → 饭店."""
    rest = _CLASSIFIER.sub("", rest) or rest
    words = segment(rest)
    return words[0] if words else rest


def chinese_terms(q: str) -> list[str]:
    """The question's content words, without question and function words."""
    out = []
    for w in segment(q):
        if not re.search(r"\w", w) or w in ZH_STOPWORDS or w in QUESTION_WORDS:
            continue
        if len(w) == 1 and not w.isdigit() and not w.isascii():
            continue  # single characters: too many readings
        out.append(w)
    return list(dict.fromkeys(out))


def chinese_dates(q: str) -> tuple[DateSpan | None, list[str]]:
    """The conference a question names (a date before 的发布会), and content dates."""
    conference: DateSpan | None = None
    content: list[str] = []
    for m in DATE.finditer(q):
        text = m.group(0)
        if CONFERENCE_WORDS.match(q[m.end():m.end() + 10]):
            year, month, day = parse_zh_date(text)
            iso = iso_of(text)
            if iso:
                d = date.fromisoformat(iso)
                conference = DateSpan(d, d, text, True)
                continue
            if month and day:
                conference = DateSpan(date.min, date.max, text, True, (month, day))
                continue
            if year and month:
                last = 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31
                conference = DateSpan(date(year, month, 1), date(year, month, last), text, True)
                continue
        content.append(text)
    return conference, content
