"""The `openai` backend over real HTTP: SmolLM2 behind an OpenAI-compatible server on a
loopback port; pressbot's own API streaming generative answers; the CLI's eval."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from bot.errors import LLMUnavailableError
from bot.service import QAService
from tests.api.conftest import serving
from tests.api.test_read import parse_events
from tests.generate.conftest import MAX_TOKENS, openai_settings
from tests.generate.test_generative import SEED, SEED_QUESTION, assert_valid

pytestmark = pytest.mark.llm

@pytest.fixture(scope="module")
def http_service(corpus_service: QAService, openai_url: str) -> QAService:
    return QAService(openai_settings(corpus_service.settings, openai_url))

def test_openai_backend_answers_over_http(http_service: QAService, openai_url: str,
                                          dev_questions: list[dict]) -> None:
    question = next(q for q in dev_questions if q["type"] == "what")
    answer = http_service.ask(question["question"], mode="generative")
    assert_valid(http_service, answer)
    assert answer.citations

@pytest.fixture(scope="module")
def api_url(http_service: QAService):
    from bot.api.app import create_app

    with serving(create_app(http_service, http_service.settings)) as url:
        yield f"{url}/api/v1"

def test_api_streams_generative_answers_citations_first(api_url: str) -> None:
    body = {"question": SEED_QUESTION, "mode": "generative", "stream": True}
    with httpx.Client(timeout=300) as http:
        reply = http.post(f"{api_url}/ask", json=body)
        spec = http.get(f"{api_url}/openapi.json").json()
    assert reply.status_code == 200
    events = parse_events(reply.text)
    names = [name for name, _ in events]
    assert names[0] == "citations" and names[-1] == "answer", names
    assert set(names[1:-1]) == {"token"}
    given, answer = events[0][1], events[-1][1]
    assert isinstance(given, list) and given[0]["doc_id"] == SEED
    assert isinstance(answer, dict) and answer["mode"] == "generative"
    assert answer["grounding"] is not None
    modes = spec["components"]["schemas"]["AskRequest"]["properties"]["mode"]["enum"]
    assert modes == ["extractive", "generative"]

def test_api_answers_generatively_in_one_reply(api_url: str) -> None:
    with httpx.Client(timeout=300) as http:
        reply = http.post(f"{api_url}/ask", json={"question": SEED_QUESTION,
                                                  "mode": "generative"})
    assert reply.status_code == 200
    assert reply.json()["mode"] == "generative" and reply.json()["citations"]

def test_an_unreachable_llm_is_a_clear_502(corpus_service: QAService) -> None:
    from bot.api.app import create_app

    down = QAService(openai_settings(corpus_service.settings, "http://127.0.0.1:9/v1"))
    with pytest.raises(LLMUnavailableError, match="the LLM failed"):
        down.ask(SEED_QUESTION, mode="generative")
    with serving(create_app(down, down.settings)) as url, httpx.Client(timeout=120) as http:
        reply = http.post(f"{url}/api/v1/ask", json={"question": SEED_QUESTION,
                                                     "mode": "generative"})
        streamed = parse_events(http.post(f"{url}/api/v1/ask", json={
            "question": SEED_QUESTION, "mode": "generative", "stream": True}).text)
    assert reply.status_code == 502 and reply.json()["error"]["code"] == "llm_unavailable"
    assert streamed[-1][0] == "error"
    assert streamed[-1][1]["error"]["code"] == "llm_unavailable"  # type: ignore[index]

def test_cli_eval_reports_the_grounding_failure_share(corpus_service: QAService,
                                                      openai_url: str, tmp_path: Path,
                                                      dev_questions: list[dict]) -> None:
    questions = tmp_path / "two.jsonl"
    questions.write_text("\n".join(json.dumps(q) for q in dev_questions[:2]) + "\n")
    out = tmp_path / "out.json"
    index = str(corpus_service.settings.index_dir)
    env = {**os.environ, "PRESSBOT_LLM_BACKEND": "openai", "PRESSBOT_LLM_BASE_URL": openai_url,
           "PRESSBOT_LLM_MODEL": "smollm2", "PRESSBOT_LLM_MAX_TOKENS": str(MAX_TOKENS)}
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "eval", str(questions), "--index", index,
         "--mode", "generative", "--out", str(out)],
        capture_output=True, text=True, timeout=600, env=env)
    assert result.returncode == 0, result.stderr
    assert "grounding_failure_rate" in result.stdout
    summary = json.loads(out.read_text())["summary"]
    assert summary["grounding_checked"] == 2
    assert 0.0 <= summary["grounding_failure_rate"] <= 1.0

    no_llm = {k: v for k, v in env.items() if not k.startswith("PRESSBOT_LLM")}
    refused = subprocess.run(
        [sys.executable, "-m", "bot.cli", "eval", str(questions), "--index", index,
         "--mode", "generative"], capture_output=True, text=True, timeout=600, env=no_llm)
    assert refused.returncode == 2 and "no LLM is configured" in refused.stderr
