"""Chinese transcripts end to end: a GB18030 file is ingested, and a Chinese and an English
question are answered from a Chinese passage, quoted verbatim (real models, real Chroma)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from bot.evaluate import contains_answer

pytestmark = pytest.mark.slow

SAMPLE = "mfa_zh_sample/undated-2009_mfa_zh_qa_sample.txt"


@pytest.fixture(scope="module")
def zh_service(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    """An index of the Chinese sample, stored as GB18030, and the English seed transcript."""
    from bot.config import Settings
    from bot.service import QAService

    root = tmp_path_factory.mktemp("zh-corpus")
    (root / "mfa_zh_sample").mkdir()
    text = (corpus_dir / SAMPLE).read_text(encoding="utf-8")
    (root / SAMPLE).write_bytes(text.encode("gb18030"))
    seed = "2022-09-27_tianshan_xinjiang_industry_presser.txt"
    shutil.copy(corpus_dir / seed, root / seed)
    service = QAService(Settings(index_dir=tmp_path_factory.mktemp("zh-index")))
    report = service.ingest(root)
    assert [f.status for f in report.files] == ["indexed", "indexed"], report
    return service


def _check_quote(service, answer) -> None:
    c = answer.citations[0]
    doc = service.get_document(c.doc_id)
    assert doc is not None and doc.text[c.start:c.end] == c.quote  # verbatim, at its offsets
    assert re.sub(r"\s", "", answer.answer) in re.sub(r"\s", "", c.quote)


def test_gb18030_file_is_ingested(zh_service) -> None:
    docs = {d.doc_id: d for d in zh_service.documents()}
    assert docs[SAMPLE].language == "zh"
    doc = zh_service.get_document(SAMPLE)
    assert doc is not None and "外交部发言人" in (doc.title or "")
    passages = zh_service.passages(SAMPLE)
    assert all(p.language == "zh" for p in passages)
    assert zh_service.index.store.multilingual_count() == len(passages)  # E5 vectors


def test_chinese_question(zh_service) -> None:
    a = zh_service.ask("中国改革开放已经走过多少年？")
    assert a.answered and contains_answer(a.answer, "38年"), a
    c = a.citations[0]
    assert c.doc_id == SAMPLE and c.language == "zh" and c.speaker_role == "official"
    _check_quote(zh_service, a)


def test_english_question_over_a_chinese_passage(zh_service) -> None:
    a = zh_service.ask("On what date was China's sea rescue centre told by Vietnam that one "
                       "of its fishing vessels had gone down?")
    assert a.answered and a.answer == "7月9日", a  # the Chinese span, verbatim
    assert a.translation == "July 9"
    assert a.citations[0].doc_id == SAMPLE and a.citations[0].language == "zh"
    _check_quote(zh_service, a)


def test_english_question_over_the_english_seed_still_works(zh_service) -> None:
    a = zh_service.ask("How many difficulties had been resolved for companies by September 25?")
    assert a.answered and "3002" in (a.answer or "")
    assert a.citations[0].language == "en"


def test_unanswered_chinese_question_is_refused(zh_service) -> None:
    a = zh_service.ask("遭袭的中国维和人员所在营地位于南苏丹哪座城市？")
    assert not a.answered and not a.citations


def test_api_carries_chinese_verbatim(zh_service) -> None:
    """Over HTTP: the JSON carries the Chinese answer, quote and language as they are."""
    import httpx

    from bot.api import create_app
    from tests.api.conftest import serving

    with serving(create_app(zh_service, zh_service.settings)) as url:
        reply = httpx.post(f"{url}/api/v1/ask", json={"question": "中俄建交多少周年？"},
                           timeout=120)
        assert reply.status_code == 200
        assert "60周年".encode() in reply.content  # UTF-8, not \\u escapes
        body = reply.json()
        assert body["answer"] == "60周年"
        assert body["citations"][0]["language"] == "zh"
        assert "60周年" in body["citations"][0]["quote"]
        events = httpx.post(f"{url}/api/v1/ask", json={"question": "中俄建交多少周年？",
                                                        "stream": True}, timeout=120).text
        assert "60周年" in events
