"""Real browser: the Map page draws its deck.gl canvas with every non-local request blocked.

Served by `streamlit run app.py` (tools/server.py), driven by Debian's Chromium. Asserts a canvas renders,
no base map is started and no map style requested, no external request was even attempted, and the console
has no errors. Skips without Chromium (fails when CI=true).

One thing Streamlit itself does on any deep link is allowed for (the tests open the base URL first, then
the page): the frontend probes `<page>/_stcore/health` and `<page>/_stcore/host-config` (404) before
falling back to the root, which the console reports as errors. Only those two URLs are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.test_browser import LOCAL_HOSTS, _require_chromium
from tools.server import Server, launch_chromium, streamlit_server

pytestmark = pytest.mark.browser

PROJECT = Path(__file__).resolve().parent.parent
APP = PROJECT / "app.py"

TIMEOUT_MS = 60_000
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
DECK = '[data-testid="stDeckGlJsonChart"]'
EXCEPTION = '[data-testid="stException"]'
BASE_PATH_PROBES = re.compile(r"/map/_stcore/(health|host-config)$")


def _require() -> None:
    _require_chromium()


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    _require()
    with streamlit_server(APP, timeout=60) as srv:
        yield srv


def test_map_canvas_renders_offline(server: Server) -> None:
    """...and the land, which the browser fetches from the app's static folder (static/geo), is painted."""
    from playwright.sync_api import sync_playwright

    from charts.map import LAND_FILL

    external: list[str] = []
    console_errors: list[str] = []
    page_errors: list[str] = []
    style_requests: list[str] = []
    land_responses: list[tuple[int, str]] = []

    def guard(route) -> None:
        url = route.request.url
        if urlsplit(url).hostname in LOCAL_HOSTS or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            external.append(url)
            route.abort()

    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            context.set_default_timeout(TIMEOUT_MS)
            context.route("**/*", guard)
            page = context.new_page()
            page.on(
                "console",
                lambda msg: (
                    console_errors.append(f"{msg.text} ({msg.location.get('url')})")
                    if msg.type == "error" and not BASE_PATH_PROBES.search(msg.location.get("url") or "")
                    else None
                ),
            )
            page.on("pageerror", lambda exc: page_errors.append(str(exc)))
            page.on("request", lambda r: style_requests.append(r.url) if r.url.endswith("style.json") else None)
            page.on(
                "response",
                lambda r: land_responses.append((r.status, r.url)) if "/geo/land.geojson" in r.url else None,
            )

            page.goto(server.url, wait_until="domcontentloaded", timeout=TIMEOUT_MS)  # router has run once
            page.wait_for_selector(IDLE, state="attached", timeout=TIMEOUT_MS)
            page.goto(f"{server.url}/map", wait_until="domcontentloaded", timeout=TIMEOUT_MS)
            page.get_by_role("heading", name="Map: exercise zones, navigation warnings and transits").wait_for()
            assert page.get_by_text("Events & geography").count() >= 1  # the router's navigation
            page.wait_for_selector(IDLE, state="attached", timeout=TIMEOUT_MS)
            canvas = page.locator(f"{DECK} canvas").first
            canvas.wait_for(state="visible", timeout=TIMEOUT_MS)
            # deck.gl sizes its canvas after mounting (it starts at the HTML default 300x150): wait for that
            page.wait_for_function(
                "sel => { const r = document.querySelector(sel).getBoundingClientRect();"
                " return r.width > 300 && r.height > 300; }",
                arg=f"{DECK} canvas",
                timeout=TIMEOUT_MS,
            )
            box = canvas.bounding_box()
            assert box and box["width"] > 300 and box["height"] > 300, box
            page.wait_for_timeout(1500)  # let deck.gl settle before judging the console
            land = 0
            for _ in range(20):  # the land is drawn once its file is fetched and deck.gl's shaders are built
                land = _pixels_near(canvas.screenshot(), tuple(LAND_FILL), tolerance=3)
                if land > 20_000:
                    break
                page.wait_for_timeout(500)
            assert land_responses and all(status == 200 for status, _ in land_responses), land_responses
            assert all(urlsplit(url).path == "/app/static/geo/land.geojson" for _, url in land_responses)
            assert land > 20_000, f"{land} land-coloured pixels on the map"

            assert page.locator(EXCEPTION).count() == 0, page.locator(EXCEPTION).all_inner_texts()
            # deck.gl alone: no base map started (MapLibre's own WebGL context) and no map style asked for
            assert page.locator(f"{DECK} canvas").count() == 1
            assert page.locator(".maplibregl-map, .mapboxgl-map").count() == 0
            assert not style_requests, style_requests
            assert not external, f"external requests attempted (blocked): {sorted(set(external))}"
            assert not page_errors, page_errors
            assert not console_errors, console_errors
        finally:
            browser.close()


def _near(png: bytes, rgb: tuple[int, ...], tolerance: int = 18):
    """(row, column) of every screenshot pixel within `tolerance` of `rgb` on every channel."""
    import io

    import numpy as np
    from PIL import Image

    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)
    return np.argwhere((np.abs(pixels - np.array(rgb[:3])) <= tolerance).all(axis=-1))


def _pixels_near(png: bytes, rgb: tuple[int, ...], tolerance: int = 18) -> int:
    return len(_near(png, rgb, tolerance))


def test_joint_sword_2024a_tracks_paint_offline(server: Server) -> None:
    """Jump to Joint Sword-2024A (report days 23-24 May 2024): MND's drone area is painted in the drone colour,
    and switching the flight-track layer off takes that colour off the canvas."""
    from playwright.sync_api import sync_playwright

    from charts.map import TRACK_COLORS

    external: list[str] = []

    def guard(route) -> None:
        url = route.request.url
        if urlsplit(url).hostname in LOCAL_HOSTS or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            external.append(url)
            route.abort()

    uav = tuple(TRACK_COLORS["uav"][:3])
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            context.set_default_timeout(TIMEOUT_MS)
            context.route("**/*", guard)
            page = context.new_page()
            page.goto(server.url, wait_until="domcontentloaded", timeout=TIMEOUT_MS)
            page.wait_for_selector(IDLE, state="attached", timeout=TIMEOUT_MS)
            page.goto(f"{server.url}/map", wait_until="domcontentloaded", timeout=TIMEOUT_MS)
            page.get_by_role("heading", name="Map: exercise zones, navigation warnings and transits").wait_for()
            page.wait_for_selector(IDLE, state="attached", timeout=TIMEOUT_MS)
            deck = page.locator(DECK).first
            deck.locator("canvas").first.wait_for(state="visible", timeout=TIMEOUT_MS)
            page.wait_for_timeout(1500)
            before = _pixels_near(deck.screenshot(), uav)

            page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').first.click()
            page.get_by_role("option", name=re.compile(r"^Joint Sword-2024A")).click()
            page.get_by_text("11 shapes from MND maps").wait_for(timeout=TIMEOUT_MS)
            page.wait_for_selector(IDLE, state="attached", timeout=TIMEOUT_MS)
            page.wait_for_timeout(2500)  # deck.gl redraws after the new spec arrives
            shot = deck.screenshot()
            painted = _pixels_near(shot, uav)
            # hover over the drone area's outline: the tooltip's own template is markup (bold title), its
            # text is plain (Streamlit escapes the values it fills in)
            y, x = _near(shot, uav)[len(_near(shot, uav)) // 2]
            box = deck.bounding_box()
            assert box
            page.mouse.move(box["x"] + float(x), box["y"] + float(y))
            tooltip = page.locator(".deck-tooltip").first
            tooltip.wait_for(state="visible", timeout=TIMEOUT_MS)
            assert tooltip.inner_text().startswith("Activity area:"), tooltip.inner_text()
            assert "<b>" not in tooltip.inner_text() and "<b>Activity area:" in tooltip.inner_html()
            page.mouse.move(box["x"] + 5, box["y"] + 5)

            page.get_by_text("Flight tracks (MND maps)").click()
            page.get_by_text("0 shapes from MND maps").wait_for(timeout=TIMEOUT_MS)
            page.wait_for_selector(IDLE, state="attached", timeout=TIMEOUT_MS)
            page.wait_for_timeout(2500)
            hidden = _pixels_near(deck.screenshot(), uav)

            print(f"drone-colour pixels: before {before}, Joint Sword-2024A {painted}, layer off {hidden}")
            assert page.locator(EXCEPTION).count() == 0, page.locator(EXCEPTION).all_inner_texts()
            assert painted > 500 and painted > 10 * max(before, hidden, 1), (before, painted, hidden)
            assert not external, f"external requests attempted (blocked): {sorted(set(external))}"
        finally:
            browser.close()
