"""Typed candidate spans in Chinese sentences: figures with units, dates, names, phrases."""

from __future__ import annotations

import pytest

from bot.answer.candidates_zh import extract_candidates_zh


def _kinds(sentence: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for c in extract_candidates_zh(sentence):
        assert sentence[c.start:c.end] == c.text  # verbatim
        out.setdefault(c.kind, set()).add(c.text)
    return out


@pytest.mark.parametrize(("sentence", "kind", "text", "value"), [
    ("2016年1至4月，全国设立外商投资企业8298家，同比增长65。", "count", "8298家", 8298),
    ("今年是中俄建交60周年，双方将于10月举行庆祝大会。", "quantity", "60周年", 60),
    ("事件造成中国维和士兵2人牺牲、2人重伤、3人轻伤。", "count", "3人", 3),
    ("实现营业收入1.178亿元，同比增长12%。", "money", "1.178亿元", 117_800_000),
    ("人均工资达到12.71万元。", "money", "12.71万元", 127_100),
    ("已协调解决困难三千零二个。", "count", "三千零二个", 3002),
    ("胡锦涛主席还提出发展中日关系的五点建议。", "count", "五点", 5),
    ("同比增长12%。", "percent", "12%", 12),
])
def test_figures(sentence: str, kind: str, text: str, value: float) -> None:
    found = [c for c in extract_candidates_zh(sentence) if c.kind == kind and c.text == text]
    assert found, _kinds(sentence)
    assert found[0].value == pytest.approx(value)


def test_ordinals_and_words_are_not_figures() -> None:
    kinds = _kinds("第一，加强高层交往。我们一直统一认识，做了一些工作。")
    assert not kinds.get("count") and not kinds.get("number")


@pytest.mark.parametrize(("sentence", "date"), [
    ("胡锦涛主席将于23日在美国同梅德韦杰夫总统举行双边会晤。", "23日"),
    ("7月9日19时许，中国海上搜救中心接越南海上搜救中心通报。", "7月9日"),
    ("2022年9月27日，自治区召开新闻发布会。", "2022年9月27日"),
])
def test_dates(sentence: str, date: str) -> None:
    assert date in _kinds(sentence)["date"]


def test_names_and_phrases() -> None:
    kinds = _kinds("据报道，欧盟委员会贸易委员马姆斯特罗姆在华发表演讲。")
    assert "马姆斯特罗姆" in kinds["person"]
    assert "欧盟委员会" in kinds["org"]
    assert "国防部" in _kinds("你可以向国防部了解情况。")["org"]
    policy = _kinds("我们将继续实行积极的财政政策和适度宽松的货币政策。")["phrase"]
    assert "适度宽松的货币政策" in policy
