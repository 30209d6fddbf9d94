"""Real browser: the Justice Mission-2025 replay in presenter mode, stepped with the arrow keys, fully offline.

Every request to a host other than localhost is aborted and recorded (none may be attempted). Each → press
moves one report day: the day line and the day's figures change, and the map's deck.gl canvas is painted.
The figures are the snapshot's for those report days (air_sea_daily, mnd_daily_measures).
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest

from tests.test_browser import APP as APP_PATH
from tests.test_browser import TIMEOUT_MS, Session, _require_chromium, offline_session
from tools.server import Server, launch_chromium, streamlit_server

pytestmark = pytest.mark.browser

DECK = '[data-testid="stDeckGlJsonChart"] canvas'
NAV = ".st-key-replay_nav"
CARDS = ".replay-cards"
# report day -> (PLA aircraft, PLA Navy vessels, official ships, median-line crossings, ADIZ entries), as in the snapshot
EXPECTED = {
    "29 Dec 2025": ("2", "9", "2", "0", "0"),
    "30 Dec 2025": ("130", "14", "8", "90", "90"),
    "31 Dec 2025": ("77", "17", "8", "35", "35"),
    "1 Jan 2026": ("3", "17", "8", "0", "1"),
}


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    _require_chromium()
    with streamlit_server(APP_PATH, timeout=60) as srv:
        yield srv


@pytest.fixture(scope="module")
def chromium(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = launch_chromium(pw)
        yield b
        b.close()


def _figures(session: Session) -> tuple[str, ...]:
    return tuple(session.page.locator(f"{CARDS} .replay-value").all_inner_texts()[:5])


def _painted(session: Session) -> bool:
    """The map canvas is sized and holds more than one colour (land, sea, zones drawn)."""
    from PIL import Image

    canvas = session.page.locator(DECK).first
    box = canvas.bounding_box()
    if not box or box["width"] < 300 or box["height"] < 200:
        return False
    image = Image.open(io.BytesIO(canvas.screenshot())).convert("RGB").resize((64, 32))
    return len(image.getcolors(maxcolors=64 * 32) or []) > 3


def test_justice_mission_replay_steps_with_the_arrow_keys(chromium, server: Server) -> None:
    session = offline_session(chromium, server)
    page = session.page
    try:
        page.set_viewport_size({"width": 1280, "height": 720})
        session.goto("")  # the router runs once (see tests/test_browser_map.py)
        session.wait_idle()
        session.goto("replay?replay=justice-mission-2025&day=2025-12-29&present=1")
        page.wait_for_selector(f"{NAV} strong", timeout=TIMEOUT_MS)
        page.wait_for_selector(DECK, state="visible", timeout=TIMEOUT_MS)
        session.wait_chart_painted()
        session.wait_idle()
        assert page.get_by_test_id("stSidebar").count() == 0 or not page.get_by_test_id("stSidebar").is_visible()
        seen = []
        for expected_day in EXPECTED:
            page.locator(NAV).get_by_text(expected_day).wait_for(timeout=TIMEOUT_MS)
            session.wait_idle()
            page.wait_for_function(
                "([sel, n]) => document.querySelectorAll(sel).length >= n", arg=[f"{CARDS} .replay-value", 5]
            )
            assert _figures(session) == EXPECTED[expected_day], expected_day
            page.wait_for_function(
                "sel => { const r = document.querySelector(sel).getBoundingClientRect(); return r.width > 300; }",
                arg=DECK,
                timeout=TIMEOUT_MS,
            )
            page.wait_for_timeout(800)  # deck.gl paints on the next animation frames
            assert _painted(session), f"map canvas not painted on {expected_day}"
            seen.append((page.locator(NAV).inner_text(), _figures(session)))
            page.evaluate("document.activeElement && document.activeElement.blur()")  # keys to the page, not a widget
            page.keyboard.press("ArrowRight")
        assert len({label for label, _ in seen}) == len(EXPECTED)  # the day line changed at every step
        assert len({figures for _, figures in seen}) == len(EXPECTED)  # and so did the figures
        assert "exercise report day 2 of 2" in seen[2][0]
        # the whole step fits a 1280x720 screen in presenter mode: the strip's bottom is on it
        box = page.locator(".js-plotly-plot").first.bounding_box()
        assert box and box["y"] + box["height"] <= 720 + 2, box
        session.assert_clean()
    finally:
        page.context.close()
