"""The reporter's web chat in a real browser: answers with cards, the transcript viewer,
refusals, filters and example questions. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
from playwright.sync_api import Page, expect

QUESTION = "How many difficulties had been resolved for companies by September 25?"
UNANSWERABLE = "What did the Committee decide on bond buying at its May 3, 2023 meeting?"
SEED = "2022-09-27_tianshan_xinjiang_industry_presser.txt"
FOMC = "2022-09-21_fomc_presser.txt"


def ask(page: Page, question: str) -> None:
    box = page.locator("#pb-question textarea")
    box.fill(question)
    box.press("Enter")  # Enter sends


def open_first_card(page: Page) -> Page:
    """Click the first card's "Open in transcript"; the viewer page it opens."""
    link = page.locator("#pb-chat .pb-card").first.get_by_role("link", name="Open in transcript")
    with page.context.expect_page() as opened:
        link.click()
    viewer = opened.value
    viewer.wait_for_load_state()
    return viewer


def shots(page: Page, folder: Path, name: str) -> None:
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=folder / f"{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_an_answer_in_bold_with_a_citation_card(page: Page, ui_url: str,
                                               artifacts: Path) -> None:
    page.goto(ui_url + "/")
    ask(page, QUESTION)
    chat = page.locator("#pb-chat")
    card = chat.locator(".pb-card").first
    expect(card).to_contain_text("Zhu Dadong")
    expect(card).to_contain_text("2022-09-27")
    expect(card).to_contain_text("Tianshan")
    expect(chat.locator("strong", has_text="3002").first).to_be_visible()
    expect(card.locator("mark")).to_contain_text("3002")
    link = card.get_by_role("link", name="Open in transcript")
    assert SEED in (link.get_attribute("href") or "")
    shots(page, artifacts, "chat-answer")


def test_the_card_opens_the_transcript_at_the_quote(page: Page, ui_url: str,
                                                   artifacts: Path) -> None:
    page.goto(ui_url + "/")
    ask(page, QUESTION)
    viewer = open_first_card(page)
    hit = viewer.locator("mark#hit")
    expect(hit).to_contain_text("3002 difficulties")
    expect(hit).to_be_in_viewport()
    expect(viewer.locator(".turn .who").first).to_be_visible()
    assert viewer.locator(".turn").count() >= 2  # the whole transcript, turn by turn
    shots(viewer, artifacts, "viewer")


def test_a_citation_url_opens_the_viewer_at_its_passage(page: Page, ui_url: str,
                                                       corpus_service) -> None:
    citation = corpus_service.ask(QUESTION).citations[0]
    page.goto(ui_url + citation.url)  # /?doc=<doc_id>#passage-<n>
    assert re.search(r"/view/.*#passage-\d+$", page.url), page.url
    target = page.locator(".passage.target").first
    expect(target).to_contain_text("3002")
    expect(target).to_be_in_viewport()


def test_an_unanswerable_question_is_refused_plainly(page: Page, ui_url: str,
                                                     artifacts: Path) -> None:
    page.goto(ui_url + "/")
    ask(page, UNANSWERABLE)
    chat = page.locator("#pb-chat")
    expect(chat).to_contain_text("Not in the transcripts.")
    assert chat.locator(".pb-card").count() == 0
    shots(page, artifacts, "chat-refusal")


def test_filters_are_shown_and_applied(page: Page, ui_url: str) -> None:
    page.goto(ui_url + "/")
    page.locator("#pb-date-from input, #pb-date-from textarea").first.fill("2023-01-01")
    page.locator("#pb-date-from input, #pb-date-from textarea").first.press("Tab")
    expect(page.locator("#pb-active")).to_contain_text("Active filters: dates 2023-01-01")
    ask(page, QUESTION)
    chat = page.locator("#pb-chat")
    expect(chat.locator(".message-content")).to_have_count(2)
    assert "3002" not in chat.inner_text()  # the 2022 briefing is filtered out
    assert chat.locator(".pb-card", has_text="Zhu Dadong").count() == 0


def test_examples_come_from_the_index_and_ask(page: Page, ui_url: str, corpus_service) -> None:
    page.goto(ui_url + "/")
    buttons = page.locator("#pb-examples button:visible")
    expect(buttons.first).to_be_visible()
    newest = max(d.date for d in corpus_service.documents() if d.date)
    year = newest[:4]
    first = buttons.first.inner_text()
    assert first.startswith("What did ") and year in first
    buttons.first.click()
    chat = page.locator("#pb-chat")
    expect(chat.locator(".message-content")).to_have_count(2)
    expect(chat).to_contain_text(first)


def test_a_follow_up_keeps_the_subject_and_changes_the_date(page: Page, ui_url: str,
                                                            artifacts: Path) -> None:
    page.goto(ui_url + "/")
    ask(page, "What did Powell say about inflation at the September 2022 meeting?")
    chat = page.locator("#pb-chat")
    expect(chat.locator(".pb-card").first).to_contain_text("2022-09-21")
    ask(page, "And at the June 2022 meeting?")
    expect(chat.locator(".pb-read-as")).to_contain_text(
        "What did Powell say about inflation at the June 2022 meeting?")
    last = chat.locator(".message-content").nth(3)
    expect(last.locator(".pb-card").first).to_contain_text("2022-06-15")
    page.locator("#pb-new").click()
    expect(chat.locator(".message-content")).to_have_count(0)
    ask(page, "And at the June 2022 meeting?")  # nothing to follow now: read as it is
    expect(chat.locator(".message-content")).to_have_count(2)
    assert chat.locator(".pb-read-as").count() == 0


def test_copy_as_quote_puts_an_honest_attribution_on_the_clipboard(browser, ui_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=ui_url)
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(ui_url + "/")
        ask(page, QUESTION)
        button = page.locator("#pb-chat .pb-card .pb-copy").first
        button.click()
        expect(button).to_have_text("Copied ✓")
        copied = page.evaluate("navigator.clipboard.readText()")
    finally:
        context.close()
    assert copied.startswith("Zhu Dadong, deputy director of the Industry and Information "
                             "Department of the Autonomous Region, told a press conference on "
                             "Sept. 27, 2022 that as of September 25")
    assert "3002 difficulties" in copied and "“" not in copied


def test_viewer_routes(ui_url: str) -> None:
    with httpx.Client(base_url=ui_url, timeout=60) as http:
        redirect = http.get("/", params={"doc": f"fomc/{FOMC}"})
        missing = http.get("/view/no/such.txt")
        page = http.get(f"/view/{SEED}", params={"start": 0, "end": 5})
        fomc = http.get(f"/view/fomc/{FOMC}")
    assert redirect.status_code == 302
    assert redirect.headers["location"] == f"/view/fomc/{FOMC}"
    assert missing.status_code == 404
    assert page.status_code == 200 and '<mark id="hit">' in page.text
    assert fomc.status_code == 200 and fomc.text.count('<div class="turn') > 20
    assert "CHAIR POWELL" in fomc.text.upper() and 'id="passage-0"' in fomc.text


def test_a_chinese_question_gets_a_chinese_answer_and_quote(page: Page, ui_url: str) -> None:
    page.goto(ui_url + "/")
    ask(page, "胡锦涛主席与梅德韦杰夫总统在美国举行双边会晤是几号？")
    card = page.locator("#pb-chat .pb-card").first
    expect(card.locator("mark")).to_contain_text("23日")
    expect(card).to_contain_text("胡锦涛主席将于23日在美国同梅德韦杰夫总统举行双边会晤")
    line = card.locator(".pb-copy").get_attribute("title") or ""
    assert line.startswith("发言人在记者会上说：“") and "23日" in line
