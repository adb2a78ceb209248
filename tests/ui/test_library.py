"""The Library tab in a real browser: the indexed transcripts, an upload with its result
that can then be asked about, and a deletion."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pydantic import SecretStr

from tests.api.conftest import serving
from tests.ui.test_chat import ask, shots

KEY = "library-key-5d1"

SEED_TITLE = "The production and operation of industrial enterprises"
UPLOAD = ("Title: Harbour authority briefing\nDate: 2021-05-04\n---\n\n"
          "HARBOURMASTER OKONKWO: Good afternoon. The harbour dredging removed 41,700 cubic "
          "metres of silt from the eastern channel this spring.\n\n"
          "Q: When will the western channel be dredged?\n\n"
          "HARBOURMASTER OKONKWO: The western channel follows in the autumn.\n")


@pytest.fixture(scope="module")
def keyed_ui(corpus_service):
    """The app over the corpus index with an API key: the Library may write."""
    from bot.app import build_app

    settings = corpus_service.settings.model_copy(update={"api_keys": [SecretStr(KEY)]})
    with serving(build_app(corpus_service, settings), settings) as url:
        yield url


def open_library(page: Page, url: str) -> None:
    page.goto(url + "/")
    page.get_by_role("tab", name="Library").click()
    expect(page.locator("#pb-library-status")).to_contain_text("transcripts indexed")


def test_the_library_lists_uploads_and_deletes(page: Page, keyed_ui: str, corpus_service,
                                               tmp_path: Path, artifacts: Path) -> None:
    before = len(corpus_service.documents())
    open_library(page, keyed_ui)
    page.locator("#pb-key input").fill(KEY)
    table = page.locator("#pb-documents")
    expect(table).to_contain_text(SEED_TITLE)
    expect(page.locator("#pb-library-status")).to_contain_text(f"{before} transcripts indexed")
    shots(page, artifacts, "library")

    upload = tmp_path / "2021-05-04_harbour_briefing.txt"
    upload.write_text(UPLOAD, encoding="utf-8")
    page.locator("#pb-upload input[type=file]").set_input_files(str(upload))
    page.locator("#pb-upload-send").click()
    results = page.locator("#pb-upload-results")
    expect(results).to_contain_text("2021-05-04_harbour_briefing.txt")
    expect(results).to_contain_text("indexed")
    expect(page.locator("#pb-upload-note")).to_contain_text("1 indexed")
    expect(page.locator("#pb-library-status")).to_contain_text(
        f"{before + 1} transcripts indexed")
    try:
        page.get_by_role("tab", name="Ask").click()
        ask(page, "How many cubic metres of silt did the harbour dredging remove?")
        expect(page.locator("#pb-chat")).to_contain_text("41,700", timeout=120_000)
        card = page.locator("#pb-chat .pb-card").first
        expect(card).to_contain_text("41,700")
        expect(card).to_contain_text("2021-05-04")
    finally:
        page.get_by_role("tab", name="Library").click()
        page.on("dialog", lambda dialog: dialog.accept())
        choice = page.locator("#pb-delete-choice input")
        choice.fill("2021-05-04_harbour_briefing.txt")
        page.get_by_role("option", name="2021-05-04_harbour_briefing.txt").click()
        page.locator("#pb-delete").click()
        expect(page.locator("#pb-library-status")).to_contain_text(
            "Deleted 2021-05-04_harbour_briefing.txt")
    assert len(corpus_service.documents()) == before
    expect(page.locator("#pb-documents")).not_to_contain_text("Harbour authority briefing")


def test_with_no_keys_the_library_says_writes_are_disabled(page: Page, ui_url: str) -> None:
    open_library(page, ui_url)
    expect(page.locator("#pb-writes-disabled")).to_contain_text(
        "Uploads and deletes are disabled on this server")
    expect(page.locator("#pb-upload")).to_have_count(0)
    expect(page.locator("#pb-delete")).to_have_count(0)
