"""Chinese speaker labels: 问：, 答：, 主持人：, 记者：, and a name (with a title) followed by ：.

A name label is short (at most 12 characters), starts its line, and is either a
title (发言人, 司长 ...) or a 2-4 character name; a clause ending in a verb of saying
(他表示：, 具体如下：) is not a label.
"""

from __future__ import annotations

import re

from bot.lang import CJK_CHARS

LABEL = re.compile(rf"(?P<label>[{CJK_CHARS}·•A-Za-z]{{1,12}})\s*[：:]\s*")
QUESTION_LABELS = frozenset({"问", "记者", "提问", "记者问"})
ANSWER_LABELS = frozenset({"答"})
MODERATOR_LABELS = frozenset({"主持人", "主持", "司仪"})
_REPORTER = re.compile(r"(?:记者|媒体)$")
_TITLES = re.compile(r"(?:发言人|部长|副部长|主任|副主任|局长|司长|处长|书记|市长|省长|区长|县长|"
                     r"主席|总理|大使|厅长|院长|署长|总经理|董事长|负责人|委员|秘书长|专家|"
                     r"教授|研究员|所长|主管|总裁)$")
_NOT_LABEL = re.compile(r"(?:表示|说|指出|强调|认为|称|如下|是|为|包括|介绍|回答|问道|透露|"
                        r"提到|宣布|补充|谈到|写道|注意|例如|比如|其中|一是|二是|三是|第[一二三四五六七八九十]+)$")


def match_zh_label(line: str) -> tuple[str, int] | None:
    """(label, where the words start) when `line` opens with a Chinese speaker label."""
    m = LABEL.match(line)
    if not m:
        return None
    label = m.group("label")
    rest = line[m.end():]
    if not rest.strip():
        return None  # "具体如下：" closing a line introduces a list, not a turn
    known = label in QUESTION_LABELS | ANSWER_LABELS | MODERATOR_LABELS
    if known or _REPORTER.search(label) or _TITLES.search(label):
        return label, m.end()
    if _NOT_LABEL.search(label) or not re.fullmatch(rf"[{CJK_CHARS}·•]{{2,4}}", label):
        return None
    return label, m.end()


def zh_kind(label: str) -> tuple[str | None, str]:
    """(speaker, kind) of a Chinese label: 问 and 记者 are reporters, 答 and named officials
    speak for the government, 主持人 moderates."""
    if label in QUESTION_LABELS:
        return None, "reporter"
    if label in ANSWER_LABELS:
        return None, "official"
    if label in MODERATOR_LABELS:
        return None, "moderator"
    if _REPORTER.search(label):
        return label, "reporter"  # 新华社记者: the outlet's reporter
    return label, "official"
