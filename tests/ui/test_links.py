"""Links in Chromium (issue 17): a `javascript:` source URL, in a header or in YAML, is never a
link in the viewer or the chat, so clicking "original" can run nothing; an http(s) one is."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import Page, expect
from pydantic import SecretStr

from bot.schema import ParsedDocument, Turn
from bot.viewer import render_transcript
from tests.api.conftest import serving
from tests.ui.test_chat import ask

KEY = "links-key-71"
DOCS = {
    "links/js-header.txt": "Title: Lighthouse briefing\nDate: 2021-07-07\nOriginal URL: "
                           "javascript:alert(document.domain)\n---\n\n",
    "links/js-yaml.md": '---\ntitle: Lighthouse briefing two\ndate: 2021-07-08\nsource_url: '
                        '"JaVaScRiPt:alert(1)"\n---\n\n',
    "links/ok.txt": "Title: Lighthouse briefing three\nDate: 2021-07-09\nOriginal URL: "
                    "https://example.org/lighthouse\n---\n\n",
}
BODY = "KEEPER MARLOW: The lighthouse lamp was relit after {n} nights dark.\n"


@pytest.fixture(scope="module")
def linked(corpus_service):
    from bot.app import build_app

    settings = corpus_service.settings.model_copy(update={"api_keys": [SecretStr(KEY)]})
    with serving(build_app(corpus_service, settings), settings) as url, \
            httpx.Client(base_url=url, headers={"X-API-Key": KEY}, timeout=120) as http:
        for n, (name, header) in enumerate(DOCS.items()):
            text = (header + BODY.format(n=37 + n)).encode()
            assert http.post("/api/v1/documents",
                             files={"files": (name, text)}).status_code == 200
        try:
            yield url
        finally:
            for name in DOCS:
                http.delete(f"/api/v1/documents/{name}")


def _no_script_links(page: Page) -> None:
    expect(page.locator('[href^="javascript:" i], [src^="javascript:" i]')).to_have_count(0)


@pytest.mark.parametrize("name", ["links/js-header.txt", "links/js-yaml.md"])
def test_a_javascript_source_url_renders_no_link(page: Page, linked: str, name: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{linked}/view/{name}")
    expect(page.locator("header h1")).to_contain_text("Lighthouse briefing")
    expect(page.get_by_role("link", name="original")).to_have_count(0)
    _no_script_links(page)
    hrefs = page.locator("a[href]").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert hrefs == ["/"]  # "back to the chat" only
    assert dialogs == []


def test_an_http_source_url_is_the_original_link(page: Page, linked: str) -> None:
    page.goto(f"{linked}/view/links/ok.txt")
    original = page.get_by_role("link", name="original")
    expect(original).to_have_attribute("href", "https://example.org/lighthouse")


def test_a_document_stored_before_the_check_still_renders_no_link(page: Page) -> None:
    text = "KEEPER: Lamp relit."
    doc = ParsedDocument(doc_id="old.txt", path="old.txt", title="Old", text=text,
                         source_url="javascript:alert(1)",
                         turns=[Turn(start=0, end=len(text), speaker="Keeper")])
    page.set_content(render_transcript(doc, []))
    expect(page.locator("header h1")).to_have_text("Old")
    expect(page.get_by_role("link", name="original")).to_have_count(0)
    _no_script_links(page)


def test_the_chat_cards_link_only_to_the_viewer(page: Page, linked: str) -> None:
    page.goto(linked + "/")
    ask(page, "How many nights was the lighthouse lamp dark before it was relit?")
    card = page.locator("#pb-chat .pb-card").first
    expect(card).to_contain_text("lighthouse")
    _no_script_links(page)
    for href in page.locator("#pb-chat a").evaluate_all("els => els.map(e => e.href)"):
        assert href.startswith(linked + "/view/"), href
