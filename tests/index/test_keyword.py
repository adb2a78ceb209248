"""The keyword index: jieba segments Chinese, English is tokenized as before."""

from __future__ import annotations

from bot.index.keyword import KeywordIndex
from bot.schema import Passage
from bot.tokens import tokenize


def _passage(n: int, text: str) -> Passage:
    return Passage(id=f"d.txt#{n}", doc_id="d.txt", n=n, text=text, start=0, end=len(text),
                   turn=0)


def test_chinese_is_segmented() -> None:
    tokens = tokenize("在记者下榻的北京饭店，全国设立外商投资企业8298家")
    assert {"北京", "饭店", "北京饭店", "外商投资", "企业", "8298"} <= set(tokens)
    assert "的" not in tokens  # function words are left out
    assert not any(len(t) > 6 for t in tokens)  # no whole run of characters as one token


def test_english_is_unchanged() -> None:
    assert tokenize("How many difficulties had been resolved? 3,002 of them") == [
        "how", "mani", "difficulti", "had", "been", "resolv", "3002", "them"]
    assert tokenize("Fed 中国 rates") == ["feder", "中国", "rate"]


def test_chinese_question_finds_chinese_passage() -> None:
    index = KeywordIndex.build([
        _passage(0, "关于第二个问题，我没有听说这一访问。你可以向国防部了解情况。"),
        _passage(1, "今年是中俄建交60周年，双方将于10月举行庆祝大会。"),
        _passage(2, "The Federal Reserve raised rates by 75 basis points."),
    ])
    hits = index.search("中俄建交多少周年？", k=3)
    assert hits and hits[0][0] == "d.txt#1"
    hits = index.search("向哪个部门了解情况", k=3)
    assert hits and hits[0][0] == "d.txt#0"
    assert index.search("How much did the Fed raise rates?", k=3)[0][0] == "d.txt#2"
