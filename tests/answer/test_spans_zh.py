"""Choosing the span in a Chinese sentence, for Chinese and English questions."""

from __future__ import annotations

from bot.answer.candidates_zh import extract_candidates_zh
from bot.answer.spans_zh import score_spans_zh
from bot.understand.question import analyze_question

SANK = ("7月9日19时许，中国海上搜救中心接越南海上搜救中心通报，表示一艘越南籍渔船在南海永兴岛"
        "东南55海里处沉没，船上5名越南籍渔民全部落水，请求救援。")


def _best(question: str, sentence: str) -> str | None:
    spans = score_spans_zh(sentence, extract_candidates_zh(sentence), analyze_question(question),
                           {})
    return spans[0].candidate.text if spans else None


def test_english_units_choose_the_measure_word() -> None:
    assert _best("How many nautical miles from the island did the fishing vessel go down?",
                 SANK) == "55海里"
    assert _best("How many Vietnamese fishermen fell into the water?", SANK) == "5名"


def test_english_date_question_takes_the_chinese_date() -> None:
    assert _best("On what date did the center receive the report?", SANK) == "7月9日"


def test_what_the_question_says_is_not_the_answer() -> None:
    sentence = "今年是中俄建交60周年，双方将于10月举行庆祝大会。"
    assert _best("中俄建交多少周年？", sentence) == "60周年"
    assert _best("How many years after the 60th anniversary?", sentence) != "60周年"


def test_place_question_needs_a_place() -> None:
    sentence = "联合国驻南苏丹维和特派团遇袭事件造成中国维和士兵2人牺牲。"
    assert _best("遭袭的中国维和人员所在营地位于南苏丹哪座城市？", sentence) is None
