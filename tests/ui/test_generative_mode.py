"""Generative mode in the browser, with the packaged SmolLM2: the switch shows only when an
LLM is configured, and a generative answer arrives checked, with cards or a plain note."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.api.conftest import serving
from tests.ui.test_chat import QUESTION, ask

pytestmark = pytest.mark.llm


@pytest.fixture(scope="module")
def llm_url(corpus_service, smollm2):
    from bot.app import build_app
    from bot.service import QAService

    service = QAService(corpus_service.settings, llm=smollm2)
    with serving(build_app(service, service.settings)) as url:
        yield url


def test_no_switch_without_an_llm(page: Page, ui_url: str) -> None:
    page.goto(ui_url + "/")
    expect(page.locator("#pb-question textarea")).to_be_visible()
    assert page.locator("#pb-mode").count() == 0 or not page.locator("#pb-mode").is_visible()


def test_a_generative_answer_is_checked_and_cited(page: Page, llm_url: str) -> None:
    page.goto(llm_url + "/")
    page.locator("#pb-mode").get_by_text("Generative (LLM, checked)").click()
    ask(page, QUESTION)
    chat = page.locator("#pb-chat")
    reply = chat.locator(".message-content").nth(1)
    expect(reply.locator(".pb-card").first).to_be_visible(timeout=180_000)
    # whatever SmolLM2 wrote, the reply carries checked text or the extractive fallback
    expect(reply.locator(".pb-card").first).to_contain_text("Zhu Dadong")
