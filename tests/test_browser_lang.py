"""The page's <html lang> follows the chosen language (Streamlit sets none itself), in a real browser."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.test_browser import APP, IDLE, TIMEOUT_MS, _require_chromium
from tools.server import Server, launch_chromium, streamlit_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    _require_chromium()
    with streamlit_server(APP, timeout=60) as srv:
        yield srv


@pytest.mark.parametrize("language", ["ja", "zh-TW", "en"])
def test_html_lang_follows_the_language(server: Server, language: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            page = browser.new_page()
            page.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort())
            page.goto(f"{server.url}/?lang={language}", wait_until="domcontentloaded", timeout=TIMEOUT_MS)
            page.wait_for_selector(IDLE, timeout=TIMEOUT_MS)
            page.wait_for_function(f"document.documentElement.lang === {language!r}", timeout=TIMEOUT_MS)
            assert page.evaluate("document.documentElement.lang") == language
        finally:
            browser.close()
