"""The offline HTML handout in a real browser (headless Debian Chromium): opened from file:// with every other
request blocked, paged through with the arrow keys, each slide's plot painted, printed one slide per page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import settings
from deck import handout, model
from deck.tables import FolderTables
from tests.test_browser import PAINTED_JS, TIMEOUT_MS, _require_chromium
from tools.server import launch_chromium

pytestmark = pytest.mark.browser

SHIPPED = settings.PROJECT_DIR / "data" / "decks" / "pressure-on-taiwan.yaml"
LOCAL_SCHEMES = ("file:", "data:", "blob:")  # nothing that leaves the machine


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path, model.Deck]:
    _require_chromium()
    deck = model.load(SHIPPED)
    tables = FolderTables(settings.SNAPSHOT_DIR)
    folder = tmp_path_factory.mktemp("handout")
    single = folder / "handout.html"
    single.write_text(handout.deck_html(tables, deck, "en"), encoding="utf-8")
    handout.write_site(tables, deck, folder / "site", "en")
    return single, folder / "site", deck


@pytest.fixture
def offline_page(built) -> Iterator[tuple[object, list[str], list[str]]]:
    """A page in which every request is recorded and anything but file:/data:/blob: is aborted."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        context.set_default_timeout(TIMEOUT_MS)
        requests: list[str] = []
        errors: list[str] = []

        def guard(route):
            if route.request.url.startswith(LOCAL_SCHEMES):
                route.continue_()
            else:
                route.abort()

        context.route("**/*", guard)
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        try:
            yield page, requests, errors
        finally:
            context.close()
            browser.close()


def wait_slide_painted(page, index: int) -> None:
    section = page.locator(f"#slide-{index}")
    section.locator(".main-svg").first.wait_for(state="visible", timeout=TIMEOUT_MS)
    page.wait_for_function(PAINTED_JS, arg=section.element_handle(), timeout=TIMEOUT_MS)


def visible_slides(page) -> list[str]:
    return page.eval_on_selector_all("section.slide", "els => els.filter(e => !e.hidden).map(e => e.id)")


def test_handout_pages_through_every_slide_offline(built, offline_page) -> None:
    single, _, deck = built
    page, requests, errors = offline_page
    page.goto(single.as_uri(), wait_until="load")
    count = len(deck.slides)
    for index in range(1, count + 1):
        if index > 1:
            page.keyboard.press("ArrowRight")
        wait_slide_painted(page, index)
        assert visible_slides(page) == [f"slide-{index}"]
        assert page.locator("#position").inner_text() == f"Slide {index} of {count}"
        assert page.locator(f"#slide-{index} .gtitle").first.text_content() == deck.slides[index - 1].title
    page.keyboard.press("ArrowRight")  # past the end: stays on the last slide
    assert visible_slides(page) == [f"slide-{count}"]
    page.keyboard.press("ArrowLeft")
    assert visible_slides(page) == [f"slide-{count - 1}"]
    page.keyboard.press("Home")
    assert visible_slides(page) == ["slide-1"]
    assert page.evaluate("document.documentElement.lang") == "en"
    assert all(url.startswith(LOCAL_SCHEMES) for url in requests), [
        u for u in requests if not u.startswith(LOCAL_SCHEMES)
    ]
    assert requests and requests[0] == single.as_uri()
    assert errors == []


def test_handout_prints_one_slide_per_page(built, offline_page) -> None:
    single, _, deck = built
    page, requests, errors = offline_page
    page.goto(single.as_uri(), wait_until="load")
    wait_slide_painted(page, 1)
    pdf = page.pdf(format="A4", landscape=True, print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == len(deck.slides), f"{pages} printed pages for {len(deck.slides)} slides"
    assert all(url.startswith(LOCAL_SCHEMES) for url in requests)
    assert errors == []


def test_site_pages_follow_the_arrow_keys(built, offline_page) -> None:
    _, site, deck = built
    page, requests, errors = offline_page
    page.goto((site / "index.html").as_uri(), wait_until="load")
    assert page.locator("ol.index li").count() == len(deck.slides)
    page.keyboard.press("ArrowRight")
    page.wait_for_url(re.compile(r"slide-01\.html"), timeout=TIMEOUT_MS)
    wait_slide_painted(page, 1)
    page.keyboard.press("ArrowRight")
    page.wait_for_url(re.compile(r"slide-02\.html"), timeout=TIMEOUT_MS)
    wait_slide_painted(page, 2)
    page.keyboard.press("ArrowLeft")
    page.wait_for_url(re.compile(r"slide-01\.html"), timeout=TIMEOUT_MS)
    assert all(url.startswith(LOCAL_SCHEMES) for url in requests)
    assert any(url.endswith(f"/{handout.PLOTLY_FILE}") for url in requests)  # the one shared local copy
    assert errors == []


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    from tools.server import streamlit_server

    _require_chromium()
    with streamlit_server(settings.PROJECT_DIR / "app.py", timeout=60) as server:
        yield server.url


def download(page, button, tmp_path: Path) -> str:
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        button.click()
    assert info.value.failure() is None, info.value.failure()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target.read_text(encoding="utf-8")


def test_app_downloads_the_deck_handout_and_a_chart_as_html(app_url: str, offline_page, tmp_path: Path) -> None:
    """The app's two HTML buttons, built on click on the server, in the session's language."""
    page, _, _ = offline_page
    local = ("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "blob:")  # the app itself is on 127.0.0.1
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(local) else route.abort())
    page.goto(f"{app_url}/briefing?view=pack&lang=ja", wait_until="domcontentloaded")
    button = page.get_by_role("button", name="配布用 HTML をダウンロード")
    button.wait_for(state="visible", timeout=TIMEOUT_MS)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', state="attached")
    text = download(page, button, tmp_path)
    assert text.startswith("<!DOCTYPE html>") and '<html lang="ja">' in text and "出典" in text
    assert text.count('class="figure"') == 8

    page.goto(f"{app_url}/?lang=en", wait_until="domcontentloaded")
    page.wait_for_function(PAINTED_JS, timeout=TIMEOUT_MS)
    page.locator('[data-testid="stMain"] [data-testid="stPopover"] button').first.click()
    html_button = page.get_by_role("button", name="HTML", exact=True)
    html_button.wait_for(state="visible", timeout=TIMEOUT_MS)
    text = download(page, html_button, tmp_path)
    assert '<html lang="en">' in text and text.count('class="figure"') == 1 and "Source:" in text
