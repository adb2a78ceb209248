"""Chinese question analysis: answer type, head noun, dates, terms."""

from __future__ import annotations

import pytest

from bot.understand.question import analyze_question


@pytest.mark.parametrize(("question", "answer_type", "subtype", "head"), [
    ("胡锦涛主席与梅德韦杰夫总统的会晤定在几号？", "date", None, None),
    ("普京将于什么时候访华？", "date", None, None),
    ("2016年1至4月全国设立了多少家外商投资企业？", "number", "count", "外商投资"),
    ("中国改革开放已经走过多少年？", "number", "duration", "年"),
    ("欧盟28国对华投资增长了百分之多少？", "number", "percent", None),
    ("发言人建议记者向哪个部门了解情况？", "who", "org", "部门"),
    ("是谁向朝鲜转交了亲署信？", "who", "person", None),
    ("共同社记者下榻的是北京哪家饭店？", "what", "name", "饭店"),
    ("营地位于南苏丹哪座城市？", "what", "place", "城市"),
])
def test_answer_types(question: str, answer_type: str, subtype: str | None,
                      head: str | None) -> None:
    a = analyze_question(question)
    assert a.language == "zh"
    assert (a.answer_type, a.subtype) == (answer_type, subtype)
    if head:
        assert a.head_noun == head


def test_terms_leave_question_words_out() -> None:
    a = analyze_question("据发言人介绍，共同社记者下榻的是北京哪家饭店？")
    assert {"共同社", "下榻", "北京"} <= set(a.terms)
    assert not {"哪家", "的", "是"} & set(a.terms)


def test_conference_date_and_content_date() -> None:
    a = analyze_question("2022年9月27日的发布会上，截至9月25日解决了多少个困难？")
    assert a.conference is not None and a.conference.start.isoformat() == "2022-09-27"
    assert a.content_dates == ["9月25日"]
    assert "2022" not in a.terms


def test_english_question_stays_english() -> None:
    a = analyze_question("How many Chinese engineers were hurt at the dam site?")
    assert a.language == "en" and a.answer_type == "number"
