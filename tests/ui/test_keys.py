"""API keys in the browser: writes ask for a key; with keyed reads, a reader signs in to
the UI and can then open the transcripts the answers cite."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect
from pydantic import SecretStr

from tests.api.conftest import serving
from tests.ui.test_chat import QUESTION, SEED, ask, open_first_card
from tests.ui.test_library import UPLOAD, open_library

KEY = "s3cret"


def _serve(corpus_service, **settings: object):
    from bot.app import build_app

    update = {"api_keys": [SecretStr(KEY)], **settings}
    settings = corpus_service.settings.model_copy(update=update)
    return serving(build_app(corpus_service, settings), settings)


@pytest.fixture(scope="module")
def keyed_url(corpus_service):
    with _serve(corpus_service) as url:
        yield url


@pytest.fixture(scope="module")
def closed_url(corpus_service):
    with _serve(corpus_service, require_key_for_reads=True) as url:
        yield url


def test_writes_ask_for_a_key_when_keys_are_set(page: Page, keyed_url: str, corpus_service,
                                                tmp_path: Path) -> None:
    before = len(corpus_service.documents())
    open_library(page, keyed_url)
    key = page.locator("#pb-key input")
    expect(key).to_be_visible()
    upload = tmp_path / "2021-05-04_harbour_briefing.txt"
    upload.write_text(UPLOAD, encoding="utf-8")
    page.locator("#pb-upload input[type=file]").set_input_files(str(upload))
    page.locator("#pb-upload-send").click()
    expect(page.locator("#pb-upload-note")).to_contain_text("Enter an API key")
    key.fill("wrong")
    page.locator("#pb-upload-send").click()
    expect(page.locator("#pb-upload-note")).to_contain_text("not valid")
    assert len(corpus_service.documents()) == before
    page.on("dialog", lambda dialog: dialog.accept())
    page.locator("#pb-delete-choice input").fill(SEED)
    page.get_by_role("option", name=SEED).click()
    page.locator("#pb-delete").click()
    expect(page.locator("#pb-library-status")).to_contain_text("not valid")
    assert len(corpus_service.documents()) == before


def test_with_keyed_reads_a_signed_in_reader_opens_the_transcript(page: Page,
                                                                  closed_url: str) -> None:
    assert httpx.get(closed_url + "/view/2022-09-27_tianshan_xinjiang_industry_presser.txt",
                     timeout=60).status_code == 401
    page.goto(closed_url + "/")
    page.get_by_label("username").fill("reporter")
    page.get_by_label("password").fill(KEY)
    page.get_by_role("button", name="Login").click()
    ask(page, QUESTION)
    viewer = open_first_card(page)
    expect(viewer.locator("mark#hit")).to_contain_text("3002 difficulties")
