"""A shared link opened as the very first request to a freshly started server keeps its page and view.

Pages live in `views/`, not `pages/`, so Streamlit never falls back to its legacy pages-folder mode: the
first request runs app.py's st.navigation, which opens the linked page with its parameters, full sidebar,
no error and no extra rerun.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.test_browser import APP, Session, _require_chromium, session  # noqa: F401  (fixture)
from tools.server import Server, launch_chromium, streamlit_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app_server() -> Iterator[Server]:
    _require_chromium()
    with streamlit_server(APP, timeout=60) as srv:  # fresh: no session has run app.py yet
        yield srv


@pytest.fixture(scope="module")
def chromium(app_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = launch_chromium(pw)
        yield b
        b.close()


def test_first_request_is_a_deep_link(session: Session) -> None:  # noqa: F811 - the imported pytest fixture
    session.goto("activity?metric=vessels&from=2024-01-01&to=2024-12-31&view=calendar&year=2024")
    page = session.page
    page.get_by_role("heading", name="Air & sea activity around Taiwan").wait_for(timeout=60_000)
    session.wait_chart_painted()
    session.wait_idle()
    page.get_by_text(re.compile(r"PLA Navy vessels · 1 Jan 2024 – 31 Dec 2024")).wait_for(timeout=30_000)
    assert page.get_by_test_id("stSidebarNav").get_by_text("Briefing deck").count() == 1  # the router's sidebar
    assert "/activity" in page.url and "metric=vessels" in page.url and "view=calendar" in page.url
    # The link's tab is the open one, and only its chart was sent: the calendar of the linked year.
    assert page.get_by_role("tab", name="Calendar").get_attribute("aria-selected") == "true"
    assert page.locator(".js-plotly-plot").count() == 1
    assert page.locator(".js-plotly-plot .heatmaplayer").count() == 1
    session.assert_clean()
