"""Real-browser tests: the app served by `streamlit run`, driven by headless Debian Chromium (Playwright sync API).

Every request to a host other than 127.0.0.1/localhost is aborted and recorded: the app must work offline and
make no external request. No Chromium -> skipped locally, failed when CI=true.
Run only these: `pytest -m browser`; everything else: `pytest -m "not browser"`.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from charts import export
from tools.server import Server, chromium_path, launch_chromium, streamlit_server
from ui import presenter

pytestmark = pytest.mark.browser

PROJECT = Path(__file__).resolve().parent.parent
APP = PROJECT / "app.py"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
TIMEOUT_MS = 60_000  # first load of a cold server can take several seconds
CHART = ".js-plotly-plot .main-svg"
EXCEPTION = '[data-testid="stException"]'
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'

# True once a plotly chart has at least one drawn trace: a line (path.js-line) or any scatter/bar trace path
# with a non-empty `d`, or a heatmap's image.
PAINTED_JS = """(root) => {
  const scope = root || document;
  const paths = scope.querySelectorAll(
    '.js-plotly-plot .main-svg path.js-line, .js-plotly-plot .main-svg .scatterlayer .trace path,'
    + ' .js-plotly-plot .main-svg .barlayer .trace path');
  if (Array.from(paths).some(p => (p.getAttribute('d') || '').replace(/[MZ0,.\\s]/g, '').length > 0)) return true;
  return !!scope.querySelector('.js-plotly-plot .main-svg .heatmaplayer image');
}"""


def _require_chromium() -> str:
    path = chromium_path()
    if os.path.isfile(path) and os.access(path, os.X_OK):
        return path
    reason = f"Chromium not found at {path} (apt-get install chromium, or set CHROMIUM_PATH)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; browser tests are required when CI=true", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def app_server() -> Iterator[Server]:
    _require_chromium()
    with streamlit_server(APP, timeout=60) as srv:
        yield srv


@pytest.fixture(scope="module")
def chromium(app_server):  # after app_server: a missing chromium skips before anything starts
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = launch_chromium(pw)
        yield b
        b.close()


@dataclass
class Session:
    page: object
    server: Server
    external: list[str] = field(default_factory=list)  # aborted non-local requests
    page_errors: list[str] = field(default_factory=list)  # uncaught JS exceptions

    def goto(self, path: str = "") -> None:
        self.page.goto(f"{self.server.url}/{path.lstrip('/')}", wait_until="domcontentloaded", timeout=TIMEOUT_MS)

    def wait_idle(self) -> None:
        """Wait for the script run to finish (the element tree is final, no stale elements left)."""
        self.page.wait_for_selector(IDLE, state="attached", timeout=TIMEOUT_MS)

    def wait_chart_painted(self) -> None:
        self.page.wait_for_selector(CHART, state="visible", timeout=TIMEOUT_MS)
        self.page.wait_for_function(PAINTED_JS, timeout=TIMEOUT_MS)

    def assert_clean(self) -> None:
        assert self.page.locator(EXCEPTION).count() == 0, "Streamlit exception box on the page:\n" + "\n".join(
            self.page.locator(EXCEPTION).all_inner_texts()
        )
        assert not self.page_errors, f"uncaught JS errors: {self.page_errors}"
        assert not self.external, f"the app attempted external requests (blocked): {sorted(set(self.external))}"


def offline_session(browser, server: Server) -> Session:
    """A fresh browser context on `server` in which every non-local request is aborted and recorded,
    and uncaught page errors are collected (Session.assert_clean checks both). Close its context."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    s = Session(page=page, server=server)

    def guard(route):
        host = urlsplit(route.request.url).hostname
        if host in LOCAL_HOSTS or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            s.external.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page.on("pageerror", lambda exc: s.page_errors.append(str(exc)))
    return s


@pytest.fixture
def session(chromium, app_server) -> Iterator[Session]:
    s = offline_session(chromium, app_server)
    try:
        yield s
    finally:
        s.page.context.close()


def test_overview_hero_chart_paints(session: Session) -> None:
    page = session.page
    session.goto("")
    session.wait_chart_painted()
    session.wait_idle()
    assert page.get_by_role("heading", name="PLA pressure around Taiwan at a glance").is_visible()
    assert page.locator(CHART).first.is_visible()
    assert page.evaluate(PAINTED_JS), "hero chart has no drawn trace after the run finished"
    # Headline labels wrap rather than end in "…": the first one ends with the report day.
    label = page.locator('[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"]').first
    assert label.evaluate("e => getComputedStyle(e).whiteSpace") == "normal"
    assert label.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), "metric label is cut off"
    session.assert_clean()


def test_navigate_to_activity(session: Session) -> None:
    page = session.page
    session.goto("")
    session.wait_chart_painted()
    session.wait_idle()
    page.locator('[data-testid="stSidebarNav"] [data-testid="stSidebarNavLink"]', has_text="Air & sea activity").click()
    page.wait_for_url(re.compile(r"/activity(\?|$)"), timeout=TIMEOUT_MS)
    page.get_by_role("heading", name="Air & sea activity around Taiwan").wait_for(timeout=TIMEOUT_MS)
    session.wait_idle()
    session.wait_chart_painted()
    assert page.get_by_role("heading", name="PLA pressure around Taiwan at a glance").count() == 0
    session.assert_clean()


def test_download_daily_csv(session: Session, tmp_path: Path) -> None:
    page = session.page
    session.goto("sources")
    page.get_by_role("tab", name="Data dictionary").click()  # a lazy tab: its contents arrive on a rerun
    button = page.get_by_role("button", name="Download air_sea_daily.csv")
    button.wait_for(state="visible", timeout=TIMEOUT_MS)
    session.wait_idle()
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        button.click()
    download = info.value
    assert download.failure() is None, download.failure()
    assert download.suggested_filename == "air_sea_daily.csv"
    target = tmp_path / "air_sea_daily.csv"
    download.save_as(target)

    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV should be UTF-8 with BOM (Excel opens it correctly)"
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert ",".join(rows[0]).startswith("date,aircraft,vessels"), rows[0]
    assert len(rows) - 1 > 1000, f"only {len(rows) - 1} data rows"
    session.assert_clean()


def test_download_chart_as_png(session: Session, tmp_path: Path) -> None:
    """The figure export runs kaleido (Debian chromium) inside the server only when clicked."""
    page = session.page
    session.goto("")
    session.wait_chart_painted()
    session.wait_idle()
    page.locator(
        '[data-testid="stMain"] [data-testid="stPopover"] button'
    ).first.click()  # our Download popover, not plotly's modebar
    png = page.get_by_role("button", name="PNG", exact=True)
    png.wait_for(state="visible", timeout=TIMEOUT_MS)
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        png.click()
    download = info.value
    assert download.failure() is None, download.failure()
    assert download.suggested_filename == "trend-a4.png"
    target = tmp_path / "chart.png"
    download.save_as(target)
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    a4 = export.SIZES["a4"]  # the 16 cm report column (was 1000 x 620 px, a 26.5 cm page shrunk into the column)
    assert (width, height) == (a4.width * 2, a4.height * 2)  # A4 column at 2x
    session.assert_clean()


# Pages whose first screen opens on a chart, with the tab that holds it.
PRESENTER_PAGES = ["", "activity", "events", "events?view=exercise", "replay", "japan", "trade", "briefing"]


@pytest.mark.parametrize("path", PRESENTER_PAGES)
def test_presenter_first_screen_shows_the_main_chart_whole(chromium, app_server, path: str) -> None:
    """At 1280x720 in presenter mode the first chart is whole on the first screen, title to source line."""
    context = chromium.new_context(viewport={"width": 1280, "height": 720})
    try:
        page = context.new_page()
        sep = "&" if "?" in path else "?"
        page.goto(f"{app_server.url}/{path}{sep}present=1", wait_until="domcontentloaded", timeout=TIMEOUT_MS)
        page.wait_for_selector(CHART, state="visible", timeout=TIMEOUT_MS)
        page.wait_for_selector(IDLE, state="attached", timeout=TIMEOUT_MS)
        box = page.evaluate(
            """() => { const plot = document.querySelector('.js-plotly-plot');
                       const r = plot.getBoundingClientRect();
                       const source = [...plot.querySelectorAll('.annotation-text')]
                         .find(a => a.textContent.startsWith('Source'));
                       const s = source ? source.getBoundingClientRect() : null;
                       return {top: r.top, bottom: r.bottom, left: r.left, right: r.right,
                               sourceBottom: s ? s.bottom : null, sourceRight: s ? s.right : null}; }"""
        )
        assert box["top"] >= 0 and box["bottom"] <= 720, box
        assert box["sourceBottom"] is not None and box["sourceBottom"] <= 720, box
        # the chart is as wide as it was laid out for (the replay's strip sits beside its map and keeps its own
        # margins), and its source line is not cut at its right edge
        if not path.startswith("replay"):
            assert box["right"] - box["left"] >= presenter.CHART_WIDTH, box
        assert box["sourceRight"] <= box["right"], box
    finally:
        context.close()


def test_presenter_first_screen_shows_the_map_whole(chromium, app_server) -> None:
    """At 1280x720 in presenter mode the Map is whole on the first screen; its layer switches fold into a button."""
    context = chromium.new_context(viewport={"width": 1280, "height": 720})
    try:
        page = context.new_page()
        page.goto(f"{app_server.url}/map?present=1", wait_until="domcontentloaded", timeout=TIMEOUT_MS)
        chart = page.locator('[data-testid="stDeckGlJsonChart"]').first
        chart.wait_for(state="visible", timeout=TIMEOUT_MS)
        page.wait_for_selector(IDLE, state="attached", timeout=TIMEOUT_MS)
        box = chart.bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= 720, box
        assert page.get_by_role("checkbox").count() == 0  # folded into the Layers popover
    finally:
        context.close()
