"""The whole app on a loopback port over the session's corpus index, and a headless
Debian chromium driven by Playwright (no `playwright install`: the system browser)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.conftest import serving

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


@pytest.fixture(scope="package")
def ui_url(corpus_service) -> Iterator[str]:
    from bot.app import build_app

    with serving(build_app(corpus_service, corpus_service.settings)) as url:
        yield url


@pytest.fixture(scope="package")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    # an answer on a 2-core AVX2-only machine can take several seconds while other
    # servers of the session are busy: expectations wait as long as actions do
    expect.set_options(timeout=60_000)
    yield page
    context.close()


@pytest.fixture(scope="package")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
