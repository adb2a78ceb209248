"""Chinese numerals and dates."""

from __future__ import annotations

import pytest

from bot.zh_numbers import iso_of, parse_zh_date, parse_zh_int, parse_zh_number


@pytest.mark.parametrize(("text", "value"), [
    ("三千零二", 3002), ("十三", 13), ("两万", 20000), ("一百零五", 105), ("六十", 60),
    ("十", 10), ("二〇二二", 2022), ("五", 5),
])
def test_chinese_integers(text: str, value: int) -> None:
    assert parse_zh_int(text) == value


@pytest.mark.parametrize(("text", "value"), [
    ("1.178亿", 117_800_000), ("12.71万", 127_100), ("8,298", 8298), ("三千零二", 3002),
])
def test_figures(text: str, value: float) -> None:
    assert parse_zh_number(text) == pytest.approx(value)


@pytest.mark.parametrize(("text", "parts", "iso"), [
    ("2022年9月27日", (2022, 9, 27), "2022-09-27"),
    ("9月25日", (None, 9, 25), None),
    ("23日", (None, None, 23), None),
    ("七月九日", (None, 7, 9), None),
    ("二〇二二年九月二十七日", (2022, 9, 27), "2022-09-27"),
])
def test_dates(text: str, parts: tuple, iso: str | None) -> None:
    assert parse_zh_date(text) == parts
    assert iso_of(text) == iso


def test_not_a_number() -> None:
    assert parse_zh_int("中国") is None


@pytest.mark.parametrize(("text", "english"), [
    ("7月9日", "July 9"), ("23日", "the 23rd"), ("2022年9月27日", "September 27, 2022"),
    ("3人", "3 people"), ("1.178亿元", "117.8 million yuan"), ("12.71万元", "127,100 yuan"),
    ("三千零二个", "3,002"), ("马姆斯特罗姆", None),
])
def test_gloss(text: str, english: str | None) -> None:
    from bot.answer.translate_zh import gloss

    assert gloss(text) == english
